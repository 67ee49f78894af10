"""The engine's output: one structured answer that every front end renders.

The console prints ``text``; Discord builds an embed from ``title``, ``text``,
``fields`` and ``footer``; ``--json`` dumps :meth:`Answer.to_dict`. Nothing here
knows about Discord.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Status = Literal["answered", "clarify", "unknown"]


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A knowledge-base entity found in (or chosen for) a question."""

    kind: str  # driver | team | manufacturer | car | class
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """One option of a ``clarify`` answer; ``question`` re-asks with it resolved."""

    label: str
    question: str
    entity: EntityRef | None = None


@dataclass(frozen=True, slots=True)
class AnswerField:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True, slots=True)
class Answer:
    status: Status
    text: str  # the complete plain answer: a sentence or a short list
    intent: str = "none"
    title: str = "Petit Le Mans"
    fields: tuple[AnswerField, ...] = ()
    lines: tuple[str, ...] = ()  # long lists (record tables), one line each, for paging
    candidates: tuple[Candidate, ...] = ()
    entities: tuple[EntityRef, ...] = ()
    years: tuple[int, ...] = ()
    sources: tuple[str, ...] = ()
    confidence: str | None = None  # the weakest confidence among the facts used
    footer: str | None = None
    # A shorter lead for displays that show ``fields`` beside it (an embed), so the details
    # are not said twice; the console and JSON always use the complete ``text``.
    summary: str | None = None
    # How the question was read (the typed query, see bot.qa.query) and the words that could
    # have changed the answer but were not understood. Shown by ``ask --json``.
    query: dict[str, Any] | None = None
    ignored: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("fields", "lines", "candidates", "entities", "years", "sources", "ignored"):
            data[key] = list(data[key])
        return data


def unknown(text: str, intent: str = "none", **extra: Any) -> Answer:
    return Answer(status="unknown", text=text, intent=intent, **extra)


def clarify(
    text: str, candidates: tuple[Candidate, ...] | list[Candidate], intent: str = "none", **extra: Any
) -> Answer:
    return Answer(status="clarify", text=text, intent=intent, candidates=tuple(candidates), **extra)
