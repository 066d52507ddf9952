"""Married couples taxed as two people on one return (Delaware's combined separate return, DC's
Calculation J): each spouse's own share of the state's AGI, and the tax of the two shares.

Each spouse reports their own income and half of what is jointly held (the file's amounts without a
``person`` are already half each's, ``state.inputs``); the household's federal adjustments are
taken half each (rothroute's allocation: the file does not say whose they are), and a capital gain
or loss as the federal return counts it (``formulas.counted_gains``).
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from rothroute.state import formulas as f

# the kinds of income of a person that make up their part of federal AGI (Social Security aside)
OWN = ("wages", "pension", "ira", "conversion", "plan", "interest", "dividends", "other")


def spouse_income(ops: Any, x: Mapping[str, Any]) -> Any:
    """The second spouse's part of federal AGI less Social Security: their own income of every kind,
    gains as the federal return counts them, less half the household's adjustments (0 when there is
    no second spouse). The first spouse's part is the rest."""
    mine = f.person_sum(x, "p2", OWN) + f.counted_gains(ops, x, "p2")
    return (mine - x["federal_adjustments"] // 2) * x["p2_present"]


def least_tax_split(ops: Any, agi1: Any, agi2: Any, deduction: Any, tax: Callable[[Any], Any],
                    breakpoints: tuple[Any, ...]) -> Any:
    """The least total tax of two spouses when ``deduction`` may be allocated between them as they
    choose: ``tax`` is convex and piecewise linear, so the best allocation puts one spouse's taxable
    income at a breakpoint of the schedule (or gives the whole deduction to one); every such
    allocation is tried."""
    candidates = [deduction * 0, deduction]
    for b in breakpoints:
        candidates.append(agi1 - b)
        candidates.append(deduction - (agi2 - b))
    best = None
    for d1 in candidates:
        d1 = ops.mn(ops.mx(d1, 0), deduction)
        total = tax(ops.mx(agi1 - d1, 0)) + tax(ops.mx(agi2 - (deduction - d1), 0))
        best = total if best is None else ops.mn(best, total)
    return best
