"""The taxable shares of money out that the engine found for a re-priced plan: what the model
holds fixed in its next round (the pro-rata rules are not linear, IRC §408(d)(2), §72(e)(8))."""

from __future__ import annotations

from typing import Any

from rothroute.optimize.horizon import Year
from rothroute.optimize.pools import Pools, pool_id
from rothroute.optimize.pools import shares as pool_shares
from rothroute.vocab import NON_ROTH_IRAS


def engine_shares(priced: tuple[Year, ...], shares: dict[str, list[float]], start_pools: Pools) -> dict[str, list[float]]:
    """Each person's taxable share of IRA money out, and each plan pool's, in each year of the
    re-priced plan, as the engine found it: for the IRAs, 1 − Form 8606 line 10 (the basis over the
    December 31 value plus the year's distributions and conversions, IRC §408(d)(2), so a roll-in or
    a rollover of the year counts); for a pool, the taxable part of what its in-plan Roth rollovers
    and cash distributions took (IRC §72(e)(8)). A year with nothing out of it takes the January 1
    ratio; as pretax money grows while basis does not, the share rises year by year."""
    out = {pid: list(v) for pid, v in shares.items()}
    for t, y in enumerate(priced):
        ev = y.evaluation
        h = ev.household
        for p in h.people:
            value = sum(a.value for a in h.accounts if a.owner == p.id and a.kind in NON_ROTH_IRAS)
            form = ev.ira.forms.get(p.id)
            if p.id in out and form is not None and form.l9 > 0:
                out[p.id][t] = 1 - float(form.l10)
            elif p.id in out and value:
                out[p.id][t] = 1 - min(p.ira_basis, value) / value
            for key, share in pool_shares(h, p.id, start_pools).items():
                if key in out:
                    out[key][t] = share
            for pool in start_pools.get(p.id, []):
                key = pool_id(p.id, pool.key)
                taxable, amount = _pool_out(ev, pool)
                if key in out and amount:
                    out[key][t] = taxable / amount
    return out


def _pool_out(ev: Any, pool: Any) -> tuple[int, int]:
    """The taxable part and the whole of what the year's in-plan Roth rollovers and cash
    distributions (the RMDs of January 2 aside) took out of ``pool`` (cents)."""
    ids = {a.id for a in pool.accounts}
    taxable = amount = 0
    for i, m in enumerate(ev.household.moves):
        account = m.get("account") if m["move"] == "in_plan_roth_rollover" else m.get("from")
        paid = m["move"] == "distribution" and all("cash" in d for d in m.get("to", ())) \
            and not str(m["date"]).endswith("-01-02")
        if account in ids and (m["move"] == "in_plan_roth_rollover" or paid) and set(m.get("sources", ())) <= set(
                pool.sources):
            r = ev.ira.results.get(i)
            if r is not None and r.permitted:
                taxable += r.taxable
                amount += r.taxable + r.nontaxable
    return taxable, amount
