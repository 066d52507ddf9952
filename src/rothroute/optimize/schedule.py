"""A plan's decisions as each year's moves (records), for the engine to price:
conversions, withdrawals and Roth IRA withdrawals per person; draws, direct rollovers out,
roll-ins and in-plan Roth rollovers per plan pool (``pools``)."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping, Sequence

from rothroute.household.model import Household
from rothroute.household.moves import Conversion, Move, Qcd, RollIn, Withdrawal
from rothroute.moves.rmd import required_minimums, rmd_moves
from rothroute.optimize import taxable_account
from rothroute.optimize.horizon import Pricer, net_of_qcds, taken_from, when
from rothroute.optimize.pools import Pools, plan_moves, pool_id, usage
from rothroute.moves.plan import IRA_TARGETS
from rothroute.roth_ira import age_59_half_on, age_70_half_on
from rothroute.vocab import NON_ROTH_IRAS, AccountKind


def schedule(conversions: Mapping[str, Sequence[int]], start: int,
              withdrawals: Mapping[str, Sequence[int]] | None = None,
              roth_withdrawals: Mapping[str, Sequence[int]] | None = None, *,
              start_pools: Pools | None = None, rollovers: Mapping[str, Sequence[int]] | None = None,
              roll_ins: Mapping[str, Sequence[int]] | None = None,
              qcds: Mapping[str, Sequence[int]] | None = None, sales: Sequence[int] | None = None) -> Any:
    """A policy doing, in the plan's year t, person p's ``conversions[p][t]`` (December 1) and
    ``withdrawals[p][t]`` (after the RMD) from their IRAs, largest first, and
    ``roth_withdrawals[p][t]`` from their Roth IRA, all in cents, whole dollars; the same from
    each of the plan pools ``start_pools`` (keyed ``person:pool``), ``rollovers`` out of them and
    ``roll_ins`` of pretax IRA money into them; ``qcds``, person p's qualified charitable distributions
    (on January 2, or the day p attains 70½ when later that year), from the largest IRAs first: they pay
    the year's RMD as far as they go (``horizon.net_of_qcds`` takes them off its withdrawals); ``sales``,
    what is sold from the taxable accounts each year (``taxable_account.sales``: in proportion to their
    values, on January 3; what the year does not need is bought back at its end, a harvest)."""
    def policy(h: Household, price: Pricer) -> list[Move]:
        t = h.tax_year - start
        _, plans_rmd = required_minimums(h)
        first = rmd_moves(h)  # the year's RMDs, which ``run`` takes first (net of the QCDs)
        moves: list[Move] = []

        def room(account: Any, more: Sequence[Move] = ()) -> int:
            """What ``account`` holds beyond what the year's moves so far (and ``more``, being made) take:
            the one count, ``taken_from``."""
            made = moves + list(more)
            return account.value - taken_from(net_of_qcds(first, made, h) + made).get(account.id, 0)

        for p in h.people:
            pid = p.id
            own = sorted((a for a in h.accounts if a.owner == pid and a.kind in NON_ROTH_IRAS), key=lambda a: -a.value)
            moves += _qcds(h, p, own, (qcds or {}).get(pid, []), t, moves)
            roth = next(a for a in h.accounts if a.owner == pid and a.kind is AccountKind.ROTH_IRA)
            own_pools = [pool.resolve(h) for pool in (start_pools or {}).get(pid, [])]
            for kind, plan, on in (("withdrawal", withdrawals, when(p, h.tax_year)),
                                     ("conversion", conversions, _dt.date(h.tax_year, 12, 1))):
                if kind == "conversion":  # roll-ins come before: they lower the IRAs' December 31 value
                    moves += _roll_ins(h, p, [a for a in own if a.kind in IRA_TARGETS], own_pools, roll_ins or {},
                                       t, room)
                left = whole_dollars((plan or {}).get(pid, []), t, up=kind == "withdrawal")
                for a in own:
                    # all the account holds when the plan asks for that within the dollar of rounding (the model
                    # empties it: the cents go too), else the year's whole dollars
                    held = room(a)
                    take = held if 0 < left >= held - 100 else left
                    if take > 0:
                        moves.append(Conversion(on=on, from_account=a.id, to_account=roth.id, amount=take)
                                     if kind == "conversion" else Withdrawal(on=on, from_account=a.id, amount=take))
                        left -= take
            # former employers' plans: draws first (they come out in January), then in-plan Roth rollovers,
            # out of what each plan holds beyond its RMD; a current employer's plan: in-plan Roth rollovers
            # a plan's money rolls to a traditional or SEP IRA, never a SIMPLE IRA (IRC §408(p)), and the
            # roll-ins come from them too
            rollable = [a for a in own if a.kind in IRA_TARGETS]
            targets = (rollable[0].id if rollable else "", roth.id)
            for plan, kind in ((withdrawals, "distribution"), (rollovers, "rollover"),
                               (conversions, "in_plan_roth_rollover")):
                for pool in own_pools:
                    if kind != "in_plan_roth_rollover" and not pool.drawn_in(h.tax_year):
                        continue
                    per_year = (plan or {}).get(pool_id(pid, pool.key), [])
                    moves += plan_moves(h, p, pool, kind, whole_dollars(per_year, t, up=kind == "distribution"), plans_rmd,
                                        usage(own_pools, moves), when(p, h.tax_year), targets)
            # from each of the person's Roth IRAs, largest first (a survivor's own and the spouse's, kept apart),
            # within what comes out free of the 10% tax before 59½ (the Roth IRAs together)
            free = _free_before_59_half(h, p)
            left = min(whole_dollars((roth_withdrawals or {}).get(pid, []), t, up=True), free)
            for a in sorted((a for a in h.accounts if a.owner == pid and a.kind is AccountKind.ROTH_IRA),
                            key=lambda a: -a.value):
                held = room(a)
                take = min(held if 0 < left >= held - 100 else left, free)
                if take > 0:
                    moves.append(Withdrawal(on=when(p, h.tax_year), from_account=a.id, amount=take))
                    left -= take
                    free -= take
        if sales and t < len(sales) and sales[t] > 0:
            moves += taxable_account.sales(h, sales[t])
        return moves
    return policy


def whole_dollars(per_year: Sequence[int], t: int, *, up: bool) -> int:
    """Year ``t``'s amount of ``per_year`` (cents, the model's) in whole dollars, rounded so that the
    amounts to date are the model's to date rounded (``up``: money spent, which the cash it funds needs
    whole; else down, a conversion): each year within a dollar of the model's, and the rounding never
    accumulates, so what the engine's accounts hold stays within a dollar of the model's balances."""
    def rounded(cents: int) -> int:
        return -(-cents // 100) * 100 if up else cents // 100 * 100

    done = sum(per_year[:t])
    return max(0, rounded(done + (per_year[t] if t < len(per_year) else 0)) - rounded(done))


def _free_before_59_half(h: Household, p: Any) -> int:
    """Cents (whole dollars) of the person's Roth IRAs that come out this year free of the 10% tax when
    they are under 59½ on the day of the withdrawal (no limit otherwise): the regular contributions, then
    the conversions whose 5-taxable-year period has ended, the oldest first (IRC §408A(d)(3)(F), (d)(4)(B)).
    The model keeps its Roth ladder within these; rounding its dollars (conversions down, withdrawals up)
    could otherwise reach a dollar or two into a younger conversion."""
    if when(p, h.tax_year) >= age_59_half_on(p):
        return 1 << 62
    free = p.roth_ira.contributions + sum(x.taxable + x.nontaxable for x in p.roth_ira.conversions
                                          if x.year + 5 <= h.tax_year)
    return free // 100 * 100


def _qcds(h: Household, p: Any, own: list[Any], per_year: Sequence[int], t: int, moves: list[Move]) -> list[Move]:
    """The year's QCDs (whole dollars, rounded down) from the person's IRAs, largest first. A QCD pays the
    RMD first (``net_of_qcds`` takes it off the RMD's withdrawals, the largest IRA's first, as the QCDs
    come), so its room is what the account holds beyond the year's other moves."""
    amount = (per_year[t] if t < len(per_year) else 0) // 100 * 100
    on = max(_dt.date(h.tax_year, 1, 2), age_70_half_on(p))
    if amount <= 0 or on.year != h.tax_year:
        return []
    made: list[Move] = []
    taken = taken_from(moves)
    for a in own:
        take = min(amount, (a.value - taken.get(a.id, 0)) // 100 * 100)
        if take > 0:
            made.append(Qcd(on=on, from_account=a.id, amount=take))
            amount -= take
    return made


def _roll_ins(h: Household, p: Any, own: list[Any], own_pools: list[Any], roll_ins: Mapping[str, Sequence[int]],
              t: int, room: Any) -> list[Move]:
    """The year's roll-ins of pretax IRA money (whole dollars, rounded down) into each pool's largest
    plan, out of the pretax money the year's RMD and withdrawals leave: they are taken to have
    carried basis first, as Form 8606 allocates it (IRC §408(d)(3)(H)). What a plan receives may
    be paid out again the same year (``pools.usage`` counts it back)."""
    moves: list[Move] = []
    out_already = sum(a.value - room(a) for a in own)
    pretax_left = sum(a.value for a in own) - out_already - max(0, p.ira_basis - out_already)
    for pool in own_pools:
        left = min(whole_dollars(roll_ins.get(pool_id(p.id, pool.key), []), t, up=False), pretax_left // 100 * 100)
        if left <= 0 or not pool.accounts:
            continue
        target = max(pool.accounts, key=lambda a: pool.money(a))
        for a in own:
            take = min(left, room(a, moves) // 100 * 100)
            if take > 0:
                moves.append(RollIn(on=_dt.date(h.tax_year, 1, 3), from_account=a.id, to_account=target.id,
                                    amount=take))
                left -= take
                pretax_left -= take
    return moves


def following(solution: Any, start: int, start_pools: Pools) -> Any:
    """The policy carrying out every decision of a model solution (``model.Solution``, dollars),
    from the year ``start``."""
    return schedule(cents(solution.conversions), start, cents(solution.withdrawals), cents(solution.roth_withdrawals),
                    start_pools=start_pools, rollovers=cents(solution.rollovers), roll_ins=cents(solution.roll_ins),
                    qcds=cents(solution.qcd), sales=[int(v * 100) for v in solution.sales])


def cents(per_person: Mapping[str, Sequence[float]]) -> dict[str, list[int]]:
    return {pid: [int(v * 100) for v in per_year] for pid, per_year in per_person.items()}
