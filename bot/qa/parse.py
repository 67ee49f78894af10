"""Question → :class:`Parsed`: the years, entities and cue words a question contains.

Parsing only recognises; choosing what to answer is :mod:`bot.qa.engine`'s job.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from bot.qa.cues import TOP_STEP
from bot.qa.index import EntityIndex, Mention
from bot.qa.normalize import MAX_CHARS, NUMBER_WORDS, ORDINALS, normalize
from bot.qa.spans import YearSpan, find_span
from bot.qa.vocabulary import COMMON_WORDS, LEXICON, STOPWORDS

#: Words read from one message: the longest real question in the probes had under 60, and the cost
#: of parsing grows with the word count (a 2,000-character message of 500 words took 7 ms).
MAX_WORDS = 120
MAX_WORD = 40  # longer than any name or cue word: the rest of a 2,000-letter "word" is noise
# "#10", "car #08", "car number 10", "car no. 2", "number 60 car": a car number, never a year or a count
_CAR_NUMBER = re.compile(
    r"#\s?(\d{1,3})\b|\bcar\s+(?:number|no\.?|num|nr\.?)\s*#?(\d{1,3})\b|\bnumber\s+(\d{1,3})\s+car\b"
    r"|\b(?<=the )(\d{1,3})\s+(?=car\b|entry\b)|\bno\.\s?(\d{1,3})\b"  # "the 22 car", "the No. 22 Nissan"
    r"|\b(?<=the )number\s+(\d{1,3})\b(?!\s*(?:of|most|spot|place|position|rank|ranked|in)\b)"  # "the number 60 win""
    r"|\b(?:wearing|carrying|running|numbered)\s+(?:the\s+)?(?:number|no\.?|#)?\s*(\d{1,3})\b"  # "wearing number 2"
    r"|\b(?:from|in|by|of)\s+car\s+(\d{1,3})\b(?!\s*(?:laps|miles|times|wins|hours))",  # "wins from car 60"
    re.I,
)
_NUMBER_PAIR = re.compile(r"(carnumber\d{1,3})\s+(or|and|&)\s+#?(\d{1,3})\b(?!\s*(?:laps|times|wins|miles|hours|%))")
_APOSTROPHE_YEAR = re.compile(r"['’‘](\d{2})\b")
_ORDINAL_NUMBER = re.compile(r"^(\d{1,2})(st|nd|rd|th)$")
_UNITS = {
    "hour",
    "hours",
    "minute",
    "minutes",
    "mile",
    "miles",
    "mi",
    "km",
    "kilometres",
    "kilometers",
    "laps",
    "lap",
    "mph",
    "kmh",
    "hp",
    "cars",
    "fans",
    "people",
}
_YEAR_CUES = {"in", "of", "year", "season", "from", "since", "during", "for", "the", "race", "edition"}

# Intent-bearing words, corrected when slightly misspelt ("winers" → "winners").
_RANKING = frozenset({"most", "best", "highest", "biggest", "largest", "least", "fewest", "winningest", "successful"})
_CUE_WORDS = (
    "winner", "winners", "won", "wins", "first", "latest", "most", "team", "manufacturer", "class",
    "laps", "driver", "drivers", "record", "shortened", "margin", "championship", "attendance", "qualifying",
    "petit", "different", "distinct", "combined", "together", "altogether", "without", "excluding", "except",
    "consecutive", "straight", "between", "before", "after", "since", "until", "manufacturers", "teams",
    "victories", "podium", "podiums", "second", "third", "fastest", "fewest", "least", "total", "counting",
    "shortened", "compared", "versus", "streak", "longest", "earliest", "overall",
    # nationalities, often misspelt ("brazillian", "austrailian", "frech")
    "brazilian", "australian", "american", "british", "french", "german", "italian", "danish", "portuguese",
    "japanese", "mexican", "swiss", "belgian", "dutch", "austrian", "finnish", "scottish", "english", "canadian",
    "successful", "brazilians", "australians", "americans", "italians", "germans", "danes", "portuguese", "britons", "kiwis",
    "september", "october", "november",  # the months the race has run in ("novemeber")
)  # fmt: skip
# Names that are not entities of their own: "Don Panoz" founded the race; "Panoz" alone is the make.
NOT_ENTITIES = ("don panoz", "panoz motor sports road atlanta")


@dataclass(slots=True)
class Parsed:
    raw: str
    text: str  # normalised
    words: list[str]
    years: list[int] = field(default_factory=list)  # explicit years, in order
    bad_years: list[int] = field(default_factory=list)  # years given but outside any race
    relative: str | None = None  # "first" | "latest" | "last-year" | "previous"
    edition: int | None = None
    matches: list[Mention] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    month: int | None = None  # "the Petit Le Mans that ran in November"
    strangers: list[str] | None = None  # filled by the engine, once
    car_numbers: list[str] = field(default_factory=list)  # "#10", "#08": as typed, leading zeros kept
    span: YearSpan | None = None  # "since 2014", "the DPi era" (bot.qa.spans owns what each means)
    decade: int | None = None  # "the 2010s" (the text then reads "since 2010"; spans.py reads it back)
    known_years: list[int] = field(default_factory=list)  # the race years of the knowledge base

    # Routing asks has()/phrase() hundreds of times per question: the word set and the padded
    # text are computed once, when parsing is done (see seal()).
    _wordset: frozenset[str] | None = None
    _padded: str | None = None

    def seal(self) -> Parsed:
        self.text = " ".join(self.words)
        self._wordset = frozenset(self.words)
        self._padded = f" {self.text} "
        return self

    def has(self, *words: str) -> bool:
        wordset = self._wordset if self._wordset is not None else frozenset(self.words)
        return not wordset.isdisjoint(words)

    def phrase(self, *phrases: str) -> bool:
        padded = self._padded if self._padded is not None else f" {self.text} "
        for p in phrases:  # noqa: SIM110 (a loop, not any() over a generator: ~50 calls per question)
            if f" {p} " in padded:
                return True
        return False

    @property
    def entities(self) -> list[Mention]:
        return [m for m in self.matches if not m.weak]


def _spelled_years() -> dict[str, int]:
    """'nineteen ninety eight', 'two thousand and two', 'twenty fifteen' → the year."""
    units = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    teens = [
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ]

    def words_for(n: int) -> list[str]:  # 1..39
        if n < 10:
            return [units[n]]
        if n < 20:
            return [teens[n - 10]]
        tens = "twenty" if n < 30 else "thirty"
        return [tens if n % 10 == 0 else f"{tens} {units[n % 10]}"]

    out: dict[str, int] = {"nineteen ninety eight": 1998, "nineteen ninety nine": 1999, "two thousand": 2000}
    out.update({f"oh {units[n]}": 2000 + n for n in range(1, 10)})  # "who won in oh four"
    for n in range(1, 40):
        for w in words_for(n):
            out[f"two thousand {w}"] = out[f"two thousand and {w}"] = 2000 + n
            out[f"twenty {w}" if n >= 10 else f"twenty oh {w}"] = 2000 + n
    return out


_SPELLED = _spelled_years()
_SPELLED_RE = re.compile(r"\b(" + "|".join(sorted(_SPELLED, key=len, reverse=True)) + r")\b")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may_",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)  # fmt: skip  ("may" is a verb far more often than a month)
_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]  # fmt: skip
_CUED_NUMBER = re.compile(
    r"\b(in|of|plm|mans|petit)\s+((?:twenty|thirty)(?:\s+(?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b"
)


def _number_value(words: str) -> str:
    """'twenty five' → '25', 'fourteen' → '14' (two digits, then read like "'25")."""
    parts = words.split()
    if parts[0] in ("twenty", "thirty"):
        return str((20 if parts[0] == "twenty" else 30) + (_SMALL.index(parts[1]) if len(parts) > 1 else 0))
    return str(_SMALL.index(parts[0]))


_RACE_OF_YEAR = re.compile(
    r"\b(before|after|since|until|till|prior to) the ((?:19|20)\d\d) (?:race|edition|running|petit(?: le mans)?|one)\b"
)
_AGO = re.compile(r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten) years? ago\b")


def _full_year(two: str) -> str:
    n = int(two)
    return str(1900 + n if n >= 90 else 2000 + n)


# "2018-2025", "2018 – 2025", "'98-'08": a range of years, said as "from ... to ..."
_YEAR_RANGE = re.compile(r"(?<![\w#])'?((?:19|20)\d\d|\d\d)\s*[-\u2013\u2014/]\s*'?((?:19|20)\d\d|\d\d)(?!\d)")
# "between 98 and 2008": a two-digit year in a range is a year
_BETWEEN_SHORT = re.compile(r"\bbetween\s+'?(\d\d|(?:19|20)\d\d)\s+and\s+'?(\d\d|(?:19|20)\d\d)\b", re.I)


def _year_ranges(raw: str) -> str:
    def span(m: re.Match[str], words: tuple[str, str]) -> str:
        a, b = (x if len(x) == 4 else _full_year(x) for x in (m.group(1), m.group(2)))
        if not a < b:
            return m.group(0)  # "10-8" is not a range of years
        return f"{words[0]} {a} {words[1]} {b}"

    raw = _YEAR_RANGE.sub(lambda m: span(m, ("from", "to")) if len(m.group(1)) == len(m.group(2)) else m.group(0), raw)
    return _BETWEEN_SHORT.sub(lambda m: span(m, ("between", "and")), raw)


def parse(raw: str, index: EntityIndex, known_years: list[int], today: dt.date) -> Parsed:
    raw = _year_ranges(raw[: MAX_CHARS * 4])
    # "#10", "car #08": car numbers, never years ("carnumber" survives normalisation as one word).
    raw = _CAR_NUMBER.sub(lambda m: f" carnumber{next(g for g in m.groups() if g)} ", raw)
    raw = _NUMBER_PAIR.sub(r"\1 \2 carnumber\3", raw)  # "cars numbered 1 or 2": both are car numbers
    words, decade = _words(raw, index, today)
    parsed = Parsed(raw, " ".join(words), words, known_years=known_years, decade=decade)
    consumed: set[int] = set()
    apostrophe_years = {int(m.group(1)) for m in _APOSTROPHE_YEAR.finditer(raw)}
    full_year = any(w.isdigit() and len(w) == 4 and int(w) in known_years for w in words)
    for i in range(len(words)):
        _read_number(parsed, i, index, apostrophe_years, full_year, consumed)
    _read_relative(parsed, today)
    for number, name in enumerate(MONTHS, 1):
        if parsed.has(name):
            parsed.month = number
    hit = find_span(words, known_years, decade)
    parsed.span = hit.span if hit else None
    if decade is not None:
        parsed.years = [y for y in known_years if decade <= y < decade + 10]  # several years: their winners
    parsed.matches = index.find(words, _not_names(words, consumed))
    return parsed.seal()


def _words(raw: str, index: EntityIndex, today: dt.date) -> tuple[list[str], int | None]:
    """The question's normalised words (years spelt out as digits, typos in cue words fixed) and its decade."""
    text = normalize(re.sub(r"\b(\d{1,2}) ?\+", r"\1 or more ", raw))  # "4+ wins": four or more
    text = _SPELLED_RE.sub(lambda m: str(_SPELLED[m.group(1)]), text)
    text = re.sub(r"\by?2k(\d{0,2})\b", lambda m: str(2000 + int(m.group(1) or 0)), text)  # "2k", "y2k", "2k8"
    text = re.sub(r"(?<=[a-z])(?=(?:19|20)\d\d\b)", " ", text)  # "whowon2019" → "whowon 2019"
    text = _RACE_OF_YEAR.sub(r"\1 \2", text)  # "before the 2024 race" → "before 2024"
    text = re.sub(r"\b((?:19|20)\d[1-9])s\b", r"\1", text)  # "closer than 2019s": 2019's, the apostrophe gone
    text = re.sub(r"(?<![\w'])'?([90-2])0s\b", lambda m: f"{'19' if m.group(1) == '9' else '20'}{m.group(1)}0s", text)
    found = re.search(r"\b((?:19|20)\d)0s\b", text)  # "the 2010s" reads "since 2010"; spans.py reads it back
    if len(re.findall(r"\b(?:19|20)\d0s\b", text)) >= 2:
        found = None  # "in both the 2000s and the 2010s": the eras reader reads each decade
    decade = int(found.group(1)) * 10 if found else None
    if found:
        text = text.replace(found.group(0), f"since {decade}")
    text = " ".join(_reglue([_unglue(w, index) for w in text.split()], index))
    text = _CUED_NUMBER.sub(lambda m: f"{m.group(1)} {_number_value(m.group(2))}", text)
    text = _AGO.sub(
        lambda m: str(today.year - (int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS[m.group(1)])), text
    )
    words = [_ABBREVIATIONS.get(w, w) for w in (w[:MAX_WORD] for w in text.split()[:MAX_WORDS])]
    words = [w if index.is_name_word(w) or w in LEXICON else _fix_cue(w) for w in words]  # "martin" ≠ "margin"
    if any(f" {phrase} " in f" {' '.join(words)} " for phrase in TOP_STEP):
        words.append("won")  # "who came out on top", "top step of the podium": who won
    return words, decade


