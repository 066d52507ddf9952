"""The federal income tax formulas, each after the form or worksheet that states it.

Every function takes ``ops`` (``ScalarOps`` or ``ArrayOps``) and integer cents (ints or int64
arrays), and returns integer cents; rates are exact ``Fraction``s applied through
``money.times`` (half up, once). Parameters arrive already picked for each household's
filing status. Intermediate worksheet lines are returned so the single path can explain them.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from math import lcm
from typing import Any, Sequence

from rothroute.money import ratio_times, times

HALF = Fraction(1, 2)


def schedule_d(ops: Any, short_term: Any, long_term: Any, loss_limit: Any) -> dict[str, Any]:
    """Schedule D line 16 (net gain or loss), Form 1040 line 7 (a loss limited to $3,000, or
    $1,500 married filing separately, IRC §1211(b)), and the net capital gain of IRC §1(h)(11)
    used by the Qualified Dividends and Capital Gain Tax Worksheet (line 3: the smaller of
    Schedule D lines 15 and 16, not below zero)."""
    net = short_term + long_term
    line7 = ops.mx(net, -loss_limit)
    net_capital_gain = ops.mx(ops.mn(long_term, net), 0)
    return {"schd.16": net, "f1040.7": line7, "net_capital_gain": net_capital_gain}


def taxable_social_security(ops: Any, benefits: Any, other_income: Any, exempt_interest: Any,
                            base: Any, adjusted_base: Any, rates: Sequence[Fraction]) -> dict[str, Any]:
    """Pub 915 Social Security Benefits Worksheet (IRC §86(a)-(c)); returns its lines."""
    first, second = rates
    l2 = times(benefits, first)
    l8 = l2 + other_income + exempt_interest
    l10 = ops.mx(l8 - base, 0)
    l11 = adjusted_base - base
    l12 = ops.mx(l10 - l11, 0)
    l13 = ops.mn(l10, l11)
    l14 = times(l13, first)
    l15 = ops.mn(l2, l14)
    l16 = times(l12, second)
    l17 = l15 + l16
    l18 = times(benefits, second)
    l19 = ops.mn(l17, l18)
    return {"ssws.2": l2, "ssws.8": l8, "ssws.10": l10, "ssws.12": l12, "ssws.17": l17, "ssws.18": l18,
            "ssws.19": l19}


_SCHEDULES: dict[int, tuple[Any, int, tuple[int, ...]]] = {}


def _schedule(brackets: Sequence[tuple[Any, Fraction]]) -> tuple[int, tuple[int, ...]]:
    """The scale and steps of a bracket schedule, remembered by the schedule object itself (the
    parameters hand out the same tuples every time; hashing their Fractions on each call costs
    more than the tax)."""
    hit = _SCHEDULES.get(id(brackets))
    if hit is not None and hit[0] is brackets:
        return hit[1], hit[2]
    rates = tuple(r for _, r in brackets)
    scale = _scale(rates)
    if len(_SCHEDULES) > 512:
        _SCHEDULES.clear()
    _SCHEDULES[id(brackets)] = (brackets, scale, _steps(rates, scale))
    return scale, _SCHEDULES[id(brackets)][2]


def schedule_scale(brackets: Sequence[tuple[Any, Fraction]]) -> int:
    return _schedule(brackets)[0]


@lru_cache(maxsize=256)
def _scale(rates: tuple[Fraction, ...]) -> int:
    return lcm(*(r.denominator for r in rates))


@lru_cache(maxsize=256)
def _steps(rates: tuple[Fraction, ...], scale: int) -> tuple[int, ...]:
    """Each bracket's rise in rate over the one below, in 1/``scale`` units (exact integers)."""
    return tuple(int((r - q) * scale) for r, q in zip(rates, (Fraction(0), *rates[:-1])))


@lru_cache(maxsize=256)
def scaled_rate(r: Fraction, scale: int) -> int:
    """``r × scale`` as an integer (``scale`` a multiple of the denominator)."""
    return int(r * scale)


def rate_schedule_scaled(ops: Any, taxable: Any, brackets: Sequence[tuple[Any, Fraction]], scale: int) -> Any:
    """Tax on ``taxable`` by the rate schedule, exactly, in units of 1/``scale`` cent (``scale``
    a multiple of every rate's denominator). Written as the sum, over thresholds, of the rise in
    rate times the income above the threshold (the schedule is convex, so this is the same tax)."""
    total = 0
    own_scale, steps = _schedule(brackets)
    if own_scale != scale:
        steps = _steps(tuple(r for _, r in brackets), scale)
    for (over, _), step in zip(brackets, steps):
        total = total + ops.mx(taxable - over, 0) * step
    return total


def round_scaled(total: Any, scale: int) -> Any:
    """An exact amount in 1/``scale`` cents, rounded once, half up, to the cent."""
    return (2 * total + scale) // (2 * scale)


def rate_schedule_tax(ops: Any, taxable: Any, brackets: Sequence[tuple[Any, Fraction]]) -> Any:
    """Tax on ``taxable`` by the rate schedule of IRC §1(j)(2), rounded once to the cent."""
    scale = schedule_scale(brackets)
    return round_scaled(rate_schedule_scaled(ops, taxable, brackets, scale), scale)


