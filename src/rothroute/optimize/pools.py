"""Employer plan money the optimizer draws on and converts like an IRA, pooled per person.

A pool is a person's plans of one kind of employment holding one contract's money:

- ``former_plans``: plans of former employers: drawn on for spending and, where every one of them
  offers it, converted by in-plan Roth rollover (IRC §402A(c)(4));
- ``current_plans``: the current employer's plans that offer in-plan Roth rollovers, which are
  allowed in service (§402A(c)(4)(E)), or that the person leaves within the plan
  (``retirement_year``); they owe no RMD while the person works there (the still-working exception
  of §401(a)(9)(C); a 5% owner has none, and such a plan is carried as it is). Converted while
  employed where the plan offers it; after retirement drawn on and owing RMDs like a former
  employer's plan. A pool keeps its name and its plans for the whole plan.

A plan holding pre-1987 after-tax money, which comes out before the rest (§72(e)(8)(D)), is
carried as it is. Plans whose draws before 59½ are free of the 10% additional tax (a governmental
457(b), or a plan left in or after the year of 55) are pooled apart from the others.

Within a plan the non-Roth money is one contract, so a move takes pretax money and after-tax money
pro rata (§72(e)(8)); where every plan of the pool keeps the after-tax money as a separate contract
(§72(d)(2), ``after_tax_separate_contract``), the after-tax money is a pool of its own
(``..._after_tax``): converting it taxes only its earnings, the mega-backdoor's in-plan Roth
rollover."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass
from typing import Any

from rothroute.household.model import Account, Household
from rothroute.household.moves import Destination, Distribution, InPlanRothRollover, Move, RollIn
from rothroute.moves.plan import free_of_early_tax

FORMER, CURRENT = "former_plans", "current_plans"
BOTH, PRETAX, AFTER_TAX = ("pretax", "after_tax"), ("pretax",), ("after_tax",)


@dataclass(frozen=True, slots=True, kw_only=True)
class Pool:
    key: str  # the pool's name: former_plans, former_plans_after_tax, current_plans, ...
    employment: str  # FORMER or CURRENT
    sources: tuple[str, ...]  # the plan sources a move from the pool takes
    accounts: tuple[Account, ...]
    retires: int | None = None  # current_plans: the person's last year at the employer

    def drawn_in(self, year: int) -> bool:
        """Drawn on (and owing RMDs) in ``year``: a current employer's plan pays nothing out while
        the person works there."""
        return self.employment == FORMER or self.retires is not None and year > self.retires

    def resolve(self, h: Household) -> Pool:
        """The same pool in ``h`` (a later year of the plan): its plans as they are then."""
        ids = {a.id for a in self.accounts}
        return Pool(key=self.key, employment=self.employment, sources=self.sources, retires=self.retires,
                    accounts=tuple(a for a in h.accounts if a.id in ids))

    @property
    def converts(self) -> bool:
        return all(a.plan is not None and a.plan.in_plan_roth_rollover for a in self.accounts)

    def money(self, a: Account) -> int:
        s = a.sources
        assert s is not None
        return (s.pretax if "pretax" in self.sources else 0) + (
            s.after_tax_contributions + s.after_tax_earnings if "after_tax" in self.sources else 0)

    def basis(self, a: Account) -> int:
        s = a.sources
        assert s is not None
        return s.after_tax_contributions if "after_tax" in self.sources else 0

    @property
    def total(self) -> int:
        return sum(self.money(a) for a in self.accounts)

    @property
    def total_basis(self) -> int:
        return sum(self.basis(a) for a in self.accounts)


def pool_id(pid: str, key: str) -> str:
    """The pool's name in the model and the plan: ``person:pool``."""
    return f"{pid}:{key}"


def _plans(h: Household, pid: str, employment: str) -> list[Account]:
    retires = next((p.retirement_year for p in h.people if p.id == pid), None)
    out = []
    for a in h.accounts:
        if a.owner != pid or a.sources is None or a.plan is None:
            continue
        if a.sources.pretax + a.sources.after_tax_contributions + a.sources.after_tax_earnings <= 0:
            continue
        if a.sources.pre_1987_contributions:  # recovered first (§72(e)(8)(D)), not pro rata: carried as it is
            continue
        former = a.plan.separated_from_service is not None
        if employment == FORMER and former or employment == CURRENT and not former \
                and (a.plan.in_plan_roth_rollover or retires is not None) and not a.plan.five_percent_owner:
            out.append(a)
    return out


def _left_in(a: Account, retires: int | None) -> int | None:
    """The year the person left the plan's employer, or will (their retirement year)."""
    assert a.plan is not None
    return a.plan.separated_from_service if a.plan.separated_from_service is not None else retires


def pools(h: Household, pid: str) -> list[Pool]:
    """The person's pools with money in them, former employers' first; plans whose draws bear the
    10% additional tax before 59½ apart from those whose draws do not (``..._exempt``)."""
    out = []
    person = next(p for p in h.people if p.id == pid)
    retires = person.retirement_year
    for employment in (FORMER, CURRENT):
        found = _plans(h, pid, employment)
        for exempt in (False, True):
            plans = [a for a in found if free_of_early_tax(person, a, _left_in(a, retires)) == exempt]
            base = employment + ("_exempt" if exempt else "")
            separate = plans and all(a.plan is not None and a.plan.after_tax_separate_contract for a in plans)
            shapes = ((base, PRETAX), (f"{base}_after_tax", AFTER_TAX)) if separate else ((base, BOTH),)
            for key, sources in shapes:
                pool = Pool(key=key, employment=employment, sources=sources, accounts=tuple(plans),
                            retires=retires if employment == CURRENT else None)
                held = tuple(a for a in plans if pool.money(a) > 0)
                if held:
                    out.append(dataclasses.replace(pool, accounts=held))
    return out