def _read_number(
    parsed: Parsed, i: int, index: EntityIndex, apostrophe_years: set[int], full_year: bool, consumed: set[int]
) -> None:
    """One word that may be a year, a car number, an edition or a count."""
    words, known_years = parsed.words, parsed.known_years
    word = words[i]
    if word.startswith("carnumber") and word[9:].isdigit():
        parsed.car_numbers.append(word[9:])
        consumed.add(i)
        return
    if i and word.isdigit() and index.has_bigram(words[i - 1], word):
        return  # "Acura ARX-05": part of a car's name, not 2005
    if len(word) == 4 and word[0] in "12" and word[1:].replace("o", "0").isdigit():
        word = words[i] = word.replace("o", "0")  # "2o15": a letter o typed for a zero
    unit = i + 1 < len(words) and words[i + 1] in _UNITS
    if word.isdigit() and len(word) in (1, 2) and full_year and i and words[i - 1] in ("the", "car", "no", "number"):
        parsed.car_numbers.append(word)  # "which Peugeot won 2009, the 07 or the 08?"
        consumed.add(i)
        return
    if _read_edition(parsed, i, word):
        consumed.add(i)
        return
    year = _year_of(words, i, word, unit, apostrophe_years, known_years)
    if year is not None:
        consumed.add(i)
        (parsed.years if year in known_years else parsed.bad_years).append(year)
    elif word.isdigit() and not unit:
        parsed.numbers.append(int(word))  # (not "10 hours": a duration, not a count of wins)
    elif word in NUMBER_WORDS and word not in ("one",):
        parsed.numbers.append(NUMBER_WORDS[word])