TABLE_LIMIT = 10_000_000  # cents: the Tax Table covers taxable income under $100,000


def tax_table_midpoint(ops: Any, amount: Any) -> Any:
    """The middle of the Tax Table row that ``amount`` (cents) falls in: rows $0-5, $5-15,
    $15-25, then $25 wide up to $3,000 and $50 wide up to $100,000 (Form 1040 instructions,
    2025 Tax Table; each row's tax is the rate-schedule tax at its middle, to the dollar)."""
    narrow = 2_500 + (amount - 2_500) // 2_500 * 2_500 + 1_250
    wide = amount // 5_000 * 5_000 + 2_500
    first = ops.where(amount < 500, 250, ops.where(amount < 1_500, 1_000, 2_000))
    return ops.where(amount < 2_500, first, ops.where(amount < 300_000, narrow, wide))


def tax_on_scaled(ops: Any, amount: Any, brackets: Sequence[tuple[Any, Fraction]], table: Any, scale: int) -> Any:
    """Tax on an amount of taxable income as Form 1040 line 16 figures it, in 1/``scale`` cents:
    from the Tax Table under $100,000 when ``table`` is true (IRC §3(a) authorizes the tables:
    the rate-schedule tax at the middle of the table's row, to the dollar), else by the rate
    schedule of IRC §1(j)(2) (the Tax Computation Worksheet), exactly."""
    use_table = table & (amount < TABLE_LIMIT)
    exact = rate_schedule_scaled(ops, ops.where(use_table, tax_table_midpoint(ops, amount), amount), brackets, scale)
    return ops.where(use_table, (round_scaled(exact, scale) + 50) // 100 * 100 * scale, exact)


def tax_on(ops: Any, amount: Any, brackets: Sequence[tuple[Any, Fraction]], table: Any) -> Any:
    """``tax_on_scaled`` rounded to the cent."""
    scale = schedule_scale(brackets)
    return round_scaled(tax_on_scaled(ops, amount, brackets, table, scale), scale)


def qualified_dividends_capital_gain_tax(ops: Any, taxable: Any, qualified_dividends: Any, net_capital_gain: Any,
                                         brackets: Sequence[tuple[Any, Fraction]], zero_max: Any,
                                         fifteen_max: Any, rates: Sequence[Fraction], table: Any) -> dict[str, Any]:
    """Qualified Dividends and Capital Gain Tax Worksheet (Form 1040 instructions, line 16;
    IRC §1(h)(1), §1(j)(5)); returns its lines. Line 25 is the tax."""
    _, fifteen, twenty = rates
    l4 = qualified_dividends + net_capital_gain
    l5 = ops.mx(taxable - l4, 0)
    l7 = ops.mn(taxable, zero_max)
    l8 = ops.mn(l5, l7)
    l9 = l7 - l8
    l10 = ops.mn(taxable, l4)
    l12 = l10 - l9
    l14 = ops.mn(taxable, fifteen_max)
    l15 = l5 + l9
    l16 = ops.mx(l14 - l15, 0)
    l17 = ops.mn(l12, l16)
    l19 = l9 + l17
    l20 = l10 - l19
    # lines 18, 21 and 22 are summed exactly and rounded once (line 23), so that more ordinary
    # income, which moves gains into higher bands, can never lower the tax by a rounding cent
    scale = lcm(schedule_scale(brackets), fifteen.denominator, twenty.denominator)
    l22 = tax_on_scaled(ops, l5, brackets, table, scale)
    l23 = round_scaled(l17 * scaled_rate(fifteen, scale) + l20 * scaled_rate(twenty, scale) + l22, scale)
    l24 = tax_on(ops, taxable, brackets, table)
    l25 = ops.mn(l23, l24)
    return {"qdcg.4": l4, "qdcg.5": l5, "qdcg.9": l9, "qdcg.17": l17, "qdcg.20": l20,
            "qdcg.22": round_scaled(l22, scale), "qdcg.24": l24, "qdcg.25": l25}


def regular_tax(ops: Any, taxable: Any, qualified_dividends: Any, net_capital_gain: Any,
                brackets: Sequence[tuple[Any, Fraction]], zero_max: Any, fifteen_max: Any,
                rates: Sequence[Fraction], table: Any) -> dict[str, Any]:
    """Form 1040 line 16: the worksheet's line 25 (equal to the schedule tax when there are no
    qualified dividends or net capital gain)."""
    return qualified_dividends_capital_gain_tax(ops, taxable, qualified_dividends, net_capital_gain, brackets,
                                                zero_max, fifteen_max, rates, table)


def senior_deduction(ops: Any, seniors: Any, magi: Any, threshold: Any, amount: Any, rate: Fraction) -> Any:
    """IRC §151(d)(5)(C): for each qualified individual 65 or older, ``amount`` reduced (not
    below zero) by ``rate`` of MAGI above ``threshold`` (Schedule 1-A Part V)."""
    each = ops.mx(amount - times(ops.mx(magi - threshold, 0), rate), 0)
    return seniors * each


def salt_cap(ops: Any, magi: Any, cap: Any, threshold: Any, rate: Fraction, floor: Any) -> Any:
    """IRC §164(b)(7): the cap reduced by ``rate`` of MAGI over ``threshold``, not below ``floor``."""
    return ops.mx(cap - times(ops.mx(magi - threshold, 0), rate), floor)


def amt(ops: Any, *, amti_before_addback: Any, regular: Any, qdcg_l4: Any, qdcg_l5: Any, exemption: Any,
        phaseout_start: Any, phaseout_rate: Fraction, addback_num: Any, addback_den: Any, break28: Any,
        amt_rates: Sequence[Fraction], zero_max: Any, fifteen_max: Any, cg_rates: Sequence[Fraction]) -> dict[str, Any]:
    """Form 6251 lines 4-11 and Part III (IRC §55): tentative minimum tax less regular tax.

    Married filing separately, AMTI above the point where the exemption is gone is increased by
    the add-back rate of the excess, up to the exemption (IRC §55(d)(2) last sentence; Form 6251
    instructions, line 4); ``addback_num`` is 0 for other filing statuses."""
    r26, r28 = amt_rates
    _, fifteen, twenty = cg_rates
    gone_at = phaseout_start + ratio_times(exemption, phaseout_rate.denominator, phaseout_rate.numerator)
    addback = ops.mn(ratio_times(ops.mx(amti_before_addback - gone_at, 0), addback_num, addback_den), exemption)
    amti = amti_before_addback + addback
    l5 = ops.mx(exemption - times(ops.mx(amti - phaseout_start, 0), phaseout_rate), 0)
    l6 = ops.mx(amti - l5, 0)

    # Part III is summed exactly in 1/scale cents and rounded once (lines 39 and 40)
    scale = lcm(r26.denominator, r28.denominator, fifteen.denominator, twenty.denominator)

    def tmt_ordinary(x: Any) -> Any:  # lines 18 and 40: 26% up to the break, 28% above
        return ops.mn(x, break28) * scaled_rate(r26, scale) + ops.mx(x - break28, 0) * scaled_rate(r28, scale)

    l16 = ops.mn(l6, qdcg_l4)
    l17 = l6 - l16
    l18 = tmt_ordinary(l17)
    l21 = ops.mx(zero_max - qdcg_l5, 0)
    l22 = ops.mn(l6, qdcg_l4)
    l23 = ops.mn(l21, l22)
    l24 = l22 - l23
    l28 = l21 + qdcg_l5
    l29 = ops.mx(fifteen_max - l28, 0)
    l30 = ops.mn(l24, l29)
    l31 = l30 * scaled_rate(fifteen, scale)
    l33 = l22 - (l23 + l30)
    l34 = l33 * scaled_rate(twenty, scale)
    l39 = round_scaled(l18 + l31 + l34, scale)
    l40 = round_scaled(tmt_ordinary(l6), scale)
    l7 = ops.mn(l39, l40)
    l11 = ops.mx(l7 - regular, 0)
    return {"f6251.4": amti, "f6251.5": l5, "f6251.6": l6, "f6251.7": l7, "f6251.11": l11}


def elderly_credit(ops: Any, *, seniors: Any, one: Any, both: Any, nontaxable_benefits: Any, agi: Any,
                   threshold: Any, rate: Fraction, agi_rate: Fraction, tax_limit: Any) -> dict[str, Any]:
    """Credit for the elderly, Schedule R Part III (IRC §22): the initial amount for the
    qualified individuals (65 or older; the disabled under 65 are not modelled), less nontaxable
    Social Security and half of AGI above the threshold, times 15%, limited to the tax (§26(a))."""
    l10 = ops.where(seniors >= 2, both, ops.where(seniors >= 1, one, 0))
    l17 = times(ops.mx(agi - threshold, 0), agi_rate)
    l18 = nontaxable_benefits + l17
    l19 = ops.mx(l10 - l18, 0)
    l20 = times(l19, rate)
    l22 = ops.mx(ops.mn(l20, tax_limit), 0)
    return {"schr.10": l10, "schr.18": l18, "schr.20": l20, "schr.22": l22}


def niit(ops: Any, investment_income: Any, magi: Any, threshold: Any, rate: Fraction) -> Any:
    """Form 8960 line 17 (IRC §1411(a)(1)): rate × the smaller of net investment income and
    MAGI above the threshold."""
    return times(ops.mx(ops.mn(investment_income, magi - threshold), 0), rate)


def irmaa_tier(ops: Any, magi: Any, floors: Sequence[tuple[Any, Any]]) -> Any:
    """The IRMAA tier (0 = none): how many tier floors the MAGI passes (a floor marked
    inclusive is passed at equality), 42 U.S.C. §1395r(i)(3)."""
    tier = 0
    for floor, inclusive in floors:
        passed = ops.where(inclusive, magi >= floor, magi > floor)
        tier = tier + passed * 1
    return tier
