"""``plm-trivia quiz``: the same game in a terminal, one player, answers typed at the prompt.

At the prompt: an answer, or ``hint``, ``skip``, ``quit`` (end of input also quits).
Untimed; a question allows a few wrong tries before the answer is revealed. The final
standings are always printed, also after ``quit``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.knowledge import KnowledgeBase
from bot.quiz import render
from bot.quiz.game import Game, RoundState
from bot.quiz.start import GameRequest, GameSetupError, new_game

PLAYER = "console"
PLAYER_NAME = "You"
MAX_TRIES = 3
_HINT, _SKIP, _QUIT = {"hint", "h", "?"}, {"skip", "s", "pass"}, {"quit", "q", "exit", "stop"}


def play(
    kb: KnowledgeBase,
    rounds: int = 10,
    seed: int | None = None,
    difficulty: str | None = None,
    input_fn: Callable[[str], str] = input,
    output_fn: Callable[[str], object] = print,
    *,
    category: str | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Play a game; returns the exit code (0 played, 2 bad arguments or no questions)."""
    request = GameRequest(rounds, difficulty, category, mode="text", time_limit=None, seed=seed)
    try:
        game = new_game(kb, request)
    except GameSetupError as exc:
        output_fn(f"Cannot start a quiz: {exc}")
        return 2
    questions = game.questions
    count = f"{len(questions)} question{'' if len(questions) == 1 else 's'}"
    output_fn(f"Petit Le Mans quiz: {count}. Type your answer, or hint, skip, quit.")
    quit_ = False
    while game.has_next and not quit_:
        current = game.next_round(clock())
        _ask(current, len(questions), output_fn)
        quit_ = _play_round(game, current, input_fn, output_fn, clock)
        if current.result is not None:
            for line in render.reveal_lines(current.result)[:2]:
                output_fn(line)
    standings = game.end("stopped" if quit_ else "finished", clock())
    if quit_ and game.results and game.results[-1].outcome == "stopped":
        output_fn(f"Answer: {game.results[-1].question.answer}")
    output_fn("")
    output_fn(f"{render.standings_title(standings)}. Final standings:")
    for line in render.standings_lines(standings):
        output_fn(line)
    output_fn(render.winner_line(standings))
    return 0


def _ask(current: RoundState, total: int, output_fn: Callable[[str], object]) -> None:
    q = current.question
    output_fn("")
    output_fn(render.header(q, current.number, total))
    output_fn(q.prompt)
    if q.options_in_prompt:
        for line in render.option_lines(q):
            output_fn(line)
    if q.clue_ladder:
        output_fn(f"(type hint for the next clue: {len(q.clues)} more, each one lowers the points)")


def _play_round(
    game: Game,
    current: RoundState,
    input_fn: Callable[[str], str],
    output_fn: Callable[[str], object],
    clock: Callable[[], float],
) -> bool:
    """Read answers until the round closes; ``True`` when the player quits."""
    tries = 0
    while not current.closed:
        try:
            line = input_fn("> ")
        except (EOFError, KeyboardInterrupt):
            output_fn("")
            return True
        command = line.strip().casefold()
        if not command:
            continue
        if command in _QUIT:
            return True
        if command in _SKIP:
            game.close("skipped", clock())
            output_fn("Skipped.")
            continue
        if command in _HINT:
            hint = game.hint(clock())
            if hint is None:
                output_fn("No more clues." if current.question.clue_ladder else "No more hints for this question.")
            else:
                output_fn(hint.text if current.question.clue_ladder else f"Hint: {hint.text}")
            continue
        outcome = game.answer(PLAYER, PLAYER_NAME, line, clock())
        if outcome.status == "won" and outcome.result and outcome.result.winner:
            output_fn(f"Correct! {render.points_detail(outcome.result.winner)}.")
        elif outcome.status == "partial" and outcome.match:
            output_fn(f"Partly right: {outcome.match.found} of {outcome.match.wanted} names. Give them all.")
        elif outcome.status == "ambiguous":
            output_fn(render.which_one(outcome.match))
        else:
            tries += 1
            if tries >= MAX_TRIES:
                game.close("timeout", clock())
                output_fn("Out of tries.")
            else:
                output_fn(f"Not quite ({MAX_TRIES - tries} {'try' if MAX_TRIES - tries == 1 else 'tries'} left).")
    return False
