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
UNREAD = ("rookie", "sundays", "amateur", "factory", "customer", "tyres", "penalties", "nighttime")


@pytest.mark.parametrize("question", ANSWERED)
def test_the_questions_stand_as_asked(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered", answer.text


@settings(max_examples=60, deadline=None)
@given(question=st.sampled_from(ANSWERED), word=st.sampled_from(UNREAD), where=st.sampled_from(("end", "with")))
def test_a_word_no_part_read_declines_and_names_the_word(engine: Engine, question: str, word: str, where: str) -> None:
    text = f"{question} {word}" if where == "end" else f"{question} with {word}"
    answer = engine.ask(text)  # (declined as not understood, or as a name it does not know)
    assert answer.status != "answered" and f"\u201c{word}\u201d" in answer.text, (text, answer.text)


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


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("who won the first petit that wasnt the season finale", "finale"),
        ("how many races did audi win in a three digit car", "digit"),
    ],
)
def test_a_lookup_answers_only_when_it_read_every_word(engine: Engine, question: str, word: str) -> None:
    answer = engine.ask(question)
    assert answer.status != "answered" or answer.intent == "not-understood", answer.text
    assert f"\u201c{word}\u201d" in answer.text, answer.text


def test_a_reaction_before_the_question_changes_nothing(engine: Engine) -> None:
    assert engine.ask("wow, who won in 2015").text == engine.ask("who won in 2015").text


def test_a_word_before_a_comma_that_is_no_reaction_is_still_read(engine: Engine) -> None:
    assert engine.ask("rookies, who won gtd after 2020").status != "answered"


@pytest.mark.parametrize("kind", ["teams", "cars", "manufacturers"])
def test_which_of_a_kind_have_won_lists_every_winner(engine: Engine, kb: KnowledgeBase, kind: str) -> None:
    answer = engine.ask(f"which {kind} have won petit le mans")
    table = kb.records.table({"teams": "team", "cars": "car", "manufacturers": "manufacturer"}[kind])
    assert answer.status == "answered" and answer.text.startswith(f"{len(table)} {kind} with overall wins"), answer.text


def test_winners_with_their_cars_lists_the_winners_and_their_cars(engine: Engine, kb: KnowledgeBase) -> None:
    answer = engine.ask("list the overall winners 2016 thru 2018 w/ car numbers")
    for year in (2016, 2017, 2018):
        result = kb.races[year].overall
        assert kb.name("driver", result.drivers[0]) in answer.text and f"#{result.car_number}" in answer.text


def test_a_span_said_twice_is_one_span(engine: Engine) -> None:
    once = engine.ask("how many different drivers won overall in the 2010s")
    twice = engine.ask("how many different drivers won overall across the 2010s (2010-2019)?")
    assert once.status == twice.status == "answered" and once.text.split(":")[0] == twice.text.split(":")[0]


def test_a_race_attribute_lookup_reads_its_own_cue_words(engine: Engine, kb: KnowledgeBase) -> None:
    known = [race for race in kb.races.values() if race.attendance]
    assert known
    for race in known:
        for question in (f"what was the attendance in {race.year}", f"how big was the crowd in {race.year}"):
            answer = engine.ask(question)
            assert answer.status == "answered" and answer.intent == "attendance", (question, answer.text)
