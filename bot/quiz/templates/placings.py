"""Second and third overall, pole position and fastest lap, from each race's researched records.

Only records of high or medium confidence, in races of high or medium confidence, with
the drivers named. The pole and fastest-lap holders of other years, the podium and the
winners of the same year make the distractors: near misses, all wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.knowledge.model import Placing, Race, SessionBest
from bot.quiz.model import AnswerSpec, Blueprint, Option
from bot.quiz.phrasing import join, number_word, trusted
from bot.quiz.templates.base import PLM, Context, others

_PLACE = {2: "second", 3: "third"}
NEARBY_YEARS = 5  # distractors come from the front runners of this many races around the one asked
_BRACKETS = re.compile(r"\s*\([^)]*\)")
_GAP = re.compile(r"^\+?(\d+(?:[.:]\d+)* (?:s|laps?))$")  # "+3.297 s", "+3 laps": a gap, not a research note


def _entry(number: str | None, car: str | None, entrant: str | None) -> str:
    """' in the #12 Lola B12/60 - Toyota for Rebellion Racing' (the parts that are known)."""
    what = " ".join(p for p in (f"#{number}" if number else None, car) if p)
    team = _BRACKETS.sub("", entrant or "").strip()
    return (f" in the {what}" if what else "") + (f" for {team}" if team else "")


def _podium(race: Race) -> list[Placing]:
    if not trusted(race.confidence):
        return []
    return [p for p in race.podium if trusted(p.confidence) and p.drivers and not p.drivers_note]


def _nearby(ctx: Context, year: int) -> list[str]:
    """Drivers who stood near the front around ``year``: winners, podium, pole sitters."""
    out: list[str] = []
    for y in sorted(ctx.kb.races, key=lambda y: (abs(y - year), y))[:NEARBY_YEARS]:
        race = ctx.kb.races[y]
        out += race.overall.drivers
        out += [d for p in race.podium for d in p.drivers]
        out += [s.driver for s in (race.pole_position, race.fastest_lap) if s and s.driver]
    return out


def podium(ctx: Context) -> Iterator[Blueprint]:
    kb = ctx.kb
    for year, race in kb.races.items():
        for placing in _podium(race):
            ids = list(dict.fromkeys(placing.drivers))
            names = [kb.name("driver", d) for d in ids]
            place = _PLACE[placing.position]
            n = len(ids)
            prompt = (
                f"Who finished {place} overall at {PLM} {year}?"
                if n == 1
                else f"Name one of the {number_word(n)} drivers who finished {place} overall at {PLM} {year}."
            )
            clean = _GAP.match(placing.gap or "")
            gap = f", {clean.group(1)} behind the winners" if clean else ""
            famous = max(ids, key=lambda d: (ctx.fame("driver", d), -ids.index(d)))
            yield Blueprint(
                key=f"podium:{year}:{placing.position}", template="podium", category="history", prompt=prompt,
                spec=AnswerSpec("entity", "driver", frozenset(ids)), answer=join(names),
                fact=f"{join(names)} finished {place} overall in {year}"
                f"{_entry(placing.car_number, placing.car_name, placing.entrant)}{gap}.",
                sources=tuple(placing.sources), topics=frozenset({f"podium:{year}", f"year:{year}"}),
                hint_text=kb.name("driver", famous), asks=frozenset({f"year:{year}", f"podium:{year}:{placing.position}"}),
                reveals=frozenset({f"podium:{year}:{placing.position}"}),
                right=ctx.options("driver", ids), wrong=others(ctx, "driver", set(ids), prefer=_nearby(ctx, year)),
            )  # fmt: skip


def _session(race: Race, which: str) -> SessionBest | None:
    best = race.pole_position if which == "pole" else race.fastest_lap
    if best is None or not best.driver or not trusted(race.confidence, best.confidence):
        return None
    return best


def sessions(ctx: Context) -> Iterator[Blueprint]:
    """Who took pole / set the fastest race lap in a year; did the pole-sitting car win?"""
    kb = ctx.kb
    wording = {"pole": ("took pole position for", "took pole position"),
               "fastest-lap": ("set the fastest race lap at", "set the fastest race lap")}  # fmt: skip
    for year, race in kb.races.items():
        for which, (asked, done) in wording.items():
            best = _session(race, which)
            if best is None or best.driver is None:
                continue
            driver = best.driver
            name = kb.name("driver", driver)
            time = f" with a lap of {best.time}" if best.time else ""
            yield Blueprint(
                key=f"{which}:{year}", template=which, category="records",
                prompt=f"Who {asked} {PLM} {year}?",
                spec=AnswerSpec("entity", "driver", frozenset({driver})), answer=name,
                fact=f"{name} {done} in {year}{_entry(best.car_number, best.car_name, best.entrant)}{time}.",
                sources=tuple(best.sources), topics=frozenset({f"{which}:{year}", f"year:{year}"}), hint_text=name,
                asks=frozenset({f"year:{year}", f"{which}:{year}"}), reveals=frozenset({f"{which}:{year}"}),
                right=(Option(name, driver),), wrong=others(ctx, "driver", {driver}, prefer=_nearby(ctx, year)),
            )  # fmt: skip
        yield from _pole_won(ctx, race)


def _pole_won(ctx: Context, race: Race) -> Iterator[Blueprint]:
    """True or false: the car on pole won overall (car numbers of both, trusted, decide it)."""
    year = race.year
    result = ctx.overall.get(year)
    pole = race.pole_position
    if result is None or pole is None or not trusted(race.confidence, pole.confidence):
        return
    won = result.car_number if result.car_number and trusted(result.car_number_confidence) else None
    if not won or not pole.car_number:
        return
    truth = pole.car_number == won
    fact = (
        f"The #{won} took pole position in {year} and won overall."
        if truth
        else f"The #{pole.car_number} took pole position in {year}, but the #{won} won overall."
    )
    yield Blueprint(
        key=f"tf-pole-won:{year}", template="tf-pole-won", category="records",
        prompt=f"True or false: the car on pole position for {PLM} {year} went on to win overall.",
        spec=AnswerSpec("boolean", truth=truth), answer="True" if truth else "False", fact=fact,
        sources=tuple(pole.sources), topics=frozenset({f"pole:{year}", f"year:{year}"}),
        answer_atoms=frozenset({f"pole:{year}", f"car-number:{year}"}),
        reveals=frozenset({f"pole:{year}", f"car-number:{year}"}),
        right=(Option("True" if truth else "False"),), wrong=(Option("False" if truth else "True"),),
    )  # fmt: skip
