"""Question templates: each turns the knowledge base into blueprints with derived answers.

A template reads only facts of high or medium confidence, derives the accepted
answers from the data (never typed twice), and names what it asks about, what it
prints and its *topics* (see :mod:`bot.quiz.fairness`); the pool rates its difficulty
afterwards (:mod:`bot.quiz.difficulty`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from bot.knowledge import KnowledgeBase
from bot.knowledge.model import Fact, Race, Result
from bot.knowledge.records import longest_run
from bot.quiz.model import AnswerSpec, Blueprint, Category, Option
from bot.quiz.phrasing import (
    all_of,
    class_label,
    first_sentence,
    join,
    number_word,
    plural,
    result_atoms,
    result_sentence,
    trusted,
    usable,
    years_text,
)

PLM = "Petit Le Mans"
_KIND_WORD = {"driver": "driver", "team": "team", "manufacturer": "manufacturer", "car": "car"}
_KIND_CATEGORY: dict[str, Category] = {"driver": "winners", "team": "teams", "manufacturer": "cars", "car": "cars"}
_DISTRACTORS = 8  # pool size per blueprint; a game shows three of them
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


class Context:
    """What every template needs, computed once per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.years = kb.years
        self.overall: dict[int, Result] = {
            year: race.overall for year, race in kb.races.items() if usable(race, race.overall)
        }
        # Counts, first/last wins and streaks are only as good as every overall result.
        self.counts_trusted = len(self.overall) == len(kb.races)
        self.wins: dict[str, Counter[str]] = {kind: Counter() for kind in _KIND_WORD}
        for result in self.overall.values():
            for kind, id_ in owners(kb, result):
                self.wins[kind][id_] += 1
        self._names = {kind: {i: e.name for i, e in kb.table_of(kind).items()} for kind in (*_KIND_WORD, "class")}
        self._ranked = {
            kind: [i for i, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]
            for kind, counter in self.wins.items()
        }
        self._years: dict[tuple[str, str], list[int]] = defaultdict(list)
        for year, result in self.overall.items():
            for owner in owners(kb, result):
                self._years[owner].append(year)

    def fame(self, kind: str, id_: str | None) -> int:
        return self.wins[kind][id_] if id_ else 0

    def winners_of(self, kind: str) -> list[str]:
        """Overall winners of a kind, most wins first (plausible distractors)."""
        return self._ranked[kind]

    def name(self, kind: str, id_: str) -> str:
        return self._names[kind].get(id_, id_)

    def exists(self, kind: str, id_: str) -> bool:
        return id_ in self._names[kind]

    def years_of(self, kind: str, id_: str) -> list[int]:
        """Years ``id_`` won overall, in order."""
        return self._years.get((kind, id_), [])

    def options(self, kind: str, ids: Iterable[str]) -> tuple[Option, ...]:
        return tuple(Option(self.name(kind, i), i) for i in ids)


def owners(kb: KnowledgeBase, result: Result) -> list[tuple[str, str]]:
    out = [("driver", d) for d in result.drivers]
    if result.team:
        out.append(("team", result.team))
    if result.car:
        out.append(("car", result.car))
        make = kb.make_of(result)
        if make:
            out.append(("manufacturer", make))
    return out


def _id_of(kind: str, result: Result, kb: KnowledgeBase) -> str | None:
    return {"team": result.team, "car": result.car, "manufacturer": kb.make_of(result)}[kind]


def _near_years(ctx: Context, exclude: set[int], around: int) -> tuple[Option, ...]:
    years = sorted((y for y in ctx.years if y not in exclude), key=lambda y: (abs(y - around), y))
    return tuple(Option(str(y)) for y in years[:_DISTRACTORS])


def _near_numbers(value: int, exclude: set[int] | None = None, minimum: int = 1) -> tuple[Option, ...]:
    step = max(1, round(value * 0.04))
    exclude = (exclude or set()) | {value}
    out: list[int] = []
    for k in range(1, 40):
        for candidate in (value - k * step, value + k * step):
            if candidate >= minimum and candidate not in exclude and candidate not in out:
                out.append(candidate)
        if len(out) >= _DISTRACTORS:
            break
    return tuple(Option(str(n)) for n in out[:_DISTRACTORS])


