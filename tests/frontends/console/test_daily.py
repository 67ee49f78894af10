"""``plm-trivia quiz daily``: a day's question offline, one answer, then the reveal."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from pathlib import Path

import pytest

from bot.frontends.console.cli import main
from bot.frontends.console.daily import CONSOLE_GUILD, CONSOLE_USER, play_daily
from bot.knowledge import KnowledgeBase
from bot.quiz import daily
from bot.quiz.matching import Judgement, Matcher, Verdict
from bot.quiz.model import Question
from bot.quiz.questions import question_pool
from bot.quiz.render import LETTERS
from bot.store.daily import DailyAnswer, DailyPost
from bot.store.daily_store import SQLDailyStore

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
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("quit\n"))
    assert main(["quiz", "daily", "--date", "2026-10-03"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Daily question for Saturday 03 October 2026") and "Answer: " in out  # nothing kept
    with pytest.raises(SystemExit) as exit_:
        main(["quiz", "daily", "--date", "3 October"])
    assert exit_.value.code == 2
    assert "write YYYY-MM-DD" in capsys.readouterr().err


async def _stored(url: str, day: dt.date = DAY) -> tuple[DailyPost | None, DailyAnswer | None]:
    store = await SQLDailyStore.open(url)
    try:
        return await store.post(CONSOLE_GUILD, day), await store.answer(CONSOLE_GUILD, day, CONSOLE_USER)
    finally:
        await store.close()


async def _claim(url: str, kb: KnowledgeBase, key: str) -> None:
    store = await SQLDailyStore.open(url)
    try:
        q = daily.realize(question_pool(kb), key, CONSOLE_GUILD, DAY)
        posted = dt.datetime.combine(DAY, dt.time(9, tzinfo=dt.UTC))
        post = DailyPost(CONSOLE_GUILD, DAY, 0, key, q.prompt, q.options, q.correct, q.answer, q.fact, posted)
        assert await store.claim_post(post)
    finally:
        await store.close()


def test_with_a_database_the_answer_is_kept_and_stands(kb: KnowledgeBase, database_url: str) -> None:
    question = the_question(kb)
    wrong = LETTERS[(question.correct + 1) % len(question.options)]
    first = Script([wrong.lower()])
    assert play_daily(kb, DAY, first.input, first.print, database=database_url) == 0
    assert "Not right." in first.out
    post, answer = asyncio.run(_stored(database_url))
    assert post is not None and post.question_key == question.key
    assert answer is not None and answer.option == LETTERS.index(wrong) and not answer.correct

    again = Script([LETTERS[question.correct]])  # the right letter, too late
    play_daily(kb, DAY, again.input, again.print, database=database_url)
    assert again.prompts == 0 and f"Already answered on this day (option {wrong}):" in again.out
    assert "Not right." in again.out and "Right!" not in again.out


def test_with_a_database_the_stored_question_is_asked(kb: KnowledgeBase, database_url: str) -> None:
    other = next(k for k in sorted(question_pool(kb).by_key) if k != the_question(kb).key)
    asyncio.run(_claim(database_url, kb, other))  # the day was posted already (by another run)
    script = Script(["quit"])
    play_daily(kb, DAY, script.input, script.print, database=database_url)
    assert daily.realize(question_pool(kb), other, CONSOLE_GUILD, DAY).prompt in script.out
    assert script.out[-1] == "No answer given: the day is still open."  # the answer is not shown
    assert asyncio.run(_stored(database_url))[1] is None


def test_the_command_line_keeps_answers_in_the_database_url(
    kb: KnowledgeBase, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    url = f"sqlite:///{tmp_path}/console.sqlite3"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr("sys.stdin", io.StringIO("a\n"))
    assert main(["quiz", "daily", "--date", DAY.isoformat()]) == 0
    assert asyncio.run(_stored(url))[1] is not None
    monkeypatch.setattr("sys.stdin", io.StringIO("b\n"))
    assert main(["quiz", "daily", "--date", DAY.isoformat()]) == 0
    assert "Already answered on this day (option A):" in capsys.readouterr().out
