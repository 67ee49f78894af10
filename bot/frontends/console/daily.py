"""``plm-trivia quiz daily [--date YYYY-MM-DD] [--database-url URL]``: that day's daily question.

The console is its own "server" (id 0). Without a database (no ``--database-url``, no
``DATABASE_URL``) it has no history, so a date always gives the same question. With one
it keeps the day's post and answer in the daily store, as Discord does (the same tables
on SQLite or PostgreSQL): the console's last questions are not chosen again, and a day
answered once shows the answer that stands. One answer counts: a letter picks an option,
anything else is judged as typed; an ambiguous name asks again. Then the reveal.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable

from bot.knowledge import KnowledgeBase
from bot.quiz import daily
from bot.quiz.matching import Matcher
from bot.quiz.model import Question
from bot.quiz.questions import QuestionPool, question_pool
from bot.quiz.render import LETTERS, option_lines
from bot.store.daily import DailyAnswer, DailyPost, DailyStore

CONSOLE_GUILD = 0
CONSOLE_USER = 0
_QUIT = {"quit", "q", "exit"}
Record = Callable[[daily.Ruling, "int | None"], None]


def play_daily(
    kb: KnowledgeBase,
    day: dt.date | None = None,
    input_fn: Callable[[str], str] = input,
    output_fn: Callable[[str], object] = print,
    database: str | None = None,
) -> int:
    """Ask ``day``'s question (default: today, UTC) and judge one answer; returns the exit code.

    ``database`` (a SQLite path or ``postgresql://`` URL) keeps the post and the answer.
    """
    now = dt.datetime.now(dt.UTC)
    day = day or now.date()
    pool = question_pool(kb)
    if database is None:
        return _play(kb, day, daily.daily_question(pool, CONSOLE_GUILD, day), input_fn, output_fn)
    from bot.store.daily_store import SQLDailyStore

    with asyncio.Runner() as runner:  # one loop for the store's calls; input() stays a plain call
        store = runner.run(SQLDailyStore.open(database, pool_size=1))
        try:
            question = runner.run(_todays_question(store, pool, day, now))
            standing = runner.run(store.answer(CONSOLE_GUILD, day, CONSOLE_USER))
            if standing is not None:
                _header(day, question, output_fn)
                output_fn(f"Already answered on this day ({_said(standing.option)}):")
                _reveal(question, standing.correct, output_fn)
                return 0

            def record(ruling: daily.Ruling, option: int | None) -> None:
                at = dt.datetime.now(dt.UTC)
                answer = DailyAnswer(CONSOLE_GUILD, day, CONSOLE_USER, "console", option, ruling.correct, at)
                runner.run(store.record_answer(answer))

            return _play(kb, day, question, input_fn, output_fn, record)
        finally:
            runner.run(store.close())


async def _todays_question(store: DailyStore, pool: QuestionPool, day: dt.date, now: dt.datetime) -> Question:
    """The console's post for ``day``: the stored one, else a new one claimed now (not a recent question)."""
    post = await store.post(CONSOLE_GUILD, day)
    if post is None:
        question = daily.daily_question(pool, CONSOLE_GUILD, day, await store.recent_keys(CONSOLE_GUILD))
        await store.claim_post(
            DailyPost(CONSOLE_GUILD, day, 0, question.key, question.prompt, question.options, question.correct,
                      question.answer, question.fact, now)
        )  # fmt: skip
        post = await store.post(CONSOLE_GUILD, day)  # ours, or the one a simultaneous run claimed first
        assert post is not None
    return daily.realize(pool, post.question_key, CONSOLE_GUILD, day)


def _said(option: int | None) -> str:
    return f"option {LETTERS[option]}" if option is not None else "typed"


def _header(day: dt.date, question: Question, output_fn: Callable[[str], object]) -> None:
    output_fn(f"Daily question for {day:%A %d %B %Y} · {question.difficulty} · {question.category}")
    output_fn(question.prompt)
    for line in option_lines(question):
        output_fn(line)


def _play(
    kb: KnowledgeBase,
    day: dt.date,
    question: Question,
    input_fn: Callable[[str], str],
    output_fn: Callable[[str], object],
    record: Record | None = None,
) -> int:
    _header(day, question, output_fn)
    output_fn("One answer: a letter, or type it (quit to leave).")
    matcher = Matcher(kb)
    while True:
        try:
            line = input_fn("> ").strip()
        except (EOFError, KeyboardInterrupt):
            output_fn("")
            line = "quit"
        if line.casefold() in _QUIT:  # kept answers: the answer stays hidden until one is given
            output_fn("No answer given: the day is still open." if record else f"Answer: {question.answer}")
            return 0
        ruling = daily.rule_answer(question, line, matcher)
        if ruling.record:
            break
        if ruling.reason == "ambiguous":
            output_fn("More than one person or team goes by that name: be more specific.")
        # an empty line just asks again
    if record is not None:
        record(ruling, LETTERS.index(line.upper()) if ruling.reason == "button" else None)
    _reveal(question, ruling.correct, output_fn)
    return 0


def _reveal(question: Question, correct: bool, output_fn: Callable[[str], object]) -> None:
    output_fn("Right!" if correct else "Not right.")
    output_fn(f"Answer: {question.answer}")
    output_fn(daily.first_sentence(question.fact))


def parse_date(text: str) -> dt.date:
    """``--date`` as YYYY-MM-DD, for argparse (its error names the format)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date: write YYYY-MM-DD") from None


__all__ = ["CONSOLE_GUILD", "CONSOLE_USER", "parse_date", "play_daily"]
