"""The daily question: which question a guild gets on a day, when its day runs, the rules.

Pure logic (no I/O, no clock of its own): the store keeps the state and the front end
calls these with the time it was given, so a test can move a day forward by hand.

- A guild's *day* runs from its post time (HH:MM, UTC) to the next day's post time and
  is named by the date it starts on.
- The question is chosen from the quiz pool by a hash of the guild id and the date, so
  a restart (or a second process) chooses the same one; a guild's recent daily questions
  are left out while others remain.
- A post time missed while the bot was down is made up late, once, while at least
  :data:`LATE_LIMIT` of the day is left; a day that started before the daily question was
  set up is never posted.
- One answer per member per day: the first one that says something is judged and
  stands; an ambiguous name or an empty answer asks again and is not recorded.
- A member's daily streak is the run of the guild's posted days, newest first, they got
  right: a day without a post neither breaks nor extends it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.quiz.matching import Judgement, Matcher, Verdict
from bot.quiz.model import Question
from bot.quiz.questions import QuestionPool
from bot.quiz.render import LETTERS

UTC = dt.UTC
DAY = dt.timedelta(days=1)
#: A post made up after downtime still leaves at least half a day to answer.
LATE_LIMIT = dt.timedelta(hours=12)
#: How many of a guild's latest daily questions are not chosen again (the pool has hundreds).
RECENT = 365

_TIME = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*$")


def parse_time(text: str) -> dt.time:
    """``"08:30"`` (also ``"8:30"``, ``"08.30"``) → 08:30 UTC; :class:`ValueError` with a readable message."""
    match = _TIME.match(text or "")
    if match is None:
        raise ValueError(f"{text!r} is not a time: write it as HH:MM in UTC, for example 18:00.")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueError(f"{text!r} is not a time of day: hours go from 00 to 23, minutes from 00 to 59.")
    return dt.time(hour, minute, tzinfo=UTC)


def format_time(at: dt.time) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the daily question runs on UTC-aware times")
    return moment.astimezone(UTC)


def day_start(day: dt.date, at: dt.time) -> dt.datetime:
    """When ``day``'s question is posted."""
    return dt.datetime(day.year, day.month, day.day, at.hour, at.minute, tzinfo=UTC)


def day_end(day: dt.date, at: dt.time) -> dt.datetime:
    """When ``day``'s question is revealed: the next day's post time."""
    return day_start(day, at) + DAY


def day_of(now: dt.datetime, at: dt.time) -> dt.date:
    """The day running at ``now``: today after the post time, else yesterday."""
    now = _utc(now)
    today = now.date()
    return today if now >= day_start(today, at) else today - DAY


def post_due(now: dt.datetime, at: dt.time, since: dt.datetime) -> dt.date | None:
    """The day whose question should be up at ``now`` (if it is not yet), or None.

    ``since`` is when the guild set the daily question up: a day that began before it is
    not posted (setting "08:00" at 09:00 waits for tomorrow). A day more than
    :data:`LATE_LIMIT` old is skipped rather than posted with hardly any time to answer.
    """
    day = day_of(now, at)
    start = day_start(day, at)
    if start < _utc(since).replace(second=0, microsecond=0):
        return None
    if _utc(now) - start > LATE_LIMIT:
        return None
    return day


def next_post(now: dt.datetime, at: dt.time) -> dt.datetime:
    """The next post time from ``now`` (the current minute counts, as in :func:`post_due`)."""
    now = _utc(now).replace(second=0, microsecond=0)
    start = day_start(now.date(), at)
    return start if start >= now else start + DAY


def reveal_due(day: dt.date, now: dt.datetime, at: dt.time | None) -> bool:
    """Whether ``day``'s question should be revealed at ``now``; ``at`` None: turned off, reveal now."""
    return at is None or day_of(now, at) > day


