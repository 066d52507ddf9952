"""A plan's result (``Optimized``) and its JSON form (``rothroute optimize --json``): each year's moves,
AGI, the model's tax beside the engine's, the state, Medicare, balances; the objective, the starts
tried, the solver and the baselines."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping

from rothroute.errors import RothrouteError
from rothroute.household.model import Household
from rothroute.household.moves import Conversion, Distribution, InPlanRothRollover, Qcd, RollIn, Withdrawal, source
from rothroute.money import as_number
from rothroute.moves.rmd import required_minimums
from rothroute.optimize import model, taxable_account
from rothroute.optimize.horizon import Assumptions, Year, uses_taxable, worth_at_end
from rothroute.vocab import NON_ROTH_IRAS, AccountKind


class OptimizeError(RothrouteError, ValueError):
    """An input the optimizer cannot plan. ``field`` names the input (``years``, ``objective``,
    ...) when one is at fault; the message starts with it."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


class BelowBound(OptimizeError):
    """No plan of this household is worth more than the bound it was asked to beat (``plan.optimize``'s
    ``cutoff``): the solver proved it from its bound, without finding the plan."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Optimized:
    household: Household
    assumptions: Assumptions
    solution: model.Solution
    years: tuple[Year, ...]  # the plan re-priced by the engine
    baselines: dict[str, tuple[Year, ...]]
    rounds: list[dict[str, Any]]  # the pro-rata iteration: conversions and the largest change, per round
    objective: str = "wealth"
    settled: bool = True  # the pro-rata shares and the plan agreed (else the best round is kept)
    unsettled: dict[str, Any] = dataclasses.field(default_factory=dict)  # which shares cycled, and what it spans
    first_moves: tuple[str, tuple[Any, ...]] = ("as_is", ())  # the start kept and its moves
    starts: tuple[tuple[str, Any], ...] = ()  # every start tried and what its plan is worth
    not_tried: tuple[str, ...] = ()  # starts skipped because the time limit left no room for them
    baselines_not_priced: tuple[str, ...] = ()  # yardsticks the time limit left no room to price
    new_accounts: tuple[dict[str, str], ...] = ()  # accounts the plan opens (empty Roth or traditional IRAs)
    model_state_tax: tuple[float, ...] = ()  # the state's part of the model's tax each year (dollars)
    claiming: dict[str, Any] | None = None  # the claiming ages chosen and their alternatives (``optimize.claiming``)

    def to_json(self) -> dict[str, Any]:
        a = self.assumptions
        worth = worth_at_end(self.years, a)
        from rothroute.params.projection import projection_notes
        from rothroute.params.state_projection import projection_note as state_projection_note

        projected = [y for y in self.years if y.state_projected and y.state]
        years = []
        in_taxable = uses_taxable(self.household, a)
        model_state = self.model_state_tax or (0.0,) * len(self.years)
        for y, model_tax, tier, state_part in zip(self.years, self.solution.tax, self.solution.irmaa_tier, model_state):
            ev = y.evaluation
            h = ev.household
            iras, plans = required_minimums(h)
            engine_tax = ev.tax.total_tax
            state = ev.state
            state_tax = None if state is None or state.income_tax is None else state.total
            years.append({
                "year": h.tax_year, "projected": y.projected, "filing_status": str(h.filing_status),
                "people_alive": [p.id for p in h.people], "conversions": _by_person(h, Conversion),
                "in_plan_roth_rollovers": _by_person(h, InPlanRothRollover),
                "rollovers": {p.id: as_number(_rolled_out(h, p.id)) for p in h.people},
                "roll_ins": _by_person(h, RollIn), "qcd": _by_person(h, Qcd),
                "charitable_gifts": as_number(h.charitable_gifts),
                "withdrawals": {p.id: {"ira": as_number(max(0, _taken(h, p.id, NON_ROTH_IRAS) - iras.get(p.id, 0))),
                                       "roth": as_number(_taken(h, p.id, (AccountKind.ROTH_IRA,))),
                                       "plans": as_number(_plan_draws(h, p.id, plans))} for p in h.people},
                "rmd": as_number(sum(iras.values()) + sum(plans.values())),
                "agi": as_number(ev.tax.agi), "taxable_income": as_number(ev.tax.taxable_income),
                "federal_income_tax": round(model_tax - state_part, 2), "engine_federal_income_tax": as_number(engine_tax),
                "state": y.state, "state_projected": y.state_projected,
                "state_tax": None if state_tax is None else as_number(state_tax),
                "model_state_tax": round(state_part, 2) if state is not None else None,
                "model_tax": round(model_tax, 2), "engine_tax": as_number(ev.total_tax),
                "difference": round(ev.total_tax / 100 - model_tax, 2),
                # Form 8962 line 24 (null: no Marketplace coverage that year); already in the tax (line 31)
                "premium_tax_credit": None if h.health_coverage is None else as_number(ev.tax.premium_tax_credit),
                "marginal_rate": _marginal(ev), "irmaa_tier": int(ev.tax.values["irmaa.tier"]),
                "model_irmaa_tier": tier, "spending": as_number(y.spending), "cash_end": as_number(y.fund_end),
                "medicare": None if y.medicare is None else y.medicare.to_json(),
                "balances": _balances(h),
                "taxable_account": taxable_account.year_json(y) if in_taxable else None,
            })
        spending = self.objective == "spending"
        objective = {"name": "level_spending" if spending else "after_tax_wealth",
                     "value": round(self.solution.objective, 2),
                     "engine_value": as_number(a.spending) if spending else as_number(worth.after_tax),
                     "after_tax_wealth": as_number(worth.after_tax), "worth": worth.to_json(),
                     "text": ("the most spending a year, after tax, in first-year dollars (growing with inflation), "
                              "leaving the bequest floor" if spending else
                              "Roth + basis + pretax money x (1 - heirs' rate) + the cash account, at the end of "
                              "the last year, nominal dollars")}
        return {
            "objective": objective,
            "new_accounts": [dict(a) for a in self.new_accounts],
            "first_moves": {"name": self.first_moves[0], "moves": [m.to_file() for m in self.first_moves[1]],
                            "tried": [{"name": n, "value": v} for n, v in self.starts],
                            "not_tried": list(self.not_tried)},
            "solver": {"name": "HiGHS", "status": self.solution.status, "seconds": round(self.solution.seconds, 3),
                       "gap": self.solution.gap, "rounds": self.rounds, "settled": self.settled,
                       **({"unsettled": self.unsettled} if not self.settled else {}),
                       **({"marketplace_years": self.solution.envelope} if self.solution.envelope else {})},
            "assumptions": {**a.to_json(), "notes": projection_notes() + _medicare_notes(self.years)
                            + envelope_notes(self.solution.envelope)
                            + state_projection_note({y.state for y in projected}, {(y.state, y.year) for y in projected})},
            "issues": _state_issues(self.years),
            **({"claiming": self.claiming} if self.claiming is not None else {}),
            "years": years,
            "baselines": [{"name": name, "value": as_number(worth_at_end(ys, a).after_tax),
                           "cash_never_short": all(y.fund_end >= 0 for y in ys)}
                          for name, ys in self.baselines.items()],
            "baselines_not_priced": list(self.baselines_not_priced),
        }


def _state_issues(years: tuple[Year, ...]) -> list[dict[str, Any]]:
    """What the engine said of the plan's state years that the plan must carry (a state not
    modelled, a year that cannot be priced): each issue once, with the years it applies to."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for y in years:
        for issue in y.evaluation.issues:
            if issue.code not in ("state_not_modelled", "state_year_not_in_force"):
                continue
            key = (issue.code, issue.message.replace(str(y.year), "{year}"))
            entry = seen.setdefault(key, {**issue.to_json(), "years": []})
            entry["years"].append(y.year)
    return list(seen.values())