def _year_of(
    words: list[str], i: int, word: str, unit: bool, apostrophe_years: set[int], known_years: list[int]
) -> int | None:
    if word.isdigit() and len(word) == 4 and (not unit or int(word) in known_years):
        return int(word)  # ("2023 laps" is a year; "1000 miles" is not)
    if word.isdigit() and len(word) == 2:
        two = int(word)
        if unit and two not in apostrophe_years:
            return None  # "the 10 hour format": a duration, not 2010
        cue = i > 0 and words[i - 1] in _YEAR_CUES
        candidate = 1900 + two if two >= 90 else 2000 + two
        if two in apostrophe_years or cue or _bare_year(words, i, candidate, known_years):
            return candidate
    return None


def _read_edition(parsed: Parsed, i: int, word: str) -> bool:
    """'the 10th Petit Le Mans': an edition number (two editions name no single race)."""
    m = _ORDINAL_NUMBER.match(word)
    if not m and word not in ORDINALS:
        return False
    number = int(m.group(1)) if m else ORDINALS[word]
    after = parsed.words[i + 1 : i + 4]
    if not any(w in ("petit", "edition", "running", "race", "annual", "plm") for w in after):
        return False
    if after[0] in _RANKING:
        return False  # "the second most Petit Le Mans wins": a rank, not the second race
    if word in ("first", "last") and number == 1:
        return False
    parsed.edition = None if parsed.edition else number  # ("the 1st and 20th": leave it to the facts)
    return True


