"""A race's own figures compared across years: margins, laps and race times.

Figures are read here from the race files with their own parsing, so the engine's
reading is checked against a second one; the years are picked from the data, so the
tests hold when races are added.
"""

from __future__ import annotations

import itertools
import re

import pytest

from bot.knowledge import KnowledgeBase
from bot.qa.engine import Engine


@pytest.fixture(scope="module")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb)


def seconds_margins(kb: KnowledgeBase, *, estimates: bool = False) -> dict[int, float]:
    """Margins in seconds, read again from the race files; with ``estimates``, 'About 0.4 s' too."""
    pattern = r"(?:about )?(\d+(?:\.\d+)?) s\b" if estimates else r"(\d+\.\d+) s\b"
    out = {}
    for year, race in kb.races.items():
        m = re.match(pattern, (race.overall.margin or "").lower())
        if m:
            out[year] = float(m.group(1))
    return out


def test_the_closer_finish_of_two_years_is_the_smaller_margin(engine: Engine, kb: KnowledgeBase) -> None:
    margins = seconds_margins(kb)
    years = sorted(margins)
    for a, b in itertools.pairwise(years):
        if margins[a] == margins[b]:
            continue
        closer = a if margins[a] < margins[b] else b
        answer = engine.ask(f"which finish was closer, {a} or {b}?")
        assert answer.text.startswith(f"{closer} was closer"), answer.text


def test_more_laps_is_a_difference_of_the_winners_laps(engine: Engine, kb: KnowledgeBase) -> None:
    laps = {y: r.overall.laps for y, r in kb.races.items() if r.overall.laps}
    a, b = next((x, y) for x in laps for y in laps if laps[x] > laps[y])
    answer = engine.ask(f"how many more laps did the {a} winner do than the {b} winner")
    assert answer.text.startswith(f"{laps[a] - laps[b]} more laps in {a}"), answer.text


def test_a_year_without_the_figure_is_said_not_guessed(engine: Engine, kb: KnowledgeBase) -> None:
    margins = seconds_margins(kb)
    without = next(
        y for y, r in kb.races.items() if y not in margins and not re.match(r"\d+ laps?", r.overall.margin or "")
    )
    answer = engine.ask(f"which finish was closer, {without} or {min(margins)}?")
    assert answer.status == "unknown" and str(without) in answer.text and "can't compare" in answer.text


def test_the_closest_finish_of_a_span_is_its_smallest_margin(engine: Engine, kb: KnowledgeBase) -> None:
    margins = seconds_margins(kb, estimates=True)
    start = min(margins)
    in_span = {y: v for y, v in margins.items() if y >= start + 1}
    closest = min(in_span, key=in_span.__getitem__)
    answer = engine.ask(f"who won the closest finish since {start}, and by how much?")
    assert answer.status == "answered" and f": {closest}," in answer.text, answer.text
    crew = kb.races[closest].overall.drivers[0]
    assert kb.name("driver", crew) in answer.text


def test_races_without_a_comparable_margin_are_named_not_skipped(engine: Engine, kb: KnowledgeBase) -> None:
    answer = engine.ask("which race had the closest finish")
    missing = [y for y, r in kb.races.items() if not r.overall.margin]
    assert missing and all(str(y) in answer.text.split("no comparable")[-1] for y in missing), answer.text


def test_the_fewest_laps_is_the_smallest_lap_count(engine: Engine, kb: KnowledgeBase) -> None:
    laps = {y: r.overall.laps for y, r in kb.races.items() if r.overall.laps}
    fewest = min(laps, key=laps.__getitem__)
    answer = engine.ask("which race had the fewest laps")
    assert answer.text.startswith(f"The fewest laps in my knowledge: {fewest}, {laps[fewest]} laps"), answer.text


def test_a_class_margin_is_not_ranked_from_the_overall_race(engine: Engine) -> None:
    answer = engine.ask("which year had the closest finish in gtlm")
    assert answer.status == "unknown" and "overall race only" in answer.text


def test_the_fewest_wins_is_still_a_ranking_of_wins(engine: Engine) -> None:
    answer = engine.ask("which manufacturer has the fewest wins")
    assert "margin" not in answer.text and "laps" not in answer.text, answer.text


def test_a_distance_difference_is_read_from_the_race_distances(engine: Engine, kb: KnowledgeBase) -> None:
    miles = {}
    for year, race in kb.races.items():
        m = re.match(r"([\d,]+(?:\.\d+)?) mi\b", race.distance or "")
        if m:
            miles[year] = float(m.group(1).replace(",", ""))
    a, b = max(miles, key=miles.__getitem__), min(miles, key=miles.__getitem__)
    answer = engine.ask(f"how many more miles was the {a} race than {b}")
    assert answer.text.startswith(f"{miles[a] - miles[b]:,.1f} more miles in {a}"), answer.text
