"""Aggregates over the results table: counts, distinct counts, sums, differences, gaps."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from bot.qa.answer import Answer, clarify, unknown
from bot.qa.execute import (
    Context,
    among_ids,
    base_rows,
    excluded_ids,
    filter_words,
    first_win_of_kind,
    kind_of_winner,
    rows_of,
    scope_words,
    years_in_scope,
)
from bot.qa.format import join, plural, years_text
from bot.qa.query import Query
from bot.qa.rules.base import PLURAL as _PLURAL
from bot.qa.rules.base import Rule, answer, compositional, row_line, win_years, wins_phrase
from bot.qa.table import Row


def _pair(q: Query) -> bool:
    subjects = q.subjects
    return len(subjects) >= 2


def _difference(ctx: Context, q: Query) -> Answer:
    a, b = q.subjects[:2]
    ra, rb = rows_of(ctx, q, a), rows_of(ctx, q, b)
    na, nb = len(ra), len(rb)
    gap = abs(na - nb)
    what = scope_words(ctx, q) + filter_words(ctx, q)
    if na == nb:
        lead = f"Neither: {a.name} and {b.name} have the same number of {what}, {na} each."
    else:
        more, less = (a, b) if na > nb else (b, a)
        lead = (
            f"{more.name} has {plural(gap, 'more win')} than {less.name} ({what}): {max(na, nb)} against {min(na, nb)}."
        )
    detail = f" {a.name}: {win_years(ra) or 'none'}; {b.name}: {win_years(rb) or 'none'}."
    return answer(ctx, q, lead + detail, "difference", [*ra, *rb])


def _sum(ctx: Context, q: Query) -> Answer:
    parts: list[str] = []
    rows: list[Row] = []
    total = 0
    for ref in q.subjects:
        these = rows_of(ctx, q, ref)
        n = len(these)
        total += n
        parts.append(f"{ref.name} {n} ({win_years(these) or 'none'})")
        rows.extend(these)
    shared = sorted(set.intersection(*(set(rows_of(ctx, q, ref).years()) for ref in q.subjects)))
    text = f"Combined, {join([r.name for r in q.subjects])} have {wins_phrase(ctx, q, total)}: {join(parts)}."
    if shared:
        text += f" They won together in {years_text(shared)}, so those races count once for each of them."
    # A make's own sourced record may count differently (by engine builder): said beside the sum, in its words
    text += "".join(dict.fromkeys(ctx.builder.stated(ref) for ref in q.subjects if ref.kind == "manufacturer"))
    return answer(ctx, q, text, "sum", rows)


def _share(ctx: Context, q: Query) -> Answer:
    """'what share of all the races did Audi win': the races it won over the races in scope."""
    ref = q.subjects[0]
    if q.scope != "overall" or q.classes:
        return unknown("I can give a share of the overall wins only: my knowledge does not say which classes ran "
                       "in every race.", "share")  # fmt: skip
    rows = rows_of(ctx, q, ref)
    won, races = sorted(set(rows.years())), years_in_scope(ctx, q)
    if not races:
        return unknown(f"There is no race{filter_words(ctx, q)} in my knowledge.", "share")
    share = 100 * len(won) / len(races)
    text = (
        f"{ref.name} won {len(won)} of the {plural(len(races), 'race')}{filter_words(ctx, q)} overall, "
        f"{share:.1f}%" + (f": {years_text(won)}." if won else ".")
    )
    return answer(ctx, q, text, "share", list(rows))


def _gap(ctx: Context, q: Query) -> Answer:
    """Years between two subjects' events: 'Audi's last win and Cadillac's first'."""
    ends = []
    for ref, pick in q.events:
        years = rows_of(ctx, q, ref).years()
        if not years:
            return unknown(f"{ref.name} has no {scope_words(ctx, q)}{filter_words(ctx, q)} in my knowledge.",
                           "years-between")  # fmt: skip
        if pick == "only" and len(years) > 1:
            return clarify(
                f"{ref.name} has {plural(len(years), 'win')} ({years_text(years)}): from the first or the last?",
                [], "years-between",
            )  # fmt: skip
        year = years[0] if pick == "first" else years[-1]
        said = {"first": "first win", "last": "last win", "only": "win"}[pick]
        ends.append((year, f"{ref.name}'s {said} was in {year}"))
    (a, said_a), (b, said_b) = ends
    rows = [r for r in base_rows(ctx, q, subjects=False) if r.year in (a, b)]
    rows = [r for r in rows if any(r.involves(ref.kind, ref.id) for ref, _ in q.events)]
    return answer(ctx, q, f"{plural(abs(b - a), 'year')}: {said_a} and {said_b}.", "years-between", rows)


