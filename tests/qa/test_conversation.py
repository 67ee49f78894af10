"""Conversation: follow-ups resolve against the same user's last question; small talk; sources.

Each dialogue is a list of (message, words the reply must contain). Expected names and
years come from the reference (shared/reference), as for the question bank.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.knowledge import KnowledgeBase
from bot.qa.conversation import CONTEXT_TTL_S, MAX_TURNS, ContextStore, Dialogue
from bot.qa.engine import Engine
from bot.qa.normalize import normalize

BANK = Path(__file__).with_name("dialogue_bank.yaml")
DIALOGUES: list[dict[str, Any]] = yaml.safe_load(BANK.read_text(encoding="utf-8"))["dialogues"]
KINDS = {"year", "relative-year", "name", "pronoun", "narrower", "class", "smalltalk", "sources", "standalone",
         "nothing-before", "which-of"}  # fmt: skip


def test_the_bank_covers_every_kind_of_follow_up() -> None:
    assert len(DIALOGUES) >= 80
    assert {d["kind"] for d in DIALOGUES} == KINDS


@pytest.fixture
def dialogue(kb: KnowledgeBase) -> Dialogue:
    return Dialogue(Engine(kb, today=lambda: dt.date(2026, 11, 25)))


@pytest.mark.parametrize(
    "conversation", DIALOGUES, ids=lambda d: f"{d['kind']}: " + " / ".join(t["say"] for t in d["turns"])[:80]
)
def test_dialogue(dialogue: Dialogue, conversation: dict[str, Any]) -> None:
    for turn in conversation["turns"]:
        answer = dialogue.ask(("guild", "channel", "user"), turn["say"])
        shown = " ".join([answer.text, *(c.label for c in answer.candidates)])
        text = f" {normalize(shown)} "
        said = f"{turn['say']!r} -> {shown!r}"
        if "status" in turn:
            assert answer.status == turn["status"], said
        for word in turn.get("expect", []):
            assert f" {normalize(str(word))} " in text, f"{said} lacks {word!r}"
        for word in turn.get("reject", []):
            assert f" {normalize(str(word))} " not in text, f"{said} has {word!r}"


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
