"""``plm-trivia quiz daily [--date YYYY-MM-DD]``: that day's daily question, played offline.

The console is its own "server" (id 0) with no history, so a date always gives the same
question. One answer counts, as in Discord: a letter picks an option, anything else is
judged as typed; an ambiguous name asks again. Then the reveal, as the server would see it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.knowledge import KnowledgeBase
from bot.quiz import daily
from bot.quiz.matching import Matcher
from bot.quiz.questions import question_pool
from bot.quiz.render import option_lines

CONSOLE_GUILD = 0
_QUIT = {"quit", "q", "exit"}


def play_daily(
    kb: KnowledgeBase,
    day: dt.date | None = None,
    input_fn: Callable[[str], str] = input,
    output_fn: Callable[[str], object] = print,
) -> int:
    """Ask ``day``'s question (default: today, UTC) and judge one answer; returns the exit code."""
    day = day or dt.datetime.now(dt.UTC).date()
    question = daily.daily_question(question_pool(kb), CONSOLE_GUILD, day)
    output_fn(f"Daily question for {day:%A %d %B %Y} · {question.difficulty} · {question.category}")
    output_fn(question.prompt)
    for line in option_lines(question):
        output_fn(line)
    output_fn("One answer: a letter, or type it (quit to leave).")
    matcher = Matcher(kb)
    while True:
        try:
            line = input_fn("> ").strip()
        except (EOFError, KeyboardInterrupt):
            output_fn("")
            line = "quit"
        if line.casefold() in _QUIT:
            output_fn(f"Answer: {question.answer}")
            return 0
        ruling = daily.rule_answer(question, line, matcher)
        if ruling.record:
            break
        if ruling.reason == "ambiguous":
            output_fn("More than one person or team goes by that name: be more specific.")
        # an empty line just asks again
    output_fn("Right!" if ruling.correct else "Not right.")
    output_fn(f"Answer: {question.answer}")
    output_fn(daily.first_sentence(question.fact))
    return 0


def parse_date(text: str) -> dt.date:
    """``--date`` as YYYY-MM-DD, for argparse (its error names the format)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date: write YYYY-MM-DD") from None


__all__ = ["CONSOLE_GUILD", "parse_date", "play_daily"]
