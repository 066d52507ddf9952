"""What a strategy leaves behind: money by tax bucket before and after, the Roth dollars gained, the
pretax money left for future RMDs, and what a backdoor Roth would cost next year."""

from __future__ import annotations

import dataclasses
from typing import Any

from rothroute.household.buckets import Buckets, buckets
from rothroute.household.model import Household
from rothroute.money import as_number
from rothroute.engine import Evaluation
from rothroute.vocab import NON_ROTH_IRAS, PLAN_KINDS, AccountKind



def after_the_moves(ev: Evaluation) -> Household:
    """The household as the year's moves so far leave it (the same year, no growth), to build the
    rest of the year's strategies from: what each account holds, and the IRA basis less what the
    year's distributions took, as the engine counts a roll-in's pretax money (IRC §408(d)(3)(H))."""
    h, ira = ev.household, ev.ira
    accounts = []
    for a in h.accounts:
        plan = ira.plans.get(a.id)
        if plan is None or a.sources is None:
            accounts.append(dataclasses.replace(a, value=ira.balances[a.id]))
            continue
        sources = dataclasses.replace(a.sources, pretax=plan.pretax, after_tax_contributions=plan.at_contributions,
                                      after_tax_earnings=plan.at_earnings, pre_1987_contributions=plan.pre_1987)
        accounts.append(dataclasses.replace(a, sources=sources, value=sources.total))
    people = tuple(dataclasses.replace(p, ira_basis=max(0, p.ira_basis - ira.people[p.id].distributions))
                   for p in h.people)
    return dataclasses.replace(h, accounts=tuple(accounts), people=people, moves=())


def buckets_before(h: Household) -> Buckets:
    return buckets(h)


def buckets_after(ev: Evaluation) -> Buckets:
    h, ira = ev.household, ev.ira
    pretax = basis = roth = 0
    for a in h.accounts:
        plan = ira.plans.get(a.id)
        if a.kind in PLAN_KINDS and plan is not None:
            pretax += plan.pretax + plan.at_earnings
            basis += plan.at_contributions
            roth += plan.roth_contributions + plan.roth_earnings
        elif a.kind in NON_ROTH_IRAS:
            pretax += ira.balances[a.id]
        elif a.kind is AccountKind.ROTH_IRA:
            roth += ira.balances[a.id]
    ira_basis = sum(ira.forms[p.id].l14 for p in h.people)
    return Buckets(pretax=pretax - ira_basis, after_tax_basis=basis + ira_basis, roth=roth)


def pretax_iras(h: Household) -> int:
    """Pretax money in traditional, SEP and SIMPLE IRAs on the household's January 1."""
    return sum(a.value for a in h.accounts if a.kind in NON_ROTH_IRAS) - sum(p.ira_basis for p in h.people)


def pretax_iras_at_year_end(ev: Evaluation) -> int:
    """Pretax money left in traditional, SEP and SIMPLE IRAs: what makes a backdoor Roth conversion
    pro rata (Form 8606 line 6 less the basis)."""
    h, ira = ev.household, ev.ira
    total = sum(ira.balances[a.id] for a in h.accounts if a.kind in NON_ROTH_IRAS)
    return total - sum(ira.forms[p.id].l14 for p in h.people)


def next_year_backdoor(ev: Evaluation, contributions: dict[str, int]) -> dict[str, dict[str, Any]]:
    """Per person: the taxable part of a backdoor Roth of ``contributions[person]`` next year, if the IRAs
    stay as this year leaves them (Form 8606 lines 3, 6, 8-10: line 10 = (basis + contribution) /
    (IRAs at year end + contribution))."""
    h, ira = ev.household, ev.ira
    out = {}
    for p in h.people:
        contribution = contributions[p.id]
        iras = sum(ira.balances[a.id] for a in h.accounts if a.owner == p.id and a.kind in NON_ROTH_IRAS)
        basis = ira.forms[p.id].l14
        pretax = max(0, iras - basis)
        denominator = iras + contribution
        taxable = (2 * contribution * pretax + denominator) // (2 * denominator) if denominator else 0
        out[p.id] = {"pretax_iras": as_number(pretax), "ira_basis": as_number(basis),
                     "contribution": as_number(contribution), "taxable": as_number(taxable)}
    return out


def five_year_clocks(ev: Evaluation) -> dict[str, Any]:
    """Each person's Roth IRA clock and each plan's designated Roth clock after the year."""
    data = ev.to_json_people()
    plans = {a.id: ev.ira.plans[a.id].roth_first_year for a in ev.household.accounts
             if a.id in ev.ira.plans and ev.ira.plans[a.id].roth_first_year is not None}
    return {"roth_ira": {pid: {"start": v["roth_ira_five_year_start"], "qualified": v["roth_ira_qualified"]}
                         for pid, v in data.items()},
            "designated_roth": plans}
