"""Figures of a plan's year (its ``--json`` form) that the table, the HTML report and the charts share."""

from __future__ import annotations

from typing import Any


def moved_to_roth(y: dict[str, Any]) -> float:
    """IRA conversions and in-plan Roth rollovers of the year (dollars)."""
    return sum(y["conversions"].values()) + sum(y.get("in_plan_roth_rollovers", {}).values())


def withdrawn(y: dict[str, Any]) -> float:
    """Withdrawals beyond the RMDs: IRAs, Roth IRAs and employer plans (dollars)."""
    return sum(w["ira"] + w["roth"] + w.get("plans", 0) for w in y["withdrawals"].values())


def rolled_out(y: dict[str, Any]) -> float:
    """Direct rollovers out of employer plans to the IRAs in the year (dollars)."""
    return sum(y.get("rollovers", {}).values())


def year_label(y: dict[str, Any]) -> str:
    """The year, starred when its parameters are projected."""
    return f"{y['year']}{'*' if y['projected'] else ''}"


def total_moved_to_roth(years: list[dict[str, Any]]) -> float:
    """IRA conversions and in-plan Roth rollovers over every year (dollars)."""
    return sum(moved_to_roth(y) for y in years)


def qcd(y: dict[str, Any]) -> float:
    """Qualified charitable distributions of the year, every person (dollars)."""
    return sum(y.get("qcd", {}).values())


FILING = {"single": "single", "married_joint": "joint", "married_separate": "separate",
          "head_of_household": "head of household", "surviving_spouse": "surviving spouse"}  # vocab.FilingStatus


def filing_label(y: dict[str, Any]) -> str:
    """The year's filing status in a word or two (a survivor's years show where it changes)."""
    return FILING.get(y.get("filing_status", ""), str(y.get("filing_status", "")).replace("_", " "))


def shown(years: list[dict[str, Any]]) -> dict[str, bool]:
    """Which optional columns a plan's table needs: the state, the premium tax credit, QCDs, the filing
    status (only where it changes, as in a survivor's years)."""
    return {"states": any(y.get("state") for y in years),
            "credit": any(y.get("premium_tax_credit") is not None for y in years),
            "qcd": any(qcd(y) for y in years),
            "filing": len({y.get("filing_status") for y in years}) > 1}
