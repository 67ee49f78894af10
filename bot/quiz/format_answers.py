"""Judging the answer kinds of the newer formats: an order of names, and higher or lower.

Rules (the matcher's own rules apply to every name, through :meth:`Matcher.check`):

- **Order** ("put these three in order"): every name, once each, in the right order.
  Names may be separated by commas, "then", "before", arrows or "and", or only by
  spaces. A name that is none of the three, a name given twice, a hedge inside a
  name ("Audi or Porsche") or a missing name is wrong; a name two of them share is
  ambiguous.
- **Higher or lower**: "higher", "more", "lower", "fewer" and the like; a negation
  turns it round ("not more" is lower); both or neither is wrong.

This module uses only :meth:`Matcher.check` and :data:`bot.quiz.verdict.FILLER`, so the
matcher's internals can change without touching it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from bot.qa.normalize import normalize
from bot.quiz import verdict
from bot.quiz.model import AnswerSpec, Question

if TYPE_CHECKING:
    from bot.quiz.verdict import Judgement


class Matcher(Protocol):
    """What these judges need of :class:`bot.quiz.matching.Matcher`: judging one name (no import, no cycle)."""

    def check(self, question: Question, text: str) -> Judgement: ...


KINDS = frozenset({"order", "direction"})
_SEPARATORS = re.compile(
    r"\s*(?:,|;|\n|->|=>|→|>|\band then\b|\bthen\b|\bbefore\b|\bfollowed by\b|\band\b|\b[1-3][.)])\s*",
    re.IGNORECASE,
)
_ORDINALS = frozenset({"first", "second", "third", "last", "finally", "earliest", "latest", "next", "st", "nd", "rd"})
_REVERSED = frozenset({"after", "reverse", "reversed", "backwards", "latest"})
_JOINERS = frozenset({"then", "before", "followed", "by", "and"})  # separators, once punctuation is gone
_LONGEST_NAME = 6  # words: longer than any name in the data
_HIGHER = frozenset({"higher", "more", "high", "greater", "bigger", "up", "over", "above", "h", "most"})
_BOTH_WAYS = frozenset(
    {"or", "equal", "equals", "same", "either", "tie", "tied", "level", "nor", "neither", "idk", "dunno"}
)
_LOWER = frozenset({"lower", "fewer", "less", "low", "smaller", "down", "under", "below", "l", "least"})
_NEGATORS = frozenset({"not", "isnt", "wasnt", "never", "didnt", "doesnt", "hasnt"})


def judge(matcher: Matcher, question: Question, text: str) -> Judgement:
    """The verdict on ``text`` for an ``order`` or ``direction`` question."""
    if question.spec.kind == "direction":
        return _direction(question.spec, text)
    return _order(matcher, question, text)


# -- order ---------------------------------------------------------------------------------------
def _order(matcher: Matcher, question: Question, text: str) -> Judgement:
    spec = question.spec
    want = list(spec.order)
    pieces = [p for p in _SEPARATORS.split(text) if p and normalize(p)]
    if not pieces:
        return verdict.Judgement(verdict.Verdict.EMPTY, reason="empty")
    by_pieces = _by_pieces(matcher, question, pieces)
    named = by_pieces if isinstance(by_pieces, list) and _whole(by_pieces, want) else None
    if named is None:
        # No separators ("audi porsche cadillac"), or a name with a separator word in it: read word by word.
        split = _split_words(matcher, question, text)
        if split is not None and _whole(split, want):
            named = split
        elif isinstance(by_pieces, list):
            named = by_pieces  # judged as read: a name twice, or one missing
        elif split is not None and by_pieces.verdict is not verdict.Verdict.AMBIGUOUS:
            named = split
        else:
            return by_pieces  # "Taylor": ask which; a hedge or an unknown name: wrong
    if len(set(named)) != len(named):
        return verdict.Judgement(verdict.Verdict.WRONG, reason="a name given twice")
    if len(named) < len(want):
        return verdict.Judgement(verdict.Verdict.WRONG, reason=f"all {len(want)} names are needed, in order")
    if named != want:
        return verdict.Judgement(verdict.Verdict.WRONG, reason="wrong order")
    return verdict.Judgement(verdict.Verdict.CORRECT, found=len(want), wanted=len(want))


def _whole(named: list[str], want: list[str]) -> bool:
    """Every name once: a reading worth judging for its order."""
    return len(named) == len(want) == len(set(named))


def _by_pieces(matcher: Matcher, question: Question, pieces: list[str]) -> list[str] | Judgement:
    """The name of each piece, or the verdict on the first piece that names none of them."""
    named: list[str] = []
    for piece in pieces:
        found = _identify(matcher, question, piece)
        if not isinstance(found, str):
            return found
        named.append(found)
    return named


def _identify(matcher: Matcher, question: Question, piece: str) -> str | Judgement:
    """Which of the question's names ``piece`` is, or the verdict that it is none (or several)."""
    words = [w for w in normalize(piece).split() if w not in _ORDINALS]
    if not words:
        return verdict.Judgement(verdict.Verdict.WRONG, reason="no name recognised")
    rest = " ".join(words)
    hits: list[str] = []
    ambiguous = False
    for id_ in question.spec.order:
        said = matcher.check(_one(question, id_), rest).verdict
        if said is verdict.Verdict.CORRECT:
            hits.append(id_)
        ambiguous = ambiguous or said is verdict.Verdict.AMBIGUOUS
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1 or ambiguous:
        return verdict.Judgement(verdict.Verdict.AMBIGUOUS, reason="shared name")
    return verdict.Judgement(verdict.Verdict.WRONG, reason=f"not one of the names: {rest!r}")


