"""Vermont (32 V.S.A. chapter 151; Form IN-111): federal AGI less the Social Security exemption
(in full up to the AGI threshold, less in proportion over the next $10,000) and the flat capital
gains exclusion (up to $5,000, at most 40% of federal taxable income); the standard deduction with
the additions for age and blindness; exemptions; the rate schedules (2024: from $75,000 as
printed), at least 3% of federal AGI above $150,000; the credit of 24% of the federal credit for
the elderly. Pensions, IRA money and Roth conversions are taxed in full."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times, times
from rothroute.state import chain
from rothroute.state.rules import common

_F = "Form IN-111"
LINES = {
    **chain.LINES,
    "social_security": ("Social Security exemption: the taxable benefits, in full up to the AGI threshold, less in "
                        "proportion over the next $10,000", ("32 V.S.A. §5830e", "Schedule IN-112"),
                        ("f1040.6b", "f1040.11"), ("social_security_phaseout",)),
    "capital_gain_exclusion": ("Capital gains exclusion: up to $5,000 of the net capital gain, at most 40% of federal "
                               "taxable income", ("32 V.S.A. §5811(21)(B)(ii)", "Schedule IN-153"),
                               ("people", "f1040.15"), ("capital_gain_exclusion",)),
    "agi": ("Vermont income after the exemption and exclusion", (_F + " line 3",),
            ("start", "social_security", "capital_gain_exclusion"), ("start",)),
    "tax_before_credits": ("Tax: the rate schedules, at least 3% of federal AGI above $150,000", (
        "32 V.S.A. §5822", _F + " line 8"), ("taxable_income", "f1040.11"),
        ("brackets", "tax_table", "tax_worksheet", "minimum_tax_on_agi")),
    "credits": ("Credit for the elderly: 24% of the federal credit", ("32 V.S.A. §5828b",), ("schr.22",),
                ("elderly_credit_share",)),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    fagi = chain.start(ops, x, p, out)
    over = ops.mn(ops.mx(fagi - p["social_security_phaseout.start"], 0), p["social_security_phaseout.range"])
    taxable_ss = x["federal_taxable_social_security"]
    out["social_security"] = taxable_ss - ratio_times(taxable_ss, over, p["social_security_phaseout.range"])
    long_term = x["p1_long_term_gains"] + x["p2_long_term_gains"]
    short_term = x["p1_short_term_gains"] + x["p2_short_term_gains"]
    net_gain = ops.mx(long_term + ops.mn(short_term, 0), 0)
    cap = times(ops.mx(x["federal_taxable_income"], 0), p["capital_gain_exclusion.taxable_share"])
    out["capital_gain_exclusion"] = ops.mn(ops.mn(net_gain, p["capital_gain_exclusion.flat"]), cap)
    agi = fagi - out["social_security"] - out["capital_gain_exclusion"]
    out["agi"] = agi
    taxable = ops.mx(agi - chain.deductions(ops, x, p, out), 0)
    out["taxable_income"] = taxable
    tax = chain.rate(ops, taxable, p)
    minimum = times(ops.mx(fagi, 0), p["minimum_tax_on_agi.rate"])
    out["tax_before_credits"] = ops.where(fagi > p["minimum_tax_on_agi.agi_over"], ops.mx(tax, minimum), tax)
    return chain.finish(ops, out, times(x["federal_elderly_credit"], p["elderly_credit_share.share"]))


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "32 V.S.A. §5811(21)(A)", "Schedule IN-112 Part I") + common.itemized_note(
        inputs, values, "32 V.S.A. §5811(21)(C)")
    taxable = values.get("taxable_income", 0)
    if values.get("tax") and (0 < taxable < 7_500_000 or inputs.year != 2024):
        out.append(("state_rule_not_modelled",
                    "Vermont takes the tax on taxable income under $75,000 from its tax tables and above it from rate "
                    "schedules with bases rounded to the dollar; the tables' rows (and the 2025 and 2026 printed "
                    "schedules) were not read, so the rate schedule is applied to the income itself, which can differ by a "
                    "dollar or two.", ("Vermont Tax Rate Schedules", "Form IN-111 line 8")))
    if common.has(inputs, "pension"):
        out.append(("state_rule_not_modelled",
                    "Vermont lets a retiree exempt civil service (CSRS) or military retirement instead of Social "
                    "Security; the file does not say where a pension comes from, so the Social Security exemption is "
                    "taken.", ("32 V.S.A. §5830e",)))
    if common.has(inputs, "long_term_gains"):
        out.append(("state_rule_not_modelled",
                    "Vermont's exclusion of 40% of gains on assets held more than three years (not publicly traded "
                    "stocks or bonds) is not modelled: the file does not say what was sold; the flat $5,000 exclusion "
                    "is taken.", ("32 V.S.A. §5811(21)(B)(ii)", "Schedule IN-153")))
    return out
