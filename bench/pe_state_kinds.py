"""Differences from PolicyEngine-US's state income tax that are understood (bench only; see
bench/crosscheck_policyengine_state.py): each kind is a reading of PolicyEngine's that differs
from rothroute's (docs/crosscheck.md gives the authority), accepted for a household only when
re-running rothroute under PolicyEngine's reading gives PolicyEngine's figure within $1, as the
taxsim-py cross-check does (``tests/crosscheck/state_expected.py``, whose ``lines`` re-runs a
state's rule module with its inputs or parameters changed)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.crosscheck.state_expected import lines  # noqa: E402
from tests.crosscheck.state_expected_d import _no_table  # noqa: E402

TOLERANCE = 1.0
# PolicyEngine amounts a kind re-runs with that rothroute's inputs do not give (an imputation of the
# peer's): the bench asks PolicyEngine for them and hands them to the kinds as ``pe_<name>``
PEER_AMOUNTS = ("nj_medical_expense_deduction",)


def with_peer_amounts(h: dict[str, Any], detail: dict[str, Any]) -> dict[str, Any]:
    return {**h, **{f"pe_{name}": detail.get(name, 0) for name in PEER_AMOUNTS}}


@dataclass(frozen=True)
class Kind:
    code: str
    state: str
    applies: Callable[[dict[str, Any]], bool]
    rerun: Callable[[dict[str, Any]], float]


def tax(h: dict[str, Any], **reading: Any) -> float:
    """rothroute's figure as the bench compares it (income tax and capital gains tax, dollars),
    under the reading given (``lines``' ``people``, ``params`` or ``x``)."""
    v = lines(h, **reading)
    return (v["tax"] + v.get("capital_gains_tax", 0)) / 100


def _pa_pension_from_59_half(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # PolicyEngine excludes a pension only from 59½ (pa_nontaxable_pension_income: its stand-in for the
    # plan's own retirement conditions), as it does IRA and plan money; conversions at any age
    return {**p, "retirement_exclusion.kinds": ("ira", "plan", "pension"), "retirement_exclusion.any_age": ("conversion",)}


def _has_young_pension(h: dict[str, Any]) -> bool:
    return any(h[f"pension_{w}"] and h[f"age_{w}"] is not None and h[f"age_{w}"] < 60 for w in ("head", "spouse"))


def _al_pension_in_the_6000_cap(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # PolicyEngine exempts public pensions whole but puts a private defined benefit pension
    # (taxable_private_pension_income) with IRA money under the $6,000 exclusion from 65
    # (al_retirement_exemption_person)
    return {**p, "retirement_exclusion.kinds": (*p["retirement_exclusion.kinds"], "pension"),
            "retirement_exclusion.any_age": ()}


_VA_REBATE = {"single": 200, "married_joint": 400}  # 2025 Session, HB1600 (Chapter 725), Item 258 GG.3


def _va_rebate_as_2024_credit(h: dict[str, Any]) -> float:
    # PolicyEngine takes the rebate paid in the fall of 2025 off the 2024 tax (va_rebate, the last of
    # its nonrefundable credits), up to the tax
    t = tax(h)
    return t - min(_VA_REBATE[h["filing_status"]], t)


def _schedule_on_the_income(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # PolicyEngine applies the rate schedule (and Wisconsin's standard deduction formula) to the exact
    # income, where the state's form takes them from its printed tables and worksheet
    p = _no_table(p, x, values)
    if "sliding_standard_deduction_table.table" in p:
        p["sliding_standard_deduction_table.table"] = ((0, 1),)
    return p


# PolicyEngine's 2026 Oregon standard deduction and exemption credit: the 2025 amounts projected by its
# own index (gov.irs.uprating), not the Department's 2026 figures ($2,910, $5,820, $263)
_OR_PE_2026 = {"standard_deduction": {"single": 289_500, "married_joint": 579_500},
               "exemption_credit_agi_limited.amount": 26_180}


def _or_2026_projected(h: dict[str, Any]) -> float:
    def change(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        p = _schedule_on_the_income(p, x, values)
        p["standard_deduction"] = _OR_PE_2026["standard_deduction"][h["filing_status"]]
        p["exemption_credit_agi_limited.amount"] = _OR_PE_2026["exemption_credit_agi_limited.amount"]
        return p
    return tax(h, params=change)


def _oh_ira_at_any_age(inputs: Any) -> Any:
    # PolicyEngine's retirement income credit counts pensions and IRA distributions at any age
    # (oh_pension_based_retirement_income_credit: "modeled without checking retirement event
    # condition"); rothroute's module counts the pension field at any age, IRA money from 59½
    import dataclasses
    people = tuple(dataclasses.replace(p, pension=p.pension + p.ira + p.plan, ira=0, plan=0) for p in inputs.people)
    return dataclasses.replace(inputs, people=people)


def _oh_pe_joint_test(h: dict[str, Any]) -> bool:
    """PolicyEngine's joint filing credit test (oh_joint_filing_credit_qualifying_income): each spouse's
    Ohio AGI less max(0, their interest + dividends + capital gains), the gains before the $3,000 loss
    limit, so that a capital loss brings interest and dividends back into qualifying income; the
    household's investment income half each spouse's, as the bench gives it."""
    if h["filing_status"] != "married_joint":
        return False
    gains = h["long_term_gains"] + h["short_term_gains"]
    in_agi = max(gains, -3000)
    shared = (h["taxable_interest"] + h["ordinary_dividends"] + in_agi) / 2
    excluded = max(0.0, (h["taxable_interest"] + h["ordinary_dividends"] + gains) / 2)
    own = [h[f"wages_{w}"] + h[f"pension_{w}"] + h[f"ira_{w}"] + h[f"conversion_{w}"] for w in ("head", "spouse")]
    return all(o + shared - excluded >= 500 for o in own)


def _oh_pe(h: dict[str, Any]) -> float:
    def change(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        return {**p, "ohio_credits.joint_min": 0 if _oh_pe_joint_test(h) else 10**15}
    return tax(h, people=_oh_ira_at_any_age, params=change)


def _nj_pe(h: dict[str, Any]) -> float:
    """rothroute's New Jersey tax under PolicyEngine's readings: its medical expense deduction (NJ-1040
    line 31: the Medicare Part B premiums it computes for each person 65 or older, over 2% of gross
    income; the bench's households give no medical expenses, its figure comes with the household as
    ``pe_nj_medical_expense_deduction``), and, on a joint return with one spouse 62 or older, Worksheet
    D's maximum figured on that spouse's income only (its nj_other_retirement_income_exclusion, which
    its own issue 6959 calls wrong: line 1 is a share of the return's total income) and against that
    spouse's other income only (Worksheet D's other income is the return's)."""
    from rothroute.params.states import state_file
    from rothroute.state import chain
    from rothroute.state.picked import picked
    from rothroute.tax.ops import SCALAR
    from tests.crosscheck import state_peers

    v = lines(h)
    inputs = state_peers.state_inputs(h)
    p = dict(picked(state_file("NJ").years[h["year"]], inputs.status))
    gross, excluded, other = v["gross_income"], v["pension_exclusion"], v["other_retirement_exclusion"]
    eligible = [w for w in ("head", "spouse") if h[f"age_{w}"] is not None and h[f"age_{w}"] >= 62]
    if h["filing_status"] == "married_joint" and len(eligible) == 1 and other:
        w = eligible[0]
        shared = (h["taxable_interest"] + h["ordinary_dividends"] + max(h["long_term_gains"] + h["short_term_gains"], 0)) / 2
        own_other = 100 * (h[f"wages_{w}"] + shared)
        own = own_other + 100 * (h[f"pension_{w}"] + h[f"ira_{w}"] + h[f"conversion_{w}"])
        maximum = p["pension_exclusion.cap"]
        if gross > p["pension_exclusion.full_to"]:
            share = next(s for over, s in reversed(p["pension_exclusion.shares"]) if gross > over)
            maximum = own * share / p["pension_exclusion.share_scale"]
        other = min(max(maximum - excluded, 0), own_other)
    medical = round(100 * h.get("pe_nj_medical_expense_deduction", 0))
    taxable = max(gross - excluded - other - v["exemptions"] - medical, 0)
    if gross - excluded - other <= p["no_tax"]:
        return 0.0
    return int(chain.rate(SCALAR, int(taxable), p)) / 100


def _table_kind(state: str) -> "Kind":
    return Kind(f"policyengine_{state.lower()}_rate_schedule_not_tax_table", state, lambda h: True,
                lambda h: tax(h, params=_schedule_on_the_income))


KINDS: list[Kind] = [
    Kind("policyengine_al_private_defined_benefit_pension_taxed", "AL",
         lambda h: bool(h["pension_head"] or h["pension_spouse"]), lambda h: tax(h, params=_al_pension_in_the_6000_cap)),
    Kind("policyengine_pa_pension_taxed_before_59_half", "PA", _has_young_pension,
         lambda h: tax(h, params=_pa_pension_from_59_half)),
    Kind("policyengine_va_2025_rebate_as_2024_credit", "VA", lambda h: h["year"] == 2024, _va_rebate_as_2024_credit),
    *(_table_kind(state) for state in ("OK", "OR", "RI", "SC", "WI", "WV")),
    Kind("policyengine_or_2026_amounts_projected", "OR", lambda h: h["year"] == 2026, _or_2026_projected),
    Kind("policyengine_oh_retirement_credit_and_joint_test", "OH", lambda h: True, _oh_pe),
    Kind("policyengine_nj_medicare_premiums_and_worksheet_d", "NJ", lambda h: True, _nj_pe),
]


def explained_by(h: dict[str, Any], theirs: float) -> str | None:
    for kind in KINDS:
        if kind.state == h["state"] and kind.applies(h) and abs(kind.rerun(h) - theirs) <= TOLERANCE:
            return kind.code
    return None
