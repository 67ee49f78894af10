"""Rule precedence: coverage first, then aggregates, sets, rankings, lists."""

from __future__ import annotations

from bot.qa.rules import RULES


def test_coverage_rules_come_before_any_answer() -> None:
    names = [r.name for r in RULES]
    assert names[:3] == ["unrecorded", "placing", "not-understood"]


def test_poles_and_fastest_laps_are_read_before_any_count_of_wins() -> None:
    names = [r.name for r in RULES]
    assert names.index("session") < min(names.index(n) for n in ("count", "rank", "list", "distinct-count"))


def test_aggregates_come_before_lists() -> None:
    names = [r.name for r in RULES]
    for aggregate in ("difference", "sum", "years-between", "distinct-count", "count", "set", "rank"):
        assert names.index(aggregate) < names.index("list"), aggregate


def test_the_catch_all_list_rule_is_last() -> None:
    assert RULES[-1].name == "list"


def test_rule_names_are_unique() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
