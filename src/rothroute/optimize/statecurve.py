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

import dataclasses
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
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

TABLES = ("tax_table.below", "rate_table_tax_table.below")
"""The parameters under which a state's form reads the tax from a table of rows (``state/tables.py``; Arkansas's
regular income tax table, ``state/rules/ar.py``): each row the schedule at the row's middle, to the dollar. A
year's curve follows the schedule on the income itself (``smooth``), as the federal curve follows the rate
schedule, not the IRS Tax Table: a staircase of $3-$5 steps every $50 or $100 made every step a fall in slope (a
binary each), and the solver found no plan for Rhode Island, Wisconsin or Arkansas households in 20 s. The engine
keeps the table; the model is then within ``table_allowance`` of it."""

KINDS = ("ira", "conversion", "plan")  # the kinds of taxable retirement money state rules tell apart

Split = tuple[tuple[str, str, float], ...]  # (person id, kind, share of x)


@dataclass(frozen=True, slots=True, kw_only=True)
class StateSpec:
    """What a year's curve needs of its state: the year's parameters (the file's, or projected)
    and how ``x`` is split among the people and kinds."""

    year: StateYear
    split: Split
    # the first dollars of x, each person's and kind's (person id, kind, cents): the RMDs a plan takes in cash, which
    # do not move with x; ``rest`` then shares the rest of x (x below them: each its part of x); ``split`` is still
    # the whole split, to compare with another (``with_fixed``)
    fixed: tuple[tuple[str, str, int], ...] = ()
    rest: Split = ()
    # amounts of x (cents) the curve passes through exactly (sampled and kept): the plan's own x in a year whose
    # curve, priced on the plan's split, was still off the engine's there (``plan``); a curve follows the tax
    # within its noise, and a dollar of the state's rounding beside it can be more than the dollar allowed
    pins: tuple[int, ...] = ()


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
        self.params = smooth(picked(spec.year, h.filing_status))
        zeros = dict.fromkeys([k for k in FEDERAL_KEYS.values() if k] + ["f1040.12", "f1040.12.standard"], 0)
        inputs = inputs_from_household(h, code, zeros)
        self.base = inputs.as_mapping()
        self.locality = locality_index(spec.year, inputs.locality)
        self.base["locality"] = self.locality
        ids = [p.id for p in h.people][:len(inputs.people)]
        self.who = {pid: PEOPLE[i] for i, pid in enumerate(ids)}
        # money of a person no longer on the return (a split from another year) goes to the first one's
        shares = spec.rest if spec.fixed else spec.split
        self.adds = [(f"{self.who.get(pid, 'p1')}_{kind}", share) for pid, kind, share in shares if share > 0]
        self.fixed = [(f"{self.who.get(pid, 'p1')}_{kind}", cents) for pid, kind, cents in spec.fixed if cents > 0]

    def with_split(self, split: Split) -> StatePart:
        return StatePart(self.household, StateSpec(year=self.spec.year, split=split))  # (no fixed dollars)

    def tax(self, ops: Any, federal: Mapping[str, Any], xs: Any) -> Any:
        """The state's taxes (cents) at each of ``xs`` (cents), ``federal``: the federal lines there."""
        return self.priced(ops, self.columns(federal, xs), len(xs))

    def columns(self, federal: Mapping[str, Any], xs: Any) -> dict[str, Any]:
        """The state's input columns at each of ``xs``: the household's, the federal lines and ``x`` split."""
        x = self.unsplit(federal, len(xs))
        self.split_into(x, xs, slice(None))
        return x

    def unsplit(self, federal: Mapping[str, Any], n: int) -> dict[str, Any]:
        """The state's input columns of ``n`` rows before ``x``: the household's and the federal lines (each a
        column of its own, to add ``x`` to)."""
        import numpy as np

        x: dict[str, Any] = {k: np.full(n, v, dtype=np.int64) for k, v in self.base.items()}
        for name, key in FEDERAL_KEYS.items():
            if key is not None:
                x[name] = np.broadcast_to(np.asarray(federal_line(federal, key), dtype=np.int64), (n,)).copy()
        x["federal_itemizes"] = np.broadcast_to(
            np.asarray(federal["f1040.12"] != federal["f1040.12.standard"], dtype=np.int64), (n,)).copy()
        return x

    def split_into(self, x: dict[str, Any], xs: Any, rows: Any) -> None:
        """``xs`` (the amounts of x of the columns' ``rows``) added to those rows, split among the people and kinds
        (the fixed dollars first, then the shares)."""
        import numpy as np

        left = np.asarray(xs, dtype=np.int64).copy()
        fixed = sum(cents for _, cents in self.fixed)
        for k, (field, cents) in enumerate(self.fixed):  # the fixed dollars first (x below them: each its part)
            part = left if k == len(self.fixed) - 1 and not self.adds else \
                np.minimum(np.asarray(xs, dtype=np.int64) * cents // fixed, cents)
            x[field][rows] = x[field][rows] + part
            left = left - part
        rest = left.copy()
        for k, (field, share) in enumerate(self.adds):
            part = left if k == len(self.adds) - 1 else (rest * share).astype(np.int64)
            x[field][rows] = x[field][rows] + part
            left = left - part if k < len(self.adds) - 1 else left

    def priced(self, ops: Any, x: Mapping[str, Any], n: int) -> Any:
        """The state's taxes of ``n`` rows of input columns (``columns``)."""
        import numpy as np

        values = self.rules.compute(ops, x, self.params)
        total = np.broadcast_to(np.asarray(values["tax"], dtype=np.int64), (n,))
        if "capital_gains_tax" in values:
            total = total + np.asarray(values["capital_gains_tax"], dtype=np.int64)
        if "local_income_tax" in values and self.locality:
            total = total + np.asarray(values["local_income_tax"], dtype=np.int64)
        return total


class SplitParts:
    """The state's part of one household-year under several splits at once (``StatePart`` each, the same year and
    parameters): ``tax``'s ``xs`` come in as many equal blocks, block ``k`` priced by ``parts[k]``; the columns of
    every block go through the state's rules in one pass, the same arithmetic row by row (``taxcurve._split_free``'s
    probes: one pass a year, not one a split)."""

    def __init__(self, parts: list[StatePart]) -> None:
        self.parts = parts

    def tax(self, ops: Any, federal: Mapping[str, Any], xs: Any) -> Any:
        n, k = len(xs), len(self.parts)
        assert n % k == 0
        size = n // k
        x = self.parts[0].unsplit(federal, n)  # (the household, the year and so these columns are every part's)
        for j, part in enumerate(self.parts):
            part.split_into(x, xs[j * size:(j + 1) * size], slice(j * size, (j + 1) * size))
        return self.parts[0].priced(ops, x, n)


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
    all of ``x`` one person's money of one kind, for each person on the return and each kind; and,
    on a return of two, ``x`` shared half and half between them, for each pair of kinds. The shared
    ones find a state whose allowance is each person's (New York's $20,000 pension and annuity
    exclusion a person, Tax Law §612(c)(3-a)): all of ``x`` to one person or to the other is taxed
    alike there, shared it is excluded twice."""
    ids = [p.id for p in h.people][:2]
    alone: list[Split] = [((pid, kind, 1.0),) for pid in ids for kind in KINDS]
    shared: list[Split] = [((ids[0], k1, 0.5), (ids[1], k2, 0.5)) for k1 in KINDS for k2 in KINDS] \
        if len(ids) == 2 else []
    return alone + shared


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


def smooth(params: Mapping[str, Any]) -> dict[str, Any]:
    """A state's picked parameters with its tax table's rows a cent wide (``TABLES``; Arkansas's a dollar, its
    table's rows being whole-dollar incomes): under the table's limit the schedule on the income itself, to the
    dollar; at and above it the form's worksheet, as the engine has it."""
    out = dict(params)
    if "tax_table.below" in out:
        out["tax_table.rows"] = ((0, 1),)
        out["tax_table.nil_below"] = 0
    if "rate_table_tax_table.below" in out:
        out["rate_table_tax_table.width"] = 100
    return out


def tolerance(code: str, year: int | None = None) -> float:
    """Dollars the model's state part may be from the engine's state tax: a dollar (the worksheets round
    to the dollar), five for a state whose tax is a staircase (``ROUGH``), and a dollar more than the most its
    tax table is from the schedule (``table_allowance``) for a state whose tax comes from a table's rows in
    ``year`` (None: the most of any year the state's file gives)."""
    if code in ROUGH:
        return 5.0
    return 1.0 + table_allowance(code, year) / 100


def table_allowance(code: str, year: int | None = None) -> int:
    """Cents: the most the state's tax from its table of rows (``TABLES``) is from the schedule on the income
    itself, in ``year`` as a plan has it (``state_year``; None: any year of the state's file; a year past them, the
    last), for any filing status: the engine's own formulas run on every whole dollar of income under the table's
    limit, with the table and without. About half a row's width at the top rate the table reaches, and the dollar
    rounding: Wisconsin's rows to $100 at 5.3% (Form 1 tax table) $3; Arkansas's $100 rows at 3.9% (AR1000F
    Regular Income Tax Table) $2; for 2025, Rhode Island's $50 rows at 4.75% (Form RI-1040 Tax Table) $2, Oregon's
    $5, South Carolina's $3, Oklahoma's and West Virginia's $2; 0 where no table applies (Oklahoma, Oregon, Rhode
    Island, South Carolina, Vermont and West Virginia print none for 2026: their files' ``tax_table``)."""
    from rothroute.params.states import state_file

    f = state_file(code)
    if f is None:
        return 0
    if year is None:
        return max((_allowance(code, y) for y in f.years), default=0)
    return _allowance(code, min(year, max(f.years)))  # (a year past the file: its last, as projected: the same rows)


@lru_cache(maxsize=None)
def _allowance(code: str, year: int) -> int:
    """``table_allowance`` of a year the state's file gives."""
    import numpy as np

    from rothroute.state import tables
    from rothroute.tax.ops import ArrayOps
    from rothroute.vocab import FilingStatus

    from rothroute.params.state_projection import state_year

    chosen, _ = state_year(code, year, Fraction(25, 1000))  # the year as a plan has it (a year given in part filled)
    if chosen is None:
        return 0
    ops, worst = ArrayOps(), 0
    for status in FilingStatus:
        try:
            p = picked(chosen, status)
        except (KeyError, ValueError):
            continue
        for key in TABLES:
            below = int(p.get(key, 0) or 0)
            if below <= 0:
                continue
            if key == "tax_table.below":
                def tax(income: Any, q: Mapping[str, Any]) -> Any:
                    return np.asarray(tables.table_tax(ops, income, q))
            else:
                from rothroute.state.rules.ar import _rate_table

                def tax(income: Any, q: Mapping[str, Any]) -> Any:
                    return np.asarray(_rate_table(ops, income, q))
            income = np.arange(100, below + 100, 100, dtype=np.int64)
            table, schedule = tax(income, p), tax(income, smooth(p))
            # (the schedule a dollar either side as well: a jump of the schedule, Arkansas's bracket adjustment of
            # $10 less each $100 from $95,001, falls a dollar apart in the table's rows of whole-dollar incomes, and
            # the curve keeps $25 clear of a jump, ``taxcurve._cliffs``)
            apart = np.minimum(np.abs(table - schedule), np.minimum(np.abs(table - tax(income - 100, smooth(p))),
                                                                    np.abs(table - tax(income + 100, smooth(p)))))
            worst = max(worst, int(apart.max()))
    return worst


def agrees_within(code: str, engine: Any, model: float, year: int | None = None) -> bool:
    """Whether the model's state part (dollars) is the engine's state tax (``StateTax``, None: not
    computed) within the state's tolerance."""
    if engine is None or engine.income_tax is None:
        return True
    return abs(engine.total / 100 - model) <= tolerance(code, year)


def split_moved(a: Split, b: Split, tolerance: float = 0.01) -> bool:
    """Whether two splits differ by more than ``tolerance`` of ``x`` in any person's kind."""
    da = {(p, k): s for p, k, s in a}
    db = {(p, k): s for p, k, s in b}
    return any(abs(da.get(key, 0.0) - db.get(key, 0.0)) > tolerance for key in set(da) | set(db))


SPLIT_EXACT = 1e-6  # a split moved at all (a dime of $100,000 moved to another person or kind)


def reprice(spec: StateSpec, curve: Any, split: Split, engine: Any, model: float) -> bool:
    """Whether a year's curve is priced again for ``split``, the split the engine found for the plan: where the
    probe found the year's tax depends on the split, once it has moved by more than the tolerance; and wherever
    the model's state part is not the engine's state tax (``engine``, a ``StateTax``) while the split moved at
    all (the probe is not a proof, and a hundredth of x moved to another person is dollars of tax)."""
    if not curve.split_free and split_moved(split, spec.split):
        return True
    return not agrees_within(spec.year.state, engine, model, spec.year.year) and \
        split_moved(split, spec.split, SPLIT_EXACT)


def people_shares(solution: Any, t: int) -> dict[str, dict[str, float]]:
    """Each person's (and plan pool's) share of year ``t``'s conversions and of its withdrawals beyond the RMDs in a
    plan (``model.Solution``), where there are any (less than a dollar counts as none). The withdrawals are the
    model's own (``Solution.draws``), not the plan's (``Solution.withdrawals`` count the RMD a QCD did not pay
    beside them, and held at those shares they forced a plan's money onto the wrong person). Which person draws
    the spending is a tie to the curve of x alone as much as which converts: left free, the rounds moved a year's
    withdrawal from one spouse's IRA to the other's and back (Kentucky's exclusion of each person's first $31,110,
    KRS 141.019; New York's $20,000, Tax Law §612(c)(3-a)), $74-$1,200 off the engine (bench/optimize_random.py,
    seeds 1, 21, 123 and 126)."""
    out = {}
    for kind, field in (("conversions", "conversions"), ("withdrawals", "draws")):
        per = {key: v[t] if v[t] >= 1 else 0.0 for key, v in getattr(solution, field).items()}
        total = sum(per.values())
        if total >= 1:
            out[kind] = {key: v / total for key, v in per.items()}
    return out


def with_fixed(spec: StateSpec, split: Split, total: int, fixed: Mapping[tuple[str, str], int]) -> StateSpec:
    """``spec`` with the split of a priced year (``split_of``: shares of ``total`` cents), as its first, fixed
    dollars (``fixed``, each at most the person's and kind's part of the total) and the shares of the rest."""
    dollars = {(p, k): share * total for p, k, share in split}
    held = {key: int(min(cents, dollars.get(key, 0.0))) for key, cents in fixed.items() if cents > 0}
    held = {key: v for key, v in held.items() if v > 0}
    rest = {key: v - held.get(key, 0) for key, v in dollars.items()}
    left = sum(v for v in rest.values() if v > 0)
    shares = tuple((p, k, v / left) for (p, k), v in rest.items() if v > 0) if left >= 100 else ()
    return dataclasses.replace(spec, split=split, fixed=tuple((p, k, v) for (p, k), v in held.items()), rest=shares)


def early_share(h: Household, spec: StateSpec | None) -> float:
    """The share of the federal additional tax on early distributions (IRC §72(t), Form 5329 line 4) that the year's
    state adds to its own tax (Arkansas: 10%, A.C.A. §26-51-414(c)); 0 elsewhere. The curve's federal lines carry
    no early distributions (the model prices that tax beside x, ``model.YearData.early_state``)."""
    if spec is None:
        return 0.0
    return float(picked(spec.year, h.filing_status).get("early_distribution_tax.share", 0.0))


def with_held(spec: StateSpec, split: Split, total: int, fixed: Mapping[tuple[str, str], int]) -> StateSpec:
    """``spec`` with the split of a priced year (``split_of``: shares of ``total`` cents) held: every person's
    dollars but the one's with the most of them fixed (the plan holds them, ``lock_of``), that one's fixed dollars
    (``fixed``, as ``with_fixed``) and the shares of the rest of x theirs."""
    dollars = {(p, k): share * total for p, k, share in split}
    by_person: dict[str, float] = {}
    for (p, _), v in dollars.items():
        by_person[p] = by_person.get(p, 0.0) + v
    last = max(by_person, key=lambda p: (by_person[p], p))
    held = {key: int(v) for key, v in dollars.items() if key[0] != last}
    held.update({key: int(min(cents, dollars.get(key, 0.0))) for key, cents in fixed.items() if key[0] == last})
    held = {key: v for key, v in held.items() if v > 0}
    rest = {key: v - held.get(key, 0) for key, v in dollars.items() if key[0] == last}
    left = sum(v for v in rest.values() if v > 0)
    shares = tuple((p, k, v / left) for (p, k), v in rest.items() if v > 0) if left >= 100 else \
        tuple((p, k, 1.0) for p, k in list(rest)[:1])
    return dataclasses.replace(spec, split=split, fixed=tuple((p, k, v) for (p, k), v in held.items()), rest=shares)


def lock_of(spec: StateSpec, constant: Mapping[tuple[str, str], int]) -> tuple[tuple[str, float], ...] | None:
    """The split ``spec`` (``with_held``) prices x on, as the taxable dollars out that a plan decides of each person
    whose dollars the spec holds (``model.YearData.split_lock``: (person id, dollars)): the spec's fixed dollars
    less ``constant`` (cents by person and kind, the ones no decision sets); the one person whose shares take the rest
    of x is free. None where there is nothing to hold: one person on the return, or a split with money other than
    the people's retirement money (the taxable account's gains)."""
    if any(kind not in KINDS for _, kind, _ in spec.split + spec.rest):
        return None
    free = {pid for pid, _, _ in spec.rest}
    owners = sorted(({pid for pid, _, _ in spec.split} | {pid for pid, _, _ in spec.fixed}) - free)
    if len(free) != 1 or not owners:
        return None
    return tuple((owner, (sum(cents for pid, _, cents in spec.fixed if pid == owner)
                          - sum(cents for (pid, _), cents in constant.items() if pid == owner)) / 100)
                 for owner in owners)
