"""Poles and fastest laps across races: 'who has the most poles', 'how many poles does Davidson have'.

A session record (``Query.session``) is a filter and a target like a finishing place: the
overall pole or the fastest race lap of each race, where researched. One race's pole stays
with the race lookups ("who was on pole in 2012"); this family counts, ranks and lists them
over several races. Records name drivers (and a car in free text), so counts by team or
manufacturer are declined, and every answer says how many races have the record at all.
"""

from __future__ import annotations

from dataclasses import replace

from bot.knowledge.model import Race, SessionBest
from bot.qa import cues
from bot.qa.answer import Answer, unknown
from bot.qa.builders import combine
from bot.qa.execute import Context, filter_words, years_in_scope
from bot.qa.format import join, plural, years_text
from bot.qa.query import Query
from bot.qa.rules.base import Rule

WHAT = {"pole": ("pole", "poles", "pole position"), "fastest-lap": ("fastest lap", "fastest laps", "fastest race lap")}


def _record(race: Race, session: str) -> SessionBest | None:
    return race.pole_position if session == "pole" else race.fastest_lap


def _by_driver(ctx: Context, q: Query, years: list[int]) -> tuple[dict[str, list[int]], list[int]]:
    """Each driver's years with the record, and the years that have one at all."""
    session = q.session or "pole"
    per: dict[str, list[int]] = {}
    recorded = []
    for y in years:
        best = _record(ctx.kb.races[y], session)
        if best is None or best.driver is None:
            continue
        recorded.append(y)
        per.setdefault(best.driver, []).append(y)
    return per, recorded


def _low(ctx: Context, session: str, years: list[int], *, inner: bool = False) -> str:
    """' (2007 at low confidence: sources conflict)' for the years whose record is doubtful."""
    low = [y for y in years if (b := _record(ctx.kb.races[y], session)) is not None and b.confidence == "low"]
    if not low:
        return ""
    return (
        f"; {years_text(low)} at low confidence"
        if inner
        else f" ({years_text(low)} at low confidence: sources conflict)"
    )


def _coverage(session: str, recorded: list[int], years: list[int]) -> str:
    if len(recorded) == len(years):
        return ""
    return f" (the {WHAT[session][2]} driver is recorded for {len(recorded)} of these {len(years)} races)"


def _answer(ctx: Context, q: Query) -> Answer:
    session = q.session or "pole"
    one, many, _ = WHAT[session]
    years = years_in_scope(ctx, q)
    if any(s.kind != "driver" for s in q.subjects):
        return unknown(
            f"I record each {one} by driver (and the car as the sources name it), so I can't count them by team "
            f'or manufacturer. Try "who has the most {many}" or "who was on {one} in 2012".',
            "session",
        )
    per, recorded = _by_driver(ctx, q, years)
    scope = filter_words(ctx, q)
    note = _coverage(session, recorded, years)
    items = [ctx.kb.races[y] for y in recorded]
    if len(q.subjects) >= 2:
        return _each_subject(ctx, q, per, note)
    if q.subjects:
        ref = q.subjects[0]
        mine = per.get(ref.id, [])
        lead = ("Yes: " if mine else "No: ") if q.asks == "yesno" else ""
        text = f"{lead}{ref.name} has {plural(len(mine), 'recorded ' + one, 'recorded ' + many)}{scope}"
        text += (f": {years_text(mine)}{_low(ctx, session, mine)}." if mine else ".") + note
        return ctx.builder._answer(text, "session", items=[ctx.kb.races[y] for y in mine] or items, entities=(ref,),
                                   years=tuple(mine))  # fmt: skip  # ("... and did he win that year": those)
    if not per:
        return unknown(f"My sources do not record the {one} drivers{scope}.", "session")
    if q.measure in ("rank", "least"):
        return _ranked(ctx, q, per, note, items)
    if q.measure == "count":
        text = f"{plural(len(recorded), 'race')} in my knowledge have a recorded {one}{scope}" + (
            f", of {len(years)}." if len(recorded) != len(years) else "."
        )
        return ctx.builder._answer(text, "session", items=items)
    lines = [f"{y}: {ctx.kb.name('driver', d)}" for d, ys in per.items() for y in ys]
    lines.sort()
    if q.measure == "distinct":
        text = f"{plural(len(per), 'different driver')} took the {one}{scope}: " + join(
            [f"{ctx.kb.name('driver', d)} ({years_text(ys)})" for d, ys in per.items()]
        )
        return ctx.builder._answer(text + "." + note, "session", items=items, lines=tuple(lines))
    text = f"{many[:1].upper()}{many[1:]}{scope}: " + "; ".join(lines) + "." + note
    return ctx.builder._answer(text, "session", items=items, lines=tuple(lines))


