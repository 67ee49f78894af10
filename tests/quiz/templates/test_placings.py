"""Second and third overall, pole and fastest lap: only trusted records, with the drivers named."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.knowledge import KnowledgeBase
from bot.knowledge.model import Placing, SessionBest
from bot.quiz.questions import QuestionPool, question_pool

SRC = ["test fixture"]


def test_every_trusted_record_is_asked_and_no_other(kb: KnowledgeBase) -> None:
    keys = set(question_pool(kb).by_key)
    for year, race in kb.races.items():
        trusted_race = race.confidence in ("high", "medium")
        for p in race.podium:
            asked = f"podium:{year}:{p.position}" in keys
            assert asked == (
                trusted_race and p.confidence in ("high", "medium") and bool(p.drivers) and not p.drivers_note
            )
        for which, best in (("pole", race.pole_position), ("fastest-lap", race.fastest_lap)):
            asked = f"{which}:{year}" in keys
            assert asked == bool(trusted_race and best and best.driver and best.confidence in ("high", "medium"))


def with_records(kb: KnowledgeBase, confidence: str) -> KnowledgeBase:
    race = kb.races[2009]
    second = Placing(
        position=2, drivers=["allan-mcnish", "rinaldo-capello"], gap="+10.5 s", confidence=confidence, sources=SRC
    )  # type: ignore[arg-type]
    pole = SessionBest(driver="stephane-sarrazin", car_number="08", confidence=confidence, sources=SRC)  # type: ignore[arg-type]
    return race.model_copy(update={"podium": [second], "pole_position": pole, "date": dt.date(2009, 10, 3)})


def test_a_low_confidence_record_is_never_asked(
    small_kb: KnowledgeBase, kb_builder: Callable[..., KnowledgeBase]
) -> None:
    good = QuestionPool(kb_builder(with_records(small_kb, "medium"))).by_key
    second = good["podium:2009:2"]
    assert second.spec.ids == frozenset({"allan-mcnish", "rinaldo-capello"})
    assert second.fact == "Allan McNish and Rinaldo Capello finished second overall in 2009, 10.5 s behind the winners."
    assert not {o.id for o in second.wrong} & second.spec.ids
    assert good["pole:2009"].spec.ids == frozenset({"stephane-sarrazin"})
    assert good["tf-pole-won:2009"].spec.truth is True  # the #08 took pole and won
    shaky = QuestionPool(kb_builder(with_records(small_kb, "low"))).by_key
    assert not {"podium:2009:2", "pole:2009", "tf-pole-won:2009"} & set(shaky)