_PREVIOUS = ("before last", "penultimate", "second to last", "second last", "second most recent", "one before")
_LATEST = (
    "latest", "most recent", "last race", "last petit", "last edition", "recent race", "last running",
    "most recently", "newest", "current winner", "current winners", "reigning", "last plm", "last one",
)  # fmt: skip
_FIRST_RACE = (
    "first petit", "first race", "first edition", "first running", "first ever", "inaugural", "first one",
    "first plm", "original race", "very first",
)  # fmt: skip
_FIRST_WIN = re.compile(
    r"\bfirst (?:ever )?(?:one |petit (?:le mans )?|plm |overall |race |class )?(?:to )?(?:win|wins|victory|won|triumph|title)\b"
)


_WIN_VERBS = frozenset({"won", "win", "wins", "took", "triumphed", "victorious"})


def _last_year_clause(parsed: Parsed) -> bool:
    """'the last year Audi won', 'last year audi won petit': Audi's last win, not the year before this one."""
    if parsed.phrase("the last year", "the previous year", "its last year", "their last year", "his last year"):
        return True  # ("LMP3 in its last year": the class's last year, not the year before this one)
    words = parsed.words
    for i in range(len(words) - 1):
        if words[i] == "last" and words[i + 1] in ("year", "years"):
            clause = words[i + 2 : i + 6]  # a subject, then a verb: "last year X won" (not "last year, who won")
            return (
                bool(clause)
                and clause[0] not in ("who", "what", "which", "did", "was")
                and bool(_WIN_VERBS & set(clause))
            )
    return False


