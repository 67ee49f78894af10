"""Odd one out: three of four options share a property, one does not.

- Drivers: three won overall with one make, the odd one won overall but never with it.
- Teams and cars: three won overall, the odd one won only its class.

The odd one is fixed per question (its reveal says why it is odd); the three others are
drawn per game from everyone who shares the property. Both claims rest on every
overall result being known (``ctx.counts_trusted``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from bot.quiz.model import AnswerSpec, Blueprint, Option
from bot.quiz.phrasing import join, usable, years_text
from bot.quiz.templates.base import DISTRACTORS, PLM, Context, id_of

ODD_PER_MAKE = 3
ODD_PER_KIND = 10
MIN_SHARING = 3


def odd_one_out(ctx: Context) -> Iterator[Blueprint]:
    if not ctx.counts_trusted:
        return
    yield from _drivers_by_make(ctx)
    for kind in ("team", "car"):
        yield from _class_only(ctx, kind)


def _drivers_by_make(ctx: Context) -> Iterator[Blueprint]:
    kb = ctx.kb
    by_make: dict[str, set[str]] = defaultdict(set)
    for result in ctx.overall.values():
        make = kb.make_of(result)
        if make:
            by_make[make].update(result.drivers)
    for make, sharing in by_make.items():
        if len(sharing) < MIN_SHARING:
            continue
        make_name = ctx.name("manufacturer", make)
        era = [y for y, r in ctx.overall.items() if kb.make_of(r) == make]
        # The odd ones: winners with other makes in the same years, the best known first.
        near = sorted(
            (d for d in ctx.winners_of("driver") if d not in sharing),
            key=lambda d: (min(abs(y - e) for y in ctx.years_of("driver", d) for e in era), -ctx.fame("driver", d), d),
        )
        alike = sorted(sharing, key=lambda d: (-ctx.fame("driver", d), d))[:DISTRACTORS]
        known = [d for d in near if all(kb.make_of(ctx.overall[y]) for y in ctx.years_of("driver", d))]
        for odd in known[:ODD_PER_MAKE]:
            name = ctx.name("driver", odd)
            years = ctx.years_of("driver", odd)
            theirs = join(sorted({ctx.name("manufacturer", m) for y in years if (m := kb.make_of(ctx.overall[y]))}))
            yield Blueprint(
                key=f"odd-one-out:make:{make}:{odd}", template="odd-one-out", category="winners",
                prompt=f"Odd one out: three of these drivers have won {PLM} overall with {make_name}. "
                "Which one never has?",
                spec=AnswerSpec("entity", "driver", frozenset({odd})), answer=name,
                fact=f"{name} won overall with {theirs} in {years_text(years)}, never with {make_name}, "
                "unlike the other three.",
                topics=frozenset({f"driver:{odd}", f"manufacturer:{make}"}), choice_only=True,
                sources=tuple(s for y in years for s in ctx.overall[y].sources[:1]),
                answer_atoms=frozenset({f"driver:{odd}"}),  # any earlier mention of the odd one: not asked
                right=(Option(name, odd),), wrong=ctx.options("driver", alike),
            )  # fmt: skip


def _class_only(ctx: Context, kind: str) -> Iterator[Blueprint]:
    """Winners of a class that never won overall, against three overall winners."""
    kb = ctx.kb
    if any(not id_of(kind, r, kb) for r in ctx.overall.values()):
        return  # an overall winner of unknown name: "never won overall" cannot be said
    class_wins: dict[str, list[tuple[int, str]]] = defaultdict(list)
    class_sources: dict[str, list[str]] = defaultdict(list)
    for year, race in kb.races.items():
        for result in race.class_results:
            id_ = id_of(kind, result, kb)
            if id_ and usable(race, result):
                class_wins[id_].append((year, kb.name("class", result.class_)))
                class_sources[id_] += result.sources[:1]
    winners = set(ctx.winners_of(kind))
    odd = sorted((i for i in class_wins if i not in winners), key=lambda i: (-len(class_wins[i]), i))
    noun = {"team": "teams", "car": "cars"}[kind]
    for id_ in odd[:ODD_PER_KIND]:
        name = ctx.name(kind, id_)
        wins = class_wins[id_]
        classes = sorted({label for _, label in wins})
        first = min(y for y, _ in wins)
        alike = sorted(winners, key=lambda i: (abs(ctx.years_of(kind, i)[0] - first), i))[:DISTRACTORS]
        yield Blueprint(
            key=f"odd-one-out:{kind}:{id_}", template="odd-one-out", category="classes",
            prompt=f"Odd one out: three of these {noun} have won {PLM} overall. Which one never has?",
            spec=AnswerSpec("entity", kind, frozenset({id_})), answer=name,
            fact=f"{name} won the {join(classes)} class{'es' if len(classes) > 1 else ''} "
            f"in {years_text(sorted({y for y, _ in wins}))} but never overall, "
            "unlike the other three.",
            topics=frozenset({f"{kind}:{id_}"}), choice_only=True, sources=tuple(class_sources[id_]), answer_atoms=frozenset({f"{kind}:{id_}"}),
            right=(Option(name, id_),), wrong=ctx.options(kind, alike),
        )  # fmt: skip
