"""The steps state returns share, each written once against the ops interface (``tax/ops.py``):
Python ints for one household, NumPy int64 columns for many. Amounts are cents; rates are exact
``Fraction``s applied through ``money.times`` (half up, once); nothing branches on a value."""

from __future__ import annotations

from typing import Any, Sequence

from rothroute.money import ratio_times, times

NEVER = 10**15  # cents: an amount no income reaches (no cap, a bracket padded out)
PEOPLE = ("p1", "p2")


def round_scaled(total: Any, scale: int) -> Any:
    """An exact amount in 1/``scale`` cents, rounded once, half up, to the cent."""
    return (2 * total + scale) // (2 * scale)


def brackets_tax(ops: Any, taxable: Any, over: Sequence[Any], steps: Sequence[Any], scale: int) -> Any:
    """Tax by a graduated schedule, exactly: the sum over thresholds of the rise in rate (``steps``,
    in 1/``scale`` units, one per threshold) times the income above the threshold, rounded once.
    ``over`` and ``steps`` may be columns (rows of different filing statuses)."""
    total = 0
    for threshold, step in zip(over, steps):
        total = total + ops.mx(taxable - threshold, 0) * step
    return round_scaled(total, scale)


def ceil_div(a: Any, b: Any) -> Any:
    """⌈a / b⌉ for a ≥ 0, b > 0 (ints or columns): 'for each $2,500 or fraction of it'."""
    return (a + b - 1) // b


def person_sum(x: Any, who: str, kinds: Sequence[str]) -> Any:
    """One person's total of some kinds of income; ``gains`` is both kinds of capital gain."""
    total = 0
    for kind in kinds:
        if kind == "gains":
            total = total + x[f"{who}_long_term_gains"] + x[f"{who}_short_term_gains"]
        elif kind == "dividends":
            total = total + x[f"{who}_dividends"]
        else:
            total = total + x[f"{who}_{kind}"]
    return total


def household_sum(x: Any, kinds: Sequence[str]) -> Any:
    return person_sum(x, "p1", kinds) + person_sum(x, "p2", kinds)


def age_cap(ops: Any, halves: Any, tier_halves: Sequence[Any], caps: Sequence[Any]) -> Any:
    """The cap of the highest tier whose age (in half years) a person has reached; 0 below them."""
    cap = 0
    for reached, amount in zip(tier_halves, caps):
        cap = ops.where(halves >= reached, amount, cap)
    return cap


def counted_gains(ops: Any, x: Any, who: str) -> Any:
    """One person's capital gains as the federal return counts them: a household's net loss only
    down to the federal limit (Form 1040 line 7, IRC §1211(b)), shared in proportion to each
    person's part of the loss."""
    mine = x[f"{who}_long_term_gains"] + x[f"{who}_short_term_gains"]
    total = household_sum(x, ("gains",))
    counted = x["federal_capital_gain"]
    limited = (total < 0) & (counted > total)
    return ops.where(limited, ratio_times(mine, -counted, ops.where(limited, -total, 1)), mine)


def retirement_exclusion(ops: Any, x: Any, who: str, kinds: Sequence[str], tier_halves: Sequence[Any],
                         caps: Sequence[Any], earned: Any, any_age: Sequence[str] = ()) -> Any:
    """One person's exclusion: their income of ``kinds`` (plus wages up to ``earned``), not below
    zero, up to the cap of the age tier they have reached; and their income of ``any_age`` kinds
    whole, at any age. Capital gains count as the federal return counts them (``counted_gains``)."""
    others = tuple(kind for kind in kinds if kind != "gains")
    gains = counted_gains(ops, x, who) if len(others) < len(kinds) else 0
    income = person_sum(x, who, others) + gains + ops.mn(ops.mx(x[f"{who}_wages"], 0), earned)
    cap = age_cap(ops, x[f"{who}_age_halves"], tier_halves, caps)
    return (ops.mn(ops.mx(income, 0), cap) + person_sum(x, who, any_age)) * x[f"{who}_present"]


def flat_tax(taxable: Any, rate: Any) -> Any:
    return times(taxable, rate)
