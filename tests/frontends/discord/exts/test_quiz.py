"""/quiz and /leaderboard end to end, through the local stand-in for Discord's HTTP API.

The game's clock is a ManualClock, so rounds time out when a test says so; messages
still travel over real HTTP to the fake, so the tests wait for them to arrive.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support.discord_fixtures import ADMIN, MEMBER, OTHER, BotFactory
from support.fake_discord import (
    CHANNEL_ID,
    DEFERRED_MESSAGE,
    GUILD_ID,
    Actor,
    DiscordHarness,
    FakeDiscord,
    iter_components,
)

from bot.quiz.clock import ManualClock
from bot.quiz.questions import question_pool
from bot.store.model import shard_of
from bot.store.quiz import QuizStore

MANAGE_GUILD = 1 << 5
MODERATOR = Actor(id=200000000000000099, name="moderator", permissions=MANAGE_GUILD)
SERVER_ADMIN = Actor(id=ADMIN.id, name=ADMIN.name, permissions=MANAGE_GUILD)


@pytest.fixture(autouse=True)
def quiz_errors_fail_the_test() -> Iterator[None]:
    """The core logs under bot.quiz (the shared guard watches bot.frontends.discord.exts and discord)."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Collect(level=logging.ERROR)
    logger = logging.getLogger("bot.quiz")
    logger.addHandler(handler)
    yield
    logger.removeHandler(handler)
    assert not records, [r.getMessage() for r in records]


@pytest.fixture
async def make_harness(
    fake_discord: FakeDiscord, bot_factory: BotFactory, tmp_path: Path
) -> AsyncIterator[Callable[..., Any]]:
    async def make(**settings: Any) -> DiscordHarness:
        settings.setdefault("database_path", tmp_path / "quiz.sqlite3")
        harness = DiscordHarness(bot_factory(**settings), fake_discord)
        harness.user = MEMBER
        await harness.login()
        cog = quiz_cog(harness)
        cog.clock = ManualClock()
        cog.between_rounds = 2.0
        return harness

    yield make


@pytest.fixture
async def harness(make_harness: Callable[..., Any]) -> DiscordHarness:
    return await make_harness()


def quiz_cog(harness: DiscordHarness) -> Any:
    # load_extension imports its own copy of bot.frontends.discord.exts.quiz.cog, so compare by name, not class.
    bot: Any = harness.bot
    cog = bot.get_cog("Quiz")
    assert cog is not None and type(cog).__name__ == "QuizCog"
    return cog


def clock(harness: DiscordHarness) -> ManualClock:
    c = quiz_cog(harness).clock
    assert isinstance(c, ManualClock)
    return c


async def until(condition: Callable[[], Any], seconds: float = 30.0) -> Any:
    """Wait for the bot to reach a state; the bound is generous because a loaded CI machine is slow,
    and it only decides how long a broken bot takes to fail."""
    deadline = asyncio.get_running_loop().time() + seconds
    while asyncio.get_running_loop().time() < deadline:
        value = condition()
        if value:
            return value
        await asyncio.sleep(0.01)
    raise AssertionError("the bot did not get there in time")


def channel_posts(fake: FakeDiscord) -> list[dict[str, Any]]:
    """Messages the bot posted in the channel (not interaction responses), as they now stand."""
    return [fake.stored_messages[r.message_id] for r in fake.requests if r.route == "channel_message" and r.message_id]


def titled(fake: FakeDiscord, prefix: str) -> list[dict[str, Any]]:
    return [m for m in channel_posts(fake) if m["embeds"] and m["embeds"][0].get("title", "").startswith(prefix)]


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in iter_components(message) if c["type"] == 2]


def content_or_text(exchange: Any) -> str:
    bodies = exchange.bodies
    return " ".join(str(b.get("content") or "") for b in bodies) + " " + (exchange.text() if exchange.embeds else "")


async def question_message(harness: DiscordHarness, number: int) -> dict[str, Any]:
    """The question's message once the bot holds it: the fake stores a post before discord.py has
    registered its buttons, and a click in between would find no view (a test race, not a user's)."""
    message = await until(lambda: next(iter(titled(harness.fake, f"Question {number}/")), None))

    def held() -> bool:
        shown = [s.presenter.message for s in quiz_cog(harness).sessions.values()]
        return any(m is not None and str(m.id) == str(message["id"]) for m in shown)

    await until(lambda: held() or not quiz_cog(harness).sessions)
    return message


