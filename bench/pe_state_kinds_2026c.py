"""PolicyEngine-US 2.68.0's 2026 amounts that are its projections where the state has published or
enacted its own (bench only; the authority is in docs/crosscheck.md, "Explained differences:
PolicyEngine's readings"). Each kind re-runs rothroute with PolicyEngine's amount and is accepted for
a household only when that gives PolicyEngine's figure within $1."""

from __future__ import annotations

from typing import Any

from pe_state_kinds import Kind, tax
from pe_state_kinds_ks_to_mt import _has, _no_conversions

# PolicyEngine-US 2.68.0 carries the District's 2025 basic standard deduction ($15,000, $22,500, $30,000) into 2026
# by the IRS uprating, rounded down to $50; D.C. Code §47-1801.04(3A) as added by D.C. Law 26-189 sets 2025 as the
# base year, so 2026 is the statute's amount unadjusted (params/data/states/dc.yaml)
_DC_PE_2026 = {"single": 1_530_000, "married_joint": 3_065_000, "married_separate": 1_530_000,
               "head_of_household": 2_295_000, "surviving_spouse": 3_065_000}

# PolicyEngine-US 2.68.0's Maine 2026 personal exemption is 2025's $5,150 by the IRS uprating, rounded down to $50
# ($5,250); Maine Revenue Services publishes $5,300 (State of Maine 2026 Individual Income Tax Rates, rev. May 20, 2026)
_ME_PE_2026_EXEMPTION = 525_000


def _dc_2026(h: dict[str, Any]) -> float:
    amount = _DC_PE_2026[h["filing_status"]]
    return tax(h, params=lambda p, x, v: {**p, "standard_deduction": amount})


def _me_2026(h: dict[str, Any], *, conversions: bool) -> float:
    def params(p: dict[str, Any], x: dict[str, Any], v: dict[str, Any]) -> dict[str, Any]:
        return {**p, "exemptions.personal": _ME_PE_2026_EXEMPTION}
    return tax(h, params=params, x=None if conversions else _no_conversions)


KINDS: list[Kind] = [
    Kind("policyengine_dc_2026_standard_deduction_projected", "DC", lambda h: h["year"] == 2026, _dc_2026),
    Kind("policyengine_me_2026_exemption_projected", "ME", lambda h: h["year"] == 2026,
         lambda h: _me_2026(h, conversions=True)),
    # with PolicyEngine's reading of Roth conversions (policyengine_me_conversion_not_pension_income)
    Kind("policyengine_me_2026_exemption_projected_and_conversion_not_pension_income", "ME",
         lambda h: h["year"] == 2026 and _has(h, "conversion"), lambda h: _me_2026(h, conversions=False)),
]