def _between_kinds(ctx: Context, q: Query) -> Answer:
    """'years between the first diesel win and the first GT car win': from one kind's first win to the other's."""
    ends = []
    rows = []
    for what, value in q.filter_events:
        if what == "class":  # "the first GTP class win": the class's first race
            won = [r for r in ctx.table if value in r.class_family]
            if not won:
                return unknown(f"No {ctx.kb.name('class', value)} class win in my knowledge.", "years-between")
            first = min(r.year for r in won)
            ends.append((first, f"the first {ctx.kb.name('class', value)} class win was in {first}"))
            rows += [r for r in won if r.year == first]
            continue
        found, kind = first_win_of_kind(ctx, what, value), kind_of_winner(what, value)
        if found is None:
            return unknown(f"No {kind} has won Petit Le Mans overall in my knowledge.", "years-between")
        ends.append((found, f"the first overall win by a {kind} was in {found}"))
        rows += [r for r in ctx.table if r.overall and r.year == found]
    (a, said_a), (b, said_b) = ends
    text = f"{plural(abs(b - a), 'year')}: {said_a} and {said_b}."
    return answer(ctx, q, text[0].upper() + text[1:], "years-between", rows)


def _years_between(ctx: Context, q: Query) -> Answer:
    if len(q.filter_events) == 2:
        return _between_kinds(ctx, q)
    if len(q.events) == 2 and q.events[0][0] != q.events[1][0]:
        return _gap(ctx, q)
    if not q.subjects:
        years = base_rows(ctx, q).years()
        who = "the winners" + filter_words(ctx, q)
    else:
        years = rows_of(ctx, q, q.subjects[0]).years()
        who = q.subjects[0].name
        if len(years) < 2 and q.scope == "overall" and not q.classes:  # Risi: no overall win, class wins
            wider = replace(q, scope="any")
            if len(rows_of(ctx, wider, q.subjects[0]).years()) >= 2:
                return _years_between(ctx, wider)
    if len(years) < 2:
        return unknown(f"{who} has {plural(len(years), 'win')} in my knowledge, so there is no gap to measure.",
                       "years-between")  # fmt: skip
    rows = base_rows(ctx, q)
    gap = plural(years[-1] - years[0], "year")
    text = f"{gap}: {who}'s first win was in {years[0]} and the last in {years[-1]}."
    if q.subjects and q.subjects[0].kind == "team":  # Risi Competizione, entered as Doyle-Risi Racing in 1998
        for other, theirs in ctx.kb.related_wins(q.subjects[0].id, classes=True):
            earlier = [y for y in theirs if y < years[0]]
            if earlier:
                text += (f" Counting {ctx.kb.name('team', other)}, a related entry ({years_text(earlier)}), it is "
                         f"{plural(years[-1] - earlier[0], 'year')} from {earlier[0]}.")  # fmt: skip
    if len(years) > 2 and q.subjects:
        text += f" All of them: {years_text(years)}."
    if not q.subjects:  # "the two rain-shortened races": the first and the last race the filters allow
        what = scope_words(ctx, q) + filter_words(ctx, q)
        text = f"{gap}, from {years[0]} to {years[-1]} ({what}: {years_text(years)})."
    return answer(ctx, q, text, "years-between", [r for r in rows if r.year in (years[0], years[-1])])


def _distinct(ctx: Context, q: Query) -> Answer:
    kind = q.kind or "driver"
    rows = base_rows(ctx, q)
    left_out = excluded_ids(q, kind)
    limit = among_ids(ctx, q, kind)
    most = q.max_wins or 10_000  # ("how many drivers have only won once": exactly one each)
    groups = {
        i: rs
        for i, rs in rows.group(kind).items()
        if (q.min_wins or 1) <= len({r.year for r in rs}) <= most
        and i not in left_out
        and (limit is None or i in limit)
    }
    label = _PLURAL[kind]
    named = f" with {join([s.name for s in q.subjects])}" if q.subjects else ""  # "drivers who won for Audi"
    bound = "" if not q.min_wins else "exactly" if q.max_wins == q.min_wins else "at least"
    what = scope_words(ctx, q) + named + filter_words(ctx, q) + (f", {bound} {q.min_wins} each" if bound else "")
    listed = [f"{ctx.kb.name(kind, id_)} ({years_text(sorted({r.year for r in rs}))})" for id_, rs in groups.items()]
    text = f"{len(groups)} different {label if len(groups) != 1 else kind} scored {what}: {join(listed)}."
    return answer(ctx, q, text, "distinct-count", list(rows), lines=listed)


