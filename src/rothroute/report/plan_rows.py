"""Figures of a plan's year (its ``--json`` form) that the table, the HTML report and the charts share."""

from __future__ import annotations

from typing import Any

from rothroute.report.text import money


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


def unproved(data: dict[str, Any]) -> str | None:
    """A plain warning when a plan is not the proved best (the CLI, the HTML report and the web workspace say it
    the same way): the solver stopped before proving it (a time limit), the rounds that settle the pro-rata
    or gain shares did not settle, or the model's tax is off the engine's by more than the IRS Tax Table's few
    dollars in some year. None when the plan is proved within the gap and the model agrees with the engine."""
    solver, years = data["solver"], data["years"]
    worst = max(years, key=lambda y: abs(y["difference"])) if years else None
    off = worst is not None and abs(worst["difference"]) > 25
    stopped = solver["status"] != "Optimal"
    if not (stopped or off or not solver.get("settled", True)):
        return None
    why = []
    if stopped:
        gap = "" if solver.get("gap") is None else f", gap {solver['gap']:.1e}"
        why.append(f"{solver['name']} stopped ({solver['status'].lower()}, {solver['seconds']:.2f} s{gap}) before "
                   "proving it the best")
    if not solver.get("settled", True):
        why.append("the rounds that settle the pro-rata and gain shares did not settle")
    if off:
        why.append(f"the model's tax is ${abs(worst['difference']):,.0f} off the engine's in {worst['year']}")
    return ("Not a proved plan: " + "; ".join(why) + ". Every figure shown is the engine's pricing of this plan, so it "
            "is what the plan yields, but a better plan may exist" + (": a longer time limit may find it." if stopped
                                                                      else "."))


# the claiming search's answer (``--claiming optimize``), as the terminal and the HTML report both say it

CLAIMS_SHOWN = 12  # alternatives shown: the planned and bounded ones, the file's, then the screen's best


def _whole(value: float) -> str:
    return money(round(value))


def chosen_ages(c: dict[str, Any]) -> str:
    return ", ".join(f"{pid} at {x['claim_age']} (from {x['entitled_from']})" for pid, x in c["chosen"].items())


def against_file(c: dict[str, Any]) -> str:
    """What the chosen ages are worth against the file's: the gain where the file's were planned in full, else
    what the solver proved them worth less than ('' when neither)."""
    gain = c.get("gain_over_file")
    if gain:
        return f"; worth {_whole(gain)} more than the file's ages"
    if gain is not None:
        return "; the file's own ages"
    below = c.get("file_value_below")
    return "" if below is None else f"; the file's ages are proved worth less (under {_whole(below)})"


def claims_shown(c: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [x for x in c["alternatives"] if x["plan_value"] is not None or x["file"]
            or x.get("plan_value_below") is not None]
    return rows + [x for x in c["alternatives"] if x not in rows][:max(0, CLAIMS_SHOWN - len(rows))]


def claim_worth(x: dict[str, Any]) -> str:
    """An alternative's plan worth: planned in full, proved below a worth, or not planned."""
    if x["plan_value"] is not None:
        return _whole(x["plan_value"])
    below = x.get("plan_value_below")
    return "not planned" if below is None else f"under {_whole(below)}"


def claim_counts(c: dict[str, Any]) -> str:
    return (f"{c['screened']} screened, {c['planned']} planned in full"
            + (f", {c['bounded']} proved worth less" if c.get("bounded") else ""))
