"""Arkansas (A.C.A. tit. 26, ch. 51): its own gross income, not federal AGI. Each person's wages,
interest, dividends, pensions, IRA and plan money, conversions and other income, with the gains of
Form AR1000D (half the net capital gain exempt, §26-51-815); Social Security is not gross income
(§26-51-404(b)). Each person exempts the first $6,000 of retirement benefits (§26-51-307): those of
employment-related plans and pensions at any age, IRA money only from 59½, together at most
$6,000. Less the standard deduction (§26-51-430), the tax is DFA's indexed rate table (rate times net
income less a subtraction, with the bracket adjustments above the threshold, §26-51-201(a); under
$100,001 through the AR1000F tax table: the rate table at the middle of the $100 row's whole-dollar
incomes, to the dollar), or the low income table by AGI where that is less (§26-51-301); then the personal tax credits ($29 a
person, $29 more from 65, $29 more for a person of 65 who claims no retirement exemption, the "65
Special", $29 for the blind) and the additional tax credit for qualified individuals (§26-51-501),
taken off the tax with 10% of the federal additional tax on early distributions added
(§26-51-414(c)).

A married couple may file separately on the same return (filing status 4): each spouse's own
income with half the jointly held, own gains with a $1,500 loss limit, own exemption and $2,410
($2,470) standard deduction, own tax on the rate table (no low income table), the personal credits
against the two taxes together (§26-51-501(a)(2)(A)(i)(b)) and each spouse's own qualified
individual credit. The couple pays the lower (what a preparer files). A person of 65 or older with
a little retirement income may be better off with the $29 credit than with the exemption: every
choice is priced and the lowest tax taken.
"""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import times
from rothroute.state import chain, formulas as f, tables
from rothroute.state.rules import common

_F = "Form AR1000F"
_SEPARATE = ("Form AR1000F filing status 4 (married filing separately on the same return)",
             "A.C.A. §26-51-501(a)(2)(A)(i)(b)")
# each person's income of these kinds is Arkansas gross income (gains apart, Form AR1000D)
_KINDS = ("wages", "interest", "dividends", "other", "pension", "ira", "conversion", "plan")

LINES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "capital_gains": ("Capital gains as Arkansas taxes them: half the net capital gain exempt, short-term gains "
                      "whole, a net loss down to $3,000", ("A.C.A. §26-51-815", "Form AR1000D"), ("people",),
                      ("capital_gains_exclusion",)),
    "gross_income": ("Arkansas gross income: wages, interest, dividends, retirement income, other income and the "
                     "gains (Social Security is not gross income)", ("A.C.A. §26-51-404", _F + " lines 8-23"),
                     ("people", "capital_gains"), ("start",)),
    "retirement_exemption": ("Retirement exemption: each person's first $6,000 of employment-related plans and "
                             "pensions at any age and of IRA money from 59½", ("A.C.A. §26-51-307",),
                             ("people",), ("source_retirement_exemption",)),
    "adjustments": ("Adjustments to income (the federal ones)", (_F + " line 24", "Form AR1000ADJ"),
                    ("f1040.10",), ()),
    "agi": ("Arkansas adjusted gross income", (_F + " line 25",),
            ("gross_income", "retirement_exemption", "adjustments"), ("start",)),
    "standard_deduction": ("Standard deduction", (_F + " line 26",), (), ("standard_deduction",)),
    "taxable_income": ("Net taxable income", (_F + " line 27",), ("agi", "standard_deduction"), ()),
    "regular_tax": ("Tax on the net taxable income by the rate table (from the tax table under $100,001)",
                    (_F + " line 28",), ("taxable_income",), ("rate_table", "rate_table_tax_table")),
    "low_income_tax": ("Tax by the low income table on the AGI (0 when the AGI is above the table)",
                       (_F + " line 28",), ("agi",), ("low_income_table",)),
    "tax_joint": ("Tax of the return (of a couple filing jointly): the lower of the rate table and the low income "
                  "table", (), ("regular_tax", "low_income_tax"), ()),
    "spouse_agi": ("The second spouse's Arkansas AGI when filing separately on the same return (own income, half "
                   "the joint)", _SEPARATE, ("people",), ("combined_separate",)),
    "tax_separate": ("Tax of the spouses filing separately on the same return (each spouse's net income on the rate "
                     "table)", _SEPARATE, ("agi", "spouse_agi"), ("combined_separate", "rate_table")),
    "tax_before_credits": ("Tax of the way of filing that costs least after credits", _SEPARATE,
                           ("tax_joint", "tax_separate"), ()),
    "additional_tax": ("Additional tax on early IRA and qualified plan withdrawals: 10% of the federal additional "
                       "tax", ("A.C.A. §26-51-414(c)", "IRC §72(t)", "Form 5329 line 4"), ("f5329.4",),
                       ("early_distribution_tax",)),
    "total_tax": ("Total tax before the credits", (_F,), ("tax_before_credits", "additional_tax"), ()),
    "personal_credits": ("Personal tax credits: $29 a person, $29 more from 65, $29 more for a person of 65 claiming "
                         "no retirement exemption, $29 for the blind", (_F + " line 7A",), ("people",),
                         ("personal_tax_credits",)),
    "qualified_individual_credit": ("Additional tax credit for qualified individuals: $60 a person less $5 a person "
                                    "for each $100 of net taxable income over the threshold", (),
                                    ("taxable_income",), ("qualified_individual_credit",)),
    "credits": ("Nonrefundable credits, not more than the tax", (), ("personal_credits", "qualified_individual_credit"),
                ()),
    "tax": ("Arkansas income tax after nonrefundable credits", (), ("total_tax", "credits"), ()),
}


