"""The executor: a :class:`Query`'s filters applied to the results table.

Rules (:mod:`bot.qa.rules`) decide what to measure; this module owns what a query's
filters mean, once: the scope (overall or class), the span, the single years, the
entities with their roles, the engine kind and shortened races. It also says the
filters back in words ("overall wins after 2014 (2015-2025)"), so an answer always
shows how the question was read.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.records import longest_run
from bot.qa import cues
from bot.qa.answer import EntityRef
from bot.qa.builders.base import AnswerBase
from bot.qa.format import join
from bot.qa.query import Query, Role
from bot.qa.table import ResultsTable, Row


@dataclass(frozen=True, slots=True)
class Context:
    """What rules answer from: the knowledge base and its results table."""

    kb: KnowledgeBase
    table: ResultsTable
    builder: AnswerBase  # names, crews and machines as every answer says them

    def name(self, ref_or_kind: EntityRef | str, id_: str | None = None) -> str:
        if isinstance(ref_or_kind, EntityRef):
            return ref_or_kind.name
        return self.kb.name(ref_or_kind, id_)


def base_rows(ctx: Context, q: Query, *, subjects: bool = True) -> ResultsTable:
    """The rows a query is about: its scope, years and filters (and its subjects, unless told not to)."""
    table = ctx.table.where(lambda r: _in_scope(r, q))
    if q.span or q.years or q.not_years or q.month:
        allowed = set(years_in_scope(ctx, q))  # the span, the years named or set aside, the month
        table = table.where(lambda r: r.year in allowed)
    engine = q.engine_kind
    if engine and engine.startswith("not-"):
        table = table.where(lambda r: r.engine_kind != engine[4:])
    elif engine:
        table = table.where(lambda r: r.engine_kind == engine)
    if q.category:
        category = q.category
        table = table.where(lambda r: r.category == category)
    if q.shortened is not None:
        only = q.shortened
        table = table.where(lambda r: r.shortened == only)
    if q.nationality:
        of = drivers_of(ctx, q.nationality)
        table = table.where(lambda r: any(d in of for d in r.drivers))
    withs = q.role("with")
    if q.with_any and withs:  # "with WTR or with Ganassi": either
        table = table.where(lambda r: any(r.involves(ref.kind, ref.id) for ref in withs))
    for ref in [] if q.with_any else withs:
        table = table.where(involving(ref))
    for ref in q.role("without", "other-than"):
        if ref.id in excluded_ids(q, ref.kind):
            continue  # "not counting Capello, who has the most wins": Capello leaves the ranking, not his races
        table = table.where(involving(ref, keep=False))
    among = q.role("among")
    if among:
        table = table.where(lambda r: any(r.involves(ref.kind, ref.id) for ref in among))
    table = _bounded_by_names(ctx, q, table)
    if subjects:
        for ref in q.subjects:
            table = table.where(involving(ref))
    return table


def first_win_of_kind(ctx: Context, what: str, value: str) -> int | None:
    """The first overall win by a kind of winner ('engine', 'diesel'; 'category', 'gt'), or None if it never won."""
    years = [r.year for r in ctx.table if r.overall and (r.engine_kind if what == "engine" else r.category) == value]
    return min(years, default=None)


def kind_of_winner(what: str, value: str) -> str:
    """'diesel-powered car', 'GT car', 'prototype': a kind of winner as answers say it."""
    return f"{value}-powered car" if what == "engine" else ("GT car" if value == "gt" else "prototype")


def filter_bound_year(ctx: Context, q: Query) -> int | None:
    """The first overall win of the kind of winner a filter bound names ('before a diesel first won': 2006)."""
    if q.filter_bound is None:
        return None
    _, what, value = q.filter_bound
    first = first_win_of_kind(ctx, what, value)
    return first if first is not None else 10_000  # never won: nothing is after it


def _bounded_by_names(ctx: Context, q: Query, table: ResultsTable) -> ResultsTable:
    """'after Peugeot's last win', 'the year after it': the years a name's wins bound."""
    first = filter_bound_year(ctx, q)
    if q.filter_bound is not None and first is not None:
        role = q.filter_bound[0]
        adjacent = q.adjacent and role in ("before", "after")
        table = table.where(_in_year(_next_race(ctx, role, first)) if adjacent else _bounded(role, first))
    for f in q.entities:
        bound = anchor_year(ctx, q, f.ref, f.role, f.pick, overall=f.overall)
        if bound is None:
            continue
        if q.adjacent and f.role in ("before", "after"):
            table = table.where(_in_year(_next_race(ctx, f.role, bound)))
        else:
            table = table.where(_bounded(f.role, bound))
    return table


def anchor_year(
    ctx: Context, q: Query, ref: EntityRef, role: Role, pick: str | None = None, *, overall: bool = False
) -> int | None:
    """The year a name bounds the query by: 'before Peugeot' is before its first win, 'after Audi' after its
    last, 'since Cadillac' from its first (wins in the query's scope), unless the question picks the win
    ('after Cadillac's first win'). None when the role is no bound."""
    if role not in ("before", "after", "since"):
        return None
    anywhere = ref.kind == "class"  # a class came in when it first ran, overall or not
    in_scope = (lambda r: r.overall) if overall else (lambda r: anywhere or _in_scope(r, q))
    years = ctx.table.where(lambda r: in_scope(r) and r.involves(ref.kind, ref.id)).years()
    if not years:
        return 0 if role == "before" else 10_000  # never won: nothing is before or after it
    if pick == "run":  # "after Audi's streak": its longest run of wins in a row, from its start or to its end
        run = longest_run(years)
        return (run[1] if role == "after" else run[0]) if run else None
    pick = pick or ("last" if role == "after" else "first")
    return years[-1] if pick == "last" else years[0]


def _in_year(year: int | None) -> Callable[[Row], bool]:
    return lambda row: row.year == year


def _next_race(ctx: Context, role: Role, year: int) -> int | None:
    """The race year right after (or before) ``year``, or None when there is none."""
    return ctx.kb.race_next_to(year, 1 if role == "after" else -1)


def _bounded(role: Role, year: int) -> Callable[[Row], bool]:
    if role == "before":
        return lambda row: row.year < year
    if role == "after":
        return lambda row: row.year > year
    return lambda row: row.year >= year


def excluded_ids(q: Query, kind: str) -> set[str]:
    """Names set aside from a ranking or list of their own kind ('other than Capello, which drivers ...')."""
    asked = q.kind or ("driver" if q.who else None)  # ("apart from Lehto, who won in 2003": drivers)
    if kind != asked or kind in ("manufacturer", "car", "number") or q.measure not in _TALLIED:
        return set()  # (one make per result: leaving out its races is the same thing)
    return {ref.id for ref in q.role("other-than")}


_TALLIED = ("rank", "least", "list", "distinct", "set")


def among_ids(ctx: Context, q: Query, kind: str) -> set[str] | None:
    """The ids a ranking, list or count is limited to, or None for no limit.

    'which of Capello and McNish' names them; 'which French drivers' limits drivers to a
    nationality (a team or make is not French: for them the races were filtered instead).
    """
    among = [ref.id for ref in q.role("among") if ref.kind == kind]
    limit = set(among) if among else None
    if kind == "driver" and q.nationality:
        of = drivers_of(ctx, q.nationality)
        limit = of if limit is None else limit & of
    return limit


def drivers_of(ctx: Context, code: str) -> set[str]:
    """The drivers whose recorded nationality is ``code`` ('not-FRA': recorded, and not French)."""
    if code.startswith("not-"):
        return {d.id for d in ctx.kb.drivers.values() if d.nationality and d.nationality != code[4:]}
    return {d.id for d in ctx.kb.drivers.values() if d.nationality == code}


def nationality_note(ctx: Context, q: Query, drivers: set[str]) -> str:
    """' (nationality is recorded for 40 of these 51 drivers)': the filter can miss the unrecorded."""
    if not q.nationality or not drivers:
        return ""
    known = sum(1 for d in drivers if d in ctx.kb.drivers and ctx.kb.drivers[d].nationality)
    doubtful = sorted(
        ctx.kb.drivers[d].name for d in drivers
        if d in ctx.kb.drivers and ctx.kb.drivers[d].nationality == q.nationality
        and ctx.kb.drivers[d].nationality_confidence == "low"
    )  # fmt: skip
    low = f" (nationality at low confidence for {join(doubtful)})" if doubtful else ""
    if known == len(drivers):
        return low
    return f" (nationality is recorded for {known} of the {len(drivers)} drivers in these results){low}"


def involving(ref: EntityRef, *, keep: bool = True) -> Callable[[Row], bool]:
    return lambda row: row.involves(ref.kind, ref.id) == keep


def rows_of(ctx: Context, q: Query, ref: EntityRef) -> ResultsTable:
    """One subject's rows under the query's other filters ('Audi's wins in the 2000s')."""
    return base_rows(ctx, q, subjects=False).where(lambda r: r.involves(ref.kind, ref.id))


def _in_scope(row: Row, q: Query) -> bool:
    if q.classes:
        return any(c in row.class_family for c in q.classes) and (q.scope != "overall" or row.overall)
    if q.scope == "overall":
        return row.overall
    if q.scope == "class":
        return not row.overall
    return True


def scope_words(ctx: Context, q: Query) -> str:
    """'overall wins', 'GTD class wins', 'class wins'."""
    if q.classes:
        return " / ".join(ctx.kb.name("class", c) for c in q.classes) + " class wins"
    return {"overall": "overall wins", "class": "class wins", "any": "wins (overall and class)"}[q.scope]


def filter_words(ctx: Context, q: Query) -> str:
    """The filters other than scope and subjects, said back: ' after 2014 (2015-2025), in diesel cars'."""
    parts = []
    if q.span:
        parts.append(q.span.label)
    if q.years:
        parts.append("in " + join([str(y) for y in q.years]))
    if q.not_years:
        parts.append("not counting " + join([str(y) for y in q.not_years]))
    if q.month:
        parts.append(f"held in {calendar.month_name[q.month]}")
    if q.engine_kind:
        kind = q.engine_kind.removeprefix("not-")
        parts.append(f"{'without' if kind != q.engine_kind else 'with'} {kind} engines")
    if q.category:
        parts.append("by a GT car" if q.category == "gt" else "by a prototype")
    if q.shortened is not None:
        parts.append("in shortened races" if q.shortened else "not counting shortened races")
    if q.nationality:
        code = q.nationality.removeprefix("not-")
        adjective = cues.NATIONALITY_ADJECTIVES.get(code, code)
        adjective = adjective if code == q.nationality else f"non-{adjective}"
        article = "an" if adjective[0] in "AEIOU" else "a"
        parts.append(f"among {adjective} drivers" if q.kind == "driver" else f"with {article} {adjective} driver")
    said: tuple[tuple[Role, str], ...] = (("with", "with"), ("without", "without"), ("other-than", "other than"))
    for role, words in said:
        refs = q.role(role)
        if refs:
            parts.append(f"{words} {join([r.name for r in refs], 'or' if role == 'with' and q.with_any else 'and')}")
    if q.filter_bound is not None:
        role, what, value = q.filter_bound
        year = filter_bound_year(ctx, q)
        where = f"in the race {role}" if q.adjacent and role in ("before", "after") else role
        phrase = f"{where} the first overall win by a {kind_of_winner(what, value)}"
        parts.append(phrase + (f" ({year})" if year and year < 10_000 else ""))
    parts.extend(_bounds_said(ctx, q))
    return (" " + ", ".join(parts)) if parts else ""


def _bounds_said(ctx: Context, q: Query) -> list[str]:
    """' after Peugeot's last win (2011)', ' after Audi's longest winning run (it ended in 2008)'."""
    parts = []
    for f in q.entities:
        bound = anchor_year(ctx, q, f.ref, f.role, f.pick, overall=f.overall)
        if bound is None or not 0 < bound < 10_000:
            continue
        which = f.pick or ("last" if f.role == "after" else "first")
        where = f"in the race {f.role}" if q.adjacent and f.role in ("before", "after") else f.role
        if f.ref.kind == "class":
            parts.append(f"{where} the {f.ref.name} class's {which} race ({bound})")
        elif which == "run":
            edge = "ended" if f.role == "after" else "began"
            parts.append(f"{where} {f.ref.name}'s longest winning run (it {edge} in {bound})")
        else:
            parts.append(f"{where} {f.ref.name}'s {which} {'overall ' if f.overall else ''}win ({bound})")
    return parts


def years_in_scope(ctx: Context, q: Query) -> list[int]:
    """The race years the query's span and years allow (whatever the results)."""
    years = ctx.kb.years
    if q.span:
        years = q.span.years(years)
    if q.years:
        years = [y for y in years if y in q.years]
    if q.not_years:
        years = [y for y in years if y not in q.not_years]
    if q.month:  # (a race without a recorded date is in no month)
        years = [y for y in years if (d := ctx.kb.races[y].date) is not None and d.month == q.month]
    return years
