"""Answers about one race or a span of races: winners, attributes, class winners, race cards."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import ClassVar

from bot.knowledge.model import Race, Result, SessionBest
from bot.qa.answer import Answer, AnswerField, Candidate, EntityRef, unknown
from bot.qa.builders.attributes import FULL_DISTANCE
from bot.qa.builders.base import LOW_CAVEAT, AnswerBase, date_text
from bot.qa.format import join, ordinal, plural, site, weakest, years_text
from bot.qa.normalize import normalize
from bot.qa.parse import Parsed

#: What an attribute reader says: a sentence and the records it used, or an ``unknown`` answer.
Said = tuple[str, list[Race | Result]] | Answer


#: The most class winners a list names with their cars in its text (the embed's lines always have them).
SHORT_LIST = 8


class YearAnswers(AnswerBase):
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
        """One attribute of one race ("the 2007 engine", "was 2009 shortened"), from a table of readers."""
        if attribute == "classes":
            return self.winner(race, with_classes=True)
        if attribute == "card":
            return self.race_card(race)
        reader = self._ATTRIBUTES.get(attribute)
        if reader is None:  # pragma: no cover - every attribute asked has a reader
            return self.winner(race, with_classes=False)
        said = reader(self, race, p)
        if isinstance(said, Answer):
            return said
        text, items = said
        if not text.endswith("."):
            text += "."
        answer = self._answer(text, attribute, items=items, title=f"Petit Le Mans {race.year}", years=(race.year,))
        return self._with_field_confidence(answer, race, attribute)

    # An attribute with its own confidence in the data ("date_confidence: low" where sources differ) is only as
    # sure as that field: the row's "high" covers the winners, not the date (probe p24: "source?" said high).
    _FIELD_CONFIDENCE: ClassVar[dict[str, tuple[str, str]]] = {
        "date": ("race", "date_confidence"), "title": ("race", "title_confidence"),
        "pole": ("race", "pole_confidence"), "laps": ("overall", "laps_confidence"),
        "car-number": ("overall", "car_number_confidence"), "engine": ("overall", "engine_confidence"),
    }  # fmt: skip

    def _with_field_confidence(self, answer: Answer, race: Race, attribute: str) -> Answer:
        owner, name = self._FIELD_CONFIDENCE.get(attribute, ("", ""))
        if not owner:
            return answer
        level = getattr(race if owner == "race" else race.overall, name, None)
        if level is None or answer.confidence is None or weakest(answer.confidence, level) == answer.confidence:
            return answer
        footer = (answer.footer or "").replace(f"Confidence: {answer.confidence}.", f"Confidence: {level}.")
        return replace(answer, confidence=level, footer=footer or None)

    # Each reader returns (text, the records it used), or an ``unknown`` answer when the sources are silent.
    def _team(self, race: Race, p: Parsed) -> Said:
        o = race.overall
        who = self.team_text(o) or "a team my sources do not name"
        return f"The {race.year} overall winners were entered by {who}: {self.crew(o)}.", [race, o]

    def _car(self, race: Race, p: Parsed) -> Said:
        o = race.overall
        return f"The {race.year} race was won by {self.machine(o)}, driven by {self.crew(o)}.", [race, o]

    def _manufacturer(self, race: Race, p: Parsed) -> Said:
        o = race.overall
        make = self.kb.name("manufacturer", self.kb.make_of(o))
        return f"The {race.year} overall winner was a {make}: {self.machine(o)}, driven by {self.crew(o)}.", [race, o]

    def _engine(self, race: Race, p: Parsed) -> Said:
        o, y = race.overall, race.year
        if not o.engine:
            return unknown(f"My sources do not record the engine of the {y} winning car.", "engine", years=(y,))
        return f"The {y} winning {self.kb.name('car', o.car)} was powered by: {self.engine_text(o)}.", [race, o]

    def _winner_class(self, race: Race, p: Parsed) -> Said:
        o = race.overall
        return f"The {race.year} overall winners, {self.crew(o)}, raced in the {self.class_text(o)} class.", [race, o]

    def _car_number(self, race: Race, p: Parsed) -> Said:
        o, y = race.overall, race.year
        if not o.car_number:
            return unknown(
                f"My sources do not confirm the car number of the {y} winner ({self.crew(o)}).",
                "car-number",
                years=(y,),
            )
        caveat = LOW_CAVEAT if o.car_number_confidence == "low" else ""
        return f"The {y} winners, {self.crew(o)}, drove car #{o.car_number}{caveat}.", [race, o]

    def _laps(self, race: Race, p: Parsed) -> Said:
        o, y = race.overall, race.year
        if o.laps is None:
            extra = f" The distance is recorded as: {race.distance}." if race.distance else ""
            return unknown(f"My sources do not give the winner's lap count for {y}.{extra}", "laps", years=(y,))
        caveat = LOW_CAVEAT if o.laps_confidence == "low" else ""
        text = f"The {y} winners, {self.crew(o)}, completed {o.laps} laps{caveat}."
        return text + (f" Distance: {race.distance}." if race.distance else ""), [race, o]

    def _race_time(self, race: Race, p: Parsed) -> Said:
        o, y = race.overall, race.year
        if not race.race_time:
            extra = f" The format was {race.format}." if race.format else ""
            return unknown(f"My sources do not give the {y} race time.{extra}", "race-time", years=(y,))
        text = f"The {y} winners, {self.crew(o)}, took {race.race_time}."
        return text + (f" The race was shortened: {race.shortened_reason}" if race.shortened else ""), [race, o]

    def _date(self, race: Race, p: Parsed) -> Said:
        return f"Petit Le Mans {race.year} was held on {date_text(race)}.", [race]

    def _margin(self, race: Race, p: Parsed) -> Said:
        o, y = race.overall, race.year
        if not o.margin:
            return unknown(f"My sources do not give the winning margin for {y}.", "margin", years=(y,))
        return f"Winning margin in {y}: {o.margin}.", [race, o]

    def _pole(self, race: Race, p: Parsed) -> Said:
        y = race.year
        if race.pole_position:
            return self._session_best(race, race.pole_position, "Pole position")
        if not race.pole:
            return unknown(f"My sources do not record who took pole position in {y}.", "pole", years=(y,))
        caveat = LOW_CAVEAT if race.pole_confidence == "low" else ""
        return f"Pole position in {y}: {race.pole}{caveat}.", [race]

    def _session_best(self, race: Race, best: SessionBest, what: str) -> Said:
        who = self.kb.name("driver", best.driver) if best.driver else "a driver my sources do not name"
        car = " ".join(x for x in (f"#{best.car_number}" if best.car_number else "", best.car_name or "") if x)
        entry = ", ".join(x for x in (car, best.entrant or "") if x)
        time = f", {best.time}" if best.time else " (time not recorded)"
        before = best.notes or ""
        if best.time and best.sources and best.in_main_records and best.time not in before:
            time += f" (time per {site(best.sources[0])})"  # a figure the later research added: say whose it is
        caveat = LOW_CAVEAT if best.confidence == "low" else ""
        lead = f"{what} in {race.year}: "
        if not caveat and best.confidence != "high" and len(best.sources) == 1:  # a fact beyond the usual sources
            lead = f"Only one source ({site(best.sources[0])}) names the {what.lower()} in {race.year}: "
        elif not caveat and best.sources and not best.in_main_records:
            # found by the later research where the race records had none: said as that source's, first
            lead = f"My main race records do not name the {what.lower()} in {race.year}; {site(best.sources[0])} gives "
        text = lead + who + (f" ({entry})" if entry else "") + f"{time}{caveat}."
        if best.notes and best.disputed:  # a disputed record leads with its dispute
            where = f" per {site(best.sources[0])}" if best.sources else ""
            text = (f"{what} in {race.year} is disputed. {who}" + (f" ({entry})" if entry else "") + f"{time}{where}{caveat}; "
                    + best.notes.split(":", 1)[1].strip())  # fmt: skip
        return self._answer(text, "pole" if what.startswith("Pole") else "fastest-lap", items=[race],
                            years=(race.year,), title=f"Petit Le Mans {race.year}",
                            sources=tuple(best.sources), confidence=best.confidence,
                            entities=(EntityRef("driver", best.driver, who),) if best.driver else ())  # fmt: skip

    def _fastest_lap(self, race: Race, p: Parsed) -> Said:
        if race.fastest_lap:
            return self._session_best(race, race.fastest_lap, "Fastest race lap")
        return unknown(
            f"My sources do not record the fastest race lap in {race.year}.", "fastest-lap", years=(race.year,)
        )

    def _shortened(self, race: Race, p: Parsed) -> Said:
        # "was it shortened?" and "was it run full distance?" want opposite yes/no answers.
        full = p.phrase(*FULL_DISTANCE, "the whole", "all the way")  # ("did it go all the way": the same)
        y = race.year
        if race.shortened:
            lead = "" if p.words[:1] == ["why"] else ("No, t" if full else "Yes, t")  # ("why": no yes/no asked)
            return f"{lead or 'T'}he {y} race was shortened: {race.shortened_reason}", [race]
        ran = f"it ran its full {race.format.lower()} format."
        return f"{'Yes' if full else 'No'}, the {y} race was not shortened; {ran}", [race]

    def _attendance(self, race: Race, p: Parsed) -> Said:
        y = race.year
        if not race.attendance:
            return unknown(f"My sources do not give an attendance figure for {y}.", "attendance", years=(y,))
        return f"Attendance in {y}: {race.attendance}.", [race]

    def _championship(self, race: Race, p: Parsed) -> Said:
        return f"In {race.year} Petit Le Mans was part of: {join(race.championships)}.", [race]

    def _title(self, race: Race, p: Parsed) -> Said:
        caveat = " (the full sponsor title is not confirmed)" if race.title_confidence == "low" else ""
        return f"The {race.year} event was called \u201c{race.event_title}\u201d{caveat}.", [race]

    def _format(self, race: Race, p: Parsed) -> Said:
        text = f"In {race.year} the race format was {race.format}."
        return text + (f" It was shortened: {race.shortened_reason}" if race.shortened else ""), [race]

    def _edition(self, race: Race, p: Parsed) -> Said:
        return f"The {race.year} race was the {ordinal(race.edition)} Petit Le Mans.", [race]

    _ATTRIBUTES: ClassVar[dict[str, Callable[[YearAnswers, Race, Parsed], Said]]] = {
        "team": _team, "car": _car, "manufacturer": _manufacturer, "engine": _engine,
        "winner-class": _winner_class, "car-number": _car_number, "laps": _laps, "race-time": _race_time,
        "date": _date, "margin": _margin, "pole": _pole, "fastest-lap": _fastest_lap, "shortened": _shortened, "attendance": _attendance,
        "championship": _championship, "title": _title, "format": _format, "edition": _edition,
    }  # fmt: skip

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
        # A short list says each winner's car too ("the GTD Pro winners with their cars"); a long one stays readable.
        said = lines if len(rows) <= SHORT_LIST else [f"{y}: {self.crew(r)}" for y, r in rows]
        text = f"{name} class winners at Petit Le Mans ({len(rows)}): " + "; ".join(said) + "."
        if years is not None:  # a year asked with no such class result is said, not dropped ("GT in 2003-2005")
            found = {y for y, _ in rows}
            text += self._without_class(name, [y for y in years if y not in found])
        return self._answer(text, "class-history", items=[r for _, r in rows], title=f"{name} winners", lines=lines)

    def _without_class(self, name: str, years: Sequence[int]) -> str:
        """' No GT class winner in 2005 in my knowledge (its classes: GT1, GT2, ...).' for the years given."""
        said = []
        for y in years:
            race = self.kb.races.get(y)
            if race is None:
                continue
            classes = join(sorted({self.class_text(r) for r in race.results if not r.overall}))
            said.append(f"{y} (that year's class winners: {classes})" if classes else str(y))
        return f" No {name} class winner in {join(said)} in my knowledge." if said else ""

    def winners_of(self, years: Sequence[int]) -> Answer:
        """Overall winners of several years ("every winner since 2020")."""
        races = [self.kb.races[y] for y in years]
        lines = tuple(f"{r.year}: {self.crew(r.overall)} ({self.machine(r.overall)[4:]})" for r in races)
        span = [r.year for r in races]
        contiguous = span == list(range(span[0], span[-1] + 1))
        few = len(races) <= 4  # a few races say their cars and teams too ("which team won in 2012 and 2013")
        text = (
            (
                f"Overall winners {span[0]}\u2013{span[-1]}: "
                if contiguous
                else f"Overall winners of {years_text(span)}: "
            )
            + "; ".join(
                f"{r.year} {self.crew(r.overall)}" + (f" ({self.machine(r.overall)[4:]})" if few else "") for r in races
            )
            + "."
        )
        if 2 <= len(races) <= 4:  # "any drivers who won in 2001 and 2005": who is in every one of them
            common = set(races[0].overall.drivers).intersection(*(r.overall.drivers for r in races[1:]))
            names = [self.kb.name("driver", d) for d in races[0].overall.drivers if d in common]
            every = "both" if len(races) == 2 else f"all {len(races)}"
            text += f" {join(names)} won in {every}." if names else f" No driver won in {every}."
        items = [r.overall for r in races]
        return self._answer(
            text, "winners", items=items, title="Petit Le Mans winners", lines=lines, years=tuple(years)
        )

    def car_number_wins(self, number: str) -> Answer:
        """'How many times has the #10 won?': overall wins of that number (08 and 8 are different numbers)."""
        won = [r for r in self.kb.races.values() if r.overall.car_number == number]
        lookalike = [
            r.year
            for r in self.kb.races.values()
            if r.overall.car_number
            and r.overall.car_number != number
            and r.overall.car_number.lstrip("0") == number.lstrip("0")
        ]
        also = (
            f" (#{'0' + number if not number.startswith('0') else number.lstrip('0')} won in {years_text(lookalike)}; IMSA counts it as a different number.)"
            if lookalike
            else ""
        )
        if not won:
            return self._answer(
                f"No overall winner in my knowledge carried #{number}.{also}",
                "car-number",
                footer="Derived from the overall results.",
            )
        lines = tuple(f"{r.year}: {self.crew(r.overall)} ({self.machine(r.overall)[4:]})" for r in won)
        return self._answer(
            f"Car #{number} has won Petit Le Mans overall {plural(len(won), 'time')}: {years_text([r.year for r in won])}.{also}",
            "car-number", items=[r.overall for r in won], title=f"Car #{number}", lines=lines, years=tuple(r.year for r in won),
        )  # fmt: skip

    def car_number_in_year(self, number: str, race: Race, *, yes_no: bool = True) -> Answer:
        """'Did the #22 win in 2017?': the winners carrying that number that year, or who won instead.

        ``yes_no`` is False for 'who drove the #31 in 2019': the winners, without a 'Yes'.
        """
        results = [r for r in race.results if r.car_number == number]
        if results:
            return self._answer(
                ("Yes. " if yes_no else "") + " ".join(self.result_sentence(race, r) for r in results), "car-number",
                items=[race, *results], title=f"#{number} in {race.year}", years=(race.year,),
            )  # fmt: skip
        o = race.overall
        return self._answer(
            f"No: no {race.year} winner in my knowledge carried #{number}. The overall winners were {self.crew(o)} "
            f"in {self.machine(o)}.{self._unverified(race)}",
            "car-number", items=[race, o], title=f"#{number} in {race.year}", years=(race.year,),
        )  # fmt: skip

    def which_number(self, numbers: list[str], race: Race) -> Answer:
        """'Which Peugeot won 2009, the 07 or the 08?': the numbers that won, and those that did not."""
        won = [r for r in race.results if r.car_number in numbers]
        lost = [n for n in numbers if not any(r.car_number == n for r in won)]
        parts = [self.result_sentence(race, r) for r in won] or [
            f"Neither won in {race.year}: the overall winners were {self.crew(race.overall)} in {self.machine(race.overall)}."
        ]
        if won and lost:
            parts.append(f"{join([f'#{n}' for n in lost])} did not win in {race.year} in my knowledge.")
        return self._answer(
            " ".join(parts), "car-number", items=[race, *won], title=f"Petit Le Mans {race.year}", years=(race.year,)
        )

    def pole_records(self, class_id: str | None) -> Answer | None:
        """Poles the sources call a record ("GTP track record"), newest first; None when there are none."""
        name = normalize(self.kb.name("class", class_id)) if class_id else ""
        said = {r.year: _pole_said(r) for r in self.kb.races.values()}
        noted = [
            r for r in reversed(self.kb.races.values())
            if "record" in said[r.year].lower() and (not name or f" {name} " in f" {normalize(said[r.year])} ")
        ]  # fmt: skip
        if not noted:
            return None
        text = " ".join(f"Pole in {r.year}: {said[r.year]}." for r in noted)
        if len(noted) > 1:
            text += f" The latest, {noted[0].year}, is the current one in my knowledge."
        return self._answer(
            text, "pole-record", items=noted, title="Qualifying records", years=tuple(r.year for r in noted)
        )


def _pole_said(race: Race) -> str:
    """The pole as the sources describe it: the free text, or what the pole record's notes say."""
    if race.pole:
        return race.pole
    notes = race.pole_position.notes if race.pole_position else None
    return (notes or "").removeprefix("Recorded before this research as: ")
