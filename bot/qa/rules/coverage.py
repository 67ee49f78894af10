"""Coverage: a question with a part the engine cannot read is not answered as a simpler one.

These rules come first. A query whose words include a modifier it did not read
("how *old* was Dixon", "*average* laps") or a finishing place the knowledge base
does not record gets ``unknown`` with what was understood and what was not, never
``answered``.
"""

from __future__ import annotations

from bot.qa.answer import Answer, unknown
from bot.qa.execute import Context
from bot.qa.format import join
from bot.qa.query import Query
from bot.qa.rules.base import Rule

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


#: The modifiers each lookup reads itself (from the question, not from the query). An answer
#: from any other lookup, or with other modifiers left unread, would answer a simpler question.
#: Retrieved facts ("fact:...") match the whole question's words and are not listed.
LOOKUP_READS: dict[str, frozenset[str]] = {
    "laps": frozenset({"laps", "lap"}),
    "margin": frozenset({"margin", "closest", "laps", "lap"}),  # "by how many laps did they win"
    "class-attribute": frozenset({"margin", "closest", "laps", "lap", "pole", "poles"}),  # a class result's notes
    "pole": frozenset({"pole", "poles", "qualified", "qualifying", "fastest", "lap"}),
    "pole-record": frozenset({"pole", "poles", "qualified", "qualifying", "fastest", "lap"}),
    "fastest-lap": frozenset({"fastest", "lap", "laps"}),
    "records": frozenset({"more", "than", "most", "least", "fewest", "only", "twice", "laps", "closest", "margin",
                          "longest", "shortest", "biggest", "smallest", "pole", "poles", "fastest", "lap"}),
    "winner": frozenset({"podium", "podiums"}),  # "the top step of the podium": the win
    "entity-year": frozenset({"second", "2nd", "third", "3rd", "fourth", "4th", "fifth"}),  # "its fifth win?"
    "every-year": frozenset({"both"}),
    "nationality": frozenset({"nationality", "country", "countries"}),
    "wins": frozenset({"most"}),  # "most wins dindo?": Capello's wins
}  # fmt: skip


def unread(intent: str, q: Query) -> list[str]:
    """The query's ignored words that the lookup answering as ``intent`` did not read either."""
    if intent.startswith("fact:") or not q.ignored:
        return []
    key = "wins" if intent.endswith("-wins") else "records" if intent.startswith("records") else intent
    reads = LOOKUP_READS.get(key, frozenset())
    return [w for w in q.ignored if w not in reads]


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
