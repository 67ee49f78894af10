"""/winner and /race, with year autocomplete."""

from __future__ import annotations

from support.fake_discord import AUTOCOMPLETE, MESSAGE, DiscordHarness


async def test_winner_gives_overall_and_class_winners(harness: DiscordHarness) -> None:
    exchange = await harness.command("winner", year=2015)
    assert exchange.callback_type == MESSAGE
    fields = {f["name"]: f["value"] for f in exchange.embed["fields"]}
    overall = next(value for name, value in fields.items() if name.startswith("Overall"))
    assert "Nick Tandy" in overall and "Patrick Pilet" in overall
    assert "Lietz" not in overall  # entered, drove no laps: not a winner
    assert len(fields) >= 3  # class winners too
    assert exchange.embed == _embed_of(harness, harness.bot.service.engine.winner(2015))


async def test_winner_of_a_year_without_a_race(harness: DiscordHarness) -> None:
    exchange = await harness.command("winner", year=1990)
    description = exchange.embed["description"]
    assert "1998" in description and "no 1990 race" in description


async def test_race_card(harness: DiscordHarness) -> None:
    exchange = await harness.command("race", year=2015)
    text = exchange.text()
    assert "2015" in exchange.embed["title"]
    assert "Tandy" in text
    assert "rain" in text.lower()  # the 2015 race was shortened by rain


async def test_race_works_in_dms(harness: DiscordHarness) -> None:
    exchange = await harness.command("race", dm=True, year=1998)
    assert "1998" in exchange.embed["title"]


async def test_year_autocomplete_is_capped_at_25_latest_first(harness: DiscordHarness) -> None:
    years = harness.bot.service.kb.years
    assert len(years) > 25  # the cap matters with the shipped data
    exchange = await harness.autocomplete("winner", "year", year="")
    assert exchange.callback_type == AUTOCOMPLETE
    choices = exchange.choices
    assert len(choices) == 25
    assert [c["value"] for c in choices] == sorted(years, reverse=True)[:25]
    assert all(1 <= len(c["name"]) <= 100 for c in choices)


async def test_year_autocomplete_filters_by_digits(harness: DiscordHarness) -> None:
    for typed in ("2015", "15"):
        choices = (await harness.autocomplete("race", "year", year=typed)).choices
        assert choices[0]["value"] == 2015
    assert (await harness.autocomplete("race", "year", year="1999")).choices[0]["value"] == 1999
    assert (await harness.autocomplete("race", "year", year="1850")).choices == []


def _embed_of(harness: DiscordHarness, answer: object) -> dict[str, object]:
    from bot.frontends.discord.embeds import answer_embed

    return {**answer_embed(answer).to_dict(), "flags": 0}  # type: ignore[arg-type]
