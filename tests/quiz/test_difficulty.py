"""Difficulty is rated by the question from measured features, each level a fair share of the pool."""

from __future__ import annotations

from collections import Counter
from statistics import mean

from bot.knowledge import KnowledgeBase
from bot.quiz.difficulty import TYPE_HARDNESS, Fame, answer_type, features, score
from bot.quiz.model import DIFFICULTIES
from bot.quiz.questions import question_pool
from bot.quiz.reveals import scanner


def test_each_level_is_at_least_a_quarter_of_the_pool(kb: KnowledgeBase) -> None:
    levels = Counter(b.difficulty for b in question_pool(kb).blueprints)
    total = sum(levels.values())
    for level in DIFFICULTIES:
        assert levels[level] >= total / 4, levels


def test_harder_levels_have_higher_scores(kb: KnowledgeBase) -> None:
    fame, span = Fame(kb, scanner(kb)), (kb.years[0], kb.years[-1])
    by_level = {
        level: [score(features(b, fame, span)) for b in question_pool(kb).blueprints if b.difficulty == level]
        for level in DIFFICULTIES
    }
    assert max(by_level["easy"]) <= min(by_level["medium"]) and max(by_level["medium"]) <= min(by_level["hard"])


def test_true_or_false_is_easier_than_naming_a_whole_crew_or_a_lap_count(kb: KnowledgeBase) -> None:
    rank = {b.key: DIFFICULTIES.index(b.difficulty) for b in question_pool(kb).blueprints}

    def average(template: str) -> float:
        return mean(r for k, r in rank.items() if k.split(":")[0] == template)

    assert average("tf-manufacturer") < average("winner-crew") < average("laps")


def test_a_famous_answer_is_easier_than_an_obscure_one_of_the_same_template(kb: KnowledgeBase) -> None:
    fame = Fame(kb, scanner(kb))
    bank = question_pool(kb)
    wins = Counter(d for race in kb.races.values() for d in race.overall.drivers)
    most, *_, least = (d for d, _ in wins.most_common())
    assert fame.of(f"driver:{most}") > fame.of(f"driver:{least}")
    ranked = {b.key: DIFFICULTIES.index(b.difficulty) for b in bank.blueprints}
    assert ranked[f"win-year:driver:{most}"] <= ranked[f"win-year:driver:{least}"]


def test_comparisons_of_close_years_or_counts_have_closer_distractors(kb: KnowledgeBase) -> None:
    bank = question_pool(kb)
    fame = Fame(kb, scanner(kb))
    span = (kb.years[0], kb.years[-1])
    for template in ("which-first", "order-three", "higher-lower"):
        rated = [
            (b.closeness, features(b, fame, span)["distractors"]) for b in bank.blueprints if b.template == template
        ]
        assert rated and all(c is not None and c == d for c, d in rated), template  # the template's own measure
        assert len({c for c, _ in rated}) > 1, template  # and it varies
    first = {b.key: b for b in bank.blueprints if b.template == "which-first"}
    gaps = {k: abs(int(b.fact.split(" in ")[1][:4]) - int(b.fact.rsplit(" in ", 1)[1][:4])) for k, b in first.items()}
    near, far = min(gaps, key=gaps.__getitem__), max(gaps, key=gaps.__getitem__)
    assert first[near].closeness > first[far].closeness  # (one year apart is harder to call than twenty)


def test_new_answer_types_are_rated_as_such(kb: KnowledgeBase) -> None:
    kinds = {answer_type(b) for b in question_pool(kb).blueprints}
    assert {"pair", "ladder", "order", "direction"} <= kinds
    assert TYPE_HARDNESS["direction"] <= TYPE_HARDNESS["pair"] < TYPE_HARDNESS["entity"] < TYPE_HARDNESS["order"]
