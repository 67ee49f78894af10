"""``plm-trivia quiz daily``: a day's question offline, one answer, then the reveal."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from bot.frontends.console.cli import main
from bot.frontends.console.daily import CONSOLE_GUILD, play_daily
from bot.knowledge import KnowledgeBase
from bot.quiz import daily
from bot.quiz.matching import Judgement, Matcher, Verdict
from bot.quiz.model import Question
from bot.quiz.questions import question_pool
from bot.quiz.render import LETTERS

DAY = dt.date(2026, 10, 3)


class Script:
    """Feeds typed lines; records everything printed."""

    def __init__(self, lines: list[str]) -> None:
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


def the_question(kb: KnowledgeBase, day: dt.date = DAY) -> Question:
    return daily.daily_question(question_pool(kb), CONSOLE_GUILD, day)


def test_a_date_always_gives_the_same_question(kb: KnowledgeBase) -> None:
    one, two = Script(["quit"]), Script(["quit"])
    play_daily(kb, DAY, one.input, one.print)
    play_daily(kb, DAY, two.input, two.print)
    assert one.out == two.out
    assert one.out[0].startswith("Daily question for Saturday 03 October 2026")
    assert the_question(kb).prompt in one.out


def test_a_letter_picks_an_option_and_the_reveal_follows(kb: KnowledgeBase) -> None:
    question = the_question(kb)
    script = Script([LETTERS[question.correct].lower()])
    assert play_daily(kb, DAY, script.input, script.print) == 0
    assert script.out[-3:] == ["Right!", f"Answer: {question.answer}", daily.first_sentence(question.fact)]


def test_one_typed_answer_counts(kb: KnowledgeBase) -> None:
    question = the_question(kb)
    wrong = question.options[(question.correct + 1) % len(question.options)]
    script = Script([wrong, question.correct_option])
    play_daily(kb, DAY, script.input, script.print)
    assert "Not right." in script.out and "Right!" not in script.out
    assert script.prompts == 1  # the second line is never read


def test_an_ambiguous_name_asks_again(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    question = the_question(kb)
    real = Matcher.check

    def check(self: Matcher, q: Question, text: str) -> Judgement:
        return Judgement(Verdict.AMBIGUOUS) if text == "Taylor" else real(self, q, text)

    monkeypatch.setattr(Matcher, "check", check)
    script = Script(["Taylor", "", question.correct_option])
    play_daily(kb, DAY, script.input, script.print)
    assert any("more specific" in line for line in script.out)
    assert "Right!" in script.out


def test_the_command_line(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("quit\n"))
    assert main(["quiz", "daily", "--date", "2026-10-03"]) == 0
    assert capsys.readouterr().out.startswith("Daily question for Saturday 03 October 2026")
    with pytest.raises(SystemExit) as exit_:
        main(["quiz", "daily", "--date", "3 October"])
    assert exit_.value.code == 2
    assert "write YYYY-MM-DD" in capsys.readouterr().err
