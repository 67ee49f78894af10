"""A race's own figures compared across years: 'which finish was closer, 2007 or 2019',
'how many more laps did the 2019 winner do than the 2018 winner'.

The winning margin, the winner's laps and the race time are stored per race; comparing
them is reading a number from each named year. A figure the sources do not give (a finish
under caution has no margin) is said, never guessed; a low-confidence figure is marked.
"""

from __future__ import annotations

import re

from bot.knowledge.model import Race
from bot.qa.answer import Answer, unknown
from bot.qa.execute import Context, base_rows, filter_words
from bot.qa.format import join
from bot.qa.query import Query
from bot.qa.rules.base import Rule

_SECONDS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*s\b")
_ABOUT = re.compile(r"^\s*(?:about|around|approximately|~)\s*(\d+(?:\.\d+)?)\s*s\b", re.IGNORECASE)
_MINUTES = re.compile(r"^\s*(\d+):(\d{2}(?:\.\d+)?)\b")
_LAPS = re.compile(r"^\s*(\d+)\s*laps?\b")
_CLOCK = re.compile(r"^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$")
WHAT = {"margin": "winning margin", "laps": "winner's laps", "race-time": "race time", "distance": "race distance"}
_MILES = re.compile(r"^\s*(?:about\s+)?([\d,]+(?:\.\d+)?)\s*mi\b")


def value(race: Race, what: str) -> tuple[float, str] | None:
    """The figure as a number for comparing (seconds, laps) and as the sources say it; None if not given.

    A margin of laps counts as longer than any margin in seconds (a lap is over a minute here).
    """
    result = race.overall
    if what == "distance":  # "1,181.1 mi (race record at the time)"; "about 505 mi (computed)" is said as such
        m = _MILES.match(race.distance or "")
        if not m:
            return None
        miles = float(m.group(1).replace(",", ""))
        return miles, ("about " if (race.distance or "").startswith("about") else "") + f"{m.group(1)} mi"
    if what == "laps":
        return (float(result.laps), f"{result.laps} laps") if result.laps else None
    if what == "race-time":
        m = _CLOCK.match(race.race_time or "")
        if not m:
            return None
        h, mnt, sec = m.groups()
        return int(h) * 3600 + int(mnt) * 60 + float(sec), race.race_time or ""
    margin = result.margin or ""
    if m := _MINUTES.match(margin):  # "1:01.681 over Peugeot #07"
        return int(m.group(1)) * 60 + float(m.group(2)), f"{m.group(1)}:{m.group(2)}"
    if m := _ABOUT.match(margin):  # "About 0.4 s over ...": an estimate, said as one
        return float(m.group(1)), f"about {m.group(1)} s"
    if m := _SECONDS.match(margin):
        return float(m.group(1)), f"{m.group(1)} s"
    if m := _LAPS.match(margin):
        return 10_000.0 * int(m.group(1)), f"{m.group(1)} lap{'s' if m.group(1) != '1' else ''}"
    return None


def _summed(
    ctx: Context, q: Query, what: str, races: list[Race], figures: dict[int, tuple[float, str] | None]
) -> Answer:
    """'laps in the two shortened races combined': the figures added up, each one shown."""
    total = sum(v[0] for v in figures.values() if v is not None)
    parts = join([f"{v[1]} in {y}{_doubt(ctx.kb.races[y], what)}" for y, v in figures.items() if v is not None])
    said = f"{int(total)} laps" if what == "laps" else f"{total / 3600:.1f} hours"
    where = filter_words(ctx, q)
    text = f"{said} in all{where}: {parts}."
    return ctx.builder._answer(text, "race-value", items=races, years=tuple(r.year for r in races))


def _doubt(race: Race, what: str) -> str:
    low = what == "laps" and race.overall.laps_confidence == "low"
    return " (low confidence)" if low else ""


