"""The game rules, synchronous and clock-free."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.quiz.game import Game, GameOver, Phase
from bot.quiz.matching import Matcher
from bot.quiz.model import AnswerSpec, Question


def question(
    key: str, spec: AnswerSpec, options: tuple[str, ...], correct: int = 0, difficulty: str = "easy"
) -> Question:
    return Question(
        key=key, template="t", category="winners", difficulty=difficulty, prompt=f"{key}?", spec=spec,  # type: ignore[arg-type]
        answer=options[correct], fact="fact", options=options, correct=correct, hint_text=options[correct],
    )  # fmt: skip


CAPELLO = question(
    "q1",
    AnswerSpec("entity", "driver", frozenset({"rinaldo-capello"})),
    ("Rinaldo Capello", "Tom Kristensen", "JJ Lehto"),
)
YEAR = question("q2", AnswerSpec("year", numbers=frozenset({2009})), ("2008", "2009", "2010"), correct=1)
TRUTH = question("q3", AnswerSpec("boolean", truth=False), ("True", "False"), correct=1)


@pytest.fixture
def matcher(small_kb: KnowledgeBase) -> Matcher:
    return Matcher(small_kb)


def test_first_correct_answer_wins_once(matcher: Matcher) -> None:
    game = Game([CAPELLO, YEAR], matcher, time_limit=30)
    game.next_round(0)
    assert game.answer(1, "ann", "Kristensen", 1).status == "wrong"
    won = game.answer(2, "bob", "capello", 3)
    assert won.status == "won" and won.result and won.result.winner and won.result.winner.player == 2
    assert game.answer(3, "cy", "Capello", 3).status == "closed"
    assert game.phase is Phase.READY
    assert game.scores[2].points == won.result.winner.points.total
    assert game.scores[1].points == 0
    assert won.result.attempts == 2


def test_timeout_in_text_mode_awards_nobody_and_resets_streaks(matcher: Matcher) -> None:
    game = Game([CAPELLO, YEAR, TRUTH], matcher, time_limit=30)
    game.next_round(0)
    game.answer(1, "ann", "Capello", 1)
    assert game.scores[1].streak == 1
    game.next_round(10)
    game.answer(2, "bob", "2008", 11)
    result = game.close("timeout", 40)
    assert result.awards == () and result.outcome == "timeout"
    assert game.scores[1].streak == 0
    assert game.close("timeout", 41) is result  # closing twice is harmless


def test_streak_bonus_and_skip_keeps_streak(matcher: Matcher) -> None:
    game = Game([CAPELLO, YEAR, TRUTH], matcher, time_limit=30)
    game.next_round(0)
    game.answer(1, "ann", "Capello", 0)
    game.next_round(10)
    game.close("skipped", 11)
    assert game.scores[1].streak == 1
    game.next_round(20)
    result = game.answer(1, "ann", "false", 20).result
    assert result and result.winner and result.winner.points.streak_bonus == 5
    assert game.scores[1].best_streak == 2


def test_hints_cost_points(matcher: Matcher) -> None:
    game = Game([CAPELLO, YEAR], matcher, time_limit=30)
    game.next_round(0)
    hint = game.hint(0)
    assert hint and hint.text.startswith("R")
    result = game.answer(1, "ann", "Capello", 0).result
    assert result and result.winner and result.winner.points.total < 10
    game.next_round(5)
    assert game.remaining_hints() == 2


def test_no_hints_when_disabled(matcher: Matcher) -> None:
    game = Game([CAPELLO], matcher, hints_enabled=False)
    game.next_round(0)
    assert game.hint(0) is None


def test_buttons_one_pick_per_player_and_everyone_right_scores(matcher: Matcher) -> None:
    game = Game([CAPELLO, YEAR], matcher, mode="buttons", time_limit=20)
    game.next_round(0)
    assert game.answer(1, "ann", "Capello", 1).status == "closed"  # typing does nothing in buttons mode
    assert game.choose(1, "ann", 0, 5) == "recorded"
    assert game.choose(1, "ann", 1, 6) == "duplicate"
    assert game.choose(2, "bob", 0, 2) == "recorded"
    assert game.choose(3, "cy", 2, 1) == "recorded"
    assert game.choose(4, "di", 7, 1) == "invalid"
    assert not game.everyone_answered()  # round 1 always runs its time
    result = game.close("timeout", 20)
    assert [a.player for a in result.awards] == [2, 1]  # fastest first
    assert result.awards[0].points.total > result.awards[1].points.total
    assert game.scores[3].points == 0 and game.scores[3].streak == 0
    game.next_round(30)
    game.choose(1, "ann", 1, 31)
    game.choose(2, "bob", 1, 31)
    assert not game.everyone_answered()
    game.choose(3, "cy", 1, 32)
    assert game.everyone_answered()


def test_eliminated_options_cannot_be_picked(matcher: Matcher) -> None:
    game = Game([CAPELLO], matcher, mode="buttons", seed=1)
    current = game.next_round(0)
    hint = game.hint(0)
    assert hint and len(hint.eliminated) == 1
    (gone,) = hint.eliminated
    assert gone != CAPELLO.correct and gone in current.eliminated
    assert game.choose(1, "ann", gone, 1) == "invalid"


def test_end_closes_the_open_round_and_ranks_players(matcher: Matcher) -> None:
    game = Game([CAPELLO, YEAR, TRUTH], matcher, time_limit=30)
    game.next_round(0)
    game.answer(1, "ann", "Capello", 1)
    game.next_round(10)
    standings = game.end("stopped", 12)
    assert game.phase is Phase.ENDED
    assert standings.reason == "stopped" and standings.rounds_played == 2 and standings.rounds_planned == 3
    assert [w.name for w in standings.winners] == ["ann"]
    assert game.results[-1].outcome == "stopped"
    with pytest.raises(GameOver):
        game.next_round(20)


def test_ties_and_nobody_scoring(matcher: Matcher) -> None:
    game = Game([TRUTH, TRUTH], matcher, time_limit=None)
    assert game.end("finished", 0).winners == ()
    game = Game([TRUTH, TRUTH], matcher, time_limit=None)
    game.next_round(0)
    game.answer(1, "ann", "false", 0)
    game.next_round(0)
    game.answer(2, "bob", "false", 0)
    # Streaks differ (ann was reset) but points are equal: both win.
    assert {w.name for w in game.end("finished", 0).winners} == {"ann", "bob"}


def test_idle_rounds_count_only_rounds_without_any_answer(matcher: Matcher) -> None:
    game = Game([CAPELLO, YEAR, TRUTH], matcher)
    game.next_round(0)
    game.close("timeout", 30)
    assert game.idle_rounds == 1
    game.next_round(35)
    game.answer(1, "ann", "nope", 36)
    game.close("timeout", 65)
    assert game.idle_rounds == 0


LADDER = Question(
    key="who", template="who-am-i", category="winners", difficulty="hard", prompt="Who am I? Clue 1: ...",
    spec=AnswerSpec("entity", "driver", frozenset({"allan-mcnish"})), answer="Allan McNish", fact="fact",
    options=("Allan McNish", "Tom Kristensen", "JJ Lehto", "Marco Werner"), correct=0,
    clues=("Clue 2: two", "Clue 3: three", "Clue 4: four"), clue_ladder=True,
)  # fmt: skip


@pytest.mark.parametrize("mode", ["text", "buttons"])
def test_a_clue_ladder_pays_less_with_each_clue(matcher: Matcher, mode: str) -> None:
    points = []
    for clues in range(len(LADDER.clues) + 1):
        game = Game([LADDER], matcher, mode=mode, time_limit=30)  # type: ignore[arg-type]
        game.next_round(0)
        given = [game.hint(0) for _ in range(clues)]
        assert [h.text for h in given if h] == list(LADDER.clues[:clues])  # the clues, in order, in either mode
        if mode == "text":
            assert game.answer(1, "ann", "McNish", 0).status == "won"
        else:
            assert game.choose(1, "ann", LADDER.correct, 0) == "recorded"
        result = game.close("timeout", 30) if mode == "buttons" else game.results[-1]
        points.append(result.awards[0].points.total)
    assert points == sorted(points, reverse=True) and len(set(points)) == len(points), points
    assert game.hint(0) is None  # (the game is over) and a fourth clue does not exist


def test_in_buttons_mode_only_clues_given_before_a_pick_cost_it(matcher: Matcher) -> None:
    game = Game([LADDER], matcher, mode="buttons", time_limit=30)
    game.next_round(0)
    game.choose(1, "early", LADDER.correct, 1)
    game.hint(5)
    game.hint(10)
    game.choose(2, "late", LADDER.correct, 11)
    result = game.close("timeout", 30)
    by_name = {a.name: a.points for a in result.awards}
    assert by_name["early"].hint_factor == 1.0 and by_name["late"].hint_factor < 1.0
    assert by_name["early"].total > by_name["late"].total
