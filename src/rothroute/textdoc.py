"""Read YAML or JSON text into plain values, keeping the line of every value.

Used by the household file and the parameter files alike, so that a value means one thing
wherever it is written:

- **YAML** is read by the YAML 1.2 core schema, not PyYAML's YAML 1.1 resolver: a plain scalar
  is null, a boolean (``true``/``false`` only), a number, or text. ``yes``, ``on``, ``1:30``,
  ``1_000`` and ``2026-03-02`` are text (a date is checked as text by the field that wants
  one). Numbers that YAML 1.1 and 1.2 read differently, or that no one writes as dollars, are
  refused rather than guessed: leading zeros (``017``: octal 15 in YAML 1.1, 17 in 1.2), hex
  and octal forms (``0x1F``, ``0o17``), ``.inf`` and ``.nan``. Tags (``!!int``) are refused:
  a household file never needs one. PyYAML's event parser (libyaml when present) does the
  tokenizing; the values are built here, in one pass without recursion.
- **JSON** is read by a strict JSON reader (RFC 8259): no trailing commas, comments,
  single quotes, NaN or Infinity; the standard library's string and number scanners, positions
  kept for the lines.
- Both refuse duplicate keys, and are **bounded** (``Limits``): the text's size, the nesting
  depth, and the number of values once YAML aliases are expanded (a "billion laughs" file is
  refused after its first hundred thousand values, not after gigabytes). An alias of a value
  that contains it is refused.
- Numbers become ``int`` or ``Decimal`` from the text as written (never a binary float), with
  at most ``Limits.max_digits`` digits and a magnitude below 10**``Limits.max_exponent``.

``lines`` maps each value's path (``accounts[2].sources.pretax``) to its 1-based line.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from rothroute.errors import InvalidArgument, RothrouteError

try:  # libyaml when present: the C parser is several times faster
    _Parser: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Parser = yaml.SafeLoader


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """Bounds on a document, so that no text can take unbounded time or memory."""

    max_bytes: int = 1_048_576  # 1 MiB: a household file is a few kilobytes
    max_depth: int = 64  # nesting of mappings and lists
    max_values: int = 100_000  # values, counting each YAML alias as the values it stands for
    max_digits: int = 40  # digits in one number
    max_exponent: int = 30  # numbers below 10**30 in magnitude


LIMITS = Limits()


class TextDocError(RothrouteError, ValueError):
    """Text that is not a readable YAML/JSON document; carries the line and what was wrong."""

    def __init__(self, where: str, line: int | None, expected: str, got: str, code: str = "file_syntax") -> None:
        self.where, self.line, self.expected, self.got, self.code = where, line, expected, got, code
        super().__init__(f"line {line}: {where}: expected {expected}; got {got}")


@dataclass
class TextDoc:
    value: Any
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[TextDocError] = field(default_factory=list)  # values that could not be read (``collect``)

    def line_of(self, path: str) -> int | None:
        """The line of ``path``, or of its nearest enclosing value."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def join(path: str, key: Any) -> str:
    """The path of ``key`` in ``path``: ``people[0].born`` (a list index in brackets), a key that is
    not a plain name quoted (``accounts[4]["kin:d"]``), so a path always reads one way."""
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{path}[{key}]"
    key = str(key)
    if not _PLAIN_KEY.fullmatch(key):
        return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
    return f"{path}.{key}" if path else key


@dataclass(frozen=True, slots=True)
class Unreadable:
    """Where a value stood that could not be read (kept with ``collect``, so the rest is checked)."""

    text: str

    def __str__(self) -> str:
        return self.text


