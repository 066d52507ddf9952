"""``rothroute optimize``: the yearly Roth conversions that leave the most after-tax wealth at the
horizon, found by the mixed-integer program (``model``), then re-priced year by year by the exact
engine (``horizon``) beside the baselines, re-priced the same way.

What the plan decides in this version: each person's Roth conversions from the traditional, SEP
and SIMPLE IRAs each year. RMDs are taken every year they are due; employer plans are carried as
they are (their RMDs paid out); the household's other income grows with inflation. Withdrawals to
meet a spending need, rollovers and roll-ins are not chosen yet."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping, Sequence

from rothroute.household.model import Household
from rothroute.money import as_number
from rothroute.moves.ira import NON_ROTH_IRAS, required_minimums, rmd_period
from rothroute.optimize import model
from rothroute.optimize.baselines import baselines, with_roth_iras
from rothroute.optimize.horizon import MAX_YEARS, Assumptions, Pricer, Year, run, worth_at_end
from rothroute.optimize.taxcurve import tax_curve
from rothroute.tax.federal import MEDICARE_AGE
from rothroute.tax.picked import _table_key
from rothroute.vocab import AccountKind

MAX_ROUNDS = 8  # re-solves while the pro-rata shares settle
SETTLED = 100  # cents: conversions that move less than a dollar have settled


class OptimizeError(ValueError):
    """An input the optimizer cannot take; the message names it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Optimized:
    household: Household
    assumptions: Assumptions
    solution: model.Solution
    years: tuple[Year, ...]  # the plan re-priced by the engine
    baselines: dict[str, tuple[Year, ...]]
    rounds: list[dict[str, Any]]  # the pro-rata iteration: conversions and the largest change, per round

    def to_json(self) -> dict[str, Any]:
        a = self.assumptions
        worth = worth_at_end(self.years, a)
        from rothroute.params.projection import projection_notes

        years = []
        for y, model_tax, tier in zip(self.years, self.solution.tax, self.solution.irmaa_tier):
            ev = y.evaluation
            h = ev.household
            moves = h.moves
            conv = {p.id: as_number(sum(round(float(m["amount"]) * 100) for m in moves if m["move"] == "conversion"
                                        and _owner(h, m["from"]) == p.id)) for p in h.people}
            rmd = sum(round(float(m["amount"]) * 100) for m in moves if m["move"] in ("withdrawal", "distribution"))
            engine_tax = ev.tax.total_tax
            years.append({
                "year": h.tax_year, "projected": y.projected, "conversions": conv,
                "withdrawals": {}, "rmd": as_number(rmd),
                "agi": as_number(ev.tax.agi), "taxable_income": as_number(ev.tax.taxable_income),
                "federal_income_tax": round(model_tax, 2), "engine_federal_income_tax": as_number(engine_tax),
                "difference": round(engine_tax / 100 - model_tax, 2),
                "marginal_rate": _marginal(ev), "irmaa_tier": int(ev.tax.values["irmaa.tier"]),
                "model_irmaa_tier": tier,
                "balances": _balances(h),
            })
        return {
            "objective": {"name": "after_tax_wealth", "value": round(self.solution.objective, 2),
                          "engine_value": as_number(worth.after_tax), "worth": worth.to_json(),
                          "text": "Roth + basis + pretax money x (1 - heirs' rate) + the side fund, at the end "
                                  "of the last year, nominal dollars"},
            "solver": {"name": "HiGHS", "status": self.solution.status, "seconds": round(self.solution.seconds, 3),
                       "gap": self.solution.gap, "rounds": self.rounds},
            "assumptions": {**a.to_json(), "notes": projection_notes()},
            "years": years,
            "baselines": [{"name": name, "value": as_number(worth_at_end(ys, a).after_tax)}
                          for name, ys in self.baselines.items()],
        }


def _owner(h: Household, account_id: str) -> str:
    return next(a.owner for a in h.accounts if a.id == account_id)


def _marginal(ev: Any) -> float | None:
    """The top bracket rate reached by taxable income (Form 1040 line 15)."""
    params = ev.tax.params
    if params is None:
        return None
    taxable = int(ev.tax.values["f1040.15"])
    rate = 0.0
    for over, r in params.ordinary_brackets[str(ev.household.filing_status)]:
        if taxable > over:
            rate = float(r)
    return rate


