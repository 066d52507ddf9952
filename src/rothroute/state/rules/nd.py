"""North Dakota (N.D.C.C. §57-38-30.3): federal taxable income (Form 1040 line 15), less the taxable
Social Security, 40% of the net long-term capital gain and 40% of qualified dividends; the rate
schedule by filing status (0%, 1.95%, 2.5%); the marriage penalty credit on a joint return
(§57-38-01.28). No general retirement exclusion: pensions, IRA distributions and Roth conversions
are taxed as the federal return taxes them.

Readings: the net long-term capital gain is the smaller of the household's net long-term gain and
its net capital gain (nothing when either is not a gain; Form ND-1 line 6). A spouse's qualifying
income for the marriage penalty credit is their wages and their pensions, IRA and plan
distributions and Roth conversions (all in North Dakota taxable income; Social Security is
subtracted in full, so none of it counts).
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import Any, Mapping

from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_MPC = ("N.D.C.C. §57-38-01.28", "Form ND-1 instructions, Marriage Penalty Credit Worksheet")
LINES = {
    "start": ("Federal taxable income, where the North Dakota return starts", ("Form 1040 line 15",
                                                                              "Form ND-1 line 1"),
              ("f1040.15",), ("start",)),
    "social_security": chain.LINES["social_security"],
    "capital_gain_exclusion": ("40% of the net long-term capital gain", ("N.D.C.C. §57-38-30.3(2)(d)",
                                                                        "Form ND-1 line 6"),
                               ("people",), ("gains_exclusion",)),
    "dividend_exclusion": ("40% of qualified dividends", ("N.D.C.C. §57-38-30.3(2)(d)", "Form ND-1 line 13"),
                           ("people",), ("gains_exclusion",)),
    "taxable_income": ("North Dakota taxable income", ("Form ND-1 line 18",),
                       ("start", "social_security", "capital_gain_exclusion", "dividend_exclusion"), ()),
    "tax_before_credits": ("Tax by the rate schedule of the filing status", ("N.D.C.C. §57-38-30.3(1)",
                                                                             "Form ND-1 line 19"),
                           ("taxable_income",), ("brackets",)),
    "qualifying_income": ("Marriage penalty credit: the lesser-earning spouse's qualifying income (wages, "
                          "pensions, IRA and plan money)", _MPC, ("people",), ("marriage_credit",)),
    "credits": ("Marriage penalty credit: the joint tax less the single schedule's tax on the lesser-earning "
                "spouse's qualifying income (less the base) and on the rest, at most the maximum", _MPC,
                ("tax_before_credits", "taxable_income", "qualifying_income"), ("marriage_credit",)),
    "tax": ("North Dakota income tax after nonrefundable credits", ("Form ND-1 line 21",),
            ("tax_before_credits", "credits"), ()),
}

_QUALIFYING = ("pension", "ira", "conversion", "plan")


def _qualifying(ops: Any, x: Mapping[str, Any], who: str) -> Any:
    return (ops.mx(x[f"{who}_wages"], 0) + f.person_sum(x, who, _QUALIFYING)) * x[f"{who}_present"]


def _schedule(ops: Any, amount: Any, rows: Any) -> Any:
    rates = [Fraction(rate) for _, rate in rows]
    scale = lcm(*(r.denominator for r in rates))
    steps = [int((r - q) * scale) for r, q in zip(rates, (Fraction(0), *rates[:-1]))]
    return f.brackets_tax(ops, amount, [over for over, _ in rows], steps, scale)


def marriage_credit(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], lesser: Any, taxable: Any,
                    tax: Any) -> Any:
    """A marriage credit of the North Dakota and Minnesota kind: the joint tax less the tax of two
    single returns splitting the taxable income by the lesser-earning spouse's qualifying income
    (above a base), up to a maximum, for a couple over the thresholds (N.D.C.C. §57-38-01.28;
    Minn. Stat. §290.0677)."""
    own = ops.mx(lesser - p["marriage_credit.base"], 0)
    rows = p["marriage_credit.single"]
    separate = _schedule(ops, own, rows) + _schedule(ops, ops.mx(taxable - own, 0), rows)
    eligible = ((x["p2_present"] > 0) & (taxable > p["marriage_credit.taxable_income_over"])
                & (lesser > p["marriage_credit.qualified_income_over"]))
    return ops.where(eligible, ops.mn(ops.mx(tax - separate, 0), p["marriage_credit.max"]), 0)


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    start = chain.start(ops, x, p, out)
    subtracted = chain.subtractions(ops, x, p, out)
    long_ = f.household_sum(x, ("long_term_gains",))
    net = ops.mx(ops.mn(long_, long_ + f.household_sum(x, ("short_term_gains",))), 0)
    out["capital_gain_exclusion"] = f.flat_tax(net, p["gains_exclusion.long_term"])
    out["dividend_exclusion"] = f.flat_tax(ops.mx(f.household_sum(x, ("qualified_dividends",)), 0),
                                           p["gains_exclusion.qualified_dividends"])
    taxable = ops.mx(start - subtracted - out["capital_gain_exclusion"] - out["dividend_exclusion"], 0)
    out["taxable_income"] = taxable
    tax = chain.rate(ops, taxable, p)
    out["tax_before_credits"] = tax
    if "marriage_credit.max" not in p:  # refused for the year (not_in_force): no credit taken
        return chain.finish(ops, out, 0)
    lesser = ops.mn(_qualifying(ops, x, "p1"), _qualifying(ops, x, "p2"))
    out["qualifying_income"] = lesser
    return chain.finish(ops, out, marriage_credit(ops, x, p, lesser, taxable, tax))


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "N.D.C.C. §57-38-30.3(2)", "Form ND-1 Schedule ND-1SA")
    if common.has(inputs, "pension", "plan"):
        out.append(("state_rule_not_modelled",
                    "North Dakota subtracts military retirement pay (and some other public retirement benefits); "
                    "the file does not say whose pension is which, so all pension and plan income is taxed here.",
                    ("N.D.C.C. §57-38-30.3(2)", "Form ND-1 Schedule ND-1SA")))
    if inputs.year == 2026 and 0 < values.get("credits", 0) < 300:
        out.append(("state_rule_not_modelled",
                    "North Dakota's 2026 marriage penalty credit is figured by the statute (the 2026 worksheet was not "
                    "read): the worksheet screens out couples just over the points where the credit begins (by up to "
                    "$105 of income in 2023 and $61 in 2024 and 2025), so a credit this small may not be on the return.",
                    _MPC))
    return out


def needs(step: str, x: Mapping[str, Any], ops: Any) -> Any:
    """A refused marriage penalty credit matters only to a joint return on which both spouses have
    qualifying income (without it the credit is nil: the joint tax is never more than the single
    schedule's tax on the whole joint income)."""
    if step == "marriage_credit":
        q1 = (x["p1_wages"] > 0) | (f.person_sum(x, "p1", _QUALIFYING) > 0)
        q2 = (x["p2_wages"] > 0) | (f.person_sum(x, "p2", _QUALIFYING) > 0)
        return (x["p2_present"] > 0) & q1 & q2
    return True
