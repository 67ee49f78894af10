"""/ask and mentions, end to end through discord.py's dispatch against the fake API."""

from __future__ import annotations

from support.discord_fixtures import MEMBER, OTHER
from support.fake_discord import EPHEMERAL, MESSAGE, UPDATE_MESSAGE, DiscordHarness


async def test_ask_answers_with_an_embed(harness: DiscordHarness) -> None:
    exchange = await harness.command("ask", question="who won in 2015?")
    assert exchange.callback_type == MESSAGE
    assert not exchange.ephemeral
    text = exchange.text()
    assert "Nick Tandy" in text and "Patrick Pilet" in text
    assert exchange.embed["title"].startswith("Petit Le Mans 2015")
    assert exchange.embed["footer"]["text"]  # sources / confidence


async def test_ask_matches_the_console_answer(harness: DiscordHarness) -> None:
    """The answer in Discord is the engine's answer: same text, same title."""
    question = "how many wins does Dindo Capello have?"
    expected = harness.bot.service.engine.ask(question)
    exchange = await harness.command("ask", question=question)
    assert exchange.embed["description"] == expected.text
    assert exchange.embed["title"] == expected.title


async def test_unknown_says_what_the_bot_knows(harness: DiscordHarness) -> None:
    exchange = await harness.command("ask", question="xyzzy plugh")
    description = exchange.embed["description"]
    kb = harness.bot.service.kb
    assert str(kb.first_year) in description and str(kb.last_year) in description


async def test_clarify_buttons_reask_with_the_pick(harness: DiscordHarness) -> None:
    exchange = await harness.command("ask", question="how many times did taylor win?")
    labels = {c["custom_id"]: c["label"] for c in exchange.components()}
    assert len(labels) == 3 and all(cid.startswith("clarify:") for cid in labels)
    jordan = next(cid for cid, label in labels.items() if "Jordan Taylor" in label)

    picked = await harness.click(exchange.message, jordan)
    assert picked.callback_type == UPDATE_MESSAGE  # the question is edited into the answer
    assert "Jordan Taylor" in picked.embed["description"]
    # The clarify buttons are gone once answered; the answer's own Sources button replaces them.
    assert [c["custom_id"] for c in picked.components()] == ["answer:sources"]


async def test_clarify_buttons_belong_to_the_asker(harness: DiscordHarness) -> None:
    exchange = await harness.command("ask", question="taylor", user=MEMBER)
    refused = await harness.click(exchange.message, "clarify:0", user=OTHER)
    assert refused.callback_type == MESSAGE and refused.ephemeral
    assert "Only the person who asked" in refused.embed["description"]


async def test_ask_works_in_dms(harness: DiscordHarness) -> None:
    exchange = await harness.command("ask", dm=True, question="who won in 2003?")
    assert "Lehto" in exchange.text()


async def test_hostile_input_is_answered_safely(harness: DiscordHarness) -> None:
    question = "@everyone <@&123> <@456> **bold** ```code``` " + "x" * 250
    exchange = await harness.command("ask", question=question[:300])
    assert exchange.callback_type == MESSAGE
    # Every message the fake recorded blocks @everyone, roles and users (the fake_discord fixture
    # also checks this after every test); nothing is echoed as message content.
    assert exchange.bodies and all(not body.get("content") for body in exchange.bodies)
    for body in exchange.bodies:
        allowed = body["allowed_mentions"]
        assert allowed["parse"] == [] and not allowed.get("users") and not allowed.get("roles")
    assert harness.fake.message_requests() and harness.fake.ping_violations() == []


async def test_mention_answers_like_ask(harness: DiscordHarness) -> None:
    exchange = await harness.say(f"{harness.mention()} who won in 2015?")
    [request] = exchange.requests
    assert request.route == "channel_message"
    body = request.json
    assert str(body["message_reference"]["message_id"]) == exchange.payload["id"]  # a reply to the question
    assert body["allowed_mentions"]["replied_user"] is False
    assert "Nick Tandy" in exchange.text()
    assert exchange.embed["description"] == harness.bot.service.engine.ask("who won in 2015?").text


async def test_mention_with_nickname_syntax_and_clarify(harness: DiscordHarness) -> None:
    exchange = await harness.say(f"<@!{harness.fake.bot_user_id}> taylor wins?")
    assert {c["custom_id"] for c in exchange.components()} >= {"clarify:0", "clarify:1", "clarify:2"}
    picked = await harness.click(exchange.message, "clarify:0")
    assert picked.callback_type == UPDATE_MESSAGE
    assert "Taylor" in picked.embed["description"]


