"""Safe YAML reading that remembers where every value came from.

``yaml.compose`` keeps a mark (line) on every node; we build the plain Python value
and, beside it, a map from each value's path (``("results", 0, "drivers", 1)``) to
its line, so validation errors can name ``file:line``. Only the safe constructor is
used; any ``!!python/...`` tag is refused before anything is constructed.

Hostile files are refused fast, before anything is expanded: a file over
:data:`MAX_FILE_BYTES`, more than :data:`MAX_ALIASES` aliases, more than
:data:`MAX_NODES` values counted with aliases expanded (a 400-byte file of nested
aliases expands to billions), a text over :data:`MAX_TEXT_CHARS`, a key given twice in
one mapping, or a date that does not exist (``2010-13-45``). Each error names its limit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # same interface, a different class

Path_ = tuple[str | int, ...]

# Limits, far above what the knowledge base needs (largest file 18 kB, 1,181 values, longest
# text 583 characters in 2026) and far below what would hurt a reload.
MAX_FILE_BYTES = 1_000_000
MAX_ALIASES = 100
MAX_NODES = 100_000
MAX_TEXT_CHARS = 10_000
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in the knowledge base, printed as ``file:line: field: message``."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


@dataclass(slots=True)
class YamlDocument:
    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of the deepest known prefix of ``path`` (1 when nothing matches)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


class YamlReadError(Exception):
    def __init__(self, issue: Issue) -> None:
        super().__init__(str(issue))
        self.issue = issue


_UNSAFE_TAG_PREFIXES = ("tag:yaml.org,2002:python/", "!!python/", "!python/")


def format_path(path: Path_) -> str:
    """``("results", 0, "drivers")`` → ``results[0].drivers``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"


def read_yaml(file: Path, display: str | None = None) -> YamlDocument:
    """Parse ``file`` safely; raise :class:`YamlReadError` naming file and line."""
    name = display or str(file)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlReadError(
                Issue(name, 1, "(file)", f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}")
            )
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlReadError(Issue(name, 1, "(file)", f"not UTF-8 text: {exc.reason}")) from None
    except OSError as exc:
        raise YamlReadError(Issue(name, 1, "(file)", f"cannot read: {exc.strerror}")) from None
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise YamlReadError(Issue(name, 1, "(file)", "file is empty"))
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "invalid YAML"
        raise YamlReadError(Issue(name, line, "(syntax)", f"{problem} (file truncated or malformed?)")) from None
    except yaml.YAMLError as exc:
        raise YamlReadError(Issue(name, 1, "(syntax)", str(exc))) from None
    if node is None:
        raise YamlReadError(Issue(name, 1, "(file)", "file is empty"))
    lines: dict[Path_, int] = {}
    _Walker(name, lines).walk(node, ())
    loader = _Loader("")
    try:
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlReadError(Issue(name, mark.line + 1 if mark else 1, "(value)", exc.problem or str(exc))) from None
    finally:
        loader.dispose()
    return YamlDocument(name, data, lines)


class _Walker:
    """Checks every node (limits, tags, keys, dates) and records each path's line."""

    def __init__(self, name: str, lines: dict[Path_, int]) -> None:
        self.name, self.lines = name, lines
        self.nodes = 0
        self.seen: set[int] = set()  # node ids: a node met twice is an alias
        self.aliases = 0

    def fail(self, node: yaml.Node, path: Path_, message: str) -> YamlReadError:
        return YamlReadError(Issue(self.name, node.start_mark.line + 1, format_path(path), message))

    def walk(self, node: yaml.Node, path: Path_) -> None:
        self._count(node, path)
        if node.tag.startswith(_UNSAFE_TAG_PREFIXES):
            raise self.fail(node, path, f"tag {node.tag!r} is refused: only plain YAML data is allowed")
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            self._mapping(node, path)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.walk(item, (*path, index))
        elif isinstance(node, yaml.ScalarNode):
            self._scalar(node, path)

    def _count(self, node: yaml.Node, path: Path_) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(node, path, f"more than {MAX_NODES:,} values (aliases expanded): refused")
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if id(node) in self.seen:
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    raise self.fail(node, path, f"more than {MAX_ALIASES} aliases: refused")
            self.seen.add(id(node))

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> None:
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            line = key_node.start_mark.line + 1
            if key in first:
                raise self.fail(key_node, (*path, key), f"key given twice (first on line {first[key]})")
            first[key] = line
            child = (*path, key)
            self.lines[child] = line
            self.walk(value_node, child)

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> None:
        if len(node.value) > MAX_TEXT_CHARS:
            raise self.fail(node, path, f"text of {len(node.value):,} characters, over the limit of {MAX_TEXT_CHARS:,}")
        if node.tag == _TIMESTAMP:
            match = _DATE.match(node.value)
            try:
                if match:
                    dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                raise self.fail(node, path, f"{node.value!r} is not a real date") from None
