"""Fact search: rare keyword phrases decide, generic words do not."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.qa.facts import FactIndex, stem
from bot.qa.normalize import normalize


@pytest.fixture(scope="module")
def facts(kb: KnowledgeBase) -> FactIndex:
    return FactIndex(kb.facts)


def top(facts: FactIndex, question: str, years: list[int] | None = None) -> str:
    hits = facts.search(normalize(question), years or [])
    return hits[0].fact.id if hits else ""


def test_keyword_phrases_find_the_fact(facts: FactIndex) -> None:
    assert top(facts, "who founded petit le mans") == "founding-panoz-aco"
    assert top(facts, "how long is the track") == "track-length"
    assert top(facts, "record number of cautions") == "cautions-record"


def test_words_every_question_shares_decide_nothing(facts: FactIndex) -> None:
    assert facts.search(normalize("petit le mans road atlanta race"), []) == []


def test_a_year_prefers_facts_about_that_year(facts: FactIndex) -> None:
    assert top(facts, "why was it shortened", [2009]) == "shortened-2009"
    assert top(facts, "why was it shortened", [2015]) == "shortened-2015"


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [("opened", "open"), ("flipped", "flip"), ("classes", "class"), ("races", "race"), ("class", "class")],
)
def test_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed
