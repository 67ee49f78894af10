"""Charts as PNG bytes: overall wins by manufacturer over the years.

A timeline grid says it better than a table: one row per manufacturer (most wins
first), one column per race, a filled cell for each win, the total at the right.
Rendering is CPU work, so callers use :func:`render_wins_chart_async`, which runs
it in a worker thread and keeps the event loop free.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Mapping, Sequence
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from bot.knowledge import KnowledgeBase

PALETTE = (
    "#1f6fb2", "#c0392b", "#2e8b57", "#e0a526", "#8e44ad", "#16a085", "#d35400",
    "#2c3e50", "#7f8c8d", "#6c3483", "#1abc9c", "#5d6d7e",
)  # fmt: skip
BACKGROUND, GRID, INK, MUTED = "#ffffff", "#e3e7eb", "#1b2631", "#7a8793"


@lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)  # Pillow's bundled font (FreeType builds)
    except (TypeError, OSError):  # pragma: no cover - Pillow without FreeType
        return ImageFont.load_default()


def wins_by_manufacturer(kb: KnowledgeBase) -> dict[str, list[int]]:
    """Manufacturer name → the years it won overall, most wins first (derived from results)."""
    rows = kb.records.table("manufacturer")
    return {kb.name("manufacturer", row.id): sorted(row.years) for row in rows}


def render_wins_chart(wins: Mapping[str, Sequence[int]], years: Sequence[int], *, title: str | None = None) -> bytes:
    """A PNG timeline grid of ``wins`` (name → years won) over ``years``."""
    years = sorted(years)
    names = list(wins)
    cell, gap, left, right, top, bottom = 22, 3, 170, 56, 54, 44
    width = left + len(years) * (cell + gap) + right
    height = top + max(1, len(names)) * (cell + gap) + bottom
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    label_font, small_font, title_font = _font(14), _font(11), _font(17)

    heading = title or (f"Petit Le Mans overall wins by manufacturer, {years[0]}-{years[-1]}" if years else "No races")
    draw.text((left, 16), heading, fill=INK, font=title_font)
    column = {year: left + i * (cell + gap) for i, year in enumerate(years)}
    for row, name in enumerate(names):
        y = top + row * (cell + gap)
        colour = PALETTE[row % len(PALETTE)]
        shown = name if len(name) <= 20 else name[:19] + "…"
        draw.text((10, y + 3), shown, fill=INK, font=label_font)
        won = set(wins[name])
        for year, x in column.items():
            draw.rectangle((x, y, x + cell, y + cell), fill=colour if year in won else GRID)
        draw.text((left + len(years) * (cell + gap) + 8, y + 3), str(len(won)), fill=INK, font=label_font)
    axis_y = top + max(1, len(names)) * (cell + gap) + 6
    for year, x in column.items():
        draw.text((x + 1, axis_y), f"'{year % 100:02d}", fill=MUTED, font=small_font)
    draw.text(
        (left, axis_y + 18), "Each filled cell is an overall win in that year's race.", fill=MUTED, font=small_font
    )

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


async def render_wins_chart_async(kb: KnowledgeBase) -> bytes:
    """Render the manufacturer chart for ``kb`` in a worker thread."""
    wins = wins_by_manufacturer(kb)
    return await asyncio.to_thread(render_wins_chart, wins, kb.years)


__all__ = ["render_wins_chart", "render_wins_chart_async", "wins_by_manufacturer"]
