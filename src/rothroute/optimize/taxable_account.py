"""The plan's cash account as the household's taxable (brokerage) accounts.

When the file has a ``taxable`` account (and the plan is not told to keep an untaxed cash account,
``Assumptions.cash_account``), the money the plan holds outside the retirement accounts is that
account: what the year leaves over is bought into it (basis rises by what is bought, IRC §1012),
what the year is short is sold from it, and the engine prices each sale: the basis sold is the
account's average basis times the share of the value sold, the gain long-term (26 CFR §1.1012-1(e);
IRC §1001(a), §1222(3); ``moves.taxable``). Its dividends and interest, at the file's yields on the
January 1 value, are taxed each year (Form 1040 lines 2b, 3a, 3b) and reinvested: they are part of
the account's total return (``Assumptions.growth``) and add to its basis. Selling more than the year
needs and buying it back the same day (gain harvesting) realizes gain and raises the basis by it
(no wash-sale rule applies to a gain, IRC §1091 being about losses). What is left at the plan's end
counts at its value: heirs take it at a basis stepped up to its value at death (IRC §1014(a)(1)),
so its unrealized gain is never taxed.

Several taxable accounts act as one: sales and purchases are spread over them in proportion to
their values, so the household's gain share is the pooled basis over the pooled value."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from rothroute.household.model import Account, Household
from rothroute.household.moves import Move, Withdrawal
from rothroute.money import times
from rothroute.vocab import AccountKind

CITES = ("IRC §1012", "26 CFR §1.1012-1(e)", "IRC §1001(a)", "IRC §1222(3)", "IRC §1(h)", "IRC §1411",
         "IRC §1014(a)(1)")


def accounts(h: Household) -> list[Account]:
    """The household's taxable accounts, in file order."""
    return [a for a in h.accounts if a.kind is AccountKind.TAXABLE]


def value(h: Household) -> int:
    """Cents in the taxable accounts on January 1."""
    return sum(a.value for a in accounts(h))


def basis(h: Household) -> int:
    """Their cost basis on January 1 (cents)."""
    return sum(a.cost_basis for a in accounts(h))


def gain_share(h: Household) -> float:
    """The share of a dollar sold that is gain (average basis): 1 − basis / value, pooled; 0 when
    the accounts are empty or hold a loss (the model then takes no gain; the engine prices the loss)."""
    v = value(h)
    return max(0.0, 1 - basis(h) / v) if v > 0 else 0.0


def yields(h: Household) -> dict[str, int]:
    """Each taxable account's dividends and interest for the year (cents): its yields on its
    January 1 value, as ``Household.all_income`` counts them."""
    return {a.id: yield_of(a) for a in accounts(h)}


def yield_of(a: Account) -> int:
    """A taxable account's interest and qualified dividends for the year (cents), each its yield on the January 1
    value rounded to the cent (``Household.all_income``)."""
    return times(a.value, a.interest_yield) + times(a.value, a.qualified_dividend_yield)


def _spread(amount: int, weights: Mapping[str, int], order: list[str]) -> dict[str, int]:
    """``amount`` cents over ``order`` in proportion to ``weights`` (all to the first when they are
    all zero), the last taking the rounding."""
    total = sum(weights.get(k, 0) for k in order)
    out: dict[str, int] = {}
    left = amount
    for i, k in enumerate(order):
        share = left if i == len(order) - 1 else (amount * weights.get(k, 0) // total if total else
                                                  (amount if i == 0 else 0))
        out[k] = share
        left -= share
    return out