def _read_relative(parsed: Parsed, today: dt.date) -> None:
    """'this year', 'last year', 'the latest race', 'the first Petit': years named relative to now or the list."""
    known_years = parsed.known_years
    if parsed.phrase("this year", "this years", "this season"):
        (parsed.years if today.year in known_years else parsed.bad_years).append(today.year)
    elif parsed.phrase("last year", "last years", "previous year", "a year ago") and not _last_year_clause(parsed):
        year = today.year - 1
        (parsed.years if year in known_years else parsed.bad_years).append(year)
        parsed.relative = None if year in known_years else "last-year"
    elif parsed.phrase(*_PREVIOUS):
        parsed.relative = "previous"
    elif parsed.phrase(*_LATEST):
        parsed.relative = "latest"
    elif parsed.phrase(*_FIRST_RACE):
        # "Acura's first Petit win": the entity's first win, not the first race
        parsed.relative = None if _FIRST_WIN.search(" ".join(parsed.words)) else "first"


def _not_names(words: list[str], consumed: set[int]) -> set[int]:
    """Positions the entity index must not read: years, stopwords, sponsor titles, the founder's name."""
    skip = consumed | {i for i, w in enumerate(words) if w in STOPWORDS}
    for i, w in enumerate(words):  # "the 2004 Chevy presents Petit Le Mans": an event title, not a make
        if w == "presents" and i:
            skip.update((i - 1, i))
        if w in ("powered", "presented") and words[i + 1 : i + 2] == ["by"]:
            skip.update(range(i, min(i + 4, len(words))))
    for phrase in NOT_ENTITIES:
        size = len(phrase.split())
        for i in range(len(words) - size + 1):
            if " ".join(words[i : i + size]) == phrase:
                skip.update(range(i, i + size))
    return skip


_ABBREVIATIONS = {
    "w": "with", "hrs": "hours", "hr": "hour", "mins": "minutes", "yrs": "years", "yr": "year", "pts": "points",
    "hes": "he", "shes": "she", "whats": "what", "wheres": "where", "petite": "petit", "pettit": "petit", "petitt": "petit", "wun": "won", "wonn": "won", "winnar": "winner",
}  # fmt: skip
_COUNTED = {
    "wins", "win", "times", "time", "laps", "lap", "hours", "hour", "cars", "car", "drivers", "turns", "miles",
    "races", "editions", "cautions", "minutes", "seconds", "points", "classes", "teams", "years", "th", "st", "nd",
}  # fmt: skip
_RACE_WORDS = {"petit", "plm", "won", "win", "winner", "winners", "overall", "results", "race", "champion", "champions"}


def _bare_year(words: list[str], i: int, year: int, known_years: list[int]) -> bool:
    """'petit 01 winners', 'who won petit le mans 15': a two-digit year with no 'in' before it.

    Only in a question about the race, and not when the number counts something
    ("top 10", "15 laps") or is one of several numbers.
    """
    if not 1990 <= year <= known_years[-1] + 10 or not _RACE_WORDS & set(words):
        return False  # (a year with no race, like '97, is still a year: the engine says there was none)
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    if before in ("top", "than", "over", "under", "with", "last", "first", "about", "around") or after in _COUNTED:
        return False
    if words[i + 1 : i + 4] == ["in", "a", "row"] or words[i + 1 : i + 3] == ["straight", "wins"]:
        return False  # "audi won 10 in a row"
    if any(
        w in ("wins", "victories", "titles", "times", "straight", "consecutive", "row", "successive")
        for w in words[i + 1 : i + 5]
    ):
        return False  # "say he has 10 Petit Le Mans wins"
    return sum(w.isdigit() for w in words) == 1


def _reglue(words: list[str], index: EntityIndex) -> list[str]:
    """'castro neves' → 'castroneves': a name typed with a space in it, when joined it is a name word."""
    out: list[str] = []
    for word in words:
        if out and not index.is_name_word(out[-1]) and index.is_name_word(out[-1] + word) and len(out[-1]) >= 3:
            out[-1] += word
        else:
            out.append(word)
    return out


def _unglue(word: str, index: EntityIndex) -> str:
    """'whowon' → 'who won', 'gtdpro' stays (an alias): split a word missing its space, when both halves are words."""
    if len(word) < 5 or word in COMMON_WORDS or word in LEXICON or index.lookup(word) or word.isdigit():
        return word  # ("often" is a word, not "of ten")
    for cut in range(2, len(word) - 1):
        left, right = word[:cut], word[cut:]
        if left in COMMON_WORDS and right in COMMON_WORDS:
            return f"{left} {right}"
    return word


def _fix_cue(word: str) -> str:
    if len(word) < 4 or word in _CUE_WORDS or word.isdigit() or word in COMMON_WORDS:
        return word
    from rapidfuzz.distance import OSA

    for cue in _CUE_WORDS:  # one edit, a swap of two letters counting as one ("combnied")
        if abs(len(cue) - len(word)) <= 1 and OSA.distance(word, cue, score_cutoff=1) <= 1:
            return cue
    return word
