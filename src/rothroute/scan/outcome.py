"""What the scan says of one household: the output row's fields, and the row of a comparison.

Money is integer cents here (the tables write it as decimal dollars). The fast path
(``scan.fast``) fills the same fields from columns; ``from_comparison`` is the exact path and
the yardstick the fast path is tested against.
"""

from __future__ import annotations

from typing import Any

from rothroute.codes import registered
from rothroute.compare import TIE_BREAKS, Comparison, Goal, Priced
from rothroute.scan.book import Column

BASELINES = ("leave_in_plan", "do_nothing")
BACKDOOR, BACKDOOR_ROLL_IN = "backdoor_roth", "backdoor_roth_with_roll_in"
SPLITS = ("split_rollover", "in_service_after_tax_split")


Field = Column  # an output column: its name, type (text | money | int | bool | float) and meaning


FIELDS: tuple[Field, ...] = (
    Field("household_id", "text", "the household's id (the book's household_id, or the file's path)"),
    Field("status", "text", "priced | refused (the file cannot be used, or compare has nothing to compare) | "
                            "failed (rothroute could not price it: a bug to report)"),
    Field("codes", "text", "the issue codes of a household not priced, ';'-separated (docs/issue-codes.md)"),
    Field("path", "text", "fast (priced on the batch kernels) or exact (rothroute compare itself)"),
    Field("tax_year", "int", "the tax year"),
    Field("filing_status", "text", "the filing status"),
    Field("state", "text", "the state of residence (empty: federal only)"),
    Field("goal", "text", "the goal the strategies are ranked by (--goal)"),
    Field("recommended", "text", "compare's recommended strategy (its name)"),
    Field("cost", "money", "the recommended strategy's tax cost this year: federal plus state (cost_of_moves)"),
    Field("federal_cost", "money", "its federal part"),
    Field("state_cost", "money", "its state part"),
    Field("roth_gained", "money", "money it moves into Roth accounts"),
    Field("pretax_left", "money", "pretax money it leaves (taxed on the way out)"),
    Field("pretax_iras_end", "money", "pretax money it leaves in traditional, SEP and SIMPLE IRAs on December 31"),
    Field("irmaa_tier", "int", "the IRMAA tier its year's income gives (two years on)"),
    Field("baseline", "text", "the strategy of leaving things as they are (leave_in_plan or do_nothing)"),
    Field("baseline_irmaa_tier", "int", "the IRMAA tier of leaving things as they are"),
    Field("crosses_irmaa_tier", "bool", "the recommended strategy puts the household in a higher IRMAA tier"),
    Field("tax_saved_vs_baseline", "money", "tax this year, leaving things as they are less the recommended"),
    Field("roth_vs_baseline", "money", "Roth money gained over leaving things as they are"),
    Field("pretax_iras_cleared_vs_baseline", "money", "pretax IRA money on December 31, leaving things as they "
                                                      "are less the recommended"),
    Field("value_measure", "text", "the first measure, in the goal's order, on which the recommended strategy "
                                   "beats leaving things as they are (empty: leaving things is recommended)"),
    Field("value", "money", "what acting is worth on that measure, in dollars (0: nothing to do)"),
    Field("next_best", "text", "the next-best strategy"),
    Field("tax_saved_vs_next_best", "money", "tax this year, the next best less the recommended"),
    Field("roth_vs_next_best", "money", "Roth money gained over the next best"),
    Field("pretax_iras_cleared_vs_next_best", "money", "pretax IRA money on December 31, the next best less the "
                                                       "recommended"),
    Field("next_best_measure", "text", "the first measure, in the goal's order, on which the recommended strategy "
                                       "beats the next best (empty: a tie kept in compare's order)"),
    Field("margin", "money", "by how much, in dollars"),
    Field("after_tax_to_roth_tax_free", "money", "after-tax plan money a split rollover (or an in-service split) "
                                                 "would move to a Roth IRA tax-free (0: none)"),
    Field("backdoor_taxable", "money", "the taxable part of a backdoor Roth this year (Form 8606 line 18; empty: "
                                       "no backdoor Roth is possible)"),
    Field("backdoor_pro_rata", "bool", "a backdoor Roth is partly taxed by the pro-rata rule (pretax IRA money)"),
    Field("roll_in_clears_pro_rata", "bool", "rolling the pretax IRA money into an employer plan makes the "
                                             "backdoor Roth tax-free"),
    Field("rmd_due", "money", "required minimum distributions due this year, IRAs and plans (0: none)"),
    Field("strategies_permitted", "int", "strategies the law and the plans allow"),
    Field("strategies_ruled_out", "int", "strategies ruled out, each for its reason (compare lists them)"),
)
OPTIMIZE_FIELDS: tuple[Field, ...] = (
    Field("optimize_value_over_baseline", "money", "the optimizer's plan, after-tax wealth at the horizon (or level "
                                                   "spending) re-priced by the engine, less its best baseline's"),
    Field("optimize_conversion_this_year", "money", "the plan's Roth conversions and in-plan Roth rollovers in the "
                                                    "tax year"),
    Field("optimize_status", "text", "the solver's status (HiGHS)"),
    Field("optimize_gap", "float", "the solver's relative gap"),
    Field("optimize_codes", "text", "why no plan was made (the household is still compared)"),
)
MEASURES = {Goal.LEAST_TAX_NOW: "tax_saved", Goal.MOST_ROTH: "roth", Goal.CLEAN_BACKDOOR: "pretax_iras_cleared"}


