"""The result of evaluating a household file (the ``rothroute evaluate --json`` contract)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rothroute.errors import Issue
from rothroute.explain import Line
from rothroute.household.model import Household
from rothroute.money import as_number
from rothroute.roth_ira import FIVE_YEAR_CITES, five_year_start, qualified_at_year_end
from rothroute.tax.federal import FederalTax, federal_tax, inputs_from_household
from rothroute.vocab import IRA_KINDS, PLAN_KINDS, AccountKind, Severity


@dataclass(frozen=True, slots=True, kw_only=True)
class Evaluation:
    household: Household
    tax: FederalTax
    without_moves: FederalTax
    issues: tuple[Issue, ...]
    moves: tuple[dict[str, Any], ...]

    @property
    def cost_of_moves(self) -> int:
        return self.tax.total_tax - self.without_moves.total_tax

    def lines(self) -> tuple[Line, ...]:
        out = list(self.tax.lines())
        out.append(Line(key="tax.cost_of_moves", value=self.cost_of_moves,
                        label="Cost of the moves: total tax less the total tax of the same year without them",
                        cites=("Form 1040 line 24",), inputs=("total_tax", "without_moves.total_tax")))
        for p in self.household.people:
            out.append(Line(key=f"people.{p.id}.f8606.14", value=p.ira_basis,
                            label=f"{p.id}: basis in traditional IRAs carried to next year",
                            cites=("IRC §408(d)(2)", "Form 8606 line 14"), inputs=(f"people.{p.id}.ira_basis",)))
        return tuple(out)

    def to_json(self) -> dict[str, Any]:
        h = self.household
        tax = self.tax.to_json()
        tax["without_moves"] = self.without_moves.to_json()
        tax["cost_of_moves"] = as_number(self.cost_of_moves)
        return {
            "format": 1,
            "tax_year": h.tax_year,
            "issues": [i.to_json() for i in self.issues],
            "moves": list(self.moves),
            "people": {p.id: _person_json(h, p) for p in h.people},
            "tax": tax,
            "accounts_end": {a.id: _account_json(a) for a in h.accounts},
            "lines": [line.to_json() for line in self.lines()],
        }


def _person_json(h: Household, p: Any) -> dict[str, Any]:
    start = five_year_start(p)
    roth_value = sum(a.value for a in h.accounts if a.owner == p.id and a.kind is AccountKind.ROTH_IRA)
    layers = p.roth_ira.conversions
    basis = p.roth_ira.contributions + sum(x.taxable + x.nontaxable for x in layers)
    return {
        "form_8606": {"14": as_number(p.ira_basis)},
        "roth_ira_qualified": qualified_at_year_end(p, h.tax_year, start),
        "roth_ira_five_year_start": start,
        "ira_basis_end": as_number(p.ira_basis),
        "roth_ira_end": {
            "contributions": as_number(p.roth_ira.contributions),
            "earnings": as_number(roth_value - basis),
            "conversions": [{"year": x.year, "taxable": as_number(x.taxable), "nontaxable": as_number(x.nontaxable)}
                            for x in layers],
        },
        "cites": list(FIVE_YEAR_CITES),
    }


def _account_json(a: Any) -> dict[str, Any]:
    if a.kind in PLAN_KINDS and a.sources is not None:
        s = a.sources
        return {"value": as_number(s.total), "pretax": as_number(s.pretax),
                "after_tax": {"contributions": as_number(s.after_tax_contributions),
                              "earnings": as_number(s.after_tax_earnings)},
                "roth": {"contributions": as_number(s.roth_contributions), "earnings": as_number(s.roth_earnings)}}
    out: dict[str, Any] = {"value": as_number(a.value)}
    if a.kind in IRA_KINDS and a.december_31_value is not None:
        out["december_31_value"] = as_number(a.december_31_value)
    return out


def evaluate(h: Household) -> Evaluation:
    """Federal tax of the household-year; moves are refused until the moves engine handles them."""
    issues: list[Issue] = []
    moves: list[dict[str, Any]] = []
    for i, move in enumerate(h.moves):
        issues.append(Issue(severity=Severity.ERROR, code="move_not_supported", where=f"moves[{i}]",
                            message=f"The move '{move.get('move')}' is not evaluated by this version; "
                                    "it changed nothing.", cites=()))
        moves.append({"index": i, "permitted": False, "taxable": 0, "nontaxable": 0, "additional_tax": 0,
                      "withholding": 0, "forms_1099r": []})
    base = federal_tax(inputs_from_household(h))
    issues.extend(base.issues)
    return Evaluation(household=h, tax=base, without_moves=base, issues=tuple(issues), moves=tuple(moves))
