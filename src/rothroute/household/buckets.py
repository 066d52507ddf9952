"""A household's money by how it is taxed on the way out: pretax, after-tax basis, Roth."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rothroute.household.model import Household
from rothroute.money import as_number
from rothroute.vocab import NON_ROTH_IRAS, PLAN_KINDS, AccountKind



@dataclass(frozen=True, slots=True, kw_only=True)
class Buckets:
    """Cents by bucket."""

    pretax: int  # taxed on the way out: plan pretax money, earnings on after-tax money, IRA money above basis
    after_tax_basis: int  # comes out tax-free, its earnings do not: plan after-tax contributions, IRA basis
    roth: int  # designated Roth accounts and Roth IRAs

    def to_json(self) -> dict[str, Any]:
        return {"pretax": as_number(self.pretax), "after_tax_basis": as_number(self.after_tax_basis),
                "roth": as_number(self.roth)}


def buckets(h: Household) -> Buckets:
    """The household's accounts on its January 1 (inherited IRAs aside)."""
    pretax = basis = roth = 0
    for a in h.accounts:
        if a.kind in PLAN_KINDS and a.sources is not None:
            s = a.sources
            pretax += s.pretax + s.after_tax_earnings
            basis += s.after_tax_contributions
            roth += s.roth_contributions + s.roth_earnings
        elif a.kind in NON_ROTH_IRAS:
            pretax += a.value
        elif a.kind is AccountKind.ROTH_IRA:
            roth += a.value
    ira_basis = sum(p.ira_basis for p in h.people)
    return Buckets(pretax=pretax - ira_basis, after_tax_basis=basis + ira_basis, roth=roth)
