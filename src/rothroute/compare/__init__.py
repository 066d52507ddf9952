"""Compare the strategies a household can follow this year: build them (``candidates``), price
each with the moves engine, rank them by a goal, and explain the choice."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rothroute.compare.candidates import Candidate, RuledOut, candidates
from rothroute.compare.law_watch import law_status, law_watch
from rothroute.compare.measures import (
    Buckets, after_the_moves, buckets_after, buckets_before, five_year_clocks, next_year_backdoor, pretax_iras,
    pretax_iras_at_year_end,
)
from rothroute.moves.ira_limits import contribution_limit
from rothroute.moves.rmd import rmd_moves
from rothroute.errors import RothrouteError, Severity
from rothroute.household.model import Household
from rothroute.household.moves import Conversion, Move, Rollover, source
from rothroute.money import as_number, dollars
from rothroute.params import for_year
from rothroute.params.legislation import default as legislation
from rothroute.engine import Evaluation, evaluate
from rothroute.tax.federal import federal_tax, inputs_from_household
from rothroute.vocab import JURISDICTIONS

__all__ = ["Comparison", "Goal", "NoStrategyError", "Priced", "compare"]


class Goal(StrEnum):
    LEAST_TAX_NOW = "least-tax-now"
    MOST_ROTH = "most-roth"
    CLEAN_BACKDOOR = "clean-backdoor"


GOAL_TEXT = {
    Goal.LEAST_TAX_NOW: "the least tax this year",
    Goal.MOST_ROTH: "the most money moved to Roth accounts",
    Goal.CLEAN_BACKDOOR: "the least pretax IRA money left on December 31 (future backdoor Roth conversions "
                         "free of the pro-rata rule)",
}
# each goal, then the others as tie-breakers, in this order
TIE_BREAKS = {
    Goal.LEAST_TAX_NOW: (Goal.LEAST_TAX_NOW, Goal.MOST_ROTH, Goal.CLEAN_BACKDOOR),
    Goal.MOST_ROTH: (Goal.MOST_ROTH, Goal.LEAST_TAX_NOW, Goal.CLEAN_BACKDOOR),
    Goal.CLEAN_BACKDOOR: (Goal.CLEAN_BACKDOOR, Goal.LEAST_TAX_NOW, Goal.MOST_ROTH),
}


class NoStrategyError(RothrouteError):
    """The household's accounts leave nothing to compare."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Priced:
    """One strategy, priced: its moves' result and what it leaves behind."""

    candidate: Candidate
    ruled_out: RuledOut | None
    evaluation: Evaluation | None
    before: Buckets
    after: Buckets
    pretax_iras_end: int
    traps: tuple[str, ...]
    delay_cost: int | None = None  # extra tax if the strategy's December 31 deadline is missed
    baseline_tax: int | None = None  # total tax of the year with only its RMDs taken (None: no RMD this year)

    @property
    def name(self) -> str:
        return self.candidate.name

    @property
    def cost_of_moves(self) -> int:
        """The strategy's tax less the baseline's: the year with no move, or in an RMD year the year
        with only its RMDs taken (every strategy takes them first)."""
        if self.evaluation is None:
            return 0
        if self.baseline_tax is None:
            return self.evaluation.cost_of_moves
        return self.evaluation.tax.total_tax - self.baseline_tax

    @property
    def federal_cost(self) -> int:
        return self.evaluation.federal_cost if self.evaluation else 0

    @property
    def state_cost(self) -> int:
        return self.evaluation.state_cost if self.evaluation else 0

    @property
    def premium_tax_credit_lost(self) -> int | None:
        """The premium tax credit (Form 8962 line 24) the moves cost: without them less with them (None:
        no Marketplace coverage). It is in ``federal_cost`` already, through the total tax."""
        ev = self.evaluation
        if ev is None or ev.household.health_coverage is None:
            return None
        return ev.without_moves.premium_tax_credit - ev.tax.premium_tax_credit

    @property
    def roth_gained(self) -> int:
        return self.after.roth - self.before.roth

    def key(self, goal: Goal) -> int:
        return {Goal.LEAST_TAX_NOW: self.cost_of_moves, Goal.MOST_ROTH: -self.roth_gained,
                Goal.CLEAN_BACKDOOR: self.pretax_iras_end}[goal]

    def to_json(self, backdoor_amount: dict[str, int]) -> dict[str, Any]:
        c, ev = self.candidate, self.evaluation
        out: dict[str, Any] = {
            "name": c.name, "title": c.title, "label": c.label, "how": c.how,
            "ruled_out": self.ruled_out.to_json() if self.ruled_out else None,
            "moves": [m.to_file() for m in c.moves],
            "opens": [{"id": a.id, "owner": a.owner, "kind": str(a.kind), "value": 0} for a in c.opens],
            "cost_of_moves": as_number(self.cost_of_moves),
            "federal_cost": as_number(self.federal_cost),
            "state_cost": as_number(self.state_cost),
            "premium_tax_credit_lost": None if self.premium_tax_credit_lost is None
            else as_number(self.premium_tax_credit_lost),
            "roth_gained": as_number(self.roth_gained),
            "pretax_left": as_number(self.after.pretax),
            "buckets": {"before": self.before.to_json(), "after": self.after.to_json()},
            "cites": list(c.cites),
            "traps": list(self.traps),
            "delay_past_december_31_cost": None if self.delay_cost is None else as_number(self.delay_cost),
            "law_status": law_status(c.name),  # the rules it relies on, their laws and proposals (law_watch)
            "law_watch": law_watch(c.name),
            "result": ev.to_json() if ev else None,
        }
        if ev is not None:
            tax = ev.tax
            out["federal_tax"] = as_number(tax.total_tax)
            out["state_tax"] = as_number(ev.total_tax - tax.total_tax)
            out["additional_tax"] = as_number(tax.additional_tax_72t)  # Form 5329 line 4, recapture included
            out["irmaa_tier"] = int(tax.values["irmaa.tier"])
            out["irmaa_year"] = ev.household.tax_year + 2
            out["pretax_iras_end"] = as_number(self.pretax_iras_end)
            people = out["result"]["people"]
            out["backdoor"] = {
                "this_year_line_10": {pid: v["form_8606"].get("10") for pid, v in people.items()
                                      if "10" in v["form_8606"]},
                "next_year": next_year_backdoor(ev, backdoor_amount),
            }
            out["five_year_clocks"] = five_year_clocks(ev)
            out["paperwork"] = _paperwork(c, ev, people)
        return out


