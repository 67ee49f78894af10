"""The engine: statuses, clarifications, and that no input can make it raise."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.knowledge import KnowledgeBase
from bot.qa.engine import Engine


@pytest.fixture(scope="module")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb, today=lambda: dt.date(2026, 11, 25))


def test_a_clarify_candidate_re_asks_the_question_resolved(engine: Engine) -> None:
    answer = engine.ask("how many wins does taylor have")
    assert answer.status == "clarify"
    names = {c.entity.name for c in answer.candidates if c.entity}
    assert {"Wayne Taylor", "Ricky Taylor", "Jordan Taylor"} <= names
    for candidate in answer.candidates:
        assert engine.ask(candidate.question).status == "answered", candidate.question


def test_the_latest_race_always_names_its_year(engine: Engine, kb: KnowledgeBase) -> None:
    for question in ("who won the latest petit le mans", "who won most recently", "who won petit le mans"):
        answer = engine.ask(question)
        assert answer.status == "answered"
        assert str(kb.last_year) in answer.text


def test_last_year_is_relative_to_today(kb: KnowledgeBase) -> None:
    later = Engine(kb, today=lambda: dt.date(kb.last_year + 2, 1, 5))
    answer = later.ask("who won last year")
    assert answer.status == "unknown"
    assert str(kb.last_year + 1) in answer.text and str(kb.last_year) in answer.text
    now = Engine(kb, today=lambda: dt.date(kb.last_year + 1, 1, 5))
    assert str(kb.last_year) in now.ask("last year's winner").text


@pytest.mark.parametrize("year", [1997, 1850, 2199, "the year after the latest"])
def test_years_without_a_race_are_declined_with_what_is_known(
    engine: Engine, kb: KnowledgeBase, year: int | str
) -> None:
    asked = kb.last_year + 1 if isinstance(year, str) else year
    answer = engine.ask(f"who won petit le mans in {asked}")
    assert answer.status == "unknown"
    assert str(kb.first_year) in answer.text and str(kb.last_year) in answer.text


def test_low_confidence_results_carry_a_caveat(engine: Engine) -> None:
    answer = engine.ask("who won gt1 in 2005")
    assert answer.status == "answered"
    assert "low confidence" in answer.text
    assert answer.confidence == "low"


def test_answers_carry_sources(engine: Engine) -> None:
    answer = engine.ask("who won in 2015")
    assert answer.sources and answer.footer and "Sources" in answer.footer


def test_unverified_class_is_not_guessed(engine: Engine) -> None:
    answer = engine.ask("who won the gt class in 2002")
    assert answer.status == "unknown"
    assert "Alex Job" not in answer.text


def test_json_shape(engine: Engine) -> None:
    data = engine.ask("who won in 2015").to_dict()
    assert data["status"] == "answered"
    assert isinstance(data["text"], str) and isinstance(data["sources"], list)


hostile = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(categories=["Cc", "Cs", "So", "Zs", "Mn"]), max_size=200),
    st.builds(lambda s: s * 400, st.text(min_size=1, max_size=30)),
    st.sampled_from(
        [
            "",
            " ",
            "@everyone who won in 2015",
            "<@123456789> <@&987> <#42> who won",
            "**bold** __under__ `code` ```block```",
            "\x00\x01\x02 who won in 2015",
            "🏎️🏁" * 500,
            "who won in 99999999999999999999",
            "won " * 2000,
            "taylor " * 200,
            "'98 '99 '00 '01 '02",
        ]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile)
def test_any_text_gets_an_answer_with_a_status_and_never_raises(engine: Engine, text: str) -> None:
    answer = engine.ask(text)
    assert answer.status in ("answered", "clarify", "unknown")
    assert isinstance(answer.text, str) and answer.text
    assert len(answer.text) < 4000


def test_ten_thousand_characters(engine: Engine) -> None:
    answer = engine.ask("who won in 2015 " + "x" * 10_000)
    assert answer.status in ("answered", "clarify", "unknown")


@pytest.mark.parametrize(
    ("question", "name", "re_asked"),
    [
        ("how many wins does alan mcnsih have", "Allan McNish", "how many wins does allan mcnish have"),
        ("cadilak wins", "Cadillac", "cadillac wins"),
    ],
)
def test_a_name_with_two_typos_gets_did_you_mean(engine: Engine, question: str, name: str, re_asked: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "clarify" and answer.intent == "did-you-mean"
    assert f"Did you mean {name}?" in answer.text
    [candidate] = answer.candidates
    assert candidate.question == re_asked
    assert engine.ask(candidate.question).status == "answered"


@pytest.mark.parametrize("said", ["the 22 car", "the No. 22", "car number 22", "#22"])
def test_a_car_number_said_as_fans_say_it_is_never_a_year(engine: Engine, kb: KnowledgeBase, said: str) -> None:
    year = next(y for y, r in kb.races.items() if r.overall.car_number not in (None, "22") and y != 2022)
    answer = engine.ask(f"didn't {said} win in {year}?")
    assert answer.text.startswith("No") and "#22" in answer.text and answer.years == (year,)


def test_who_drove_a_number_is_answered_without_a_yes(engine: Engine, kb: KnowledgeBase) -> None:
    year, race = next((y, r) for y, r in kb.races.items() if r.overall.car_number)
    answer = engine.ask(f"who drove the No. {race.overall.car_number} in {year}")
    assert not answer.text.startswith("Yes") and kb.driver_names(race.overall)[0] in answer.text
    assert engine.ask(f"did #{race.overall.car_number} win in {year}").text.startswith("Yes")


def test_that_year_with_no_year_before_it_asks_which(engine: Engine) -> None:
    answer = engine.ask("who won that year")
    assert answer.status == "unknown" and "Which year" in answer.text


def test_a_class_winner_is_cited_by_its_own_sources_first(engine: Engine, kb: KnowledgeBase) -> None:
    checked = 0
    for year, race in kb.races.items():
        for result in race.results:
            if result.overall or not result.sources:
                continue
            answer = engine.ask(f"who won {kb.name('class', result.class_)} in {year}")
            if answer.intent == "class-winner" and len(answer.years) == 1:
                assert answer.sources[0] == result.sources[0], (year, result.class_)
                checked += 1
    assert checked >= len(kb.races)  # (every race has class winners with sources of their own)
