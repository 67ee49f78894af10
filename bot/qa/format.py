"""Small text helpers shared by the answer builders."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

CONFIDENCE_RANK = {"high": 2, "medium": 1, "low": 0}


def join(items: Sequence[str], last: str = "and") -> str:
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def years_text(years: Iterable[int]) -> str:
    return join([str(y) for y in years])


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def weakest(*levels: str | None) -> str | None:
    present = [lvl for lvl in levels if lvl]
    return min(present, key=lambda lvl: CONFIDENCE_RANK.get(lvl, 0)) if present else None


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def site(source: str) -> str:
    """'sportwagen-hp.de' from a URL; a source written as text is kept as it is."""
    m = re.match(r"https?://(?:www\.)?([^/]+)", source)
    return m.group(1) if m else source
