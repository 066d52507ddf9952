"""A small declarative spec of the household file: it checks a parsed document (collecting
every problem with its path) and it writes the JSON Schema that editors use. One description,
two uses, so the schema and the loader cannot drift apart.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from rothroute.textdoc import join

Report = Callable[..., None]  # (path, expected, got, code="invalid_value")


def shown(value: Any) -> str:
    """A value as a problem shows it: short, quoted when text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _join(path: str, key: str | int) -> str:
    return join(path, key)


class Spec:
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _with_doc(self, out: dict[str, Any]) -> dict[str, Any]:
        if self.description:
            out["description"] = self.description
        return out


MAX_ITEMS = 250
"""The most items a list of a household file may hold (people, income, accounts, moves, layers,
destinations): far above any household's, and a bound on the time a file can take."""

MAX_DOLLARS = 10 ** 12
"""The largest amount a household file may hold, in dollars (a trillion): far above any
household's, low enough that every sum and product the engine forms stays exact and fast."""


@dataclass
class Money(Spec):
    """Dollars with at most two decimals, from ``minimum`` (None: -MAX_DOLLARS) to MAX_DOLLARS;
    ``positive``: above 0."""

    minimum: int | None = 0
    description: str = ""
    positive: bool = False

    def check(self, value: Any, path: str, report: Report) -> bool:
        low = "above 0" if self.positive else "of at least 0" if self.minimum == 0 else ""
        expected = "a dollar amount (at most two decimals)" + (f" {low}" if low else "")
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            report(path, expected, shown(value))
            return False
        if abs(value) > MAX_DOLLARS:
            report(path, f"a dollar amount of at most ${MAX_DOLLARS:,} in size (rothroute's limit)", shown(value))
            return False
        if Decimal(value) * 100 != (Decimal(value) * 100).to_integral_value():
            report(path, "a dollar amount with at most two decimals", shown(value))
            return False
        if (self.minimum is not None and value < self.minimum) or (self.positive and value <= 0):
            report(path, expected, shown(value))
            return False
        return True

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "number", "multipleOf": 0.01, "maximum": MAX_DOLLARS,
                               "minimum": -MAX_DOLLARS if self.minimum is None else self.minimum}
        if self.positive:
            out["exclusiveMinimum"] = 0
        return self._with_doc(out)


@dataclass
class Int(Spec):
    minimum: int | None = None
    maximum: int | None = None
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:
        bounds = ""
        if self.minimum is not None and self.maximum is not None:
            bounds = f" from {self.minimum} to {self.maximum}"
        elif self.minimum is not None:
            bounds = f" of at least {self.minimum}"
        ok = isinstance(value, int) and not isinstance(value, bool)
        ok = ok and (self.minimum is None or value >= self.minimum) and (self.maximum is None or value <= self.maximum)
        if not ok:
            report(path, f"a whole number{bounds}", shown(value))
        return ok

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return self._with_doc(out)


@dataclass
class Bool(Spec):
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:
        if not isinstance(value, bool):
            report(path, "true or false", shown(value))
            return False
        return True

    def schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "boolean"})


@dataclass
class Text(Spec):
    pattern: str | None = None
    expected: str = "text"
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:
        if not isinstance(value, str) or (self.pattern and not re.fullmatch(self.pattern, value)):
            report(path, self.expected, shown(value))
            return False
        return True

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string"}
        if self.pattern:
            out["pattern"] = f"^(?:{self.pattern})$"
        return self._with_doc(out)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FIRST_DAY, LAST_DAY = _dt.date(1900, 1, 1), _dt.date(2200, 12, 31)


def iso_date(value: Any) -> _dt.date | None:
    """The date of ISO ``YYYY-MM-DD`` text (or a ``date``) from 1900 to 2200; None otherwise."""
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        day = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            day = _dt.date.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


@dataclass
class Date(Spec):
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:
        if iso_date(value) is not None:
            return True
        shape = isinstance(value, str) and _ISO_DATE.fullmatch(value)
        report(path, "a date YYYY-MM-DD from 1900-01-01 to 2200-12-31" + (" that exists" if shape else ""),
               shown(value))
        return False

    def schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})


@dataclass
class Enum(Spec):
    values: tuple[str, ...]
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:
        if value not in self.values or not isinstance(value, str):
            report(path, "one of " + ", ".join(self.values), shown(value))
            return False
        return True

    def schema(self) -> dict[str, Any]:
        return self._with_doc({"enum": list(self.values)})


@dataclass
class Nullable(Spec):
    inner: Spec
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:
        return True if value is None else self.inner.check(value, path, report)

    def schema(self) -> dict[str, Any]:
        return self._with_doc({"anyOf": [self.inner.schema(), {"type": "null"}]})


@dataclass
class Either(Spec):
    """A value that may take any of several forms (e.g. ``all`` or a dollar amount)."""

    options: tuple[Spec, ...]
    expected: str
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:
        for option in self.options:
            if option.check(value, path, lambda *_, **__: None):
                return True
        report(path, self.expected, shown(value))
        return False

    def schema(self) -> dict[str, Any]:
        return self._with_doc({"anyOf": [o.schema() for o in self.options]})


