"""The year engine: a household-year's moves applied in date order (same-day moves in file order),
each by the rule of its kind (``ira``, ``plan``), on the year's state (``state.YearState``), then
each person's year closed (Form 8606 at the December 31 value, Roth IRA distributions)."""

from __future__ import annotations

from rothroute.household.model import Household
from rothroute.household.moves import (
    Contribution, Conversion, Distribution, InPlanRothRollover, Move, Qcd, RollIn, Rollover, Withdrawal,
)
from rothroute.moves import ira, plan, taxable
from rothroute.moves.state import IraYear, YearState, start
from rothroute.params import YearParams
from rothroute.vocab import IncomeKind


def apply(h: Household, yp: YearParams, moves: list[Move], *, ratio_places: int | None = None,
          roth_magi: dict[str, int] | None = None, deductible_allowed: dict[str, int] | None = None,
          resume: YearState | None = None) -> IraYear:
    """Apply the moves in date order (same-day moves in file order). ``roth_magi`` and
    ``deductible_allowed`` come from a first pass: the MAGI limits need the year's AGI.
    ``resume``: the state an earlier call left (``IraYear.context``, copied), to continue the year
    with later moves instead of starting from the file's January 1 state."""
    ctx = resume or start(h)
    wages = {p.id: sum(i.amount for i in h.income if i.kind is IncomeKind.WAGES and i.person in (p.id, None))
             for p in h.people}
    for move in sorted(moves, key=lambda m: (m.on, m.index)):
        if isinstance(move, Distribution):
            plan.apply_distribution(h, move, ctx)
        elif isinstance(move, InPlanRothRollover):
            plan.apply_in_plan_roth_rollover(h, move, ctx)
        elif isinstance(move, RollIn):
            plan.apply_roll_in(h, move, ctx)
        elif isinstance(move, Rollover):
            ira.rollover(h, move, ctx)
        elif isinstance(move, Conversion):
            ira.conversion(h, move, ctx)
        elif isinstance(move, Withdrawal) and move.from_account in ctx.basis:
            taxable.sale(h, move, ctx)
        elif isinstance(move, Withdrawal):
            ira.withdrawal(h, move, ctx)
        elif isinstance(move, Qcd):
            ira.qcd(h, move, ctx)
        elif isinstance(move, Contribution) and move.to_account in ctx.plans:
            plan.apply_plan_contribution(h, yp, move, ctx, wages)
        elif isinstance(move, Contribution):
            ira.contribution(h, yp, move, ctx, wages, roth_magi, deductible_allowed)
    outcome = IraYear(balances=ctx.balances, people=ctx.people, forms={}, results=ctx.results, issues=ctx.issues,
                      plans=ctx.plans, context=ctx)
    for p in h.people:
        ira.close_year(h, yp, p, outcome, ratio_places=ratio_places, deductible_allowed=deductible_allowed)
    return outcome