def _gains(ops: Any, long_: Any, short: Any, p: Mapping[str, Any], limit: Any) -> Any:
    """Form AR1000D: the net capital gain (long-term gains over the short-term loss) taxed in part,
    none of it above the cap; a net short-term gain whole; a net loss down to ``limit``."""
    net = long_ - ops.mx(-short, 0)
    net = ops.mn(net, p["capital_gains_exclusion.exempt_over"])
    taxed = ops.where(net > 0, times(net, 1 - p["capital_gains_exclusion.excluded"]), net)
    return ops.mx(taxed + ops.mx(short, 0), -limit)


def _eligible(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], who: str) -> Any:
    """A person's retirement benefits the exemption may take, up to its cap."""
    later = f.person_sum(x, who, p["source_retirement_exemption.from_age"])
    old = x[f"{who}_age_halves"] >= int(2 * p["source_retirement_exemption.age"])
    income = f.person_sum(x, who, p["source_retirement_exemption.any_age"]) + ops.where(old, later, 0)
    return ops.mn(ops.mx(income, 0), p["source_retirement_exemption.cap"]) * x[f"{who}_present"]


def _rate_table(ops: Any, income: Any, p: Mapping[str, Any]) -> Any:
    """The rate table's row the income reaches: its rate times the income (to the cent) less its subtraction
    (``tables.rate_rows_value``: each distinct rate's product once, then one look-up of the row)."""
    rows = p["rate_table.rows"]
    tax = tables.rate_rows_value(ops, income, rows, lambda rate: times(income, rate))
    tax = ops.mx(tax, 0)
    if "rate_table_tax_table.below" not in p:
        return tax
    # the tax table: the rows at the middle of the row's whole-dollar incomes (width less $1, halved), exactly
    # (in 1/1000 cents: every rate is in thousandths), rounded half up to the dollar
    width = p["rate_table_tax_table.width"]
    middle = income // width * width + (width - 100) // 2
    table = tables.whole_dollars(ops.mx(tables.worksheet_scaled(ops, middle, rows, 1000), 0), 1000)
    return ops.where(income < p["rate_table_tax_table.below"], table, tax)


def _low_income(ops: Any, agi: Any, p: Mapping[str, Any]) -> tuple[Any, Any]:
    """The low income table's tax on ``agi`` (the amount of the last row whose figure it is over) and whether
    the table applies."""
    amount = ops.step(agi, p["low_income_table.over"], (0, *p["low_income_table.amounts"]), strict=True)
    return amount, agi <= p["low_income_table.none_above"]


