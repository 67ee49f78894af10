"""The question bank: every question gets the answer the reference supports.

The bank (question_bank.yaml) was written from shared/reference/ alone, with typos,
paraphrases and out-of-scope questions; ``plm-trivia bench`` reports the same
figures with timings.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeBase
from bot.qa.bank import Case, check, load_bank
from bot.qa.engine import Engine

BANK = load_bank(Path(__file__).with_name("question_bank.yaml"))


@pytest.fixture(scope="module")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb, today=lambda: dt.date(2026, 11, 25))


def test_the_bank_is_large_and_covers_every_family() -> None:
    assert len(BANK) >= 250
    assert {c.status for c in BANK} == {"answered", "clarify", "unknown"}


@pytest.mark.parametrize("case", BANK, ids=lambda c: f"{c.family}: {c.question}"[:90])
def test_bank_question(engine: Engine, kb: KnowledgeBase, case: Case) -> None:
    if not case.current(kb.last_year):
        pytest.skip(f"snapshot of {case.as_of}: update it for the {kb.last_year} race")
    outcome = check(engine, case)
    assert outcome.ok, outcome.reason
