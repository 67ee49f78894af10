"""The entity index: names, derived surnames, first names, initials, careful spelling fixes."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.qa.index import EntityIndex


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase) -> EntityIndex:
    return EntityIndex(kb)


def names(index: EntityIndex, text: str) -> list[list[str]]:
    return [[r.name for r in m.refs] for m in index.find(text.split())]


def test_full_names_surnames_nicknames_and_initials(index: EntityIndex) -> None:
    assert names(index, "rinaldo capello") == [["Rinaldo Capello"]]
    assert names(index, "dindo") == [["Rinaldo Capello"]]
    assert names(index, "van der zande") == [["Renger van der Zande"]]
    assert names(index, "rhr") == [["Ryan Hunter-Reay"]]


def test_a_shared_surname_is_ambiguous(index: EntityIndex) -> None:
    [taylors] = names(index, "taylor")
    assert {"Wayne Taylor", "Ricky Taylor", "Jordan Taylor"} <= set(taylors)


def test_the_longest_name_wins(index: EntityIndex) -> None:
    assert names(index, "wayne taylor racing") == [["Wayne Taylor Racing"]]
    assert names(index, "wayne taylor") == [["Wayne Taylor"]]  # the driver, before the team's short form


def test_typos_are_corrected_only_when_close_and_unique(index: EntityIndex) -> None:
    [match] = index.find(["capelo"])
    assert match.fuzzy and not match.doubtful and match.refs[0].name == "Rinaldo Capello"
    assert index.find(["ended"]) == []  # an English word is never bent into a name ("Ende")
    assert index.find(["meaning"]) == []


def test_a_far_fetched_correction_is_doubtful(index: EntityIndex) -> None:
    [match] = index.find(["mullet"]) or [None]  # "Müller" is a driver (1999 podium); "mullet" is far from him
    assert match is None or match.doubtful


def test_autocomplete_is_ranked_and_capped(index: EntityIndex) -> None:
    found = index.suggest("driver", "tay", limit=25)
    assert len(found) <= 25 and found[0].name.endswith("Taylor")
    assert len(index.suggest("driver", "", limit=25)) == 25


def test_a_swapped_pair_of_letters_is_one_typo(index: EntityIndex) -> None:
    assert names(index, "mcnsih") == [["Allan McNish"]]
    assert names(index, "bricsoe") == [["Ryan Briscoe"]]


def test_near_names_are_offered_for_a_phrase_that_linked_to_nothing(index: EntityIndex) -> None:
    assert [r.name for r in index.near("alan mcnsih")] == ["Allan McNish"]
    assert [r.name for r in index.near("cadilak")] == ["Cadillac"]
    assert index.near("scott kowalski") == []  # a person we do not know is not "Scott Dixon"
    assert index.near("porsche 963") == []  # a model number is not a typo
