"""``plm-trivia quiz pool`` and ``quiz judge``: the question bank and the judge, testable from outside.

``pool --json`` prints every question once, one JSON object per line; ``judge --json -``
reads ``{"id": ..., "answer": ...}`` lines and prints one verdict line for each, in
order. Both see a question as one fixed realisation (its options drawn with seed 0),
so the options ``pool`` prints are the ones ``judge`` reads a letter against.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from typing import Any, TextIO

from bot.knowledge import KnowledgeBase
from bot.quiz.matching import Judgement, Matcher, Verdict
from bot.quiz.model import Blueprint, Question
from bot.quiz.questions import question_pool

_VERDICTS = {Verdict.CORRECT: "correct", Verdict.AMBIGUOUS: "ambiguous"}


def fixed(blueprint: Blueprint) -> Question:
    """The one realisation of ``blueprint`` both commands show."""
    return blueprint.realize(random.Random(0))


def accepted(kb: KnowledgeBase, question: Question) -> list[str]:
    spec = question.spec
    if spec.kind == "entity" and spec.entity_kind:
        return sorted(kb.name(spec.entity_kind, i) for i in spec.ids)
    if spec.kind == "boolean":
        return ["True" if spec.truth else "False"]
    if spec.kind == "direction":
        return ["Higher" if spec.truth else "Lower"]
    if spec.kind == "order" and spec.entity_kind:  # one answer: every name, in this order
        return [", ".join(kb.name(spec.entity_kind, i) for i in spec.order)]
    return [str(n) for n in sorted(spec.numbers)]


def question_record(kb: KnowledgeBase, question: Question) -> dict[str, Any]:
    return {
        "id": question.key,
        "template": question.template,
        "text": question.prompt,
        "accepted": accepted(kb, question),
        "need": question.spec.need
        if question.spec.kind == "entity"
        else "all"
        if question.spec.kind == "order"
        else "one",
        "clues": list(question.clues),
        "options": list(question.options),
        "correct_option": question.correct_option,
        "difficulty": question.difficulty,
        "category": question.category,
        "reveal": question.fact,
        "reveals": sorted(question.reveals),
        "asks": sorted(question.asks),
        "answer_atoms": sorted(question.answer_atoms),
    }


def cmd_pool(kb: KnowledgeBase, stdout: TextIO) -> int:
    for blueprint in question_pool(kb).blueprints:
        stdout.write(json.dumps(question_record(kb, fixed(blueprint)), ensure_ascii=False) + "\n")
    return 0


def verdict_record(judgement: Judgement) -> dict[str, Any]:
    """``correct``, ``wrong`` or ``ambiguous``, with why (a partial crew is wrong: it says how far)."""
    verdict = _VERDICTS.get(judgement.verdict, "wrong")
    if judgement.verdict is Verdict.PARTIAL:
        reason = f"partial: {judgement.found} of {judgement.wanted} names"
    elif judgement.verdict is Verdict.EMPTY:
        reason = "empty answer"
    else:
        reason = judgement.reason or ("matches the answer" if verdict == "correct" else "not the answer")
    return {"verdict": verdict, "reason": reason}


def cmd_judge(kb: KnowledgeBase, lines: Iterable[str], stdout: TextIO) -> int:
    """One verdict line per input line; a line that cannot be judged says why (exit 1 at the end)."""
    bank = question_pool(kb)
    matcher = Matcher(kb)
    cache: dict[str, Question] = {}
    failed = False
    for line in lines:
        if not line.strip():
            continue
        out = _judge_line(bank.by_key, cache, matcher, line)
        failed = failed or "error" in out
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return 1 if failed else 0


def _judge_line(
    by_key: dict[str, Blueprint], cache: dict[str, Question], matcher: Matcher, line: str
) -> dict[str, Any]:
    try:
        request = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"error": f"not JSON: {exc.msg}"}
    if not isinstance(request, dict) or not isinstance(request.get("answer"), str):
        return {"error": 'expected {"id": "...", "answer": "..."}'}
    key = request.get("id")
    blueprint = by_key.get(key) if isinstance(key, str) else None
    if blueprint is None:
        return {"id": key, "error": "unknown question id"}
    question = cache.get(blueprint.key) or cache.setdefault(blueprint.key, fixed(blueprint))
    return {"id": key, "answer": request["answer"], **verdict_record(matcher.check(question, request["answer"]))}
