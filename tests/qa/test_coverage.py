"""Coverage: a rule answers only when the query read every content word of the question."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge import KnowledgeBase
from bot.qa.cues import INERT_WORDS
from bot.qa.engine import Engine


@pytest.fixture(scope="module")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb, today=lambda: dt.date(2026, 11, 25))


#: Questions a rule answers as they stand.
ANSWERED = (
    "how many wins has audi had since 2000",
    "which drivers won gtd after 2015",
    "how many different drivers won between 2010 and 2019",
    "who has the second most overall wins",
    "how many more wins does audi have than cadillac",
)
#: Words that would change those answers and that no part of the query reads.
UNREAD = ("rookie", "sundays", "privateers", "amateur", "factory", "customer", "tyres", "penalties", "nighttime")


@pytest.mark.parametrize("question", ANSWERED)
def test_the_questions_stand_as_asked(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered", answer.text


@settings(max_examples=60, deadline=None)
@given(question=st.sampled_from(ANSWERED), word=st.sampled_from(UNREAD), where=st.sampled_from(("end", "with")))
def test_a_word_no_part_read_declines_and_names_the_word(engine: Engine, question: str, word: str, where: str) -> None:
    text = f"{question} {word}" if where == "end" else f"{question} with {word}"
    answer = engine.ask(text)
    assert answer.status == "unknown" and answer.intent == "not-understood", (text, answer.text)
    assert f"\u201c{word}\u201d" in answer.text


def test_inert_words_do_not_decline(engine: Engine) -> None:
    answer = engine.ask("anyone know how many overall wins audi has gotten since 2000 altogether")
    assert answer.status == "answered" and "9" in answer.text, answer.text


def test_inert_words_hold_no_word_that_changes_a_results_answer() -> None:
    # The list is of harmless words only: a filter, measure or negation word there would be dropped unseen.
    changing = {"not", "never", "only", "first", "last", "most", "least", "before", "after", "since", "without",
                "second", "third", "different", "both", "each", "every", "more", "than", "pole", "class"}  # fmt: skip
    assert not changing & INERT_WORDS


def test_a_question_tag_is_read_not_left_over(engine: Engine) -> None:
    answer = engine.ask("the 2017 winner was the #22 esm car wasnt it")
    assert answer.status == "answered" and answer.text.startswith("No"), answer.text


def test_a_count_the_question_takes_as_given_is_read(engine: Engine) -> None:
    answer = engine.ask("how many years apart were rebellions two wins")
    assert answer.status == "answered" and "2012" in answer.text and "2013" in answer.text, answer.text


def test_won_last_in_a_span_is_the_last_win_of_the_span(engine: Engine) -> None:
    answer = engine.ask("who won last between 2018 and 2022")
    assert answer.status == "answered" and "2022" in answer.text and "2018:" not in answer.text, answer.text


def test_a_model_name_with_a_slash_is_not_a_year_range(engine: Engine) -> None:
    answer = engine.ask("how many times did the lola b12/60 win")
    assert answer.status == "answered" and "2060" not in answer.text and "2012" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("which manufacturer won the most in the early 2000s", "2000-2003"),
        ("audi wins in the mid 2000s", "2004-2006"),
        ("who won in the late 2000s", "2007-2009"),
        ("who won in the late 90s", "1998-1999"),
    ],
)
def test_part_of_a_decade_is_said_with_its_years(engine: Engine, question: str, years: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and years in answer.text, answer.text
