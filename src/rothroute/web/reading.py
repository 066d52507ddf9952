"""Household text from the web, read strictly before the core's loader sees it.

A JSON body is parsed here (duplicate keys, NaN and Infinity refused, numbers kept as written:
``Decimal``, never a binary float) and handed to ``load_document``; YAML text (an upload, a
paste, a book file) is first scanned for aliases and deep nesting, which a household file never
needs and which can make a small text expand without bound (the "billion laughs"), then read by
``load_text``. Every refusal is a ``Problem`` with its line, like the loader's own.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import yaml

from rothroute.errors import HouseholdFileError, Problem
from rothroute.household import Household, load_document, load_text
from rothroute.textdoc import TextDoc

_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
MAX_DEPTH = 32  # a household file nests 6 deep; JSON and YAML deeper than this are refused


class _Refused(ValueError):
    def __init__(self, expected: str, got: str, line: int | None = None) -> None:
        self.expected, self.got, self.line = expected, got, line
        super().__init__(f"expected {expected}; got {got}")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused("each key once in an object", f"the key '{key}' twice")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise _Refused("a finite number", name)


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_DEPTH:
        raise _Refused(f"a document nested at most {MAX_DEPTH} deep", "deeper nesting")
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level)
    return level


def parse_json(text: str) -> Any:
    """JSON text as plain values (numbers with a fraction as ``Decimal``); ``HouseholdFileError``
    with one problem naming the line when the text is not strict JSON."""
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_float=Decimal, parse_constant=_no_constant)
        _depth(value)
    except _Refused as exc:
        raise HouseholdFileError([Problem(where="(document)", expected=exc.expected, got=exc.got,
                                          code="malformed_document")]) from None
    except json.JSONDecodeError as exc:
        raise HouseholdFileError([Problem(where="(document)", expected="a JSON document", got=exc.msg,
                                          line=exc.lineno, code="malformed_document")]) from None
    except (RecursionError, ValueError) as exc:
        raise HouseholdFileError([Problem(where="(document)", expected="a JSON document", got=str(exc)[:120],
                                          code="malformed_document")]) from None
    return value


def household_from_json(text: str, *, source: str = "<request body>") -> Household:
    return load_value(parse_json(text), source=source)


def load_value(value: Any, *, source: str) -> Household:
    """``load_document`` of plain values, where any failure of the loader on bad input is a problem
    (never a 500): the loader's own checks come first; an exception past them is a loader bug."""
    return _guard(lambda: load_document(TextDoc(value=value), source=source))


def _guard(load: Any) -> Household:
    try:
        return load()
    except HouseholdFileError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as exc:
        raise HouseholdFileError([Problem(where="(document)", expected="a household file rothroute can read",
                                          got=f"{type(exc).__name__}: {str(exc)[:120]} (a bug in rothroute's "
                                              "loader: please report it)", code="loader_failed")]) from None


def check_yaml(text: str) -> None:
    """Refuse YAML aliases and deep nesting before the text is composed (``HouseholdFileError``)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.AliasEvent):
                raise _Refused("a document without YAML aliases (*name): write each value out",
                               f"the alias *{event.anchor}", event.start_mark.line + 1)
            if isinstance(event, yaml.ScalarEvent) and event.implicit[0] and not event.style \
                    and _DATE_LIKE.match(event.value):
                try:
                    yaml.safe_load(event.value)
                except ValueError:  # PyYAML reads 1959-13-20 as a date and fails (a core reader fix is coming)
                    raise _Refused("a date YYYY-MM-DD", repr(event.value), event.start_mark.line + 1) from None
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Refused(f"a document nested at most {MAX_DEPTH} deep", "deeper nesting",
                                   event.start_mark.line + 1)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except _Refused as exc:
        code = "yaml_alias" if "alias" in exc.expected else "invalid_value" if "date" in exc.expected \
            else "malformed_document"
        raise HouseholdFileError([Problem(where="(document)", expected=exc.expected, got=exc.got, line=exc.line,
                                          code=code)]) from None
    except yaml.YAMLError:
        return  # the loader reports malformed YAML with its line


def household_from_text(text: str, *, source: str = "<input>") -> Household:
    """A household from YAML or JSON text (a file's text: lines are kept for every problem)."""
    check_yaml(text)
    return _guard(lambda: load_text(text, source=source))


def read_document(text: str) -> tuple[Any, list[Problem]]:
    """The plain values of YAML/JSON text, as far as they can be read, for a form to show; with the
    problem that stopped the reading, if any."""
    from rothroute.textdoc import TextDocError, read

    try:
        check_yaml(text)
        return read(text).value, []
    except HouseholdFileError as exc:
        return None, list(exc.problems)
    except TextDocError as exc:
        return None, [Problem(where=exc.where, expected=exc.expected, got=exc.got, line=exc.line)]
