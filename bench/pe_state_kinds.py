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

TOLERANCE = 1.0


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


KINDS: list[Kind] = [
    Kind("policyengine_al_private_defined_benefit_pension_taxed", "AL",
         lambda h: bool(h["pension_head"] or h["pension_spouse"]), lambda h: tax(h, params=_al_pension_in_the_6000_cap)),
    Kind("policyengine_pa_pension_taxed_before_59_half", "PA", _has_young_pension,
         lambda h: tax(h, params=_pa_pension_from_59_half)),
    Kind("policyengine_va_2025_rebate_as_2024_credit", "VA", lambda h: h["year"] == 2024, _va_rebate_as_2024_credit),
]

# state group 1 (issue #14 item 6): bench/pe_state_kinds_g1.py
import pe_state_kinds_g1  # noqa: E402

KINDS += pe_state_kinds_g1.kinds(Kind, tax)


def explained_by(h: dict[str, Any], theirs: float) -> str | None:
    for kind in KINDS:
        if kind.state == h["state"] and kind.applies(h) and abs(kind.rerun(h) - theirs) <= TOLERANCE:
            return kind.code
    return None
