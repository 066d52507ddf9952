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
