"""The bot's hold on the knowledge: the current KnowledgeBase and Engine, swapped atomically.

Front ends read ``service.engine`` at the moment they answer; a reload builds the
new knowledge base *and* engine in a worker thread and replaces both with one
assignment, so no request ever sees a half-built state. A broken directory raises
:class:`KnowledgeError` and the old knowledge keeps serving. Nothing here imports
discord.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.knowledge import KnowledgeBase, KnowledgeError, load_knowledge
from bot.knowledge.diff import KnowledgeDiff, diff_knowledge

if TYPE_CHECKING:
    from bot.qa.engine import Engine

log = logging.getLogger(__name__)

EngineFactory = Callable[[KnowledgeBase], "Engine"]


def _default_engine(kb: KnowledgeBase) -> Engine:
    from bot.qa.engine import Engine  # imported late: the engine is optional for config/CLI paths

    return Engine(kb)


@dataclass(frozen=True, slots=True)
class _Loaded:
    kb: KnowledgeBase
    engine: Any  # Engine; Any so tests may pass a stand-in factory
    loaded_at: float


@dataclass(frozen=True, slots=True)
class ReloadSummary:
    """What a reload did: the diff, the new sizes, and how long loading took."""

    diff: KnowledgeDiff
    stats: dict[str, int]
    seconds: float

    @property
    def changed(self) -> bool:
        return not self.diff.empty

    def lines(self) -> list[str]:
        return self.diff.lines()


class TriviaService:
    """Current knowledge + engine; ``reload()`` validates fully before it swaps."""

    def __init__(self, knowledge_dir: Path | str, engine_factory: EngineFactory | None = None) -> None:
        self.knowledge_dir = Path(knowledge_dir)
        self._engine_factory = engine_factory or _default_engine
        self._current: _Loaded | None = None
        self._lock = asyncio.Lock()  # one reload at a time; readers never wait on it

    # -- reading ----------------------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        return self._current is not None

    def _require(self) -> _Loaded:
        if self._current is None:
            raise RuntimeError("knowledge not loaded yet: call load() or await reload() first")
        return self._current

    @property
    def kb(self) -> KnowledgeBase:
        return self._require().kb

    @property
    def engine(self) -> Engine:
        engine: Engine = self._require().engine  # (stored as Any so tests may pass a stand-in factory)
        return engine

    # -- loading ----------------------------------------------------------------------------
    def _build(self) -> tuple[_Loaded, KnowledgeDiff]:
        """Load, validate, index and diff; runs in a worker thread on reload."""
        kb = load_knowledge(self.knowledge_dir)
        engine = self._engine_factory(kb)
        old = self._current.kb if self._current else None
        return _Loaded(kb, engine, time.time()), diff_knowledge(old, kb)

    def load(self) -> ReloadSummary:
        """Synchronous first load (before the event loop runs); raises :class:`KnowledgeError`."""
        started = time.perf_counter()
        loaded, diff = self._build()
        self._current = loaded
        return ReloadSummary(diff, dict(loaded.kb.stats), time.perf_counter() - started)

    async def reload(self) -> ReloadSummary:
        """Re-read the directory off the event loop and swap it in, or raise and keep the old one."""
        async with self._lock:
            started = time.perf_counter()
            try:
                loaded, diff = await asyncio.to_thread(self._build)
            except KnowledgeError as exc:
                log.warning(
                    "reload refused: %d problem(s) in %s; still serving the previous knowledge",
                    len(exc.issues),
                    self.knowledge_dir,
                    extra={"issues": [str(i) for i in exc.issues[:20]]},
                )
                raise
            self._current = loaded  # the one atomic swap: readers see old or new, never a mix
            summary = ReloadSummary(diff, dict(loaded.kb.stats), time.perf_counter() - started)
            log.info(
                "knowledge reloaded in %.0f ms: %s",
                summary.seconds * 1000,
                "; ".join(summary.lines()),
                extra={"stats": summary.stats},
            )
            return summary


__all__ = ["EngineFactory", "KnowledgeError", "ReloadSummary", "TriviaService"]