def read(text: str, *, kind: str = "yaml", limits: Limits = LIMITS, collect: bool = False) -> TextDoc:
    """Parse ``text`` as ``kind`` ("yaml" or "json") into a ``TextDoc``; raise ``TextDocError``.

    ``collect``: a scalar that cannot be read (a refused number form, a tag) becomes an
    ``Unreadable`` in the value and a problem in ``TextDoc.problems``, and reading goes on, so
    that every problem of a file comes out at once; a broken structure still stops the reading."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise TextDocError("(document)", None, f"at most {limits.max_bytes:,} bytes", f"{size:,} bytes",
                           code="file_too_large")
    if kind not in ("yaml", "json"):
        raise InvalidArgument(f"kind must be 'yaml' or 'json', not {kind!r}")
    doc = _Json(text, limits, collect).document() if kind == "json" else _read_yaml(text, limits, collect)
    doc.lines.setdefault("", 1)  # the document as a whole (empty, or not a mapping) is on line 1
    return doc


# --- numbers, shared by both readers -------------------------------------------------------

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NUMBERISH = re.compile(r"[-+]?(0[xXoObB][0-9a-fA-F_]*|\.(inf|Inf|INF|nan|NaN|NAN))")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def _number(text: str, path: str, line: int, limits: Limits) -> int | Decimal:
    """An int or Decimal from the number's text, within the limits; leading zeros refused."""
    digits = sum(c.isdigit() for c in text)
    if digits > limits.max_digits:
        raise TextDocError(path, line, f"a number of at most {limits.max_digits} digits", f"{digits} digits",
                           code="number_out_of_range")
    unsigned = text.lstrip("+-")
    whole = unsigned.split(".")[0].split("e")[0].split("E")[0]
    if len(whole) > 1 and whole.startswith("0"):
        raise TextDocError(path, line, "a number without leading zeros (017 is octal 15 to some readers, "
                           "17 to others: write 17)", repr(text), code="number_ambiguous")
    if _INT.fullmatch(text):
        return int(text)
    value = Decimal(text)
    if value and value.adjusted() >= limits.max_exponent:
        raise TextDocError(path, line, f"a number below 10^{limits.max_exponent}", repr(text),
                           code="number_out_of_range")
    return value


# --- YAML ----------------------------------------------------------------------------------

def _mark(event: Any) -> int:
    return event.start_mark.line + 1


class _Frame:
    """A mapping or list being built: its value, path, anchor, how many values it holds (aliases
    expanded), and for a mapping the key waiting for its value and that key's line."""

    __slots__ = ("value", "path", "anchor", "size", "key", "key_line")

    def __init__(self, value: Any, path: str, anchor: str | None) -> None:
        self.value, self.path, self.anchor = value, path, anchor
        self.size = 1
        self.key: Any = _NO_KEY
        self.key_line = 0

    def wants_key(self) -> bool:
        return isinstance(self.value, dict) and self.key is _NO_KEY

    def next_path(self) -> str:
        if isinstance(self.value, list):
            return join(self.path, len(self.value))
        return self.path if self.key is _NO_KEY else join(self.path, _key_text(self.key))


_NO_KEY = object()


def _read_yaml(text: str, limits: Limits, collect: bool) -> TextDoc:
    parser = _Parser(text)
    try:
        return _Yaml(limits, collect).build(parser)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise TextDocError("(document)", line, "well-formed YAML or JSON", str(exc.problem or exc)) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        raise TextDocError("(document)", line, "text without control characters",
                           f"the character {chr(exc.character)!r}" if isinstance(exc.character, int)
                           else repr(exc.character)) from None
    except yaml.YAMLError as exc:
        raise TextDocError("(document)", None, "well-formed YAML or JSON", str(exc)) from None
    finally:
        parser.dispose()


