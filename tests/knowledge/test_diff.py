"""The reload diff: races by year, facts and entities by id, added / changed / removed."""

from __future__ import annotations

from bot.knowledge import KnowledgeBase
from bot.knowledge.diff import SECTIONS, diff_knowledge


def _rebuild(kb: KnowledgeBase, **changes: object) -> KnowledgeBase:
    parts: dict[str, object] = {
        "races": list(kb.races.values()), "drivers": list(kb.drivers.values()), "teams": list(kb.teams.values()),
        "manufacturers": list(kb.manufacturers.values()), "cars": list(kb.cars.values()),
        "classes": list(kb.classes.values()), "facts": list(kb.facts),
    }  # fmt: skip
    parts.update(changes)
    return KnowledgeBase(**parts)  # type: ignore[arg-type]


def test_same_knowledge_has_no_changes(kb: KnowledgeBase) -> None:
    diff = diff_knowledge(kb, _rebuild(kb))
    assert diff.empty and diff.lines() == ["no changes"] and diff.counts() == {}


def test_first_load_adds_everything(kb: KnowledgeBase) -> None:
    diff = diff_knowledge(None, kb)
    assert diff.counts()["races"] == (len(kb.races), 0, 0)
    assert set(diff.counts()) == set(SECTIONS)


def test_added_changed_removed(kb: KnowledgeBase) -> None:
    races = dict(kb.races)
    races[2015] = races[2015].model_copy(update={"attendance": "changed"})
    del races[1998]
    latest, new = kb.last_year, kb.last_year + 1
    races[new] = races[latest].model_copy(update={"year": new, "edition": races[latest].edition + 1})
    facts = list(kb.facts[1:])
    drivers = [*kb.drivers.values(), kb.drivers["tom-kristensen"].model_copy(update={"id": "new-driver"})]
    diff = diff_knowledge(kb, _rebuild(kb, races=list(races.values()), facts=facts, drivers=drivers))
    assert diff.sections["races"].added == (str(new),)
    assert diff.sections["races"].changed == ("2015",)
    assert diff.sections["races"].removed == ("1998",)
    assert diff.sections["facts"].removed == (kb.facts[0].id,)
    assert diff.sections["drivers"].added == ("new-driver",)
    assert diff.lines()[0] == f"races: +{new}; ~2015; -1998"
    assert "teams" not in diff.counts()


def test_long_lists_are_shortened(kb: KnowledgeBase) -> None:
    diff = diff_knowledge(None, kb)
    line = diff.sections["drivers"].describe(limit=3)
    assert line.count("+") == 4 and f"(+{len(kb.drivers) - 3} more)" in line