def sales(h: Household, amount: int, used: Mapping[str, int] | None = None) -> list[Move]:
    """Sell ``amount`` cents (rounded up to whole dollars) from the taxable accounts on January 3, in
    proportion to what each holds beyond ``used`` (sales already among the year's moves), never more
    than they hold."""
    used = used or {}
    room = {a.id: max(0, a.value - used.get(a.id, 0)) for a in accounts(h)}
    want = min(-(-amount // 100) * 100, sum(room.values()))
    if want <= 0:
        return []
    order = [a.id for a in accounts(h) if room[a.id] > 0]
    parts = _spread(want, room, order)
    on = _dt.date(h.tax_year, 1, 3)
    out: list[Move] = []
    for k in order:
        take = min(parts[k], room[k])
        if take > 0:
            out.append(Withdrawal(on=on, from_account=k, amount=take))
    return out


def deposits(h: Household, end: Mapping[str, int], amount: int) -> dict[str, int]:
    """``amount`` cents bought into the taxable accounts at the year's end, in proportion to what
    each holds then (``end``)."""
    ids = [a.id for a in accounts(h)]
    if not ids or amount <= 0:
        return {}
    return _spread(amount, end, ids)


def sold(h: Household, moves: list[Move] | tuple[Move, ...]) -> int:
    """Cents the ``moves`` sell from the taxable accounts."""
    ids = {a.id for a in accounts(h)}
    return sum(m.amount or 0 for m in moves if isinstance(m, Withdrawal) and m.from_account in ids)


def without_yields(h: Household) -> Household:
    """``h`` with its taxable accounts paying nothing: the model adds their dividends and interest
    itself, on the account's value it plans (``model.TaxableStart``)."""
    import dataclasses
    from fractions import Fraction

    return dataclasses.replace(h, accounts=tuple(
        dataclasses.replace(a, interest_yield=Fraction(0), qualified_dividend_yield=Fraction(0))
        if a.kind is AccountKind.TAXABLE else a for a in h.accounts))


def pooled_yields(h: Household) -> tuple[float, float]:
    """(qualified dividends, interest) a year over the taxable accounts' pooled January 1 value:
    sales and purchases go in proportion to value and every account grows alike, so the pooled
    rates hold every year (the plain mean where the accounts are empty)."""
    held = accounts(h)
    v = value(h)
    if not held:
        return 0.0, 0.0
    if v <= 0:
        return (sum(float(a.qualified_dividend_yield) for a in held) / len(held),
                sum(float(a.interest_yield) for a in held) / len(held))
    return (sum(a.value * float(a.qualified_dividend_yield) for a in held) / v,
            sum(a.value * float(a.interest_yield) for a in held) / v)


Point = tuple[list[float], list[float], list[float], list[float]]  # gain shares, shares sold, basis, value by year


def first_order_gain(gain_share: float, sold_share: float, basis_ref: float,
                     value_ref: float) -> tuple[float, float, float, float]:
    """The gain of selling ``s`` dollars of an account holding basis ``B`` in value ``V`` at average cost,
    ``s (1 - B / V)`` (26 CFR §1.1012-1(e)), to first order about a point (its gain share, its share of ``V`` sold,
    ``B`` and ``V`` there): ``(a, b, c, d)`` with the gain ``a s + b B + c V + d``. Money not sold keeps its basis
    with it (``B`` and ``V`` move together at the point's basis per dollar), so ``b`` and ``c`` cancel there and the
    gain share is the point's; a harvest (sold and bought back) raises ``B`` alone, lowering the gain."""
    if not sold_share:
        return gain_share, 0.0, 0.0, 0.0
    per_value = basis_ref / value_ref if value_ref > 0 else 0.0
    return gain_share, -sold_share, sold_share * per_value, sold_share * (basis_ref - per_value * value_ref)


def first_point(h: Household, cash: int, growth: float, years: int) -> Point:
    """The model's first round's gain shares, shares sold, basis and value (dollars) by year: the accounts
    (with ``cash`` cents bought in) grown untouched, their yields reinvested into basis."""
    q, i = pooled_yields(h)
    v, b = (value(h) + cash) / 100, (basis(h) + cash) / 100
    shares, bases, values = [], [], []
    for _ in range(years):
        shares.append(max(0.0, 1 - b / v) if v > 0 else 0.0)
        bases.append(b)
        values.append(v)
        b += (q + i) * v
        v *= 1 + growth
    return shares, [0.0] * years, bases, values


def engine_point(priced: Any) -> Point:
    """The gain shares, the shares of the January 1 value sold, the basis and the January 1 value (dollars) in
    each year of a plan the engine re-priced (``horizon.Year``)."""
    shares, sold_shares, bases, values = [], [], [], []
    for y in priced:
        h = y.evaluation.household
        v = value(h)
        shares.append(gain_share(h))
        sold_shares.append(sold(h, h.moves) / v if v > 0 else 0.0)
        bases.append(basis(h) / 100)
        values.append(v / 100)
    return shares, sold_shares, bases, values


def year_json(y: Any) -> dict[str, Any]:
    """A plan year's taxable accounts (``horizon.Year``): January 1 value and basis, what was sold, the
    basis sold and the gain (the engine's), the dividends and interest, what was bought at the year's
    end, and of that the harvest (sold and bought back the same year: the smaller of the two)."""
    from rothroute.money import as_number

    ev = y.evaluation
    h = ev.household
    sales = ev.ira.context.sales if ev.ira.context else {}
    ids = {a.id for a in accounts(h)}
    proceeds = sum(p for k, (p, _) in sales.items() if k in ids)
    basis_sold = sum(b for k, (_, b) in sales.items() if k in ids)
    q = sum(times(a.value, a.qualified_dividend_yield) for a in accounts(h))
    i = sum(times(a.value, a.interest_yield) for a in accounts(h))
    return {"value": as_number(value(h)), "cost_basis": as_number(basis(h)), "sold": as_number(proceeds),
            "basis_sold": as_number(basis_sold), "gain": as_number(proceeds - basis_sold),
            "qualified_dividends": as_number(q), "interest": as_number(i), "bought": as_number(y.bought),
            "harvested": as_number(min(proceeds, y.bought))}
