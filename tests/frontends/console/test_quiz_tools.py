"""``plm-trivia quiz pool --json`` and ``quiz judge --json -``: the bank and the judge from outside."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.frontends.console.cli import main
from bot.knowledge import KnowledgeBase
from bot.quiz.questions import question_pool

KNOWLEDGE = str(Path(__file__).resolve().parents[3] / "knowledge")
FIELDS = {"id", "template", "text", "accepted", "options", "difficulty", "category", "reveals"}


@pytest.fixture(scope="module")
def pool_lines(kb: KnowledgeBase) -> list[dict[str, object]]:
    from bot.frontends.console.quiz_tools import cmd_pool

    out = io.StringIO()
    assert cmd_pool(kb, out) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


def judge(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *requests: object
) -> list[dict[str, str]]:
    lines = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in requests)
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    main(["--knowledge", KNOWLEDGE, "quiz", "judge", "--json", "-"])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_pool_prints_every_question_once_with_its_fields(
    kb: KnowledgeBase, pool_lines: list[dict[str, object]]
) -> None:
    assert [line["id"] for line in pool_lines] == [b.key for b in question_pool(kb).blueprints]
    for line in pool_lines:
        assert line.keys() >= FIELDS, line["id"]
        assert line["accepted"] and line["options"] and line["reveals"], line["id"]


def test_the_cli_prints_the_pool(capsys: pytest.CaptureFixture[str], pool_lines: list[dict[str, object]]) -> None:
    assert main(["--knowledge", KNOWLEDGE, "quiz", "pool", "--json"]) == 0
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == [p["id"] for p in pool_lines]


def test_judge_says_correct_wrong_or_ambiguous_with_a_reason(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    year = next(
        y
        for y in kb.years
        if len(kb.races[y].overall.drivers) >= 2 and f"winner-driver:{y}" in question_pool(kb).by_key
    )
    first, second = (kb.name("driver", d) for d in kb.races[year].overall.drivers[:2])
    key = f"winner-driver:{year}"
    verdicts = judge(
        monkeypatch, capsys,
        {"id": key, "answer": first}, {"id": key, "answer": f"{first} or {second}"},
        {"id": key, "answer": f"not {first}"}, {"id": "no-such-question", "answer": "x"}, "not json",
    )  # fmt: skip
    assert [v.get("verdict") for v in verdicts] == ["correct", "wrong", "wrong", None, None]
    assert all(v.get("reason") or v.get("error") for v in verdicts)
    assert verdicts[1]["reason"].startswith("a hedge")


def test_judge_says_ambiguous_for_a_name_several_drivers_share(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    taylors = {i for i, d in kb.drivers.items() if d.name.endswith(" Taylor")}
    year = next(
        y for y in kb.years if taylors & set(kb.races[y].overall.drivers) and taylors - set(kb.races[y].overall.drivers)
    )
    (verdict,) = judge(monkeypatch, capsys, {"id": f"winner-driver:{year}", "answer": "Taylor"})
    assert verdict["verdict"] == "ambiguous"