@dataclass
class Arr(Spec):
    item: Spec
    min_items: int = 0
    description: str = ""
    max_items: int = MAX_ITEMS

    def check(self, value: Any, path: str, report: Report) -> bool:
        if not isinstance(value, list):
            report(path, "a list", shown(value))
            return False
        if len(value) < self.min_items:
            report(path, f"a list of at least {self.min_items}", f"{len(value)} items")
            return False
        if len(value) > self.max_items:
            report(path, f"a list of at most {self.max_items} items (rothroute's limit for a household)",
                   f"{len(value):,} items")
            return False
        ok = True
        for i, item in enumerate(value):
            ok = self.item.check(item, _join(path, i), report) and ok
        return ok

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema(), "maxItems": self.max_items}
        if self.min_items:
            out["minItems"] = self.min_items
        return self._with_doc(out)


@dataclass
class YearMap(Spec):
    """A mapping from a year to a value (YAML int keys or JSON digit-string keys)."""

    value: Spec
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:
        if not isinstance(value, dict):
            report(path, "a mapping of year to amount", shown(value))
            return False
        ok = True
        for key, item in value.items():
            year = key if isinstance(key, int) and not isinstance(key, bool) else \
                int(key) if isinstance(key, str) and key.isascii() and key.isdigit() and len(key) == 4 else None
            if year is None or not 1900 <= year <= 2200:
                report(_join(path, str(key)), "a year from 1900 to 2200 as the key", shown(key))
                ok = False
                continue
            ok = self.value.check(item, _join(path, str(key)), report) and ok
        return ok

    def schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "object", "propertyNames": {"pattern": "^[0-9]{4}$"},
                               "additionalProperties": self.value.schema()})


@dataclass
class Tagged(Spec):
    """A mapping whose kind is named by one of its keys (``move: conversion``), each kind with its
    own fields: the JSON Schema has one branch per kind, the check reports the fields of the kind
    named (or the kinds, when the name is not one of them)."""

    key: str
    variants: dict[str, "Obj"]
    title: str = "a mapping"
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:
        if not isinstance(value, dict):
            report(path or "(document)", self.title, shown(value))
            return False
        kind = value.get(self.key)
        if self.key not in value:
            report(_join(path, self.key), f"a value for '{self.key}' (required): one of "
                   + ", ".join(self.variants), "nothing", code="missing_field")
            return False
        if not isinstance(kind, str) or kind not in self.variants:
            report(_join(path, self.key), "one of " + ", ".join(self.variants), shown(kind))
            return False
        return self.variants[kind].check(value, path, report)

    def schema(self) -> dict[str, Any]:
        branches = []
        for name, obj in self.variants.items():
            branch = obj.schema()
            branch["properties"] = {**branch["properties"], self.key: {"const": name}}
            branch["title"] = name
            branches.append(branch)
        return self._with_doc({"type": "object", "required": [self.key], "oneOf": branches})


@dataclass
class Variants(Spec):
    """A mapping that takes one of several shapes, told apart by a key it holds (``{cash: X}``
    or ``{account: ID, amount: X}``)."""

    by_key: dict[str, "Obj"]
    otherwise: "Obj"
    title: str = "a mapping"
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:
        if not isinstance(value, dict):
            report(path or "(document)", self.title, shown(value))
            return False
        for key, obj in self.by_key.items():
            if key in value:
                return obj.check(value, path, report)
        return self.otherwise.check(value, path, report)

    def schema(self) -> dict[str, Any]:
        return self._with_doc({"oneOf": [o.schema() for o in (*self.by_key.values(), self.otherwise)]})


@dataclass
class Field:
    spec: Spec
    required: bool = False


@dataclass
class Obj(Spec):
    fields: dict[str, Field]
    description: str = ""
    open: bool = False  # True: other keys are kept for a later stage to check
    title: str = "a mapping"

    def check(self, value: Any, path: str, report: Report) -> bool:
        if not isinstance(value, dict):
            report(path or "(document)", self.title, shown(value))
            return False
        ok = True
        for key in value:
            if key not in self.fields and not self.open:
                report(_join(path, str(key)), "one of the keys " + ", ".join(self.fields), f"unknown key '{key}'",
                       code="unknown_field")
                ok = False
        for name, f in self.fields.items():
            if name not in value:
                if f.required:
                    report(_join(path, name), f"a value for '{name}' (required)", "nothing", code="missing_field")
                    ok = False
                continue
            ok = f.spec.check(value[name], _join(path, name), report) and ok
        return ok

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "properties": {name: f.spec.schema() for name, f in self.fields.items()},
            "additionalProperties": self.open,
        }
        required = [name for name, f in self.fields.items() if f.required]
        if required:
            out["required"] = required
        return self._with_doc(out)


def req(spec: Spec) -> Field:
    return Field(spec, required=True)


def opt(spec: Spec) -> Field:
    return Field(spec)