def _qualified(ops: Any, taxable: Any, people: Any, p: Mapping[str, Any]) -> Any:
    steps = f.ceil_div(ops.mx(taxable - p["qualified_individual_credit.over"], 0), p["qualified_individual_credit.step"])
    each = ops.mx(p["qualified_individual_credit.amount"] - steps * p["qualified_individual_credit.less"], 0)
    return each * people


def _shared(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    """What every choice of who claims the retirement exemption has alike: the people, the gains and gross income,
    the additional tax, and each spouse's own income and adjustments for filing separately."""
    age = p["personal_tax_credits.age"]
    half = x["federal_adjustments"] // 2
    gains = _gains(ops, f.household_sum(x, ("long_term_gains",)), f.household_sum(x, ("short_term_gains",)), p,
                   p["capital_gains_exclusion.loss_limit"])
    return {
        "old": [(x[f"{who}_age"] >= age) * x[f"{who}_present"] for who in f.PEOPLE],
        "people": x["p1_present"] + x["p2_present"],
        "blind": x["p1_blind"] * x["p1_present"] + x["p2_blind"] * x["p2_present"],
        "gains": gains,
        "gross_income": f.household_sum(x, _KINDS) + gains,
        # §26-51-414(c): 10% of the federal additional tax on early distributions, before the credits
        "additional": times(x["federal_additional_tax"], p["early_distribution_tax.share"]),
        # separately on the same return: each spouse's own income, gains and adjustments (half the joint)
        "mine": [f.person_sum(x, who, _KINDS) + _gains(ops, x[f"{who}_long_term_gains"], x[f"{who}_short_term_gains"],
                                                      p, p["capital_gains_exclusion.separate_loss_limit"])
                 for who in f.PEOPLE],
        "adjustments": [x["federal_adjustments"] - half, half],
    }


def _own(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], shared: Mapping[str, Any], i: int,
         exempt: Any) -> tuple[Any, Any, Any]:
    """A spouse filing separately on the same return, with ``exempt`` of retirement exemption: own AGI, own tax
    on the rate table (0 for a spouse not on the return) and own qualified individual credit."""
    present = x[f"{f.PEOPLE[i]}_present"]
    own = shared["mine"][i] - exempt - shared["adjustments"][i]
    own_taxable = ops.mx(own - p["combined_separate.each_standard_deduction"], 0)
    return own, _rate_table(ops, own_taxable, p) * present, _qualified(ops, own_taxable, present, p)