async def test_messages_not_addressed_to_the_bot_are_ignored(harness: DiscordHarness) -> None:
    assert (await harness.say("who won in 2015?", mention_bot=False)).requests == []
    assert (await harness.say("@everyone who won in 2015?", mention_bot=False)).requests == []


async def test_dm_messages_need_no_mention(harness: DiscordHarness) -> None:
    exchange = await harness.say("who won in 2015?", mention_bot=False, dm=True)
    assert "Nick Tandy" in exchange.text()


async def test_bots_are_never_answered(harness: DiscordHarness) -> None:
    payload = harness.payloads.message_create(f"{harness.mention()} who won in 2015?", MEMBER)
    payload["author"]["bot"] = True
    exchange = await harness.deliver("MESSAGE_CREATE", payload)
    assert exchange.requests == []


async def test_mentions_have_a_quiet_cooldown(harness: DiscordHarness) -> None:
    answered = [await harness.say(f"{harness.mention()} who won in {year}?") for year in range(2010, 2017)]
    sent = [bool(e.requests) for e in answered]
    assert sent == [True] * 5 + [False] * 2  # 5 per 30 s; then silence, not a spammy refusal


async def test_empty_mention_explains_what_to_ask(harness: DiscordHarness) -> None:
    exchange = await harness.say(harness.mention())
    assert "1998" in exchange.embed["description"]


def test_ephemeral_flag_value() -> None:
    assert EPHEMERAL == 64


async def test_a_follow_up_continues_the_same_users_question(harness: DiscordHarness) -> None:
    await harness.command("ask", question="who won in 2015?")
    await harness.command("ask", question="how many wins does capello have", user=OTHER)
    exchange = await harness.command("ask", question="and in 2016?")
    assert exchange.embed["description"].startswith("In 2016:")
    assert "Negri" in exchange.text()
    other = await harness.command("ask", question="and mcnish?", user=OTHER)
    assert "Allan McNish" in other.text() and "2016" not in other.embed["description"][:20]


async def test_a_reply_to_an_old_answer_continues_from_that_answer(harness: DiscordHarness) -> None:
    first = await harness.command("ask", question="who won in 2015?")
    old_answer = first.message
    await harness.command("ask", question="how many wins does capello have")  # the asker moves on
    # Someone else replies to the 2015 answer (a reply that pings the bot carries its content).
    reply = await harness.say("and in 2016?", user=OTHER, reply_to=old_answer)
    assert reply.embed["description"].startswith("In 2016:")
    assert "Negri" in reply.text()
    # ... and a reply to that reply goes on from there.
    again = await harness.say("the year after?", user=MEMBER, reply_to=reply.message)
    assert again.embed["description"].startswith("In 2017:")


async def test_a_reply_that_stands_alone_is_answered_on_its_own(harness: DiscordHarness) -> None:
    first = await harness.command("ask", question="who won in 2015?")
    reply = await harness.say("how many wins does audi have", user=OTHER, reply_to=first.message)
    assert "9" in reply.text() and "Tandy" not in reply.text()


async def test_replies_to_messages_that_are_not_our_answers_need_a_mention(harness: DiscordHarness) -> None:
    someone = harness.payloads.message_create("who won in 2015?", OTHER, mention_bot=False)
    quiet = await harness.say("and in 2016?", reply_to=someone, mention_bot=False)
    assert quiet.requests == []


async def test_the_sources_button_shows_sources_to_whoever_presses_it(harness: DiscordHarness) -> None:
    exchange = await harness.command("ask", question="who won in 2015?", user=MEMBER)
    assert [c["custom_id"] for c in exchange.components()] == ["answer:sources"]
    shown = await harness.click(exchange.message, "answer:sources", user=OTHER)  # not the asker: allowed
    assert shown.callback_type == MESSAGE and shown.ephemeral
    assert shown.embed["title"] == "Sources"
    assert "Confidence:" in shown.embed["description"]
    assert all(source in shown.text() for source in harness.bot.service.engine.ask("who won in 2015?").sources)


async def test_answers_without_sources_have_no_sources_button(harness: DiscordHarness) -> None:
    exchange = await harness.command("ask", question="xyzzy plugh")
    assert exchange.components() == []
