"""Safe YAML reading that remembers where every value came from.

``yaml.compose`` keeps a mark (line) on every node; we build the plain Python value
and, beside it, a map from each value's path (``("results", 0, "drivers", 1)``) to
its line, so validation errors can name ``file:line``. Only the safe constructor is
used; any ``!!python/...`` tag is refused before anything is constructed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # same interface, a different class

Path_ = tuple[str | int, ...]


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
    _walk(node, (), lines, name)
    loader = _Loader("")
    try:
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlReadError(Issue(name, mark.line + 1 if mark else 1, "(value)", exc.problem or str(exc))) from None
    finally:
        loader.dispose()
    return YamlDocument(name, data, lines)


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], name: str) -> None:
    if node.tag.startswith(_UNSAFE_TAG_PREFIXES):
        raise YamlReadError(
            Issue(
                name,
                node.start_mark.line + 1,
                format_path(path),
                f"tag {node.tag!r} is refused: only plain YAML data is allowed",
            )
        )
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            child = (*path, key)
            lines[child] = key_node.start_mark.line + 1
            _walk(value_node, child, lines, name)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, name)
