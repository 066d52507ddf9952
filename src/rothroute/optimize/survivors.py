"""A plan's survivor years (issue #15 item 2): who dies before the plan's last year with a spouse
surviving them, the survivor's Roth IRA 5-year start (the earlier of the two, IRC §408A(d)(2)(B); Reg.
§1.408A-6 Q&A-7), and what reaches the survivor's IRAs from the deceased's plans by spousal rollover
(IRC §402(c)(9)) from outside the model."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from rothroute.household.model import Household
from rothroute.optimize.horizon import Year
from rothroute.optimize.pools import Pools, pooled_accounts
from rothroute.roth_ira import five_year_start

__all__ = ["first_deaths", "inherits", "roth_start"]


def first_deaths(h: Household, years: int) -> dict[str, tuple[int, str]]:
    """Each person who dies before the plan's last year with a spouse surviving them: (the last year's
    index, the survivor)."""
    out = {}
    for p in h.people:
        last = p.last_year()
        others = [q for q in h.people if q.id != p.id and (q.last_year() is None or q.last_year() > (last or 0))]
        if last is not None and last - h.tax_year < years - 1 and others:
            out[p.id] = (last - h.tax_year, others[0].id)
    return out


def roth_start(h: Household, p: Any, deaths: dict[str, tuple[int, str]], t: int, background: tuple[Year, ...]) -> int | None:
    """The start of ``p``'s Roth IRAs' 5-year period in the plan's year ``t``: a survivor's, after the death,
    the earlier of the two (the designated Roth money rolled over starts one, if none had)."""
    own = five_year_start(p)
    for pid, (last, heir) in deaths.items():
        if heir == p.id and t > last:
            after = background[last + 1].evaluation.household.person(p.id) if last + 1 < len(background) else None
            theirs = after.roth_ira.first_year if after is not None else None
            starts = [y for y in (own, five_year_start(h.person(pid)), theirs) if y is not None]
            return min(starts) if starts else None
    return own


def inherits(pid: str, deaths: dict[str, tuple[int, str]], background: tuple[Year, ...], start_pools: Pools,
              growth: Fraction) -> tuple[tuple[int, float, float, float, float], ...]:
    """What reaches a survivor's IRAs from outside the model at a spouse's death (dollars): the deceased's
    plans' designated Roth money (contributions as Roth basis), and all the money of their plans the
    model does not draw on (after-tax contributions as IRA basis), at the end of the year of death,
    grown for the year as the roll forward grows it."""
    from rothroute.optimize.rollforward import grown

    out = []
    drawn = pooled_accounts(start_pools)
    for dead, (last, heir) in deaths.items():
        if heir != pid:
            continue
        ev = background[last].evaluation
        ira = basis = roth = roth_basis = 0
        for a in ev.household.accounts:
            plan = ev.ira.plans.get(a.id)
            if a.owner != dead or plan is None:
                continue
            roth += grown(plan.roth_contributions + plan.roth_earnings, growth)
            roth_basis += plan.roth_contributions  # basis (rollover layers included, as conversion layers)
            if a.id not in drawn:
                ira += grown(plan.pretax, growth) + grown(plan.at_contributions + plan.at_earnings, growth)
                basis += plan.at_contributions
        if ira or roth:
            out.append((last, ira / 100, basis / 100, roth / 100, roth_basis / 100))
    return tuple(out)