def _count(ctx: Context, q: Query) -> Answer:
    if len(q.subjects) == 1:
        ref = q.subjects[0]
        rows = rows_of(ctx, q, ref)
        text = f"{ref.name} has {wins_phrase(ctx, q, len(rows))}" + (f": {win_years(rows)}." if len(rows) else ".")
        if q.kind in _BY_KIND and q.kind != ref.kind and len(rows):  # "... and for which teams": each one's wins
            text += " " + _by_kind(ctx, q.kind, rows)
        elif q.scope == "overall" and not q.classes:
            extra = rows_of(ctx, replace(q, scope="class"), ref)  # under the same filters
            if len(extra):
                text += f" (Plus {plural(len(extra), 'class win')} in that period: {win_years(extra)}.)"
        return answer(ctx, q, text, "count", list(rows))
    if _counts_races(q):
        # The races the filters allow: a shortened race or an engine kind is a property of the race.
        # (and so is who raced in the winning car: "races in the 2000s with a Brit in the winning car")
        filtered = q.shortened is not None or q.engine_kind is not None or bool(q.nationality or q.category)
        years = sorted(set(base_rows(ctx, q).years())) if filtered else years_in_scope(ctx, q)
        said = re.sub(r",?\s*(in|not counting) shortened races", "", filter_words(ctx, q)).strip()
        noun = {True: "shortened race", False: "full-length race", None: "race"}[q.shortened]
        counted = [r for r in base_rows(ctx, q) if r.year in years and r.result.overall] if filtered else []
        return answer(ctx, q, f"{plural(len(years), noun)} {said or 'in all'}"
                      f" in my knowledge ({years_text(years) or 'none'}).", "race-count", counted)  # fmt: skip
    rows = base_rows(ctx, q)  # (with several subjects: the races all of them won, "the #911 Porsche")
    lines = [f"{r.year}: {ctx.builder.crew(r.result)}" for r in rows]
    who = f"{' and '.join(r.name for r in q.subjects)} together: " if q.subjects else ""
    text = f"{who}{wins_phrase(ctx, q, len(rows))}" + (f": {win_years(rows)}." if len(rows) else ".")
    if q.kind in _BY_KIND and q.kind != "driver" and len(rows):  # "... and which makes": each one's wins
        text += " " + _by_kind(ctx, q.kind, rows)
    return answer(ctx, q, text[:1].upper() + text[1:], "count", list(rows), lines=lines)


_BY_KIND = {"driver": "drivers", "team": "teams", "manufacturer": "manufacturers", "car": "cars"}


def _by_kind(ctx: Context, kind: str, rows: Iterable[Row]) -> str:
    """'By team: Paul Miller Racing (2014) and Land Motorsport (2017).': the wins counted, per entity of a kind."""
    per: dict[str, list[Row]] = {}
    for row in rows:
        for id_ in row.ids(kind):
            per.setdefault(id_, []).append(row)
    said = join([f"{ctx.kb.name(kind, i)} ({win_years(rs)})" for i, rs in per.items()])
    return f"By {kind}: {said}." if said else ""


def _counts_races(q: Query) -> bool:
    return any(w in ("races", "editions", "runnings") for w in q.words) and not any(
        w in ("wins", "won", "win", "victories") for w in q.words
    )


def _every(ctx: Context, q: Query) -> Answer:
    ref = q.subjects[0]
    wanted = years_in_scope(ctx, q)
    won = rows_of(ctx, q, ref).years()
    missing = [y for y in wanted if y not in won]
    what = scope_words(ctx, q)
    if not missing:
        text = f"Yes: {ref.name} took {what} in every race{filter_words(ctx, q)}: {years_text(won)}."
    elif not won:
        text = f"No: {ref.name} won none of the races{filter_words(ctx, q)} ({what})."
    else:
        span = q.span.label if q.span else "in those years"
        text = (f"No: {ref.name} did not win in {years_text(missing)}. {span[:1].upper()}{span[1:]}, "
                f"{ref.name} won {plural(len(won), 'time')} ({years_text(won)}).")  # fmt: skip
    return answer(ctx, q, text, "every-year", list(rows_of(ctx, q, ref)))


