"""The state's part of a year's tax curve (``taxcurve``): the state of residence's income tax,
tax on capital gains and local income tax, run by the state's own rule module (``state/rules``,
the formulas of the single-year engine) on the columns of federal figures the federal curve
computes, for each amount ``x`` of taxable retirement money.

A state may tax ``x`` by whose money it is and of what kind (an IRA distribution, a conversion,
a plan's payout: Pennsylvania, New York and others exclude some of them by age), where the
federal tax sees only the sum. The curve takes ``x`` as split among the people and the kinds by
``split`` (shares summing to 1): the split the plan's last round had (the first round: all
conversions, shared among the people by their pretax money). ``split_free`` probes whether the
year's state tax depends on the split at all; where it does, a plan whose round moved money
another way prices that year's curve again (``plan``), as it does the Form 8606 shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from rothroute.household.model import Household
from rothroute.params.states import StateYear
from rothroute.state import locality_index
from rothroute.state.inputs import FEDERAL_KEYS, FORM_8962_LINES, PEOPLE, federal_line, inputs_from_household
from rothroute.state.picked import picked
from rothroute.state.rules import module
from rothroute.vocab import AccountKind

ROUGH = {
    "NY": "the supplemental tax's phase-in fraction is taken to four places (Tax Law §601(d-1); Form IT-201 "
          "instructions, line 39), so New York's tax steps by up to a few dollars as income grows",
}
"""States whose tax is a staircase at the scale of dollars: their curves follow it within $5, not $1."""

KINDS = ("ira", "conversion", "plan")  # the kinds of taxable retirement money state rules tell apart

Split = tuple[tuple[str, str, float], ...]  # (person id, kind, share of x)


@dataclass(frozen=True, slots=True, kw_only=True)
class StateSpec:
    """What a year's curve needs of its state: the year's parameters (the file's, or projected)
    and how ``x`` is split among the people and kinds."""

    year: StateYear
    split: Split


class StatePart:
    """The state tax of one household-year as a function of ``x`` (columns), given the federal
    figures the state reads at each ``x``."""

    def __init__(self, h: Household, spec: StateSpec) -> None:
        code = h.state_in(h.tax_year)
        assert code is not None and code == spec.year.state
        from rothroute.params.states import state_file

        f = state_file(code)
        assert f is not None
        self.household, self.spec = h, spec
        self.rules = module(f.rules)
        self.params = picked(spec.year, h.filing_status)
        zeros = dict.fromkeys([k for k in FEDERAL_KEYS.values() if k] + ["f1040.12", "f1040.12.standard"], 0)
        inputs = inputs_from_household(h, code, zeros)
        self.base = inputs.as_mapping()
        self.locality = locality_index(spec.year, inputs.locality)
        self.base["locality"] = self.locality
        ids = [p.id for p in h.people][:len(inputs.people)]
        self.who = {pid: PEOPLE[i] for i, pid in enumerate(ids)}
        # money of a person no longer on the return (a split from another year) goes to the first one's
        self.adds = [(f"{self.who.get(pid, 'p1')}_{kind}", share) for pid, kind, share in spec.split if share > 0]

    def with_split(self, split: Split) -> StatePart:
        return StatePart(self.household, StateSpec(year=self.spec.year, split=split))

    def tax(self, ops: Any, federal: Mapping[str, Any], xs: Any) -> Any:
        """The state's taxes (cents) at each of ``xs`` (cents), ``federal``: the federal lines there."""
        import numpy as np

        n = len(xs)
        x: dict[str, Any] = {k: np.full(n, v, dtype=np.int64) for k, v in self.base.items()}
        for name, key in FEDERAL_KEYS.items():
            if key is not None:
                x[name] = np.broadcast_to(np.asarray(federal_line(federal, key), dtype=np.int64), (n,)).copy()
        x["federal_itemizes"] = np.broadcast_to(
            np.asarray(federal["f1040.12"] != federal["f1040.12.standard"], dtype=np.int64), (n,)).copy()
        left = np.asarray(xs, dtype=np.int64).copy()
        for k, (field, share) in enumerate(self.adds):
            part = left if k == len(self.adds) - 1 else (xs * share).astype(np.int64)
            x[field] = x[field] + part
            left = left - part if k < len(self.adds) - 1 else left
        values = self.rules.compute(ops, x, self.params)
        total = np.broadcast_to(np.asarray(values["tax"], dtype=np.int64), (n,))
        if "capital_gains_tax" in values:
            total = total + np.asarray(values["capital_gains_tax"], dtype=np.int64)
        if "local_income_tax" in values and self.locality:
            total = total + np.asarray(values["local_income_tax"], dtype=np.int64)
        return total


def wage_tax(code: str) -> bool:
    """Whether the state taxes income at large (not only interest and dividends, or capital gains:
    their taxes do not move with retirement money, and add no rounding to the curve)."""
    from rothroute.params.states import state_file

    f = state_file(code)
    return f is not None and not any("no_income_tax" in year for year in f.years.values())


def levies_nothing(code: str) -> bool:
    """Whether the state's rules levy no income tax of any kind (``state/rules/none``: AK, FL, NV, SD, TN,
    TX, WY): its part of every curve is 0 at every ``x``, so a curve need not compute it."""
    from rothroute.params.states import state_file

    f = state_file(code)
    return f is not None and f.rules == "none"


def federal_needed() -> tuple[str, ...]:
    """The federal lines a state part reads."""
    return tuple(k for k in FEDERAL_KEYS.values() if k and k not in FORM_8962_LINES) + ("f1040.12", "f1040.12.standard")


def alternatives(h: Household) -> list[Split]:
    """The splits that probe whether a year's state tax depends on whose money and which kind:
    all of ``x`` one person's money of one kind, for each person on the return and each kind."""
    ids = [p.id for p in h.people][:2]
    return [((pid, kind, 1.0),) for pid in ids for kind in KINDS]


def first_split(h: Household) -> Split:
    """The first round's split: conversions, shared among the people by their pretax money (IRAs
    and plans' pretax money), evenly where there is none."""
    money = {p.id: 0 for p in h.people}
    for a in h.accounts:
        if a.owner in money and a.kind is not AccountKind.ROTH_IRA:
            s = a.sources
            money[a.owner] += a.value if s is None else s.pretax
    total = sum(money.values())
    return tuple((pid, "conversion", (v / total) if total else 1 / len(money)) for pid, v in money.items())


def split_of(retirement_income: Mapping[str, Mapping[str, int]]) -> Split:
    """The split a priced year had: each person's taxable retirement income by kind, as shares
    of the year's total (``IraYear.retirement_income`` of each person)."""
    total = sum(v for kinds in retirement_income.values() for v in kinds.values() if v > 0)
    if total <= 0:
        return ()
    return tuple((pid, kind, v / total) for pid, kinds in retirement_income.items() for kind, v in kinds.items()
                 if v > 0)


def split_moved(a: Split, b: Split, tolerance: float = 0.01) -> bool:
    """Whether two splits differ by more than ``tolerance`` of ``x`` in any person's kind."""
    da = {(p, k): s for p, k, s in a}
    db = {(p, k): s for p, k, s in b}
    return any(abs(da.get(key, 0.0) - db.get(key, 0.0)) > tolerance for key in set(da) | set(db))
