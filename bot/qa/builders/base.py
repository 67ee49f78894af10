"""Shared pieces of the answer builders: names, machines, sentences, sources, caveats.

Every builder states names in full and years explicitly, carries the sources of the
facts it used and the weakest confidence among them, and adds a caveat to anything
of low confidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.model import Fact, Race, Result
from bot.knowledge.records import WinRecord
from bot.qa.answer import Answer, AnswerField, EntityRef, Status
from bot.qa.format import join, ordinal, plural, site, weakest
from bot.qa.normalize import normalize

MAX_SOURCES = 4
LOW_CAVEAT = " (low confidence: derived or disputed, not confirmed by two sources)"


def plain(name: str) -> str:
    return normalize(name)


def _joined(texts: Sequence[str]) -> str:
    """The parts' texts in order; a part opening with a sentence already said starts after it."""
    said = ""
    for text in dict.fromkeys(texts):
        first, _, rest = text.partition(". ")
        if said and rest and f"{first}." in said:
            text = rest  # ("who won GTD in 2024 and by how much": the winners once, then the margin)
        said = f"{said} {text}".strip()
    return said


def combine(answers: Sequence[Answer]) -> Answer:
    """Several answers as one ("LMP2 in 2024 and 2025"): texts joined, the weakest status and confidence."""
    # Answered when any part is: the text says plainly what the other parts do not know.
    statuses = [a.status for a in answers]
    status: Status = "answered" if "answered" in statuses else ("clarify" if "clarify" in statuses else "unknown")
    return replace(
        answers[0],
        status=status,
        text=_joined([a.text for a in answers]),
        fields=tuple(f for a in answers for f in a.fields),
        lines=tuple(dict.fromkeys(line for a in answers for line in a.lines)),  # ("listed below" in any part)
        years=tuple(y for a in answers for y in a.years),
        entities=tuple(dict.fromkeys(e for a in answers for e in a.entities)),  # (what every part is about)
        sources=tuple(dict.fromkeys(s for a in answers for s in a.sources)),
        confidence=weakest(*(a.confidence for a in answers)),
        summary=None,
    )


def join_or(items: Sequence[str]) -> str:
    return join(list(items), "or")


def date_text(race: Race) -> str:
    if race.date is None:
        return f"{race.year} (exact date unknown)"
    text = f"{race.date.day} {race.date:%B %Y}"
    if race.date_note:
        text += f" ({race.date_note})"
    return text


