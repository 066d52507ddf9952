"""Where each person's money starts in the optimizer's model (``model.PersonStart``): the person's IRAs and Roth
IRAs, and each pool of employer plans (``pools``), with the RMDs, the 10% tax's years, the Roth IRAs' 5-year
periods, a first death and what the survivor inherits, and the years QCDs may be made."""

from __future__ import annotations

import dataclasses
from typing import Any

from rothroute.household.distribution_years import distribution_period as rmd_period
from rothroute.household.model import Household
from rothroute.moves.plan import early as early_distribution
from rothroute.moves.rmd import requirements
from rothroute.optimize import model
from rothroute.optimize.distributions import rmds, seasoned
from rothroute.optimize.horizon import Assumptions, Year
from rothroute.optimize.pools import Pools, pool_id
from rothroute.optimize.schedule import when
from rothroute.optimize.survivors import first_deaths, inherits, roth_start
from rothroute.roth_ira import age_59_half_on, age_70_half_on
from rothroute.vocab import NON_ROTH_IRAS, AccountKind


def people_of(h: Household, years: int, background: tuple[Year, ...], start_pools: Pools,
              assumptions: Assumptions) -> list[model.PersonStart]:
    """Each person's start, then each of their plan pools' (``person:pool``), for a plan of ``years`` years
    (``background``: the years carried out with no conversions)."""
    people = []
    first_rmds = requirements(h)
    deaths = first_deaths(h, years)
    for p in h.people:
        ira = sum(a.value for a in h.accounts if a.owner == p.id and a.kind in NON_ROTH_IRAS) / 100
        roth = sum(a.value for a in h.accounts if a.owner == p.id and a.kind is AccountKind.ROTH_IRA) / 100
        divisors = tuple(None if (d := rmd_period(p, h.tax_year + t)) is None else float(d) for t in range(years))
        early = tuple(age_59_half_on(p).year > h.tax_year + t for t in range(years))
        last, heir = deaths.get(p.id, (None, None))
        # a survivor's Roth IRAs keep the earlier of the two 5-year periods (Treas. Reg. §1.408A-6 Q&A-7)
        starts = {t: roth_start(h, p, deaths, t, background) for t in range(years)}
        qualified = tuple(starts[t] is not None and h.tax_year + t >= starts[t] + 5 and not early[t]
                          for t in range(years))
        ira_rmds = rmds([(r, 1.0) for r in first_rmds if r.owner == p.id and r.account is None], divisors, years, ira)
        people.append(model.PersonStart(id=p.id, ira=ira, basis=p.ira_basis / 100, roth=roth, **ira_rmds,
                                        withdraw_years=ira_rmds["convert_years"],
                                        early=early, roth_qualified=qualified,
                                        roth_contributions=p.roth_ira.contributions / 100,
                                        roth_conversions=sum(x.taxable + x.nontaxable
                                                             for x in p.roth_ira.conversions) / 100,
                                        roth_seasoned=seasoned(p, h.tax_year, years),
                                        last=last, heir=heir,
                                        inherits=inherits(p.id, deaths, background, start_pools, assumptions.growth),
                                        qcd_years=tuple(age_70_half_on(p).year <= h.tax_year + t
                                                        for t in range(years))))
        for pool in start_pools[p.id]:
            # drawn on (and owing RMDs) from the year it is a former employer's plan; the 10% tax on what is
            # drawn by the plan rules: 59½, or separation in or after the year of 55 (the retirement year)
            drawn = tuple(pool.drawn_in(h.tax_year + t) for t in range(years))
            plan_early = tuple(drawn[t] and any(early_distribution(p, _left(a, pool.retires), when(p, h.tax_year + t))
                                                for a in pool.accounts) for t in range(years))
            shares = [(r, pool.money(a) / _non_roth(a)) for a in pool.accounts for r in first_rmds
                      if r.account == a.id and _non_roth(a)]
            left = pool.retires - h.tax_year if pool.retires is not None else None
            leaving = (left, divisors[left]) if left is not None and 0 < left < years else None
            pool_rmds = rmds(shares, tuple(d if drawn[t] else None for t, d in enumerate(divisors)), years,
                              pool.total / 100, leaving=leaving)
            people.append(model.PersonStart(
                id=pool_id(p.id, pool.key), ira=pool.total / 100, basis=pool.total_basis / 100, roth=0.0, **pool_rmds,
                last=last, heir=heir,
                early=plan_early, roth_qualified=(False,) * years,
                # in-plan Roth rollovers (IRC §402A(c)(4)) where every such plan offers them; the Roth money
                # they make stays in the plan (the designated Roth account is not drawn on here)
                can_convert=pool.converts, can_draw_roth=False, rolls_to=p.id,
                withdraw_years=tuple(a and b for a, b in zip(drawn, pool_rmds["convert_years"])),
                # roll-ins only into a pool without basis: into one with basis they would raise the taxable
                # share of everything it pays out, which the model holds fixed within a round
                # (and not into a governmental 457(b), where IRA money keeps the 10% tax the plan's own does not)
                # and only from IRAs all of whose money may go (no basis, no SIMPLE IRA money, which the
                # model does not tell apart)
                takes_rollins="pretax" in pool.sources and not pool.total_basis and not p.ira_basis
                and not any(a.owner == p.id and a.kind is AccountKind.SIMPLE_IRA and a.value for a in h.accounts)
                and all(a.plan.accepts_ira_rollins and a.kind is not AccountKind.GOVERNMENTAL_457B
                        for a in pool.accounts),
                # plan money rolled into IRAs that hold basis raises their Form 8606 share, which the model
                # holds fixed within a round: there, rolling the whole plan out is tried as a start instead
                rolls_out=not p.ira_basis))
    return people


def _non_roth(a: Any) -> int:
    s = a.sources
    return s.pretax + s.after_tax_contributions + s.after_tax_earnings


def _left(a: Any, retires: int | None) -> Any:
    """The plan as it will be once the person has left the employer in ``retires``."""
    if retires is None or a.plan is None or a.plan.separated_from_service is not None:
        return a
    return dataclasses.replace(a, plan=dataclasses.replace(a.plan, separated_from_service=retires))
