"""Which attribute of a race a question asks for ("the margin", "the pole", "the team")."""

from __future__ import annotations

from bot.qa.parse import Parsed

#: "was it the full 10 hours?": the shortened cues a shortened race answers "No" to (not "Yes, it was shortened").
FULL_DISTANCE = ("full distance", "full race", "full length", "full 10 hours", "full ten hours", "whole 10 hours",
                 "all 10 hours", "full 1000 miles", "full thousand miles", "full 394 laps", "in full", "whole race",
                 "whole distance")  # fmt: skip

# attribute → cue phrases, checked in this order (the first that matches wins).
_ATTRIBUTES: list[tuple[str, tuple[str, ...]]] = [
    ("car-number", ("car number", "what number", "which number", "race number")),
    ("fastest-lap", ("fastest lap", "fastest race lap", "quickest lap", "best lap", "fastest laps")),
    ("pole", ("pole", "qualifying", "qualified", "fastest qualifier", "started first")),
    (
        "margin",
        (
            "margin",
            "margins",
            "how close",
            "race close",
            "close finish",
            "close race",
            "tight finish",
            "photo finish",
            "race end",
            "race finish",
            "by how much",
            "by how many",
            "gap",
            "how far ahead",
            "winning margin",
            "closest",
            "win by",
            "won by",
            "under yellow",
            "under caution",
            "finish under",
            "full course",
        ),
    ),
    (
        "shortened",
        (
            "shortened",
            "cut short",
            "red flag",
            "red flagged",
            "rain",
            "stopped",
            *FULL_DISTANCE,
            "called early",
            "finish early",
            "end early",
        ),
    ),
    ("attendance", ("attendance", "crowd", "spectators", "how many fans", "how many people")),
    (
        "championship",
        (
            "championship",
            "championships",
            "series",
            "which round",
            "what round",
            "part of",
            "season finale",
            "finale",
            "final round",
            "last round",
            "season ender",
            "last race of the season",
        ),
    ),
    ("title", ("title", "event name", "official name", "sponsor", "called", "named", "presented", "powered by")),
    (
        "date",
        (
            "date",
            "what day",
            "when was",
            "when exactly was",
            "when exactly",
            "when did",
            "when is",
            "which day",
            "held on",
            "what month",
            "on october",
            "on september",
            "on november",
            "in october",
            "in september",
            "in november",
        ),
    ),
    (
        "race-time",
        (
            "how long did",
            "race time",
            "winning time",
            "how long it took",
            "how long did it take",
            "duration",
            "how long was the race",
        ),
    ),
    ("laps", ("laps", "lap count", "how far", "distance", "miles", "how many lap")),
    ("format", ("format", "how long was", "how many hours", "hours", "length of the race", "10 hours", "1000 miles")),
    (
        "edition",
        (
            "which edition",
            "what edition",
            "edition number",
            "edition was",
            "anniversary",
            "which petit",
            "what number petit",
            "which running",
        ),
    ),
    (
        "classes",
        (
            "class winners",
            "all classes",
            "each class",
            "every class",
            "all the classes",
            "classes",
            "class results",
            "gt winners",
        ),
    ),
    ("winner-class", ("what class", "which class", "class was")),
    ("engine", ("engine", "powered", "motor")),
    ("manufacturer", ("manufacturer", "make", "brand", "constructor", "marque", "maker")),
    ("car", ("car", "chassis", "model", "drive", "drove", "vehicle")),
    ("team", ("team", "entrant", "squad", "outfit")),
    ("card", ("race card", "tell me about", "results", "summary", "what happened", "recap", "everything")),
]


# Cue words that also occur in questions about something else ("which series grew out of ...").
def cue_words() -> dict[str, frozenset[str]]:
    """Each attribute's cue words ("crowd", "how", "many", "fans"): what its lookup reads of a question."""
    return {name: frozenset(w for cue in cues for w in cue.split()) for name, cues in _ATTRIBUTES}


WEAK_CUES = frozenset({"series", "part of", "called", "named", "running", "make", "drive", "model", "hours", "results"})


def attribute_asked(p: Parsed) -> tuple[str | None, str | None]:
    """The race attribute a question asks for, and the cue phrase that said so."""
    if p.phrase("what number edition", "which number edition", "what edition", "which edition", "edition number"):
        return "edition", "edition"  # "what number edition was 2025": not the car number
    for attribute, cues in _ATTRIBUTES:
        if p.phrase(*cues):  # one scan per attribute; find the cue only for the one that matched
            return attribute, next(cue for cue in cues if p.phrase(cue))
    return None, None
