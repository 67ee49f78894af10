"""The wins-by-manufacturer chart: derived from results, a valid PNG, drawn off the loop."""

from __future__ import annotations

import io

from PIL import Image

from bot.frontends.discord.charts import render_wins_chart, render_wins_chart_async, wins_by_manufacturer
from bot.knowledge import KnowledgeBase


def test_wins_are_derived_from_results(kb: KnowledgeBase) -> None:
    wins = wins_by_manufacturer(kb)
    assert sum(len(years) for years in wins.values()) == len(kb.races)  # one overall winner per race
    assert next(iter(wins)) == "Audi" and len(wins["Audi"]) == 9


def test_chart_is_a_png_sized_to_the_data(kb: KnowledgeBase) -> None:
    wins = wins_by_manufacturer(kb)
    image = Image.open(io.BytesIO(render_wins_chart(wins, kb.years)))
    assert image.format == "PNG"
    assert image.width > len(kb.years) * 20 and image.height > len(wins) * 20


def test_empty_chart_still_renders() -> None:
    assert render_wins_chart({}, []).startswith(b"\x89PNG")


async def test_async_render(kb: KnowledgeBase) -> None:
    assert (await render_wins_chart_async(kb)).startswith(b"\x89PNG")
