"""What the bot is and what it knows: the version, the knowledge base's extent and digest, the sources.

One text for the console (``plm-trivia about``) and Discord (``/about``), so an operator can
check that two processes serve the same facts (same content hash).
"""

from __future__ import annotations

from importlib import metadata

from bot.knowledge.base import KnowledgeBase

SOURCES = (
    "Every fact is sourced: per-year race articles and results (Wikipedia, IMSA and ALMS results), "
    "race reports from the specialist press, each with a confidence. Ask \u201csources?\u201d after an "
    "answer, or press its Sources button."
)


def version() -> str:
    try:
        return metadata.version("plm-trivia")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def about(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(label, value) pairs, in the order they are shown."""
    stats = kb.stats
    return [
        ("Version", f"plm-trivia {version()}"),
        (
            "Knowledge",
            f"{stats['races']} races, {kb.first_year}\u2013{kb.last_year} (latest: {kb.last_year}); "
            f"{stats['drivers']} drivers, {stats['teams']} teams, {stats['manufacturers']} manufacturers, "
            f"{stats['cars']} cars, {stats['facts']} facts",
        ),
        ("Content hash", kb.content_hash),
        ("Sources", SOURCES),
    ]
