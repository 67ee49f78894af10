"""Answer-side normalisation: number words, two-digit years, numbers said digit by digit."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.knowledge import KnowledgeBase
from bot.quiz.text import answer_tokens, spoken_digits, words_to_number


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("two thousand and eight", ["2008"]),
        ("twenty twenty", ["2020"]),
        ("nineteen ninety-eight", ["1998"]),
        ("twenty oh eight", ["2008"]),
        ("five wins", ["5", "wins"]),
        ("twenty five", ["25"]),
        ("one hundred and one", ["101"]),
        ("Capello and McNish", ["capello", "and", "mcnish"]),
        ("one and two", ["1", "and", "2"]),  # "and" between small numbers is a conjunction
        ("two thousand and", ["2000", "and"]),
        ("'08", ["08"]),
        ("Stéphane", ["stephane"]),
    ],
)
def test_answer_tokens(text: str, tokens: list[str]) -> None:
    assert answer_tokens(text) == tokens


def test_words_that_are_not_one_number_stay_words() -> None:
    assert words_to_number(["five", "five"]) is None
    assert words_to_number(["hundred"]) is None


@given(st.integers(min_value=0, max_value=9999))
def test_cardinals_round_trip(n: int) -> None:
    assert words_to_number(_spell(n).split()) == n


def _spell(n: int) -> str:
    units = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ]
    tens = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    def below_100(k: int) -> str:
        if k < 20:
            return units[k]
        return tens[k // 10] + ("" if k % 10 == 0 else " " + units[k % 10])

    parts = []
    if n >= 1000:
        parts.append(f"{below_100(n // 1000)} thousand")
        n %= 1000
        if n == 0:
            return " ".join(parts)
    if n >= 100:
        parts.append(f"{units[n // 100]} hundred")
        n %= 100
        if n == 0:
            return " ".join(parts)
    if parts and n < 100:
        parts.append("and")
    parts.append(below_100(n))
    return " ".join(parts)


def test_the_points_line_shows_the_total_and_each_part_once() -> None:
    from bot.quiz.game import Award
    from bot.quiz.render import points_detail
    from bot.quiz.scoring import award

    with_streak = Award("p", "P", award("hard", 0, None, 0, streak=4), 1.0)
    assert points_detail(with_streak) == "+45 points: 30 for the answer + 15 streak bonus"
    hinted = Award("p", "P", award("hard", 0, None, 1, streak=1), 1.0)
    assert points_detail(hinted) == "+22 points (less for hints)"


def test_reveals_are_one_clean_sentence(kb: KnowledgeBase) -> None:
    from bot.quiz.questions import question_pool

    for blueprint in question_pool(kb).blueprints:
        if blueprint.template in ("fact-year", "shortened"):
            continue  # a fact's own sentence, or the list of shortened years
        fact = blueprint.fact
        assert fact.endswith(".") and not re.search(r"[.!?] [A-Z]", fact), (blueprint.key, fact)
        for note in ("confirmed", "sportscar365", "according to", ";"):
            assert note not in fact, (blueprint.key, fact)


@pytest.mark.parametrize(
    ("said", "digits"),
    [("nine eleven", "911"), ("oh seven", "07"), ("zero eight", "08"), ("nine oh eight", "908"),
     ("two ninety six", "296"), ("four eighty eight", "488")],
)  # fmt: skip
def test_a_number_said_in_pieces_reads_digit_by_digit(said: str, digits: str) -> None:
    assert answer_tokens(said) == [digits]
    assert spoken_digits(said.split()) == digits


def test_cardinals_and_spoken_years_come_before_pieces() -> None:
    assert answer_tokens("twenty oh eight") == ["2008"]
    assert answer_tokens("twenty five") == ["25"]
    assert spoken_digits(["oh"]) is None  # "oh, Capello": a word, not a zero
    assert answer_tokens("oh capello") == ["oh", "capello"]