def _balances(h: Household) -> dict[str, Any]:
    """January 1 balances by bucket (the plan's start of the year)."""
    pretax = sum(a.value for a in h.accounts if a.kind in NON_ROTH_IRAS)
    basis = sum(p.ira_basis for p in h.people)
    roth = sum(a.value for a in h.accounts if a.kind is AccountKind.ROTH_IRA)
    plans = sum(a.sources.total for a in h.accounts if a.sources is not None)
    return {"ira_pretax": as_number(pretax - basis), "ira_basis": as_number(basis), "roth_ira": as_number(roth),
            "employer_plans": as_number(plans)}


def _schedule(amounts: Mapping[str, Sequence[int]], start: int) -> Any:
    """A policy converting ``amounts[person][year index]`` cents, from that person's IRAs."""
    def policy(h: Household, price: Pricer) -> list[dict[str, Any]]:
        t = h.tax_year - start
        iras, _ = required_minimums(h)
        moves = []
        for pid, per_year in amounts.items():
            left = per_year[t] if t < len(per_year) else 0
            rmd = iras.get(pid, 0)
            roth = next(a for a in h.accounts if a.owner == pid and a.kind is AccountKind.ROTH_IRA)
            for a in sorted((a for a in h.accounts if a.owner == pid and a.kind in NON_ROTH_IRAS), key=lambda a: -a.value):
                available = a.value - min(rmd, a.value)
                rmd = max(0, rmd - a.value)
                take = min(left, available) // 100 * 100
                if take > 0:
                    moves.append({"date": f"{h.tax_year}-12-01", "move": "conversion", "from": a.id, "to": roth.id,
                                  "amount": take // 100})
                    left -= take
        return moves
    return policy


def _irmaa_costs(h: Household, table: Any) -> tuple[float, ...]:
    enrollees = sum(1 for p in h.people if h.tax_year + 2 - p.born.year >= MEDICARE_AGE)
    rows = table[_table_key(h.filing_status, h.lived_apart_all_year)]
    return tuple(12 * (float(b) + float(d)) / 100 * enrollees for _, _, b, d in rows)


def optimize(h: Household, years: int, assumptions: Assumptions, *, time_limit: float = 60.0,
             gap: float = 1e-4, with_baselines: bool = True) -> Optimized:
    """The plan; ``with_baselines=False`` skips pricing the yardsticks (for timing the solve)."""
    from rothroute.params.projection import year_params

    if not 1 <= years <= MAX_YEARS:
        raise OptimizeError(f"--years: expected 1 to {MAX_YEARS}; got {years}")
    if not Fraction(-1, 2) <= assumptions.growth <= Fraction(1, 2):
        raise OptimizeError(f"--growth: expected a yearly rate from -50% to 50%; got {float(assumptions.growth):.2%}")
    if not 0 <= assumptions.heirs_rate < 1:
        raise OptimizeError(f"--heirs-rate: expected a rate from 0 to under 100%; got {float(assumptions.heirs_rate):.2%}")
    h = with_roth_iras(dataclasses.replace(h, moves=()))
    if not any(a.kind in NON_ROTH_IRAS and a.value for a in h.accounts):
        raise OptimizeError("nothing to convert: the file has no traditional, SEP or SIMPLE IRA money")
    background = run(h, years, lambda hh, price: [], assumptions)  # no conversions: the years' incomes and plan RMDs
    g = 1 + float(assumptions.growth)
    people = []
    for p in h.people:
        ira = sum(a.value for a in h.accounts if a.owner == p.id and a.kind in NON_ROTH_IRAS) / 100
        roth = sum(a.value for a in h.accounts if a.owner == p.id and a.kind is AccountKind.ROTH_IRA) / 100
        divisors = tuple(None if (d := rmd_period(p, h.tax_year + t)) is None else float(d) for t in range(years))
        people.append(model.PersonStart(id=p.id, ira=ira, basis=p.ira_basis / 100, roth=roth, rmd_divisors=divisors))
    total_ira = sum(x.ira for x in people)
    data = []
    for t, y in enumerate(background):
        hh = y.evaluation.household
        yp, _ = year_params(hh.tax_year, assumptions.inflation)
        irmaa, _ = year_params(hh.tax_year + 2, assumptions.inflation)
        plan_moves = [i for i, m in enumerate(hh.moves) if m["move"] == "distribution"]
        fixed = sum(y.evaluation.ira.results[i].amount for i in plan_moves) / 100
        fixed_taxable = sum(y.evaluation.ira.results[i].taxable for i in plan_moves) / 100
        x_max = int((total_ira * g ** t + fixed) * 100 * 1.05) + 100_000
        curve = tax_curve(dataclasses.replace(hh, moves=()), yp, irmaa.irmaa, x_max)
        data.append(model.YearData(curve=curve, fixed_out=fixed, fixed_taxable=fixed_taxable,
                                   irmaa_costs=_irmaa_costs(hh, irmaa.irmaa)))
    end = worth_at_end(background, assumptions)
    ira_end = _ira_worth(background, assumptions)
    constant = (end.after_tax - end.fund - ira_end) / 100  # money outside the IRAs, the same in every plan
    rounds: list[dict[str, Any]] = []
    shares = {p.id: [1 - (p.basis / p.ira if p.ira else 0)] * years for p in people}
    previous: dict[str, list[int]] | None = None
    for _ in range(MAX_ROUNDS):
        data = [dataclasses.replace(d, taxable_share={pid: s[t] for pid, s in shares.items()}) for t, d in enumerate(data)]
        solution = model.solve(people, data, growth=assumptions.growth, heirs_rate=assumptions.heirs_rate,
                               time_limit=time_limit, gap=gap, constant=constant)
        amounts = {pid: [int(v * 100) for v in per_year] for pid, per_year in solution.conversions.items()}
        priced = run(h, years, _schedule(amounts, h.tax_year), assumptions)
        change = max((abs(a - b) for pid in amounts for a, b in zip(amounts[pid], (previous or {}).get(pid, [0] * years))),
                     default=0) if previous is not None else None
        rounds.append({"conversions": {pid: [as_number(v) for v in per_year] for pid, per_year in amounts.items()},
                       "largest_change": None if change is None else as_number(change)})
        if not any(p.basis for p in people) or (change is not None and change < SETTLED):
            break
        shares = _engine_shares(priced, shares)
        previous = amounts
    yardsticks = {name: run(h, years, policy, assumptions) for name, policy in baselines(h.tax_year).items()} \
        if with_baselines else {}
    return Optimized(household=h, assumptions=assumptions, solution=solution, years=priced, baselines=yardsticks,
                     rounds=rounds)


def _ira_worth(years: tuple[Year, ...], a: Assumptions) -> int:
    """The IRAs' part of the after-tax wealth at the end (cents): Roth IRAs, IRA basis, and the
    pretax IRA money at (1 - heirs' rate)."""
    from rothroute.optimize.rollforward import next_year

    h = next_year(years[-1].evaluation, growth=a.growth, inflation=a.inflation)
    roth = sum(x.value for x in h.accounts if x.kind is AccountKind.ROTH_IRA)
    iras = sum(x.value for x in h.accounts if x.kind in NON_ROTH_IRAS)
    basis = sum(p.ira_basis for p in h.people)
    kept = (iras - basis) * (1 - a.heirs_rate)
    return roth + basis + int(kept.numerator // kept.denominator)


def _engine_shares(priced: tuple[Year, ...], shares: dict[str, list[float]]) -> dict[str, list[float]]:
    """Each person's taxable share of IRA money out in each year of the re-priced plan: Form 8606
    line 10 is the basis over the IRAs' value (IRC §408(d)(2)), and as the pretax money grows while
    the basis does not, the share rises year by year whether or not anything is converted."""
    out = {pid: list(v) for pid, v in shares.items()}
    for t, y in enumerate(priced):
        h = y.evaluation.household
        for p in h.people:
            value = sum(a.value for a in h.accounts if a.owner == p.id and a.kind in NON_ROTH_IRAS)
            if p.id in out and value:
                out[p.id][t] = 1 - min(p.ira_basis, value) / value
    return out
