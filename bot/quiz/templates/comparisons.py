"""Comparisons between winners: which came first, three in order by year, higher or lower.

All three read first wins or win counts, which hold only when every overall result is
trusted (``ctx.counts_trusted``). Which name the prompt shows first is fixed per
question by :func:`stable_index`, never by the answer, so the order gives nothing away.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from bot.quiz.model import AnswerSpec, Blueprint, Option
from bot.quiz.phrasing import join, plural
from bot.quiz.templates.base import KIND_CATEGORY, KIND_WORD, PLM, Context, first_atom, stable_index

PAIRS_PER_KIND = 24  # which came first / higher or lower: questions per kind of winner
TRIPLES_PER_KIND = 12
MIN_ORDER_GAP = 2  # years between neighbours of an order: one year apart is a coin toss
COMPARED_KINDS = ("manufacturer", "team", "driver", "car")


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _firsts(ctx: Context, kind: str) -> list[tuple[int, str]]:
    """(first overall win, id), earliest first: per year the winner with the most wins (crews share a year)."""
    best: dict[int, str] = {}
    for id_ in ctx.winners_of(kind):  # most wins first, so the first seen of a year stays
        best.setdefault(ctx.years_of(kind, id_)[0], id_)
    return sorted((year, id_) for year, id_ in best.items())


def _spread(items: list[tuple[int, str]], size: int, limit: int, min_gap: int) -> list[tuple[tuple[int, str], ...]]:
    """Up to ``limit`` groups of ``size`` with strictly later years ``min_gap`` apart, nearest gaps first."""
    groups = [
        g for g in itertools.combinations(items, size) if all(b[0] - a[0] >= min_gap for a, b in itertools.pairwise(g))
    ]
    # Close years are the good questions; spread the picks over the whole history for variety.
    groups.sort(key=lambda g: (max(b[0] - a[0] for a, b in itertools.pairwise(g)), g))
    chosen: list[tuple[tuple[int, str], ...]] = []
    used: dict[str, int] = {}
    for group in groups:
        if len(chosen) >= limit:
            break
        if any(used.get(i, 0) >= 2 for _, i in group):  # no winner in more than two of them
            continue
        chosen.append(group)
        for _, i in group:
            used[i] = used.get(i, 0) + 1
    return chosen


def which_first(ctx: Context) -> Iterator[Blueprint]:
    """Which came first: A's first overall win or B's? (answer: the earlier one)."""
    if not ctx.counts_trusted:
        return
    for kind in COMPARED_KINDS:
        for (year_a, a), (year_b, b) in _spread(_firsts(ctx, kind), 2, PAIRS_PER_KIND, 1):
            key = f"which-first:{kind}:{a}:{b}"
            name_a, name_b = ctx.name(kind, a), ctx.name(kind, b)
            shown = (name_a, name_b) if stable_index(key, 2) else (name_b, name_a)
            yield Blueprint(
                key=key, template="which-first", category=KIND_CATEGORY[kind],
                prompt=f"Which came first at {PLM}: {possessive(shown[0])} first overall win or {possessive(shown[1])}?",
                spec=AnswerSpec("entity", kind, frozenset({a})), answer=name_a,
                fact=f"{name_a} first won {PLM} overall in {year_a}, {name_b} in {year_b}.",
                sources=tuple(ctx.overall[y].sources[0] for y in (year_a, year_b) if ctx.overall[y].sources),
                topics=frozenset({f"{kind}:{a}", f"{kind}:{b}"}),
                asks=frozenset({f"{kind}:{a}", f"{kind}:{b}"}),
                answer_atoms=frozenset({first_atom(kind, a), first_atom(kind, b)}),
                reveals=frozenset({first_atom(kind, a), first_atom(kind, b)}),
                right=(Option(name_a, a),), wrong=(Option(name_b, b),),
                closeness=1.0 / (1.0 + (year_b - year_a - 1) / 3),
            )  # fmt: skip


def order_three(ctx: Context) -> Iterator[Blueprint]:
    """Put three winners in order of their first overall win."""
    if not ctx.counts_trusted:
        return
    for kind in COMPARED_KINDS:
        for group in _spread(_firsts(ctx, kind), 3, TRIPLES_PER_KIND, MIN_ORDER_GAP):
            ids = tuple(i for _, i in group)
            names = [ctx.name(kind, i) for i in ids]
            key = f"order:{kind}:{':'.join(ids)}"
            orders = list(itertools.permutations(range(3)))
            shown = orders[1 + stable_index(key, len(orders) - 1)]  # any order but the answer's
            labels = [" → ".join(names[i] for i in order) for order in orders]
            firsts = join([f"{ctx.name(kind, i)} in {y}" for y, i in group])
            yield Blueprint(
                key=key, template="order-three", category="records",
                prompt=f"Put these {KIND_WORD[kind]}s in order of their first overall win at {PLM}, earliest first "
                f"(separate them with commas): {', '.join(names[i] for i in shown)}.",
                spec=AnswerSpec("order", kind, frozenset(ids), order=ids), answer=", then ".join(names),
                fact=f"Their first overall wins came in this order: {firsts}.",
                sources=tuple(ctx.overall[y].sources[0] for y, _ in group if ctx.overall[y].sources),
                topics=frozenset(f"{kind}:{i}" for i in ids), clues=(f"The earliest of them is {names[0]}.",),
                asks=frozenset(f"{kind}:{i}" for i in ids),
                answer_atoms=frozenset(first_atom(kind, i) for i in ids),
                reveals=frozenset(first_atom(kind, i) for i in ids),
                right=(Option(labels[0]),), wrong=tuple(Option(label) for label in labels[1:]),
                closeness=1.0 / (1.0 + (min(b[0] - a[0] for a, b in itertools.pairwise(group)) - 1) / 3),
            )  # fmt: skip


def higher_lower(ctx: Context) -> Iterator[Blueprint]:
    """A's overall win count is given; has B won more or fewer times?"""
    if not ctx.counts_trusted:
        return
    last = ctx.years[-1]
    for kind in ("manufacturer", "team", "driver"):
        counts = ctx.wins[kind]
        leaders = ctx.winners_of(kind)[:12]
        pairs = [(a, b) for a, b in itertools.combinations(leaders, 2) if counts[a] != counts[b]]
        pairs.sort(key=lambda p: (abs(counts[p[0]] - counts[p[1]]), p))
        for first, second in pairs[:PAIRS_PER_KIND]:
            key = f"higher-lower:{kind}:{first}:{second}"
            shown, asked = (first, second) if stable_index(key, 2) else (second, first)
            n, m = counts[shown], counts[asked]
            name_shown, name_asked = ctx.name(kind, shown), ctx.name(kind, asked)
            truth = m > n
            yield Blueprint(
                key=key, template="higher-lower", category="records",
                prompt=f"Higher or lower? Up to {last}, {name_shown} has won {PLM} overall {plural(n, 'time')}. "
                f"Has {name_asked} won it more times (higher) or fewer (lower)?",
                spec=AnswerSpec("direction", truth=truth), answer="Higher" if truth else "Lower",
                fact=f"{name_asked} has {plural(m, 'overall win')} to {possessive(name_shown)} {n}.",
                topics=frozenset({f"{kind}:{shown}", f"{kind}:{asked}"}),
                asks=frozenset({f"{kind}:{asked}"}), answer_atoms=frozenset({f"wins:{kind}:{asked}"}),
                reveals=frozenset({f"wins:{kind}:{shown}", f"wins:{kind}:{asked}"}),
                right=(Option("Higher" if truth else "Lower"),), wrong=(Option("Lower" if truth else "Higher"),),
                closeness=1.0 / (1.0 + abs(m - n)),
            )  # fmt: skip
