"""Hawaii (HRS ch. 235): federal AGI less Social Security and employer-funded pensions (at any age,
HRS §235-7(a)(3)); the standard deduction (no additions for age or blindness); $1,144 a person and
$1,144 more from 65, or $7,000 for a blind person in their place; the graduated schedule; and the
capital gains rate: the tax is no more than the schedule on the other income plus 7.25% of the net
capital gain (the net long-term gain over the net short-term loss; qualified dividends are ordinary
income in Hawaii)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

LINES = {
    **chain.LINES,
    "retirement_exclusion": ("Pensions for past services (employer-funded), excluded at any age",
                             ("HRS §235-7(a)(3)", "HAR §18-235-7-03"), ("people",), ("retirement_exclusion",)),
    "exemptions": ("Exemptions: $1,144 a person, $1,144 more from 65, or $7,000 for a blind person in their place",
                   ("HRS §235-54",), (), ("exemptions", "disability_exemption")),
    "net_capital_gain": ("Net capital gain: the net long-term gain over the net short-term loss, not more than "
                         "taxable income", ("IRC §1222(11)", "HRS §235-51(f)"), ("people", "taxable_income"),
                         ("capital_gains_rate",)),
    "tax_before_credits": ("Tax: the schedule, or the schedule on the other income plus 7.25% of the net capital "
                           "gain when less", ("HRS §235-51(f)", "Form N-11 Capital Gains Tax Worksheet"),
                           ("taxable_income", "net_capital_gain"), ("brackets", "capital_gains_rate")),
}


def _below(ops: Any, p: Mapping[str, Any], rate: Any) -> Any:
    """The taxable income the schedule taxes at rates below ``rate``: the start of the first bracket whose
    rate is ``rate`` or more (thresholds and steps may be columns, rows of different statuses)."""
    scale = p["brackets.scale"]
    cumulative = []
    total = 0
    for step in p["brackets.steps"]:
        total = total + step
        cumulative.append(total)
    floor = f.NEVER
    for over, reached in reversed(list(zip(p["brackets.over"], cumulative))):
        floor = ops.where(reached * rate.denominator >= rate.numerator * scale, over, floor)
    return floor


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out)
    out["agi"] = agi
    standard = p["standard_deduction"]
    out["standard_deduction"] = standard
    exemptions = 0
    for who in f.PEOPLE:
        aged = x[f"{who}_age"] >= p["exemptions.age"]
        usual = p["exemptions.personal"] + aged * p["exemptions.aged"]
        exemptions = exemptions + ops.where(x[f"{who}_blind"] > 0, p["disability_exemption.amount"], usual) * (
            x[f"{who}_present"])
    out["exemptions"] = exemptions
    taxable = ops.mx(agi - standard - exemptions, 0)
    out["taxable_income"] = taxable
    regular = chain.rate(ops, taxable, p)
    long_term = f.household_sum(x, ("long_term_gains",))
    short_term = f.household_sum(x, ("short_term_gains",))
    gain = ops.mn(ops.mx(long_term + ops.mn(short_term, 0), 0), taxable)
    out["net_capital_gain"] = gain
    # §235-51(f)(1): the schedule on the greater of the other income and the income taxed below 7.25%
    ordinary = ops.mx(taxable - gain, ops.mn(taxable, _below(ops, p, p["capital_gains_rate.rate"])))
    alternative = chain.rate(ops, ordinary, p) + times(taxable - ordinary, p["capital_gains_rate.rate"])
    out["tax_before_credits"] = ops.mn(regular, alternative)
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "HRS §235-2.3") + common.itemized_note(inputs, values, "HRS §235-2.4")
    if common.has(inputs, "pension"):
        out.append(("state_rule_not_modelled",
                    "The file's pension income is taken as a pension for past services funded by the employer, which "
                    "Hawaii does not tax; the part of a pension or annuity bought with the employee's own "
                    "contributions is taxed (Schedule J).", ("HRS §235-7(a)(3)", "HAR §18-235-7-03")))
    if common.has(inputs, "plan"):
        out.append(("state_rule_not_modelled",
                    "Employer-plan money is taxed here as the employee's own deferrals; the part attributable to the "
                    "employer's contributions (a match, profit sharing) is excluded in Hawaii (Schedule J), which the "
                    "file does not tell apart.", ("HRS §235-7(a)(3)", "HAR §18-235-7-03")))
    if any(p.blind for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "The $7,000 exemption for a blind person needs the physician's certification (Form N-172) and "
                    "takes the place of the personal and age exemptions; it is applied here to everyone the file says "
                    "is blind.", ("HRS §235-54(d)",)))
    if values.get("tax"):
        out.append(("state_rule_not_modelled",
                    "Form N-11 takes the tax from its tax table for the incomes the table covers; rothroute uses the "
                    "rate schedule, which can differ by a few dollars.", ("Form N-11 instructions, Tax Table",)))
    return out
