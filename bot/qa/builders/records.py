"""Record tables derived from the results: most wins, N-time winners, streaks, laps."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.knowledge.model import Race
from bot.knowledge.records import TableRow, longest_run
from bot.qa.answer import Answer, EntityRef, unknown
from bot.qa.builders.base import AnswerBase
from bot.qa.format import join, ordinal, years_text
from bot.qa.parse import Parsed
from bot.qa.query import KIND_NOUNS

#: The most entities a table answer carries for follow-ups ("which of those ...").
MAX_LISTED_ENTITIES = 12


class RecordAnswers(AnswerBase):
    def _kind(self, p: Parsed) -> str:
        """The kind a records question ranks: team before make before car; drivers by default."""
        named = {KIND_NOUNS[w] for w in p.words if w in KIND_NOUNS}
        return next((k for k in ("team", "manufacturer", "car") if k in named), "driver")

    def _names(self, kind: str, rows: Iterable[TableRow]) -> list[str]:
        return [f"{self.kb.name(kind, r.id)} ({years_text(r.years)})" for r in rows]

    def _editions(self, p: Parsed) -> Answer | None:
        """'how many Petit Le Mans have there been': the number of races, not a table."""
        kb = self.kb
        asked = (p.phrase("how many") and p.has("races", "editions", "held", "runnings", "run")) or (
            p.phrase("how many petit le mans", "how many petits", "how many plm", "how many plms")
            and p.has("been", "held", "there")
        )
        if not asked or p.has("won", "win", "wins"):
            return None
        n = len(kb.races)
        return self._answer(
            f"There have been {n} editions of Petit Le Mans in my knowledge, from {kb.first_year} to {kb.last_year}.",
            "editions",
            footer=f"Counted from {n} race records.",
        )

    def _with_count(self, p: Parsed, table: list[TableRow], kind: str, label: str, what: str) -> Answer | None:
        """'drivers with three wins', 'at least two', 'more than two': the rows with that many wins."""
        wanted = [n for n in p.numbers if 1 <= n <= 12]
        top = next((n for n in wanted if p.phrase(f"top {n}", f"best {n}", f"leading {n}")), None)
        if top is not None:  # "the top 3 drivers": the first three places of the table, ties included
            counts = sorted({r.count for r in table}, reverse=True)
            cut = [
                r for r in table if r.count >= sorted((r.count for r in table), reverse=True)[min(top, len(table)) - 1]
            ]
            del counts
            return self._rows_answer(f"The top {top} {label} by {what}", kind, cut, what)
        if not wanted or not p.has("wins", "win", "won", "times", "time", "victories", "winner", "winners", "running"):
            return None
        n = wanted[0]
        # "at least three", "more than two", "three or more": a bound, not an exact count
        if p.phrase("at least", "or more", "and more", "minimum of"):
            rows, how = [r for r in table if r.count >= n], f"at least {n}"
        elif p.phrase("more than", "over", "above"):
            rows, how = [r for r in table if r.count > n], f"more than {n}"
        elif p.phrase("fewer than", "less than", "under"):
            rows, how = [r for r in table if r.count < n], f"fewer than {n}"
        else:
            rows, how = [r for r in table if r.count == n], f"exactly {n}"
        if not rows:
            return self._answer(f"No {label[:-1]} has {how} {what}.", "records", footer="Derived from the results.")
        return self._rows_answer(f"{label.capitalize()} with {how} {what} ({len(rows)})", kind, rows, what)

    def win_table(self, p: Parsed, class_id: str | None = None) -> Answer:
        kind = self._kind(p)
        label = {"driver": "drivers", "team": "teams", "manufacturer": "manufacturers", "car": "cars"}[kind]
        use_class = p.phrase("class win", "class wins", "class victories", "class titles")
        table = self.kb.records.table(kind, classes=use_class)
        what = "class wins" if use_class else "overall wins"
        span = sorted(set(p.years)) if len(p.years) >= 3 else None
        if class_id or span:  # "most GTD wins", "which make dominated the 2000s"
            table = self._filtered_table(kind, class_id, span)
            what = f"{self.kb.name('class', class_id)} class wins" if class_id else "overall wins"
            if span:
                what += f" from {span[0]} to {span[-1]}"
        kb = self.kb
        editions = self._editions(p)
        if editions:
            return editions
        if p.phrase("streak", "in a row", "consecutive", "straight", "back to back", "years running", "in succession"):
            return self._streaks(kind, label, class_id)
        if p.has("laps", "lap") and not p.has("qualifying", "pole"):
            return self.records_table("laps")
        if p.has("quickest", "fastest", "shortest", "longest", "slowest") and p.phrase(
            "race time", "to finish", "race", "finish"
        ):
            return self.race_times(slow=p.has("longest", "slowest"))
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
        by_count = self._with_count(p, table, kind, label, what)
        if by_count:
            return by_count
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
        # The answer is about the leaders: a follow-up's "their last win" means them.
        leaders = tuple(EntityRef(kind, r.id, self.kb.name(kind, r.id)) for r in rows)
        return self._answer(
            text, "records", title=f"Most {what}: {label}", lines=lines,
            footer="Derived from the results in the knowledge base.", entities=leaders,
            years=tuple(sorted({y for r in rows for y in r.years})),
        )  # fmt: skip

    def _filtered_table(self, kind: str, class_id: str | None, span: list[int] | None) -> list[TableRow]:
        """Wins of one class and/or within a span of years, ranked like the full tables."""
        rows = []
        for rec in self.kb.records.all(kind):
            years = (
                sorted(w.year for w in rec.class_wins if w.class_id in self.class_family(class_id))
                if class_id
                else rec.overall_years
            )
            if span:
                years = [y for y in years if y in span]
            if years:
                rows.append(TableRow(rec.id, len(years), tuple(years)))
        rows.sort(key=lambda r: (-r.count, r.years[0], r.id))
        return rows

    def _rows_answer(self, head: str, kind: str, rows: list[TableRow], what: str) -> Answer:
        return self._answer(
            f"{head}: {join([f'{self.kb.name(kind, r.id)} ({r.count})' for r in rows])}.", "records",
            lines=self._lines(kind, rows), title=head, footer="Derived from the results in the knowledge base.",
            entities=tuple(EntityRef(kind, r.id, self.kb.name(kind, r.id)) for r in rows[:MAX_LISTED_ENTITIES]),
        )  # fmt: skip

    def _lines(self, kind: str, rows: Iterable[TableRow]) -> tuple[str, ...]:
        return tuple(
            f"{i}. {self.kb.name(kind, r.id)}: {r.count} ({years_text(r.years)})" for i, r in enumerate(rows, 1)
        )

    def _streaks(self, kind: str, label: str, class_id: str | None = None) -> Answer:
        """Longest runs of consecutive wins: overall, or in one class ("LMP2 three years in a row")."""
        runs = []
        for rec in self.kb.records.all(kind):
            years = (
                sorted(w.year for w in rec.class_wins if w.class_id in self.class_family(class_id))
                if class_id
                else rec.overall_years
            )
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

    def race_times(self, *, slow: bool) -> Answer:
        """Winners' race times, where the sources give them to the second ('quickest 1,000-mile race')."""
        timed = []
        for race in self.kb.races.values():
            m = re.search(r"(\d+):(\d\d):(\d\d(?:\.\d+)?)", race.race_time or "")
            if m and not race.shortened:
                timed.append((int(m[1]) * 3600 + int(m[2]) * 60 + float(m[3]), race))
        if not timed:
            return unknown("My sources do not give enough race times to compare.", "race-times")
        timed.sort(key=lambda t: t[0], reverse=slow)
        best = timed[0][1]
        lines = tuple(f"{r.year}: {r.race_time}" for _, r in timed)
        which = "longest" if slow else "quickest"
        return self._answer(
            f"Of the {len(timed)} full-distance races whose winning time my sources give to the second, the {which} was "
            f"{best.year}: {best.race_time} ({self.crew(best.overall)}).",
            "race-times", items=[r for _, r in timed], title="Winning race times", lines=lines, years=(best.year,),
        )  # fmt: skip

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
        if table in ("podiums", "poles"):
            return self._placings_table(table)
        return unknown(f"There is no records table called {table!r}.", "records-table")

    def _placings_table(self, table: str) -> Answer:
        """Overall podium finishes (the win and the researched 2nd and 3rd places) or poles, by driver."""
        per: dict[str, list[int]] = {}
        for race in self.kb.races.values():
            if table == "poles":
                drivers = [race.pole_position.driver] if race.pole_position and race.pole_position.driver else []
            else:
                drivers = list(race.overall.drivers) + [d for p in race.podium for d in p.drivers]
            for d in dict.fromkeys(drivers):
                per.setdefault(d, []).append(race.year)
        ranked = sorted(per.items(), key=lambda kv: (-len(kv[1]), self.kb.name("driver", kv[0])))
        counts = [len(ys) for _, ys in ranked]
        lines = tuple(  # sports ranking: tied drivers share a place ("1. ... 1. ... 3.")
            f"{counts.index(len(ys)) + 1}. {self.kb.name('driver', d)}: {len(ys)} ({years_text(ys)})"
            for d, ys in ranked
        )
        what = "poles" if table == "poles" else "overall podium finishes"
        top = [self.kb.name("driver", d) for d, ys in ranked if len(ys) == len(ranked[0][1])] if ranked else []
        covered = sum(1 for r in self.kb.races.values() if _recorded(r, table))
        each = " each" if len(top) > 1 else ""
        text = f"Most recorded {what}: {counts[0]}{each}, {join(top)}." if ranked else f"No {what} are recorded."
        scope = "the pole driver" if table == "poles" else "the full podium"
        return self._answer(
            text, "records-table", title=f"Petit Le Mans {what} by driver", lines=lines,
            footer=f"Derived from the race files; {scope} is recorded for {covered} of {len(self.kb.races)} races.",
        )  # fmt: skip


def _recorded(race: Race, table: str) -> bool:
    """The race has what the table counts: a named pole driver, or both researched podium places."""
    if table == "poles":
        return bool(race.pole_position and race.pole_position.driver)
    return {p.position for p in race.podium} == {2, 3}
