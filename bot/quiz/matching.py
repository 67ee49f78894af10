"""Fair answer matching: generous with spelling, strict about meaning.

Accepted: a surname when no other driver shares it, typos proportional to length
(none for words under five letters), missing accents, nicknames and other aliases
from the data, numbers as digits or words, a car with or without its make, and
filler around the answer ("I think it was Capello").

Rejected: a short answer hidden in a longer word (no substring matching at all, so
"air" never matches "chair"), a name of something else, and answers that list
several candidates hoping one hits: any wrong name or second number rejects the
whole answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from bot.knowledge import KnowledgeBase
from bot.quiz import format_answers
from bot.quiz.aliases import AliasIndex, Hit, alias_index
from bot.quiz.model import AnswerSpec, Question
from bot.quiz.text import answer_tokens

#: Words that may surround an answer without counting as a guess.
FILLER = frozenset(
    {
        "a",
        "an",
        "and",
        "or",
        "the",
        "i",
        "im",
        "m",
        "think",
        "thinks",
        "thought",
        "its",
        "it",
        "s",
        "is",
        "was",
        "were",
        "be",
        "been",
        "maybe",
        "perhaps",
        "probably",
        "pretty",
        "sure",
        "guess",
        "answer",
        "my",
        "must",
        "that",
        "he",
        "she",
        "they",
        "who",
        "won",
        "win",
        "wins",
        "winner",
        "winners",
        "driver",
        "drivers",
        "team",
        "teams",
        "car",
        "cars",
        "make",
        "manufacturer",
        "with",
        "in",
        "by",
        "of",
        "for",
        "overall",
        "hmm",
        "um",
        "uh",
        "ok",
        "okay",
        "lol",
        "surely",
        "definitely",
        "obviously",
        "easy",
        "year",
        "years",
        "yes",
        "no",
        "times",
        "time",
        "victories",
        "victory",
        "class",
        "went",
        "to",
        "say",
        "would",
        "believe",
        "so",
        "well",
        "oh",
        "also",
        "both",
        "all",
    }
)
_TRUE = frozenset({"true", "yes", "yeah", "yep", "yup", "correct", "right", "t", "y", "fact"})
_FALSE = frozenset({"false", "no", "nope", "nah", "wrong", "incorrect", "f", "n", "myth", "fake"})
_LETTERS = "abcd"
#: An answer that hedges ("montagny or minassian", "not montagny", "anyone but mcnish") is
#: not one answer: it is wrong, whichever name is right.
HEDGES = frozenset({"or", "not", "but", "except", "either", "maybe", "perhaps", "possibly", "probably", "unless",
                    "nor", "anyone", "anybody", "guess", "dunno", "idk", "isnt", "wasnt", "didnt"})  # fmt: skip
_NEGATORS = frozenset({"not", "isnt", "wasnt", "arent", "never", "aint", "didnt", "doesnt"})
MAX_TOKENS = 16  # longer than any honest answer; beyond it, someone is pasting a list
MAX_UNKNOWN = 2  # non-filler words that name nothing we know
MAX_NGRAM = 5


class Verdict(Enum):
    CORRECT = "correct"
    PARTIAL = "partial"  # some, not all, of the names wanted
    AMBIGUOUS = "ambiguous"  # a name several entities share ("Taylor")
    WRONG = "wrong"
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class Judgement:
    verdict: Verdict
    found: int = 0  # names wanted and given (PARTIAL)
    wanted: int = 0
    reason: str = ""  # why, for logs and the tests
    ambiguous: tuple[str, ...] = field(default=())  # the shared name as typed

    @property
    def correct(self) -> bool:
        return self.verdict is Verdict.CORRECT


class Matcher:
    """Checks typed answers against a question; one per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb

    def index(self, kind: str) -> AliasIndex:
        return alias_index(self._kb, kind)

    def check(self, question: Question, text: str) -> Judgement:
        tokens = answer_tokens(text)
        if not tokens:
            return Judgement(Verdict.EMPTY, reason="empty")
        if len(tokens) > MAX_TOKENS:
            return Judgement(Verdict.WRONG, reason="too long")
        if question.options_in_prompt and len(tokens) == 1 and len(tokens[0]) == 1 and tokens[0] in _LETTERS:
            index = _LETTERS.index(tokens[0])
            ok = index == question.correct
            return Judgement(Verdict.CORRECT if ok else Verdict.WRONG, reason="letter")
        spec = question.spec
        if spec.kind in format_answers.KINDS:  # an order of names, higher or lower: judged there
            return format_answers.judge(self, question, text)
        if spec.kind == "boolean":
            return _check_boolean(spec, tokens)
        if any(t in HEDGES for t in tokens):
            return Judgement(Verdict.WRONG, reason="hedge: one answer, please")
        if spec.kind in ("number", "year"):
            return _check_number(spec, tokens)
        return self._check_entities(spec, tokens)

    # -- entities ----------------------------------------------------------------------------
    def _check_entities(self, spec: AnswerSpec, tokens: list[str]) -> Judgement:
        assert spec.entity_kind is not None
        index = self.index(spec.entity_kind)
        whole = index.lookup("".join(tokens))
        if whole is not None and whole.ids:
            mentions, unknown = [whole], 0
        else:
            mentions, unknown = _segment(index, tokens)
        if unknown > MAX_UNKNOWN:
            return Judgement(Verdict.WRONG, reason="too many unrecognised words")
        targets = spec.ids
        hits: set[str] = set()
        ambiguous: list[Hit] = []
        for hit in mentions:
            if len(hit.ids) == 1:
                (id_,) = hit.ids
                if id_ not in targets:
                    return Judgement(Verdict.WRONG, reason=f"names {id_}")
                hits.add(id_)
            elif hit.ids <= targets:
                # Every entity the shared name could mean is right: it counts once.
                hits.add(min(hit.ids - hits or hit.ids))
            else:
                ambiguous.append(hit)
        wanted = 1 if spec.need == "one" else len(targets)
        if spec.need == "all" and unknown and len(hits) >= wanted:
            # "Montagny, Sarrazin and Minassian" for a crew of two: the unknown word is an extra name.
            return Judgement(Verdict.WRONG, reason="an extra name")
        if len(hits) >= wanted:
            return Judgement(Verdict.CORRECT, found=len(hits), wanted=wanted)
        if ambiguous:
            return Judgement(Verdict.AMBIGUOUS, found=len(hits), wanted=wanted, reason="shared name")
        if hits:
            return Judgement(Verdict.PARTIAL, found=len(hits), wanted=wanted)
        return Judgement(Verdict.WRONG, reason="no name recognised")


