"""Louisiana: federal AGI less exempt income (the Social Security benefits the federal return taxes,
each person's $6,000 of pension and annuity income from 65, $12,000 from 2025) is tax table income.

To 2024: taxed by the graduated rates, less the combined personal exemption-standard deduction and
the further exemptions (65 or older, blind) at the first bracket's rate (the tax tables build them
in so; none of these households' exemptions passes the first bracket). From 2025: the standard
deduction, then a flat 3%."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times
from rothroute.state import chain
from rothroute.state.rules import common

LINES = {
    **{k: chain.LINES[k] for k in ("start", "social_security", "retirement_exclusion", "standard_deduction")},
    "agi": ("Louisiana tax table income: federal AGI less exempt income", ("La. R.S. 47:293", "Form IT-540 line 9"),
            ("start", "social_security", "retirement_exclusion"), ("start",)),
    "taxable_income": ("Louisiana taxable income", ("Form IT-540",), ("agi", "standard_deduction"), ()),
    "exemptions": ("Combined personal exemption-standard deduction and the further exemptions (65 or older, blind)",
                   ("La. R.S. 47:294", "Form IT-540 line 6"), ("people",), ("la_exemptions",)),
    "tax_before_credits": ("Tax by the rates (to 2024: less the exemptions at the first bracket's rate)",
                           ("La. R.S. 47:32", "Form IT-540 line 10"), ("taxable_income", "exemptions"),
                           ("brackets", "flat_rate")),
    "credits": chain.LINES["credits"],
    "tax": chain.LINES["tax"],
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out)
    out["agi"] = agi
    taxable = ops.mx(agi - chain.deductions(ops, x, p, out), 0)
    out["taxable_income"] = taxable
    tax = chain.rate(ops, taxable, p)
    if "la_exemptions.age" in p:
        _, aged, blind = chain.counts(x, p["la_exemptions.age"])
        exemptions = (p["la_exemptions.combined"] + aged * p["la_exemptions.aged"]
                      + blind * p["la_exemptions.blind"])
        out["exemptions"] = exemptions
        tax = ops.mx(tax - ratio_times(exemptions, p["brackets.steps"][0], p["brackets.scale"]), 0)
    out["tax_before_credits"] = tax
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "La. R.S. 47:293") + common.itemized_note(
        inputs, values, "La. R.S. 47:293")
    if "exemptions" in values and values.get("tax"):
        out.append(("state_rule_not_modelled",
                    "Louisiana's Form IT-540 takes the tax from its tax table (rows of $250 of tax table income, the "
                    "exemptions built in); rothroute computes the rates exactly, which can differ by a few dollars.",
                    ("La. R.S. 47:294", "Louisiana Tax Table")))
    return out
