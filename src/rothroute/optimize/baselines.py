"""The yardsticks every plan is measured against, each a rule for one year's Roth conversions
from the traditional, SEP and SIMPLE IRAs, priced by the exact engine:

- ``no_conversions``;
- ``fill_bracket(rate)``: each year, the largest conversion that keeps taxable income (Form 1040
  line 15) within the bracket taxed at ``rate``;
- ``below_irmaa(tier)``: each year, the largest conversion that keeps MAGI below IRMAA tier
  ``tier`` two years on;
- ``convert_everything_now``: all of it in the first year.

The conversion amount is found to the dollar by bisection on the engine itself, so Social
Security taxation, the senior deduction's phase-out and Form 8606 pro-rata are all in it."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from rothroute.household.model import Account, Household
from rothroute.household.moves import Conversion, Move, receives
from rothroute.moves.plan import IRA_TARGETS
from rothroute.vocab import NON_ROTH_IRAS
from rothroute.optimize.horizon import Policy, Pricer
from rothroute.engine import Evaluation
from rothroute.vocab import AccountKind

DOLLAR = 100


def with_roth_iras(h: Household) -> Household:
    """The household with an empty Roth IRA for each person who has none (to convert into), and an
    empty traditional IRA for each person with employer plan money and no traditional or SEP IRA
    (to roll that money into: a SIMPLE IRA cannot take it). Their ids are ``<person>_new_roth_ira``
    and ``<person>_new_ira``, with ``_2``, ``_3``... added where the file already uses that id."""
    used = {a.id for a in h.accounts}

    def fresh(base: str) -> str:
        name, k = base, 1
        while name in used:
            k += 1
            name = f"{base}_{k}"
        used.add(name)
        return name

    extra = tuple(Account(id=fresh(f"{p.id}_new_roth_ira"), owner=p.id, kind=AccountKind.ROTH_IRA, value=0)
                  for p in h.people if not any(a.owner == p.id and a.kind is AccountKind.ROTH_IRA for a in h.accounts))
    extra += tuple(Account(id=fresh(f"{p.id}_new_ira"), owner=p.id, kind=AccountKind.TRADITIONAL_IRA, value=0)
                   for p in h.people
                   if any(a.owner == p.id and a.sources is not None and a.sources.pretax + a.sources.after_tax_contributions
                          + a.sources.after_tax_earnings > 0 for a in h.accounts)
                   and not any(a.owner == p.id and a.kind in IRA_TARGETS for a in h.accounts))
    return dataclasses.replace(h, accounts=h.accounts + extra) if extra else h


def opened(original: Household, planned: Household, moves: Sequence[Move]) -> list[dict[str, str]]:
    """The accounts the plan opens: in ``planned`` (``with_roth_iras``), not in the file, and
    receiving money in one of ``moves``."""
    ids = {a.id for a in original.accounts}
    into = {account for m in moves for account in receives(m)}
    return [{"id": a.id, "owner": a.owner, "kind": str(a.kind)} for a in planned.accounts
            if a.id not in ids and a.id in into]


def _waiting(h: Household) -> set[str]:
    """The people whose first IRA RMD waits until April 1 of next year: until it is out, no IRA
    dollar may be converted (its first dollars are the RMD, Treas. Reg. §1.402(c)-2(f)(1))."""
    from rothroute.moves.rmd import requirements

    return {r.owner for r in requirements(h) if r.account is None and r.deferred}


def convertible(h: Household) -> int:
    """Pretax-and-basis money in the IRAs on January 1 less this year's RMDs (cents): the most a
    year's conversions can take (an RMD cannot be converted, IRC §408(d)(3)(E))."""
    from rothroute.moves.rmd import required_minimums

    iras, _ = required_minimums(h)
    waiting = _waiting(h)
    return max(0, sum(a.value for a in h.accounts if a.kind in NON_ROTH_IRAS and a.owner not in waiting)
               - sum(v for pid, v in iras.items() if pid not in waiting))