def envelope_notes(said: dict[str, Any]) -> list[str]:
    """What planning the Marketplace years in two programs (``ptcwindow``) may have cost, said in words."""
    if not said:
        return []
    text = (f"The {said['years']} Marketplace year(s) were planned first on a continuous envelope of the premium tax "
            f"credit (never above Form 8962's), then priced exactly within {said['window']} whole percents of the "
            "poverty line either side of that plan's (line 5 drops the decimals: the credit steps at each whole "
            "percent).")
    if "second" in said:
        text = (f"The {said['years']} Marketplace year(s) were planned on a continuous envelope of the premium tax "
                "credit (never above Form 8962's): the time limit left no time to price them exactly within whole "
                "percents of the poverty line, so the plan's tax in them is at or above the engine's (give it more "
                "time for the exact plan).")
    if "bound" in said:
        text += (f" The plan is worth at most ${said['bound']:,.2f} less than the best plan on the exact credit: "
                 f"${said['envelope']:,.2f} from the envelope (its most above the exact tax each year, grown to the end) "
                 f"and ${said['solver']:,.2f} from the first program's bound (the later years' choices relaxed in it).")
    return [text]


def _medicare_notes(years: tuple[Year, ...]) -> list[str]:
    """How the plan counts Medicare premiums, and the premium years whose IRMAA is not known."""
    out = ["Medicare: each person pays the Part B standard premium and the Part D base beneficiary premium (the "
           "assumption for a Part D plan's premium) from the month they turn 65 (42 U.S.C. §426(a)), and the IRMAA the "
           "MAGI of two years before sets, by that return's filing status (20 CFR §418.1115); the premiums grow with "
           "inflation past the enacted years. The IRMAA the last two years' MAGI sets, for the premium years after "
           "the plan, is owed at its end and comes off the after-tax wealth (objective.worth.irmaa_owed)."]
    if any(y.evaluation.household.health_coverage is not None for y in years):
        out.append("Marketplace coverage: the premium tax credit of each year with coverage (Form 8962, IRC §36B) is "
                   "in the tax; the file year's premiums are shared equally by the people then before Medicare, each "
                   "share growing with inflation until the month its person turns 65 (42 U.S.C. §426(a)); later "
                   "years have no advance payments; years past the parameter file project the poverty guidelines "
                   "with inflation and hold the last applicable percentage table and its 400% limit.")
    for y in years[:2]:
        m = y.medicare
        if m is not None and m.months and m.magi is None:
            out.append(f"magi_history gives no MAGI for {m.magi_year}: the {m.year} premiums carry no IRMAA "
                       "(give magi_history to charge it).")
    return out


