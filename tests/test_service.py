"""TriviaService: validated, atomic reloads off the event loop; a broken directory changes nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeError
from bot.service import TriviaService


def test_not_loaded_is_a_clear_error(tmp_path: Path) -> None:
    service = TriviaService(tmp_path)
    assert not service.loaded
    with pytest.raises(RuntimeError, match="not loaded"):
        _ = service.engine


def test_first_load_reports_everything_added(knowledge_copy: Path) -> None:
    service = TriviaService(knowledge_copy)
    summary = service.load()
    assert summary.stats["races"] == len(service.kb.races)
    assert summary.diff.counts()["races"][0] == len(service.kb.races)
    assert service.engine.kb is service.kb  # the engine serves exactly this knowledge


async def test_reload_swaps_knowledge_and_engine_together(knowledge_copy: Path) -> None:
    service = TriviaService(knowledge_copy)
    service.load()
    old_kb, old_engine = service.kb, service.engine
    (knowledge_copy / "races" / "1998.yaml").unlink()
    summary = await service.reload()
    assert summary.changed and summary.diff.sections["races"].removed == ("1998",)
    assert service.kb is not old_kb and service.engine is not old_engine
    assert service.engine.kb is service.kb
    assert 1998 in old_kb.races  # the old objects are untouched: in-flight answers stay consistent


async def test_broken_reload_keeps_the_old_knowledge(knowledge_copy: Path) -> None:
    service = TriviaService(knowledge_copy)
    service.load()
    old_kb, old_engine = service.kb, service.engine
    (knowledge_copy / "races" / "2015.yaml").write_text("year: 2015\nedition: [unclosed\n")
    with pytest.raises(KnowledgeError) as info:
        await service.reload()
    assert any(str(i).startswith("knowledge/races/2015.yaml:") for i in info.value.issues)
    assert service.kb is old_kb and service.engine is old_engine


async def test_reload_runs_off_the_event_loop(knowledge_copy: Path) -> None:
    """The loop keeps running while a reload loads (a behaviour check, not a timing target)."""
    service = TriviaService(knowledge_copy)
    service.load()
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0)
            ticks += 1

    task = asyncio.create_task(ticker())
    await service.reload()
    task.cancel()
    assert ticks > 0


async def test_concurrent_reloads_are_serialised(knowledge_copy: Path) -> None:
    service = TriviaService(knowledge_copy)
    service.load()
    first, second = await asyncio.gather(service.reload(), service.reload())
    assert not first.changed and not second.changed
