"""Household text from the web, read by the core's own reader (``rothroute.textdoc``).

A JSON body is read by the strict JSON reader (RFC 8259: duplicate keys, NaN, Infinity, trailing
commas refused; numbers kept exact; every value with its line); YAML text (an upload, a paste, a
book file) by the YAML 1.2 core schema, with the same bounds as the command line (size, nesting,
YAML aliases counted as what they repeat, so a "billion laughs" is refused at once). Every refusal
is a ``Problem`` with its line and code, the same the command line prints.
"""

from __future__ import annotations

from typing import Any

from rothroute.errors import HouseholdFileError, Problem
from rothroute.household import Household, kind_of, load_document, load_text
from rothroute.textdoc import TextDoc, TextDocError, read


def parse_json(text: str) -> Any:
    """JSON text as plain values; ``HouseholdFileError`` with the problem and its line when the text
    is not strict JSON."""
    try:
        doc = read(text, kind="json")
    except TextDocError as exc:
        raise HouseholdFileError([_problem(exc)]) from None
    return doc.value


def household_from_json(text: str, *, source: str = "<request body>") -> Household:
    return _guard(lambda: load_text(text, source=source, kind="json"))


def household_from_text(text: str, *, source: str = "<input>") -> Household:
    """A household from YAML or JSON text (JSON for a ``.json`` name; lines kept for every problem)."""
    return _guard(lambda: load_text(text, source=source))


def load_value(value: Any, *, source: str) -> Household:
    """``load_document`` of plain values already read (a form, a JSON body's ``household``)."""
    return _guard(lambda: load_document(TextDoc(value=value), source=source))


def read_document(text: str, *, source: str = "") -> tuple[Any, list[Problem]]:
    """The plain values of YAML/JSON text, as far as they can be read, for a form to show; with the
    problems of values that could not be read, or of the text as a whole."""
    try:
        doc = read(text, kind=kind_of(source), collect=True)
    except TextDocError as exc:
        return None, [_problem(exc)]
    return doc.value, [_problem(e) for e in doc.problems]


def _problem(exc: TextDocError) -> Problem:
    return Problem(where=exc.where, expected=exc.expected, got=exc.got, line=exc.line, code=exc.code)


def _guard(load: Any) -> Household:
    """The loader's checks come first; an exception past them is a bug in rothroute's loader, and
    still a 422 with its code, never a 500."""
    try:
        return load()
    except HouseholdFileError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as exc:
        raise HouseholdFileError([Problem(where="(document)", expected="a household file rothroute can read",
                                          got=f"{type(exc).__name__}: {str(exc)[:120]} (a bug in rothroute's "
                                              "loader: please report it)", code="loader_failed")]) from None
