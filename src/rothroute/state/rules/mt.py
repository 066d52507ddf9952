"""Montana (Mont. Code Ann. §15-30-2103, §15-30-2120, from 2024): federal taxable income less $5,500
(indexed) for each person 65 or older; the net long-term capital gain is taxed apart at 3% where,
on top of the other taxable income, it stays within the 4.7% bracket and 4.1% above it; the rest
at 4.7% and the top rate. Pensions, IRA distributions, Roth conversions and the Social Security
the federal return taxes are all in federal taxable income (the partial pension and IRA exemption
and the senior interest exemption were repealed from 2024).

The net long-term capital gain is the smaller of the household's net long-term gain and its net
capital gain (nothing when either is not a gain), no more than Montana taxable income."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_CG = ("Mont. Code Ann. §15-30-2103(2)", "Form 2, net long-term capital gains tax worksheet")
LINES = {
    "start": ("Federal taxable income, where the Montana return starts", ("Form 1040 line 15", "Form 2 line 1"),
              ("f1040.15",), ("start",)),
    "senior_subtraction": ("Subtraction for each person 65 or older", ("Mont. Code Ann. §15-30-2120",),
                           ("people",), ("senior_subtraction",)),
    "taxable_income": ("Montana taxable income", ("Mont. Code Ann. §15-30-2120",),
                       ("start", "senior_subtraction"), ()),
    "net_capital_gain": ("Net long-term capital gain taxed at the capital gains rates (no more than taxable income)",
                         _CG, ("people", "taxable_income"), ("capital_gains_rates",)),
    "ordinary_tax": ("Tax on the taxable income other than the net long-term capital gain, 4.7% and the top rate",
                     ("Mont. Code Ann. §15-30-2103(1)",), ("taxable_income", "net_capital_gain"), ("brackets",)),
    "gains_tax": ("Tax on the net long-term capital gain: 3% within the 4.7% bracket, 4.1% above", _CG,
                  ("net_capital_gain", "taxable_income"), ("capital_gains_rates", "brackets")),
    "tax_before_credits": ("Montana income tax", ("Form 2",), ("ordinary_tax", "gains_tax"), ()),
    "credits": chain.LINES["credits"],
    "tax": chain.LINES["tax"],
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    start = chain.start(ops, x, p, out)
    senior = 0
    if "senior_subtraction.amount" in p:  # refused for the year (not_in_force): none taken
        _, aged, _ = chain.counts(x, p["senior_subtraction.age"])
        senior = aged * p["senior_subtraction.amount"]
    out["senior_subtraction"] = senior + start * 0
    taxable = ops.mx(start - senior, 0)
    out["taxable_income"] = taxable
    long_ = f.household_sum(x, ("long_term_gains",))
    net = ops.mx(ops.mn(long_, long_ + f.household_sum(x, ("short_term_gains",))), 0)
    gains = ops.mn(net, taxable)
    out["net_capital_gain"] = gains
    ordinary = taxable - gains
    out["ordinary_tax"] = chain.rate(ops, ordinary, p)
    room = ops.mx(p["brackets.over"][1] - ordinary, 0)  # what is left of the 4.7% bracket
    low = ops.mn(room, gains)
    out["gains_tax"] = times(low, p["capital_gains_rates.low"]) + times(gains - low, p["capital_gains_rates.high"])
    out["tax_before_credits"] = out["ordinary_tax"] + out["gains_tax"]
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "Mont. Code Ann. §15-30-2120", "Form 2 additions")
    if common.has(inputs, "pension", "plan"):
        out.append(("state_rule_not_modelled",
                    "Montana lets some retirees subtract part of their military retirement pay (S.B. 104 (2023)); "
                    "the file does not say whose pension is military, so all pension and plan income is taxed here.",
                    ("Mont. Code Ann. §15-30-2120",)))
    return out


def needs(step: str, x: Mapping[str, Any], ops: Any) -> Any:
    """The senior subtraction, where a year refuses it, matters only to a household with someone 65 or older."""
    if step == "senior_subtraction":
        _, aged, _ = chain.counts(x, 65)
        return aged > 0
    return True
