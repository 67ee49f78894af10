"""The synced command schema, checked against Discord's documented limits and our conventions."""

from __future__ import annotations

from support.fake_discord import DiscordHarness, schema_problems

EXPECTED = {"ask", "winner", "race", "driver", "team", "manufacturer", "records", "history", "help", "reload"}


def _options(command: dict[str, object]) -> dict[str, dict[str, object]]:
    return {o["name"]: o for o in command.get("options") or []}  # type: ignore[index, union-attr]


async def test_synced_schema_respects_discord_limits(harness: DiscordHarness) -> None:
    schema = harness.fake.schema()
    assert schema_problems(schema) == []
    assert {c["name"] for c in schema} >= EXPECTED


async def test_commands_work_in_servers_and_dms(harness: DiscordHarness) -> None:
    for command in harness.fake.schema():
        if command["name"] in EXPECTED:
            assert sorted(command["contexts"]) == [0, 1], command["name"]  # guild, bot DM
            assert command["integration_types"] == [0], command["name"]  # installed to servers


async def test_options_autocomplete_and_choices(harness: DiscordHarness) -> None:
    by_name = {c["name"]: c for c in harness.fake.schema()}
    ask = _options(by_name["ask"])["question"]
    assert ask["required"] and ask["max_length"] == 300 and ask["min_length"] == 1
    for command, option in [("winner", "year"), ("race", "year"), ("driver", "name"), ("team", "name"),
                            ("manufacturer", "name"), ("history", "topic")]:  # fmt: skip
        assert _options(by_name[command])[option]["autocomplete"] is True, command
    table = _options(by_name["records"])["table"]
    assert {c["value"] for c in table["choices"]} == {
        "drivers",
        "teams",
        "manufacturers",
        "cars",
        "classes",
        "laps",
        "podiums",
        "poles",
    }


async def test_no_sync_happens_without_being_asked(harness: DiscordHarness) -> None:
    """Login alone never syncs: the harness syncs once, explicitly, like `plm-trivia sync`."""
    puts = [r for r in harness.fake.requests if r.method == "PUT"]
    assert [r.path for r in puts] == [f"/applications/{harness.fake.application_id}/commands"]
