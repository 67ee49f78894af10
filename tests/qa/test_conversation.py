"""Conversation: follow-ups resolve against the same user's last question; small talk; sources.

Each dialogue is a list of (message, words the reply must contain). Expected names and
years come from the reference (shared/reference), as for the question bank.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.knowledge import KnowledgeBase
from bot.qa.conversation import CONTEXT_TTL_S, MAX_TURNS, ContextStore, Dialogue
from bot.qa.engine import Engine
from bot.qa.normalize import normalize

DIALOGUES: list[list[tuple[str, list[str]]]] = [
    [("who won in 2015", ["Tandy", "Pilet"]), ("and in 2016?", ["In 2016", "Negri", "Pla", "Pew"])],
    [("who won in 2016", ["Negri"]), ("the year after?", ["In 2017", "Sharp", "Dalziel", "Hartley"])],
    [("who won in 2016", ["Negri"]), ("and the year before", ["In 2015", "Tandy"])],
    [("who won in 2015", ["Tandy"]), ("what about 2010", ["In 2010", "Lamy"]), ("and 2011?", ["Wurz"])],
    [("who won petit le mans in '09", ["Montagny"]), ("how about 2008", ["McNish", "Capello"])],
    [("how many wins does capello have", ["5"]), ("and mcnish?", ["For Allan McNish", "4"])],
    [("how many wins does capello have", ["5"]), ("what about kristensen", ["Tom Kristensen", "1"])],
    [("how many wins does audi have", ["9"]), ("what about cadillac", ["For Cadillac", "5"])],
    [("how many wins does porsche have since 2014", ["1 overall win"]), ("and audi?", ["For Audi", "0 overall"])],
    [("GTD winners since 2020", ["Heart of Racing"]), ("and since 2022?", ["Since 2022", "Gradient"])],
    [("how many wins does porsche have since 2014", ["2015"]), ("and before 2014?", ["Before 2014", "0 overall"])],
    [("how many wins does allan mcnish have", ["4"]), ("who were his co-drivers", ["Capello"])],
    [("when did peugeot first win", ["2009"]), ("how many did they win", ["3"])],
    [("how many wins does audi have", ["9"]), ("where is that from?", ["Sources for that answer"])],
    [("who won in 2007", ["McNish"]), ("how sure are you?", ["Confidence of my last answer", "high"])],
    [("who won in 2015", ["Tandy"]), ("sources", ["Sources"])],
    [("hello", ["Hello"]), ("who won in 2019", ["Nasr", "Derani", "Curran"])],
    [("thanks", ["welcome"])],
    [("help", ["follow up"])],
    [("who made you", ["trivia bot"])],
    [("where do you get your info", ["sources"])],
    [("who won in 2015", ["Tandy"]), ("how many wins does audi have", ["9"]), ("and in 2016?", ["2016"])],
    [("who won in 2015", ["Tandy"]), ("how many times has cadillac won", ["5"])],  # stands on its own
]


@pytest.fixture
def dialogue(kb: KnowledgeBase) -> Dialogue:
    return Dialogue(Engine(kb, today=lambda: dt.date(2026, 11, 25)))


@pytest.mark.parametrize("turns", DIALOGUES, ids=lambda t: " / ".join(m for m, _ in t)[:80])
def test_dialogue(dialogue: Dialogue, turns: list[tuple[str, list[str]]]) -> None:
    for message, expected in turns:
        answer = dialogue.ask(("guild", "channel", "user"), message)
        text = normalize(answer.text)
        for word in expected:
            assert normalize(word) in text, f"{message!r} -> {answer.text!r} lacks {word!r}"


def test_a_follow_up_with_nothing_before_it_is_not_answered_as_something_else(dialogue: Dialogue) -> None:
    answer = dialogue.ask(("g", "c", "u"), "how many did he win")
    assert answer.status == "clarify"


def test_two_users_in_one_channel_never_cross(dialogue: Dialogue) -> None:
    dialogue.ask(("g", "c", "alice"), "how many wins does capello have")
    dialogue.ask(("g", "c", "bob"), "who won in 2015")
    bob = dialogue.ask(("g", "c", "bob"), "and in 2016?")
    alice = dialogue.ask(("g", "c", "alice"), "and mcnish?")
    assert "Negri" in bob.text and "McNish" in alice.text and "4" in alice.text


def test_context_never_leaks_between_guilds_or_dms(dialogue: Dialogue) -> None:
    dialogue.ask(("guild-1", "c", "u"), "who won in 2015")
    answer = dialogue.ask(("dm", "u"), "and in 2016?")
    assert not answer.text.startswith("In 2016")


def test_context_expires(kb: KnowledgeBase) -> None:
    now = [0.0]
    dialogue = Dialogue(Engine(kb), ContextStore(clock=lambda: now[0]))
    dialogue.ask(("k",), "who won in 2015")
    now[0] += CONTEXT_TTL_S + 1
    answer = dialogue.ask(("k",), "and in 2016?")
    assert not answer.text.startswith("In 2016")


def test_context_expires_after_a_few_turns(dialogue: Dialogue) -> None:
    dialogue.ask(("k",), "who won in 2000")
    texts = [dialogue.ask(("k",), f"and {2001 + i}?").text for i in range(MAX_TURNS + 1)]
    assert all(t.startswith("In ") for t in texts[:MAX_TURNS])
    assert not texts[MAX_TURNS].startswith("In ")


def test_memory_is_bounded_least_recently_used_first(kb: KnowledgeBase) -> None:
    dialogue = Dialogue(Engine(kb), ContextStore(capacity=3))
    for user in range(5):
        dialogue.ask(("g", "c", user), "who won in 2015")
    assert len(dialogue.store) == 3
    assert dialogue.store.get(("g", "c", 0)) is None and dialogue.store.get(("g", "c", 4)) is not None
