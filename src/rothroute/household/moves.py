"""The household file's moves as frozen, dated records (format 1).

A closed set: ``Move`` is the union of the kinds. The loader checks a file's moves against the
spec (``fileformat.MOVE_KINDS``) and builds these records, so a malformed move is a file
problem with its line; compare and the optimizer build records directly. ``to_file`` gives a
record back in the file's notation (the only place a move is a dict again). ``index`` is the
move's place in its household's list, set when the household is evaluated.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Mapping

from rothroute.errors import RothrouteError
from rothroute.money import as_number, cents

ALL = None  # an amount of ``all``


@dataclass(frozen=True, slots=True, kw_only=True)
class Conversion:
    """Traditional/SEP/SIMPLE IRA to Roth IRA (IRC §408A(d)(3))."""

    on: _dt.date
    from_account: str
    to_account: str
    amount: int | None
    index: int = -1

    def to_file(self) -> dict[str, Any]:
        return {**_head(self, "conversion"), "from": self.from_account, "to": self.to_account,
                "amount": _out(self.amount)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Contribution:
    """A contribution to an IRA (``deductible``/``nondeductible``) or Roth IRA (``roth``)."""

    on: _dt.date
    to_account: str
    amount: int
    type: str
    for_year: int
    index: int = -1

    def to_file(self) -> dict[str, Any]:
        return {**_head(self, "contribution"), "to": self.to_account, "amount": _out(self.amount),
                "type": self.type, "for_year": self.for_year}


@dataclass(frozen=True, slots=True, kw_only=True)
class Withdrawal:
    """A distribution from an IRA to the owner in cash (IRC §408(d)(1))."""

    on: _dt.date
    from_account: str
    amount: int | None
    index: int = -1

    def to_file(self) -> dict[str, Any]:
        return {**_head(self, "withdrawal"), "from": self.from_account, "amount": _out(self.amount)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Qcd:
    """A qualified charitable distribution: paid by the IRA's trustee straight to a charity, for an
    owner 70½ or older (IRC §408(d)(8))."""

    on: _dt.date
    from_account: str
    amount: int
    index: int = -1

    def to_file(self) -> dict[str, Any]:
        return {**_head(self, "qcd"), "from": self.from_account, "amount": _out(self.amount)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Destination:
    """Where part of a plan distribution goes: an account (``via`` direct or 60_day) or cash."""

    account: str | None  # None: cash to the participant
    amount: int | None  # None: the rest
    via: str = "direct"
    elect: str | None = None  # the participant's allocation of pretax / after_tax (Notice 2014-54)

    def to_file(self) -> dict[str, Any]:
        if self.account is None:
            return {"cash": "rest" if self.amount is None else as_number(self.amount)}
        out: dict[str, Any] = {"account": self.account, "amount": "rest" if self.amount is None
                               else as_number(self.amount)}
        if self.via != "direct":
            out["via"] = self.via
        if self.elect is not None:
            out["elect"] = self.elect
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Distribution:
    """One plan distribution, every disbursement at the same time (Notice 2014-54)."""

    on: _dt.date
    from_account: str
    sources: tuple[str, ...]
    amount: int | None
    to: tuple[Destination, ...]
    index: int = -1

    def to_file(self) -> dict[str, Any]:
        return {**_head(self, "distribution"), "from": self.from_account, "sources": list(self.sources),
                "amount": _out(self.amount), "to": [d.to_file() for d in self.to]}


@dataclass(frozen=True, slots=True, kw_only=True)
class InPlanRothRollover:
    """A rollover inside the plan to its designated Roth account (IRC §402A(c)(4))."""

    on: _dt.date
    account: str
    sources: tuple[str, ...]
    amount: int | None
    index: int = -1

    def to_file(self) -> dict[str, Any]:
        return {**_head(self, "in_plan_roth_rollover"), "account": self.account, "sources": list(self.sources),
                "amount": _out(self.amount)}


@dataclass(frozen=True, slots=True, kw_only=True)
class RollIn:
    """IRA money into an employer plan that accepts it (IRC §408(d)(3)(A)(ii))."""

    on: _dt.date
    from_account: str
    to_account: str
    amount: int | None
    via: str = "transfer"
    index: int = -1

    def to_file(self) -> dict[str, Any]:
        return {**_head(self, "roll_in"), "from": self.from_account, "to": self.to_account,
                "amount": _out(self.amount), "via": self.via}


@dataclass(frozen=True, slots=True, kw_only=True)
class Rollover:
    """IRA to IRA of the same kind: a trustee-to-trustee ``transfer`` or a ``60_day`` rollover."""

    on: _dt.date
    from_account: str
    to_account: str
    amount: int | None
    via: str = "transfer"
    index: int = -1

    def to_file(self) -> dict[str, Any]:
        return {**_head(self, "rollover"), "from": self.from_account, "to": self.to_account,
                "amount": _out(self.amount), "via": self.via}


Move = Conversion | Contribution | Withdrawal | Qcd | Distribution | InPlanRothRollover | RollIn | Rollover


def source(move: Move) -> str | None:
    """The account a move takes money from (None for a contribution)."""
    if isinstance(move, InPlanRothRollover):
        return move.account
    return getattr(move, "from_account", None)


def receives(move: Move) -> tuple[str, ...]:
    """The accounts a move puts money into."""
    if isinstance(move, Distribution):
        return tuple(d.account for d in move.to if d.account is not None)
    if isinstance(move, InPlanRothRollover):
        return (move.account,)
    return (move.to_account,) if hasattr(move, "to_account") else ()


def _head(move: Any, kind: str) -> dict[str, Any]:
    return {"date": move.on.isoformat(), "move": kind}


def _out(amount: int | None) -> Any:
    return "all" if amount is None else as_number(amount)


class MoveError(RothrouteError, ValueError):
    """A move whose fields cannot be read; ``where`` names the field."""

    def __init__(self, where: str, expected: str, got: Any) -> None:
        self.where, self.expected, self.got = where, expected, got
        super().__init__(f"{where}: expected {expected}; got {got!r}")


def _amount(raw: Mapping[str, Any], where: str, *, allow_all: bool, default: Any = None) -> int | None:
    value = raw.get("amount", default)
    if allow_all and value == "all":
        return ALL
    if isinstance(value, float):  # from Python callers and JSON: its shortest decimal text
        value = Decimal(repr(value))
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


SUPPORTED = ("conversion", "contribution", "withdrawal", "qcd", "distribution", "in_plan_roth_rollover", "roll_in",
             "rollover")
_FIELDS = {"conversion": {"from", "to", "amount"}, "contribution": {"to", "amount", "type", "for_year"},
           "withdrawal": {"from", "amount"}, "qcd": {"from", "amount"}, "distribution": {"from", "sources", "amount", "to"},
           "in_plan_roth_rollover": {"account", "sources", "amount"}, "roll_in": {"from", "to", "amount", "via"},
           "rollover": {"from", "to", "amount", "via"}}
SOURCES = ("pretax", "after_tax", "roth")


def _sources(raw: Mapping[str, Any], where: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """The sources named, or ``default``: the non-Roth sources (the designated Roth account is a
    contract of its own and is distributed by a move of its own)."""
    value = raw.get("sources", list(default))
    if not isinstance(value, list) or not value or any(v not in SOURCES for v in value) or len(set(value)) != len(value):
        raise MoveError(f"{where}.sources", "a list of pretax, after_tax, roth (each once)", value)
    return tuple(v for v in SOURCES if v in value)


def _destinations(raw: Mapping[str, Any], where: str) -> tuple[Destination, ...]:
    value = raw.get("to")
    if not isinstance(value, list) or not value:
        raise MoveError(f"{where}.to", "a list of destinations", value)
    out = []
    rests = 0
    for i, d in enumerate(value):
        here = f"{where}.to[{i}]"
        if not isinstance(d, dict):
            raise MoveError(here, "{account: ID, amount: X} or {cash: X}", d)
        if "cash" in d:
            unknown = set(d) - {"cash"}
            if unknown:
                raise MoveError(f"{here}.{sorted(unknown, key=str)[0]}", "nothing beside cash", "an unknown field")
            amount = _amount({"amount": d["cash"]}, here, allow_all=False) if d["cash"] != "rest" else None
            out.append(Destination(account=None, amount=amount))
        else:
            unknown = set(d) - {"account", "amount", "via", "elect"}
            if unknown:
                raise MoveError(f"{here}.{sorted(unknown, key=str)[0]}", "account, amount, via, elect", "an unknown field")
            if d.get("via", "direct") not in ("direct", "60_day"):
                raise MoveError(f"{here}.via", "direct or 60_day", d.get("via"))
            if d.get("elect") not in (None, "pretax", "after_tax"):
                raise MoveError(f"{here}.elect", "pretax or after_tax", d.get("elect"))
            amount = None if d.get("amount") in ("rest", "all") else _amount(d, here, allow_all=False)
            out.append(Destination(account=_text(d, "account", here), amount=amount, via=d.get("via", "direct"),
                                   elect=d.get("elect")))
        rests += out[-1].amount is None
    if rests > 1:
        raise MoveError(f"{where}.to", "at most one destination with amount 'rest' (or 'all')", f"{rests}")
    return tuple(out)


def read(index: int, raw: Mapping[str, Any], tax_year: int) -> Move | None:
    """The record of ``moves[index]``; None for a kind this version does not apply yet."""
    where = f"moves[{index}]"
    kind = raw["move"]
    if kind not in SUPPORTED:
        return None
    extra = set(raw) - {"date", "move"} - _FIELDS[kind]
    if extra:
        raise MoveError(f"{where}.{sorted(extra, key=str)[0]}", f"one of the fields of a {kind}: {', '.join(sorted(_FIELDS[kind]))}",
                        "an unknown field")
    on = _date(raw["date"])
    if kind == "conversion":
        return Conversion(index=index, on=on, from_account=_text(raw, "from", where), to_account=_text(raw, "to", where),
                          amount=_amount(raw, where, allow_all=True))
    if kind == "distribution":
        return Distribution(index=index, on=on, from_account=_text(raw, "from", where),
                            sources=_sources(raw, where, ("pretax", "after_tax")),
                            amount=_amount(raw, where, allow_all=True, default="all"),
                            to=_destinations(raw, where))
    if kind == "in_plan_roth_rollover":
        return InPlanRothRollover(index=index, on=on, account=_text(raw, "account", where),
                                  sources=_sources(raw, where, ("pretax", "after_tax")),
                                  amount=_amount(raw, where, allow_all=True, default="all"))
    if kind == "roll_in":
        via = raw.get("via", "transfer")
        if via not in ("transfer", "60_day"):
            raise MoveError(f"{where}.via", "transfer or 60_day", via)
        return RollIn(index=index, on=on, from_account=_text(raw, "from", where), to_account=_text(raw, "to", where),
                      amount=_amount(raw, where, allow_all=True), via=via)
    if kind == "rollover":
        via = raw.get("via", "transfer")
        if via not in ("transfer", "60_day"):
            raise MoveError(f"{where}.via", "transfer or 60_day", via)
        return Rollover(index=index, on=on, from_account=_text(raw, "from", where), to_account=_text(raw, "to", where),
                        amount=_amount(raw, where, allow_all=True), via=via)
    if kind == "qcd":
        amount = _amount(raw, where, allow_all=False)
        assert amount is not None
        return Qcd(index=index, on=on, from_account=_text(raw, "from", where), amount=amount)
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