def _others(ctx: Context, kind: str, exclude: set[str], prefer: Iterable[str] = ()) -> tuple[Option, ...]:
    seen: list[str] = []
    for id_ in [*prefer, *ctx.winners_of(kind)]:
        if id_ not in exclude and id_ not in seen and ctx.exists(kind, id_):
            seen.append(id_)
    return ctx.options(kind, seen[:_DISTRACTORS])


def _sources(race: Race, result: Result | None = None) -> tuple[str, ...]:
    return tuple(result.sources if result else race.sources)


# -- overall winners of a year -----------------------------------------------------------------
def winner_drivers(ctx: Context) -> Iterator[Blueprint]:
    kb = ctx.kb
    for year, result in ctx.overall.items():
        ids = list(result.drivers)
        if not ids:
            continue
        names = kb.driver_names(result)
        famous = max(ids, key=lambda d: (ctx.fame("driver", d), -ids.index(d)))
        sentence = result_sentence(kb, year, result)
        nearby = [d for y in sorted(ctx.overall, key=lambda y: abs(y - year)) for d in ctx.overall[y].drivers]
        wrong = _others(ctx, "driver", set(ids), prefer=nearby)
        n = len(ids)
        prompt = (
            f"Who won {PLM} overall in {year}?"
            if n == 1
            else f"Name one of the {number_word(n)} drivers who won {PLM} overall in {year}."
        )
        common: dict[str, Any] = dict(category="winners", answer=join(names), fact=sentence, sources=_sources(kb.races[year], result),
                      topics=frozenset({f"overall:{year}", f"year:{year}"}),
                      asks=frozenset({f"year:{year}"}), reveals=result_atoms(year, result))  # fmt: skip
        yield Blueprint(
            key=f"winner-driver:{year}", template="winner-driver", prompt=prompt,
            spec=AnswerSpec("entity", "driver", frozenset(ids), "one"), hint_text=ctx.name("driver", famous),
            right=ctx.options("driver", ids), wrong=wrong, **common,
        )  # fmt: skip
        if 2 <= n <= 3 and not result.drivers_note:
            crews = [(y, r.drivers) for y, r in ctx.overall.items() if set(r.drivers) != set(ids) and r.drivers]
            crews.sort(key=lambda c: abs(c[0] - year))
            labels = list(dict.fromkeys(join([kb.name("driver", d) for d in c]) for _, c in crews))
            yield Blueprint(
                key=f"winner-crew:{year}", template="winner-crew",
                prompt=f"Name {all_of(n)} drivers who won {PLM} overall in {year} ({all_of(n)} names are needed).",
                spec=AnswerSpec("entity", "driver", frozenset(ids), "all"), hint_text=", ".join(names),
                right=(Option(join(names)),), wrong=tuple(Option(label) for label in labels[:_DISTRACTORS]), **common,
            )  # fmt: skip
        yield Blueprint(
            key=f"choice-winner:{year}", template="choice-winner",
            prompt=f"Which of these drivers won {PLM} overall in {year}?",
            spec=AnswerSpec("entity", "driver", frozenset(ids), "one"), hint_text=None,
            right=ctx.options("driver", ids), wrong=wrong, choice_only=True, **common,
        )  # fmt: skip


def winner_entities(ctx: Context) -> Iterator[Blueprint]:
    """Which team / car / make won overall in a year."""
    kb = ctx.kb
    asks: dict[str, tuple[Category, str]] = {
        "team": ("teams", "Which team won {plm} overall in {year}?"),
        "car": ("cars", "Which car won {plm} overall in {year}?"),
        "manufacturer": ("cars", "Which manufacturer's car won {plm} overall in {year}?"),
    }
    for year, result in ctx.overall.items():
        for kind, (category, text) in asks.items():
            id_ = _id_of(kind, result, kb)
            if not id_:
                continue
            nearby = [
                i for y in sorted(ctx.overall, key=lambda y: abs(y - year)) if (i := _id_of(kind, ctx.overall[y], kb))
            ]
            name = ctx.name(kind, id_)
            yield Blueprint(
                key=f"winner-{kind}:{year}", template=f"winner-{kind}", category=category,
                prompt=text.format(plm=PLM, year=year),
                spec=AnswerSpec("entity", kind, frozenset({id_})), answer=name,
                fact=result_sentence(kb, year, result), sources=_sources(kb.races[year], result),
                topics=frozenset({f"overall:{year}", f"year:{year}"}), hint_text=name,
                asks=frozenset({f"year:{year}"}), reveals=result_atoms(year, result),
                right=(Option(name, id_),), wrong=_others(ctx, kind, {id_}, prefer=nearby),
            )  # fmt: skip


