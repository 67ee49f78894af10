"""/driver, /team and /manufacturer: autocomplete ranked by the engine, profiles, clarify."""

from __future__ import annotations

import pytest
from support.fake_discord import AUTOCOMPLETE, UPDATE_MESSAGE, DiscordHarness


@pytest.mark.parametrize(("command", "typed", "expected"), [
    ("driver", "kristensen", "tom-kristensen"),
    ("driver", "dindo", "rinaldo-capello"),
    ("team", "audi sport", "audi-sport-north-america"),
    ("manufacturer", "porsch", "porsche"),
])  # fmt: skip
async def test_autocomplete_ranks_the_best_match_first(
    harness: DiscordHarness, command: str, typed: str, expected: str
) -> None:
    exchange = await harness.autocomplete(command, "name", name=typed)
    assert exchange.callback_type == AUTOCOMPLETE
    assert exchange.choices[0]["value"] == expected


@pytest.mark.parametrize("command", ["driver", "team", "manufacturer"])
async def test_autocomplete_never_exceeds_25_choices(harness: DiscordHarness, command: str) -> None:
    for typed in ("", "a", "r"):
        choices = (await harness.autocomplete(command, "name", name=typed)).choices
        assert 1 <= len(choices) <= 25
        assert all(1 <= len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
    assert len((await harness.autocomplete("driver", "name", name="")).choices) == 25  # 190+ drivers


async def test_picked_suggestion_shows_the_profile(harness: DiscordHarness) -> None:
    exchange = await harness.command("driver", name="rinaldo-capello")
    expected = harness.bot.service.engine.profile("driver", "rinaldo-capello")
    assert exchange.embed["description"] == expected.text
    assert "5 times" in expected.text


async def test_typed_names_and_surnames_resolve_when_unambiguous(harness: DiscordHarness) -> None:
    for typed in ("Allan McNish", "mcnish", "Dindo Capello"):
        exchange = await harness.command("driver", name=typed)
        assert [c["custom_id"] for c in exchange.components()] == ["answer:sources"]  # no "which one?" buttons
        assert exchange.embed["description"].startswith(("Allan McNish", "Rinaldo Capello"))


async def test_loose_names_are_offered_not_guessed(harness: DiscordHarness) -> None:
    exchange = await harness.command("driver", name="taylor")
    buttons = exchange.components()
    assert 2 <= len(buttons) <= 5
    assert "Which driver" in exchange.embed["description"]
    jordan = next(b for b in buttons if "Jordan Taylor" in b["label"])
    picked = await harness.click(exchange.message, jordan["custom_id"])
    assert picked.callback_type == UPDATE_MESSAGE
    assert picked.embed["description"] == harness.bot.service.engine.profile("driver", "jordan-taylor").text


async def test_unknown_name_says_what_is_known(harness: DiscordHarness) -> None:
    exchange = await harness.command("team", name="qqqqzzzz")
    assert "don't know a team" in exchange.embed["description"]
    assert exchange.components() == []


async def test_team_and_manufacturer_profiles(harness: DiscordHarness) -> None:
    team = await harness.command("team", name="audi-sport-north-america")
    assert "Audi Sport North America" in team.text()
    make = await harness.command("manufacturer", name="audi")
    assert "9 times" in make.embed["description"]


async def test_a_hostile_name_is_quoted_as_text(harness: DiscordHarness) -> None:
    exchange = await harness.command("driver", name="[Free Nitro](https://evil.example/login) <@&1>")
    description = exchange.embed["description"]
    assert "\\[Free Nitro]" in description and "<@&1>" not in description