Pools = dict[str, list[Pool]]  # person -> their pools, as the plan's first year found them


def pooled_accounts(start: Pools) -> set[str]:
    """The plans the optimizer draws on or converts (the rest are carried as they are)."""
    return {a.id for own in start.values() for pool in own for a in pool.accounts}


def shares(h: Household, pid: str, start: Pools) -> dict[str, float]:
    """Each pool's taxable share of money out in ``h``: pro rata in its contract (IRC §72(e)(8))."""
    out = {}
    for pool in start.get(pid, []):
        now = pool.resolve(h)
        if now.total:
            out[pool_id(pid, pool.key)] = 1 - now.total_basis / now.total
    return out


def usage(own: list[Pool], moves: list[Move]) -> dict[tuple[str, str], int]:
    """What ``moves`` (the year's, the RMDs aside) take from each plan of the person's pools, by plan and pool,
    less the pretax IRA money rolled into it (which it may pay out again the same year): a view of the one
    count of ``horizon.taken_from``."""
    from rothroute.optimize.horizon import taken_from

    out: dict[tuple[str, str], int] = {}
    for key, amount in taken_from(moves, by_source=True).items():
        if not isinstance(key, tuple):
            continue
        account, taken = key
        pool = next((q for q in own if any(a.id == account for a in q.accounts) and set(taken) <= set(q.sources)), None)
        if pool is not None:
            out[(account, pool.key)] = out.get((account, pool.key), 0) + amount
    for m in moves:
        if isinstance(m, RollIn) and m.amount:
            pool = next((q for q in own if "pretax" in q.sources and any(a.id == m.to_account for a in q.accounts)), None)
            if pool is not None:
                out[(m.to_account, pool.key)] = out.get((m.to_account, pool.key), 0) - m.amount
    return out


def plan_moves(h: Household, p: Any, pool: Pool, kind: str, amount: int, plans_rmd: dict[str, int],
               used: dict[tuple[str, str], int], when: _dt.date, targets: tuple[str, str] | None = None) -> list[Move]:
    """``amount`` cents from ``pool``, spread over its plans in proportion to what each holds beyond
    its share of the plan's RMD and what earlier moves of the year took (``used``), so that the
    pool's taxable share is the share the model holds: as cash distributions on ``when`` (rounded
    up to the dollar), in-plan Roth rollovers on December 1 (rounded down) or, ``kind``
    ``rollover``, direct rollovers on ``when`` (rounded down) split between the traditional and the
    Roth IRA ``targets`` (Notice 2014-54: the taxable part to the traditional IRA, the basis to the
    Roth IRA, nothing taxed)."""
    rooms = []
    for a in pool.accounts:
        s = a.sources
        assert s is not None
        held = pool.money(a)
        non_roth = s.pretax + s.after_tax_contributions + s.after_tax_earnings
        rmd = -(-plans_rmd.get(a.id, 0) * held // non_roth) if non_roth else 0
        # a cent kept where an RMD came out: the engine rounds each contract's part of it on its own
        rooms.append((a, held, max(0, held - rmd - (1 if rmd else 0) - used.get((a.id, pool.key), 0))))
    total_room = sum(room for _, _, room in rooms)
    moves: list[Move] = []
    if amount <= 0 or total_room <= 0:
        return moves
    left = min(amount, total_room)
    for k, (a, held, room) in enumerate(rooms):
        part = left if k == len(rooms) - 1 else min(room, amount * room // total_room)
        take = min(-(-part // 100) * 100, room // 100 * 100) if kind == "distribution" else min(part, room) // 100 * 100
        if take <= 0:
            continue
        s = a.sources
        assert s is not None
        # the sources holding money; none yet on January 1 when the money is this year's roll-in (pretax)
        sources = [x for x in pool.sources if (s.pretax if x == "pretax" else s.after_tax_contributions
                                                + s.after_tax_earnings)] or ["pretax"]
        if kind == "distribution":
            moves.append(Distribution(on=when, from_account=a.id, sources=tuple(sources), amount=take,
                                      to=(Destination(account=None, amount=None),)))
        elif kind == "rollover":
            assert targets is not None
            basis = take * pool.basis(a) // held // 100 * 100 if held else 0  # the engine's pro rata, rounded down
            to = tuple(Destination(account=account, amount=part_)
                       for account, part_ in ((targets[0], take - basis), (targets[1], basis)) if part_)
            moves.append(Distribution(on=when, from_account=a.id, sources=tuple(sources), amount=take, to=to))
        else:
            moves.append(InPlanRothRollover(on=_dt.date(h.tax_year, 12, 1), account=a.id, sources=tuple(sources),
                                            amount=take))
        used[(a.id, pool.key)] = used.get((a.id, pool.key), 0) + take
        left -= take
    return moves
