"""Text normalisation shared by questions, aliases and quiz answers.

One function does it for all of them so that an alias and a question typed the
same way always meet: casefold, strip accents, drop apostrophes and dots inside
words ("O'Connell" → "oconnell", "J.J." → "jj"), turn other punctuation into
spaces, keep digits.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose into base + accent.
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "œ": "oe", "þ": "th", "ı": "i"})
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_JOINERS = re.compile(r"(?<=[^\W\d])\.(?=[^\W\d])|['’‘`]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
#: Longest text the engine reads; beyond this a message is not a question.
MAX_CHARS = 500

NUMBER_WORDS = {
    "zero": 0, "one": 1, "once": 1, "two": 2, "twice": 2, "three": 3, "thrice": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}  # fmt: skip


def strip_accents(text: str) -> str:
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8192)  # aliases and keywords are normalised again at every (re)load
def normalize(text: str) -> str:
    """Lowercase ASCII words separated by single spaces."""
    text = strip_accents(text[: MAX_CHARS * 4]).translate(_SPECIAL)
    text = text.replace("&", " and ")
    text = _JOINERS.sub("", _POSSESSIVE.sub("", text))
    return _NON_WORD.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    return normalize(text).split()
