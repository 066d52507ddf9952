"""The options of ``rothroute compare`` and ``rothroute optimize``, read in one place from the
command line's text or a JSON request's values, and the runs they drive. The command line and
the web API both call these, so the two cannot drift: the same input gives the same JSON.

>>> percent("2.5", "inflation")
Fraction(1, 40)
>>> dollars("$60,000", "spending")
6000000
>>> percent("lots", "growth")
Traceback (most recent call last):
...
rothroute.options.OptionError: --growth: expected a percentage such as 2.5; got 'lots'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from rothroute.errors import RothrouteError
from rothroute.household.model import Household

GOALS = ("least-tax-now", "most-roth", "clean-backdoor")
OBJECTIVES = ("wealth", "spending")
CLAIMING = ("file", "optimize")  # the claiming ages: as the file gives them, or chosen by the plan
MAX_YEARS = 60


class OptionError(RothrouteError):
    """An option with a value it cannot take; ``option`` names it as the command line spells it,
    without the dashes (``heirs-rate``)."""

    def __init__(self, option: str, expected: str, got: Any) -> None:
        self.option, self.expected, self.got = option, expected, got
        super().__init__(f"--{option}: expected {expected}; got {got!r}")

    def to_json(self) -> dict[str, object]:
        """The shape of a result's issue (``Issue.to_json``); ``where`` is the option's name."""
        return {"severity": "error", "code": "invalid_option", "where": self.option.replace("-", "_"),
                "message": f"expected {self.expected}; got {self.got!r}", "cites": []}


def _number(value: Any) -> Decimal:
    """A number from text (``60,000``, ``$60000``) or a JSON number; never from a binary float's noise."""
    if isinstance(value, bool):
        raise InvalidOperation
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if not isinstance(value, str):
        raise InvalidOperation
    number = Decimal(value.strip().replace(",", "").lstrip("$"))
    if not number.is_finite():
        raise InvalidOperation
    return number


CASH_ACCOUNTS = ("taxable", "untaxed")  # ``--cash-account``: the file's taxable accounts, or an untaxed one


def goal(value: Any) -> str:
    if value not in GOALS:
        raise OptionError("goal", "one of " + ", ".join(GOALS), value)
    return str(value)


def percent(value: Any, option: str) -> Fraction:
    """A percentage (``2.5`` is 2.5%) as an exact rate."""
    try:
        return Fraction(_number(value)) / 100
    except (InvalidOperation, ValueError):
        raise OptionError(option, "a percentage such as 2.5", value) from None


def dollars(value: Any, option: str) -> int:
    """Dollars of 0 or more, to the cent, as cents."""
    try:
        number = _number(value)
    except (InvalidOperation, ValueError):
        raise OptionError(option, "a dollar amount such as 60000", value) from None
    if number < 0 or number != number.quantize(Decimal("0.01")):
        raise OptionError(option, "dollars of 0 or more, to the cent", value)
    return int(number * 100)


@dataclass(frozen=True, slots=True, kw_only=True)
class OptimizeOptions:
    """Everything ``rothroute optimize`` takes besides the household."""

    years: int
    growth: Fraction
    inflation: Fraction
    heirs_rate: Fraction
    objective: str
    spending: int  # cents
    bequest: int  # cents
    cash: int  # cents
    time_limit: float  # seconds
    survivor_spending: Fraction = Fraction(6, 10)  # the survivor's share of the spending need
    giving: int = 0  # cents a year to charity, first-year dollars: QCDs as the plan chooses, the rest in cash
    cash_account: str = "taxable"  # the file's taxable accounts are the plan's cash account (``untaxed``: not)
    claiming: str = "file"  # Social Security claiming ages: the file's, or chosen by the plan (``optimize.claiming``)

    def assumptions(self) -> Any:
        from rothroute.optimize.horizon import Assumptions

        return Assumptions(growth=self.growth, inflation=self.inflation, heirs_rate=self.heirs_rate,
                           spending=self.spending, cash=self.cash, survivor_spending=self.survivor_spending,
                           giving=self.giving, cash_account=self.cash_account)


def optimize_options(*, years: Any, growth: Any = "5", inflation: Any = "2.5", heirs_rate: Any = "24",
                     objective: Any = "wealth", spending: Any = "0", bequest: Any = "0", cash: Any = "0",
                     time_limit: Any = 60.0, max_time_limit: float | None = None, survivor_spending: Any = "60",
                     giving: Any = "0", cash_account: Any = "taxable", claiming: Any = "file") -> OptimizeOptions:
    """The options as the command line or a JSON request gives them; ``OptionError`` names the first
    one that is wrong. ``max_time_limit`` bounds the solver's seconds (a server's limit)."""
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_YEARS:
        raise OptionError("years", f"1 to {MAX_YEARS}", years)
    rate = percent(growth, "growth")
    if not Fraction(-1, 2) <= rate <= Fraction(1, 2):
        raise OptionError("growth", "a yearly rate from -50 to 50 (percent)", growth)
    heirs = percent(heirs_rate, "heirs-rate")
    if not 0 <= heirs <= 1:
        raise OptionError("heirs-rate", "a tax rate from 0 to 100 (percent)", heirs_rate)
    if objective not in OBJECTIVES:
        raise OptionError("objective", "one of " + ", ".join(OBJECTIVES), objective)
    try:
        seconds = float(_number(time_limit))
    except (InvalidOperation, ValueError):
        raise OptionError("time-limit", "seconds, such as 60", time_limit) from None
    top = max_time_limit if max_time_limit is not None else float("inf")
    if not 0 < seconds <= top:
        raise OptionError("time-limit", "seconds above 0" + (f" and at most {max_time_limit:g}"
                                                            if max_time_limit is not None else ""), time_limit)
    if cash_account not in CASH_ACCOUNTS:
        raise OptionError("cash-account", "one of " + ", ".join(CASH_ACCOUNTS), cash_account)
    if claiming not in CLAIMING:
        raise OptionError("claiming", "one of " + ", ".join(CLAIMING), claiming)
    survivor = percent(survivor_spending, "survivor-spending")
    if not 0 <= survivor <= 1:
        raise OptionError("survivor-spending", "a share from 0 to 100 (percent)", survivor_spending)
    return OptimizeOptions(years=years, growth=rate, inflation=percent(inflation, "inflation"), heirs_rate=heirs,
                           objective=str(objective), spending=dollars(spending, "spending"),
                           bequest=dollars(bequest, "bequest"), cash=dollars(cash, "cash"), time_limit=seconds,
                           survivor_spending=survivor, giving=dollars(giving, "giving"), cash_account=str(cash_account),
                           claiming=str(claiming))


def run_compare(household: Household, goal_name: str = GOALS[0]) -> dict[str, Any]:
    """``rothroute compare --json``'s data (``json_text`` writes it)."""
    from rothroute.compare import compare

    return compare(household, goal(goal_name)).to_json()


def run_optimize(household: Household, options: OptimizeOptions) -> dict[str, Any]:
    """``rothroute optimize --json``'s data; raises ``OptimizeError``, ``PlanError`` or ``RothrouteError``
    with the reason when no plan can be made."""
    from rothroute.optimize.plan import optimize

    if options.claiming == "optimize":
        from rothroute.optimize.claiming import optimize_claiming

        optimize = optimize_claiming
    return optimize(household, options.years, options.assumptions(), time_limit=options.time_limit,
                    objective=options.objective, bequest=options.bequest).to_json()


def json_text(data: Any) -> str:
    """The JSON text the command line prints for ``--json`` (and the web API answers)."""
    return json.dumps(data, indent=2, default=str) + "\n"
