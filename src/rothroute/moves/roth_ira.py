"""Roth IRA distributions: the ordering rules, Form 8606 Part III and the 10% additional tax,
including the recapture on conversions less than five years old (IRC §408A(d)(4)(B);
26 CFR §1.408A-6 Q&A-4, -5, -8, -9)."""

from __future__ import annotations

from dataclasses import dataclass, field

CITES = ("IRC §408A(d)(2), (d)(4)(B)", "26 CFR §1.408A-6 Q&A-4, Q&A-5, Q&A-8, Q&A-9", "Form 8606 Part III")


@dataclass
class RothYear:
    """A person's Roth IRA basis through the year's distributions (cents)."""

    contributions: int  # regular contributions (and designated Roth basis rolled in)
    layers: list[list[int]]  # [year, taxable, nontaxable], oldest first
    lines: dict[str, int] = field(default_factory=dict)  # Form 8606 Part III
    taxable: int = 0
    recapture: int = 0  # conversion money within its 5 years (10% tax before 59½, not income)


def distribute(roth: RothYear, total: int, nonqualified: int, tax_year: int) -> RothYear:
    """Apply the year's distributions (``total``, of which ``nonqualified``) in the statutory
    order: regular contributions, then conversions oldest first (each taxable part before its
    nontaxable part), then earnings. Only nonqualified distributions can be taxed."""
    share_num, share_den = nonqualified, total if total else 1
    left = total
    from_contributions = min(left, roth.contributions)
    left -= from_contributions
    recapture = 0
    conversion_basis = sum(t + n for _, t, n in roth.layers)
    for layer in roth.layers:
        year, taxable, nontaxable = layer
        take = min(left, taxable)
        if tax_year < year + 5:  # within the conversion's 5-taxable-year period (Q&A-5(b))
            recapture += take
        layer[1] -= take
        left -= take
        take = min(left, nontaxable)
        layer[2] -= take
        left -= take
    contributions_basis = roth.contributions
    roth.contributions -= from_contributions
    roth.layers = [layer for layer in roth.layers if layer[1] or layer[2]]
    l19 = nonqualified
    l23 = max(l19 - contributions_basis, 0)
    l25a = max(l23 - conversion_basis, 0)
    roth.lines = {"19": l19, "20": 0, "21": l19, "22": contributions_basis, "23": l23, "24": conversion_basis,
                  "25a": l25a, "25b": 0, "25c": l25a}
    roth.taxable = l25a
    roth.recapture = (recapture * share_num + share_den // 2) // share_den
    return roth