# -- an entity's wins ----------------------------------------------------------------------------
def win_years(ctx: Context) -> Iterator[Blueprint]:
    """In which year did X win; how many wins; first and most recent win."""
    for kind in _KIND_WORD:
        for id_ in ctx.winners_of(kind):
            years = ctx.years_of(kind, id_)
            name = ctx.name(kind, id_)
            n = len(years)
            category = _KIND_CATEGORY[kind]
            fact = f"{name} won {PLM} overall {'once, in' if n == 1 else plural(n, 'time') + ':'} {years_text(years)}."
            topics = frozenset({f"{kind}:{id_}"} | ({f"overall:{years[0]}"} if n == 1 else set()))
            sources = tuple(s for y in years for s in ctx.overall[y].sources[:1])
            listed = frozenset({f"wins:{kind}:{id_}", f"streak:{kind}:{id_}"})  # the fact lists every win
            prompt = (
                f"In which year did {name} win {PLM} overall?"
                if n == 1
                else f"Name one of the {number_word(n)} years in which {name} won {PLM} overall."
            )
            yield Blueprint(
                key=f"win-year:{kind}:{id_}", template="win-year", category=category,
                prompt=prompt, spec=AnswerSpec("year", numbers=frozenset(years)),
                answer=years_text(years), fact=fact, sources=sources, topics=topics, hint_text=None,
                asks=frozenset({f"{kind}:{id_}"}), reveals=listed,
                right=tuple(Option(str(y)) for y in years), wrong=_near_years(ctx, set(years), years[0]),
            )  # fmt: skip
            if n < 2 or not ctx.counts_trusted:
                continue
            last = ctx.years[-1]
            yield Blueprint(
                key=f"win-count:{kind}:{id_}", template="win-count", category="records",
                prompt=f"Up to {last}, how many times has {name} won {PLM} overall?",
                spec=AnswerSpec("number", numbers=frozenset({n})), answer=str(n), fact=fact, sources=sources,
                topics=frozenset({f"{kind}:{id_}"}), right=(Option(str(n)),), wrong=_near_numbers(n),
                answer_atoms=frozenset({f"wins:{kind}:{id_}"}), reveals=listed,
            )  # fmt: skip
            for which, year, wording in (
                ("first", years[0], "for the first time"),
                ("last", years[-1], f"most recently (up to {last})"),
            ):
                yield Blueprint(
                    key=f"{which}-win:{kind}:{id_}", template=f"{which}-win", category="records",
                    prompt=f"In which year did {name} win {PLM} overall {wording}?",
                    spec=AnswerSpec("year", numbers=frozenset({year})), answer=str(year), fact=fact, sources=sources,
                    topics=frozenset({f"{kind}:{id_}"}), right=(Option(str(year)),),
                    wrong=_near_years(ctx, {year}, year), asks=frozenset({f"{kind}:{id_}"}), reveals=listed,
                )  # fmt: skip


