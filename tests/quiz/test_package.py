"""Package-level guarantees: the core never imports discord; short fragments never pass as answers."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge import KnowledgeBase
from bot.qa.index import entity_index
from bot.quiz.matching import Matcher, Verdict
from bot.quiz.questions import question_pool
from bot.quiz.text import answer_tokens

ROOT = Path(__file__).resolve().parents[2]


def test_the_quiz_core_does_not_import_discord() -> None:
    code = (
        "import sys, pkgutil, importlib, bot.quiz\n"
        "for m in pkgutil.iter_modules(bot.quiz.__path__): importlib.import_module(f'bot.quiz.{m.name}')\n"
        "print('discord' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_short_piece_of_a_name_is_never_accepted_unless_it_is_itself_a_name(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    bank = question_pool(kb)
    entity = [b for b in bank.blueprints if b.spec.kind == "entity" and not b.choice_only]
    blueprint = data.draw(st.sampled_from(entity))
    question = blueprint.realize(random.Random(0))
    answer = question.options[question.correct]
    start = data.draw(st.integers(0, max(0, len(answer) - 1)))
    piece = answer[start : start + data.draw(st.integers(1, 4))]
    verdict = Matcher(kb).check(question, piece).verdict
    if verdict is Verdict.CORRECT:  # only when whole words of the piece spell a name exactly ("i R8" → "R8")
        index = entity_index(kb)
        kinds = (question.spec.entity_kind or "driver", "car")  # a make question accepts its car
        words = answer_tokens(piece)
        spans = [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)]
        forms = [index.compact(span) for span in spans]
        assert any(f in index.readings(kind) for f in forms if f for kind in kinds), (piece, answer)
