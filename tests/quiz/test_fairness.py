"""A game never gives an answer away, never repeats one, and varies its templates.

The rules are :mod:`bot.quiz.fairness`; the audit re-checks a drawn game from what each
question declares it reveals, so these properties hold over any seed, not a lucky few.
"""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge import KnowledgeBase
from bot.quiz.fairness import TEMPLATE_CAP, audit, template_cap
from bot.quiz.model import DIFFICULTIES, Question
from bot.quiz.questions import question_pool

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def realized(kb: KnowledgeBase, *keys: str) -> list[Question]:
    bank = question_pool(kb)
    rng = random.Random(0)
    return [bank.by_key[key].realize(rng) for key in keys]


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), rounds=st.integers(1, 20))
def test_any_game_is_free_of_give_aways_and_repeats(kb: KnowledgeBase, seed: int, rounds: int) -> None:
    game = question_pool(kb).draw(rounds, seed=seed)
    result = audit(game)
    assert len(game) == rounds
    assert (result.giveaways, result.repeated) == (0, 0), [q.key for q in game]
    assert result.max_template <= TEMPLATE_CAP


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), difficulty=st.sampled_from(DIFFICULTIES))
def test_a_game_of_one_difficulty_keeps_the_rules(kb: KnowledgeBase, seed: int, difficulty: str) -> None:
    bank = question_pool(kb)
    game = bank.draw(20, seed=seed, difficulty=difficulty)  # type: ignore[arg-type]
    templates = {b.template for b in bank.pool(difficulty)}  # type: ignore[arg-type]
    assert audit(game).clean
    assert audit(game).max_template <= template_cap(20, len(templates))


def test_a_true_or_false_gives_away_the_drivers_win_years(kb: KnowledgeBase) -> None:
    true_false = next(b for b in question_pool(kb).blueprints if b.template == "tf-driver" and b.spec.truth)
    driver = true_false.key.split(":")[2]
    pair = realized(kb, true_false.key, f"win-year:driver:{driver}")
    assert audit(pair).giveaways == 1
    assert audit(pair[::-1]).giveaways == 1  # the win years, then "did he win in YEAR": also answered


def test_the_winners_of_a_year_give_away_its_laps_and_team_but_not_another_year(kb: KnowledgeBase) -> None:
    bank = question_pool(kb)
    laps = next(b for b in bank.blueprints if b.template == "laps")
    year = laps.key.split(":")[1]
    assert audit(realized(kb, f"winner-driver:{year}", laps.key)).giveaways == 1
    assert audit(realized(kb, f"winner-driver:{year}", f"winner-team:{year}")).giveaways == 1
    other = next(y for y in kb.years if str(y) != year and f"winner-driver:{y}" in bank.by_key)
    assert audit(realized(kb, f"winner-driver:{year}", f"winner-driver:{other}")).giveaways == 0


def test_every_question_declares_its_answer_and_every_year_it_prints(kb: KnowledgeBase) -> None:
    rng = random.Random(5)
    for blueprint in question_pool(kb).blueprints:
        question = blueprint.realize(rng)
        assert question.answer_atoms, question.key
        shown = " ".join([question.prompt, question.fact, question.answer, *question.options])
        years = {f"year:{y}" for y in _YEAR.findall(shown)}
        assert years <= question.reveals, (question.key, years - question.reveals)
        if question.spec.kind == "entity":  # the reveal names the answer, so it shows its atoms
            assert question.answer_atoms & question.reveals, question.key


def test_a_twenty_round_game_repeats_no_answer_value(kb: KnowledgeBase) -> None:
    for seed in range(5):
        values = [v for q in question_pool(kb).draw(20, seed=seed) for v in q.values]
        assert len(values) == len(set(values))
