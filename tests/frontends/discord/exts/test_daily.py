"""/daily end to end, through the local stand-in for Discord's HTTP API.

The cog's clock is a plain attribute the tests set; the scheduler's work is
:meth:`DailyCog.tick`, which the tests call at the moments they choose, so no test sleeps.
"""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from support.discord_fixtures import ADMIN, MEMBER, OTHER, BotFactory
from support.fake_discord import CHANNEL_ID, GUILD_ID, Actor, DiscordHarness, FakeDiscord, iter_components

from bot.quiz import daily
from bot.quiz.questions import question_pool

MANAGE_GUILD = 1 << 5
SERVER_ADMIN = Actor(id=200000000000000077, name="server-admin", permissions=MANAGE_GUILD)
THIRD = Actor(id=200000000000000003, name="third-fan")
UTC = dt.UTC
DAY1 = dt.date(2026, 10, 3)
DAY2 = DAY1 + dt.timedelta(days=1)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
async def make_harness(
    fake_discord: FakeDiscord, bot_factory: BotFactory, tmp_path: Path
) -> AsyncIterator[Callable[..., Any]]:
    async def make(now: dt.datetime | None = None, **settings: Any) -> DiscordHarness:
        settings.setdefault("database_path", tmp_path / "quiz.sqlite3")
        harness = DiscordHarness(bot_factory(**settings), fake_discord)
        harness.user = MEMBER
        await harness.login()
        daily_cog(harness).now = Clock(now or at(DAY1, 9))
        return harness

    yield make


@pytest.fixture
async def harness(make_harness: Callable[..., Any]) -> DiscordHarness:
    return await make_harness()


def daily_cog(harness: DiscordHarness) -> Any:
    bot: Any = harness.bot
    cog = bot.get_cog("Daily")
    assert cog is not None and type(cog).__name__ == "DailyCog"
    return cog


async def tick(harness: DiscordHarness, now: dt.datetime) -> None:
    cog = daily_cog(harness)
    cog.now.now = now
    await cog.tick()


def posts(fake: FakeDiscord, title: str) -> list[dict[str, Any]]:
    """The bot's channel messages whose embed title starts with ``title``, as they now stand."""
    found = [fake.stored_messages[r.message_id] for r in fake.requests if r.route == "channel_message" and r.message_id]
    return [m for m in found if m["embeds"] and m["embeds"][0].get("title", "").startswith(title)]


def questions(fake: FakeDiscord) -> list[dict[str, Any]]:
    return [m for m in posts(fake, "Daily question") if not m["embeds"][0]["title"].endswith("· answer")]


def reveals(fake: FakeDiscord) -> list[dict[str, Any]]:
    return [m for m in posts(fake, "Daily question") if m["embeds"][0]["title"].endswith("· answer")]


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in iter_components(message) if c["type"] == 2]


def said(exchange: Any) -> str:
    return exchange.text()


async def set_up(harness: DiscordHarness, time: str = "18:00") -> Any:
    done = await harness.command("daily set", user=SERVER_ADMIN, time=time)
    assert done.ephemeral and done.embed["title"] == "Daily question set"
    return done


def todays_question(harness: DiscordHarness, day: dt.date) -> Any:
    return daily.daily_question(question_pool(harness.bot.service.kb), GUILD_ID, day)  # type: ignore[attr-defined]


async def test_schema(harness: DiscordHarness) -> None:
    command = next(c for c in harness.fake.schema() if c["name"] == "daily")
    assert command["contexts"] == [0] and command["integration_types"] == [0]  # servers only
    subs = {o["name"]: o for o in command["options"]}
    assert set(subs) == {"set", "off", "show", "answer"}
    options = {o["name"]: o for o in subs["set"]["options"]}
    assert options["time"]["required"] and options["time"]["type"] == 3
    assert not options["channel"].get("required") and options["channel"]["type"] == 7
    assert options["channel"]["channel_types"] == [0, 5]  # text and announcement channels
    assert subs["answer"]["options"][0]["required"]


async def test_members_without_manage_server_are_refused(harness: DiscordHarness) -> None:
    for path, options in (("daily set", {"time": "18:00"}), ("daily off", {})):
        refused = await harness.command(path, user=MEMBER, **options)
        assert refused.ephemeral and refused.embed["title"] == "Not allowed"
        assert "Manage Server" in refused.embed["description"]
    assert await (await daily_cog(harness).store()).config(GUILD_ID) is None
    operator = await harness.command("daily set", user=ADMIN, time="18:00")  # ADMIN_IDS may too
    assert operator.embed["title"] == "Daily question set"


