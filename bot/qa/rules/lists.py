"""Lists within filters: the winners, an entity's wins, the first or last one, yes or no."""

from __future__ import annotations

from dataclasses import replace

from bot.qa.answer import Answer, EntityRef, unknown
from bot.qa.execute import (
    Context,
    among_ids,
    base_rows,
    excluded_ids,
    filter_words,
    involving,
    scope_words,
    years_in_scope,
)
from bot.qa.format import join, plural, years_text
from bot.qa.query import Query
from bot.qa.rules.base import PLURAL as _PLURAL
from bot.qa.rules.base import Rule, answer, row_line

_ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def _nothing(ctx: Context, q: Query) -> Answer:
    if not years_in_scope(ctx, q):
        kb = ctx.kb
        return unknown(
            f"There is no race{filter_words(ctx, q)} in my knowledge: I know {kb.first_year} to {kb.last_year}.",
            "no-races",
        )
    among = q.role("among")
    if among:  # "did Capello or McNish win in 2001": neither, and who did
        rest = base_rows(ctx, replace(q, entities=[f for f in q.entities if f.role != "among"]))
        names = join([r.name for r in among], "nor" if len(among) == 2 else "and")
        said = f"{'neither' if len(among) == 2 else 'none of'} {names}"
        lines = [row_line(ctx, r) for r in rest]
        text = f"No: {said} took {scope_words(ctx, q)}{filter_words(ctx, q)}." + (
            f" Won by: {'; '.join(lines)}." if lines else ""
        )
        return answer(ctx, q, text[:4] + text[4].upper() + text[5:], "list", list(rest), lines=lines)
    if len(q.subjects) >= 2 and q.years:  # "the 2017 winner was the #22 ESM car, wasn't it": not together
        rest = base_rows(ctx, replace(q, entities=[f for f in q.entities if f.role != "subject"]))
        lines = [row_line(ctx, r) for r in rest]
        names = join([r.name for r in q.subjects])
        text = f"No: no {scope_words(ctx, q)[:-1]}{filter_words(ctx, q)} had all of {names}." + (
            f" Won by: {'; '.join(lines)}." if lines else ""
        )
        return answer(ctx, q, text, "list", list(rest), lines=lines)
    who = join([r.name for r in q.subjects])
    said = f"{who} took no {scope_words(ctx, q)}" if who else f"There are no {scope_words(ctx, q)}"
    return ctx.builder._answer(
        f"{'No: ' if q.asks == 'yesno' else ''}{said}{filter_words(ctx, q)} in my knowledge.", "list"
    )


