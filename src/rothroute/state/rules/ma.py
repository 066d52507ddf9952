"""Massachusetts (M.G.L. c.62): its own income by part, not federal AGI. Part B (wages, pensions,
IRA distributions and Roth conversions, other income) less the deduction for Social Security and
Medicare taxes withheld (7.65% of wages, at most $2,000 a person) and the exemptions; Part A
interest and dividends at 5% and short-term gains at 8.5%; Part C long-term gains at 5%;
capital losses net within the parts, up to $2,000 of them against interest and dividends; the 4%
surtax on taxable income over the threshold; no tax at or below the no-tax-status income, and
the limited income credit up to 1.75 times it. Social Security is not income (c.62 §2(a)(2)).

Readings: all interest is Part A (interest from Massachusetts banks is Part B, at the same 5%);
exemptions left over after Part B reduce Part A's 5% income, then its short-term gains, then the
long-term gains (the DOR's excess exemptions worksheet, Schedule B line 36 and Schedule D line 20);
Massachusetts AGI for no-tax status is the parts' income before deductions and exemptions, with
interest and dividends after the capital losses applied against them (the DOR's Massachusetts AGI
worksheet: Form 1 line 10, Schedule B line 35, Schedule D line 19)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_F1 = "Massachusetts Form 1"
LINES = {
    "part_b_income": ("Part B income: wages, pensions, IRA distributions and Roth conversions, other income",
                      ("M.G.L. c.62 §2(b)", _F1 + " lines 3-10"), ("people",), ()),
    "fica_deduction": ("Social Security and Medicare taxes withheld on wages, at most $2,000 a person",
                       ("M.G.L. c.62 §3(B)(a)(9)", _F1 + " line 12"), ("people",), ("ma_parts",)),
    "exemptions": ("Personal exemptions (with the additions for age and blindness)", ("M.G.L. c.62 §3(B)(b)",
                                                                                    _F1 + " line 2"), (),
                   ("ma_exemptions",)),
    "part_b_taxable": ("Part B taxable income", (_F1 + " line 19",), ("part_b_income", "fica_deduction",
                                                                     "exemptions"), ()),
    "part_a_income": ("Part A interest and dividends (less capital losses allowed against them and exemptions left)",
                      ("M.G.L. c.62 §2(b)(1)", "Schedule B"), ("f1040.2b", "f1040.3b"), ("ma_parts",)),
    "part_a_gains": ("Part A short-term capital gains", ("M.G.L. c.62 §2(b)(1)", "Schedule B"), ("people",),
                     ("ma_parts",)),
    "part_c_gains": ("Part C long-term capital gains (less exemptions still left)", ("M.G.L. c.62 §2(b)(3)",
                                                                                   "Schedule D lines 19-21"),
                     ("people", "exemptions"), ()),
    "taxable_income": ("Massachusetts taxable income (all parts)", (_F1,), ("part_b_taxable", "part_a_income",
                                                                           "part_a_gains", "part_c_gains"), ()),
    "surtax": ("4% surtax on taxable income over the threshold", ("Mass. Const. amend. art. XLIV",
                                                                  "M.G.L. c.62 §4(d)", _F1 + " line 28b"),
               ("taxable_income",), ("surtax",)),
    "tax_before_credits": ("Tax: 5% of Part B, Part A interest and dividends and Part C, 8.5% of Part A short-term "
                           "gains, and the surtax (none at or below the no-tax-status income)",
                           ("M.G.L. c.62 §4", "M.G.L. c.62 §5(a)", _F1 + " lines 22-28"),
                           ("part_b_taxable", "part_a_income", "part_a_gains", "part_c_gains", "surtax"),
                           ("ma_parts", "no_tax_status")),
    "agi": ("Massachusetts AGI for no-tax status and the limited income credit (interest and dividends after the "
            "capital losses applied against them)", (_F1 + " line 29", "Massachusetts DOR, Massachusetts AGI Worksheet "
                                                      "(Form 1 line 10, Schedule B line 35, Schedule D line 19)"),
            ("part_b_income", "part_a_income", "part_a_gains", "part_c_gains"), ()),
    "credits": ("Limited income credit: the tax above 10% of income over the no-tax-status income",
                ("M.G.L. c.62 §6(b)", _F1 + " line 29"), ("agi", "tax_before_credits"), ("no_tax_status",)),
    "tax": chain.LINES["tax"],
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    rate, short_rate = p["ma_parts.rate"], p["ma_parts.short_term_rate"]
    part_b = ops.mx(f.household_sum(x, ("wages", "pension", "ira", "conversion", "plan", "other")), 0)
    out["part_b_income"] = part_b
    fica = 0
    for w in f.PEOPLE:
        fica = fica + ops.mn(times(ops.mx(x[f"{w}_wages"], 0), p["ma_parts.fica_rate"]), p["ma_parts.fica_cap"])
    out["fica_deduction"] = fica
    people_, aged, blind = chain.counts(x, p["ma_exemptions.age"])
    exemptions = p["ma_exemptions.personal"] + aged * p["ma_exemptions.aged"] + blind * p["ma_exemptions.blind"]
    out["exemptions"] = exemptions
    b_after = part_b - fica
    part_b_taxable = ops.mx(b_after - exemptions, 0)
    left = ops.mx(exemptions - ops.mx(b_after, 0), 0)
    out["part_b_taxable"] = part_b_taxable
    short = f.household_sum(x, ("short_term_gains",))
    long_ = f.household_sum(x, ("long_term_gains",))
    short_net = ops.where(long_ < 0, ops.mx(short + long_, 0), ops.mx(short, 0))
    long_net = ops.where(short < 0, ops.mx(long_ + short, 0), ops.mx(long_, 0))
    loss = ops.mn(ops.mx(-(short + long_), 0), p["ma_parts.loss_against_interest"])
    interest = ops.mx(f.household_sum(x, ("interest", "dividends")) - loss, 0)
    a_income = ops.mx(interest - left, 0)
    left = ops.mx(left - interest, 0)
    a_gains = ops.mx(short_net - left, 0)
    # any excess left then comes off the long-term gains (Schedule D line 20; the DOR's excess
    # exemptions worksheet for Schedule B line 36 and Schedule D line 20)
    left = ops.mx(left - short_net, 0)
    long_taxable = ops.mx(long_net - left, 0)
    out["part_a_income"] = a_income
    out["part_a_gains"] = a_gains
    out["part_c_gains"] = long_taxable
    taxable = part_b_taxable + a_income + a_gains + long_taxable
    out["taxable_income"] = taxable
    surtax = times(ops.mx(taxable - p["surtax.over"], 0), p["surtax.rate"]) if "surtax.over" in p else taxable * 0
    out["surtax"] = surtax
    tax = times(part_b_taxable + a_income + long_taxable, rate) + times(a_gains, short_rate) + surtax
    # Massachusetts AGI worksheet: 5% income (Part B), Schedule B line 35 (interest and dividends
    # after the capital losses applied against them, plus net short-term gains) and Schedule D
    # line 19 (long-term gains, not less than 0), before deductions and exemptions
    agi = part_b + interest + short_net + long_net
    out["agi"] = agi
    threshold = p["no_tax_status.threshold"]
    tax = ops.where(agi <= threshold, 0, tax)
    out["tax_before_credits"] = tax
    limit = times(threshold, p["no_tax_status.credit_multiple"])
    limited = ops.mx(tax - times(ops.mx(agi - threshold, 0), p["no_tax_status.credit_rate"]), 0)
    return chain.finish(ops, out, ops.where((agi > threshold) & (agi <= limit), limited, 0))


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "M.G.L. c.62 §2(a)(1)(A)")
    if common.has(inputs, "ira", "conversion", "plan", "pension"):
        out.append(("state_basis_not_modelled",
                    "Massachusetts taxes a pension, IRA distribution or Roth conversion only on what exceeds the "
                    "contributions it already taxed, and excludes contributory government pensions; rothroute uses "
                    "the federally taxable amount.", ("M.G.L. c.62 §2(a)(2)(E)", "Massachusetts Form 1 line 4")))
    if common.has(inputs, "interest"):
        out.append(("state_rule_not_modelled",
                    "Interest from Massachusetts banks is Part B income less an exemption of $100 ($200 joint); the "
                    "file does not say which interest is, so all of it is taken as Part A interest (also at 5%), "
                    "without the exemption.", ("Massachusetts Form 1 line 5", "Schedule B line 5")))
    if any(p.age >= 65 for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "The refundable senior circuit breaker credit (property tax or rent) is not modelled; it is not "
                    "part of the income tax before refundable credits.", ("M.G.L. c.62 §6(k)",)))
    return out


def needs(step: str, x: Mapping[str, Any], ops: Any) -> Any:
    """Whether a refused step matters (ints or columns): the surtax threshold is at least $1,000,000,
    so below that much income the surtax is nothing whatever the year's threshold."""
    if step == "surtax":
        gains = f.household_sum(x, ("gains",))
        total = f.household_sum(x, ("wages", "pension", "ira", "conversion", "plan", "interest", "dividends",
                                    "other")) + (gains + abs(gains)) // 2
        return total > 100_000_000
    return True