def records(ctx: Context) -> Iterator[Blueprint]:
    """Most wins, longest streaks, how many different winners."""
    if not ctx.counts_trusted:
        return
    last = ctx.years[-1]
    for kind, word in _KIND_WORD.items():
        ranked = sorted(ctx.wins[kind].items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) >= 2 and ranked[0][1] > ranked[1][1]:
            top, count = ranked[0]
            name = ctx.name(kind, top)
            yield Blueprint(
                key=f"most-wins:{kind}", template="most-wins", category="records",
                prompt=f"Which {word} has won {PLM} overall the most times (up to {last})?",
                spec=AnswerSpec("entity", kind, frozenset({top})), answer=name,
                fact=f"{name} has {plural(count, 'overall win')}: {years_text(ctx.years_of(kind, top))}, "
                f"ahead of {ctx.name(kind, ranked[1][0])} with {ranked[1][1]}.",
                topics=frozenset({f"most:{kind}", f"{kind}:{top}"}), hint_text=name, asks=frozenset({f"most:{kind}"}),
                reveals=frozenset({f"most:{kind}", f"wins:{kind}:{top}", f"streak:{kind}:{top}", f"wins:{kind}:{ranked[1][0]}"}),
                right=(Option(name, top),), wrong=ctx.options(kind, [i for i, _ in ranked[1 : 1 + _DISTRACTORS]]),
            )  # fmt: skip
        distinct = len(ranked)
        if distinct >= 4:
            yield Blueprint(
                key=f"distinct-winners:{kind}", template="distinct-winners", category="records",
                prompt=f"How many different {word}s have won {PLM} overall (up to {last})?",
                spec=AnswerSpec("number", numbers=frozenset({distinct})), answer=str(distinct),
                fact=f"{distinct} different {word}s share the {len(ctx.overall)} overall wins up to {last}.",
                topics=frozenset({f"distinct:{kind}"}), right=(Option(str(distinct)),), wrong=_near_numbers(distinct),
                answer_atoms=frozenset({f"distinct:{kind}"}), reveals=frozenset({f"distinct:{kind}"}),
            )  # fmt: skip
        for id_, _ in ranked:
            run = longest_run(ctx.years_of(kind, id_))
            if not run or run[1] - run[0] < 2:
                continue
            length = run[1] - run[0] + 1
            name = ctx.name(kind, id_)
            yield Blueprint(
                key=f"streak:{kind}:{id_}", template="streak", category="records",
                prompt=f"How many editions of {PLM} in a row did {name} win overall, starting in {run[0]}?",
                spec=AnswerSpec("number", numbers=frozenset({length})), answer=str(length),
                fact=f"{name} won every year from {run[0]} to {run[1]}: {length} in a row.",
                topics=frozenset({f"{kind}:{id_}"}), right=(Option(str(length)),), wrong=_near_numbers(length, minimum=2),
                answer_atoms=frozenset({f"streak:{kind}:{id_}"}),
                reveals=frozenset({f"streak:{kind}:{id_}"} | {f"year:{y}" for y in range(run[0], run[1] + 1)}),
                sources=tuple(s for y in range(run[0], run[1] + 1) for s in ctx.overall[y].sources[:1]),
            )  # fmt: skip


# -- class winners -----------------------------------------------------------------------------
def class_winners(ctx: Context) -> Iterator[Blueprint]:
    kb = ctx.kb
    by_class: dict[str, list[tuple[int, Result]]] = defaultdict(list)
    for year, race in kb.races.items():
        for result in race.class_results:
            by_class[result.class_].append((year, result))
    for year, race in kb.races.items():
        labels = Counter(class_label(kb, r) for r in race.class_results)
        keys = Counter(r.class_ for r in race.class_results)
        for result in race.class_results:
            label = class_label(kb, result)
            # Two winners under one class or one label: the question would be ambiguous.
            if not usable(race, result) or labels[label] > 1 or keys[result.class_] > 1:
                continue
            for kind in ("team", "car", "manufacturer"):
                id_ = _id_of(kind, result, kb)
                if not id_:
                    continue
                name = ctx.name(kind, id_)
                same_class = [
                    i
                    for _, r in sorted(by_class[result.class_], key=lambda yr: abs(yr[0] - year))
                    if (i := _id_of(kind, r, kb))
                ]
                same_year = [i for r in race.class_results if (i := _id_of(kind, r, kb))]
                wrong = _others(ctx, kind, {id_}, prefer=[*same_class, *same_year])
                noun = {"team": "team", "car": "car", "manufacturer": "manufacturer's car"}[kind]
                yield Blueprint(
                    key=f"class-{kind}:{year}:{result.class_}", template=f"class-{kind}", category="classes",
                    prompt=f"Which {noun} won the {label} class at {PLM} {year}?",
                    spec=AnswerSpec("entity", kind, frozenset({id_})), answer=name,
                    fact=result_sentence(kb, year, result),
                    sources=_sources(race, result), topics=frozenset({f"class:{year}:{result.class_}"}),
                    asks=frozenset({f"class:{result.class_}", f"year:{year}"}), reveals=result_atoms(year, result),
                    hint_text=name, right=(Option(name, id_),), wrong=wrong,
                )  # fmt: skip


