"""What judging an answer says: the verdict and its reason, and the words every judge shares.

Kept apart from :mod:`bot.quiz.matching` so the format judges (:mod:`bot.quiz.format_answers`)
and the name matcher use one vocabulary without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that may surround an answer without counting as a guess.
FILLER = _words(
    """
    a an and the i im m think thinks thought its it s is was were be been maybe perhaps probably
    possibly pretty sure guess answer my must that he she they who won win wins winner winners driver
    drivers team teams car cars make manufacturer with in by of for overall hmm um uh ok okay lol surely
    definitely obviously easy year years yes times time victories victory class went to say would
    believe so well oh also both all their there this one ones those these guys crew pair duo trio
    honestly clearly certainly absolutely course hmmm err erm yeah
    """
)
_NEGATORS = frozenset({"not", "isnt", "wasnt", "arent", "werent", "never", "aint", "didnt", "doesnt", "dont",
                       "hasnt", "havent", "nt"})  # fmt: skip
#: An answer that hedges ("montagny or minassian", "not montagny", "anyone but mcnish") is
#: not one answer: it is wrong, whichever name is right.
HEDGES = _NEGATORS | {"or", "either", "nor", "neither", "but", "except", "unless", "anyone", "anybody", "idk",
                      "dunno"}  # fmt: skip


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
