"""The state taxes of a household file's year: its state of residence, its income by person and
kind from the file and the year's moves, and what the result must say about them.

How the state's tax meets the federal return (IRC §164): the federal itemized deduction for
state and local taxes is the amount the file gives (``itemized_deductions.state_local_taxes``,
what was paid during the year: withholding, estimated payments, last year's balance), under the
SALT cap. It is not the state tax rothroute computes for the year: an individual on the cash
method deducts taxes in the year they are paid (26 CFR §1.164-1(a), §1.461-1(a)(1)), and this
year's state tax is paid partly next year. The same holds for Form 8960 line 9b, which
rothroute does not take (``niit_state_tax_deduction_not_modelled`` when it could matter).
"""

from __future__ import annotations

from typing import Any

from rothroute.errors import Issue
from rothroute.household.model import Household
from rothroute.params.states import StateYear
from rothroute.state import StateTax, state_tax
from rothroute.state.inputs import inputs_from_household
from rothroute.tax.federal import FederalTax
from rothroute.vocab import JURISDICTIONS, Severity


def household_state_tax(h: Household, federal: FederalTax, ira: Any | None,
                        year_params: StateYear | None = None) -> StateTax | None:
    """The state of residence's taxes on the year (None when the file names no state). ``ira``:
    the year's moves (``moves.ira.IraYear``), or None for the year without them; ``year_params``:
    the state's parameters projected for a plan's year the file does not give (see ``state_tax``)."""
    code = h.state_in(h.tax_year)
    if code is None:
        return None
    moves = deferrals = None
    if ira is not None:
        moves = {p.id: ira.retirement_income(p.id) for p in h.people}
        deferrals = {p.id: ira.people[p.id].pretax_deferrals for p in h.people}
    inputs = inputs_from_household(h, code, federal.values, moves=moves, deferrals=deferrals)
    return state_tax(inputs, year_params if year_params is not None and year_params.state == code else None)


def state_issues(h: Household, federal: FederalTax, state: StateTax | None) -> list[Issue]:
    """The state's own issues, and what the household's year adds: a move between states, and the
    NIIT's deduction for state income tax not taken."""
    if state is None:
        return []
    out = list(state.issues)
    moved = h.moved_in(h.tax_year)
    if moved is not None:
        before, after = moved
        out.append(Issue(
            severity=Severity.WARNING, code="part_year_residence_not_modelled", where="residence",
            message=(f"The household moves from {JURISDICTIONS[before]} to {JURISDICTIONS[after]} in {h.tax_year}: it "
                     f"is taxed as a resident of {JURISDICTIONS[after]} for the whole year (its state on December 31); "
                     f"part-year returns, and {JURISDICTIONS[before]}'s tax on the months before the move, are not "
                     "modelled."),
            cites=()))
    itemizes = federal.values["f1040.12"] != federal.values["f1040.12.standard"]
    if itemizes and federal.values["f8960.17"] and state.income_tax:
        out.append(Issue(
            severity=Severity.WARNING, code="niit_state_tax_deduction_not_modelled", where="tax.niit",
            message=("The return itemizes and owes the net investment income tax: the part of state income tax "
                     "allocable to investment income (Form 8960 line 9b) is not deducted, so the NIIT shown may be "
                     "a little high."),
            cites=("IRC §1411(c)(1)(B)", "26 CFR §1.1411-4(f)(3)(iii)", "Form 8960 line 9b")))
    return out
