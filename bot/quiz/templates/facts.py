"""History and track facts with their one year blanked out."""

from __future__ import annotations

from collections.abc import Iterator

from bot.knowledge.model import Fact
from bot.quiz.model import AnswerSpec, Blueprint, Category, Option
from bot.quiz.phrasing import trusted
from bot.quiz.templates.base import SENTENCE, YEAR, Context

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
        clue = next(s for s in SENTENCE.split(fact.text) if YEAR.search(s))
        reveal = clue if clue.endswith((".", "!", "?")) else clue + "."
        blank = YEAR.sub("____", clue)
        title = YEAR.sub("____", fact.title)
        yield Blueprint(
            key=f"fact-year:{fact.id}", template="fact-year", category=_FACT_CATEGORY.get(fact.topic, "history"),
            prompt=f"In which year? {title}: {blank}",
            spec=AnswerSpec("year", numbers=frozenset({year})), answer=str(year), fact=reveal,
            sources=tuple(fact.sources), topics=frozenset({f"fact:{fact.id}", f"year:{year}"}),
            right=(Option(str(year)),), wrong=near_years_any(year),
        )  # fmt: skip


def _single_year(fact: Fact) -> int | None:
    """The fact's only year, when the text names exactly one and the data agrees."""
    if not trusted(fact.confidence):
        return None
    found = {int(y) for y in YEAR.findall(fact.text + " " + fact.title)}
    if len(found) != 1:
        return None
    (year,) = found
    if fact.years and fact.years != [year]:
        return None
    return year


def near_years_any(year: int) -> tuple[Option, ...]:
    return tuple(Option(str(year + d)) for d in (-1, 1, -2, 2, -3, 3, -5, 5))