def _list(ctx: Context, q: Query) -> Answer:
    rows = base_rows(ctx, q)
    if not len(rows):
        return _nothing(ctx, q)
    if q.measure in ("first", "last"):
        years = rows.years()
        if q.nth > len(years):  # "Rebellion's third win": it has two
            who = join([r.name for r in q.subjects]) or "That"
            return unknown(f"{who} has only {plural(len(years), scope_words(ctx, q)[:-1])}: {years_text(years)}.",
                           "list", years=tuple(years))  # fmt: skip
        year = years[q.nth - 1 if q.measure == "first" else -1]
        rows = rows.where(lambda r: r.year == year)
    what = scope_words(ctx, q) + filter_words(ctx, q)
    if q.subjects and _asks_other_kind(q):
        names = join([r.name for r in q.subjects])  # "which of the Peugeot winners weren't French": those drivers
        return _kind_list(ctx, q, rows, f"{what} for {names}")
    if q.subjects:
        # "the Cadillac wins by teams other than WTR": the subject's wins are listed, so the team's leave them
        for ref in (r for r in q.role("other-than") if r.id in excluded_ids(q, r.kind)):
            rows = rows.where(involving(ref, keep=False))
        return _subject_list(ctx, q, rows, what) if len(rows) else _nothing(ctx, q)
    if (q.kind and q.kind != "class" and q.asks != "yesno") or q.min_wins or (q.never_with and q.who):
        return _kind_list(ctx, q, rows, what)  # ("who has won more than 3 times": drivers, counted)
    left_out = excluded_ids(q, "driver") if q.who else set()
    if left_out:  # "besides Capello and McNish, who was the third driver in 2000": the rest of each crew
        partners = _partners_of(q, "driver")  # ("besides Capello, who won with McNish": not McNish either)
        others = [
            ctx.kb.name("driver", d)
            for d in dict.fromkeys(d for r in rows for d in r.drivers)
            if d not in left_out | partners
        ]
        names = join([ctx.kb.name("driver", d) for d in sorted(left_out)])
        said = join(others) if others else "nobody else"
        crews = [row_line(ctx, r) for r in rows]
        return answer(ctx, q, f"Besides {names}: {said}. " + "; ".join(crews) + ".", "list", list(rows), lines=crews)
    lines = [row_line(ctx, r) for r in rows]
    if q.measure in ("first", "last"):
        text = f"The {q.measure} of the {what}: " + "; ".join(lines) + "."
    else:
        text = f"{what[:1].upper()}{what[1:]} ({len(lines)}): " + "; ".join(lines) + "."
    if q.claimed_years:  # "was 2009 the only one shortened by rain": every such race, against the one said
        alone = sorted(set(rows.years())) == sorted(q.claimed_years)
        text = ("Yes: " if alone else "No: ") + (f"t{text[1:]}" if text.startswith("The ") else text)
    elif q.asks == "yesno" and q.measure not in ("first", "last"):  # (a first with no year said: just which)
        text = "Yes. " + text
    return answer(ctx, q, text, "list", list(rows), lines=lines)


def _asks_other_kind(q: Query) -> bool:
    """'which Audi drivers only won once', 'which of the Peugeot winners weren't French': the subjects' drivers.

    A filter on the drivers themselves (their nationality, how often they won) is theirs, not the races'.
    """
    if q.kind is None and q.who and (q.min_wins or excluded_ids(q, "driver")):
        # "who won in an Audi more than twice", "who won for Audi other than Capello and McNish": its drivers
        return all(s.kind != "driver" for s in q.subjects)
    if q.kind is None or q.kind == "class" or any(s.kind == q.kind for s in q.subjects):
        return False
    return (q.kind == "driver" and q.nationality is not None) or (q.asks == q.kind and bool(q.min_wins))


def _ever_with(ctx: Context, q: Query, kind: str) -> set[str]:
    """'which drivers never won with ASNA': those with any such win, in the query's scope, are left out."""
    if not q.never_with:
        return set()
    nots = q.role("without")
    rows = base_rows(ctx, replace(q, entities=[f for f in q.entities if f.role != "without"]))
    return {i for r in rows if any(r.involves(n.kind, n.id) for n in nots) for i in r.ids(kind)}


def _partners_of(q: Query, kind: str) -> set[str]:
    """'which drivers won with McNish': his partners, so not McNish himself."""
    return {r.id for r in q.role("with") if r.kind == kind}


def _subject_list(ctx: Context, q: Query, rows: object, what: str) -> Answer:
    from bot.qa.table import ResultsTable

    assert isinstance(rows, ResultsTable)
    who = join([r.name for r in q.subjects])
    years = rows.years()
    lines = [row_line(ctx, r) for r in rows]
    if q.measure in ("first", "last"):
        single = what.replace("wins (overall and class)", "win (overall or class)").replace(" wins", " win", 1)
        which = _ORDINAL_WORDS.get(q.nth, f"{q.nth}th") if q.measure == "first" else q.measure
        text = f"{who}'s {which} {single}: " + "; ".join(lines) + "."
    else:
        lead = "Yes: " if q.asks == "yesno" else ""
        text = (
            f"{lead}{who}: {plural(len(years), scope_words(ctx, q)[:-1])}{filter_words(ctx, q)}: {years_text(years)}."
        )
        text += " " + "; ".join(lines) + "."
    return answer(ctx, q, text, "list", list(rows), lines=lines)


