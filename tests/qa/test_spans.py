"""Year spans: each phrase has one meaning, and "the latest race" is never a constant."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.qa.spans import find_span

KNOWN = list(range(1998, 2026))
LATEST = KNOWN[-1]


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("winners since 2014", 2014, LATEST),
        ("from 2014 on", 2014, LATEST),
        ("2014 onwards", 2014, LATEST),
        ("2014 or later", 2014, LATEST),
        ("winners after 2014", 2015, LATEST),
        ("before 2014", 1998, 2013),
        ("until 2014", 1998, 2013),
        ("prior to 2014", 1998, 2013),
        ("up to 2014", 1998, 2014),
        ("through 2014", 1998, 2014),
        ("2014 or earlier", 1998, 2014),
        ("between 2010 and 2014", 2010, 2014),
        ("between 2014 and 2010", 2010, 2014),
        ("from 2010 to 2014", 2010, 2014),
        ("2010 through 2014", 2010, 2014),
        ("from 2010 2014", 2010, 2014),  # "from 2010-2014": the hyphen became a space
        ("in the last 5 races", LATEST - 4, LATEST),
        ("the past ten years", LATEST - 9, LATEST),
        ("the 1000 mile era", 1998, 2013),
        ("the 10 hour era", 2014, LATEST),
        ("the alms years", 1999, 2013),
        ("the dpi era", 2017, 2022),
        ("the gtp era", 2023, LATEST),
    ],
)
def test_each_phrase_has_one_meaning(phrase: str, start: int, end: int) -> None:
    hit = find_span(phrase.split(), KNOWN)
    assert hit is not None
    assert (hit.span.start, hit.span.end) == (start, end)


def test_a_decade_is_read_back_from_the_parser() -> None:
    # parse rewrites "the 2000s" as "since 2000" and remembers the decade
    hit = find_span(["wins", "in", "the", "since", "2000"], KNOWN, decade=2000)
    assert hit is not None and (hit.span.start, hit.span.end) == (2000, 2009)
    hit = find_span(["wins", "in", "the", "since", "2020"], KNOWN, decade=2020)
    assert hit is not None and (hit.span.start, hit.span.end) == (2020, LATEST)


@pytest.mark.parametrize("phrase", ["in 2015", "in 2010 and 2014", "who won 2010 2014", "the first race"])
def test_single_years_are_not_spans(phrase: str) -> None:
    assert find_span(phrase.split(), KNOWN) is None


def test_open_spans_follow_the_latest_race() -> None:
    longer = [*KNOWN, LATEST + 1]
    hit = find_span(["since", "2014"], longer)
    assert hit is not None and hit.span.end == LATEST + 1


def test_the_label_says_the_years_back() -> None:
    hit = find_span(["after", "2020"], KNOWN)
    assert hit is not None and "2021" in hit.span.label and str(LATEST) in hit.span.label


@given(st.integers(1998, 2025), st.sampled_from(["since", "after", "before", "until", "through"]))
def test_a_span_is_always_inside_its_bounds(year: int, word: str) -> None:
    hit = find_span([word, str(year)], KNOWN)
    assert hit is not None
    span = hit.span
    assert (year in span) == (word in ("since", "through"))
    assert KNOWN[0] <= span.start and span.end <= KNOWN[-1]
    assert set(hit.used) == {0, 1}