class AnswerBase:
    """State and helpers every family of answers uses."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        # Normalised once: notes searched for names, fact titles searched for team/make records.
        self._notes = [
            (race, result, note, normalize(note))
            for race in kb.races.values()
            for result in race.results
            for note in (result.drivers_note, result.notes)
            if note
        ]
        self._fact_titles = [(fact, normalize(fact.title)) for fact in kb.facts]
        self._entrants = [
            (race, result, result.entrant, normalize(result.entrant))
            for race in kb.races.values()
            for result in race.results
            if result.entrant
        ]

    def stated(self, ref: EntityRef) -> str:
        """A sourced record about this team or make, in the sources' own words (their counts may be fuller)."""
        if ref.kind not in ("team", "manufacturer"):
            return ""
        name = normalize(ref.name)
        about = [
            f
            for f, title in self._fact_titles
            if f.topic in ("records", "firsts") and f.confidence != "low" and title.startswith(name + " ")
        ]
        about.sort(key=lambda f: (f.topic != "records", "win" not in normalize(f.title)))
        return f" Sources also say: {about[0].text}" if about else ""

    def scope_hint(self) -> str:
        kb = self.kb
        return (
            f"I know every Petit Le Mans from {kb.first_year} to {kb.last_year}: overall and class winners, "
            "drivers', teams' and manufacturers' wins, records, history and the track. "
            'Try "who won in 2015", "how many wins does Dindo Capello have" or "when did Porsche last win".'
        )

    def team_text(self, result: Result) -> str:
        return result.entrant or self.kb.name("team", result.team) if (result.entrant or result.team) else ""

    def class_text(self, result: Result) -> str:
        return result.class_label or self.kb.name("class", result.class_)

    def engine_text(self, result: Result) -> str:
        """The engine as the sources give it, a general-knowledge ('gk') or low-confidence one marked as such."""
        engine = result.engine or ""
        low = result.engine_confidence == "low" or "gk" in engine
        return engine.replace(", gk", "").replace(" (gk)", "") + (LOW_CAVEAT if low else "")

    def crew(self, result: Result) -> str:
        names = self.kb.driver_names(result)
        return join(names) if names else "an unconfirmed crew"

    def machine(self, result: Result) -> str:
        """'the #911 Porsche 911 RSR of Porsche North America'."""
        number = f"#{result.car_number} " if result.car_number else ""
        team = self.team_text(result)
        if not result.car:  # the model is not confirmed: name the entry, not a made-up car
            return f"the {number}entry of {team}" if team else "a car my sources do not name"
        return f"the {number}{self.kb.name('car', result.car)}" + (f" of {team}" if team else "")

    def result_sentence(self, race: Race, result: Result, *, lead: str | None = None) -> str:
        what = lead or (
            f"won Petit Le Mans {race.year} overall"
            if result.overall
            else f"won the {self.class_text(result)} class in {race.year}"
        )
        crew = self.crew(result)
        text = f"{crew[:1].upper()}{crew[1:]} {what} in {self.machine(result)}"
        if result.overall:
            text += f" ({self.class_text(result)} class)"
        text += "."
        if result.drivers_note:
            text += f" Note: {result.drivers_note}"
        if result.confidence == "low":
            text = text[:-1] + LOW_CAVEAT + "." if text.endswith(".") else text + LOW_CAVEAT
        return text

    def sources(self, *items: Race | Result | Fact) -> tuple[str, ...]:
        """The items' sources, a result's own first: a class winner is cited by its class entry's
        sources, not by the overall race report that happens to come with it."""
        out: list[str] = []
        for item in sorted(items, key=lambda i: isinstance(i, Race)):  # (stable: results and facts keep their order)
            out.extend(item.sources)
        return tuple(dict.fromkeys(out))[:MAX_SOURCES]

    def _answer(self, text: str, intent: str, *, items: Iterable[Race | Result | Fact] = (), **extra: Any) -> Answer:
        items = list(items)
        confidence = weakest(*(getattr(i, "confidence", None) for i in items)) if items else None
        footer = None
        if items:
            footer = "Sources: " + "; ".join(self.sources(*items))
            if confidence:
                footer = f"Confidence: {confidence}. {footer}"
        results = [i for i in items if isinstance(i, Result)]
        answer = Answer(
            status="answered", text=text, intent=intent, sources=self.sources(*items) if items else (),
            confidence=confidence, footer=footer,
            entities=self._refs(results[0]) if len(results) == 1 else (),  # one result: who and what it names
        )  # fmt: skip
        return replace(answer, **extra) if extra else answer  # extra: Answer's own fields (title, lines...)

    def _unverified(self, race: Race) -> str:
        if not race.unverified_classes:
            return ""
        return f" Not confirmed in my sources: the {join(race.unverified_classes)} class winner{'s' if len(race.unverified_classes) > 1 else ''}."

    def _result_field(self, result: Result) -> AnswerField:
        name = "Overall" if result.overall else self.class_text(result)
        if result.overall:
            name += f" ({self.class_text(result)})"
        value = f"{self.crew(result)}\n{self.machine(result)[4:]}"
        if result.confidence == "low":
            value += "\n(low confidence)"
        return AnswerField(name, value)

    def _refs(self, result: Result) -> tuple[EntityRef, ...]:
        refs = [EntityRef("driver", d, self.kb.name("driver", d)) for d in result.drivers]
        if result.team:
            refs.append(EntityRef("team", result.team, self.kb.name("team", result.team)))
        if result.car:
            refs.append(EntityRef("car", result.car, self.kb.name("car", result.car)))
        return tuple(refs)

    def class_family(self, class_id: str) -> set[str]:
        """The class and the classes it was renamed from or to (GT and GT2)."""
        family = self.kb.classes[class_id].family if class_id in self.kb.classes else None
        if not family:
            return {class_id}
        return {c.id for c in self.kb.classes.values() if c.family == family}

    def involves(self, result: Result, ref: EntityRef) -> bool:
        if ref.kind == "driver":
            return ref.id in result.drivers
        if ref.kind == "team":
            return result.team == ref.id
        if ref.kind == "car":
            return result.car == ref.id
        if ref.kind == "manufacturer":
            return self.kb.make_of(result) == ref.id
        if ref.kind == "number":
            return result.car_number == ref.id
        return result.class_ == ref.id

    def _placed(self, ref: EntityRef) -> str:
        """' Recorded podium finishes: 2nd overall in 1999.': for a driver who never won."""
        places = [(y, p) for y, race in self.kb.races.items() for p in race.podium if ref.id in p.drivers]
        if not places:
            return ""
        # (placings come from the later research, not the main race records: each says whose it is)
        said = [f"{ordinal(p.position)} overall in {y} (per {site(p.sources[0])})" for y, p in places]
        return " Recorded podium finishes: " + join(said) + "."

    def _class_wins_text(self, rec: WinRecord) -> str:
        if not rec.class_wins:
            return ""
        parts = [
            f"{w.year} ({w.label or self.kb.name('class', w.class_id)}{', low confidence' if w.confidence == 'low' else ''})"
            for w in sorted(rec.class_wins, key=lambda w: w.year)
        ]
        # "recorded": the class results the sources gave are not complete (see unverified classes).
        return f"{plural(len(rec.class_wins), 'class win')} recorded: {join(parts)}"
