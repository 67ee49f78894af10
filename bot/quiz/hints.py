"""Progressive hints that narrow the answer without giving it away.

- Names: letters are revealed in proportion to each word's length (first, then last,
  then inner letters), never more than 40 % of a word, and nothing at all of a word
  under four characters; an answer whose first hint would be blanks only ("R8") gets
  no letter hint at all. "Capello" → ``C______`` → ``C_____o``.
- Years and numbers: a window that narrows ("between 2000 and 2007", then "2004–2007").
- Multiple choice (buttons, or options listed in the question): wrong options are
  eliminated, always leaving two.
- Clues (a "who am I" ladder, the earliest of an order): the question's own clues,
  one per hint, in either mode; each is a fact that narrows the answer.
- True or false, higher or lower: no hint (any hint would be the answer).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.quiz.model import Mode, Question

MIN_OPTIONS_LEFT = 2
LETTER_LEVELS = 3
NUMBER_LEVELS = 2


@dataclass(frozen=True, slots=True)
class Hint:
    level: int  # 1-based
    text: str
    eliminated: frozenset[int] = frozenset()  # option indices no longer possible


def uses_options(question: Question, mode: Mode) -> bool:
    return mode == "buttons" or question.options_in_prompt


def max_hints(question: Question, mode: Mode) -> int:
    """How many hints this question can give in this mode (0: none)."""
    if question.clues:
        return len(question.clues)
    if question.spec.kind in ("boolean", "direction"):
        return 0
    if uses_options(question, mode):
        return max(0, len(question.options) - MIN_OPTIONS_LEFT)
    if question.spec.kind in ("number", "year"):
        return NUMBER_LEVELS
    if question.hint_text is None:
        return 0
    levels = [mask(question.hint_text, level) for level in range(1, LETTER_LEVELS + 1)]
    # A hint of blanks only would cost points and tell nothing; stop where a level reveals nothing new.
    if not any(ch.isalnum() for ch in levels[0]):
        return 0
    return sum(1 for i, text in enumerate(levels) if i == 0 or text != levels[i - 1])


def make_hint(question: Question, mode: Mode, level: int, order: list[int]) -> Hint:
    """Hint number ``level``; ``order`` is the round's fixed order of wrong options to eliminate."""
    if question.clues:
        return Hint(level, question.clues[level - 1])
    if uses_options(question, mode):
        gone = frozenset(order[:level])
        left = [question.options[i] for i in range(len(question.options)) if i not in gone]
        return Hint(level, f"It is one of: {', '.join(left)}.", gone)
    if question.spec.kind in ("number", "year"):
        value = min(question.spec.numbers)
        low, high = number_window(value, level, year=question.spec.kind == "year")
        return Hint(level, f"Between {low} and {high}.")
    assert question.hint_text is not None
    return Hint(level, mask(question.hint_text, level))


def number_window(value: int, level: int, *, year: bool) -> tuple[int, int]:
    """An aligned window around ``value`` (aligned, so its middle is not the answer)."""
    if year:
        width = 8 if level == 1 else 4
    elif value < 10:
        width = 4 if level == 1 else 2
    elif value < 100:
        width = 20 if level == 1 else 5
    else:
        width = 50 if level == 1 else 10
    low = (value // width) * width
    return max(low, 0), low + width - 1


def mask(text: str, level: int) -> str:
    """``text`` with letters and digits hidden as ``_`` except the ones this level reveals."""
    if sum(ch.isalnum() for ch in text) <= 4:
        return "".join("_" if ch.isalnum() else ch for ch in text)
    return " ".join(_mask_word(word, level) for word in text.split(" "))


def _mask_word(word: str, level: int) -> str:
    positions = [i for i, ch in enumerate(word) if ch.isalnum()]
    cap = int((len(positions) - 1) * 0.4)  # 4 letters → 1, 6 → 2, 9 → 3; 3 or fewer → 0
    shown = set(_reveal_order(positions)[: min(level, cap)])
    return "".join(ch if (i in shown or not ch.isalnum()) else "_" for i, ch in enumerate(word))


def _reveal_order(positions: list[int]) -> list[int]:
    """First letter, last letter, then inner letters spread evenly."""
    if not positions:
        return []
    order = [positions[0]]
    if len(positions) > 1:
        order.append(positions[-1])
    inner = positions[1:-1]
    while inner:
        mid = len(inner) // 2
        order.append(inner.pop(mid))
    return order
