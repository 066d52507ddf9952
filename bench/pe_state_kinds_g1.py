"""Kinds of difference from PolicyEngine-US for state group 1 (Alabama to Iowa; issue #14 item 6), added to
``pe_state_kinds.KINDS``. Each re-runs rothroute under the reading that differs and is accepted for a household
only when that gives PolicyEngine's figure within $1 (docs/crosscheck.md gives the authority for each)."""

from __future__ import annotations

import dataclasses
import functools
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.crosscheck import state_peers  # noqa: E402


def _ct_conversions_not_ira_money(inputs: Any) -> Any:
    # PolicyEngine's Connecticut IRA subtraction reads taxable_ira_distributions and SEP money only, not the
    # taxable Roth conversions; a conversion stays in federal AGI (the inputs' federal lines are kept)
    people = tuple(dataclasses.replace(p, conversion=0) for p in inputs.people)
    return dataclasses.replace(inputs, people=people)


@functools.cache
def _irmaa() -> dict[int, dict[str, Any]]:
    return yaml.safe_load((ROOT / "src/rothroute/params/data/irmaa.yaml").read_text())["years"]


def _medicare_part_b(h: dict[str, Any], *, irmaa: bool) -> int:
    """Twelve months of Part B premiums for each person 65 or older (cents): the standard premium, and with
    ``irmaa`` the income-related amount at the tier of the year's own federal AGI. PolicyEngine sets the tier by
    the MAGI of two years before, which it estimates by deflating the year's own AGI (its
    medicare_irmaa_magi_two_years_prior, by CBO's per-capita AGI series): for these households that is either
    no adjustment or the tier of the year's own AGI, and the re-run tries both."""
    from rothroute import federal_tax

    year = _irmaa()[h["year"]]
    table = year["married_joint" if h["filing_status"] == "married_joint" else "single"]
    monthly = year["part_b_standard"]
    if irmaa:
        magi = federal_tax(state_peers.federal_inputs(h)).values["f1040.11"] / 100
        for floor, inclusive, part_b, _ in table:
            if magi >= floor if inclusive else magi > floor:
                monthly = year["part_b_standard"] + part_b
    aged = sum(1 for w in ("head", "spouse") if h[f"age_{w}"] is not None and h[f"age_{w}"] >= 65)
    return round(100 * 12 * monthly) * aged


def _id_premiums_subtracted(h: dict[str, Any], *, irmaa: bool, projected: bool = False) -> float:
    from pe_state_kinds import tax

    premiums = _medicare_part_b(h, irmaa=irmaa)
    return tax(h, x=lambda x, values: {**x, "federal_taxable_income": x["federal_taxable_income"] - premiums},
               **({"params": _id_2026_projected(h)} if projected else {}))


# PolicyEngine's 2026 Idaho thresholds: the 2025 ones ($4,811, $9,622) projected by its own index
# (gov.irs.uprating, 176.713 / 172.797), $4,920.03 and $9,840.06, where Idaho Code §63-3024(3) multiplies
# $2,500 ($5,000) by the 2025 annual average CPI-U over 1998's: $4,938 and $9,876 (docs/crosscheck.md)
_ID_PE_2026 = {"single": 492_003, "married_joint": 984_006}


def _id_2026_projected(h: dict[str, Any]) -> Any:
    def change(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        over = list(p["brackets.over"])
        over[1] = _ID_PE_2026[h["filing_status"]]
        return {**p, "brackets.over": tuple(over)}
    return change


def _id_2026(h: dict[str, Any]) -> bool:
    return h["year"] == 2026


# the federal earned income credit of a worker with no qualifying child (IRC §32(b), (j)): the credit rate and
# phase-out rate 7.65%, [earned income amount, maximum credit, phase-out threshold (joint), investment income
# limit]; Rev. Proc. 2023-34 §3.06-3.07 (2024), Rev. Proc. 2024-40 §3.06-3.07 (2025)
_EITC_NO_CHILD = {2024: (8260, 632, 10330, 17250, 11600), 2025: (8490, 649, 10620, 17730, 11950)}
_EITC_RATE = 0.0765


def _eitc_no_child(h: dict[str, Any]) -> float:
    from rothroute import federal_tax

    amount, most, single, joint, limit = _EITC_NO_CHILD[h["year"]]
    earned = h["wages_head"] + h["wages_spouse"]
    agi = federal_tax(state_peers.federal_inputs(h)).values["f1040.11"] / 100
    investment = h["taxable_interest"] + h["ordinary_dividends"] + max(h["long_term_gains"] + h["short_term_gains"], 0)
    if not earned or investment > limit:
        return 0.0
    start = joint if h["filing_status"] == "married_joint" else single

    def credit(income: float) -> float:
        return max(min(_EITC_RATE * income, most) - _EITC_RATE * max(income - start, 0), 0.0)

    return min(credit(earned), credit(agi))  # the lesser of the credits on earned income and on AGI (§32(a)(2))


def _de_eitc(h: dict[str, Any]) -> float:
    from pe_state_kinds import tax

    mine = tax(h)
    return mine - min(0.2 * _eitc_no_child(h), mine)


def _de_eitc_applies(h: dict[str, Any]) -> bool:
    ages = [h[f"age_{w}"] for w in ("head", "spouse") if h[f"age_{w}"] is not None]
    return h["year"] in _EITC_NO_CHILD and bool(h["wages_head"] or h["wages_spouse"]) and any(25 <= a < 65 for a in ages)


def _ar_note_over_100000(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # from $100,001 the note under the 2025 tax table's last row: $3,809 plus 3.9% of the excess over $100,000
    from fractions import Fraction

    return {**p, "rate_table.rows": (*p["rate_table.rows"], (10000100, Fraction(39, 1000), 9100))}


def _aged(h: dict[str, Any]) -> bool:
    return any(h[f"age_{w}"] is not None and h[f"age_{w}"] >= 65 for w in ("head", "spouse"))


def kinds(kind: Any, tax: Any) -> list[Any]:
    """The group's kinds, built with ``pe_state_kinds``' ``Kind`` and ``tax``."""
    return [
        kind("policyengine_ct_conversions_not_ira_distributions", "CT",
             lambda h: bool(h["conversion_head"] or h["conversion_spouse"]),
             lambda h: tax(h, people=_ct_conversions_not_ira_money)),
        kind("rothroute_id_medicare_premiums_not_subtracted", "ID", _aged,
             lambda h: _id_premiums_subtracted(h, irmaa=False)),
        kind("rothroute_id_medicare_premiums_not_subtracted", "ID", _aged,
             lambda h: _id_premiums_subtracted(h, irmaa=True)),
        kind("policyengine_id_2026_threshold_projected", "ID", _id_2026,
             lambda h: tax(h, params=_id_2026_projected(h))),
        kind("policyengine_id_2026_threshold_projected", "ID", lambda h: _id_2026(h) and _aged(h),
             lambda h: _id_premiums_subtracted(h, irmaa=False, projected=True)),
        kind("policyengine_id_2026_threshold_projected", "ID", lambda h: _id_2026(h) and _aged(h),
             lambda h: _id_premiums_subtracted(h, irmaa=True, projected=True)),
        kind("harness_de_earned_income_credit_not_modelled", "DE", _de_eitc_applies, _de_eitc),
        kind("policyengine_ar_2025_table_note_over_100000", "AR", lambda h: h["year"] == 2025,
             lambda h: tax(h, params=_ar_note_over_100000)),
    ]
