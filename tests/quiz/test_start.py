"""Starting a game: one set of rules for every front end."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.quiz.start import MAX_ROUNDS, GameRequest, GameSetupError, new_game


def test_a_request_becomes_a_game_with_those_settings(kb: KnowledgeBase) -> None:
    game = new_game(kb, GameRequest(rounds=5, mode="buttons", time_limit=20.0, hints=False, seed=4))
    assert len(game.questions) == 5
    assert (game.mode, game.time_limit, game.hints_enabled) == ("buttons", 20.0, False)


def test_the_same_seed_draws_the_same_questions(kb: KnowledgeBase) -> None:
    keys = [[q.key for q in new_game(kb, GameRequest(rounds=6, seed=11)).questions] for _ in range(2)]
    assert keys[0] == keys[1]


def test_filters_are_applied(kb: KnowledgeBase) -> None:
    game = new_game(kb, GameRequest(rounds=4, difficulty="easy", category="winners", seed=2))
    assert {(q.difficulty, q.category) for q in game.questions} == {("easy", "winners")}


def test_recently_asked_questions_come_last(kb: KnowledgeBase) -> None:
    first = new_game(kb, GameRequest(rounds=5, seed=3)).questions
    recent = {q.key: 1.0 for q in first}
    again = new_game(kb, GameRequest(rounds=5, seed=3, recent=recent)).questions
    assert not {q.key for q in again} & set(recent)


@pytest.mark.parametrize(
    ("request_", "says"),
    [
        (GameRequest(difficulty="impossible"), "Unknown difficulty 'impossible': choose easy, medium, hard"),
        (GameRequest(category="weather"), "Unknown category 'weather'"),
        (GameRequest(mode="voice"), "Unknown mode 'voice'"),
        (GameRequest(rounds=0), f"between 1 and {MAX_ROUNDS}"),
        (GameRequest(rounds=MAX_ROUNDS + 1), f"between 1 and {MAX_ROUNDS}"),
    ],
)
def test_a_bad_request_says_what_to_change(kb: KnowledgeBase, request_: GameRequest, says: str) -> None:
    with pytest.raises(GameSetupError, match=says):
        new_game(kb, request_)


def test_a_knowledge_base_without_questions_for_the_filters_says_so(small_kb: KnowledgeBase) -> None:
    with pytest.raises(GameSetupError, match="no questions for that difficulty and category"):
        new_game(small_kb, GameRequest(category="track", difficulty="hard"))