def _entered_as(ctx: Context, kind: str, id_: str, rows: object) -> str:
    """'; entered as Porsche North America in 2015': a team's name as entered where it differs from today's."""
    from bot.qa.table import ResultsTable

    if kind != "team" or not isinstance(rows, ResultsTable):
        return ""
    name = ctx.kb.name("team", id_)
    said: dict[str, list[int]] = {}
    for r in rows:
        entrant = (r.result.entrant or "").split(" (")[0].strip()
        if r.team == id_ and entrant and entrant.casefold() != name.casefold() and not entrant.startswith(name):
            said.setdefault(entrant, []).append(r.year)
    return "".join(f"; entered as {e} in {years_text(sorted(set(ys)))}" for e, ys in said.items())


def _kind_list(ctx: Context, q: Query, rows: object, what: str) -> Answer:
    from bot.qa.table import ResultsTable

    assert isinstance(rows, ResultsTable)
    kind = q.kind or "driver"
    limit = among_ids(ctx, q, kind)
    left_out = excluded_ids(q, kind) | _partners_of(q, kind) | _ever_with(ctx, q, kind)
    most = q.max_wins or 10_000
    counted = base_rows(ctx, q) if q.min_wins and q.measure in ("first", "last") else rows
    tally = [
        t for t in counted.tally(kind)
        if (q.min_wins or 1) <= t[1] <= most and (limit is None or t[0] in limit) and t[0] not in left_out
    ]  # fmt: skip
    if q.min_wins and q.measure in ("first", "last") and tally:
        # "of the drivers with exactly three wins, who won most recently": the count over all their wins,
        # then the one whose latest (or earliest) win is the extreme
        edge = max(ys[-1] for _, _, ys in tally) if q.measure == "last" else min(ys[0] for _, _, ys in tally)
        tally = [t for t in tally if (t[2][-1] if q.measure == "last" else t[2][0]) == edge]
    if q.min_wins:
        what += f", exactly {q.min_wins} each" if q.max_wins == q.min_wins else f", at least {q.min_wins} each"
    names = [f"{ctx.kb.name(kind, i)} ({years_text(ys)}{_entered_as(ctx, kind, i, counted)})" for i, _, ys in tally]
    if not names:
        no = "No" if q.asks == "yesno" or q.min_wins else "There is no"
        return ctx.builder._answer(f"{no}: no {kind} has {what} in my knowledge.", "list")
    label = _PLURAL[kind] if len(names) != 1 else kind
    among = q.role("among")
    if q.measure in ("first", "last") and among:  # "which of them won most recently"
        text = f"Of {join([r.name for r in among])}, the {q.measure} of the {what} went to {join(names)}."
    elif q.measure in ("first", "last") and q.min_wins:
        which = "the most recent winner" if q.measure == "last" else "the first to win"
        text = f"Of the {_PLURAL[kind]} with {what.replace(', exactly', ' (exactly').replace(', at least', ' (at least')}), {which}: {join(names)}."
    elif q.measure in ("first", "last"):
        text = f"The {q.measure} of the {what} went to {join(names)}."
    else:
        text = f"{len(names)} {label} with {what}: {join(names)}."
    if q.asks == "yesno":  # "did a French driver win in 2010": yes, and who
        text = "Yes: " + text
    if among and q.years:  # "was the 2014 winner a Corvette or a Cadillac": the winning entry too
        text += " " + "; ".join(row_line(ctx, r) for r in rows) + "."
    listed = tuple(EntityRef(kind, i, ctx.kb.name(kind, i)) for i, _, _ in tally)  # "which of those ..." next
    return answer(ctx, q, text, "list", list(rows), lines=names, entities=listed)


RULES = (Rule("list", lambda q: q.compositional, _list),)
