"""Difficulty is rated by the question from measured features, each level a fair share of the pool."""

from __future__ import annotations

from collections import Counter
from statistics import mean

from bot.knowledge import KnowledgeBase
from bot.quiz.difficulty import Fame, features, score
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