def fields(optimize: bool) -> tuple[Field, ...]:
    return FIELDS + (OPTIMIZE_FIELDS if optimize else ())


def empty(household_id: str, optimize: bool = False) -> dict[str, Any]:
    return dict.fromkeys((f.name for f in fields(optimize)), None) | {"household_id": household_id}


def deltas(goal: Goal, better: tuple[int, int, int], worse: tuple[int, int, int]) -> tuple[dict[str, int], str | None,
                                                                                             int]:
    """How ``better`` (cost, roth gained, pretax IRAs at the end) beats ``worse``: each measure's
    difference, the first measure in the goal's order that differs, and by how much."""
    diff = {"tax_saved": worse[0] - better[0], "roth": better[1] - worse[1], "pretax_iras_cleared": worse[2] - better[2]}
    for g in TIE_BREAKS[goal]:
        if diff[MEASURES[g]] != 0:
            return diff, MEASURES[g], diff[MEASURES[g]]
    return diff, None, 0


def worth(row: dict[str, Any], goal: str) -> tuple[int, ...]:
    """What acting is worth, as compare ranks: the goal's measure against leaving things as they are,
    then the tie-breaks' (cents; larger is better). ``row``: an output row, money in cents."""
    cents = {"tax_saved": row["tax_saved_vs_baseline"], "roth": row["roth_vs_baseline"],
             "pretax_iras_cleared": row["pretax_iras_cleared_vs_baseline"]}
    return tuple(int(cents[MEASURES[g]] or 0) for g in TIE_BREAKS[Goal(goal)])


def _key(p: Priced) -> tuple[int, int, int]:
    return p.cost_of_moves, p.roth_gained, p.pretax_iras_end


def _line_18(p: Priced) -> int:
    assert p.evaluation is not None
    return sum(form.l18 for form in p.evaluation.ira.forms.values())


def from_comparison(household_id: str, c: Comparison) -> dict[str, Any]:
    """The output row of a household compare priced (money in cents)."""
    from rothroute.moves.rmd import required_minimums

    h, goal = c.household, c.goal
    permitted = [s for s in c.strategies if s.ruled_out is None]
    by_name = {s.name: s for s in permitted}
    rec, nxt = permitted[0], permitted[1]
    base = next(s for s in c.strategies if s.name in BASELINES)
    assert rec.evaluation is not None and base.evaluation is not None
    tier = int(rec.evaluation.tax.values["irmaa.tier"])
    base_tier = int(base.evaluation.tax.values["irmaa.tier"])
    vs_base, measure, value = deltas(goal, _key(rec), _key(base))
    vs_next, next_measure, margin = deltas(goal, _key(rec), _key(nxt))
    split = next((by_name[n].roth_gained for n in SPLITS if n in by_name), 0)
    backdoor = by_name.get(BACKDOOR)
    taxable = None if backdoor is None else _line_18(backdoor)
    roll_in = by_name.get(BACKDOOR_ROLL_IN)
    iras, plans = required_minimums(h)
    return {
        "household_id": household_id, "status": "priced", "codes": None, "path": "exact",
        "tax_year": h.tax_year, "filing_status": str(h.filing_status), "state": h.state_in(h.tax_year),
        "goal": str(goal), "recommended": rec.name,
        "cost": rec.cost_of_moves, "federal_cost": rec.federal_cost, "state_cost": rec.state_cost,
        "roth_gained": rec.roth_gained, "pretax_left": rec.after.pretax, "pretax_iras_end": rec.pretax_iras_end,
        "irmaa_tier": tier, "baseline": base.name, "baseline_irmaa_tier": base_tier, "crosses_irmaa_tier": tier > base_tier,
        "tax_saved_vs_baseline": vs_base["tax_saved"], "roth_vs_baseline": vs_base["roth"],
        "pretax_iras_cleared_vs_baseline": vs_base["pretax_iras_cleared"],
        "value_measure": measure, "value": value,
        "next_best": nxt.name, "tax_saved_vs_next_best": vs_next["tax_saved"], "roth_vs_next_best": vs_next["roth"],
        "pretax_iras_cleared_vs_next_best": vs_next["pretax_iras_cleared"],
        "next_best_measure": next_measure, "margin": margin,
        "after_tax_to_roth_tax_free": split,
        "backdoor_taxable": taxable, "backdoor_pro_rata": bool(taxable),
        "roll_in_clears_pro_rata": bool(taxable) and roll_in is not None and _line_18(roll_in) == 0,
        "rmd_due": sum(iras.values()) + sum(plans.values()),
        "strategies_permitted": len(permitted), "strategies_ruled_out": len(c.strategies) - len(permitted),
    }


def optimize_cells(result: dict[str, Any]) -> dict[str, Any]:
    """The optimizer's columns from ``rothroute optimize --json``'s data."""
    from decimal import Decimal

    def cents(x: Any) -> int:
        return int((Decimal(str(x)) * 100).to_integral_value())

    objective = result["objective"]
    best = max((b["value"] for b in result["baselines"]), default=0)
    first = result["years"][0]
    moved = sum(first["conversions"].values()) + sum(first["in_plan_roth_rollovers"].values())
    missing = result.get("baselines_not_priced") or []  # the time limit left some yardsticks unpriced
    return {"optimize_value_over_baseline": None if missing else cents(objective["engine_value"]) - cents(best),
            "optimize_conversion_this_year": cents(moved), "optimize_status": result["solver"]["status"],
            "optimize_gap": result["solver"]["gap"],
            "optimize_codes": registered("optimize_baselines_not_priced") + ": " + ", ".join(missing) if missing else None}