def seed_for(guild_id: int, day: dt.date) -> int:
    """A stable seed from the guild and the date (Python's ``hash`` changes per process)."""
    digest = hashlib.sha256(f"plm-daily:{guild_id}:{day.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def choose_key(keys: Iterable[str], guild_id: int, day: dt.date, recent: Collection[str] = ()) -> str:
    """The question key for ``guild_id`` on ``day``: the same for the same inputs, never a recent one
    while any other is left. Raises :class:`ValueError` on an empty pool."""
    ordered = sorted(set(keys))
    if not ordered:
        raise ValueError("no questions to choose from")
    fresh = [k for k in ordered if k not in recent] or ordered
    return fresh[random.Random(seed_for(guild_id, day)).randrange(len(fresh))]


def daily_question(pool: QuestionPool, guild_id: int, day: dt.date, recent: Collection[str] = ()) -> Question:
    """``day``'s question for ``guild_id``, with its options drawn from the same seed."""
    key = choose_key(pool.by_key, guild_id, day, recent)
    return realize(pool, key, guild_id, day)


def realize(pool: QuestionPool, key: str, guild_id: int, day: dt.date) -> Question:
    """The question ``key`` as ``guild_id`` saw it on ``day`` (raises KeyError when it left the pool).

    The daily question has no hints, so a clue ladder ("who am I") shows every clue at once.
    """
    return pool.by_key[key].realize(random.Random(seed_for(guild_id, day))).at_once()


_ABBREVIATIONS = frozenset({"jr", "sr", "st", "dr", "mr", "mrs", "no", "vs", "approx"})
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z0-9\"'(])")


def first_sentence(text: str) -> str:
    """The first sentence of a reveal: the daily reveal is one line of fact, not a paragraph."""
    text = " ".join(text.split())
    for match in _SENTENCE_END.finditer(text):
        word = text[: match.start()].rsplit(" ", 1)[-1].casefold()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue  # "Jr. Olivier", "J. Smith": not an end
        return text[: match.end()]
    return text


@dataclass(frozen=True, slots=True)
class Ruling:
    """What an answer does: ``record`` it (it is final) as right or wrong, or ask again."""

    record: bool
    correct: bool = False
    reason: str = ""


def rule_typed(judgement: Judgement) -> Ruling:
    """A typed answer: right or wrong stands; an ambiguous name or nothing at all asks again.

    A partial crew is final and wrong: with one answer a day, "partly right" would let a
    member probe names one by one.
    """
    if judgement.verdict is Verdict.CORRECT:
        return Ruling(record=True, correct=True, reason="correct")
    if judgement.verdict is Verdict.AMBIGUOUS:
        return Ruling(record=False, reason="ambiguous")
    if judgement.verdict is Verdict.EMPTY:
        return Ruling(record=False, reason="empty")
    return Ruling(record=True, correct=False, reason="partial" if judgement.verdict is Verdict.PARTIAL else "wrong")


def rule_answer(question: Question, text: str, matcher: Matcher) -> Ruling:
    """A typed answer to a question shown with lettered options: a lone letter picks that option
    (as its button would), anything else is judged by ``matcher``."""
    letter = text.strip().upper()
    if len(letter) == 1 and letter in LETTERS[: len(question.options)]:
        return rule_button(question, LETTERS.index(letter))
    return rule_typed(matcher.check(question, text))


def rule_button(question: Question | int, option: int) -> Ruling:
    """A button: always final. ``question`` is the question or the index of its right option."""
    correct = question if isinstance(question, int) else question.correct
    return Ruling(record=True, correct=option == correct, reason="button")


def streak(posted: Sequence[dt.date], right: Collection[dt.date], through: dt.date | None = None) -> int:
    """Consecutive posted days, counting back from ``through`` (default: the latest), that are in ``right``."""
    days = sorted(d for d in set(posted) if through is None or d <= through)
    count = 0
    for day in reversed(days):
        if day not in right:
            break
        count += 1
    return count


def streaks(
    posted: Sequence[dt.date], right_days: Mapping[int, Collection[dt.date]], through: dt.date | None = None
) -> dict[int, int]:
    """Every member's streak (see :func:`streak`); members with none are left out."""
    out = {member: streak(posted, days, through) for member, days in right_days.items()}
    return {member: n for member, n in out.items() if n}


__all__ = [
    "LATE_LIMIT",
    "RECENT",
    "Ruling",
    "choose_key",
    "daily_question",
    "day_end",
    "day_of",
    "day_start",
    "first_sentence",
    "format_time",
    "next_post",
    "parse_time",
    "post_due",
    "realize",
    "reveal_due",
    "rule_answer",
    "rule_button",
    "rule_typed",
    "seed_for",
    "streak",
    "streaks",
]
