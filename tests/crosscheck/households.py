"""Random households for the cross-check against peer engines, in the neutral form the peer
harness takes (dollars), and their conversion to rothroute's ``TaxInputs`` (cents).

Kinds: retirees (IRA and pension income, Social Security, interest, some dividends and gains;
both spouses 65+ or mixed ages) and workers (wages, capital gains, dividends), in every filing
status, for 2024, 2025 and 2026. Reproducible from a seed.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rothroute.tax.federal import TaxInputs
from rothroute.vocab import FilingStatus

STATUSES = ("single", "married_joint", "married_separate", "head_of_household", "surviving_spouse")
MONEY_KEYS = ("wages_head", "wages_spouse", "taxable_interest", "tax_exempt_interest", "ordinary_dividends",
              "qualified_dividends", "long_term_gains", "short_term_gains", "pension", "social_security_head",
              "social_security_spouse", "other_ordinary")


def _amount(rng: np.random.Generator, scale: float, p_zero: float) -> int:
    if rng.random() < p_zero:
        return 0
    return int(round(rng.lognormal(np.log(scale), 1.0)))


def generate(n: int, *, seed: int = 20261128, years: tuple[int, ...] = (2024, 2025, 2026)) -> list[dict[str, Any]]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        status = STATUSES[i % len(STATUSES)]
        year = years[(i // len(STATUSES)) % len(years)]
        joint = status == "married_joint"
        retiree = rng.random() < 0.6
        if retiree:
            age_head = int(rng.integers(60, 90))
            age_spouse = int(rng.integers(55, 90)) if joint else None
        else:
            age_head = int(rng.integers(25, 66))
            age_spouse = int(rng.integers(25, 66)) if joint else None
        h: dict[str, Any] = {
            "year": year, "filing_status": status, "age_head": age_head, "age_spouse": age_spouse,
            "blind_head": bool(rng.random() < 0.03), "blind_spouse": bool(joint and rng.random() < 0.03),
        }
        if retiree:
            h["wages_head"] = _amount(rng, 20_000, 0.85)
            h["wages_spouse"] = _amount(rng, 20_000, 0.9) if joint else 0
            h["pension"] = _amount(rng, 45_000, 0.1)
            h["social_security_head"] = _amount(rng, 26_000, 0.1)
            h["social_security_spouse"] = _amount(rng, 18_000, 0.3) if joint else 0
            h["taxable_interest"] = _amount(rng, 4_000, 0.3)
            h["tax_exempt_interest"] = _amount(rng, 3_000, 0.7)
            qualified = _amount(rng, 6_000, 0.5)
            h["long_term_gains"] = _amount(rng, 15_000, 0.6)
        else:
            h["wages_head"] = _amount(rng, 70_000, 0.05)
            h["wages_spouse"] = _amount(rng, 50_000, 0.4) if joint else 0
            h["pension"] = _amount(rng, 15_000, 0.85)
            h["social_security_head"] = 0
            h["social_security_spouse"] = 0
            h["taxable_interest"] = _amount(rng, 2_000, 0.4)
            h["tax_exempt_interest"] = _amount(rng, 2_000, 0.8)
            qualified = _amount(rng, 5_000, 0.5)
            h["long_term_gains"] = _amount(rng, 20_000, 0.6)
        if rng.random() < 0.03:  # a few very large realisations (AMT, 20% rate, NIIT)
            h["long_term_gains"] += int(rng.integers(300_000, 3_000_000))
        h["qualified_dividends"] = qualified
        h["ordinary_dividends"] = qualified + _amount(rng, 1_000, 0.6)
        h["short_term_gains"] = _amount(rng, 3_000, 0.85)
        if rng.random() < 0.05:  # capital losses, limited to $3,000 ($1,500 separate)
            h["long_term_gains"] = -int(rng.integers(1, 20_000))
        h["other_ordinary"] = _amount(rng, 3_000, 0.85)
        out.append(h)
    return out


def to_inputs(h: dict[str, Any]) -> TaxInputs:
    """rothroute's inputs for a neutral household (dollars → cents)."""
    status = FilingStatus(h["filing_status"])
    ages = [h["age_head"]] + ([h["age_spouse"]] if status is FilingStatus.MARRIED_JOINT else [])
    blind = [h["blind_head"]] + ([h["blind_spouse"]] if status is FilingStatus.MARRIED_JOINT else [])
    c = {k: int(round(h.get(k, 0) * 100)) for k in MONEY_KEYS}
    return TaxInputs(
        year=h["year"], status=status, seniors=sum(1 for a in ages if a >= 65), blind=sum(blind),
        wages=c["wages_head"] + c["wages_spouse"], taxable_interest=c["taxable_interest"],
        exempt_interest=c["tax_exempt_interest"], ordinary_dividends=c["ordinary_dividends"],
        qualified_dividends=c["qualified_dividends"], long_term_gains=c["long_term_gains"],
        short_term_gains=c["short_term_gains"], pension=c["pension"], other_ordinary=c["other_ordinary"],
        social_security=c["social_security_head"] + c["social_security_spouse"],
        medicare_enrollees=sum(1 for a in ages if a + 2 >= 65),
    )
