"""Answers about a driver, team, make or car: wins, firsts and lasts, comparisons, premises."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.knowledge.model import Race, Result
from bot.knowledge.records import WinRecord, longest_run
from bot.qa.answer import Answer, AnswerField, EntityRef, unknown
from bot.qa.builders.base import LOW_CAVEAT, AnswerBase
from bot.qa.cues import NATIONALITY_ADJECTIVES
from bot.qa.format import join, ordinal, plural, possessive, years_text
from bot.qa.normalize import ORDINALS, normalize
from bot.qa.parse import Parsed
from bot.qa.spans import YearSpan


class EntityAnswers(AnswerBase):
    if TYPE_CHECKING:  # provided by YearAnswers, its sibling in AnswerBuilder

        def class_history(
            self, class_id: str, *, pick: str | None = None, years: Sequence[int] | None = None
        ) -> Answer: ...
        def class_winner(self, race: Race, class_id: str) -> Answer: ...

    def entity(self, ref: EntityRef, p: Parsed, class_id: str | None, measure: str | None = None) -> Answer:
        """``measure`` is the query's reading ("first" for "Audi's first one"), where it has one."""
        if ref.kind == "class":  # pragma: no cover - routed to class_history
            return self.class_history(ref.id)
        if p.phrase("how old", "age", "born", "birthday", "bday", "birth", "date of birth", "died", "alive"):
            return unknown(
                f"My sources do not record {possessive(ref.name)} age or birth date.", "age", entities=(ref,)
            )
        if ref.kind == "driver" and p.words[:1] == ["where"] and p.words[-1:] == ["from"]:
            return self.nationality(ref)  # "where's Brabham from" (the apostrophe is gone: "where brabham from")
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
        related = self.kb.related_wins(ref.id) if ref.kind == "team" else []
        never = (
            f"{name} has no overall win under this name." if related else f"{name} has never won Petit Le Mans overall."
        )
        wins_text = (  # (Risi: Doyle-Risi Racing, a related entry, won in 1998, said just after)
            f"{name} has won Petit Le Mans overall {plural(len(overall), 'time')}: {years_text(overall)}."
            if overall else never
        )  # fmt: skip
        class_text = self._class_wins_text(rec)
        if class_text:
            wins_text += f" {possessive(name)} {class_text}." if overall else f" {name} has {class_text}."
            if overall and p.phrase(*_ALL_WINS):  # "including class wins", "in total": the sum, said first
                total = len(overall) + len(rec.class_wins)
                wins_text = f"{plural(total, 'win')} in all, overall and in class. " + wins_text
            elif related and p.phrase(*_ALL_WINS):  # Risi: its class wins and Doyle-Risi's overall win
                total = len(rec.class_wins) + sum(len(won) for _, won in related)
                teams = join([self.kb.name("team", other) for other, _ in related])
                wins_text = f"{plural(total, 'win')} in all, overall and in class, counting {teams}. " + wins_text
        elif overall and p.has("class", "classes"):  # "and did he ever win a class there": a plain no, not silence
            wins_text += f" {name} has no class win recorded."
        elif not overall and ref.kind == "driver":
            wins_text = f"{name} is not among the winners (overall or in a class) in my knowledge." + self._placed(ref)
        elif not overall:
            wins_text = f"{name} has no Petit Le Mans win credited to it, overall or in a class, in my knowledge."
        wins_text += self._engine_wins(ref) + self._related(ref) + self._family(ref) + self.stated(ref)
        lead = self._lead(ref, p, rec, name, overall, measure)
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
            text, f"{ref.kind}-wins", items=items, title=name, fields=tuple(fields), years=tuple(overall),
            entities=(ref, *self._listed_in_lead(lead, rec)),
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
            f"{ref.name}'s nationality is given as {_demonym(driver.nationality)}{caveat}.", "nationality",
            title=ref.name,
            entities=(ref,), footer=f"Confidence: {driver.nationality_confidence}.",
        )  # fmt: skip

    def _engine_wins(self, ref: EntityRef) -> str:
        years = self.kb.records.engine_wins.get(ref.id, []) if ref.kind == "manufacturer" else []
        if not years:
            return ""
        return f" {ref.name} engines also powered the overall winners of {years_text(years)}, in another make's car."

    def _related(self, ref: EntityRef) -> str:
        related = self.kb.related_wins(ref.id) if ref.kind == "team" else []
        parts = [f"{self.kb.name('team', other)}, a related entry, won overall in {years_text(wins)}"
                 for other, wins in related]  # fmt: skip
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

    def _lead(
        self, ref: EntityRef, p: Parsed, rec: WinRecord, name: str, overall: list[int], measure: str | None = None
    ) -> str:
        """The part of the record the question asks for, said first ("his first win", "their drivers")."""
        if measure in ("first", "last"):
            return self._first_last(rec, name, first=measure == "first")
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
            return self._first_last(rec, name, first=True)
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
            return self._first_last(rec, name, first=False)
        elif p.has("team", "teams", "entrant", "entrants") and ref.kind in ("driver", "car", "manufacturer"):
            return self._teams(rec, name)
        elif (
            ref.kind == "driver"
            and not (  # ("which cars did he win with": the cars)
                p.has("car", "cars", "chassis", "model", "models")
                and p.has("which", "what")
                and not p.has("who", "whom")
            )
            and (  # before cars: "who did he share the car with" asks for people
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
            )
        ):
            return self._co_drivers(rec, name)
        elif p.has("car", "cars", "chassis", "drive", "drove", "model", "models") and ref.kind in (
            "driver",
            "team",
            "manufacturer",
        ):
            return self._cars(rec, name)
        elif (
            ref.kind in ("team", "manufacturer", "car")
            and overall
            and p.has("who", "drivers", "driver", "guys", "men", "crew", "crews", "people")
        ):  # "which drivers won for Rebellion": the crews of its wins
            crews = "; ".join(f"{y}: {self.crew(self.kb.races[y].overall)}" for y in overall)
            return f"{possessive(name)} overall wins and their drivers: {crews}."
        elif p.phrase("streak", "in a row", "consecutive", "straight", "ended", "end", "ending"):
            return self._streak_lead(name, overall)
        return ""

    def _streak_lead(self, name: str, overall: list[int]) -> str:
        run = longest_run(overall)
        if not run or run[1] == run[0]:
            return f"{name} has no consecutive overall wins."
        lead = f"{possessive(name)} longest run of consecutive overall wins: {run[0]}\u2013{run[1]} ({run[1] - run[0] + 1})."
        after = self.kb.races.get(run[1] + 1)
        if after:
            lead += (
                f" The run ended in {after.year}, won by {self.crew(after.overall)} in {self.machine(after.overall)}."
            )
        return lead

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

    def _listed_in_lead(self, lead: str, rec: WinRecord) -> tuple[EntityRef, ...]:
        """The co-winners, teams or cars the lead lists, for 'which of them has the most wins' next."""
        for marker, kind, counts in (
            ("co-winners:", "driver", rec.co_drivers), ("won overall with:", "team", rec.teams),
            ("won overall in:", "car", rec.cars),
        ):  # fmt: skip
            if marker in lead:
                return tuple(EntityRef(kind, i, self.kb.name(kind, i)) for i, _ in counts.most_common(11))
        return ()

    def _tally(self, kind: str, counts: Counter[str], years: Sequence[int] = ()) -> str:
        """'Audi R10 TDI (2006, 2007 and 2008) and Audi R8 (...)': most frequent first, each with its years
        ("what years did WTR win and with what car each time"); with no years, a count where above one."""

        def won(i: str) -> list[int]:
            return [y for y in years if getattr(self.kb.races[y].overall, kind, None) == i]

        if years:
            return join([f"{self.kb.name(kind, i)} ({years_text(won(i))})" for i, _ in counts.most_common()])
        return join(
            [f"{self.kb.name(kind, i)} ({n})" if n > 1 else self.kb.name(kind, i) for i, n in counts.most_common()]
        )

    def _co_drivers(self, rec: WinRecord, name: str) -> str:
        if not rec.co_drivers:
            return f"{name} has no overall win, so no overall co-winners."
        per = [  # "who did Lehto win with each time": each co-winner with the years they shared
            f"{self.kb.name('driver', d)} ({years_text([y for y in rec.overall_years if d in self.kb.races[y].overall.drivers])})"
            for d, _ in rec.co_drivers.most_common()
        ]  # fmt: skip
        return f"{possessive(name)} overall co-winners: {join(per)}."

    def _cars(self, rec: WinRecord, name: str) -> str:
        return f"{name} won overall in: {self._tally('car', rec.cars, rec.overall_years)}." if rec.overall_years else ""

    def _teams(self, rec: WinRecord, name: str) -> str:
        return (
            f"{name} won overall with: {self._tally('team', rec.teams, rec.overall_years)}."
            if rec.overall_years
            else ""
        )

    def entity_in_year(self, ref: EntityRef, race: Race, p: Parsed, class_id: str | None = None) -> Answer:
        results = [r for r in race.results if self.involves(r, ref)]
        yes_no = bool(p.words) and (
            p.words[0] in ("did", "does", "has", "have", "was", "were", "is", "are")
            or p.words[-1] in ("right", "correct", "yeah", "true", "yes", "no")
        )
        if yes_no and results and not any(r.overall for r in results) and p.has("winner", "overall") and not class_id:
            # "the 2015 winner was the Corvette DP, right?": it won a class, not the race.
            o = race.overall
            return self._answer(
                f"No: the {race.year} overall winners were {self.crew(o)} in {self.machine(o)}. "
                + " ".join(self.result_sentence(race, r) for r in results),
                "entity-year", items=[race, o, *results], title=f"{ref.name} in {race.year}", entities=(ref,), years=(race.year,),
            )  # fmt: skip
        if class_id and results and not any(r.class_ == class_id for r in results):
            # "did Nolan Siegel win LMP3 in 2023": he won, but another class.
            won = join([self.class_text(r) for r in results])
            wanted = self.kb.name("class", class_id)
            ran = any(r.class_ == class_id for r in race.results)
            lead = (  # ("did Falken win GT again in 2014": they won, in GTLM; there was no GT class to win)
                f"No: {ref.name} won {won} in {race.year}, not {wanted}. "
                if ran
                else f"{ref.name} won {won} in {race.year}; there was no {wanted} class that year. "
            )
            return self._answer(
                lead + self.class_winner(race, class_id).text,
                "entity-year", items=[race, *results], title=f"{ref.name} in {race.year}", entities=(ref,), years=(race.year,),
            )  # fmt: skip
        if class_id:
            results = [r for r in results if r.class_ == class_id]
            if not results:  # "who won GTD Pro in 2022, wasn't it Risi?": no, and here is who did
                wanted = self.kb.name("class", class_id)
                answer = self.class_winner(race, class_id)
                prefix = f"No: {ref.name} is not among the {race.year} {wanted} winners in my knowledge. "
                return replace(answer, text=prefix + answer.text, entities=(ref,))
        nth = next((ORDINALS[w] for w in p.words if w in ORDINALS and w not in ("first", "last")), None)
        overall_years = self.kb.records.get(ref.kind, ref.id).overall_years
        if yes_no and nth and race.year in overall_years:
            # "Was 2024 Cadillac's fifth win?": count it, don't just confirm the year.
            position = overall_years.index(race.year) + 1
            if position != nth:
                actual = self.kb.races[overall_years[nth - 1]] if nth <= len(overall_years) else None
                text = (
                    f"No: {race.year} was {possessive(ref.name)} {ordinal(position)} overall win "
                    f"({years_text(overall_years[:position])})."
                )
                if actual:
                    text += f" The {ordinal(nth)} came in {actual.year}."
                items = [self.kb.races[y].overall for y in overall_years]
                return self._answer(
                    text, "entity-year", items=items, title=ref.name, entities=(ref,), years=(race.year,)
                )
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
            surname = ref.name.split()[-1].lower()
            if o.drivers_note and surname in o.drivers_note.lower():  # "wasn't Johansson in that car?": the doubt
                text += f" Note: {o.drivers_note}"
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
        in_all = not use_class and p.phrase(*_ALL_WINS)  # "which has more wins in total": overall and class
        na = len(ra.class_wins) if use_class else ra.wins + (len(ra.class_wins) if in_all else 0)
        nb = len(rb.class_wins) if use_class else rb.wins + (len(rb.class_wins) if in_all else 0)
        what = "class wins" if use_class else "wins in all (overall and class)" if in_all else "overall wins"
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
        alone = [y for y in ra.overall_years if not self.involves(self.kb.races[y].overall, b)]
        if not ra.overall_years:
            text = f"{a.name} has never won Petit Le Mans overall."
        elif alone:
            text = f"Yes: {a.name} won overall without {b.name} {plural(len(alone), 'time')}: {years_text(alone)}."
        else:
            text = f"No: every overall win of {a.name} ({years_text(ra.overall_years)}) was shared with {b.name}."
        items = [self.kb.races[y].overall for y in ra.overall_years]
        return self._answer(text, "without", items=items, title=f"{a.name} without {b.name}", entities=(a, b))

    def every_year(self, ref: EntityRef, years: Iterable[int], class_id: str | None = None) -> Answer:
        """'did Audi win every year from 2000 to 2010', 'did Risi win GT2 in 2008 and 2009': each year checked."""
        span = [y for y in years if y in self.kb.races]
        won = [y for y in span if any(self.involves(r, ref) for r in self._scoped(y, class_id))]
        missed = [y for y in span if y not in won]
        contiguous = span == list(range(span[0], span[-1] + 1))
        which = f"from {span[0]} to {span[-1]}" if contiguous and len(span) > 2 else f"in {years_text(span)}"
        where = f"the {self.kb.name('class', class_id)} class" if class_id else "overall"
        winners = [(y, r) for y in missed for r in self._scoped(y, class_id)]
        others = "; ".join(f"{y}: {self.crew(r)}" for y, r in winners) or "no winner of that class recorded"
        if not missed:
            text = f"Yes: {ref.name} won {where} {which}."
        elif not won:
            text = f"No: {ref.name} won {where} in none of the races {which}. The winners: {others}."
        else:
            text = f"No: {ref.name} won {where} in {years_text(won)}, but not in {years_text(missed)} ({others})."
        items = [r for y in span for r in self._scoped(y, class_id)]
        return self._answer(
            text, "every-year", items=items, title=f"{ref.name} {span[0]}\u2013{span[-1]}", entities=(ref,)
        )

    def _scoped(self, year: int, class_id: str | None) -> list[Result]:
        """The year's overall result, or its results in ``class_id``."""
        race = self.kb.races[year]
        return [r for r in race.class_results if r.class_ == class_id] if class_id else [race.overall]

    def wins_in_span(self, ref: EntityRef, within: YearSpan) -> Answer:
        """'Did an Audi R8 win after 2005?': the entity's overall wins within a span of years."""
        years = self.kb.records.get(ref.kind, ref.id).overall_years
        inside = [y for y in years if y in within]
        span = within.label
        if inside:
            text = f"Yes: {ref.name} won overall {span} in {years_text(inside)}."
        else:
            all_wins = f" (its overall wins: {years_text(years)})" if years else ""
            text = f"No: {ref.name} has no overall win {span} in my knowledge{all_wins}."
        items = [self.kb.races[y].overall for y in years]
        return self._answer(text, "wins-in-span", items=items, title=f"{ref.name} {span}", entities=(ref,))

    def same_team(self, a: EntityRef, b: EntityRef) -> Answer:
        """'Is Audi Sport North America the same team as Champion Racing?': separate entities unless linked."""
        related = b.id in self.kb.teams[a.id].related or a.id in self.kb.teams[b.id].related
        notes = " ".join(n for n in (self.kb.teams[a.id].notes, self.kb.teams[b.id].notes) if n)
        head = (
            f"They are related: my knowledge keeps {a.name} and {b.name} as separate entries of one organisation."
            if related
            else f"No: {a.name} and {b.name} are different teams in my knowledge."
        )
        return self._answer(f"{head} {notes}".strip(), "same-team", title=f"{a.name} / {b.name}", entities=(a, b))

    def _run_cars(self, ref: EntityRef, years: range, family: set[str]) -> str:
        """' (Porsche RS Spyder of Penske Racing in 2006, 2007 and 2008)': the cars and teams of a run of wins."""
        cars: dict[str, list[int]] = {}
        for year in years:
            race = self.kb.races[year]
            results = [r for r in race.results if r.class_ in family and not r.overall] if family else [race.overall]
            for r in results:
                if r.car and self.involves(r, ref):
                    team = f" of {self.kb.name('team', r.team)}" if r.team and ref.kind != "team" else ""
                    cars.setdefault(self.kb.name("car", r.car) + team, []).append(year)
        return f" ({join([f'{car} in {years_text(ys)}' for car, ys in cars.items()])})" if cars else ""

    def streak_claim(self, ref: EntityRef, count: int, start: int | None, class_id: str | None = None) -> Answer:
        """'Audi won 9 straight from 2000, true or false?': the claim against the longest run.

        With a class ('Tower won LMP2 three years running') the run is of its class wins.
        """
        rec = self.kb.records.get(ref.kind, ref.id)
        family = self.class_family(class_id) if class_id else set()
        years = sorted({w.year for w in rec.class_wins if w.class_id in family}) if class_id else rec.overall_years
        run = longest_run(years)
        length = run[1] - run[0] + 1 if run else 0
        starts_ok = start is None or (run is not None and run[0] <= start and run[1] - start + 1 >= count)
        verdict = "False"
        if run and length == count and (start is None or run[0] == start):
            verdict = "True"
        elif run and length > count and starts_ok:
            verdict = "True, and more"  # "Audi won 3 straight": it won 9 straight
        what = f"{self.kb.name('class', class_id)} class wins" if class_id else "overall wins"
        if run and length > 1:
            fact = f"{possessive(ref.name)} longest run of {what} is {length} in a row, {run[0]}\u2013{run[1]}"
            fact += self._run_cars(ref, range(run[0], run[1] + 1), family)  # ("..., which years, what car")
        else:
            fact = f"{ref.name} has never had two {what} in a row"
        items = [self.kb.races[y].overall for y in years]
        return self._answer(
            f"{verdict}: {fact}.", "streak-claim", items=items, title=ref.name, entities=(ref,), years=tuple(years)
        )

    def streak_breaker(self, a: EntityRef, b: EntityRef) -> Answer:
        """'which year did Peugeot end Audi's streak': whose run the other's win ended."""
        for runner, breaker in ((b, a), (a, b)):
            run = longest_run(self.kb.records.get(runner.kind, runner.id).overall_years)
            after = self.kb.races.get(run[1] + 1) if run and run[1] > run[0] else None
            if run and after and self.involves(after.overall, breaker):
                return self._answer(
                    f"{breaker.name} ended {possessive(runner.name)} run of {run[1] - run[0] + 1} straight overall wins "
                    f"({run[0]}\u2013{run[1]}) in {after.year}: {self.crew(after.overall)} in {self.machine(after.overall)}.",
                    "streak-end", items=[after.overall], title=f"{runner.name}'s streak", entities=(a, b), years=(after.year,),
                )  # fmt: skip
        return self.compare(a, b, Parsed("", "", []))

    def _apart(self, a: EntityRef, b: EntityRef, races: list[Race], shared: set[int]) -> str:
        """' That is every win of both.' or ' Pirro also won in 2001 and 2005.': the wins not shared."""
        said = []
        for ref in (a, b):
            alone = [(race, r) for race in races for r in race.results if self.involves(r, ref) and id(r) not in shared]
            overall = sorted({race.year for race, r in alone if r is race.overall})
            classes = sorted({race.year for race, r in alone if r is not race.overall})
            parts = [f"overall in {years_text(overall)}"] if overall else []
            parts += [f"in a class in {years_text(classes)}"] if classes else []  # (not said as overall wins)
            if parts:
                said.append(f"{ref.name} also won {' and '.join(parts)}")
        return f" {'; '.join(said)}." if said else " That is every win of both."

    def together(self, a: EntityRef, b: EntityRef, year: int | None) -> Answer:
        races = [self.kb.races[year]] if year is not None else list(self.kb.races.values())
        hits = [(race, r) for race in races for r in race.results if self.involves(r, a) and self.involves(r, b)]
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
            + self._apart(a, b, races, {id(r) for _, r in hits})
        )
        return self._answer(
            f"{head} " + " ".join(sentences),
            "together", items=[r for _, r in hits], title=f"{a.name} + {b.name}", entities=(a, b),
            years=tuple(race.year for race, _ in hits),  # (a follow-up "what was the margin" asks of these races)
        )  # fmt: skip

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


# Asking for every win together: "including class wins", "overall and in class", "in total".
_ALL_WINS = (
    "including class", "including the class", "counting class", "class wins included", "overall and class",
    "overall and in class", "overall and in a class", "in total", "in all", "altogether", "all together",
    "combined", "all his wins", "all her wins", "all its wins", "all their wins", "overall plus class",
    "overall plus in class", "class and overall", "class plus overall", "overall or class", "overall or in class",
)  # fmt: skip


def _demonym(code: str) -> str:
    """'Australian (AUS)': the word fans use, with the code the sources give."""
    word = NATIONALITY_ADJECTIVES.get(code)
    return f"{word} ({code})" if word else code