def _paperwork(c: Candidate, ev: Evaluation, people: dict[str, Any]) -> dict[str, Any]:
    forms = []
    for i, move in enumerate(c.moves):
        r = ev.ira.results.get(i)
        for f in (r.forms_1099r if r else ()):
            forms.append({"move": i, "from": source(move), **f.to_json()})
    lines_8606 = {}
    for pid, v in people.items():
        nonzero = {k: x for k, x in v["form_8606"].items() if x not in (0, "0", None)}
        if nonzero:
            lines_8606[pid] = nonzero
    return {"requests": list(c.requests), "forms_1099r": forms, "form_8606": lines_8606}


def _dynamic_traps(c: Candidate, ev: Evaluation | None) -> tuple[str, ...]:
    out = list(c.traps)
    via = {d.via for m in c.moves for d in getattr(m, "to", ())} | {getattr(m, "via", None) for m in c.moves}
    cash = any(d.account is None for m in c.moves for d in getattr(m, "to", ()))
    if "60_day" in via or cash:
        out.append("Money paid out can be rolled over only within 60 days (IRC §402(c)(3), §408(d)(3)(A)); 20% "
                   "is withheld from a plan payout and must be made up from other money to roll over all of it.")
    if any(isinstance(m, Rollover) and m.via == "60_day" for m in c.moves):
        out.append("Only one 60-day IRA-to-IRA rollover in 12 months (IRC §408(d)(3)(B)); transfers are not limited.")
    if ev is not None and any(y.rmd_left or False for y in ev.ira.people.values()) or \
            (ev is not None and any(p.rmd_left for p in ev.ira.plans.values())):
        out.append("An RMD is still due this year: it comes out first and cannot be rolled over or converted.")
    if ev is not None and ev.household is not None and _rmd_year(ev):
        out.append("This is an RMD year: take the required minimum distribution before any rollover or "
                   "conversion (IRC §402(c)(4)(B), §408(d)(3)(E)).")
    if any(isinstance(m, Conversion) for m in c.moves) and not any("December 31" in t for t in out):
        out.append("Form 8606 uses the December 31 value of all the owner's traditional, SEP and SIMPLE IRAs.")
    return tuple(dict.fromkeys(out))


