"""Delivery: an answer must give what its question asks for.

Coverage (``Query.unread``) makes sure no word of a question was left unread. This is the
check from the other side: the typed query says what is asked (``asks``: a team, a count,
a year...), and an answer that names nothing of that kind answered another question, however
well it read the words. "Which team won in 2012 and 2013" answered with the crews, or "how many
GTLM wins did Porsche take (incl the 2015 overall)" answered with the 2015 race, are declined
rather than said with confidence.

The check reads the answer's text, so it holds for every rule and lookup alike. It is lenient
on purpose: any name of the asked kind, a number for a count, a year for "when", or a plain
negative ("no team won both") counts as delivered.
"""

from __future__ import annotations

import re

from bot.qa.answer import Answer, unknown
from bot.qa.index import EntityIndex
from bot.qa.normalize import NUMBER_WORDS, normalize
from bot.qa.query import Query

#: The kinds whose names an answer must contain when the query asks for one of them.
_NAMED_KINDS = ("driver", "team", "manufacturer", "car", "class")
_SAID_AS = {"driver": "who", "team": "which team", "manufacturer": "which manufacturer", "car": "which car",
            "class": "which class", "count": "how many", "year": "when"}  # fmt: skip
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A count in an answer: a number that is not a year, a car number ("#911") or part of a model's name
_NUMBER = re.compile(r"(?<![#\w.])\d+(?![\w-]|\.\d)")
_COUNT_WORDS = frozenset({*NUMBER_WORDS, "none", "zero"})
_COUNTED = frozenset({"count", "distinct", "sum", "difference", "years-between"})
# "No team won both", "There are no...", "... is not among the winners": a negative answer delivers any kind
_ENTERED = frozenset({"ran", "runs", "run", "entered", "enters", "fielded", "fields", "prepared"})  # (as query's)
_NEGATIVE = re.compile(
    r"^(?:no\b|none\b|there (?:are|is|were|was) no\b|nobody\b|never\b)|\bnot among\b|\bno \w+ (?:has|have|had|won|took)\b"
)


class Delivery:
    """The names of each kind, compiled once per knowledge base, and the check itself."""

    def __init__(self, index: EntityIndex) -> None:
        self._names: dict[str, re.Pattern[str]] = {}
        for kind in _NAMED_KINDS:
            forms = sorted((f for f in index.readings(kind) if len(f) >= 2), key=len, reverse=True)
            self._names[kind] = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b")

    def missing(self, q: Query, answer: Answer) -> str | None:
        """What the query asks for that the answer does not give (a kind, "count" or "year"), or None."""
        people = bool({"who", "whom", "winners", "drivers"} & set(q.words)) and q.about_results  # (not "who founded")
        if answer.status == "answered" and q.asks == "winners" and answer.intent.startswith("fact:") and people:
            # "which overall winners also won LMP2": a stored fact that names nobody has not said who
            return None if self.names("driver", answer.text) else "driver"
        if answer.status != "answered" or q.asks in ("winners", "yesno", "number"):
            return None
        if answer.intent.startswith("fact:") and not q.about_results:
            return None  # a stored fact answers in its own words ("the most cautions": no driver is asked)
        text = normalize(answer.text)
        if _NEGATIVE.search(text):
            return None
        if q.measure in _COUNTED:  # "how many wins for Honda-powered cars": a number, whatever is counted
            return None if self._counts(answer.text) else "count"
        also = self.also_missing(q, answer)
        if also:  # "which team won ... and in what car": the team alone answers half
            return also[0]
        if q.asks in self._names:
            # "who did he share the car with": a "who" is answered by people (or a team) whatever noun follows
            ran = q.asks == "team" and any(
                w == "who" and q.words[i + 1 : i + 2] and q.words[i + 1] in _ENTERED for i, w in enumerate(q.words)
            )  # ("who ran the winning Lolas": a team, the drivers do not answer it)
            kinds = {q.asks, "driver", "team"} if {"who", "whom"} & set(q.words) and not ran else {q.asks}
            return None if any(self._names[k].search(text) for k in kinds) else q.asks
        if q.asks == "year":
            return None if _YEAR.search(answer.text) else "year"
        return None

    def also_missing(self, q: Query, answer: Answer) -> list[str]:
        """The kinds asked beside the first ("... and in what car") that the answer names nothing of."""
        text = normalize(answer.text)
        numbered = bool(re.search(r"#\s?\d", answer.text))  # ("and what number was the car": a #number said)
        return [
            k for k in q.also_asks
            if (k == "number" and not numbered) or (k in self._names and not self._names[k].search(text))
        ]  # fmt: skip

    def names(self, kind: str, text: str) -> bool:
        """Whether ``text`` names anything of ``kind`` (a driver, team, make, car or class)."""
        return bool(self._names[kind].search(normalize(text)))

    def _counts(self, text: str) -> bool:
        plain = self._names["car"].sub(" ", normalize(re.sub(r"#\s?\d+", " ", text)))
        numbers = [n for n in _NUMBER.findall(plain) if not _YEAR.fullmatch(n)]
        return bool(numbers) or bool(_COUNT_WORDS & set(plain.split()))


def not_delivered(what: str, q: Query) -> Answer:
    """The decline for an answer that would have answered another question."""
    asked = _SAID_AS.get(what, what)
    return unknown(
        f"I read that as asking \u201c{asked}\u201d, but I could not find an answer to that part, and I won't "
        'answer a different question. Try one part at a time, for example "which team won in 2012" or '
        '"how many GTLM wins does Porsche have".',
        "not-delivered",
        years=q.years,
    )
