"""Coverage: a question with a part the engine cannot read is not answered as a simpler one.

These rules come first. A query whose words include a modifier it did not read
("how *old* was Dixon", "*average* laps") or a finishing place the knowledge base
does not record gets ``unknown`` with what was understood and what was not, never
``answered``.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.qa.answer import Answer, unknown
from bot.qa.builders.attributes import cue_words
from bot.qa.cues import NATIONALITIES
from bot.qa.execute import Context
from bot.qa.format import join
from bot.qa.query import Query
from bot.qa.rules.base import Rule
from bot.qa.spans import ERA_WORDS
from bot.qa.vocabulary import COMMON_WORDS, LEXICON

#: Things people ask about that the sources do not give for drivers or races.
UNRECORDED = {
    "old": "drivers' ages",
    "age": "drivers' ages",
    "aged": "drivers' ages",
    "older": "drivers' ages",
    "younger": "drivers' ages",
    "average": "averages",
    "median": "averages",
    "percent": "percentages",
    "percentage": "percentages",
    "ratio": "ratios",
}


def _unrecorded(q: Query) -> bool:
    return any(w in UNRECORDED for w in q.ignored)


def _say_unrecorded(ctx: Context, q: Query) -> Answer:
    what = join(list(dict.fromkeys(UNRECORDED[w] for w in q.ignored if w in UNRECORDED)))
    return unknown(
        f"I don't record {what}: my knowledge holds results (who won, with which team and car, each year's "
        "race facts), so I can't answer that part. " + ctx.builder.scope_hint(),
        "unrecorded",
        years=q.years,
    )


def _partial(q: Query) -> bool:
    return q.compositional and bool(q.ignored)


def _say_partial(ctx: Context, q: Query) -> Answer:
    return not_understood(q.ignored, q)


#: The words each lookup reads itself (from the question, not from the query), beyond those the
#: query read. An answer from a lookup with any other content word left unread would answer a
#: simpler question, so it is declined. Retrieved facts ("fact:...") match the whole question's
#: words and are not listed. Each set is what the lookup's own code tests for.
_FINISH = frozenset({"finish", "finished", "end", "ended", "line", "flag", "chequered", "checkered"})
_PLACE_WORDS = frozenset({"second", "2nd", "third", "3rd", "fourth", "4th", "fifth"})
# A subject's wins: the count, the years, the crews, and the class wins beside them
_WINS = frozenset({"co", "codriver", "codrivers", "teammate", "teammates", "partner", "partners", "share", "shared",
                   "alongside", "crew", "crews", "lineup", "often", "most", "including", "included", "incl", "plus",
                   "counting"})  # fmt: skip
_RECORDS = frozenset({"more", "than", "most", "least", "fewest", "only", "twice", "laps", "closest", "margin", "longest",
                      "shortest", "biggest", "smallest", "pole", "poles", "fastest", "lap", "holds", "held", "top",
                      "one", "two", "three", "four", "five", "time", "timer", "timers", "all"})  # fmt: skip
_PICKS = frozenset({"first", "last", "final", "latest", "inaugural", "ever", "earliest", "recent"})
LOOKUP_READS: dict[str, frozenset[str]] = {
    "laps": frozenset({"laps", "lap", "complete", "completed", "covered", "miles", "mile", "distance", "many"}),
    "margin": frozenset({"margin", "closest", "close", "laps", "lap", "gap", "yellow", "caution", "by", *_FINISH}),
    "class-attribute": frozenset({"margin", "closest", "laps", "lap", "pole", "poles"}),  # a class result's notes
    "pole": frozenset({"pole", "poles", "qualified", "qualifying", "fastest", "lap", "sat", "sitter", "started"}),
    "pole-record": frozenset({"pole", "poles", "qualified", "qualifying", "fastest", "lap", "track"}),
    "fastest-lap": frozenset({"fastest", "lap", "laps"}),
    "records": _RECORDS,
    # "the top step of the podium": the win; "the last ALMS race", "the first 10-hour Petit": a race by its era
    "winner": frozenset({"podium", "podiums", "top", "topped", "step", "trophy", "crew", "p1", "place", "rain", *_PICKS,
                         *ERA_WORDS, "format", "merged", "merger", "under", "one"}),
    "class-winner": frozenset({"crew", "whos"}),
    "entity-year": _PLACE_WORDS | _WINS | {"two", "classes"},  # "its fifth win?", "win two classes in 2023"
    "every-year": frozenset({"both"}),
    "nationality": frozenset({"nationality", "country", "countries"}),
    "wins": _WINS,  # "most wins dindo?": Capello's wins; "who were his co-drivers": the crews of them
    "date": frozenset({"date", "day", "month", "when"}),
    "title": frozenset({"called", "official", "title", "name", "named", "sponsor", "sponsored"}),
    "championship": frozenset({"championship", "championships", "series", "part", "count", "counted", "round",
                               "finale", "final", "last", "closer", "ender"}),  # "was it the last race of the season"
    "race-time": frozenset({"long", "take", "took", "last", "lasted", "duration"}),
    "race-times": frozenset({"quickest", "slowest", "fastest", "longest", "shortest", "finish", "mile", "miles"}),
    "shortened": frozenset({"full", "distance", "shortened", "short", "rain", "red", "flagged", "stopped"}),
    "streaks": frozenset({"back", "three", "two", "four", "single", "straight", "consecutive"}),
    "streak-claim": frozenset({"settle", "bet"}),
    "same-team": frozenset({"same"}),
    "car": frozenset({"entered", "entrant"}),
    "class-history": _PICKS,
    "format": frozenset({*_PICKS, *ERA_WORDS, "format", "switch", "switched", "changed", "became", "went"}),
}  # fmt: skip


# An attribute's lookup reads its own cues ("how big was the crowd in 2005": "crowd"), and these beside them
_ATTRIBUTE_EXTRA = {"attendance": frozenset({"big", "large", "size", "turnout", "crowds", "fans", "people"})}
for _name, _words in cue_words().items():
    LOOKUP_READS[_name] = LOOKUP_READS.get(_name, frozenset()) | _words | _ATTRIBUTE_EXTRA.get(_name, frozenset())


def unread(intent: str, q: Query, named: Callable[[str], bool]) -> list[str]:
    """The query's unread words that the lookup answering as ``intent`` did not read either.

    ``named`` tells the words of names: an unknown or misspelt name is for the name steps
    (which ask "did you mean" or say who they do not know), not for coverage. Only ordinary
    words count: numbers ("in '02", "won 3 times") and names outside the index ("Lietz", in a
    race's notes) are read by the lookups from the parse.
    """
    left = set(q.unread)  # (computed once: it is a scan of the words)
    if intent.startswith("fact:") or not left:
        return []
    key = "wins" if intent.endswith("-wins") else "records" if intent.startswith("records") else intent
    reads = LOOKUP_READS.get(key, frozenset())
    first_names = {f.start - 1 for f in q.entities if f.ref.kind == "driver"}  # "alan mcnish": the name steps' call
    return [
        w for i, w in enumerate(q.words)
        if i not in q.used and w in left and w not in reads and i not in first_names
        and (not named(w) or w in NATIONALITIES)  # ("French" is James French's name, and a nationality)
        and (w in LEXICON or w in COMMON_WORDS)  # (a year or count parsing read, or a name only the lookups know)
    ]  # fmt: skip


def not_understood(words: list[str], q: Query) -> Answer:
    """What a question with a part the engine did not read gets: what was not understood, and how to ask."""
    said = join([f"\u201c{w}\u201d" for w in dict.fromkeys(words)])
    return unknown(
        f"I understood part of that, but not what {said} should change, and I won't guess. "
        'Try one part at a time, for example "how many wins does Audi have since 2010" or '
        '"which drivers won GTD after 2020".',
        "not-understood",
        years=q.years,
    )


UNRECORDED_RULES = (Rule("unrecorded", _unrecorded, _say_unrecorded),)
NOT_UNDERSTOOD = (Rule("not-understood", _partial, _say_partial),)
RULES = (*UNRECORDED_RULES, *NOT_UNDERSTOOD)