async def test_a_bad_time_is_explained(harness: DiscordHarness) -> None:
    bad = await harness.command("daily set", user=SERVER_ADMIN, time="6pm")
    assert bad.ephemeral and bad.embed["title"] == "Not a time" and "HH:MM" in bad.embed["description"]


async def test_a_whole_day_set_post_answer_reveal(harness: DiscordHarness) -> None:
    fake = harness.fake
    done = await set_up(harness)
    assert f"<#{CHANNEL_ID}>" in done.embed["description"] and "18:00 UTC" in done.embed["description"]

    await tick(harness, at(DAY1, 17, 59))
    assert questions(fake) == []
    await tick(harness, at(DAY1, 18))
    await tick(harness, at(DAY1, 18, 1))  # ticks after the post do not post again
    [message] = questions(fake)
    question = todays_question(harness, DAY1)
    assert question.prompt[:40] in message["embeds"][0]["description"]
    shown = buttons(message)
    assert [b["label"][:2] for b in shown] == ["A)", "B)", "C)", "D)"][: len(question.options)]
    right = shown[question.correct]["custom_id"]
    wrong = shown[(question.correct + 1) % len(shown)]["custom_id"]

    picked = await harness.click(message, right, user=MEMBER)
    assert picked.ephemeral and picked.embed["title"] == "Right!"
    again = await harness.click(message, wrong, user=MEMBER)
    assert again.ephemeral and again.embed["title"] == "Already answered"
    typed_wrong = question.options[(question.correct + 1) % len(question.options)]
    missed = await harness.command("daily answer", user=OTHER, answer=typed_wrong)
    assert missed.ephemeral and missed.embed["title"] == "Not right"
    assert question.correct_option not in said(missed)  # the answer is not given away
    typed = await harness.command("daily answer", user=THIRD, answer=question.correct_option)
    assert typed.ephemeral and typed.embed["title"] == "Right!"
    assert len(posts(fake, "")) == 1  # answering posts nothing in the channel

    as_seen = copy.deepcopy(message)  # a member's screen, not yet updated when the day ends
    await tick(harness, at(DAY2, 17, 59))
    assert reveals(fake) == []
    await tick(harness, at(DAY2, 18))
    [reveal] = reveals(fake)
    text = reveal["embeds"][0]["description"]
    assert f"Answer: {question.answer}" in text
    assert daily.first_sentence(question.fact) in text
    assert "3 answered, 2 got it right." in text
    streaks = reveal["embeds"][0]["fields"][0]
    assert streaks["name"] == "Daily streaks" and "Racefan" in streaks["value"] and "Third-Fan" in streaks["value"]
    assert "Someone-Else" not in streaks["value"]
    assert str(reveal.get("message_reference", {}).get("message_id")) == message["id"]  # a reply to the question
    closed = buttons(fake.stored_messages[int(message["id"])])
    assert all(b.get("disabled") for b in closed) and closed[question.correct]["style"] == 3

    assert len(questions(fake)) == 2  # the next day's question follows the reveal
    late = await harness.click(as_seen, wrong, user=OTHER)
    assert late.ephemeral and late.embed["title"] == "Closed"


async def test_streaks_count_consecutive_days_right(harness: DiscordHarness) -> None:
    await set_up(harness)
    for n in range(3):
        day = DAY1 + dt.timedelta(days=n)
        await tick(harness, at(day, 18))
        message = questions(harness.fake)[-1]
        question = todays_question(harness, day)
        await harness.click(message, buttons(message)[question.correct]["custom_id"], user=MEMBER)
        choice = question.correct if n != 1 else (question.correct + 1) % len(question.options)
        await harness.click(message, buttons(message)[choice]["custom_id"], user=OTHER)
    await tick(harness, at(DAY1 + dt.timedelta(days=3), 18))
    field = reveals(harness.fake)[-1]["embeds"][0]["fields"][0]["value"]
    assert "**Racefan**: 3 days in a row" in field
    assert "**Someone-Else**: 1 day" in field


