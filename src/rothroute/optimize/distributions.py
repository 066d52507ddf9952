"""The distributions a plan takes that its decisions do not set, in the model's dollars: each owner's RMDs
over the plan's years (IRC §401(a)(9), Treas. Reg. §1.401(a)(9)-5), their taxable cents by person and kind for
a state's split, the distributions no decision sets, and the Roth IRA conversion layers whose 5-year period
has ended (IRC §408A(d)(3)(F))."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.household.model import Household
from rothroute.vocab import NON_ROTH_IRAS

__all__ = ["fixed_cents", "merged", "rmd_cents", "rmds", "seasoned"]


def seasoned(p: Any, first: int, years: int) -> tuple[float, ...]:
    """Dollars of the person's Roth IRA conversion layers whose 5-taxable-year period has ended by each
    plan year (the first: every layer of ``first - 5`` or before; later, those converted five years before),
    free of the 10% tax before 59½ from then (IRC §408A(d)(3)(F); Reg. §1.408A-6 Q&A-5(b))."""
    out = [0] * years
    for layer in p.roth_ira.conversions:
        k = max(layer.year + 5 - first, 0)
        if k < years:
            out[k] += layer.taxable + layer.nontaxable
    return tuple(v / 100 for v in out)


def rmd_cents(people: list[Any], solution: Any, shares: dict[str, list[float]], t: int) -> dict[tuple[str, str], int]:
    """The taxable cents of the RMDs a plan takes in cash in year ``t``, by person and kind (a plan pool's: its
    owner's ``plan`` money), at the Form 8606 shares ``shares``."""
    out: dict[tuple[str, str], int] = {}
    for p in people:
        key = (p.rolls_to, "plan") if p.rolls_to else (p.id, "ira")
        out[key] = out.get(key, 0) + int(solution.rmd[p.id][t] * shares[p.id][t] * 100)
    return out


def fixed_cents(h: Household, moves: list[tuple[Any, int]]) -> dict[tuple[str, str], int]:
    """The taxable cents of distributions no decision of the plan sets (``moves``: (move, taxable cents)), by the
    account owner and the kind state rules tell apart (``ira``, or ``plan`` money paid out): a 5% owner's RMDs from
    the plan of the employer they still work for, say, which stay the year's first dollars of x whatever the plan
    converts. (Taken as a share of x instead, as the split's ``rest``, they shrank with the plan's conversions in the
    state's curve: Kentucky's exclusion of each person's first $31,110, KRS 141.019, was then the wrong person's,
    and the rounds drifted by $1,500 a round; seed 141 of bench/optimize_random.py, $37.83 off.)"""
    by_id = {a.id: a for a in h.accounts}
    out: dict[tuple[str, str], int] = {}
    for move, taxable in moves:
        account = by_id.get(move.from_account)
        if account is None or taxable <= 0:
            continue
        key = (account.owner, "ira" if account.kind in NON_ROTH_IRAS else "plan")
        out[key] = out.get(key, 0) + taxable
    return out


def merged(*parts: Mapping[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for part in parts:
        for key, cents in part.items():
            out[key] = out.get(key, 0) + cents
    return out


def rmds(shares: list[tuple[Any, float]], divisors: tuple[float | None, ...], years: int, money: float,
          leaving: tuple[int, float | None] | None = None) -> dict[str, Any]:
    """The RMDs of an IRA owner or a plan pool over the plan's years, for the model. The first
    year's are the engine's own amounts (``shares``: each requirement and the share of it the pool
    holds): last year's deferred RMD and this year's are taken in January, unless this year's is a
    first RMD the file defers, or the current employer's plan's in the year of leaving (the person
    works there to the year's end): then it is paid next year, by April 1, and until then no
    dollar may be converted or rolled (Treas. Reg. §1.402(c)-2(f)(1)). Later years take each RMD
    in its year, from January's balance over ``divisors``, except the current employer's plan in
    the year of leaving (``leaving``: that year and its divisor), whose RMD is paid the year
    after, beside that year's own (IRC §401(a)(9)(C); Treas. Reg. §54.4974-1(f))."""
    take = min(money, sum(r.to_take * share for r, share in shares) / 100)  # never more than there is
    deferred = sum(r.due * share for r, share in shares if r.deferred) / 100
    fixed = [take] + [deferred] + [0.0] * years
    late: list[float | None] = [None] * years
    rmd_divisors = [None, *divisors[1:]]
    converts = [not deferred] + [True] * (years - 1)
    if leaving is not None and leaving[1] is not None:
        t, d = leaving
        rmd_divisors[t], converts[t] = None, False
        if t + 1 < years:
            late[t + 1] = d
    return {"rmd_divisors": tuple(rmd_divisors), "rmd_late": tuple(late), "rmd_fixed": tuple(fixed[:years]),
            "convert_years": tuple(converts)}