def _each_subject(ctx: Context, q: Query, per: dict[str, list[int]], note: str) -> Answer:
    """'who has more poles, Capello or McNish': each one's record, then which has more (never only the first)."""
    many = WHAT[q.session or "pole"][1]
    subjects = list(dict.fromkeys(q.subjects))
    mine = {ref: per.get(ref.id, []) for ref in subjects}
    said = [f"{ref.name} {len(ys)}" + (f" ({years_text(ys)})" if ys else "") for ref, ys in mine.items()]
    most = max(len(ys) for ys in mine.values())
    top = [ref.name for ref, ys in mine.items() if len(ys) == most]
    verdict = f"{top[0]} has more." if len(top) == 1 else "They are level."
    verdict = verdict if q.measure in ("compare", "difference") else ""  # ("how many do X and Y have": each)
    text = f"Recorded {many}{filter_words(ctx, q)}: {'; '.join(said)}. {verdict}".rstrip() + note
    years = sorted({y for ys in mine.values() for y in ys})
    return ctx.builder._answer(
        text, "session", items=[ctx.kb.races[y] for y in years], entities=tuple(subjects), years=tuple(years)
    )


def _ranked(ctx: Context, q: Query, per: dict[str, list[int]], note: str, items: list[Race]) -> Answer:
    session = q.session or "pole"
    many = WHAT[session][1]
    counts = sorted({len(ys) for ys in per.values()}, reverse=q.measure != "least")
    level = counts[min(q.rank, len(counts)) - 1]
    leaders = sorted((d for d, ys in per.items() if len(ys) == level), key=lambda d: ctx.kb.name("driver", d))
    said = join(
        [f"{ctx.kb.name('driver', d)} ({years_text(per[d])}{_low(ctx, session, per[d], inner=True)})" for d in leaders]
    )
    which = "fewest" if q.measure == "least" else "most"
    text = f"Most recorded {many}{filter_words(ctx, q)}: {level}{' each' if len(leaders) > 1 else ''}, {said}."
    if which == "fewest":
        text = f"Fewest recorded {many}{filter_words(ctx, q)}: {level}, {said}."
    lines = tuple(f"{ctx.kb.name('driver', d)}: {len(ys)} ({years_text(ys)})" for d, ys in per.items())
    return ctx.builder._answer(text + note, "session", items=items, lines=lines)


def _applies(q: Query) -> bool:
    """Several races, or a driver's record: one race's pole is the race lookups', the all-time lap record a fact."""
    if q.session is None or q.position is not None or len(q.years) == 1:
        return False
    return bool(q.subjects or q.span or len(q.years) > 1 or q.measure in ("rank", "least", "count", "distinct"))


def _pole_car_known(race: Race) -> bool:
    pole = race.pole_position
    return pole is not None and (pole.driver is not None or pole.car_number is not None)


def _pole_disputed(race: Race) -> bool:
    """A pole the sources disagree on: no tally counts it."""
    return race.pole_position is not None and race.pole_position.disputed


def _won_from_pole(race: Race) -> bool:
    """The pole car won: its driver is in the winning crew, or (driver unnamed) its number is the winner's."""
    pole = race.pole_position
    if pole is None:
        return False
    if pole.driver is not None:
        return pole.driver in race.overall.drivers
    return pole.car_number is not None and pole.car_number == race.overall.car_number