def _plan_draws(h: Household, pid: str, plans_rmd: Mapping[str, int]) -> int:
    """Cents paid out this year from the person's employer plans beyond their RMDs."""
    ids = {a.id for a in h.accounts if a.owner == pid and a.sources is not None}
    paid = sum(m.amount or 0 for m in h.moves if isinstance(m, Distribution) and m.from_account in ids
               and all(d.account is None for d in m.to))
    return max(0, paid - sum(v for k, v in plans_rmd.items() if k in ids))


def _rolled_out(h: Household, pid: str) -> int:
    """Cents rolled directly out of the person's employer plans to their IRAs this year."""
    ids = {a.id for a in h.accounts if a.owner == pid and a.sources is not None}
    return sum(m.amount or 0 for m in h.moves if isinstance(m, Distribution) and m.from_account in ids
               and any(d.account is not None for d in m.to))


def _taken(h: Household, pid: str, kinds: tuple[AccountKind, ...]) -> int:
    """Cents withdrawn this year (withdrawal moves) from the person's accounts of ``kinds``."""
    ids = {a.id for a in h.accounts if a.owner == pid and a.kind in kinds}
    return sum(m.amount or 0 for m in h.moves if isinstance(m, Withdrawal) and m.from_account in ids)


def _by_person(h: Household, kind: type) -> dict[str, int | float]:
    return {p.id: as_number(sum(m.amount or 0 for m in h.moves if isinstance(m, kind)
                                and _owner(h, source(m)) == p.id)) for p in h.people}


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
    s = [a.sources for a in h.accounts if a.sources is not None]
    plan_basis = sum(x.after_tax_contributions for x in s)
    drac = sum(x.roth_contributions + x.roth_earnings for x in s)
    plans = sum(x.total for x in s)
    return {"ira_pretax": as_number(pretax - basis), "ira_basis": as_number(basis), "roth_ira": as_number(roth),
            "employer_plans": as_number(plans), "plan_pretax": as_number(plans - plan_basis - drac),
            "plan_basis": as_number(plan_basis), "designated_roth": as_number(drac)}
