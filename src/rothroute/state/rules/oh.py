"""Ohio: federal AGI less taxable Social Security (Ohio AGI; the business income deduction and
other adjustments aside), personal exemptions by Ohio modified AGI, the tax table of R.C.
5747.02 (nothing up to $26,050), and the nonrefundable credits of the Schedule of Credits a
retired or working household meets: retirement income, senior citizen, exemption and joint filing.

Readings: Ohio modified AGI is taken as Ohio AGI (no business income); the retirement income and
senior citizen credits need modified AGI less exemptions (the Ohio income tax base, line 5) under
$100,000. Retirement income for the retirement income credit is what is 'received because of
retirement' (Ohio Department of Taxation FAQ): pensions, and IRA and plan distributions from 59½
(rothroute's test of retirement); a Roth conversion is not received because of retirement and is
left out (rothroute's reading, noted when it matters). The
joint filing credit counts each spouse's income other than interest, dividends and gains
(wages, pensions, IRA and plan money, conversions), the household's other income half each's.
"""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_CREDITS = ("R.C. 5747.055", "Ohio IT 1040 Schedule of Credits")
LINES = {
    "start": chain.LINES["start"],
    "social_security": chain.LINES["social_security"],
    "agi": ("Ohio adjusted gross income", ("R.C. 5747.01(A)", "Ohio IT 1040 line 3"), ("start", "social_security"),
            ("start",)),
    "exemptions": ("Personal exemptions: each person, by Ohio modified AGI", ("R.C. 5747.025", "Ohio IT 1040 line 4"),
                   ("agi",), ("exemption_tiers",)),
    "taxable_income": ("Ohio taxable income", ("Ohio IT 1040 line 5",), ("agi", "exemptions"), ()),
    "tax_before_credits": ("Tax from the Ohio table (nothing up to the first row)", ("R.C. 5747.02(A)",
                                                                                    "Ohio IT 1040 line 8a"),
                           ("taxable_income",), ("schedule",)),
    "retirement_credit": ("Retirement income credit, by the retirement income received because of retirement "
                          "(the Ohio income tax base under $100,000)",
                          _CREDITS, ("people", "agi"), ("ohio_credits",)),
    "senior_credit": ("Senior citizen credit (65 or older, the Ohio income tax base under $100,000)", _CREDITS, ("people", "agi"),
                      ("ohio_credits",)),
    "exemption_credit": ("Exemption credit for each exemption (Ohio taxable income under $30,000)",
                         ("R.C. 5747.022",) + _CREDITS[1:], ("taxable_income",), ("ohio_credits",)),
    "joint_credit": ("Joint filing credit: a share of the tax by Ohio taxable income, each spouse with $500 of "
                     "qualifying income, at most $650", ("R.C. 5747.05(E)",) + _CREDITS[1:],
                     ("taxable_income", "people"), ("ohio_credits",)),
    "credits": ("Nonrefundable credits", _CREDITS, ("retirement_credit", "senior_credit", "exemption_credit",
                                                    "joint_credit"), ()),
    "tax": ("Ohio income tax after nonrefundable credits", ("Ohio IT 1040 line 10",), ("tax_before_credits",
                                                                                      "credits"), ()),
}


def _table(ops: Any, amount: Any, rows: Any, exempt_to: Any) -> Any:
    tax = amount * 0
    for over, base, rate in rows:
        tax = ops.where(amount > over, base + times(amount - over, rate), tax)
    return ops.where(amount > exempt_to, tax, 0)


def _tier(ops: Any, amount: Any, rows: Any) -> Any:
    out = amount * 0
    for floor, value in rows:
        out = ops.where(amount >= floor, value, out)
    return out


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out)
    out["agi"] = agi
    people, aged, _ = chain.counts(x, p["ohio_credits.senior_age"])
    each = _tier(ops, agi, p["exemption_tiers.tiers"])
    out["exemptions"] = ops.where(agi > p["exemption_tiers.none_above"], 0, each * people)
    taxable = ops.mx(agi - out["exemptions"], 0)
    out["taxable_income"] = taxable
    tax = _table(ops, taxable, p["schedule.rows"], p["schedule.exempt_to"])
    out["tax_before_credits"] = tax
    retirement = 0
    for w in f.PEOPLE:  # received because of retirement: a pension, and IRA or plan money from 59½
        retirement = retirement + x[f"{w}_pension"] + ops.where(x[f"{w}_age_halves"] >= 119,
                                                                x[f"{w}_ira"] + x[f"{w}_plan"], 0)
    out["retirement_credit"] = ops.where(taxable < p["ohio_credits.retirement_limit"],
                                         _tier(ops, retirement, p["ohio_credits.retirement"]), 0)
    out["senior_credit"] = ops.where((aged > 0) & (taxable < p["ohio_credits.senior_limit"]),
                                     p["ohio_credits.senior"], 0)
    out["exemption_credit"] = ops.where(taxable < p["ohio_credits.exemption_below"],
                                        people * p["ohio_credits.exemption_credit"], 0)
    before_joint = ops.mx(tax - out["retirement_credit"] - out["senior_credit"] - out["exemption_credit"], 0)
    qualifying = [x[f"{w}_wages"] + f.person_sum(x, w, ("pension", "ira", "conversion", "plan", "other"))
                  for w in f.PEOPLE]
    joint = ((x["p2_present"] > 0) & (qualifying[0] >= p["ohio_credits.joint_min"])
             & (qualifying[1] >= p["ohio_credits.joint_min"]) & (agi <= p["ohio_credits.joint_limit"]))
    share = before_joint * 0
    for floor, rate in p["ohio_credits.joint"]:
        share = ops.where(taxable >= floor, times(before_joint, rate), share)
    out["joint_credit"] = ops.where(joint, ops.mn(share, p["ohio_credits.joint_cap"]), 0)
    credits = out["retirement_credit"] + out["senior_credit"] + out["exemption_credit"] + out["joint_credit"]
    return chain.finish(ops, out, credits)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "R.C. 5747.01(A)")
    out.append(("local_income_tax_not_modelled",
                "Ohio's municipal income taxes (on earned income) and school district income taxes (some on all "
                "Ohio taxable income, retirement income included) are not modelled, not included.",
                ("R.C. 718", "R.C. 5748")))
    if values.get("retirement_credit") is not None and values.get("tax_before_credits") and (
            common.has(inputs, "conversion") or any(p.age_halves < 119 and (p.ira or p.plan) for p in inputs.people)):
        out.append(("state_rule_not_modelled",
                    "Ohio's retirement income credit counts only retirement income received because of retirement: "
                    "rothroute counts pensions and IRA or plan money from 59½, not Roth conversions or earlier "
                    "withdrawals (its test; a retiree under 59½ may claim more).", ("R.C. 5747.055",
                    "Ohio Department of Taxation, Income - Retirement Income FAQ")))
    out += common.earned_income_credit_note(
        inputs, values, "Ohio's nonrefundable earned income credit (30% of the federal earned income credit, "
        "which rothroute does not compute) is not taken: a household claiming the federal credit owes less.",
        "R.C. 5747.71")
    return out

