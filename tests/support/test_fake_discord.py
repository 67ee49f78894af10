"""The fake Discord API itself: limits it enforces, routes it refuses, what it records."""

from __future__ import annotations

import aiohttp
import pytest
from support.fake_discord import FakeDiscord, schema_problems


def _command(**overrides: object) -> dict[str, object]:
    return {"name": "ok", "description": "fine", "type": 1, "options": [], **overrides}


def _option(name: str = "opt", **overrides: object) -> dict[str, object]:
    return {"name": name, "description": "an option", "type": 3, **overrides}


def test_a_valid_command_passes() -> None:
    assert schema_problems([_command(options=[_option(required=True), _option("other")])]) == []


@pytest.mark.parametrize(("command", "problem"), [
    (_command(name="Upper"), "must be lowercase"),
    (_command(name="x" * 33), "must be 1-32"),
    (_command(name="has space"), "must be 1-32"),
    (_command(description=""), "description must be 1-100"),
    (_command(description="d" * 101), "description must be 1-100"),
    (_command(options=[_option(f"o{i}") for i in range(26)]), "26 options (max 25)"),
    (_command(options=[_option(choices=[{"name": str(i), "value": str(i)} for i in range(26)])]), "26 choices"),
    (_command(options=[_option(choices=[{"name": "x" * 101, "value": "v"}])]), "choice name"),
    (_command(options=[_option(choices=[{"name": "n", "value": "v" * 101}])]), "choice value longer"),
    (_command(options=[_option("a"), _option("b", required=True)]), "required option after an optional one"),
    (_command(options=[_option("a"), _option("a")]), "duplicate option name"),
    (_command(options=[_option(autocomplete=True, choices=[{"name": "n", "value": "v"}])]), "autocomplete cannot"),
    (_command(options=[_option(max_length=7000)]), "max_length must be 0-6000"),
    (_command(default_member_permissions="admin"), "default_member_permissions"),
    (_command(description="d" * 100, options=[_option(f"o{i}", description="d" * 100, choices=[
        {"name": "n" * 100, "value": "v" * 100} for _ in range(2)]) for i in range(25)]), "4000 characters"),
])  # fmt: skip
def test_limits(command: dict[str, object], problem: str) -> None:
    assert any(problem in p for p in schema_problems([command])), schema_problems([command])


def test_too_many_and_duplicate_commands() -> None:
    problems = schema_problems([_command(name=f"c{i}") for i in range(101)] + [_command(name="c0")])
    assert any("chat-input commands (max 100)" in p for p in problems)
    assert any("duplicate command name" in p for p in problems)


async def test_unknown_routes_are_recorded_and_refused() -> None:
    async with FakeDiscord() as fake, aiohttp.ClientSession() as session:
        async with session.get(f"{fake.base_url}/guilds/1/members") as response:
            assert response.status == 404
            assert response.headers["Content-Type"] == "application/json"
        async with session.get(f"{fake.base_url}/users/@me") as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == "application/json"  # exactly, no charset
    assert [(r.method, r.path) for r in fake.unknown] == [("GET", "/guilds/1/members")]
    assert [r.route for r in fake.requests] == [None, "me"]


async def test_invalid_sync_is_rejected_like_discord() -> None:
    async with FakeDiscord() as fake, aiohttp.ClientSession() as session:
        url = f"{fake.base_url}/applications/{fake.application_id}/commands"
        async with session.put(url, json=[_command(name="Bad")]) as response:
            assert response.status == 400
            assert (await response.json())["code"] == 50035
    assert fake.rejected_syncs and None not in fake.commands


async def test_ping_violations_are_detected() -> None:
    async with FakeDiscord() as fake, aiohttp.ClientSession() as session:
        await session.post(f"{fake.base_url}/channels/1/messages", json={"content": "@everyone"})
        await session.post(
            f"{fake.base_url}/channels/1/messages", json={"content": "x", "allowed_mentions": {"parse": ["users"]}}
        )
        await session.post(
            f"{fake.base_url}/channels/1/messages", json={"content": "x", "allowed_mentions": {"parse": []}}
        )
    assert len(fake.ping_violations()) == 2
