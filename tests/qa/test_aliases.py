"""Every way of writing an entity: listed names, derived short forms, and forms for one kind only."""

from __future__ import annotations

from bot.knowledge import KnowledgeBase
from bot.qa.aliases import equivalents, families, forms


def _forms(kb: KnowledgeBase, entity: str) -> dict[str, int]:
    return {f.text.casefold(): f.strength for f in forms(kb) if f.ref.id == entity}


def test_listed_names_are_strongest_and_derived_surnames_weakest(kb: KnowledgeBase) -> None:
    found = _forms(kb, "ryan-hunter-reay")
    assert found["ryan hunter-reay"] == 3
    assert found["hunter reay"] == 2 and found["reay"] == 1 and found["rhr"] == 1


def test_team_forms_from_its_name_aliases_and_entries(kb: KnowledgeBase) -> None:
    assert _forms(kb, "meyer-shank-racing")["shank"] == 0  # a distinctive word
    assert _forms(kb, "wayne-taylor-racing")["konica minolta"] == 0  # an alias without its make
    assert _forms(kb, "audi-sport-north-america")["joest"] == 0  # "(run by Joest Racing)" as entered
    assert "america" not in _forms(kb, "audi-sport-north-america")  # two teams share it: not distinctive


def test_a_car_by_its_family_but_never_by_a_word_many_cars_share(kb: KnowledgeBase) -> None:
    assert {"ferrari 296", "296"} <= families(kb)["ferrari-296-gt3"]
    assert "peugeot 908" in families(kb)["peugeot-908-hdi-fap"]
    assert not {"audi", "dpi"} & (families(kb)["audi-r8"] | families(kb)["cadillac-dpi-vr"])  # a make, a class
    assert "gt3" not in _forms(kb, "mercedes-amg-gt3")
    assert _forms(kb, "lola-b09-86")["lola mazda"] == 0  # the car by its make and engine, as entered


def test_related_teams_and_parent_makes_count_as_each_other(kb: KnowledgeBase) -> None:
    found = equivalents(kb)
    assert found[("team", "doyle-risi-racing")] == {"risi-competizione"}
    assert found[("manufacturer", "hpd")] == {"honda"}  # Honda Performance Development
    assert ("manufacturer", "honda") not in found
