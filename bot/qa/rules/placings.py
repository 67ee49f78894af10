"""Finishing positions: who was second or third, a race's podium, a driver's podiums.

A position is a filter like any other (``Query.position``: 2, 3, or 0 for "the podium").
The winner is the overall result; second and third come from each race's ``podium``,
where it was researched. What is not recorded is said, per year, rather than guessed.
"""

from __future__ import annotations

from bot.knowledge.model import Placing, Race
from bot.qa.answer import Answer, unknown
from bot.qa.execute import Context, filter_words, years_in_scope
from bot.qa.format import join, ordinal, years_text
from bot.qa.query import Query
from bot.qa.rules.base import Rule

TOP = 3  # the positions researched: the winner, second and third


def _placed(q: Query) -> bool:
    return q.position is not None


def _answer(ctx: Context, q: Query) -> Answer:
    position = q.position or 0
    if position > TOP:
        return unknown(
            f"I record the top three of each race (where researched), not who finished {ordinal(position)}.",
            "placing",
            years=q.years,
        )
    subjects = q.subjects
    if subjects and any(s.kind != "driver" for s in subjects):
        return unknown(
            "I record second and third places by driver and car number, not by team or manufacturer "
            '(those are in the text of each race). Try "who was second in 2019" or "how many podiums does '
            'Jordan Taylor have".',
            "placing",
        )
    years = years_in_scope(ctx, q)
    if q.measure == "rank" and not subjects:
        return _most_often(ctx, q, years, position)
    if subjects:
        return _driver_places(ctx, q, subjects[0].id, subjects[0].name, years)
    if len(years) == 1:
        return _race_places(ctx, ctx.kb.races[years[0]], position)
    return _span_places(ctx, q, years, position)


def _placing_line(ctx: Context, p: Placing) -> str:
    crew = join([ctx.kb.name("driver", d) for d in p.drivers])
    if p.drivers_note:  # "Named by surname only in the sources read: Derani, Sharp."
        note = p.drivers_note.rstrip(".")
        crew = f"{crew} ({note})" if crew else f"crew: {note[0].lower()}{note[1:]}"
    crew = crew or "a crew my sources do not name"
    car = " ".join(x for x in (f"#{p.car_number}" if p.car_number else "", p.car_name or "") if x)
    entry = ", ".join(x for x in (car, p.entrant or "") if x)
    gap = f", {p.gap} behind" if p.gap and p.position == 2 else (f", {p.gap}" if p.gap else "")
    low = " (low confidence)" if p.confidence == "low" else ""
    return f"{crew} ({entry}){gap}{low}"


def _race_places(ctx: Context, race: Race, position: int) -> Answer:
    y = race.year
    places = {p.position: p for p in race.podium}
    if position == 0:
        if not places:
            return _not_recorded(y, "the podium")
        winner = f"1st: {ctx.builder.crew(race.overall)} ({ctx.builder.machine(race.overall)[4:]})"
        lines = [winner, *(f"{ordinal(n)}: {_placing_line(ctx, p)}" for n, p in sorted(places.items()))]
        missing = "" if len(places) == TOP - 1 else f" Third place is not recorded for {y}."
        return _said(ctx, race, f"The {y} overall podium: " + "; ".join(lines) + "." + missing, lines)
    placing = places.get(position)
    if placing is None:
        return _not_recorded(y, f"who finished {ordinal(position)}")
    return _said(ctx, race, f"{ordinal(position).capitalize()} overall in {y}: {_placing_line(ctx, placing)}.")


def _span_places(ctx: Context, q: Query, years: list[int], position: int) -> Answer:
    wanted = (2, 3) if position == 0 else (position,)
    rows = [(y, p) for y in years for p in ctx.kb.races[y].podium if p.position in wanted]
    unrecorded = [y for y in years if not any(p.position in wanted for p in ctx.kb.races[y].podium)]
    what = "second and third places" if position == 0 else f"{ordinal(position)} places"
    if not rows:
        return unknown(f"I have no recorded {what}{filter_words(ctx, q)}.", "placing", years=tuple(years))
    lines = [f"{y}: {ordinal(p.position)} {_placing_line(ctx, p)}" for y, p in rows]
    text = f"Overall {what}{filter_words(ctx, q)}: " + "; ".join(lines) + "."
    if len(lines) > _SAID_IN_FULL:  # every race's podium: the count here, each placing in the lines
        placed = sorted({y for y, _ in rows})
        whole = placed[-1] - placed[0] + 1 == len(placed)
        said = f"every year from {placed[0]} to {placed[-1]}" if whole else years_text(placed)
        text = f"Overall {what}{filter_words(ctx, q)}: {len(lines)} recorded placings ({said}), listed below."
    if unrecorded:
        text += f" Not recorded for {join([str(y) for y in unrecorded])}."
    items = [ctx.kb.races[y] for y, _ in rows]
    return ctx.builder._answer(text, "placing", items=items, lines=tuple(lines), years=tuple(y for y, _ in rows))