def _rmd_year(ev: Evaluation) -> bool:
    from rothroute.moves.rmd import required_minimums

    iras, plans = required_minimums(ev.household)
    return any(iras.values()) or any(plans.values())


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    household: Household
    goal: Goal
    strategies: tuple[Priced, ...]  # ranked: the permitted best first, then the ruled out
    backdoor_amount: dict[str, int]  # per person: this year's IRA limit with the catch-up

    @property
    def recommended(self) -> Priced:
        return next(s for s in self.strategies if s.ruled_out is None)

    def why(self) -> str:
        """Why the recommended strategy comes first, in one or two sentences."""
        best = self.recommended
        rivals = [s for s in self.strategies if s.ruled_out is None and s is not best]
        said = f"{best.candidate.title} gives {GOAL_TEXT[self.goal]}"
        order = TIE_BREAKS[self.goal]
        tied = [s for s in rivals if s.key(order[0]) == best.key(order[0])]
        if tied:
            breaker = next((g for g in order[1:] if any(s.key(g) != best.key(g) for s in tied)), None)
            if breaker is not None:
                said += (f"; it ties with {', '.join(s.candidate.label for s in tied)} on that, and gives "
                         f"{GOAL_TEXT[breaker]}")
        said += (f": tax cost ${best.cost_of_moves / 100:,.0f} this year, ${best.roth_gained / 100:,.0f} more in Roth "
                 f"accounts, ${best.after.pretax / 100:,.0f} of pretax money left.")
        return said

    def to_json(self) -> dict[str, Any]:
        h = self.household
        state = h.state_in(h.tax_year)
        return {
            "format": 1, "tax_year": h.tax_year, "goal": str(self.goal), "goal_text": GOAL_TEXT[self.goal],
            "state": state, "state_name": JURISDICTIONS.get(state) if state else None,
            "tie_breaks": [str(g) for g in TIE_BREAKS[self.goal][1:]],
            "recommended": self.recommended.name,
            "why": self.why(),
            "assumptions": assumptions(self),
            "law_as_of": legislation().as_of.isoformat(),  # the day the law_status data was last checked
            "strategies": [s.to_json(self.backdoor_amount) for s in self.strategies],
        }


def assumptions(c: Comparison) -> list[str]:
    h = c.household
    rmds = rmd_moves(h)
    state = h.state_in(h.tax_year)
    taxes = (f"federal and {JURISDICTIONS[state]} income tax (the cost of each strategy is both, shown apart as "
             "federal_cost and state_cost; local taxes are not included)") if state else \
        "federal income tax only (the file names no state)"
    return ([
        "This is an RMD year: every strategy, and the baseline, first takes the year's required minimum "
        "distributions on January 2 (" + "; ".join(f"{m.to_file()['move']} of ${dollars(m.amount or 0, grouping=True)} "
                                                    f"from {source(m)}" for m in rmds)
        + "), which cannot be rolled over or converted (IRC §402(c)(4)(B), §408(d)(3)(E); Treas. Reg. "
        "§1.402(c)-2(f)(1)); cost_of_moves is measured against the year with only the RMDs taken."]
        if rmds else []) + [
        f"Tax year {h.tax_year}, {taxes}, filing status {h.filing_status}.",
        f"Parameters enacted for {h.tax_year} (brackets, deductions, limits); the IRMAA tier uses the tiers of "
        f"{h.tax_year + 2} where published, else the latest published.",
        "Balances do not grow during the year: the IRA values on December 31 are the January 1 values plus the "
        "year's moves, unless the file gives december_31_value.",
        "Next year's backdoor Roth is priced with this year's IRA limit and catch-up ("
        + ", ".join(f"{pid} ${v / 100:,.0f}" for pid, v in c.backdoor_amount.items())
        + ") and the IRAs as this year leaves them.",
        "Moves are dated by rothroute (plan rollovers in March, roll-ins by November 15, backdoor contributions in "
        "late November, conversions December 1; never before 59½ in the year it is reached).",
    ]