def conversions(h: Household, amount: int) -> list[Move]:
    """``amount`` (cents) converted on December 1 from the IRAs in file order, each person's into
    their own Roth IRA, after the year's RMDs (none while a first RMD waits for April 1)."""
    from rothroute.moves.rmd import required_minimums

    iras, _ = required_minimums(h)
    rmd_left = dict(iras)
    waiting = _waiting(h)
    moves: list[Move] = []
    left = amount
    for a in sorted((a for a in h.accounts if a.kind in NON_ROTH_IRAS and a.owner not in waiting),
                    key=lambda a: -a.value):
        if left <= 0:
            break
        available = a.value - min(rmd_left.get(a.owner, 0), a.value)  # the RMD comes from the largest first
        rmd_left[a.owner] = max(0, rmd_left.get(a.owner, 0) - a.value)
        take = min(left, available)
        if take <= 0:
            continue
        roth = next(x for x in h.accounts if x.owner == a.owner and x.kind is AccountKind.ROTH_IRA)
        moves.append(Conversion(on=_dt.date(h.tax_year, 12, 1), from_account=a.id, to_account=roth.id, amount=take))
        left -= take
    return moves


def largest(h: Household, price: Pricer, ok: Callable[[Evaluation], bool]) -> list[Move]:
    """The largest conversion, to the dollar, whose priced year still satisfies ``ok`` (monotone:
    a larger conversion never turns a failing year into a passing one)."""
    def fits(ev: Evaluation) -> bool:  # a refused conversion (an RMD still due, say) never fits
        return not any(i.severity == "error" for i in ev.issues) and ok(ev)

    high = convertible(h) // DOLLAR
    if high <= 0 or not fits(price([])):
        return []
    if fits(price(conversions(h, high * DOLLAR))):
        return conversions(h, high * DOLLAR)
    low = 0  # ok(low) holds, ok(high) fails
    while high - low > 1:
        mid = (low + high) // 2
        if fits(price(conversions(h, mid * DOLLAR))):
            low = mid
        else:
            high = mid
    return conversions(h, low * DOLLAR) if low else []


def no_conversions(h: Household, price: Pricer) -> Sequence[Mapping[str, Any]]:
    return []


def fill_bracket(rate: Fraction) -> Policy:
    def policy(h: Household, price: Pricer) -> Sequence[Mapping[str, Any]]:
        def within(ev: Evaluation) -> bool:
            brackets = ev.tax.params.ordinary_brackets[str(h.filing_status)] if ev.tax.params else ()
            tops = [over for over, r in brackets if r > rate]
            return not tops or int(ev.tax.values["f1040.15"]) <= min(tops)
        return largest(h, price, within)
    return policy


def below_irmaa(tier: int) -> Policy:
    def policy(h: Household, price: Pricer) -> Sequence[Mapping[str, Any]]:
        return largest(h, price, lambda ev: int(ev.tax.values["irmaa.tier"]) < tier)
    return policy


PRICINGS = {"no_conversions": 1, "convert_everything_now": 1}
"""About how many whole-plan pricings a yardstick costs (``optimize.budget`` reserves them): the two above price
each year once; the others search each year's largest conversion to the dollar (``largest``), measured at 5 to 10
on the seed over 30 years (``YARDSTICK_PRICINGS`` for those); more where balances are very large."""
YARDSTICK_PRICINGS = 8


def baselines(start_year: int) -> dict[str, Policy]:
    """The named yardsticks, in the order they are reported."""
    def everything_now(h: Household, price: Pricer) -> Sequence[Mapping[str, Any]]:
        return conversions(h, convertible(h)) if h.tax_year == start_year else []

    return {
        "no_conversions": no_conversions,
        "fill_12_percent_bracket": fill_bracket(Fraction(12, 100)),
        "fill_22_percent_bracket": fill_bracket(Fraction(22, 100)),
        "fill_24_percent_bracket": fill_bracket(Fraction(24, 100)),
        "below_first_irmaa_tier": below_irmaa(1),
        "convert_everything_now": everything_now,
    }