async def test_a_restart_mid_day_keeps_answers_and_still_reveals(make_harness: Callable[..., Any]) -> None:
    first = await make_harness()
    await set_up(first)
    await tick(first, at(DAY1, 18))
    [message] = questions(first.fake)
    question = todays_question(first, DAY1)
    await first.click(message, buttons(message)[question.correct]["custom_id"], user=MEMBER)
    await first.bot.close()  # the process goes away mid-day

    second = await make_harness(now=at(DAY1, 20))
    await tick(second, at(DAY1, 20))
    assert len(questions(second.fake)) == 1  # not posted again
    again = await second.click(message, buttons(message)[question.correct]["custom_id"], user=MEMBER)
    assert again.embed["title"] == "Already answered"  # the answer survived, and old buttons still work
    other = await second.click(message, buttons(message)[question.correct]["custom_id"], user=OTHER)
    assert other.embed["title"] == "Right!"
    await tick(second, at(DAY2, 18))
    [reveal] = reveals(second.fake)
    assert "2 answered, 2 got it right." in reveal["embeds"][0]["description"]


async def test_a_post_time_missed_while_down_is_posted_late_once(make_harness: Callable[..., Any]) -> None:
    first = await make_harness()
    await set_up(first)
    await first.bot.close()  # down over 18:00

    second = await make_harness(now=at(DAY1, 21))
    await tick(second, at(DAY1, 21))  # three hours late: still most of the day to answer
    await tick(second, at(DAY1, 21, 1))
    assert len(questions(second.fake)) == 1
    await second.bot.close()
    third = await make_harness(now=at(DAY1, 22))
    await tick(third, at(DAY1, 22))
    assert len(questions(third.fake)) == 1  # never twice, whichever process ticks

    # Down from before the reveal until late the next night: the reveal comes late, and a
    # question with under half a day left is skipped (the next one comes at 18:00).
    await tick(third, at(DAY2, 18) + daily.LATE_LIMIT + dt.timedelta(minutes=5))
    assert len(reveals(third.fake)) == 1 and len(questions(third.fake)) == 1


async def test_two_processes_ticking_at_once_post_once(
    make_harness: Callable[..., Any], database_url: str, tmp_path: Path
) -> None:
    """Both backends, chosen as the bot chooses (``DATABASE_URL``): one post, one answer, one reveal."""
    where = {"database_url": database_url} if database_url.startswith("postgresql") else {"database_path": database_url}
    one, two = await make_harness(**where), await make_harness(**where)  # two bots, one database (a fail-over)
    for harness in (one, two):
        await daily_cog(harness).store()  # opened first: a connection pool's tasks are not a command's work
    await set_up(one)
    for harness in (one, two):
        daily_cog(harness).now.now = at(DAY1, 18)
    await asyncio.gather(daily_cog(one).tick(), daily_cog(two).tick(), daily_cog(one).tick())
    [message] = questions(one.fake)
    right = buttons(message)[todays_question(one, DAY1).correct]["custom_id"]
    assert (await one.click(message, right, user=MEMBER)).embed["title"] == "Right!"
    assert (await two.click(message, right, user=MEMBER)).embed["title"] == "Already answered"
    if "database_url" in where:  # PostgreSQL: no SQLite file of the daily question's own
        assert not (tmp_path / "quiz.sqlite3").exists()
    await asyncio.gather(*(daily_cog(h).tick() for h in (one, two) for _ in range(2)))
    assert len(questions(one.fake)) == 1
    for harness in (one, two):
        daily_cog(harness).now.now = at(DAY2, 18)
    await asyncio.gather(daily_cog(one).tick(), daily_cog(two).tick())
    assert len(reveals(one.fake)) == 1 and len(questions(one.fake)) == 2
    assert "1 answered, 1 got it right." in reveals(one.fake)[0]["embeds"][0]["description"]


async def test_off_reveals_the_open_question_and_stops(harness: DiscordHarness) -> None:
    await set_up(harness)
    await tick(harness, at(DAY1, 18))
    as_seen = copy.deepcopy(questions(harness.fake)[0])
    off = await harness.command("daily off", user=SERVER_ADMIN)
    assert off.ephemeral and "revealed now" in off.embeds[0]["description"]  # the reply, then the reveal
    [reveal] = reveals(harness.fake)
    assert "Nobody answered." in reveal["embeds"][0]["description"]
    assert reveal["embeds"][0]["footer"]["text"] == "The daily question is off"
    await tick(harness, at(DAY2, 18))
    assert len(questions(harness.fake)) == 1  # off: nothing more
    assert all(b.get("disabled") for b in buttons(questions(harness.fake)[0]))
    closed = await harness.click(as_seen, buttons(as_seen)[0]["custom_id"], user=MEMBER)
    assert closed.embed["title"] == "Closed"
    again = await harness.command("daily off", user=SERVER_ADMIN)
    assert again.embed["title"] == "Already off"


