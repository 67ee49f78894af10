"""Hints narrow the answer progressively and never give a short answer away."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.quiz.hints import make_hint, mask, max_hints, number_window
from bot.quiz.model import AnswerSpec, Question


def question(
    spec: AnswerSpec, hint_text: str | None = None, options: tuple[str, ...] = ("a", "b", "c", "d")
) -> Question:
    return Question(
        key="k", template="t", category="winners", difficulty="easy", prompt="?", spec=spec, answer="",
        fact="", options=options, correct=0, hint_text=hint_text,
    )  # fmt: skip


def test_letters_revealed_progressively() -> None:
    assert mask("Capello", 1) == "C______"
    assert mask("Capello", 2) == "C_____o"
    assert mask("Allan McNish", 1) == "A____ M_____"
    assert mask("Allan McNish", 2) == "A____ M____h"
    assert mask("Ryan Hunter-Reay", 1) == "R___ H_____-____"


def test_short_answers_show_only_their_shape() -> None:
    for level in (1, 2, 3):
        assert mask("R8", level) == "__"
        assert mask("Audi", level) == "____"
        assert mask("BMW", level) == "___"
    assert mask("Ford GT", 3) == "F___ __"  # a four-letter word shows one letter, a two-letter word none


@given(
    st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=1, max_size=30), st.integers(1, 5)
)
def test_never_more_than_forty_percent_of_a_word(word: str, level: int) -> None:
    shown = sum(1 for ch in mask(word, level) if ch != "_")
    assert shown <= 0.4 * len(word)
    if len(word) <= 4:
        assert shown == 0


def test_letter_hint_levels_stop_when_nothing_new() -> None:
    q = question(AnswerSpec("entity", "driver", frozenset({"x"})), hint_text="Capello")
    assert max_hints(q, "text") == 2
    # "R8" would hint "__": blanks only are never offered (they would cost points and tell nothing).
    assert max_hints(question(AnswerSpec("entity", "car", frozenset({"x"})), hint_text="R8"), "text") == 0
    assert make_hint(q, "text", 1, []).text == "C______"


def test_year_and_number_windows_narrow_and_contain_the_answer() -> None:
    for value in (1998, 2008, 2015, 2025):
        wide, narrow = number_window(value, 1, year=True), number_window(value, 2, year=True)
        assert wide[0] <= narrow[0] <= value <= narrow[1] <= wide[1]
    assert number_window(394, 2, year=False) == (390, 399)
    q = question(AnswerSpec("year", numbers=frozenset({2008})))
    assert make_hint(q, "text", 1, []).text == "Between 2008 and 2015."


def test_options_are_eliminated_leaving_two() -> None:
    q = question(AnswerSpec("entity", "driver", frozenset({"x"})), hint_text="Capello")
    assert max_hints(q, "buttons") == 2
    hint = make_hint(q, "buttons", 2, [3, 1, 2])
    assert hint.eliminated == {3, 1}
    assert hint.text == "It is one of: a, c."


def test_true_false_has_no_hint() -> None:
    assert max_hints(question(AnswerSpec("boolean", truth=True), options=("True", "False")), "text") == 0
    assert max_hints(question(AnswerSpec("boolean", truth=True), options=("True", "False")), "buttons") == 0


def test_clues_are_the_hints_in_either_mode_one_at_a_time() -> None:
    ladder = Question(
        key="k", template="who-am-i", category="winners", difficulty="easy", prompt="Who am I? Clue 1: a",
        spec=AnswerSpec("entity", "driver", frozenset({"x"})), answer="X", fact="", options=("X", "Y", "Z", "W"),
        correct=0, hint_text="X Person", clues=("Clue 2: b", "Clue 3: c"),
    )  # fmt: skip
    for mode in ("text", "buttons"):
        assert max_hints(ladder, mode) == 2
        hints = [make_hint(ladder, mode, level, [1, 2, 3]) for level in (1, 2)]
        assert [h.text for h in hints] == ["Clue 2: b", "Clue 3: c"]
        assert not any(h.eliminated for h in hints)  # clues, not eliminated options


def test_higher_or_lower_has_no_hint() -> None:
    assert max_hints(question(AnswerSpec("direction", truth=True), options=("Higher", "Lower")), "text") == 0
    assert max_hints(question(AnswerSpec("direction", truth=True), options=("Higher", "Lower")), "buttons") == 0
