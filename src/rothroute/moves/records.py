"""Moves as frozen, dated records, read from the household file's ``moves`` (format 1)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Mapping

from rothroute.money import cents

ALL = None  # an amount of ``all``


@dataclass(frozen=True, slots=True, kw_only=True)
class Conversion:
    """Traditional/SEP/SIMPLE IRA to Roth IRA (IRC §408A(d)(3))."""

    index: int
    on: _dt.date
    from_account: str
    to_account: str
    amount: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Contribution:
    """A contribution to an IRA (``deductible``/``nondeductible``) or Roth IRA (``roth``)."""

    index: int
    on: _dt.date
    to_account: str
    amount: int
    type: str
    for_year: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Withdrawal:
    """A distribution from an IRA to the owner in cash (IRC §408(d)(1))."""

    index: int
    on: _dt.date
    from_account: str
    amount: int | None


Move = Conversion | Contribution | Withdrawal


class MoveError(ValueError):
    """A move whose fields cannot be read; ``where`` names the field."""

    def __init__(self, where: str, expected: str, got: Any) -> None:
        self.where, self.expected, self.got = where, expected, got
        super().__init__(f"{where}: expected {expected}; got {got!r}")


def _amount(raw: Mapping[str, Any], where: str, *, allow_all: bool) -> int | None:
    value = raw.get("amount")
    if allow_all and value == "all":
        return ALL
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or value <= 0:
        raise MoveError(f"{where}.amount", "a dollar amount above 0" + (" or 'all'" if allow_all else ""), value)
    try:
        return cents(value)
    except ValueError:
        raise MoveError(f"{where}.amount", "a dollar amount with at most two decimals", value) from None


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value:
        raise MoveError(f"{where}.{key}", "an account id", value)
    return value


def _date(value: Any) -> _dt.date:
    return value if isinstance(value, _dt.date) else _dt.date.fromisoformat(value)


SUPPORTED = ("conversion", "contribution", "withdrawal")
_FIELDS = {"conversion": {"from", "to", "amount"}, "contribution": {"to", "amount", "type", "for_year"},
           "withdrawal": {"from", "amount"}}


def read(index: int, raw: Mapping[str, Any], tax_year: int) -> Move | None:
    """The record of ``moves[index]``; None for a kind this version does not apply yet."""
    where = f"moves[{index}]"
    kind = raw["move"]
    if kind not in SUPPORTED:
        return None
    extra = set(raw) - {"date", "move"} - _FIELDS[kind]
    if extra:
        raise MoveError(f"{where}.{sorted(extra)[0]}", f"one of the fields of a {kind}: {', '.join(sorted(_FIELDS[kind]))}",
                        "an unknown field")
    on = _date(raw["date"])
    if kind == "conversion":
        return Conversion(index=index, on=on, from_account=_text(raw, "from", where), to_account=_text(raw, "to", where),
                          amount=_amount(raw, where, allow_all=True))
    if kind == "withdrawal":
        return Withdrawal(index=index, on=on, from_account=_text(raw, "from", where),
                          amount=_amount(raw, where, allow_all=True))
    kind_of = raw.get("type")
    if kind_of not in ("deductible", "nondeductible", "roth", "pretax", "after_tax"):
        raise MoveError(f"{where}.type", "deductible, nondeductible, roth, pretax or after_tax", kind_of)
    for_year = raw.get("for_year", tax_year)
    if not isinstance(for_year, int) or isinstance(for_year, bool) or for_year not in (tax_year - 1, tax_year):
        raise MoveError(f"{where}.for_year", f"{tax_year - 1} or {tax_year}", for_year)
    return Contribution(index=index, on=on, to_account=_text(raw, "to", where), amount=_amount(raw, where, allow_all=False),
                        type=str(kind_of), for_year=for_year)
