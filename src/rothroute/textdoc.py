"""Read YAML or JSON text into plain values, keeping the line of every value.

Used by the household file and the parameter files alike. Floats become ``Decimal`` from the
text as written (never a binary float), duplicate keys are refused, and ``lines`` maps each
value's path (``accounts[2].sources.pretax``) to its 1-based line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

try:  # libyaml when present: the C composer is several times faster
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

_FLOAT = "tag:yaml.org,2002:float"
_constructor = yaml.constructor.SafeConstructor()


class TextDocError(ValueError):
    """Text that is not a readable YAML/JSON document; carries the line and what was wrong."""

    def __init__(self, where: str, line: int | None, expected: str, got: str) -> None:
        self.where, self.line, self.expected, self.got = where, line, expected, got
        super().__init__(f"line {line}: {where}: expected {expected}; got {got}")


@dataclass
class TextDoc:
    value: Any
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, path: str) -> int | None:
        """The line of ``path``, or of its nearest enclosing value."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def read(text: str) -> TextDoc:
    """Parse YAML (JSON is YAML) into a ``TextDoc``; raise ``TextDocError`` on bad text."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise TextDocError("(document)", line, "well-formed YAML or JSON", str(exc.problem or exc)) from None
    except yaml.YAMLError as exc:
        raise TextDocError("(document)", None, "well-formed YAML or JSON", str(exc)) from None
    doc = TextDoc(value=None)
    if node is None:
        return doc
    doc.value = _build(node, "", doc.lines)
    return doc


def _build(node: yaml.Node, path: str, lines: dict[str, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise TextDocError(path or "(document)", key_node.start_mark.line + 1, "a plain key", "a complex key")
            key = _scalar(key_node, path)
            if key in out:
                raise TextDocError(join(path, str(key)), key_node.start_mark.line + 1, "each key once", "a duplicate key")
            out[key] = _build(value_node, join(path, str(key)), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, join(path, i), lines) for i, item in enumerate(node.value)]
    return _scalar(node, path)


def _scalar(node: yaml.Node, path: str) -> Any:
    if node.tag == _FLOAT:
        text = str(node.value).replace("_", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise TextDocError(path, node.start_mark.line + 1, "a finite number", repr(node.value)) from None
        if not value.is_finite():
            raise TextDocError(path, node.start_mark.line + 1, "a finite number", repr(node.value))
        return value
    try:
        return _constructor.construct_object(node)
    except yaml.YAMLError as exc:
        raise TextDocError(path, node.start_mark.line + 1, "a valid scalar", str(exc)) from None
