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


def test_kind_only_forms_name_nothing_in_a_question(index: EntityIndex) -> None:
    # "Shank", "Joest", "Porsche 911": names where a team or a car is asked for, everyday words in /ask.
    assert names(index, "joest") == []
    [team] = index.find(["joest"], prefer=("team",))
    assert [r.id for r in team.refs] == ["audi-sport-north-america"]
    [car] = index.find(["porsche", "911"], prefer=("car",))
    assert "porsche-911-rsr" in {r.id for r in car.refs} and car.strength == 0


def test_a_preferred_kind_reads_a_shared_form_its_way(index: EntityIndex) -> None:
    [driver] = index.find(["wayne", "taylor"])
    [team] = index.find(["wayne", "taylor"], prefer=("team",))
    assert driver.refs[0].id == "wayne-taylor" and team.refs[0].id == "wayne-taylor-racing"
    assert index.find(["wayne", "taylor", "racing"], prefer=("driver",))[0].refs[0].kind == "team"  # longest first


def test_spacing_is_ignored_when_asked(index: EntityIndex) -> None:
    assert index.compact("jjlehto") == "jj lehto"
    assert index.compact("peugeot908") == "peugeot 908"  # the spaced form, as typed
    assert index.compact("zorblax") is None


def test_one_index_per_knowledge_base(kb: KnowledgeBase) -> None:
    from bot.qa.engine import Engine
    from bot.qa.index import entity_index

    assert entity_index(kb) is entity_index(kb) is Engine(kb).index
