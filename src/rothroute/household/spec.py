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

Report = Callable[[str, str, str], None]  # (path, expected, got)


def _got(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


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


@dataclass
class Money(Spec):
    """Dollars with at most two decimals."""

    minimum: int | None = 0
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:
        expected = "a dollar amount (at most two decimals)" + (" of at least 0" if self.minimum == 0 else "")
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            report(path, expected, _got(value))
            return False
        if Decimal(value) * 100 != (Decimal(value) * 100).to_integral_value():
            report(path, "a dollar amount with at most two decimals", _got(value))
            return False
        if self.minimum is not None and value < self.minimum:
            report(path, expected, _got(value))
            return False
        return True

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "number", "multipleOf": 0.01}
        if self.minimum is not None:
            out["minimum"] = self.minimum
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
            report(path, f"a whole number{bounds}", _got(value))
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
            report(path, "true or false", _got(value))
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
            report(path, self.expected, _got(value))
            return False
        return True

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string"}
        if self.pattern:
            out["pattern"] = f"^(?:{self.pattern})$"
        return self._with_doc(out)


@dataclass
class Date(Spec):
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:
        if isinstance(value, str):
            try:
                _dt.date.fromisoformat(value)
                return True
            except ValueError:
                pass
        if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
            return True
        report(path, "a date YYYY-MM-DD", _got(value))
        return False

    def schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "string", "format": "date"})


@dataclass
class Enum(Spec):
    values: tuple[str, ...]
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:
        if value not in self.values or not isinstance(value, str):
            report(path, "one of " + ", ".join(self.values), _got(value))
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
            if option.check(value, path, lambda *_: None):
                return True
        report(path, self.expected, _got(value))
        return False

    def schema(self) -> dict[str, Any]:
        return self._with_doc({"anyOf": [o.schema() for o in self.options]})


@dataclass
class Arr(Spec):
    item: Spec
    min_items: int = 0
    description: str = ""

    def check(self, value: Any, path: str, report: Report) -> bool:
        if not isinstance(value, list):
            report(path, "a list", _got(value))
            return False
        if len(value) < self.min_items:
            report(path, f"a list of at least {self.min_items}", f"{len(value)} items")
            return False
        ok = True
        for i, item in enumerate(value):
            ok = self.item.check(item, _join(path, i), report) and ok
        return ok

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema()}
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
            report(path, "a mapping of year to amount", _got(value))
            return False
        ok = True
        for key, item in value.items():
            year_ok = (isinstance(key, int) and not isinstance(key, bool)) or (
                isinstance(key, str) and key.isascii() and key.isdigit())  # ASCII digits only: not a superscript
            if not year_ok:
                report(_join(path, str(key)), "a year as the key", _got(key))
                ok = False
                continue
            ok = self.value.check(item, _join(path, str(key)), report) and ok
        return ok

    def schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "object", "propertyNames": {"pattern": "^[0-9]{4}$"},
                               "additionalProperties": self.value.schema()})


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
            report(path or "(document)", self.title, _got(value))
            return False
        ok = True
        for key in value:
            if key not in self.fields and not self.open:
                report(_join(path, str(key)), "one of the keys " + ", ".join(self.fields), f"unknown key '{key}'")
                ok = False
        for name, f in self.fields.items():
            if name not in value:
                if f.required:
                    report(_join(path, name), f"a value for '{name}' (required)", "nothing")
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


