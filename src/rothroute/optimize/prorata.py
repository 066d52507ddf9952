"""The taxable shares of money out that the engine found for a re-priced plan: what the model
holds fixed in its next round (the pro-rata rules are not linear, IRC §408(d)(2), §72(e)(8))."""

from __future__ import annotations

from rothroute.optimize.horizon import Year
from rothroute.optimize.pools import Pools
from rothroute.optimize.pools import shares as pool_shares
from rothroute.vocab import NON_ROTH_IRAS


def engine_shares(priced: tuple[Year, ...], shares: dict[str, list[float]], start_pools: Pools) -> dict[str, list[float]]:
    """Each person's taxable share of IRA money out, and each plan pool's, in each year of the
    re-priced plan, as the engine found it. For the IRAs, 1 − Form 8606 line 10: the basis over the
    December 31 value plus the year's distributions and conversions (IRC §408(d)(2)), so a roll-in
    or a rollover of the year counts; a year with nothing out takes the January 1 ratio, and as
    pretax money grows while basis does not, the share rises year by year. For a pool, its ratio on
    January 1: every move takes its plans' pretax and after-tax money pro rata (IRC §72(e)(8)),
    spread over the plans in proportion to what they hold, roll-ins go only into pools without
    basis, and plans holding pre-1987 money (recovered first) are not pooled."""
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
    return out