async def test_show_and_answer_without_a_question(harness: DiscordHarness) -> None:
    for path, options in (("daily show", {}), ("daily answer", {"answer": "Dindo"})):
        nothing = await harness.command(path, **options)
        assert nothing.ephemeral and nothing.embed["title"] == "No daily question"
    await set_up(harness)
    await tick(harness, at(DAY1, 18))
    shown = await harness.command("daily show", user=OTHER)
    assert shown.ephemeral and shown.embed["title"].startswith("Daily question")
    question = todays_question(harness, DAY1)
    clicked = await harness.click(shown.message, buttons(shown.message)[question.correct]["custom_id"], user=OTHER)
    assert clicked.embed["title"] == "Right!"


async def test_an_ambiguous_typed_answer_does_not_count(
    harness: DiscordHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.quiz.matching import Judgement, Matcher, Verdict

    await set_up(harness)
    await tick(harness, at(DAY1, 18))
    monkeypatch.setattr(Matcher, "check", lambda self, q, text: Judgement(Verdict.AMBIGUOUS, reason="shared name"))
    unsure = await harness.command("daily answer", answer="Taylor")
    assert unsure.embed["title"] == "Not counted" and "more specific" in unsure.embed["description"]
    monkeypatch.undo()
    question = todays_question(harness, DAY1)
    counted = await harness.command("daily answer", answer=question.correct_option)
    assert counted.embed["title"] == "Right!"


async def test_quiz_forget_me_deletes_daily_answers_too(harness: DiscordHarness) -> None:
    await set_up(harness)
    await tick(harness, at(DAY1, 18))
    message = questions(harness.fake)[0]
    await harness.click(message, buttons(message)[0]["custom_id"], user=MEMBER)
    forgotten = await harness.command("quiz forget-me", user=MEMBER)
    assert "deleted" in forgotten.embed["description"]
    assert await (await daily_cog(harness).store()).answer(GUILD_ID, DAY1, MEMBER.id) is None


async def test_another_channel_can_be_chosen(harness: DiscordHarness) -> None:
    elsewhere = CHANNEL_ID + 5
    done = await harness.command("daily set", user=SERVER_ADMIN, time="07:30", channel=elsewhere)
    assert f"<#{elsewhere}>" in done.embed["description"] and "07:30 UTC" in done.embed["description"]
    await tick(harness, at(DAY2, 7, 30))
    [message] = questions(harness.fake)
    assert message["channel_id"] == str(elsewhere)
    question = todays_question(harness, DAY2)
    picked = await harness.click(message, buttons(message)[question.correct]["custom_id"], user=MEMBER)
    assert picked.embed["title"] == "Right!"


async def test_the_scheduler_starts_when_connected_and_ticks(harness: DiscordHarness) -> None:
    await set_up(harness)
    cog = daily_cog(harness)
    cog.now.now = at(DAY1, 18)
    assert not cog.scheduler.is_running()
    await cog.on_ready()
    try:
        assert cog.scheduler.is_running()
        for _ in range(500):  # its first run is immediate; the HTTP round trip to the fake is real
            if questions(harness.fake):
                break
            await asyncio.sleep(0.01)
        assert len(questions(harness.fake)) == 1
        await cog.on_ready()  # a reconnect does not start a second loop
    finally:
        cog.scheduler.cancel()


async def test_a_channel_the_bot_cannot_post_in_is_tried_a_few_times_then_left(
    harness: DiscordHarness, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.frontends.discord.exts.daily.cog import MAX_TRIES

    await set_up(harness)
    harness.fake.forbidden_channels.add(CHANNEL_ID)  # permissions changed after the set-up
    for minute in range(MAX_TRIES + 3):
        await tick(harness, at(DAY1, 18, minute))
    attempts = [r for r in harness.fake.requests if r.route == "channel_message"]
    assert len(attempts) == MAX_TRIES and questions(harness.fake) == []
    assert "could not post" in caplog.text  # a warning for the operator, not an error
    assert await (await daily_cog(harness).store()).post(GUILD_ID, DAY1) is None  # the day was given back
    harness.fake.forbidden_channels.clear()
    await tick(harness, at(DAY2, 18))
    assert len(questions(harness.fake)) == 1  # the next day works again