#: Placings said in the answer's sentence; more go only to its lines (the console and embeds list them).
_SAID_IN_FULL = 8


def _most_often(ctx: Context, q: Query, years: list[int], position: int) -> Answer:
    """'Which drivers finished second most often': drivers ranked by recorded finishes in that place."""
    counts: dict[str, list[int]] = {}
    for y in years:
        race = ctx.kb.races[y]
        crews = [p.drivers for p in race.podium if p.position == position or (position == 0)]
        if position == 0:
            crews.append(race.overall.drivers)
        for crew in crews:
            for d in crew:
                counts.setdefault(d, []).append(y)
    if not counts:
        return unknown(f"I have no recorded finishes in that place{filter_words(ctx, q)}.", "placing")
    best = max(len(v) for v in counts.values())
    leaders = sorted((d for d, v in counts.items() if len(v) == best), key=lambda d: ctx.kb.name("driver", d))
    place = "podium finishes" if position == 0 else f"{ordinal(position)}-place finishes"
    said = join([f"{ctx.kb.name('driver', d)} ({join([str(y) for y in counts[d]])})" for d in leaders])
    text = (
        f"Most recorded overall {place}{filter_words(ctx, q)}: {best} each, "
        if len(leaders) > 1
        else (f"Most recorded overall {place}{filter_words(ctx, q)}: {best}, ")
    )
    text += said + "." + _coverage_note(ctx, years)
    items = [ctx.kb.races[y] for d in leaders for y in counts[d]]
    return ctx.builder._answer(text, "placing", items=items)


def _driver_places(ctx: Context, q: Query, driver: str, name: str, years: list[int]) -> Answer:
    position = q.position or 0
    wins = [y for y in years if driver in ctx.kb.races[y].overall.drivers] if position == 0 else []
    placed = [(y, p.position) for y in years for p in ctx.kb.races[y].podium if driver in p.drivers]
    placed = [(y, n) for y, n in placed if position == 0 or n == position]
    finishes = sorted([(y, 1) for y in wins] + placed)
    what = "overall podium finish" if position == 0 else f"{ordinal(position)}-place overall finish"
    count = f"{len(finishes)} {what}{'es' if len(finishes) != 1 else ''}"
    scope = filter_words(ctx, q)
    if not finishes:
        lead = "No: " if q.asks == "yesno" else ""
        text = f"{lead}{name} has no recorded {what}{scope}."
    else:
        lead = "Yes: " if q.asks == "yesno" else ""
        listed = join([f"{y} ({ordinal(n)})" if position == 0 else str(y) for y, n in finishes])
        text = f"{lead}{name} has {count}{scope}: {listed}."
    text += _coverage_note(ctx, years)
    items = [ctx.kb.races[y] for y, _ in finishes]
    return ctx.builder._answer(text, "placing", items=items, years=tuple(y for y, _ in finishes))


def _coverage_note(ctx: Context, years: list[int]) -> str:
    missing = [y for y in years if not ctx.kb.races[y].podium]
    if not missing:
        return ""
    return f" (Second and third places are not recorded for {join([str(y) for y in missing])}.)"


def _said(ctx: Context, race: Race, text: str, lines: list[str] | None = None) -> Answer:
    return ctx.builder._answer(
        text, "placing", items=[race], years=(race.year,), title=f"Petit Le Mans {race.year}", lines=tuple(lines or ())
    )


def _not_recorded(year: int, what: str) -> Answer:
    return unknown(
        f"My sources do not record {what} in {year}: I record the winners of every race, and second and third "
        "where they were found.",
        "placing",
        years=(year,),
    )


RULES = (Rule("placing", _placed, _answer),)