def _price(h: Household, c: Candidate, baseline: Any) -> tuple[Evaluation | None, RuledOut | None]:
    if c.ruled_out is not None:
        return None, c.ruled_out
    trial = dataclasses.replace(h, moves=c.moves, accounts=h.accounts + c.opens)
    ev = evaluate(trial, without_moves=baseline)
    refused = next((i for i in ev.issues if i.severity is Severity.ERROR), None)
    if refused is not None:
        return ev, RuledOut(code=refused.code, reason=refused.message, cites=refused.cites)
    return ev, None


def compare(h: Household, goal: Goal | str = Goal.LEAST_TAX_NOW) -> Comparison:
    """Build, price and rank the household's strategies for ``goal``; raises NoStrategyError when
    the accounts leave no strategy beside doing nothing. In an RMD year every strategy, and the
    baseline, first takes the year's RMDs (``moves.rmd.rmd_moves``: last year's deferred first
    RMD too; a first RMD the file defers is next year's), and the strategies are built from what
    the RMDs leave."""
    goal = Goal(goal)
    yp = for_year(h.tax_year)
    baseline = federal_tax(inputs_from_household(h))
    before = buckets_before(h)
    rmds = tuple(rmd_moves(h))
    built, baseline_tax = h, None
    if rmds:
        taken = evaluate(dataclasses.replace(h, moves=rmds), without_moves=baseline)
        built, baseline_tax = after_the_moves(taken), taken.tax.total_tax
    priced = []
    for c in candidates(built, yp):
        if c.ruled_out is None and rmds:
            c = dataclasses.replace(c, moves=rmds + c.moves, requests=(_rmd_request(rmds),) + c.requests)
        ev, ruled = _price(h, c, baseline)
        after = buckets_after(ev) if ev is not None and ruled is None else before
        iras_end = pretax_iras_at_year_end(ev) if ev is not None and ruled is None else pretax_iras(h)
        priced.append(Priced(candidate=c, ruled_out=ruled, evaluation=ev if ruled is None else None, before=before,
                             after=after, pretax_iras_end=iras_end, traps=_dynamic_traps(c, ev),
                             baseline_tax=baseline_tax))
    permitted = [p for p in priced if p.ruled_out is None]
    if len(permitted) <= 1:
        reasons = "; ".join(f"{p.name}: {p.ruled_out.reason.rstrip('.')}" for p in priced if p.ruled_out)
        raise NoStrategyError("nothing to compare: the household's accounts allow no strategy beside doing nothing"
                              + (f" ({reasons}); Roth conversions over the years are what optimize plans"
                                 if reasons else " (no plan or IRA in the file)"))
    order = TIE_BREAKS[goal]
    permitted.sort(key=lambda p: tuple(p.key(g) for g in order))
    ruled_out = [p for p in priced if p.ruled_out is not None]
    amounts = {p.id: contribution_limit(p, yp) for p in h.people}
    permitted = _with_delay_cost(permitted)
    return Comparison(household=h, goal=goal, strategies=tuple(permitted + ruled_out), backdoor_amount=amounts)


def _rmd_request(rmds: tuple[Move, ...]) -> str:
    return ("First, in January, take the year's required minimum distributions in cash: "
            + "; ".join(f"${dollars(m.amount or 0, grouping=True)} from {getattr(m, 'from_account', '')}" for m in rmds)
            + ". Until they are paid, no dollar may be rolled over or converted.")


def _with_delay_cost(permitted: list[Priced]) -> list[Priced]:
    """The cost of letting a roll-in slip past December 31: the backdoor is then priced as if the
    pretax IRA money were still there (Form 8606 line 6 is the December 31 value), which is the
    same strategy without the roll-in."""
    by_name = {p.name: p for p in permitted}
    out = []
    for p in permitted:
        plain = by_name.get(p.name.removesuffix("_with_roll_in")) if p.name.endswith("_with_roll_in") else None
        if plain is None:
            out.append(p)
            continue
        extra = plain.cost_of_moves - p.cost_of_moves
        out.append(dataclasses.replace(p, delay_cost=extra, traps=p.traps + (
            f"Done after December 31, the roll-in no longer lowers this year's Form 8606 line 6: the backdoor would "
            f"cost ${extra / 100:,.0f} more this year.",)))
    return out