def _answer(ctx: Context, q: Query) -> Answer:
    what = q.race_value or "margin"
    years = [y for y in q.years if y in ctx.kb.races] or sorted(set(base_rows(ctx, q).years()))
    races = [ctx.kb.races[y] for y in years]
    figures = {r.year: value(r, what) for r in races}
    missing = [y for y, v in figures.items() if v is None]
    said = {y: f"{v[1]} in {y}{_doubt(ctx.kb.races[y], what)}" for y, v in figures.items() if v is not None}
    if missing:
        gone = join([str(y) for y in missing])
        known = f" I have {join(list(said.values()))}." if said else ""
        said_instead = ctx.kb.races[missing[0]].overall.margin if what == "margin" else None
        why = f" ({said_instead})" if said_instead else ""
        return unknown(f"My sources do not give the {WHAT[what]} for {gone}{why}, so I can't compare.{known}",
                       "race-value", years=tuple(years))  # fmt: skip
    if q.measure == "sum" and what != "margin":
        return _summed(ctx, q, what, races, figures)
    ordered = sorted(years, key=lambda y: figures[y][0])  # type: ignore[index]
    low, high = ordered[0], ordered[-1]
    numbers = {y: figures[y][0] for y in years}  # type: ignore[index]
    difference = q.measure == "difference" or q.asks == "count"  # "how many more laps ... than"
    if numbers[low] == numbers[high]:
        text = f"The same {WHAT[what]}: " + join(list(said.values())) + "."
    elif difference and what == "laps":
        text = f"{int(numbers[high] - numbers[low])} more laps in {high}: {said[high]} against {said[low]}."
    elif difference and what == "distance":
        text = f"{numbers[high] - numbers[low]:,.1f} more miles in {high}: {said[high]} against {said[low]}."
    elif difference and max(numbers.values()) < 10_000 and q.smaller:  # "how much closer was 2007 than 2024"
        closer = {"margin": "closer", "race-time": "shorter"}.get(what, "smaller")
        text = f"{low} was {closer} by {numbers[high] - numbers[low]:.3f} s: {said[low]} against {said[high]}."
    elif difference and max(numbers.values()) < 10_000:  # (a margin of laps has no difference in seconds)
        gap = numbers[high] - numbers[low]
        wider = {"margin": "wider", "race-time": "longer"}.get(what, "more")
        text = f"{gap:.3f} s {wider} in {high}: {said[high]} against {said[low]}."
    else:
        best = low if q.smaller else high
        word = {"margin": ("was closer", "was wider"), "laps": ("had fewer laps", "had more laps"),
                "race-time": ("was shorter", "was longer"), "distance": ("was shorter", "was longer")}  # fmt: skip
        adjective = word[what][0 if best == low else 1]
        rest = [said[y] for y in ordered if y != best]
        text = f"{best} {adjective}: {said[best]}, against {join(rest)}."
        if q.asks == "yesno" or q.words[:1] in (["was"], ["did"], ["is"], ["were"]):
            text = ("Yes: " if best == q.years[0] else "No: ") + text  # "was the 2010 win closer than 2002's?"
    return ctx.builder._answer(text, "race-value", items=races, years=tuple(sorted(years)))


#: How an extreme is said: (the smallest, the largest) per figure.
_EXTREME = {"margin": ("closest finish", "widest winning margin"), "laps": ("fewest laps", "most laps"),
            "race-time": ("shortest race time", "longest race time"),
            "distance": ("shortest distance", "longest distance")}  # fmt: skip
_LISTED = 4  # the figures shown after the extreme


def _extreme(ctx: Context, q: Query) -> Answer:
    """'the closest finish of the 1000-mile era': the race with the extreme figure among the races in scope.

    Races whose figure the sources do not give are named, so 'closest' is never claimed over races
    that could not be compared.
    """
    what = q.race_value or "margin"
    if q.classes or q.position is not None or q.session:
        return unknown(f"I can rank the {WHAT[what]} of the overall race only, not of a class.", "race-value")
    years = (
        sorted(set(base_rows(ctx, q).years()))
        if (q.span or q.shortened is not None or q.entities or q.not_years)
        else sorted(ctx.kb.races)
    )
    figures = {y: value(ctx.kb.races[y], what) for y in years}
    if what == "margin" and " in laps" in f" {' '.join(q.words)} ":  # "the smallest margin in laps": lap margins only
        figures = {y: v for y, v in figures.items() if v is None or v[0] >= 10_000}
    known = sorted((v[0], y) for y, v in figures.items() if v is not None)
    if q.smaller is False:
        known.reverse()
    where = filter_words(ctx, q)
    if q.subjects:
        where = f" of {join([r.name + chr(39) + 's' for r in q.subjects])} wins{where}"
    if not known:
        return unknown(f"My sources give no {WHAT[what]} I can compare{where}.", "race-value", years=tuple(years))
    best = known[0][1]
    race = ctx.kb.races[best]
    said = {y: f"{v[1]}{_doubt(ctx.kb.races[y], what)}" for y, v in figures.items() if v is not None}
    ties = [y for n, y in known if n == known[0][0] and y != best]
    phrase = _EXTREME[what][0 if q.smaller else 1]
    text = (f"The {phrase}{where or ' in my knowledge'}: {best}, {said[best]}"
            f"{' (tied with ' + join([str(y) for y in ties]) + ')' if ties else ''}, "
            f"won by {ctx.builder.crew(race.overall)} ({ctx.builder.machine(race.overall)[4:]}).")  # fmt: skip
    rest = [f"{y} {said[y]}" for _, y in known[1 : 1 + _LISTED] if y not in ties]
    if rest:
        text += f" Next: {join(rest)}."
    if what == "margin" and said[best].startswith("about"):
        text += f" (The {best} margin is an estimate: {race.overall.margin}.)"
    missing = [y for y, v in figures.items() if v is None]
    if missing:
        text += f" My sources give no comparable {WHAT[what]} for {join([str(y) for y in missing])}."
    return ctx.builder._answer(text, "race-value", items=[race], years=(best,))


RULES = (
    Rule(
        "race-extreme",
        lambda q: q.race_value is not None and q.measure == "rank" and len(q.years) <= 1,
        _extreme,
    ),
    Rule(
        "race-value",
        lambda q: (
            q.race_value is not None
            and q.measure != "rank"
            and (len(q.years) >= 2 or q.measure == "sum" or q.shortened is not None or q.span is not None)
            and not q.subjects
        ),
        _answer,
    ),
)