def _split_words(matcher: Matcher, question: Question, piece: str) -> list[str] | None:
    """Names read from words with no separators: the split that uses every word and finds the most different names.

    The most names, because the matcher lets a name carry a stray word or two: "Rebellion
    Racing Wayne Taylor Racing" is two teams, not Rebellion with two words to spare.
    """
    words = normalize(piece).split()
    if any(w in verdict.HEDGES or w in _REVERSED for w in words):
        return None  # "audi or peugeot ...", "cadillac after peugeot ...": not one order
    best: dict[int, list[str] | None] = {len(words): []}

    def split(i: int) -> list[str] | None:
        if i in best:
            return best[i]
        options: list[list[str]] = []
        if words[i] in verdict.FILLER or words[i] in _ORDINALS or words[i] in _JOINERS:
            rest = split(i + 1)
            if rest is not None:
                options.append(rest)
        for j in range(min(len(words), i + _LONGEST_NAME), i, -1):
            found = _identify(matcher, question, " ".join(words[i:j]))
            if isinstance(found, str) and (rest := split(j)) is not None:
                options.append([found, *rest])
        best[i] = max(options, key=lambda o: (len(set(o)), -len(o))) if options else None
        return best[i]

    return split(0) if words else None


def _one(question: Question, id_: str) -> Question:
    """``question`` as if it asked for ``id_`` alone: the matcher then says whether a piece names it."""
    spec = AnswerSpec("entity", question.spec.entity_kind, frozenset({id_}))
    return replace(question, spec=spec, options_in_prompt=False)


# -- higher or lower -----------------------------------------------------------------------------
def _direction(spec: AnswerSpec, text: str) -> Judgement:
    words = normalize(text).split()
    if not words:
        return verdict.Judgement(verdict.Verdict.EMPTY, reason="empty")
    hedge = next((w for w in words if w in _BOTH_WAYS), None)
    if hedge is not None:  # "lower or equal", "higher or the same": not one answer
        return verdict.Judgement(verdict.Verdict.WRONG, reason=f"a hedge ({hedge!r}): one answer, please")
    higher = any(w in _HIGHER for w in words)
    lower = any(w in _LOWER for w in words)
    if any(w in _NEGATORS for w in words) and higher != lower:  # "not more": lower
        higher, lower = lower, higher
    if higher == lower:
        return verdict.Judgement(verdict.Verdict.WRONG, reason="neither or both")
    ok = higher == spec.truth
    return verdict.Judgement(verdict.Verdict.CORRECT if ok else verdict.Verdict.WRONG)
