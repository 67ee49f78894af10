"""Answer-side text helpers on top of :mod:`bot.qa.normalize`.

The engine's normaliser (casefold, strip accents, punctuation to spaces) is shared so
an alias and a typed answer always meet. The quiz adds what only answers need: number
words turned into digits ("twenty twenty" → 2020, "five" → 5), numbers said digit by digit
("nine eleven" → 911, "oh seven" → 07) and two-digit years ("'08"). Names are linked by
the engine's index (:mod:`bot.qa.index`), typos and all.
"""

from __future__ import annotations

from bot.qa.normalize import normalize

_UNITS = {
    "zero": 0, "oh": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "once": 1, "twice": 2, "thrice": 3,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}
_NUMBER_WORDS = _UNITS.keys() | _TENS.keys() | _SCALES.keys()
_MULTIPLES = frozenset({"once", "twice", "thrice"})


def answer_tokens(text: str) -> list[str]:
    """Normalised tokens with runs of number words replaced by their digits."""
    out: list[str] = []
    run: list[str] = []
    for token in normalize(text).split():
        # "and" only joins number words inside a run ("two thousand and eight").
        if token in _NUMBER_WORDS or (token == "and" and run and _next_is_number_context(run)):
            run.append(token)
            continue
        _flush(run, out)
        out.append(token)
    _flush(run, out)
    return out


def _next_is_number_context(run: list[str]) -> bool:
    return run[-1] in _SCALES


def _flush(run: list[str], out: list[str]) -> None:
    if not run:
        return
    if run[-1] == "and":  # a dangling "and" belongs to the sentence, not the number
        run.pop()
        _flush(run, out)
        out.append("and")
        return
    value = words_to_number(run)
    digits = str(value) if value is not None else spoken_digits(run)
    if digits is None:
        out.extend(run)
    else:
        out.append(digits)
    run.clear()


def words_to_number(words: list[str]) -> int | None:
    """``["two", "thousand", "and", "eight"]`` → 2008; year style ``["twenty", "twenty"]`` → 2020."""
    words = [w for w in words if w != "and"]
    if not words:
        return None
    if "oh" not in words and "nought" not in words:
        value = _cardinal(words)
        if value is not None:
            return value
    return _year_style(words)


def _cardinal(words: list[str]) -> int | None:
    total = current = 0
    last: str | None = None  # "unit" | "ten" | "scale"
    for word in words:
        if word in _UNITS:
            # "twenty five" is fine, "five five" or "twelve three" is not a cardinal.
            if last == "unit" or (last == "ten" and _UNITS[word] >= 10):
                return None
            current += _UNITS[word]
            last = "unit"
        elif word in _TENS:
            if last in ("unit", "ten"):
                return None
            current += _TENS[word]
            last = "ten"
        else:
            scale = _SCALES[word]
            if scale == 100:
                if current == 0 or current >= 100:
                    return None
                current *= 100
            else:
                total += max(current, 1) * scale
                current = 0
            last = "scale"
    return total + current


def _year_style(words: list[str]) -> int | None:
    """Two spoken pairs: "nineteen ninety eight" → 1998, "twenty oh eight" → 2008."""
    for split in range(1, len(words)):
        head, tail = _cardinal(words[:split]), _pair(words[split:])
        if head is not None and tail is not None and 10 <= head <= 99:
            return head * 100 + tail
    return None


def _pair(words: list[str]) -> int | None:
    if words and words[0] in ("oh", "nought") and len(words) == 2 and words[1] in _UNITS:
        digit = _UNITS[words[1]]
        return digit if digit < 10 else None
    value = _cardinal(words)
    return value if value is not None and value < 100 else None


def spoken_digits(words: list[str]) -> str | None:
    """A number said in pieces: "nine eleven" → "911", "oh seven" → "07", "two ninety six" → "296"."""
    if len(words) < 2:
        return None
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in _TENS:
            value = _TENS[word]
            following = words[i + 1] if i + 1 < len(words) else ""
            if 0 < _UNITS.get(following, 0) < 10 and following not in _MULTIPLES:
                value += _UNITS[following]
                i += 1
            out.append(str(value))
        elif word in _UNITS and word not in _MULTIPLES:
            out.append(str(_UNITS[word]))
        else:
            return None  # "hundred", "thousand", "and": a cardinal that did not parse is not digits either
        i += 1
    return "".join(out)
