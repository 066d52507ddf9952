"""New Hampshire: no tax on wages; the interest and dividends tax of RSA 77 (3% for 2024, repealed
for taxable periods beginning after December 31, 2024)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

LINES = {
    "no_income_tax": ("No tax on wages or other earned income", (), (), ("no_income_tax",)),
    "interest_dividends": ("Interest and ordinary dividends received", ("RSA 77:4", "Form DP-10"),
                           ("f1040.2b", "f1040.3b"), ("interest_dividends",)),
    "exemptions": ("Exemptions: each person on the return, plus each 65 or older and each blind",
                   ("RSA 77:5", "Form DP-10"), (), ("interest_dividends",)),
    "taxable_income": ("Taxable interest and dividends", ("RSA 77:4", "Form DP-10"),
                       ("interest_dividends", "exemptions"), ("interest_dividends",)),
    "tax": ("Interest and dividends tax", ("RSA 77:1", "Form DP-10"), ("taxable_income",), ("interest_dividends",)),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"no_income_tax": x["federal_agi"] * 0}
    if "interest_dividends.rate" not in p:  # repealed
        out["tax"] = out["no_income_tax"]
        return out
    received = f.household_sum(x, ("interest", "dividends"))
    people, aged, blind = chain.counts(x, p["interest_dividends.age"])
    exemptions = (people * p["interest_dividends.exemption"] + aged * p["interest_dividends.aged"]
                  + blind * p["interest_dividends.blind"])
    out["interest_dividends"] = received
    out["exemptions"] = exemptions
    out["taxable_income"] = ops.mx(received - exemptions, 0)
    out["tax"] = times(out["taxable_income"], p["interest_dividends.rate"])
    return out


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    if "interest_dividends" not in values:
        return []
    out = common.exempt_interest_note(inputs, "RSA 77:4")
    if values["tax"] and any(p.age < 65 for p in inputs.people):
        out.append(("state_rule_not_modelled", "New Hampshire's additional $1,200 exemption for a person under 65 "
                    "who is disabled and unable to work is not taken (the file has no input for it).", ("RSA 77:5",)))
    return out

