"""Streaks: runs of wins in consecutive races, within the query's filters.

"how many in a row did Audi win from 2000", "has anyone won back to back since 2015",
"did a driver win three straight in the 2000s". The table-wide record ("the longest
winning streak") stays with the records tables; this family answers a streak asked
with a subject or a span.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.qa.answer import Answer
from bot.qa.execute import Context, base_rows, filter_words, scope_words, years_in_scope
from bot.qa.format import join, possessive
from bot.qa.query import Query
from bot.qa.rules.base import PLURAL, Rule, answer, row_line
from bot.qa.table import Row

Run = tuple[int, int, int]  # first year, last year, length


def runs(win_years: set[int], race_years: Sequence[int]) -> list[Run]:
    """Maximal runs of consecutive races (in ``race_years`` order) all in ``win_years``, longest first."""
    found: list[Run] = []
    start = None
    length = 0
    for i, year in enumerate(race_years):
        if year in win_years:
            start = year if start is None else start
            length += 1
        if start is not None and (year not in win_years or i == len(race_years) - 1):
            last = year if year in win_years else race_years[i - 1]
            found.append((start, last, length))
            start, length = None, 0
    return sorted(found, key=lambda r: (-r[2], r[0]))


def _run_text(run: Run) -> str:
    a, b, n = run
    return f"{a}\u2013{b} ({n} in a row)" if n > 1 else str(a)


def _subject_streak(ctx: Context, q: Query) -> Answer:
    """One subject's runs, or those of several together ('Montagny and Sarrazin won three in a row')."""
    ref, others = q.subjects[0], q.subjects[1:]
    rows = base_rows(ctx, q)  # (with several subjects: the races all of them won)
    found = [r for r in runs(set(rows.years()), years_in_scope(ctx, q)) if r[2] >= 2]
    what = scope_words(ctx, q) + filter_words(ctx, q)
    who = join([r.name for r in q.subjects])
    if not found:
        no = "No: " if q.asks == "yesno" or q.claimed else ""
        together = " together" if others else ""
        return answer(ctx, q, f"{no}{who} never took {what}{together} in consecutive races.", "streak", list(rows))
    best = found[0]
    if q.ended:
        return _ended(ctx, q, best, list(rows))
    run = f"{best[2]} in a row, {best[0]}\u2013{best[1]}"
    lead = f"the longest run of {what} {who} took together: {run}." if others else (
        f"{possessive(ref.name)} longest run of {what}: {run}."
    )  # fmt: skip
    text = _judged(q, found, lead)
    if (q.kind and q.kind != ref.kind) or q.also_asks:  # "Bergmeister's streak, which years and which teams"
        text += " " + "; ".join(row_line(ctx, r) for r in rows if best[0] <= r.year <= best[1]) + "."
    return answer(ctx, q, text, "streak", list(rows))


def _compared_runs(ctx: Context, q: Query) -> Answer:
    """'which had the longer winning streak, Audi or Peugeot': each subject's longest run, side by side."""
    rows = base_rows(ctx, q, subjects=False)
    race_years = years_in_scope(ctx, q)
    what = scope_words(ctx, q) + filter_words(ctx, q)
    best: list[tuple[str, int]] = []
    for ref in q.subjects:
        mine = runs({r.year for r in rows if r.involves(ref.kind, ref.id)}, race_years)
        length = mine[0][2] if mine else 0
        said = _run_text(mine[0]) if mine and length > 1 else "never two in a row" if mine else "no wins"
        best.append((f"{possessive(ref.name)} longest run of {what}: {said}", length))
    top = max(n for _, n in best)
    leaders = [ref.name for ref, (_, n) in zip(q.subjects, best, strict=True) if n == top]
    verdict = f"{leaders[0]}'s is longer." if len(leaders) == 1 else "They are level."
    used = [r for r in rows if any(r.involves(ref.kind, ref.id) for ref in q.subjects)]
    return answer(ctx, q, "; ".join(t for t, _ in best) + f". {verdict}", "streak", used)


def _judged(q: Query, found: list[Run], lead: str) -> str:
    """The longest run said: with the verdict on a claim or yes/no ('Yes: ...'), then the other runs."""
    if q.claimed or q.asks == "yesno":
        lead = f"{'Yes' if found[0][2] >= (q.claimed or 2) else 'No'}: {lead}"
    lead = lead[0].upper() + lead[1:]
    if len(found) > 1:
        lead += f" Other runs: {join([_run_text(r) for r in found[1:]])}."
    return lead


