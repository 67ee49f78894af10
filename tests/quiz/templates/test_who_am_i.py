"""'Who am I?': every ladder fits exactly one driver, its first clue several, and names no answer."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.knowledge import KnowledgeBase
from bot.quiz.questions import QuestionPool, question_pool
from bot.quiz.templates.who_am_i import MAX_CLUES

Fits = Callable[[str], bool]


def winners(kb: KnowledgeBase) -> dict[str, list[int]]:
    """Every overall-winning driver and the years, straight from the races."""
    out: dict[str, list[int]] = {}
    for year, race in kb.races.items():
        for driver in race.overall.drivers:
            out.setdefault(driver, []).append(year)
    return out


def predicate(kb: KnowledgeBase, clue: str) -> Fits:
    """What a clue's words claim, read back independently of the template."""
    wins = winners(kb)

    def makes(d: str) -> set[str]:
        return {kb.name("manufacturer", kb.make_of(kb.races[y].overall)) for y in wins[d]}

    if m := re.search(r"overall (once|(\d+) times)\.$", clue):
        n = 1 if m.group(1) == "once" else int(m.group(2))
        return lambda d: len(wins[d]) == n
    if m := re.search(r"nationality: (\w+)\.$", clue):
        code = m.group(1)  # a nationality not known for sure could be this one
        return lambda d: (p := kb.drivers[d]).nationality in (code, None) or p.nationality_confidence == "low"
    if m := re.search(r"first overall win came in the (\d{4})s\.$", clue):
        return lambda d: wins[d][0] // 10 * 10 == int(m.group(1))
    if m := re.search(r"came with (.+)\.$", clue):
        named = set(re.split(r", | and ", m.group(1)))
        return lambda d: makes(d) == named
    if m := re.search(r"shared an overall win with (.+)\.$", clue):
        partner = m.group(1)
        return lambda d: (
            kb.name("driver", d) != partner and any(partner in kb.driver_names(kb.races[y].overall) for y in wins[d])
        )
    if m := re.search(r"initials are (.+)$", clue):
        return lambda d: " ".join(f"{w[0]}." for w in kb.name("driver", d).replace("-", " ").split()) == m.group(1)
    raise AssertionError(f"a clue the test cannot read: {clue}")


def test_every_ladder_fits_only_its_driver_and_its_first_clue_several(kb: KnowledgeBase) -> None:
    ladders = [b for b in question_pool(kb).blueprints if b.template == "who-am-i"]
    assert len(ladders) >= 10
    field = set(winners(kb))
    for b in ladders:
        (driver,) = b.spec.ids
        clues = [b.prompt.split("Clue 1: ", 1)[1], *(c.split(": ", 1)[1] for c in b.clues)]
        assert 2 <= len(clues) <= MAX_CLUES, b.key
        fitting = [{d for d in field if predicate(kb, c)(d)} for c in clues]
        assert set.intersection(*fitting) == {driver}, (b.key, clues)
        assert len(fitting[0]) > 1, (b.key, clues[0])  # the first rung alone does not give it away
        name = kb.name("driver", driver)
        assert all(name not in text for text in (b.prompt, *b.clues)), b.key


def test_the_ladder_is_given_as_hints_and_declares_the_driver_as_its_answer(kb: KnowledgeBase) -> None:
    for b in question_pool(kb).blueprints:
        if b.template == "who-am-i":
            assert b.hint_text is None and b.clue_ladder and all(c.startswith("Clue ") for c in b.clues)
            assert b.asks == frozenset() and b.answer_atoms == frozenset(f"driver:{i}" for i in b.spec.ids)


def test_no_ladder_when_an_overall_result_is_in_doubt(
    small_kb: KnowledgeBase, kb_builder: Callable[..., KnowledgeBase]
) -> None:
    assert any(b.template == "who-am-i" for b in QuestionPool(small_kb).blueprints)
    shaky = small_kb.races[2003].model_copy(update={"confidence": "low"})
    assert not any(b.template == "who-am-i" for b in QuestionPool(kb_builder(shaky)).blueprints)
