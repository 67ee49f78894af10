"""The question bank: questions with the answer each must get, and how to check one.

A case names the expected status (and, where it matters, the intent) and words the answer text must (``expect``) and
must not (``reject``) contain, compared after normalisation, so "Stéphane" and
"Stephane" agree. An answer that says ``answered`` but fails the check is *wrong*:
the benchmark counts those separately, since they are the worst kind of failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.qa.engine import Engine
from bot.qa.normalize import normalize


@dataclass(frozen=True, slots=True)
class Case:
    question: str
    status: str
    expect: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    family: str = ""
    intent: str | None = None  # the rule (or lookup) expected to answer, where the case names one
    # A snapshot: the answer holds while this year is the latest race ("how many editions",
    # "the latest winners"). When a newer race is added the case is stale, not wrong.
    as_of: int | None = None

    def current(self, latest_year: int) -> bool:
        return self.as_of is None or self.as_of == latest_year


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    ok: bool
    wrong: bool
    reason: str = ""


def load_bank(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for family in data["families"]:
        for item in family["cases"]:
            cases.append(
                Case(
                    question=str(item["q"]),
                    status=item.get("status", "answered"),
                    expect=tuple(str(x) for x in item.get("expect", ())),
                    reject=tuple(str(x) for x in item.get("reject", ())),
                    family=family["name"],
                    intent=item.get("intent"),
                    as_of=item.get("as_of"),
                )
            )
    return cases


def check(engine: Engine, case: Case) -> Outcome:
    answer = engine.ask(case.question)
    shown = [answer.text, *(c.label for c in answer.candidates), *answer.lines]  # all a reader sees
    text = f" {normalize(' '.join(shown))} "
    missing = [e for e in case.expect if f" {normalize(e)} " not in text]
    present = [r for r in case.reject if f" {normalize(r)} " in text]
    if answer.status != case.status:
        reason = f"status {answer.status} (expected {case.status}): {answer.text[:160]}"
        return Outcome(case, False, answer.status == "answered", reason)
    if case.intent and answer.intent != case.intent:
        reason = f"intent {answer.intent} (expected {case.intent}): {answer.text[:160]}"
        return Outcome(case, False, False, reason)
    if missing or present:
        reason = f"missing {missing} / unexpected {present}: {answer.text[:200]}"
        return Outcome(case, False, answer.status == "answered", reason)
    return Outcome(case, True, False)
