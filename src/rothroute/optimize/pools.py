"""Employer plan money the optimizer draws on and converts like an IRA, pooled per person.

A pool is a person's plans of one kind of employment holding one contract's money:

- ``former_plans``: plans of former employers: drawn on for spending and, where every one of them
  offers it, converted by in-plan Roth rollover (IRC §402A(c)(4));
- ``current_plans``: the current employer's plans that offer in-plan Roth rollovers, which are
  allowed in service (§402A(c)(4)(E)), and owe no RMD while employed (the still-working exception
  of §401(a)(9)(C); a 5% owner has none, and such a plan is carried as it is): converted only.

Within a plan the non-Roth money is one contract, so a move takes pretax money and after-tax money
pro rata (§72(e)(8)); where every plan of the pool keeps the after-tax money as a separate contract
(§72(d)(2), ``after_tax_separate_contract``), the after-tax money is a pool of its own
(``..._after_tax``): converting it taxes only its earnings, the mega-backdoor's in-plan Roth
rollover."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rothroute.household.model import Account, Household

FORMER, CURRENT = "former_plans", "current_plans"
BOTH, PRETAX, AFTER_TAX = ("pretax", "after_tax"), ("pretax",), ("after_tax",)


@dataclass(frozen=True, slots=True, kw_only=True)
class Pool:
    key: str  # the pool's name: former_plans, former_plans_after_tax, current_plans, ...
    employment: str  # FORMER or CURRENT
    sources: tuple[str, ...]  # the plan sources a move from the pool takes
    accounts: tuple[Account, ...]

    @property
    def drawn(self) -> bool:
        """Drawn on for spending (a current employer's plan pays nothing out while employed)."""
        return self.employment == FORMER

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
    out = []
    for a in h.accounts:
        if a.owner != pid or a.sources is None or a.plan is None:
            continue
        if a.sources.pretax + a.sources.after_tax_contributions + a.sources.after_tax_earnings <= 0:
            continue
        former = a.plan.separated_from_service is not None
        if employment == FORMER and former or employment == CURRENT and not former \
                and a.plan.in_plan_roth_rollover and not a.plan.five_percent_owner:
            out.append(a)
    return out


def pools(h: Household, pid: str) -> list[Pool]:
    """The person's pools with money in them, former employers' first."""
    out = []
    for employment in (FORMER, CURRENT):
        plans = _plans(h, pid, employment)
        separate = plans and all(a.plan is not None and a.plan.after_tax_separate_contract for a in plans)
        shapes = ((employment, PRETAX), (f"{employment}_after_tax", AFTER_TAX)) if separate else ((employment, BOTH),)
        for key, sources in shapes:
            pool = Pool(key=key, employment=employment, sources=sources, accounts=())
            held = tuple(a for a in plans if pool.money(a) > 0)
            if held:
                out.append(Pool(key=key, employment=employment, sources=sources, accounts=held))
    return out


def pooled_accounts(h: Household) -> set[str]:
    """The plans the optimizer draws on or converts (the rest are carried as they are)."""
    return {a.id for p in h.people for pool in pools(h, p.id) for a in pool.accounts}


def shares(h: Household, pid: str) -> dict[str, float]:
    """Each pool's taxable share of money out: pro rata in its contract (IRC §72(e)(8))."""
    return {pool_id(pid, pool.key): 1 - pool.total_basis / pool.total for pool in pools(h, pid) if pool.total}


def plan_moves(h: Household, p: Any, pool: Pool, kind: str, amount: int, plans_rmd: dict[str, int],
               used: dict[tuple[str, str], int], when: str) -> list[dict[str, Any]]:
    """``amount`` cents from ``pool``, its largest plan first, as cash distributions on ``when``
    (rounded up to the dollar) or in-plan Roth rollovers on December 1 (rounded down), out of what
    each plan holds beyond its share of the plan's RMD; ``used`` carries what earlier moves of the
    year took."""
    moves: list[dict[str, Any]] = []
    left = amount
    for a in sorted(pool.accounts, key=lambda a: -pool.money(a)):
        s = a.sources
        assert s is not None
        held = pool.money(a)
        non_roth = s.pretax + s.after_tax_contributions + s.after_tax_earnings
        rmd = -(-plans_rmd.get(a.id, 0) * held // non_roth) if non_roth else 0
        room = held - rmd - used.get((a.id, pool.key), 0)
        take = min(-(-left // 100) * 100, room // 100 * 100) if kind == "distribution" else min(left, room) // 100 * 100
        if take <= 0:
            continue
        sources = [x for x in pool.sources if (s.pretax if x == "pretax" else s.after_tax_contributions
                                                + s.after_tax_earnings)]
        move = {"move": kind, "sources": sources, "amount": take // 100}
        if kind == "distribution":
            move.update({"date": when, "from": a.id, "to": [{"cash": "rest"}]})
        else:
            move.update({"date": f"{h.tax_year}-12-01", "account": a.id})
        moves.append(move)
        used[(a.id, pool.key)] = used.get((a.id, pool.key), 0) + take
        left -= take
    return moves