# -- true or false ---------------------------------------------------------------------------
def true_false(ctx: Context) -> Iterator[Blueprint]:
    kb = ctx.kb
    for year, result in ctx.overall.items():
        nearby = sorted((y for y in ctx.overall if y != year), key=lambda y: (abs(y - year), y))
        for kind in ("manufacturer", "driver"):
            make = kb.make_of(result)
            true_ids: set[str] = set(result.drivers) if kind == "driver" else ({make} if make else set())
            if not true_ids:
                continue
            true_id = max(sorted(true_ids), key=lambda i: ctx.fame(kind, i))
            false_id = next(
                (i for y in nearby for i in ([*ctx.overall[y].drivers] if kind == "driver" else [kb.make_of(ctx.overall[y])])
                 if i and i not in true_ids),
                None,
            )  # fmt: skip
            sentence = result_sentence(kb, year, result)
            for id_, truth in ((true_id, True), (false_id, False)):
                if id_ is None:
                    continue
                name = ctx.name(kind, id_)
                yield Blueprint(
                    key=f"tf-{kind}:{year}:{id_}", template=f"tf-{kind}",
                    category="winners" if kind == "driver" else "cars",
                    prompt=f"True or false: {name} won {PLM} overall in {year}.",
                    spec=AnswerSpec("boolean", truth=truth), answer="True" if truth else "False", fact=sentence,
                    sources=_sources(kb.races[year], result), topics=frozenset({f"overall:{year}", f"year:{year}"}),
                    asks=frozenset({f"year:{year}"}), answer_atoms=frozenset(f"{kind}:{i}" for i in true_ids),
                    reveals=result_atoms(year, result),
                    right=(Option("True" if truth else "False"),), wrong=(Option("False" if truth else "True"),),
                )  # fmt: skip


# -- the races themselves ----------------------------------------------------------------------
def race_history(ctx: Context) -> Iterator[Blueprint]:
    kb = ctx.kb
    races = [r for r in kb.races.values() if trusted(r.confidence)]
    shortened = [r.year for r in races if r.shortened]
    last = ctx.years[-1]
    if shortened and len(races) == len(kb.races):
        reasons = "; ".join(
            f"{r.year} ({first_sentence(r.shortened_reason)})" for r in races if r.shortened and r.shortened_reason
        )
        n = len(shortened)
        yield Blueprint(
            key="shortened", template="shortened", category="history",
            prompt=f"Up to {last}, {PLM} was cut short {plural(n, 'time')}. Name a year when it was."
            if n > 1 else f"In which year (up to {last}) was {PLM} cut short?",
            spec=AnswerSpec("year", numbers=frozenset(shortened)), answer=years_text(shortened),
            fact=f"Shortened races: {reasons or years_text(shortened)}.", topics=frozenset({"shortened"}),
            answer_atoms=frozenset(f"shortened:{y}" for y in shortened),
            reveals=frozenset(f"shortened:{r.year}" for r in races),
            right=tuple(Option(str(y)) for y in shortened), wrong=_near_years(ctx, set(shortened), shortened[0]),
        )  # fmt: skip
    for race in races:
        year = race.year
        if race.edition in (1, 10, 20, 25, 30):
            ordinal = {1: "first", 10: "10th", 20: "20th", 25: "25th", 30: "30th"}[race.edition]
            yield Blueprint(
                key=f"edition-year:{race.edition}", template="edition-year", category="history",
                prompt=f"In which year was the {ordinal} {PLM} held?",
                spec=AnswerSpec("year", numbers=frozenset({year})), answer=str(year),
                fact=f"The {ordinal} {PLM} ({race.event_title}) was held in {year}.", sources=tuple(race.sources),
                topics=frozenset({f"year:{year}"}), right=(Option(str(year)),), wrong=_near_years(ctx, {year}, year),
                reveals=frozenset({f"edition:{race.edition}"}),
            )  # fmt: skip
        result = ctx.overall.get(year)
        if result and result.laps and trusted(result.laps_confidence):
            yield Blueprint(
                key=f"laps:{year}", template="laps", category="history",
                prompt=f"How many laps did the overall winners of {PLM} {year} complete?",
                spec=AnswerSpec("number", numbers=frozenset({result.laps})), answer=str(result.laps),
                fact=result_sentence(kb, year, result).removesuffix(".") + f", a race of {race.format}.",
                sources=_sources(race, result),
                topics=frozenset({f"laps:{year}"}), right=(Option(str(result.laps)),),
                answer_atoms=frozenset({f"laps:{year}"}), reveals=result_atoms(year, result),
                wrong=_near_numbers(result.laps),
            )  # fmt: skip
        if result and result.car_number and result.car_number.isdigit() and trusted(result.car_number_confidence):
            number = int(result.car_number)
            yield Blueprint(
                key=f"car-number:{year}", template="car-number", category="cars",
                prompt=f"What number did the overall-winning car carry at {PLM} {year}?",
                spec=AnswerSpec("number", numbers=frozenset({number})), answer=f"#{result.car_number}",
                fact=result_sentence(kb, year, result), sources=_sources(race, result),
                topics=frozenset({f"overall:{year}", f"year:{year}"}), right=(Option(f"#{result.car_number}"),),
                answer_atoms=frozenset({f"car-number:{year}"}), reveals=result_atoms(year, result),
                wrong=tuple(Option(f"#{o.label}") for o in _near_numbers(number, minimum=0)),
            )  # fmt: skip
        if race.shortened or year in {y + d for y in shortened for d in (-1, 1)}:
            truth = race.shortened
            yield Blueprint(
                key=f"tf-shortened:{year}", template="tf-shortened", category="history",
                prompt=f"True or false: the {year} {PLM} was cut short.",
                spec=AnswerSpec("boolean", truth=truth), answer="True" if truth else "False",
                fact=f"The {year} {PLM} was cut short: {first_sentence(race.shortened_reason)}." if truth and race.shortened_reason
                else f"The {year} {PLM} was {'cut short' if truth else f'run to its full distance ({race.format})'}.",
                sources=tuple(race.sources), topics=frozenset({"shortened", f"year:{year}"}),
                answer_atoms=frozenset({f"shortened:{year}"}), reveals=frozenset({f"shortened:{year}"}),
                right=(Option("True" if truth else "False"),), wrong=(Option("False" if truth else "True"),),
            )  # fmt: skip


