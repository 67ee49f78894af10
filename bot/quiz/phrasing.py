"""Small wording helpers shared by the templates and the reveal.

``join``, ``plural`` and ``years_text`` are the engine's (:mod:`bot.qa.format`), re-exported so
an answer and a quiz question list names the same way.
"""

from __future__ import annotations

import re

from bot.knowledge import KnowledgeBase
from bot.knowledge.model import Race, Result
from bot.qa.format import join, plural, years_text

__all__ = [
    "all_of", "class_label", "entrant_name", "first_sentence", "join", "number_word", "plural",
    "result_atoms", "result_sentence", "trusted", "usable", "years_text",
]  # fmt: skip

TRUSTED = frozenset({"high", "medium"})
_COUNT_WORDS = {2: "both", 3: "all three", 4: "all four", 5: "all five"}
_NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


def trusted(*levels: str | None) -> bool:
    """High or medium; ``None`` means the field inherits a level checked elsewhere."""
    return all(level is None or level in TRUSTED for level in levels)


def usable(race: Race, result: Result) -> bool:
    """The quiz asks only about facts of high or medium confidence."""
    return trusted(race.confidence, result.confidence)


def all_of(n: int) -> str:
    return _COUNT_WORDS.get(n, f"all {n}")


def number_word(n: int) -> str:
    return _NUMBER_WORDS.get(n, str(n))


def class_label(kb: KnowledgeBase, result: Result) -> str:
    return result.class_label or kb.name("class", result.class_)


_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_FIRST_SENTENCE = re.compile(r"^(.+?)(?:[.!?](?:\s|$)|;)")


def entrant_name(kb: KnowledgeBase, result: Result) -> str:
    """The team as entered that year ("Porsche North America" in 2015), without research notes in brackets."""
    entrant = _PARENTHESES.sub("", result.entrant or "").strip()
    return entrant or kb.name("team", result.team)


def first_sentence(text: str | None) -> str:
    """The first sentence of a note, without its brackets or final stop: reveals stay one clean sentence."""
    cleaned = _PARENTHESES.sub("", text or "").strip()
    match = _FIRST_SENTENCE.match(cleaned)
    first = match.group(1) if match else cleaned.rstrip(".")
    return first[:1].lower() + first[1:] if first[:2].istitle() or first[:2].islower() else first


def result_sentence(kb: KnowledgeBase, year: int, result: Result) -> str:
    """One sentence about a result: who, in what, for whom (only the trusted details)."""
    who = join(kb.driver_names(result)) or "The winners"
    what = []
    if result.car_number and trusted(result.car_number_confidence):
        what.append(f"#{result.car_number}")
    if result.car:
        what.append(kb.name("car", result.car))
    car = f" in the {' '.join(what)}" if what else ""
    team = f" for {entrant_name(kb, result)}" if result.team else ""
    scope = "overall" if result.overall else f"the {class_label(kb, result)} class"
    laps = f" ({result.laps} laps)" if result.laps and result.overall and trusted(result.laps_confidence) else ""
    return f"{who} won {scope} in {year}{car}{team}{laps}."


def result_atoms(year: int, result: Result) -> frozenset[str]:
    """The scoped numbers :func:`result_sentence` prints (names and years are read from the text)."""
    out = {f"class:{result.class_}"} | ({f"team:{result.team}"} if result.team else set())
    if result.overall and result.car_number and trusted(result.car_number_confidence):
        out.add(f"car-number:{year}")
    if result.laps and result.overall and trusted(result.laps_confidence):
        out.add(f"laps:{year}")
    return frozenset(out)