def _choice(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], claims: tuple[int, int],
            exempts: Mapping[tuple[int, int], Any], shared: Mapping[str, Any],
            own: Mapping[tuple[int, int], tuple[Any, Any, Any]]) -> dict[str, Any]:
    """The lines of one choice of who claims the retirement exemption (the others may take the "65 Special"):
    ``exempts[i, claim]`` each person's exemption, ``own[i, claim]`` each spouse's separate return (``_own``)."""
    out: dict[str, Any] = {}
    exempt = [exempts[i, claims[i]] for i in range(2)]
    special = 0
    aged = 0
    for i in range(2):
        aged = aged + shared["old"][i]
        special = special + shared["old"][i] * (exempt[i] == 0)
    people = shared["people"]
    personal = (people * p["personal_tax_credits.amount"] + aged * p["personal_tax_credits.aged"]
                + special * p["personal_tax_credits.aged_without_exemption"]
                + shared["blind"] * p["personal_tax_credits.blind"] + p["personal_tax_credits.filing_status"])
    # the return (joint, or the only one)
    out["capital_gains"] = shared["gains"]
    out["gross_income"] = shared["gross_income"]
    out["retirement_exemption"] = exempt[0] + exempt[1]
    out["adjustments"] = x["federal_adjustments"]
    agi = out["gross_income"] - out["retirement_exemption"] - out["adjustments"]
    out["agi"] = agi
    out["standard_deduction"] = p["standard_deduction"] + 0 * agi
    taxable = ops.mx(agi - p["standard_deduction"], 0)
    out["taxable_income"] = taxable
    regular = _rate_table(ops, taxable, p)
    low, applies = _low_income(ops, agi, p)
    out["regular_tax"] = regular
    out["low_income_tax"] = ops.where(applies, low, 0)
    joint = ops.where(applies, ops.mn(regular, low), regular)
    out["tax_joint"] = joint
    additional = shared["additional"]
    qualified_joint = _qualified(ops, taxable, people, p)
    after_joint = ops.mx(joint + additional - personal - qualified_joint, 0)
    # separately on the same return
    first, second = own[0, claims[0]], own[1, claims[1]]
    out["spouse_agi"] = second[0] * x["p2_present"]
    separate = 0 + first[1] + second[1]
    qualified_separate = 0 + first[2] + second[2]
    after_separate = ops.mx(separate + additional - personal - qualified_separate, 0)
    couple = x["p2_present"] > 0
    out["tax_separate"] = ops.where(couple, separate, joint)
    apart = couple & (after_separate < after_joint)
    out["tax_before_credits"] = ops.where(apart, separate, joint)
    out["additional_tax"] = additional + 0 * agi
    out["total_tax"] = out["tax_before_credits"] + out["additional_tax"]
    out["personal_credits"] = personal
    out["qualified_individual_credit"] = ops.where(apart, qualified_separate, qualified_joint)
    out["credits"] = ops.mn(personal + out["qualified_individual_credit"], out["total_tax"])
    out["tax"] = out["total_tax"] - out["credits"]
    return out


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    eligible = (_eligible(ops, x, p, "p1"), _eligible(ops, x, p, "p2"))
    shared = _shared(ops, x, p)
    # each person's exemption and separate return, claimed (1) or not (0): each figured once for the four choices
    exempts = {(i, claim): eligible[i] * claim for i in range(2) for claim in (1, 0)}
    own = {key: _own(ops, x, p, shared, key[0], exempt) for key, exempt in exempts.items()}
    best: dict[str, Any] | None = None
    for claims in ((1, 1), (0, 1), (1, 0), (0, 0)):  # every choice of who takes the "65 Special" instead
        lines = _choice(ops, x, p, claims, exempts, shared, own)
        if best is None:
            best = lines
            continue
        better = lines["tax"] < best["tax"]
        best = {key: ops.where(better, value, best[key]) for key, value in lines.items()}
    assert best is not None
    return best


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "A.C.A. §26-51-404") + common.itemized_note(
        inputs, values, "Form AR3 (itemized deductions)")
    if common.has(inputs, "interest"):
        out.append(("state_rule_not_modelled",
                    "Interest on direct obligations of the United States is exempt in Arkansas; the file does not tell "
                    "it apart, so all taxable interest is taxed here.", ("31 U.S.C. §3124(a)", _F + " instructions")))
    if common.has(inputs, "pension"):
        out.append(("state_rule_not_modelled",
                    "Military retired pay is exempt in Arkansas in full; the file's pension income is taken as an "
                    "employment-related pension (the first $6,000 a person exempt).",
                    ("Act 141 of 2017", "A.C.A. §26-51-307")))
    if common.has(inputs, "conversion"):
        out.append(("state_rule_not_modelled",
                    "A Roth conversion is taken as IRA benefits (exempt within the $6,000 only from 59½); a conversion "
                    "of employer plan money would count at any age.", ("A.C.A. §26-51-307(a)(2)", "IRC §408A(d)(3)")))
    if any(p.ira and p.age_halves < 119 for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "IRA money received before 59½ on account of the owner's death or disability is exempt within the "
                    "$6,000; the file does not say why it was paid, so none before 59½ is exempt here.",
                    ("A.C.A. §26-51-307(a)(2)(B)",)))
    if values.get("tax") and values.get("taxable_income", 0) < 10_000_000:
        out.append(("state_rule_not_modelled",
                    "Form AR1000F takes the tax from DFA's tax table for net taxable income under $100,000; rothroute "
                    "uses the rate table the tax table is built from, which can differ by a few dollars.",
                    (_F + " instructions, tax tables",)))
    return out