def _from_pole(ctx: Context, q: Query) -> Answer:
    """Races won from pole, among the years in scope (all by default) whose pole sitter is known.

    'has the pole sitter ever won', 'did the pole car win in 2002', '... since 2010'. The pole car
    counts as known when the sources name its driver or, failing that, its number: the 2006 #88
    Creation did not win, whoever set the time.
    """
    scoped = q.span is not None or bool(q.years)
    count = q.asks == "count" or not q.words or q.words[0] not in cues.AUXILIARIES  # "in which years did ..."
    where = filter_words(ctx, q) if scoped else ""
    races = [ctx.kb.races[y] for y in (years_in_scope(ctx, q) if scoped else ctx.kb.years) if y in ctx.kb.races]
    if len(races) == 1:
        return _one_pole(ctx, races[0])
    if not count and q.years and not q.span and len(races) <= MAX_EACH_POLE:
        return _each_pole(ctx, races)  # "did the pole sitter win in 2022 and in 2025": each race, yes or no
    known = [r for r in races if _pole_car_known(r) and not _pole_disputed(r)]
    won = [r for r in known if _won_from_pole(r)]
    disputed = [r.year for r in races if _pole_car_known(r) and _pole_disputed(r)]
    missing = [r.year for r in races if r not in known and r.year not in disputed]
    if not known:
        return unknown("My sources do not record the pole sitters of those races, so I can't say.", "pole-wins")
    said = join([f"{r.year} ({ctx.builder.crew(r.overall)})" for r in won])
    lead = f"The pole sitter won {plural(len(won), 'time')}{where}: {said}." if won else (
        f"The pole sitter did not win{where}."
    )  # fmt: skip
    if not count:  # "has the pole sitter ever won": yes or no first
        lead = ("Yes: t" if won else "No: t") + lead[1:]
    text = f"{lead} That is of the {len(known)} races whose pole sitter is recorded"
    text += f"; for {join([str(y) for y in missing])} it is not" if missing else ""
    text += f"; {join([str(y) for y in disputed])}'s is disputed, so not counted" if disputed else ""
    research = [r.year for r in known if r.pole_position is not None and not r.pole_position.in_main_records]
    if research:
        text += f" ({join([str(y) for y in research])}: found only by later research, not in my main race records)"
    text += "."
    return ctx.builder._answer(text, "pole-wins", items=won or known, years=tuple(r.year for r in won))


#: The most races named one by one that a pole yes/no answers race by race.
MAX_EACH_POLE = 4


def _each_pole(ctx: Context, races: list[Race]) -> Answer:
    """Each named race's pole answer, led by whether the pole sitter won in all of them."""
    parts = [_one_pole(ctx, r) for r in races]
    yes = [_pole_car_known(r) and _won_from_pole(r) for r in races]  # (what each part's yes or no says)
    known = all(_pole_car_known(r) for r in races)
    head = ("Yes, in each of them." if all(yes) else "Not in all of them." if any(yes) or not known
            else "No, in none of them.")  # fmt: skip
    both = combine(parts)
    return replace(both, text=f"{head} {both.text}", intent="pole-wins")


def _one_pole(ctx: Context, race: Race) -> Answer:
    """'Did the pole sitter win in 2002?': yes or no, naming both cars."""
    pole = race.pole_position
    if pole is None or not _pole_car_known(race):
        return unknown(f"My sources do not record who was on pole in {race.year}, so I can't say.", "pole-wins")
    sitter = ctx.kb.name("driver", pole.driver) if pole.driver else "a driver my sources do not name"
    car = " ".join(x for x in (f"#{pole.car_number}" if pole.car_number else "", pole.car_name or "") if x)
    who = f"{sitter} ({car})" if car else sitter
    doubt = " (recorded at low confidence: one source)" if pole.confidence == "low" else ""
    crew = ctx.builder.crew(race.overall)
    if _won_from_pole(race):
        text = f"Yes: the {race.year} pole sitter, {who}{doubt}, won (winners: {crew})."
    else:
        text = (f"No: the {race.year} pole sitter, {who}{doubt}, did not win; {crew} won "
                f"in {ctx.builder.machine(race.overall)}.")  # fmt: skip
    return ctx.builder._answer(text, "pole-wins", items=[race], years=(race.year,))


RULES = (Rule("pole-wins", lambda q: q.from_pole, _from_pole), Rule("session", _applies, _answer))
