"""Washington: no income tax on wages (the 2025 income tax on high earners, ESSB 6346, applies
from 2028); the capital gains excise tax of RCW 82.87 on long-term gains, reported apart."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import formulas as f

LINES = {
    "no_income_tax": ("No income tax on wages or other income", (), (), ("no_income_tax",)),
    "tax": ("State income tax", (), ("no_income_tax",), ("no_income_tax",)),
    "long_term_gains": ("Washington capital gains: the federal net long-term capital gain, not below zero",
                        ("RCW 82.87.020", "RCW 82.87.040"), ("people",), ("capital_gains_tax",)),
    "capital_gains_taxable": ("Taxable Washington capital gains: less the standard deduction (one for the "
                              "household, joint or separate)", ("RCW 82.87.060(1)", "RCW 82.87.150"),
                              ("long_term_gains",), ("capital_gains_tax",)),
    "capital_gains_tax": ("Capital gains excise tax", ("RCW 82.87.040",), ("capital_gains_taxable",),
                          ("capital_gains_tax",)),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    zero = x["federal_agi"] * 0
    out: dict[str, Any] = {"no_income_tax": zero, "tax": zero}
    if "capital_gains_tax.deduction" not in p:  # refused for the year: the single path says so
        return out
    gains = ops.mx(x["p1_long_term_gains"] + x["p2_long_term_gains"], 0)
    taxable = ops.mx(gains - p["capital_gains_tax.deduction"], 0)
    out["long_term_gains"] = gains
    out["capital_gains_taxable"] = taxable
    out["capital_gains_tax"] = f.brackets_tax(ops, taxable, p["capital_gains_tax.over"],
                                              p["capital_gains_tax.steps"], p["capital_gains_tax.scale"])
    return out


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    if not values.get("capital_gains_taxable"):
        return []
    return [("state_rule_not_modelled",
             "Washington's capital gains tax is figured on all long-term gains in the file: the exemptions for real "
             "estate, retirement accounts, timber, livestock and qualified family-owned businesses, and the "
             "deduction for charitable gifts, are not modelled, nor is the allocation of gains to another state.",
             ("RCW 82.87.050", "RCW 82.87.070", "RCW 82.87.080", "RCW 82.87.100"))]


# the 2025 standard deduction (cents): RCW 82.87.150(1) never lowers it ("If an adjustment ... would reduce the
# applicable amounts, the department must not adjust"), so a later year's is at least this
_DEDUCTION_2025 = 27_800_000


def needs(step: str, x: Mapping[str, Any], ops: Any) -> Any:
    """Whether a refused step matters (ints or columns): the tax on long-term gains of a year whose standard
    deduction is not known needs more of them than the 2025 deduction, which indexing never lowers."""
    if step == "capital_gains_tax":
        return x["p1_long_term_gains"] + x["p2_long_term_gains"] > _DEDUCTION_2025
    return True