class _Yaml:
    """Builds values from PyYAML's events with an explicit stack (no recursion), counting values."""

    def __init__(self, limits: Limits, collect: bool) -> None:
        self.limits, self.collect = limits, collect
        self.doc = TextDoc(value=None)
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int] | None] = {}  # None: still being built
        self.total = 0

    def build(self, parser: Any) -> TextDoc:
        documents = 0
        handlers = {yaml.ScalarEvent: self.scalar, yaml.MappingStartEvent: self.start,
                    yaml.SequenceStartEvent: self.start, yaml.MappingEndEvent: self.end,
                    yaml.SequenceEndEvent: self.end, yaml.AliasEvent: self.alias}
        while parser.check_event():
            event = parser.get_event()
            if type(event) is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise TextDocError("(document)", _mark(event), "one document", "a second document (---)")
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)
        return self.doc

    def path(self) -> str:
        return self.stack[-1].next_path() if self.stack else ""

    def count(self, size: int, line: int, *, parent: bool = True) -> None:
        self.total += size
        if self.total > self.limits.max_values:
            raise TextDocError(self.path() or "(document)", line,
                               f"at most {self.limits.max_values:,} values (YAML aliases counted as what they "
                               "repeat)", "more", code="file_too_large")
        if parent and self.stack:
            self.stack[-1].size += size

    def put(self, value: Any, line: int) -> None:
        """Put a finished value where it belongs, noting its line."""
        if not self.stack:
            self.doc.value = value
            self.doc.lines[""] = line
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            self.doc.lines[join(top.path, len(top.value))] = line
            top.value.append(value)
            return
        if top.key is _NO_KEY:
            if value in top.value:
                raise TextDocError(join(top.path, _key_text(value)), line, "each key once", "a duplicate key",
                                   code="duplicate_key")
            top.key, top.key_line = value, line
            return
        where = join(top.path, _key_text(top.key))
        top.value[top.key] = value
        self.doc.lines[where] = top.key_line  # a value is placed on its key's line
        top.key = _NO_KEY

    def untagged(self, event: Any, line: int) -> None:
        if event.tag is not None and event.tag != "!":
            raise TextDocError(self.path() or "(document)", line, "a plain value (no YAML tags such as !!int)",
                               f"the tag {event.tag}", code="yaml_tag")

    def scalar(self, event: Any) -> None:
        line = _mark(event)
        try:
            self.untagged(event, line)
            value = _yaml_scalar(event, self.path(), line, self.limits)
        except TextDocError as exc:
            if not self.collect or self.stack and self.stack[-1].wants_key():
                raise
            self.doc.problems.append(exc)
            value = Unreadable(event.value[:60])
        self.count(1, line)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.put(value, line)

    def start(self, event: Any) -> None:
        line = _mark(event)
        path = self.path()
        if self.stack and self.stack[-1].wants_key():
            raise TextDocError(path or "(document)", line, "a plain key", "a mapping or list as a key")
        self.untagged(event, line)
        if len(self.stack) >= self.limits.max_depth:
            raise TextDocError(path or "(document)", line, f"at most {self.limits.max_depth} levels of nesting",
                               "deeper nesting", code="file_too_deep")
        self.count(1, line, parent=False)  # the parent counts it whole when it ends
        if event.anchor:
            self.anchors[event.anchor] = None
        self.stack.append(_Frame({} if type(event) is yaml.MappingStartEvent else [], path, event.anchor))
        self.doc.lines.setdefault(path, line)

    def end(self, event: Any) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.value, frame.size)
        if self.stack:
            self.stack[-1].size += frame.size
        line = self.doc.lines.get(frame.path, _mark(event))
        if self.stack and not isinstance(self.stack[-1].value, list):
            line = self.stack[-1].key_line
        self.put(frame.value, line)

    def alias(self, event: Any) -> None:
        line = _mark(event)
        path = self.path()
        known = self.anchors.get(event.anchor, False)
        if known is False:
            raise TextDocError(path or "(document)", line, f"an anchor &{event.anchor} defined before its alias",
                               f"*{event.anchor}", code="yaml_alias")
        if known is None:
            raise TextDocError(path or "(document)", line, "an alias of a value defined before it",
                               f"*{event.anchor} inside the value it names", code="yaml_alias")
        value, size = known
        if self.stack and self.stack[-1].wants_key() and isinstance(value, (dict, list)):
            raise TextDocError(path or "(document)", line, "a plain key", "an alias of a mapping or list")
        self.count(size, line)
        self.put(value, line)


def _key_text(key: Any) -> str:
    return "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)


def _yaml_scalar(event: Any, path: str, line: int, limits: Limits) -> Any:
    text = event.value
    if not event.implicit[0]:  # quoted, a block scalar, or tagged '!': text
        return text
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.fullmatch(text) or _FLOAT.fullmatch(text):
        return _number(text, path, line, limits)
    if _NUMBERISH.fullmatch(text):
        raise TextDocError(path or "(document)", line, "a decimal number (no hex, octal, binary, .inf or .nan)",
                           repr(text), code="number_ambiguous")
    return text


# --- JSON ----------------------------------------------------------------------------------

