"""The console game: typed answers, hint, skip, quit, and the final standings every time."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterable

import pytest

from bot.frontends.console.quiz import play
from bot.knowledge import KnowledgeBase
from bot.quiz.model import Question
from bot.quiz.questions import question_pool


class Script:
    """Feeds typed lines; records everything printed."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = list(lines)
        self.out: list[str] = []
        self.prompts = 0

    def input(self, prompt: str) -> str:
        self.prompts += 1
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)

    def print(self, text: str = "") -> None:
        self.out.append(text)

    @property
    def text(self) -> str:
        return "\n".join(self.out)


def right_answers(kb: KnowledgeBase, rounds: int, seed: int) -> list[str]:
    return [q.options[q.correct] for q in question_pool(kb).draw(rounds, seed=seed)]


def test_a_perfect_game(kb: KnowledgeBase) -> None:
    script = Script(right_answers(kb, 5, seed=11))
    assert play(kb, rounds=5, seed=11, input_fn=script.input, output_fn=script.print) == 0
    assert script.text.count("Correct!") == 5
    assert "Game over. Final standings:" in script.text
    assert "1. You:" in script.text and "(5 correct" in script.text
    assert "Winner: You" in script.text
    assert "5 of 5 rounds played." in script.text


def test_same_seed_same_game(kb: KnowledgeBase) -> None:
    one, two = Script(["skip"] * 3), Script(["skip"] * 3)
    play(kb, rounds=3, seed=5, input_fn=one.input, output_fn=one.print)
    play(kb, rounds=3, seed=5, input_fn=two.input, output_fn=two.print)
    assert one.out == two.out


def test_hint_skip_and_wrong_tries(kb: KnowledgeBase) -> None:
    questions = question_pool(kb).draw(2, seed=3, difficulty="hard")
    script = Script(["hint", "definitely not this", "skip", "", "no idea", "nope", "still no"])
    play(kb, rounds=2, seed=3, difficulty="hard", input_fn=script.input, output_fn=script.print)
    text = script.text
    assert "Hint:" in text or "No more hints" in text
    assert "Skipped." in text
    assert "Out of tries." in text
    assert f"Answer: {questions[0].answer}" in text and f"Answer: {questions[1].answer}" in text
    assert "Nobody scored this time: no winner." in text


def test_quit_still_shows_standings_and_the_answer(kb: KnowledgeBase) -> None:
    first = question_pool(kb).draw(4, seed=8)
    script = Script([first[0].options[first[0].correct], "quit"])
    assert play(kb, rounds=4, seed=8, input_fn=script.input, output_fn=script.print) == 0
    assert "Game stopped. Final standings:" in script.text
    assert f"Answer: {first[1].answer}" in script.text  # the question left open is revealed
    assert "2 of 4 rounds played." in script.text
    assert "Winner: You" in script.text


def test_end_of_input_quits_cleanly(kb: KnowledgeBase) -> None:
    script = Script([])
    assert play(kb, rounds=3, seed=1, input_fn=script.input, output_fn=script.print) == 0
    assert "Final standings" in script.text


def test_bad_arguments(kb: KnowledgeBase) -> None:
    script = Script([])
    assert play(kb, rounds=3, difficulty="insane", input_fn=script.input, output_fn=script.print) == 2
    assert play(kb, rounds=0, input_fn=script.input, output_fn=script.print) == 2
    assert script.prompts == 0


def test_multiple_choice_in_the_console_shows_lettered_options(kb: KnowledgeBase) -> None:
    for seed in range(60):
        questions = question_pool(kb).draw(1, seed=seed, difficulty="easy", category="winners")
        if questions[0].options_in_prompt:
            break
    else:  # pragma: no cover - the bank always has "which of these" questions
        raise AssertionError("no multiple-choice question drawn")
    letter = "abcd"[questions[0].correct]
    script = Script([letter])
    play(kb, rounds=1, seed=seed, difficulty="easy", category="winners", input_fn=script.input, output_fn=script.print)
    assert "A) " in script.text and "Correct!" in script.text


def test_the_newer_formats_play_in_the_console(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    bank = question_pool(kb)
    rng = random.Random(4)
    pick = {t: next(b for b in bank.blueprints if b.template == t).realize(rng)
            for t in ("who-am-i", "order-three", "higher-lower", "odd-one-out", "which-first")}  # fmt: skip
    ladder, order, higher_lower, odd, first = pick.values()

    class Fixed:
        def draw(self, *args: object, **kwargs: object) -> list[Question]:
            return list(pick.values())

    monkeypatch.setattr(sys.modules["bot.quiz.start"], "question_pool", lambda kb: Fixed())
    assert order.spec.entity_kind
    names = [kb.name(order.spec.entity_kind, i) for i in order.spec.order]
    typed = [
        "hint", "hint", ladder.answer,  # two more clues, then the name
        ", ".join(reversed(names)), " ".join(names),  # the wrong order, then the right one without commas
        "lower" if higher_lower.correct == 0 else "higher", higher_lower.options[higher_lower.correct],
        "ABCD"[odd.correct],  # the odd one out by its letter
        first.answer,
    ]  # fmt: skip
    script = Script(typed)
    assert play(kb, rounds=5, input_fn=script.input, output_fn=script.print) == 0
    assert ladder.prompt in script.text and ladder.clues[0] in script.text and ladder.clues[1] in script.text
    assert "type hint for the next clue" in script.text
    assert script.text.count("Correct!") == 5 and script.text.count("Not quite") == 2
    assert "(less for hints)" in script.text  # the ladder's clues cost points
    assert odd.prompt in script.text and f"{'ABCD'[odd.correct]}) {odd.answer}" in script.text