def _missing(ctx: Context, q: Query) -> Answer:
    ref = q.subjects[0]
    wanted = years_in_scope(ctx, q)
    if q.classes:  # "which years did Porsche not win GTLM": only the years the class ran
        ran = set(base_rows(ctx, replace(q, entities=[f for f in q.entities if f.role != "subject"])).years())
        wanted = [y for y in wanted if y in ran]
    won = set(rows_of(ctx, q, ref).years())
    missing = [y for y in wanted if y not in won]
    if q.picked and missing:  # "the first year after 2000 Audi didn't win": the earliest such year
        return _missing_edge(ctx, q, missing[0] if q.picked == "first" else missing[-1])
    span = q.span.label if q.span else f"in {wanted[0]}-{wanted[-1]}" if wanted else "in my knowledge"
    text = (
        f"{span[:1].upper()}{span[1:]}, {ref.name} did not take {scope_words(ctx, q)} in {plural(len(missing), 'year')}: "
        + (f"{years_text(missing)}." if missing else "none.")
    )
    rows = ctx.table.where(lambda r: r.overall and r.year in missing)
    if missing and q.scope == "overall":
        text += " " + "; ".join(f"{r.year}: {ctx.builder.crew(r.result)}" for r in rows) + "."
    elif missing and q.classes:  # "who won LMP2 in the years Tower didn't": those years' class winners
        rows = base_rows(ctx, replace(q, entities=[f for f in q.entities if f.role != "subject"]))
        rows = rows.where(lambda r: r.year in missing)
        text += " Won by: " + "; ".join(row_line(ctx, r) for r in rows) + "." if len(rows) else ""
    return answer(ctx, q, text, "missing-years", list(rows))


def _missing_edge(ctx: Context, q: Query, year: int) -> Answer:
    ref = q.subjects[0]
    which = "first" if q.picked == "first" else "most recent"
    span = f" {q.span.label}" if q.span else ""
    rows = base_rows(ctx, replace(q, entities=[f for f in q.entities if f.role != "subject"], years=(year,), span=None))
    won_by = "; ".join(row_line(ctx, r) for r in rows)
    text = f"The {which} year{span} without {_an(scope_words(ctx, q)[:-1])} for {ref.name}: {year}."
    return answer(ctx, q, text + (f" Won by: {won_by}." if won_by else ""), "missing-years", list(rows))


def _an(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def _is(measure: str, need_subject: bool = False) -> Callable[[Query], bool]:
    def applies(q: Query) -> bool:
        return q.measure == measure and compositional(q) and (not need_subject or bool(q.subjects))

    return applies


def _scopes(ctx: Context, q: Query) -> Answer:
    """'does Nick Tandy have more class wins or overall wins': the two counts, and which is more."""
    ref = q.subjects[0]
    overall = rows_of(ctx, replace(q, scope="overall", classes=()), ref)  # ("overall vs GTD class wins": the
    classes = rows_of(ctx, replace(q, scope="class"), ref)  # class named is the class side's only)
    o, c = len(overall), len(classes)
    named = scope_words(ctx, replace(q, scope="class"))[: -len(" wins")]  # "class", "GTD class"
    lead = f"More {named} wins" if c > o else "More overall wins" if o > c else f"As many overall as {named} wins"
    text = (
        f"{lead}: {ref.name} has {plural(c, f'{named} win')}" + (f" ({win_years(classes)})" if c else "")
        + f" and {plural(o, 'overall win')}" + (f" ({win_years(overall)})" if o else "") + f"{filter_words(ctx, q)}."
    )  # fmt: skip
    text += ctx.builder.stated(ref)  # (a team's or make's own sourced count may be fuller than its class results)
    return answer(ctx, q, text, "compare-scopes", [*overall, *classes], entities=(ref,))


RULES = (
    Rule("compare-scopes", lambda q: q.scopes_compared and len(q.subjects) == 1, _scopes),
    Rule("difference", lambda q: q.measure in ("difference", "compare") and _pair(q) and q.compositional, _difference),
    Rule("share", lambda q: q.measure == "share", _share),
    Rule("sum", lambda q: q.measure == "sum" and _pair(q), _sum),
    Rule("years-between", lambda q: q.measure == "years-between", _years_between),
    Rule("every-year", _is("every", need_subject=True), _every),
    Rule("missing-years", _is("missing", need_subject=True), _missing),
    Rule("distinct-count", _is("distinct"), _distinct),
    Rule("count", _is("count"), _count),
)