def _ended(ctx: Context, q: Query, run: Run, rows: list[Row]) -> Answer:
    """'who ended Audi's streak': the winners of the race after the subject's longest run."""
    ref = q.subjects[0]
    later = [y for y in years_in_scope(ctx, q) if y > run[1]]
    what = scope_words(ctx, q)
    if not later:
        text = f"{possessive(ref.name)} longest run of {what}, {run[0]}\u2013{run[1]} ({run[2]}), has not been ended."
        return answer(ctx, q, text, "streak", rows)
    after = base_rows(ctx, q, subjects=False).where(lambda r: r.year == later[0])
    ended_by = list(after)
    who = "; ".join(f"{ctx.builder.crew(r.result)} ({ctx.builder.machine(r.result)[4:]})" for r in ended_by)
    text = (
        f"{possessive(ref.name)} run of {run[2]} {what} in a row ({run[0]}\u2013{run[1]}) ended in {later[0]}, "
        f"won by {who or 'another entry'}."
    )
    return answer(ctx, q, text, "streak", rows + ended_by)


def _anyone_streak(ctx: Context, q: Query) -> Answer:
    kind = q.kind or "driver"
    table = base_rows(ctx, q)
    race_years = years_in_scope(ctx, q)
    need = q.claimed or 2
    found: list[tuple[Run, str]] = []
    used: list[Row] = []
    for id_, rs in table.group(kind).items():
        for run in runs({r.year for r in rs}, race_years):
            if run[2] >= need:
                found.append((run, id_))
                used.extend(r for r in rs if run[0] <= r.year <= run[1])
    what = scope_words(ctx, q) + filter_words(ctx, q)
    if not found:
        no = "No" if q.asks in ("yesno", "winners") else "None"
        return answer(ctx, q, f"{no}: no {kind} won {need} or more races in a row ({what}).", "streak", [])
    found.sort(key=lambda f: (-f[0][2], f[0][0]))
    if q.longest:
        best = found[0][0][2]
        found = [f for f in found if f[0][2] == best]
        kept = {(i, run[0]) for run, i in found}
        used = [r for r in used if any(r.involves(kind, i) and a <= r.year for i, a in kept)]
    parts = [f"{ctx.kb.name(kind, i)} {_run_text(run)}" for run, i in found]
    yes = "Yes: " if q.asks == "yesno" else ""
    label = PLURAL[kind] if len(found) != 1 else kind
    text = f"{yes}{len(found)} {label} won {need} or more races in a row ({what}): {join(parts)}."
    if q.longest:
        tie = f", shared by {len(found)}" if len(found) > 1 else ""
        text = f"The longest run of {what} by a {kind} is {found[0][0][2]} in a row{tie}: {join(parts)}."
    return answer(ctx, q, text, "streak", used, lines=parts)


def _filter_streak(ctx: Context, q: Query) -> Answer:
    """'did diesels win 6 in a row': the runs of races the filter's cars won, whoever drove them."""
    rows = base_rows(ctx, q)
    found = [r for r in runs(set(rows.years()), years_in_scope(ctx, q)) if r[2] >= 2]
    what = scope_words(ctx, q) + filter_words(ctx, q)
    if not found:
        return answer(ctx, q, f"No: there were never {what} in consecutive races.", "streak", list(rows))
    best = found[0]
    lead = f"the longest run of {what}: {best[2]} in a row, {best[0]}\u2013{best[1]}."
    return answer(ctx, q, _judged(q, found, lead), "streak", [r for r in rows if best[0] <= r.year <= best[1]])


def _streak(ctx: Context, q: Query) -> Answer:
    if q.runs_compared:
        return _compared_runs(ctx, q)
    if q.subjects:
        return _subject_streak(ctx, q)
    if q.kind is None and not q.who and (q.engine_kind or q.category or q.nationality):
        return _filter_streak(ctx, q)  # ("did a Brit win three in a row" is still the drivers': "who" is not said)
    return _anyone_streak(ctx, q)


RULES = (Rule("streak", lambda q: q.measure == "streak" and q.compositional, _streak),)