_WS = re.compile(r"[ \t\n\r]*")
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_LITERALS = {"true": True, "false": False, "null": None}
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Json:
    """A strict JSON reader that keeps the line of every value."""

    def __init__(self, text: str, limits: Limits, collect: bool) -> None:
        self.text, self.limits, self.collect = text, limits, collect
        self.newlines = [i for i, c in enumerate(text) if c == "\n"]
        self.doc = TextDoc(value=None)
        self.count = 0

    def line(self, at: int) -> int:
        return bisect.bisect_right(self.newlines, at - 1) + 1 if at else 1

    def fail(self, at: int, expected: str, where: str = "(document)", code: str = "file_syntax") -> TextDocError:
        got = repr(self.text[at:at + 12]) if at < len(self.text) else "the end of the text"
        return TextDocError(where or "(document)", self.line(at), expected, got, code=code)

    def document(self) -> TextDoc:
        at = _WS.match(self.text, 0).end()
        if at == len(self.text):
            return self.doc
        self.doc.value, at = self.value(at, "", 0)
        at = _WS.match(self.text, at).end()
        if at != len(self.text):
            raise self.fail(at, "the end of the JSON document")
        return self.doc

    def value(self, at: int, path: str, depth: int) -> tuple[Any, int]:
        self.count += 1
        if self.count > self.limits.max_values:
            raise self.fail(at, f"at most {self.limits.max_values:,} values", path, code="file_too_large")
        self.doc.lines[path] = self.line(at)
        text = self.text
        c = text[at:at + 1]
        if c in ("{", "["):
            if depth >= self.limits.max_depth:
                raise self.fail(at, f"at most {self.limits.max_depth} levels of nesting", path, code="file_too_deep")
            return (self.mapping if c == "{" else self.array)(at + 1, path, depth + 1)
        if c == '"':
            return self.string(at)
        number = _JSON_NUMBER.match(text, at)
        if number and number.end() > at:
            try:
                return _number(number.group(), path, self.line(at), self.limits), number.end()
            except TextDocError as exc:
                if not self.collect:
                    raise
                self.doc.problems.append(exc)
                return Unreadable(number.group()[:60]), number.end()
        for word, value in _LITERALS.items():
            if text.startswith(word, at):
                return value, at + len(word)
        raise self.fail(at, "a JSON value (an object, array, string, number, true, false or null)", path)

    def string(self, at: int) -> tuple[str, int]:
        try:
            value, end = json.decoder.scanstring(self.text, at + 1, True)
        except json.JSONDecodeError as exc:
            raise self.fail(exc.pos, f"a valid JSON string ({exc.msg})") from None
        if _SURROGATE.search(value):
            raise self.fail(at, "text of Unicode characters (no lone surrogate escapes such as \\ud800)")
        return value, end

    def mapping(self, at: int, path: str, depth: int) -> tuple[dict[str, Any], int]:
        out: dict[str, Any] = {}
        at = _WS.match(self.text, at).end()
        if self.text.startswith("}", at):
            return out, at + 1
        while True:
            if not self.text.startswith('"', at):
                raise self.fail(at, "a key in double quotes", path)
            key_at = at
            key, at = self.string(at)
            if key in out:
                raise TextDocError(join(path, key), self.line(key_at), "each key once", "a duplicate key",
                                   code="duplicate_key")
            at = _WS.match(self.text, at).end()
            if not self.text.startswith(":", at):
                raise self.fail(at, "':' after the key", join(path, key))
            at = _WS.match(self.text, at + 1).end()
            out[key], at = self.value(at, join(path, key), depth)
            self.doc.lines[join(path, key)] = self.line(key_at)
            at = _WS.match(self.text, at).end()
            if self.text.startswith(",", at):
                at = _WS.match(self.text, at + 1).end()
                continue
            if self.text.startswith("}", at):
                return out, at + 1
            raise self.fail(at, "',' or '}' (no trailing comma, no comment)", path)

    def array(self, at: int, path: str, depth: int) -> tuple[list[Any], int]:
        out: list[Any] = []
        at = _WS.match(self.text, at).end()
        if self.text.startswith("]", at):
            return out, at + 1
        while True:
            item, at = self.value(at, join(path, len(out)), depth)
            out.append(item)
            at = _WS.match(self.text, at).end()
            if self.text.startswith(",", at):
                at = _WS.match(self.text, at + 1).end()
                continue
            if self.text.startswith("]", at):
                return out, at + 1
            raise self.fail(at, "',' or ']' (no trailing comma, no comment)", path)
