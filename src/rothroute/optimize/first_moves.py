"""Moves the optimizer may make once, at the start, where the plan rules allow them: rolling a
former employer's plan out (the split rollover of Notice 2014-54: pretax money to a traditional
IRA, after-tax money to a Roth IRA, so the pretax money can then be converted or drawn like any
IRA money), and rolling pretax IRA money into a plan that takes it (IRC §408(d)(3)(A)(ii)), which
leaves the IRAs holding their basis, converted tax-free. Each is tried; the optimizer keeps the
one whose plan the engine prices best."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from fractions import Fraction


from rothroute.compare.candidates import split_rollover_moves
from rothroute.household.model import Household
from rothroute.household.moves import Move, RollIn
from rothroute.vocab import NON_ROTH_IRAS
from rothroute.optimize.rollforward import next_year
from rothroute.engine import evaluate
from rothroute.vocab import PLAN_KINDS


def variants(h: Household) -> dict[str, tuple[list[Move], Household]]:
    """Each start the household may take: its moves and the household just after them (same day,
    same tax year). Only starts the engine permits at no tax are offered."""
    out: dict[str, tuple[list[Move], Household]] = {"as_is": ([], h)}
    split = split_rollover_moves(h)
    if split is not None:
        out["roll_out_plans"] = split
    roll_in = _roll_in(h)
    if roll_in is not None:
        out["roll_in_pretax_ira_money"] = roll_in
    kept = {}
    for name, (moves, start) in out.items():
        after = _after(h, moves, start)
        if after is not None:
            kept[name] = (moves, after)
    return kept


def _after(h: Household, moves: list[Move], start: Household) -> Household | None:
    """The household right after ``moves`` made on ``start`` (``h`` with any accounts they open),
    or None when the engine refuses one or they cost tax."""
    if not moves:
        return start
    ev = evaluate(dataclasses.replace(start, moves=tuple(moves)))
    if any(i.severity == "error" for i in ev.issues) or ev.cost_of_moves:
        return None
    # the same day of the same year: no one retires on the way (the roll forward would apply it)
    working = dataclasses.replace(ev.household, people=tuple(dataclasses.replace(p, retirement_year=None)
                                                              for p in ev.household.people))
    later = next_year(dataclasses.replace(ev, household=working), growth=Fraction(0), inflation=Fraction(0))
    retiring = {p.id: p.retirement_year for p in h.people}
    return dataclasses.replace(later, tax_year=h.tax_year, income=h.income, magi_history=h.magi_history,
                               origin=h.origin, people=tuple(dataclasses.replace(p, retirement_year=retiring.get(p.id))
                                                             for p in later.people))


def _roll_in(h: Household) -> tuple[list[Move], Household] | None:
    """Each person's pretax IRA money into a plan of theirs that takes roll-ins, when the IRAs
    hold basis (otherwise the roll-in changes nothing the optimizer cares about)."""
    moves: list[Move] = []
    for p in h.people:
        target = next((a for a in h.accounts if a.owner == p.id and a.kind in PLAN_KINDS and a.plan is not None
                       and a.plan.accepts_ira_rollins), None)
        iras = [a for a in h.accounts if a.owner == p.id and a.kind in NON_ROTH_IRAS and a.value]
        if target is None or not iras or not p.ira_basis:
            continue
        basis = p.ira_basis
        for a in sorted(iras, key=lambda a: -a.value):
            keep = min(basis, a.value)
            basis -= keep
            if a.value - keep > 0:
                moves.append(RollIn(on=_dt.date(h.tax_year, 1, 2), from_account=a.id, to_account=target.id,
                                    amount=a.value - keep))
    return (moves, h) if moves else None