_FACT_CATEGORY: dict[str, Category] = {
    "track": "track",
    "lap-records": "track",
    "records": "records",
    "margins": "records",
}


def fact_years(ctx: Context) -> Iterator[Blueprint]:
    """A history or track fact with its one year blanked out: "In which year ...?"."""
    for fact in ctx.kb.facts:
        year = _single_year(fact)
        if year is None:
            continue
        # The clue is the sentence that held the year; the rest of the text waits for the reveal.
        clue = next(s for s in _SENTENCE.split(fact.text) if _YEAR.search(s))
        reveal = clue if clue.endswith((".", "!", "?")) else clue + "."
        blank = _YEAR.sub("____", clue)
        title = _YEAR.sub("____", fact.title)
        yield Blueprint(
            key=f"fact-year:{fact.id}", template="fact-year", category=_FACT_CATEGORY.get(fact.topic, "history"),
            prompt=f"In which year? {title}: {blank}",
            spec=AnswerSpec("year", numbers=frozenset({year})), answer=str(year), fact=reveal,
            sources=tuple(fact.sources), topics=frozenset({f"fact:{fact.id}", f"year:{year}"}),
            right=(Option(str(year)),), wrong=_near_years_any(year),
        )  # fmt: skip


def _single_year(fact: Fact) -> int | None:
    """The fact's only year, when the text names exactly one and the data agrees."""
    if not trusted(fact.confidence):
        return None
    found = {int(y) for y in _YEAR.findall(fact.text + " " + fact.title)}
    if len(found) != 1:
        return None
    (year,) = found
    if fact.years and fact.years != [year]:
        return None
    return year


def _near_years_any(year: int) -> tuple[Option, ...]:
    return tuple(Option(str(year + d)) for d in (-1, 1, -2, 2, -3, 3, -5, 5))


TEMPLATES: tuple[Callable[[Context], Iterator[Blueprint]], ...] = (
    winner_drivers,
    winner_entities,
    win_years,
    records,
    class_winners,
    true_false,
    race_history,
    fact_years,
)

#: How often a template is drawn relative to others (families with many variants weigh less each).
WEIGHTS: dict[str, float] = {
    "winner-driver": 3, "winner-crew": 1, "choice-winner": 2, "winner-team": 2, "winner-car": 1.5,
    "winner-manufacturer": 2, "win-year": 2, "win-count": 1.5, "first-win": 1, "last-win": 1,
    "most-wins": 1, "distinct-winners": 0.5, "streak": 1, "class-team": 1, "class-car": 1,
    "class-manufacturer": 1, "tf-manufacturer": 1.5, "tf-driver": 1.5, "shortened": 0.5,
    "edition-year": 0.5, "laps": 0.5, "car-number": 0.5, "tf-shortened": 0.5, "fact-year": 3,
}  # fmt: skip