def _segment(index: AliasIndex, tokens: list[str]) -> tuple[list[Hit], int]:
    """Greedy longest-first split of the answer into known names; counts unknown words."""
    mentions: list[Hit] = []
    unknown = 0
    i = 0
    n = len(tokens)
    while i < n:
        found: tuple[Hit, int] | None = None
        longest = min(MAX_NGRAM, n - i)
        for size in range(longest, 0, -1):  # exact first, so a typo never beats a real name
            ids = index.exact.get("".join(tokens[i : i + size]))
            if ids:
                found = (Hit(ids, 0), size)
                break
        if found is None:
            for size in range(longest, 0, -1):
                hit = index.lookup("".join(tokens[i : i + size]))
                if hit is not None and hit.ids:
                    found = (hit, size)
                    break
        if found is not None:
            mentions.append(found[0])
            i += found[1]
            continue
        if tokens[i] not in FILLER:
            unknown += 1
        i += 1
    return mentions, unknown


def _check_number(spec: AnswerSpec, tokens: list[str]) -> Judgement:
    values: set[int] = set()
    for token in tokens:
        if token.isdigit():
            values.add(_as_year(token) if spec.kind == "year" else int(token))
    if not values:
        return Judgement(Verdict.WRONG, reason="no number")
    if len(values) > 1 and not values <= spec.numbers:
        return Judgement(Verdict.WRONG, reason="several numbers")  # ("2000 and 2002", both right, stands)
    ok = values <= spec.numbers
    return Judgement(Verdict.CORRECT if ok else Verdict.WRONG, reason="" if ok else "other number")


def _as_year(token: str) -> int:
    """'08 → 2008, '98 → 1998, '69 → 1969 (not a year to come); other numbers unchanged."""
    value = int(token)
    if len(token) == 2:
        return 2000 + value if 2000 + value <= dt.date.today().year else 1900 + value
    return value


def _check_boolean(spec: AnswerSpec, tokens: list[str]) -> Judgement:
    said_true = any(t in _TRUE for t in tokens)
    said_false = any(t in _FALSE for t in tokens)
    if any(t in _NEGATORS for t in tokens):  # "not true", "that's not right", "it isn't": a no
        said_true, said_false = said_false, said_true or not said_false
    if said_true == said_false:
        return Judgement(Verdict.WRONG, reason="neither or both")
    ok = said_true == spec.truth
    return Judgement(Verdict.CORRECT if ok else Verdict.WRONG)