async def test_schema(harness: DiscordHarness) -> None:
    by_name = {c["name"]: c for c in harness.fake.schema()}
    quiz = by_name["quiz"]
    assert quiz["contexts"] == [0] and quiz["integration_types"] == [0]  # servers only
    assert quiz.get("default_member_permissions") is None  # anyone may play; admin parts are checked in the bot
    subs = {o["name"]: o for o in quiz["options"]}
    assert set(subs) == {"start", "stop", "skip", "hint", "settings", "forget-me"}
    start = {o["name"]: o for o in subs["start"]["options"]}
    assert {c["value"] for c in start["mode"]["choices"]} == {"buttons", "text"}
    assert {c["value"] for c in start["difficulty"]["choices"]} == {"easy", "medium", "hard"}
    assert start["rounds"]["min_value"] == 1 and start["rounds"]["max_value"] == 30
    board = {o["name"]: o for o in by_name["leaderboard"]["options"]}
    assert {c["value"] for c in board["scope"]["choices"]} == {"server", "global"}
    assert {c["value"] for c in board["period"]["choices"]} == {"all-time", "this-month"}


async def test_a_buttons_game_from_start_to_leaderboard(harness: DiscordHarness) -> None:
    fake, cog = harness.fake, quiz_cog(harness)
    started = await harness.command("quiz start", rounds=2)
    # Acknowledged first (the database may be slow), then the start is said in public.
    assert started.callback_type == DEFERRED_MESSAGE and not started.ephemeral
    assert started.embed["title"].startswith("Quiz started by")
    message = await question_message(harness, 1)
    session = cog.sessions[CHANNEL_ID]
    question = session.game.questions[0]
    shown = buttons(message)
    assert [b["label"][:2] for b in shown] == ["A)", "B)", "C)", "D)"][: len(question.options)]
    right = shown[question.correct]["custom_id"]
    wrong = shown[(question.correct + 1) % len(shown)]["custom_id"]

    locked = await harness.click(message, right, user=MEMBER)
    assert locked.ephemeral and "Locked in" in content_or_text(locked)
    again = await harness.click(message, wrong, user=MEMBER)
    assert again.ephemeral and "already answered" in content_or_text(again)
    other = await harness.click(message, wrong, user=OTHER)
    assert other.ephemeral and "Locked in" in content_or_text(other)
    assert len(channel_posts(fake)) == 1  # picks post nothing in the channel

    await clock(harness).advance(30)
    revealed = await until(lambda: message["embeds"][0]["title"].endswith("· answer") and message)
    embed = revealed["embeds"][0]
    assert question.answer in embed["description"]
    assert "Racefan" in embed["fields"][0]["value"]
    final_buttons = buttons(revealed)
    assert all(b.get("disabled") for b in final_buttons)
    assert final_buttons[question.correct]["style"] == 3  # green: the right answer

    await clock(harness).advance(2)
    second = await question_message(harness, 2)
    q2 = session.game.questions[1]
    for user in (MEMBER, OTHER):
        await harness.click(second, buttons(second)[q2.correct]["custom_id"], user=user)
    # Both regulars answered: the round closes without waiting for the timer.
    await until(lambda: second["embeds"][0]["title"].endswith("· answer"))
    end = await until(lambda: next(iter(titled(fake, "Game over")), None))
    assert "Winner: Racefan" in end["embeds"][0]["description"]
    await until(lambda: CHANNEL_ID not in cog.sessions)

    board = await harness.command("leaderboard")
    assert "Racefan" in board.text() and "Someone-Else" in board.text()
    mine = next(f for f in board.embed["fields"] if f["name"] == "Your rank")
    assert mine["value"].startswith("#1 of 2")
    theirs = await harness.command("leaderboard", user=OTHER, scope="global", period="this-month")
    assert next(f for f in theirs.embed["fields"] if f["name"] == "Your rank")["value"].startswith("#2 of 2")


