"""'Who am I?': an overall-winning driver described by clues, the vaguest first.

The question shows the first clue; each hint gives the next one and costs points
(:mod:`bot.quiz.scoring`), so an early answer scores most. Every clue is a fact from
the knowledge base (win count, nationality, decade of the first win, makes, a
co-driver, initials), and clues are kept only while they narrow the field: the whole
ladder fits exactly one driver, the first clue alone fits several. A driver whose
nationality is not known for sure counts as fitting any nationality clue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from bot.quiz.model import AnswerSpec, Blueprint, Option
from bot.quiz.phrasing import join, plural, trusted, years_text
from bot.quiz.templates.base import PLM, Context, first_atom, others

MAX_CLUES = 4  # the ladder's points fall with each clue (scoring keeps four levels distinct)

Clue = tuple[str, Callable[[str], bool]]  # the text, and which drivers it fits


def _makes(ctx: Context, driver: str) -> frozenset[str]:
    kb = ctx.kb
    return frozenset(m for y in ctx.years_of("driver", driver) if (m := kb.make_of(ctx.overall[y])))


def _co_drivers(ctx: Context, driver: str) -> set[str]:
    return {d for y in ctx.years_of("driver", driver) for d in ctx.overall[y].drivers if d != driver}


def _nationality(ctx: Context, driver: str) -> str | None:
    """The driver's nationality when it is trusted; ``None`` (could be any) otherwise."""
    person = ctx.kb.drivers.get(driver)
    return person.nationality if person and trusted(person.nationality_confidence) else None


def _initials(name: str) -> str:
    return " ".join(f"{word[0]}." for word in name.replace("-", " ").split() if word[0].isalpha())


def clues_for(ctx: Context, driver: str) -> list[Clue]:
    """Every clue about ``driver``, vaguest first, each with the test of who else it fits."""
    years = ctx.years_of("driver", driver)
    n = len(years)
    out: list[Clue] = [
        (f"I have won {PLM} overall {'once' if n == 1 else plural(n, 'time')}.",
         lambda d: len(ctx.years_of("driver", d)) == n),
    ]  # fmt: skip
    code = _nationality(ctx, driver)
    if code:
        out.append(
            (f"My nationality: {code}.",
             lambda d: _nationality(ctx, d) in (code, None)),
        )  # fmt: skip
    decade = years[0] // 10 * 10
    out.append(
        (f"My first overall win came in the {decade}s.", lambda d: ctx.years_of("driver", d)[0] // 10 * 10 == decade)
    )
    makes = _makes(ctx, driver)
    if makes:
        label = join(sorted(ctx.name("manufacturer", m) for m in makes))
        out.append(
            (f"{'My overall win' if n == 1 else 'My overall wins'} came with {label}.",
             lambda d: _makes(ctx, d) == makes),
        )  # fmt: skip
    partners = sorted(_co_drivers(ctx, driver), key=lambda d: (-ctx.fame("driver", d), d))
    if partners:
        partner = partners[0]
        out.append(
            (f"I shared an overall win with {ctx.name('driver', partner)}.",
             lambda d: partner in _co_drivers(ctx, d)),
        )  # fmt: skip
    initials = _initials(ctx.name("driver", driver))
    out.append((f"My initials are {initials}", lambda d: _initials(ctx.name("driver", d)) == initials))
    return out


def ladder(ctx: Context, driver: str) -> tuple[list[str], list[str]] | None:
    """The clues that narrow the field down to ``driver`` (the first fitting several), and who fits the first."""
    field = [d for d in ctx.winners_of("driver") if d != driver]
    chosen: list[str] = []
    first_fits: list[str] = []
    for text, fits in clues_for(ctx, driver):
        narrower = [d for d in field if fits(d)]
        if len(narrower) == len(field) or (not chosen and not narrower):
            continue  # tells nothing new, or would end the ladder at its first rung
        chosen.append(text)
        if len(chosen) == 1:
            first_fits = narrower
        field = narrower
        if not field:
            break
    if field or not 2 <= len(chosen) <= MAX_CLUES:
        return None
    return chosen, first_fits


def who_am_i(ctx: Context) -> Iterator[Blueprint]:
    if not ctx.counts_trusted:
        return
    for driver in ctx.winners_of("driver"):
        found = ladder(ctx, driver)
        if found is None:
            continue
        clues, first_fits = found
        name = ctx.name("driver", driver)
        years = ctx.years_of("driver", driver)
        total = len(clues)
        yield Blueprint(
            key=f"who-am-i:driver:{driver}", template="who-am-i", category="winners",
            prompt=f"Who am I? A driver, in {total} clues. Clue 1: {clues[0]}",
            spec=AnswerSpec("entity", "driver", frozenset({driver})), answer=name,
            fact=f"{name} won {PLM} overall {'once, in' if len(years) == 1 else plural(len(years), 'time') + ':'} "
            f"{years_text(years)}.",
            sources=tuple(s for y in years for s in ctx.overall[y].sources[:1]),
            topics=frozenset({f"driver:{driver}"}),
            clues=tuple(f"Clue {i}: {text}" for i, text in enumerate(clues[1:], start=2)),
            clue_ladder=True,
            # Asks about no one thing: any earlier mention of the driver could give the ladder away.
            answer_atoms=frozenset({f"driver:{driver}"}),
            reveals=frozenset({f"wins:driver:{driver}", f"streak:driver:{driver}", first_atom("driver", driver)}),
            right=(Option(name, driver),), wrong=others(ctx, "driver", {driver}, prefer=first_fits),
        )  # fmt: skip
