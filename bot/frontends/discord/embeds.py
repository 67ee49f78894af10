"""Answer → discord.Embed, in one style for every command.

Title, description (the answer's text, or one page of its ``lines``), fields, a colour
by status, and a footer naming sources and, when it is not high, the confidence.
Discord's embed limits are enforced here (title 256, description 4096, 25 fields of
256/1024, footer 2048, 6000 in all) so no answer can make a send fail.

An answer is plain text (it may quote what the user typed), so it is shown as text:
markdown, masked links, spoilers, headings and mention pills are escaped here, in the
one place every answer passes through.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import discord

from bot.qa.answer import Answer

COLOURS = {
    "answered": discord.Colour(0x1F6FB2),  # Road Atlanta blue
    "clarify": discord.Colour(0xE0A526),  # caution yellow
    "unknown": discord.Colour(0x7A8793),  # neutral grey
    "error": discord.Colour(0xC0392B),
    "ok": discord.Colour(0x2E8B57),
}

TITLE_MAX, DESCRIPTION_MAX, FIELDS_MAX, FIELD_NAME_MAX, FIELD_VALUE_MAX = 256, 4096, 25, 256, 1024
FOOTER_MAX, EMBED_TOTAL_MAX = 2048, 6000
#: A page of ``lines`` stays well under the description limit and readable on a phone.
PAGE_LINES, PAGE_CHARS = 12, 2400


_PILL = re.compile(r"<(@[!&]?|#)(\d+)>")  # <@123>, <@&123> (a role), <#123> (a channel)
_LINE_START = re.compile(r"^(\s*)(#|-#|>)", re.MULTILINE)  # headings, subtext, quotes


def plain(text: str) -> str:
    """``text`` as Discord shows it literally: no markdown, links, spoilers or mention pills."""
    text = discord.utils.escape_mentions(discord.utils.escape_markdown(text))
    text = _PILL.sub("<\u200b\\1\\2>", text)
    return _LINE_START.sub(r"\1\\\2", text)


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def paginate(lines: Sequence[str], per_page: int = PAGE_LINES, max_chars: int = PAGE_CHARS) -> list[list[str]]:
    """Split ``lines`` into pages of at most ``per_page`` lines and ``max_chars`` characters."""
    pages: list[list[str]] = []
    page: list[str] = []
    size = 0
    for raw in lines:
        line = clip(raw, max_chars)
        if page and (len(page) >= per_page or size + len(line) + 1 > max_chars):
            pages.append(page)
            page, size = [], 0
        page.append(line)
        size += len(line) + 1
    if page:
        pages.append(page)
    return pages


def footer_text(answer: Answer, page: int | None = None, pages: int | None = None) -> str:
    parts: list[str] = []
    if pages and pages > 1 and page is not None:
        parts.append(f"Page {page + 1}/{pages}")  # first, so clipping a long footer never hides it
    if answer.footer:
        parts.append(answer.footer)  # the engine's own footer already names sources/confidence
    elif answer.sources:
        shown = list(dict.fromkeys(answer.sources))
        names = "; ".join(shown[:2]) + (f" (+{len(shown) - 2} more)" if len(shown) > 2 else "")
        parts.append(("Source: " if len(shown) == 1 else "Sources: ") + names)
    if not answer.footer and answer.confidence and answer.confidence != "high":
        parts.append(f"Confidence: {answer.confidence}")
    return clip(" · ".join(parts), FOOTER_MAX)


def answer_embed(answer: Answer, *, page: int = 0, pages: Sequence[Sequence[str]] | None = None) -> discord.Embed:
    """The embed for ``answer``; with ``pages`` (from :func:`paginate`), the given page of its lines."""
    description = plain(answer.summary or answer.text)
    if answer.status == "clarify" and answer.candidates:
        options = "\n".join(f"**{i}.** {plain(c.label)}" for i, c in enumerate(answer.candidates[:25], 1))
        description = f"{plain(answer.text)}\n\n{options}\n\nPick one below."
    if pages:
        body = "\n".join(plain(line) for line in pages[min(page, len(pages) - 1)])
        description = f"{plain(answer.text)}\n\n{body}" if answer.text else body
    title = clip(plain(answer.title or "Petit Le Mans"), TITLE_MAX)
    footer = footer_text(answer, page, len(pages) if pages else None)
    # Title, description and footer share the 6,000 in all: the description gives way.
    room = min(DESCRIPTION_MAX, EMBED_TOTAL_MAX - len(title) - len(footer))
    embed = discord.Embed(
        title=title, description=clip(description, room), colour=COLOURS.get(answer.status, COLOURS["answered"])
    )
    budget = EMBED_TOTAL_MAX - len(title) - len(embed.description or "") - len(footer)
    for f in answer.fields[:FIELDS_MAX]:
        name = clip(plain(f.name), FIELD_NAME_MAX) or "\u200b"
        value = clip(plain(f.value), FIELD_VALUE_MAX) or "\u200b"
        if len(name) + len(value) > budget:
            break  # drop the remaining fields rather than fail the whole message
        embed.add_field(name=name, value=value, inline=f.inline)
        budget -= len(name) + len(value)
    if footer:
        embed.set_footer(text=footer)
    return embed


def notice_embed(title: str, text: str, *, kind: str = "unknown") -> discord.Embed:
    """A plain message in the same style: refusals, errors, confirmations."""
    return discord.Embed(
        title=clip(title, TITLE_MAX),
        description=clip(text, DESCRIPTION_MAX),
        colour=COLOURS.get(kind, COLOURS["unknown"]),
    )


__all__ = ["COLOURS", "answer_embed", "clip", "footer_text", "notice_embed", "paginate", "plain"]
