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


def test_the_newer_formats_are_in_the_pool_with_their_accepted_answers(
    kb: KnowledgeBase, pool_lines: list[dict[str, object]]
) -> None:
    by_template: dict[str, list[dict[str, object]]] = {}
    for line in pool_lines:
        by_template.setdefault(str(line["template"]), []).append(line)
    for template in ("which-first", "order-three", "higher-lower", "odd-one-out", "who-am-i", "number-year",
                     "number-team", "podium", "pole", "fastest-lap", "tf-pole-won"):  # fmt: skip
        assert template in by_template, template
    for line in by_template["order-three"]:
        (order,) = line["accepted"]  # type: ignore[misc]
        assert order.count(", ") == 2 and line["need"] == "all"
    assert {tuple(line["accepted"]) for line in by_template["higher-lower"]} == {("Higher",), ("Lower",)}  # type: ignore[arg-type]
    assert all(line["clues"] for line in by_template["who-am-i"])


def test_judge_reads_an_order_a_direction_and_a_clue_ladder(
    kb: KnowledgeBase, pool_lines: list[dict[str, object]], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    order = next(line for line in pool_lines if line["template"] == "order-three")
    (right,) = order["accepted"]  # type: ignore[misc]
    backwards = ", ".join(reversed(right.split(", ")))
    direction = next(line for line in pool_lines if line["template"] == "higher-lower")
    (said,) = direction["accepted"]  # type: ignore[misc]
    other = "lower" if said == "Higher" else "higher"
    ladder = next(line for line in pool_lines if line["template"] == "who-am-i")
    (name,) = ladder["accepted"]  # type: ignore[misc]
    verdicts = judge(
        monkeypatch, capsys,
        {"id": order["id"], "answer": right}, {"id": order["id"], "answer": backwards},
        {"id": direction["id"], "answer": said}, {"id": direction["id"], "answer": other},
        {"id": direction["id"], "answer": f"not {other}"},
        {"id": ladder["id"], "answer": name}, {"id": ladder["id"], "answer": f"{name} or someone"},
    )  # fmt: skip
    assert [v["verdict"] for v in verdicts] == ["correct", "wrong", "correct", "wrong", "correct", "correct", "wrong"]
    assert verdicts[1]["reason"] == "wrong order"
