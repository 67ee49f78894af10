"""Answer builders: facts from the knowledge base turned into complete sentences.

Every builder states names in full and years explicitly, carries the sources of
the facts it used and the weakest confidence among them, and adds a caveat to
anything of low confidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.model import Fact, Race, Result
from bot.knowledge.records import TableRow, WinRecord, longest_run
from bot.qa.answer import Answer, AnswerField, Candidate, EntityRef, unknown
from bot.qa.format import join, ordinal, plural, possessive, weakest, years_text
from bot.qa.normalize import normalize
from bot.qa.parse import Parsed

MAX_SOURCES = 4
LOW_CAVEAT = " (low confidence: derived or disputed, not confirmed by two sources)"

# attribute → cue phrases, checked in this order (the first that matches wins).
_ATTRIBUTES: list[tuple[str, tuple[str, ...]]] = [
    ("car-number", ("car number", "what number", "which number", "race number")),
    ("pole", ("pole", "qualifying", "qualified", "fastest qualifier", "started first")),
    (
        "margin",
        ("margin", "how close", "by how much", "by how many", "gap", "how far ahead", "winning margin", "closest"),
    ),
    (
        "shortened",
        (
            "shortened",
            "cut short",
            "red flag",
            "red flagged",
            "rain",
            "stopped",
            "full distance",
            "called early",
            "finish early",
            "end early",
        ),
    ),
    ("attendance", ("attendance", "crowd", "spectators", "how many fans", "how many people")),
    ("championship", ("championship", "championships", "series", "which round", "what round", "part of")),
    ("title", ("title", "event name", "official name", "sponsor", "called", "named", "presented", "powered by")),
    (
        "date",
        (
            "date",
            "what day",
            "when was",
            "when did",
            "when is",
            "which day",
            "held on",
            "what month",
            "on october",
            "on september",
            "on november",
            "in october",
            "in september",
            "in november",
        ),
    ),
    ("laps", ("laps", "lap count", "how far", "distance", "miles", "how many lap")),
    ("format", ("format", "how long was", "how many hours", "hours", "length of the race", "10 hours", "1000 miles")),
    (
        "edition",
        (
            "which edition",
            "what edition",
            "edition number",
            "edition was",
            "anniversary",
            "which petit",
            "what number petit",
            "which running",
        ),
    ),
    (
        "classes",
        (
            "class winners",
            "all classes",
            "each class",
            "every class",
            "all the classes",
            "classes",
            "class results",
            "gt winners",
        ),
    ),
    ("winner-class", ("what class", "which class", "class was")),
    ("engine", ("engine", "powered", "motor")),
    ("manufacturer", ("manufacturer", "make", "brand", "constructor", "marque", "maker")),
    ("car", ("car", "chassis", "model", "drive", "drove", "vehicle")),
    ("team", ("team", "entrant", "squad", "outfit")),
    ("card", ("race card", "tell me about", "results", "summary", "what happened", "recap", "everything")),
]


# Cue words that also occur in questions about something else ("which series grew out of ...").
WEAK_CUES = frozenset({"series", "part of", "called", "named", "running", "make", "drive", "model", "hours", "results"})


def attribute_asked(p: Parsed) -> tuple[str | None, str | None]:
    """The race attribute a question asks for, and the cue phrase that said so."""
    if p.phrase("what number edition", "which number edition", "what edition", "which edition", "edition number"):
        return "edition", "edition"  # "what number edition was 2025": not the car number
    for attribute, cues in _ATTRIBUTES:
        for cue in cues:
            if p.phrase(cue):
                return attribute, cue
    return None, None


def plain(name: str) -> str:
    return normalize(name)


def combine(answers: Sequence[Answer]) -> Answer:
    """Several answers as one ("LMP2 in 2024 and 2025"): texts joined, the weakest status and confidence."""
    # Answered when any part is: the text says plainly what the other parts do not know.
    statuses = [a.status for a in answers]
    status = "answered" if "answered" in statuses else ("clarify" if "clarify" in statuses else "unknown")
    return replace(
        answers[0],
        status=status,
        text=" ".join(dict.fromkeys(a.text for a in answers)),
        fields=tuple(f for a in answers for f in a.fields),
        years=tuple(y for a in answers for y in a.years),
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


class Builders:
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

    # -- pieces ------------------------------------------------------------------------------
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
        verb = "were" if len(result.drivers) > 1 else "was"
        crew = self.crew(result)
        text = f"{crew[:1].upper()}{crew[1:]} {what} in {self.machine(result)}"
        if result.overall:
            text += f" ({self.class_text(result)} class)"
        text += "."
        _ = verb
        if result.drivers_note:
            text += f" Note: {result.drivers_note}"
        if result.confidence == "low":
            text = text[:-1] + LOW_CAVEAT + "." if text.endswith(".") else text + LOW_CAVEAT
        return text

    def sources(self, *items: Race | Result | Fact) -> tuple[str, ...]:
        out: list[str] = []
        for item in items:
            out.extend(item.sources)
        return tuple(dict.fromkeys(out))[:MAX_SOURCES]

    def _answer(self, text: str, intent: str, *, items: Iterable[Race | Result | Fact] = (), **extra: object) -> Answer:
        items = list(items)
        confidence = weakest(*(getattr(i, "confidence", None) for i in items)) if items else None
        footer = None
        if items:
            footer = "Sources: " + "; ".join(self.sources(*items))
            if confidence:
                footer = f"Confidence: {confidence}. {footer}"
        return Answer(
            status="answered", text=text, intent=intent, sources=self.sources(*items) if items else (),
            confidence=confidence, footer=extra.pop("footer", footer), **extra,  # type: ignore[arg-type]
        )  # fmt: skip

    # -- years ---------------------------------------------------------------------------------
    def winner(self, race: Race, *, with_classes: bool) -> Answer:
        result = race.overall
        text = self.result_sentence(race, result)
        if race.shortened:
            text += f" The race was shortened: {race.shortened_reason or 'it did not run its full distance'}"
            text = text if text.endswith(".") else text + "."
        fields = [self._result_field(result)]
        items: list[Race | Result] = [race, result]
        summary = None
        if with_classes:
            summary = text + self._unverified(race)
            for cr in race.class_results:
                fields.append(self._result_field(cr))
                items.append(cr)
            if race.class_results:
                text += (
                    " Class winners: "
                    + "; ".join(f"{self.class_text(r)}: {self.crew(r)}" for r in race.class_results)
                    + "."
                )
            text += self._unverified(race)
        return self._answer(
            text, "winner", items=items, title=f"Petit Le Mans {race.year}: winners",
            fields=tuple(fields), years=(race.year,), entities=self._refs(result), summary=summary,
        )  # fmt: skip

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

    def mention(self, words: Sequence[str]) -> Answer | None:
        """A name that won nothing but that a result's notes speak of (Lietz, Johansson, Minassian)."""
        wanted = [normalize(w) for w in words if len(w) >= 4]
        for race, result, note, normalized in self._entrants:
            if wanted and all(f" {w} " in f" {normalized} " for w in wanted):
                years = [r.year for r, res, n, _ in self._entrants if n == note]
                text = (
                    f"{' '.join(words).title()} is not a team of its own in my knowledge, but it appears in the entry "
                    f"\u201c{note}\u201d, which won {'overall' if result.overall else 'its class'} in {years_text(years)}."
                )
                return self._answer(text, "mention", items=[race, result], years=tuple(years))
        for race, result, note, normalized in self._notes:
            if wanted and all(f" {w} " in f" {normalized} " for w in wanted):
                text = (
                    f"{' '.join(words).title()} is not among the winners in my knowledge, but the notes on the "
                    f"{race.year} {self.class_text(result)} winners say: {note}"
                )
                return self._answer(text, "mention", items=[race, result], years=(race.year,))
        return None

    def placing(self, race: Race) -> Answer:
        """Second places and podiums are not in the knowledge base; the margin note may name the runner-up."""
        margin = race.overall.margin
        text = f"My knowledge records the winners of each race, not the full finishing order of {race.year}."
        if margin:
            text += f" What my sources say about the finish: winning margin {margin}."
        return unknown(text, "placing", years=(race.year,), sources=self.sources(race.overall) if margin else ())

    def offer_year(self, race: Race) -> Answer:
        y = race.year
        candidates = [
            Candidate(f"Winners of {y}", f"who won in {y}"),
            Candidate(f"Class winners of {y}", f"class winners {y}"),
            Candidate(f"The {y} race card", f"tell me about the {y} race"),
        ]
        return Answer(
            status="clarify", intent="year", years=(y,), candidates=tuple(candidates),
            text=(
                f"I'm not sure what you want to know about the {y} race. I can give its winners, class winners, "
                "date, pole, margin, laps, title, championships and whether it was shortened."
            ),
        )  # fmt: skip

    def race_card(self, race: Race) -> Answer:
        fields = [
            AnswerField("Date", date_text(race), True),
            AnswerField("Edition", ordinal(race.edition), True),
            AnswerField("Format", race.format, True),
            AnswerField("Championships", "\n".join(race.championships)),
            AnswerField("Shortened", f"Yes: {race.shortened_reason}" if race.shortened else "No"),
        ]
        items: list[Race | Result] = [race]
        for result in race.results:
            fields.append(self._result_field(result))
            items.append(result)
        if race.unverified_classes:
            fields.append(AnswerField("Not confirmed", ", ".join(race.unverified_classes)))
        head = f"Petit Le Mans {race.year} ({race.event_title}, {ordinal(race.edition)} edition) was held on {date_text(race)}."
        text = f"{head} {self.winner(race, with_classes=True).text}"
        return self._answer(
            text,
            "race-card",
            items=items,
            title=f"{race.event_title} {race.year}",
            fields=tuple(fields),
            years=(race.year,),
            summary=head,
        )

    def attribute(self, race: Race, attribute: str, p: Parsed) -> Answer:
        o = race.overall
        y = race.year
        items: list[Race | Result] = [race, o]
        if attribute == "classes":
            return self.winner(race, with_classes=True)
        if attribute == "card":
            return self.race_card(race)
        if attribute == "team":
            text = f"The {y} overall winners were entered by {self.team_text(o) or 'a team my sources do not name'}: {self.crew(o)}."
        elif attribute == "car":
            text = f"The {y} race was won by {self.machine(o)}, driven by {self.crew(o)}."
        elif attribute == "manufacturer":
            make = self.kb.make_of(o)
            text = f"The {y} overall winner was a {self.kb.name('manufacturer', make)}: {self.machine(o)}, driven by {self.crew(o)}."
        elif attribute == "engine":
            if not o.engine:
                return unknown(f"My sources do not record the engine of the {y} winning car.", "engine", years=(y,))
            caveat = LOW_CAVEAT if o.engine_confidence == "low" or "gk" in o.engine else ""
            engine = o.engine.replace(", gk", "").replace(" (gk)", "")
            text = f"The {y} winning {self.kb.name('car', o.car)} was powered by: {engine}{caveat}."
        elif attribute == "winner-class":
            text = f"The {y} overall winners, {self.crew(o)}, raced in the {self.class_text(o)} class."
        elif attribute == "car-number":
            if not o.car_number:
                return unknown(
                    f"My sources do not confirm the car number of the {y} winner ({self.crew(o)}).",
                    "car-number",
                    years=(y,),
                )
            caveat = LOW_CAVEAT if o.car_number_confidence == "low" else ""
            text = f"The {y} winners, {self.crew(o)}, drove car #{o.car_number}{caveat}."
        elif attribute == "laps":
            if o.laps is None:
                extra = f" The distance is recorded as: {race.distance}." if race.distance else ""
                return unknown(f"My sources do not give the winner's lap count for {y}.{extra}", "laps", years=(y,))
            caveat = LOW_CAVEAT if o.laps_confidence == "low" else ""
            text = f"The {y} winners, {self.crew(o)}, completed {o.laps} laps{caveat}."
            if race.distance:
                text += f" Distance: {race.distance}."
        elif attribute == "date":
            text = f"Petit Le Mans {y} was held on {date_text(race)}."
            items = [race]
        elif attribute == "margin":
            if not o.margin:
                return unknown(f"My sources do not give the winning margin for {y}.", "margin", years=(y,))
            text = f"Winning margin in {y}: {o.margin}."
        elif attribute == "pole":
            if not race.pole:
                return unknown(f"My sources do not record who took pole position in {y}.", "pole", years=(y,))
            caveat = LOW_CAVEAT if race.pole_confidence == "low" else ""
            text = f"Pole position in {y}: {race.pole}{caveat}."
            items = [race]
        elif attribute == "shortened":
            if race.shortened:
                text = f"Yes, the {y} race was shortened: {race.shortened_reason}"
            else:
                text = f"No, the {y} race was not shortened; it ran its full {race.format.lower()} format."
            items = [race]
        elif attribute == "attendance":
            if not race.attendance:
                return unknown(f"My sources do not give an attendance figure for {y}.", "attendance", years=(y,))
            text = f"Attendance in {y}: {race.attendance}."
            items = [race]
        elif attribute == "championship":
            text = f"In {y} Petit Le Mans was part of: {join(race.championships)}."
            items = [race]
        elif attribute == "title":
            caveat = " (the full sponsor title is not confirmed)" if race.title_confidence == "low" else ""
            text = f"The {y} event was called \u201c{race.event_title}\u201d{caveat}."
            items = [race]
        elif attribute == "format":
            text = f"In {y} the race format was {race.format}."
            if race.shortened:
                text += f" It was shortened: {race.shortened_reason}"
            items = [race]
        elif attribute == "edition":
            text = f"The {y} race was the {ordinal(race.edition)} Petit Le Mans."
            items = [race]
        else:  # pragma: no cover - every attribute above is handled
            return self.winner(race, with_classes=False)
        if not text.endswith("."):
            text += "."
        return self._answer(text, attribute, items=items, title=f"Petit Le Mans {y}", years=(y,))

    def class_winner(self, race: Race, class_id: str) -> Answer:
        results = [r for r in race.results if r.class_ == class_id]
        name = self.kb.name("class", class_id)
        if not results:
            if any(normalize(c).split()[0] == normalize(name) for c in race.unverified_classes):
                return unknown(
                    f"The {race.year} {name} class winner is not confirmed in my sources.",
                    "class-winner",
                    years=(race.year,),
                )
            classes = join(sorted({self.class_text(r) for r in race.results}))
            return unknown(
                f"There is no {name} class winner in {race.year} in my knowledge. The {race.year} class winners I know: {classes}.",
                "class-winner", years=(race.year,),
            )  # fmt: skip
        texts = [self.result_sentence(race, r) for r in results]
        return self._answer(
            " ".join(texts), "class-winner", items=[race, *results], title=f"{name} winners {race.year}",
            fields=tuple(self._result_field(r) for r in results), years=(race.year,),
        )  # fmt: skip

    def class_history(self, class_id: str, *, pick: str | None = None, years: Sequence[int] | None = None) -> Answer:
        """Every recorded winner of a class; or its ``pick="first"``/``"last"`` winner; or those of ``years``."""
        name = self.kb.name("class", class_id)
        rows = self.kb.records.class_winners.get(class_id, [])
        if years is not None:
            rows = [(y, r) for y, r in rows if y in years]
        if not rows:
            return unknown(f"I have no {name} class winners recorded.", "class-history")
        if pick:
            year, result = rows[0] if pick == "first" else rows[-1]
            which = "first" if pick == "first" else "last"
            span = f"{name} ran at Petit Le Mans (as far as my results go) from {rows[0][0]} to {rows[-1][0]}."
            text = f"The {which} {name} class winners in my knowledge: " + self.result_sentence(
                self.kb.races[year], result
            )
            return self._answer(
                f"{text} {span}", "class-history", items=[result], title=f"{name}: {which} winners", years=(year,)
            )
        lines = tuple(
            f"{year}: {self.crew(r)} ({self.machine(r)[4:]}){' (low confidence)' if r.confidence == 'low' else ''}"
            for year, r in rows
        )
        text = (
            f"{name} class winners at Petit Le Mans ({len(rows)}): "
            + "; ".join(f"{y}: {self.crew(r)}" for y, r in rows)
            + "."
        )
        return self._answer(text, "class-history", items=[r for _, r in rows], title=f"{name} winners", lines=lines)

    # -- entities -------------------------------------------------------------------------------
    def _class_wins_text(self, rec: WinRecord) -> str:
        if not rec.class_wins:
            return ""
        parts = [
            f"{w.year} ({w.label or self.kb.name('class', w.class_id)}{', low confidence' if w.confidence == 'low' else ''})"
            for w in sorted(rec.class_wins, key=lambda w: w.year)
        ]
        # "recorded": the class results the sources gave are not complete (see unverified classes).
        return f"{plural(len(rec.class_wins), 'class win')} recorded: {join(parts)}"

    def entity(self, ref: EntityRef, p: Parsed, class_id: str | None) -> Answer:
        if ref.kind == "class":  # pragma: no cover - routed to class_history
            return self.class_history(ref.id)
        if p.phrase("how old", "age", "born", "birthday", "birth", "date of birth", "died", "alive"):
            return unknown(
                f"My sources do not record {possessive(ref.name)} age or birth date.", "age", entities=(ref,)
            )
        if ref.kind == "driver" and p.phrase(
            "nationality",
            "what country",
            "which country",
            "where is",
            "where does",
            "come from",
            "from where",
            "is he from",
            "is she from",
        ):
            return self.nationality(ref)
        rec = self.kb.records.get(ref.kind, ref.id)
        name = ref.name
        overall = rec.overall_years
        wins_text = (
            f"{name} has won Petit Le Mans overall {plural(len(overall), 'time')}: {years_text(overall)}."
            if overall else f"{name} has never won Petit Le Mans overall."
        )  # fmt: skip
        class_text = self._class_wins_text(rec)
        if class_text:
            wins_text += f" {possessive(name)} {class_text}." if overall else f" {name} has {class_text}."
        elif not overall:
            wins_text = f"{name} has no Petit Le Mans win credited to it, overall or in a class, in my knowledge."
        wins_text += self._engine_wins(ref) + self._related(ref) + self._family(ref) + self._stated(ref)
        lead = ""
        if p.phrase(
            "first win",
            "first won",
            "first victory",
            "win first",
            "won first",
            "first time",
            "first triumph",
            "debut win",
        ) or (p.has("first") and p.has("win", "won", "victory")):
            lead = self._first_last(rec, name, first=True)
        elif p.phrase(
            "last win",
            "last won",
            "last victory",
            "most recent",
            "latest win",
            "win last",
            "won last",
            "last time",
            "latest victory",
        ) or (p.has("last", "latest", "recent", "recently") and p.has("win", "won", "victory")):
            lead = self._first_last(rec, name, first=False)
        elif p.has("team", "teams", "entrant", "entrants") and ref.kind in ("driver", "car", "manufacturer"):
            lead = self._teams(rec, name)
        elif p.has("car", "cars", "chassis", "drive", "drove", "model") and ref.kind in ("driver", "team"):
            lead = self._cars(rec, name)
        elif ref.kind == "driver" and (
            (p.has("with") and p.has("who", "whom"))
            or p.phrase(
                "share",
                "co driver",
                "codriver",
                "co drivers",
                "codrivers",
                "teammate",
                "teammates",
                "team mate",
                "team mates",
                "partner",
                "partners",
                "with whom",
                "win with",
                "won with",
                "alongside",
                "shared",
            )
        ):
            lead = self._co_drivers(rec, name)
        elif p.phrase("streak", "in a row", "consecutive", "straight", "ended", "end", "ending"):
            run = longest_run(overall)
            lead = (
                f"{possessive(name)} longest run of consecutive overall wins: {run[0]}\u2013{run[1]} ({run[1] - run[0] + 1})."
                if run and run[1] > run[0] else f"{name} has no consecutive overall wins."
            )  # fmt: skip
            after = self.kb.races.get(run[1] + 1) if run and run[1] > run[0] else None
            if after:
                lead += f" The run ended in {after.year}, won by {self.crew(after.overall)} in {self.machine(after.overall)}."
        text = f"{lead} {wins_text}".strip()
        wins_lines = tuple(
            f"{y}: {self.crew(self.kb.races[y].overall)} ({self.machine(self.kb.races[y].overall)[4:]})"
            for y in overall
        )
        fields = [
            AnswerField("Overall wins", f"{len(overall)}" + (f" ({years_text(overall)})" if overall else ""), True)
        ]
        if rec.class_wins:
            fields.append(AnswerField("Class wins", self._class_wins_text(rec).split(": ", 1)[1]))
        items = self._record_items(rec)
        return self._answer(
            text, f"{ref.kind}-wins", items=items, title=name, fields=tuple(fields), entities=(ref,), years=tuple(overall),
            lines=wins_lines if p.has("list", "all", "every", "crews", "crew", "drivers") else (),
            footer=f"Derived from {plural(len(items), 'result')} in the knowledge base.",
        )  # fmt: skip

    def nationality(self, ref: EntityRef) -> Answer:
        driver = self.kb.drivers[ref.id]
        if not driver.nationality:
            return unknown(
                f"My sources do not give {possessive(ref.name)} nationality.", "nationality", entities=(ref,)
            )
        caveat = LOW_CAVEAT if driver.nationality_confidence == "low" else ""
        return self._answer(
            f"{ref.name}'s nationality is given as {driver.nationality}{caveat}.", "nationality", title=ref.name,
            entities=(ref,), footer=f"Confidence: {driver.nationality_confidence}.",
        )  # fmt: skip

    def _engine_wins(self, ref: EntityRef) -> str:
        years = self.kb.records.engine_wins.get(ref.id, []) if ref.kind == "manufacturer" else []
        if not years:
            return ""
        return f" {ref.name} engines also powered the overall winners of {years_text(years)}, in another make's car."

    def _related(self, ref: EntityRef) -> str:
        team = self.kb.teams.get(ref.id) if ref.kind == "team" else None
        parts = []
        for other in team.related if team else []:
            wins = self.kb.records.get("team", other).overall_years
            if wins:
                parts.append(f"{self.kb.name('team', other)}, a related entry, won overall in {years_text(wins)}")
        return f" ({'; '.join(parts)}.)" if parts else ""

    def _family(self, ref: EntityRef) -> str:
        """Cars sharing a model name ('Peugeot 908' and 'Peugeot 908 HDi FAP'), counted apart in the data."""
        if ref.kind != "car":
            return ""
        name = normalize(ref.name)
        parts = []
        for car in self.kb.cars.values():
            other = normalize(car.name)
            if car.id != ref.id and (other.startswith(name + " ") or name.startswith(other + " ")):
                rec = self.kb.records.get("car", car.id)
                won = f"overall {years_text(rec.overall_years)}" if rec.overall_years else ""
                cls = f"{plural(len(rec.class_wins), 'class win')}" if rec.class_wins else ""
                if won or cls:
                    parts.append(f"{car.name} ({', '.join(x for x in (won, cls) if x)})")
        return f" Counted separately: {join(parts)}." if parts else ""

    def _stated(self, ref: EntityRef) -> str:
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

    def _record_items(self, rec: WinRecord) -> list[Result]:
        items = []
        for year in rec.overall_years:
            items.append(self.kb.races[year].overall)
        for w in rec.class_wins:
            items.extend(r for r in self.kb.races[w.year].results if r.class_ == w.class_id and not r.overall)
        return items

    def _first_last(self, rec: WinRecord, name: str, *, first: bool) -> str:
        which = "first" if first else "last"
        if rec.overall_years:
            year = rec.overall_years[0] if first else rec.overall_years[-1]
            result = self.kb.races[year].overall
            return (
                f"{possessive(name)} {which} overall win was in {year}: {self.crew(result)} in {self.machine(result)}."
            )
        if rec.class_wins:
            wins = sorted(rec.class_wins, key=lambda w: w.year)
            w = wins[0] if first else wins[-1]
            return f"{possessive(name)} {which} class win was in {w.year} ({self.kb.name('class', w.class_id)})."
        return ""

    def _tally(self, kind: str, counts: Counter[str]) -> str:
        """'Audi R10 TDI (3) and Audi R8 (2)': names most frequent first, a count where above one."""
        return join(
            [f"{self.kb.name(kind, i)} ({n})" if n > 1 else self.kb.name(kind, i) for i, n in counts.most_common()]
        )

    def _co_drivers(self, rec: WinRecord, name: str) -> str:
        if not rec.co_drivers:
            return f"{name} has no overall win, so no overall co-winners."
        return f"{possessive(name)} overall co-winners: {self._tally('driver', rec.co_drivers)}."

    def _cars(self, rec: WinRecord, name: str) -> str:
        return f"{name} won overall in: {self._tally('car', rec.cars)}." if rec.overall_years else ""

    def _teams(self, rec: WinRecord, name: str) -> str:
        return f"{name} won overall with: {self._tally('team', rec.teams)}." if rec.overall_years else ""

    def entity_in_year(self, ref: EntityRef, race: Race, p: Parsed, class_id: str | None = None) -> Answer:
        results = [r for r in race.results if self._involves(r, ref)]
        yes_no = bool(p.words) and p.words[0] in ("did", "does", "has", "have", "was", "were", "is", "are")
        if class_id and results and not any(r.class_ == class_id for r in results):
            # "did Nolan Siegel win LMP3 in 2023": he won, but another class.
            won = join([self.class_text(r) for r in results])
            wanted = self.kb.name("class", class_id)
            return self._answer(
                f"No: {ref.name} won {won} in {race.year}, not {wanted}. " + self.class_winner(race, class_id).text,
                "entity-year", items=[race, *results], title=f"{ref.name} in {race.year}", entities=(ref,), years=(race.year,),
            )  # fmt: skip
        if class_id:
            results = [r for r in results if r.class_ == class_id]
            if not results:  # "who won GTD Pro in 2022, wasn't it Risi?": no, and here is who did
                wanted = self.kb.name("class", class_id)
                answer = self.class_winner(race, class_id)
                prefix = f"No: {ref.name} is not among the {race.year} {wanted} winners in my knowledge. "
                return replace(answer, text=prefix + answer.text, entities=(ref,))
        claimed = max((n for n in p.numbers if 2 <= n <= 9), default=0)
        if yes_no and results and claimed > len(results) and p.has("classes", "class", "times", "wins"):
            # "did Nolan Siegel win two classes in 2023?": he won one.
            won = join([self.class_text(r) for r in results])
            return self._answer(
                f"No: {ref.name} won {plural(len(results), 'class', 'classes')} in {race.year} ({won}), not {claimed}. "
                + " ".join(self.result_sentence(race, r) for r in results),
                "entity-year", items=[race, *results], title=f"{ref.name} in {race.year}", entities=(ref,), years=(race.year,),
            )  # fmt: skip
        if not results:
            o = race.overall
            text = (
                f"{'No: ' if yes_no else ''}{ref.name} is not among the {race.year} winners in my knowledge. "
                f"The {race.year} overall winners were {self.crew(o)} in {self.machine(o)}."
            )
            text += self._unverified(race)
            return self._answer(
                text,
                "entity-year",
                items=[race, o],
                title=f"{ref.name} in {race.year}",
                entities=(ref,),
                years=(race.year,),
            )
        sentences = [self.result_sentence(race, r) for r in results]
        lead = "Yes. " if yes_no else ""
        return self._answer(
            lead + " ".join(sentences), "entity-year", items=[race, *results], title=f"{ref.name} in {race.year}",
            fields=tuple(self._result_field(r) for r in results), entities=(ref,), years=(race.year,),
        )  # fmt: skip

    def _involves(self, result: Result, ref: EntityRef) -> bool:
        if ref.kind == "driver":
            return ref.id in result.drivers
        if ref.kind == "team":
            return result.team == ref.id
        if ref.kind == "car":
            return result.car == ref.id
        if ref.kind == "manufacturer":
            return self.kb.make_of(result) == ref.id
        return result.class_ == ref.id

    def profile(self, ref: EntityRef) -> Answer:
        rec = self.kb.records.get(ref.kind, ref.id)
        empty = Parsed("", "", [])
        answer = self.entity(ref, empty, None)
        extra: list[AnswerField] = list(answer.fields)
        if rec.overall_years:
            if ref.kind == "driver":
                extra.append(AnswerField("Co-winners", self._co_drivers(rec, ref.name).split(": ", 1)[-1]))
            if ref.kind in ("driver", "team"):
                extra.append(AnswerField("Winning cars", self._cars(rec, ref.name).split(": ", 1)[-1]))
            if ref.kind in ("driver", "car", "manufacturer"):
                teams = self._teams(rec, ref.name)
                if teams:
                    extra.append(AnswerField("Teams", teams.split(": ", 1)[-1]))
        return replace(answer, fields=tuple(extra), intent="profile")

    def compare(self, a: EntityRef, b: EntityRef, p: Parsed) -> Answer:
        ra, rb = self.kb.records.get(a.kind, a.id), self.kb.records.get(b.kind, b.id)
        use_class = p.phrase("class win", "class wins", "class victories")
        na = len(ra.class_wins) if use_class else ra.wins
        nb = len(rb.class_wins) if use_class else rb.wins
        what = "class wins" if use_class else "overall wins"
        head = (
            f"{a.name} and {b.name} have the same number of {what}: {na}."
            if na == nb else f"{(a if na > nb else b).name} has more {what}: {max(na, nb)} against {min(na, nb)}."
        )  # fmt: skip
        detail = [
            f"{x.name}: {plural(len(r.overall_years), 'overall win')}"
            + (f" ({years_text(r.overall_years)})" if r.overall_years else "")
            + (f", {plural(len(r.class_wins), 'class win')}" if r.class_wins else "")
            for x, r in ((a, ra), (b, rb))
        ]
        items = self._record_items(ra) + self._record_items(rb)
        return self._answer(
            f"{head} {'; '.join(detail)}.", "compare", items=items, title=f"{a.name} vs {b.name}", entities=(a, b),
            footer=f"Derived from {plural(len(items), 'result')} in the knowledge base.",
        )  # fmt: skip

    def without(self, a: EntityRef, b: EntityRef) -> Answer:
        """Wins of ``a`` that ``b`` had no part in ("did McNish ever win without Capello")."""
        ra = self.kb.records.get(a.kind, a.id)
        alone = [y for y in ra.overall_years if not self._involves(self.kb.races[y].overall, b)]
        if not ra.overall_years:
            text = f"{a.name} has never won Petit Le Mans overall."
        elif alone:
            text = f"Yes: {a.name} won overall without {b.name} {plural(len(alone), 'time')}: {years_text(alone)}."
        else:
            text = f"No: every overall win of {a.name} ({years_text(ra.overall_years)}) was shared with {b.name}."
        items = [self.kb.races[y].overall for y in ra.overall_years]
        return self._answer(text, "without", items=items, title=f"{a.name} without {b.name}", entities=(a, b))

    def winners_of(self, years: Sequence[int]) -> Answer:
        """Overall winners of several years ("every winner since 2020")."""
        races = [self.kb.races[y] for y in years]
        lines = tuple(f"{r.year}: {self.crew(r.overall)} ({self.machine(r.overall)[4:]})" for r in races)
        span = [r.year for r in races]
        contiguous = span == list(range(span[0], span[-1] + 1))
        text = (
            (
                f"Overall winners {span[0]}\u2013{span[-1]}: "
                if contiguous
                else f"Overall winners of {years_text(span)}: "
            )
            + "; ".join(f"{r.year} {self.crew(r.overall)}" for r in races)
            + "."
        )
        items = [r.overall for r in races]
        return self._answer(
            text, "winners", items=items, title="Petit Le Mans winners", lines=lines, years=tuple(years)
        )

    def every_year(self, ref: EntityRef, years: range) -> Answer:
        """'did Audi win every year from 2000 to 2010': check each year of the span."""
        span = [y for y in years if y in self.kb.races]
        won = [y for y in span if self._involves(self.kb.races[y].overall, ref)]
        missed = [y for y in span if y not in won]
        if not missed:
            text = f"Yes: {ref.name} won every Petit Le Mans from {span[0]} to {span[-1]} overall."
        else:
            others = "; ".join(f"{y}: {self.crew(self.kb.races[y].overall)}" for y in missed)
            text = (
                f"No: from {span[0]} to {span[-1]} {ref.name} won overall in {years_text(won) or 'none of those years'}, "
                f"but not in {years_text(missed)} ({others})."
            )
        items = [self.kb.races[y].overall for y in span]
        return self._answer(
            text, "every-year", items=items, title=f"{ref.name} {span[0]}\u2013{span[-1]}", entities=(ref,)
        )

    def streak_breaker(self, a: EntityRef, b: EntityRef) -> Answer:
        """'which year did Peugeot end Audi's streak': whose run the other's win ended."""
        for runner, breaker in ((b, a), (a, b)):
            run = longest_run(self.kb.records.get(runner.kind, runner.id).overall_years)
            after = self.kb.races.get(run[1] + 1) if run and run[1] > run[0] else None
            if after and self._involves(after.overall, breaker):
                return self._answer(
                    f"{breaker.name} ended {possessive(runner.name)} run of {run[1] - run[0] + 1} straight overall wins "
                    f"({run[0]}\u2013{run[1]}) in {after.year}: {self.crew(after.overall)} in {self.machine(after.overall)}.",
                    "streak-end", items=[after.overall], title=f"{runner.name}'s streak", entities=(a, b), years=(after.year,),
                )  # fmt: skip
        return self.compare(a, b, Parsed("", "", []))

    def together(self, a: EntityRef, b: EntityRef, year: int | None) -> Answer:
        races = [self.kb.races[year]] if year is not None else list(self.kb.races.values())
        hits = [(race, r) for race in races for r in race.results if self._involves(r, a) and self._involves(r, b)]
        if not hits:
            if year is not None:  # "did Porsche Penske win with Porsche in 2024?": no, and here is who did
                o = self.kb.races[year].overall
                return self._answer(
                    f"No: my knowledge has no {year} win shared by {a.name} and {b.name}. The {year} overall winners "
                    f"were {self.crew(o)} in {self.machine(o)}.{self._unverified(self.kb.races[year])}",
                    "together", entities=(a, b), items=[self.kb.races[year], o], years=(year,),
                )  # fmt: skip
            return self._answer(
                f"My knowledge has no Petit Le Mans win shared by {a.name} and {b.name}.", "together", entities=(a, b)
            )
        sentences = [self.result_sentence(race, r) for race, r in hits]
        head = (
            f"Yes: {a.name} and {b.name} won together in {year}."
            if year is not None
            else f"{a.name} and {b.name} won together {plural(len(hits), 'time')}: {years_text([r.year for r, _ in hits])}."
        )
        return self._answer(
            f"{head} " + " ".join(sentences),
            "together", items=[r for _, r in hits], title=f"{a.name} + {b.name}", entities=(a, b),
        )  # fmt: skip

    # -- records -------------------------------------------------------------------------------
    def _kind(self, p: Parsed) -> str:
        if p.has("team", "teams", "entrant", "entrants", "squad"):
            return "team"
        if p.has(
            "manufacturer",
            "manufacturers",
            "make",
            "makes",
            "brand",
            "brands",
            "constructor",
            "constructors",
            "marque",
            "maker",
            "makers",
        ):
            return "manufacturer"
        if p.has("car", "cars", "chassis", "model", "models"):
            return "car"
        return "driver"

    def _names(self, kind: str, rows: Iterable[TableRow]) -> list[str]:
        return [f"{self.kb.name(kind, r.id)} ({years_text(r.years)})" for r in rows]

    def records(self, p: Parsed, class_id: str | None = None) -> Answer:
        kind = self._kind(p)
        label = {"driver": "drivers", "team": "teams", "manufacturer": "manufacturers", "car": "cars"}[kind]
        use_class = p.phrase("class win", "class wins", "class victories", "class titles")
        table = self.kb.records.table(kind, classes=use_class)
        what = "class wins" if use_class else "overall wins"
        kb = self.kb
        if (
            (p.phrase("how many") and p.has("races", "editions", "held", "runnings", "run"))
            or (
                p.phrase("how many petit le mans", "how many petits", "how many plm", "how many plms")
                and p.has("been", "held", "there")
            )
        ) and not p.has("won", "win", "wins"):
            n = len(kb.races)
            return self._answer(
                f"There have been {n} editions of Petit Le Mans in my knowledge, from {kb.first_year} to {kb.last_year}.",
                "editions",
                footer=f"Counted from {n} race records.",
            )
        if p.phrase("streak", "in a row", "consecutive", "straight", "back to back"):
            return self._streaks(kind, label, class_id)
        if p.has("laps", "lap"):
            return self.records_table("laps")
        if p.phrase("more than once", "multiple", "several", "repeat winners", "multiple winners", "more than one"):
            rows = [r for r in table if r.count >= 2]
            return self._rows_answer(
                f"{len(rows)} {label} have won Petit Le Mans overall more than once", kind, rows, what
            )
        if p.has("different", "distinct", "unique") or p.phrase(
            "how many drivers have won", "how many teams have won", "how many manufacturers have won"
        ):
            n = kb.records.distinct_winners(kind)
            return self._answer(
                f"{n} different {label} have won Petit Le Mans overall ({kb.first_year}\u2013{kb.last_year}, {len(kb.races)} races).",
                "distinct-winners",
                footer="Derived from the overall results.",
            )
        if not table:
            return unknown(f"I have no {what} recorded for {label}.", "records")
        wanted = [n for n in p.numbers if 1 <= n <= 12]
        if p.phrase("more than once", "multiple", "several", "repeat winners", "multiple winners"):
            rows = [r for r in table if r.count >= 2]
            return self._rows_answer(
                f"{len(rows)} {label} have won Petit Le Mans overall more than once", kind, rows, what
            )
        if wanted and p.has("wins", "win", "won", "times", "time", "victories", "winner", "winners"):
            n = wanted[0]
            rows = [r for r in table if r.count == n]
            if not rows:
                return self._answer(
                    f"No {label[:-1]} has exactly {n} {what}.", "records", footer="Derived from the results."
                )
            return self._rows_answer(f"{label.capitalize()} with exactly {n} {what} ({len(rows)})", kind, rows, what)
        counts = sorted({r.count for r in table}, reverse=True)
        rank = (
            2
            if p.phrase(
                "second most", "2nd most", "second best", "second place", "runner up", "next most", "second highest"
            )
            else 1
        )
        if p.phrase("third most", "3rd most"):
            rank = 3
        if rank > len(counts):
            return unknown(f"There is no {ordinal(rank)} place in the {label} table.", "records")
        count = counts[rank - 1]
        rows = [r for r in table if r.count == count]
        names = self._names(kind, rows)
        place = "most" if rank == 1 else f"{ordinal(rank)}-most"
        if len(rows) == 1:
            text = f"{self.kb.name(kind, rows[0].id)} has the {place} {what} at Petit Le Mans among {label}: {count} ({years_text(rows[0].years)})."
        else:
            text = f"{len(rows)} {label} share the {place} {what} at Petit Le Mans, {count} each: {join(names)}."
        lines = self._lines(kind, table)
        return self._answer(
            text, "records", title=f"Most {what}: {label}", lines=lines,
            footer="Derived from the results in the knowledge base.",
        )  # fmt: skip

    def _rows_answer(self, head: str, kind: str, rows: list[TableRow], what: str) -> Answer:
        return self._answer(
            f"{head}: {join([f'{self.kb.name(kind, r.id)} ({r.count})' for r in rows])}.", "records",
            lines=self._lines(kind, rows), title=head, footer="Derived from the results in the knowledge base.",
        )  # fmt: skip

    def _lines(self, kind: str, rows: Iterable[TableRow]) -> tuple[str, ...]:
        return tuple(
            f"{i}. {self.kb.name(kind, r.id)}: {r.count} ({years_text(r.years)})" for i, r in enumerate(rows, 1)
        )

    def _streaks(self, kind: str, label: str, class_id: str | None = None) -> Answer:
        """Longest runs of consecutive wins: overall, or in one class ("LMP2 three years in a row")."""
        runs = []
        for rec in self.kb.records.all(kind):
            years = sorted(w.year for w in rec.class_wins if w.class_id == class_id) if class_id else rec.overall_years
            run = longest_run(years)
            if run and run[1] > run[0]:
                runs.append((run[1] - run[0] + 1, run, rec.id))
        if class_id:
            label = f"{label} in {self.kb.name('class', class_id)}"
        if not runs:
            return self._answer(
                f"No {kind} has won two Petit Le Mans races in a row{' in ' + self.kb.name('class', class_id) if class_id else ''}.",
                "streaks",
            )
        runs.sort(key=lambda x: (-x[0], x[1][0]))
        best = runs[0][0]
        top = [r for r in runs if r[0] == best]
        names = join([f"{self.kb.name(kind, i)} ({a}\u2013{b})" for _, (a, b), i in top])
        text = f"The longest winning streak among {label} is {best} consecutive races: {names}."
        lines = tuple(f"{self.kb.name(kind, i)}: {n} ({a}\u2013{b})" for n, (a, b), i in runs)
        return self._answer(
            text, "streaks", title=f"Winning streaks: {label}", lines=lines, footer="Derived from the overall results."
        )

    def records_table(self, table: str) -> Answer:
        kinds = {"drivers": "driver", "teams": "team", "manufacturers": "manufacturer", "cars": "car"}
        if table in kinds:
            kind = kinds[table]
            rows = self.kb.records.table(kind)
            return self._answer(
                f"Overall wins by {kind}: " + "; ".join(f"{self.kb.name(kind, r.id)} {r.count}" for r in rows[:10]) + ".",
                "records-table", title=f"Petit Le Mans overall wins: {table}", lines=self._lines(kind, rows),
                footer="Derived from the results in the knowledge base.",
            )  # fmt: skip
        if table == "classes":
            rows = self.kb.records.table("team", classes=True)
            return self._answer(
                "Class wins by team: " + "; ".join(f"{self.kb.name('team', r.id)} {r.count}" for r in rows[:10]) + ".",
                "records-table", title="Petit Le Mans class wins by team", lines=self._lines("team", rows),
                footer="Derived from the class results in the knowledge base (low-confidence results included).",
            )  # fmt: skip
        if table == "laps":
            races = [r for r in self.kb.races.values() if r.overall.laps]
            races.sort(key=lambda r: -(r.overall.laps or 0))
            lines = tuple(
                f"{r.year}: {r.overall.laps} laps{' (low confidence)' if r.overall.laps_confidence == 'low' else ''}"
                for r in races
            )
            top = races[0]
            return self._answer(
                f"Most laps by a winner: {top.overall.laps} in {top.year} ({self.crew(top.overall)}).", "records-table",
                items=[top, top.overall], title="Winners' lap counts", lines=lines,
            )  # fmt: skip
        return unknown(f"There is no records table called {table!r}.", "records-table")

    # -- facts ---------------------------------------------------------------------------------
    def fact(self, fact: Fact, also: Sequence[Fact] = ()) -> Answer:
        """One fact, followed by close runners-up on the same topic ("fastest lap": qualifying and race)."""
        if fact.not_known:
            return unknown(fact.text, f"fact:{fact.topic}", sources=self.sources(fact), title=fact.title)
        facts = [fact, *(f for f in also if f.topic == fact.topic and not f.not_known)][:2]
        text = " ".join(f.text + (LOW_CAVEAT + "." if f.confidence == "low" else "") for f in facts)
        return self._answer(text, f"fact:{fact.topic}", items=facts, title=fact.title, years=tuple(fact.years))

    def facts_answer(self, facts: Sequence[Fact], topic: str) -> Answer:
        lines = tuple(f"{f.title}: {f.text}" for f in facts)
        return self._answer(
            " ".join(f.text for f in facts[:3]), f"history:{topic}", items=list(facts),
            title=topic.replace("-", " ").capitalize(), lines=lines,
        )  # fmt: skip