async def test_a_free_text_game(make_harness: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    harness = await make_harness(quiz_message_content=True)
    crew = question_pool(harness.bot.service.kb).by_key["winner-crew:2008"].realize(random.Random(1))

    class OneQuestion:
        def draw(self, *args: Any, **kwargs: Any) -> list[Any]:
            return [crew]

    monkeypatch.setattr(sys.modules["bot.quiz.start"], "question_pool", lambda kb: OneQuestion())
    await harness.command("quiz start", mode="text")
    message = await question_message(harness, 1)
    assert not buttons(message)
    assert "all three names are needed" in message["embeds"][0]["description"]

    wrong = await harness.say("Tom Kristensen", mention_bot=False)
    assert wrong.requests == []  # wrong answers are not answered: no spam
    nudge = await harness.say("Capello", mention_bot=False)
    assert "Partly right: 1 of 3" in content_or_text(nudge)
    quiet = await harness.say("McNish", mention_bot=False)
    assert quiet.requests == []  # one nudge per player per question
    await harness.say("Dindo Capello, Allan McNish and Emanuele Pirro", mention_bot=False)
    revealed = await until(lambda: message["embeds"][0]["title"].endswith("· answer") and message)
    assert "Racefan got it" in revealed["embeds"][0]["fields"][0]["value"]
    end = await until(lambda: next(iter(titled(harness.fake, "Game over")), None))
    assert "Winner: Racefan" in end["embeds"][0]["description"]


async def test_free_text_without_the_intent_falls_back_to_buttons(harness: DiscordHarness) -> None:
    started = await harness.command("quiz start", mode="text", rounds=1)
    assert "message-content intent" in started.embed["description"]
    message = await question_message(harness, 1)
    assert buttons(message)
    assert (await harness.say("anything", mention_bot=False)).requests == []
    quiz_cog(harness).sessions[CHANNEL_ID].stop()


async def test_one_game_per_channel(harness: DiscordHarness) -> None:
    await harness.command("quiz start", rounds=3)
    await question_message(harness, 1)
    second = await harness.command("quiz start", rounds=3, user=OTHER)
    assert second.ephemeral and "already running" in second.embed["title"]
    quiz_cog(harness).sessions[CHANNEL_ID].stop()


async def test_stop_by_the_starter_or_a_moderator_only(harness: DiscordHarness) -> None:
    fake = harness.fake
    await harness.command("quiz start", rounds=5)
    message = await question_message(harness, 1)
    refused = await harness.command("quiz stop", user=OTHER)
    assert refused.ephemeral and refused.embed["title"] == "Not allowed"
    question = quiz_cog(harness).sessions[CHANNEL_ID].game.questions[0]
    await harness.click(message, buttons(message)[question.correct]["custom_id"], user=OTHER)
    stopped = await harness.command("quiz stop", user=MODERATOR)
    assert stopped.ephemeral and stopped.embed["title"] == "Stopping the quiz"
    end = await until(lambda: next(iter(titled(fake, "Game stopped")), None))
    # Stopped mid-question: that round does not count, and the standings are still announced.
    assert "Nobody scored this time" in end["embeds"][0]["description"]
    assert message["embeds"][0]["title"].endswith("· answer")
    assert "1 rounds played" not in end["embeds"][0]["footer"]["text"]
    assert (await harness.command("quiz stop")).embed["title"] == "No quiz here"


async def test_hint_and_skip_in_buttons_mode(harness: DiscordHarness) -> None:
    await harness.command("quiz start", rounds=2, difficulty="easy", category="winners")
    message = await question_message(harness, 1)
    session = quiz_cog(harness).sessions[CHANNEL_ID]
    first = session.game.questions[0]
    if first.clues or len(first.options) > 2:
        hinted = await harness.command("quiz hint", user=OTHER)
        assert hinted.callback_type == DEFERRED_MESSAGE and hinted.ephemeral
        assert "hint is on the question" in content_or_text(hinted)
    if first.clues:  # a clue ladder's hint is its next clue, shown on the question; no button goes grey
        await until(lambda: "Clues" in str(message["embeds"][0].get("fields")))
        assert not any(b.get("disabled") for b in buttons(message))
    elif len(first.options) > 2:
        await until(lambda: sum(1 for b in buttons(message) if b.get("disabled")) == 1)
    refused = await harness.command("quiz skip", user=OTHER)
    assert refused.embed["title"] == "Not allowed"
    skipped = await harness.command("quiz skip")
    assert skipped.embed["title"] == "Skipped"
    await until(lambda: "Skipped." in str(message["embeds"][0].get("fields")))
    session.stop()


async def test_settings_are_for_admins_and_apply_to_new_games(harness: DiscordHarness) -> None:
    refused = await harness.command("quiz settings", time_per_question=45)
    assert refused.ephemeral and refused.embed["title"] == "Not allowed"
    shown = await harness.command("quiz settings", user=SERVER_ADMIN)
    assert "30 s" in shown.embed["description"]
    changed = await harness.command("quiz settings", user=SERVER_ADMIN, time_per_question=45, hints=False, rounds=4)
    assert changed.embed["title"] == "Quiz settings updated" and "45 s" in changed.embed["description"]
    started = await harness.command("quiz start")
    assert "4 questions" in started.embed["description"] and "45 s each" in started.embed["description"]
    message = await question_message(harness, 1)
    assert "45 s" in message["embeds"][0]["footer"]["text"]
    assert (await harness.command("quiz hint")).embed["title"] == "Hints are off"
    quiz_cog(harness).sessions[CHANNEL_ID].stop()


async def test_forget_me(harness: DiscordHarness) -> None:
    await harness.command("quiz start", rounds=1)
    message = await question_message(harness, 1)
    question = quiz_cog(harness).sessions[CHANNEL_ID].game.questions[0]
    await harness.click(message, buttons(message)[question.correct]["custom_id"])
    await clock(harness).advance(30)
    await until(lambda: titled(harness.fake, "Game over"))
    assert "Racefan" in (await harness.command("leaderboard")).text()
    forgotten = await harness.command("quiz forget-me")
    assert forgotten.ephemeral and "deleted" in forgotten.embed["description"]
    board = await harness.command("leaderboard")
    assert "Racefan" not in board.text() and "No points yet" in board.text()
    assert "no quiz data" in (await harness.command("quiz forget-me")).embed["description"]


async def test_a_game_cut_short_by_a_restart_is_reported(make_harness: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "restart.sqlite3"
    store = await QuizStore.open(path)
    game_id = await store.create_game(
        guild_id=GUILD_ID, channel_id=CHANNEL_ID, started_by=MEMBER.id, mode="buttons", rounds=5
    )
    assert game_id
    await store.close()  # the process "died" with the game still running

    harness = await make_harness(database_path=path)
    await quiz_cog(harness).on_ready()
    notice = await until(lambda: next(iter(titled(harness.fake, "Quiz interrupted")), None))
    assert "after 0 round(s)" in notice["embeds"][0]["description"]
    await quiz_cog(harness).on_ready()  # reconnects do not repeat it
    assert len(titled(harness.fake, "Quiz interrupted")) == 1


async def test_a_restart_reports_only_the_games_of_this_process_shards(
    make_harness: Callable[..., Any], tmp_path: Path
) -> None:
    path = tmp_path / "shared.sqlite3"
    mine = shard_of(GUILD_ID, 2)
    other_guild = GUILD_ID + (1 << 22)  # the next shard: another process's
    store = await QuizStore.open(path)
    for guild, channel in ((GUILD_ID, CHANNEL_ID), (other_guild, CHANNEL_ID + 1)):
        await store.create_game(guild_id=guild, channel_id=channel, started_by=MEMBER.id, mode="buttons", rounds=5)
    await store.close()

    harness = await make_harness(database_path=path)
    bot: Any = harness.bot
    bot.settings = bot.settings.model_copy(update={"shard_count": 2, "shard_ids": [mine]})
    await quiz_cog(harness).on_ready()
    await until(lambda: next(iter(titled(harness.fake, "Quiz interrupted")), None))
    assert len(titled(harness.fake, "Quiz interrupted")) == 1
    store = await QuizStore.open(path)
    statuses = dict(await store.db.fetchall("SELECT guild_id, status FROM games"))
    await store.close()
    assert statuses == {GUILD_ID: "abandoned", other_guild: "running"}  # left for the process that runs it


async def test_unloading_the_extension_ends_games_with_standings(harness: DiscordHarness) -> None:
    await harness.command("quiz start", rounds=3)
    await question_message(harness, 1)
    bot: Any = harness.bot
    await bot.unload_extension("bot.frontends.discord.exts.quiz")
    end = await until(lambda: next(iter(titled(harness.fake, "Game ended: the bot is restarting")), None))
    assert "Nobody scored" in end["embeds"][0]["description"]


async def test_a_busy_database_does_not_delay_the_acknowledgement(harness: DiscordHarness) -> None:
    cog = quiz_cog(harness)
    store = await cog.store()
    real = store.guild_settings

    answered_at: list[float] = []

    async def slow(guild_id: int) -> Any:
        await asyncio.sleep(1.0)  # another process holds the database
        answered_at.append(time.perf_counter())
        return await real(guild_id)

    store.guild_settings = slow
    started = await harness.command("quiz start", rounds=1)
    assert started.callback_type == DEFERRED_MESSAGE
    assert started.callback is not None and started.callback.received_at < answered_at[0]  # acknowledged first
    assert started.embed["title"].startswith("Quiz started by")
    cog.sessions[CHANNEL_ID].stop()


def serve(monkeypatch: pytest.MonkeyPatch, *questions: Any) -> None:
    """The next game asks exactly ``questions``."""

    class Fixed:
        def draw(self, *args: Any, **kwargs: Any) -> list[Any]:
            return list(questions)

    monkeypatch.setattr(sys.modules["bot.quiz.start"], "question_pool", lambda kb: Fixed())


def first_of(harness: DiscordHarness, template: str) -> Any:
    bank = question_pool(harness.bot.service.kb)
    return next(b for b in bank.blueprints if b.template == template).realize(random.Random(2))


async def test_a_who_am_i_ladder_in_buttons_mode_reveals_clues_and_pays_early_answers_more(
    harness: DiscordHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    ladder = first_of(harness, "who-am-i")
    assert ladder.clues
    serve(monkeypatch, ladder)
    await harness.command("quiz start", rounds=1)
    message = await question_message(harness, 1)
    embed = message["embeds"][0]
    assert "Who am I?" in embed["description"] and "Clue 1:" in embed["description"]
    assert "the earlier you answer, the more you score" in embed["footer"]["text"]
    assert not embed.get("fields")  # no clue beyond the first yet
    right = buttons(message)[ladder.correct]["custom_id"]
    step = 30 / (len(ladder.clues) + 1)  # the session spreads the clues over the question's time

    await clock(harness).advance(step + 0.1)
    await until(lambda: ladder.clues[0] in str(message["embeds"][0].get("fields")))
    assert not any(b.get("disabled") for b in buttons(message))  # clues, not eliminated options
    await harness.click(message, right, user=MEMBER)
    await clock(harness).advance(step)
    await until(lambda: ladder.clues[1] in str(message["embeds"][0].get("fields")))
    await harness.click(message, right, user=OTHER)

    await clock(harness).advance(30)
    revealed = await until(lambda: message["embeds"][0]["title"].endswith("· answer") and message)
    assert ladder.answer in revealed["embeds"][0]["description"]
    result = revealed["embeds"][0]["fields"][0]["value"]
    assert "Fastest: Racefan" in result and "also right: Someone-Else" in result
    first, second = (int(n) for n in re.findall(r"\+(\d+)", result))
    assert first > second  # one clue fewer, more points


async def test_an_order_of_three_typed_in_the_channel(
    make_harness: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    harness = await make_harness(quiz_message_content=True)
    order = first_of(harness, "order-three")
    kb = harness.bot.service.kb
    names = [kb.name(order.spec.entity_kind, i) for i in order.spec.order]
    serve(monkeypatch, order)
    await harness.command("quiz start", mode="text")
    message = await question_message(harness, 1)
    assert "in order of their first overall win" in message["embeds"][0]["description"] and not buttons(message)
    wrong = await harness.say(", ".join(reversed(names)), mention_bot=False)
    assert wrong.requests == []  # a wrong order is not answered: no spam
    await harness.say(f"{names[0]} then {names[1]} then {names[2]}", mention_bot=False)
    revealed = await until(lambda: message["embeds"][0]["title"].endswith("· answer") and message)
    assert "Racefan got it" in revealed["embeds"][0]["fields"][0]["value"]
    assert order.fact in revealed["embeds"][0]["description"]


async def test_higher_or_lower_with_two_buttons(harness: DiscordHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    question = first_of(harness, "higher-lower")
    serve(monkeypatch, question)
    await harness.command("quiz start", rounds=1)
    message = await question_message(harness, 1)
    assert [b["label"] for b in buttons(message)] == ["A) Higher", "B) Lower"]
    await harness.click(message, buttons(message)[question.correct]["custom_id"], user=MEMBER)
    await harness.click(message, buttons(message)[1 - question.correct]["custom_id"], user=OTHER)
    await clock(harness).advance(30)
    revealed = await until(lambda: message["embeds"][0]["title"].endswith("· answer") and message)
    assert "Racefan got it" in revealed["embeds"][0]["fields"][0]["value"]
