"""State income tax against PolicyEngine-US on the state cross-check's random households (bench
only: importing PolicyEngine-US takes 20-60 s; it is a dependency of the ``bench`` extra, AGPL,
called as a library and never copied).

    pip install -e '.[bench]' && python bench/crosscheck_policyengine_state.py [N per state] [--show K]

The households are those of ``tests/crosscheck/state_peers.py`` (the taxsim-py cross-check's
generator: retirees around the age tests with pensions, IRA withdrawals, Roth conversions and
Social Security, workers with wages; single and joint), N for every state rothroute has a file
for, over 2024, 2025 and 2026. Compared: rothroute's state income tax after nonrefundable
credits, before refundable ones, with Washington's capital gains tax (``income_tax`` +
``capital_gains_tax``; local taxes apart), against PolicyEngine-US's
``state_income_tax_before_refundable_credits`` (which adds Washington's capital gains tax and
leaves Maryland's county tax apart). Each person's income goes to PolicyEngine as rothroute
reads it: the pension as a private pension, IRA withdrawals, Roth conversions and Social Security
on the person who had them, the investment income half each spouse's on a joint return.

Prints the agreement per state (within $1), each difference sorted into the kinds of
``KINDS`` (explained in docs/crosscheck.md; each kind is proved by re-running rothroute under
PolicyEngine's reading, as the taxsim-py cross-check does), and the first unexplained
households of each state. Exit 1 when any difference is unexplained.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from rothroute.params.states import state_files  # noqa: E402
from rothroute.state import state_tax  # noqa: E402
from tests.crosscheck import state_peers  # noqa: E402

YEARS = (2024, 2025, 2026)
TOLERANCE = 1.0


def ours(h: dict[str, Any]) -> float | None:
    """rothroute's state income tax and capital gains tax of ``h`` (dollars); None when the year
    is not computed."""
    result = state_tax(state_peers.state_inputs(h))
    if result.income_tax is None:
        return None
    return (result.income_tax + (result.capital_gains_tax or 0)) / 100


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("per_state", nargs="?", type=int, default=120)
    parser.add_argument("--show", type=int, default=3, help="unexplained households shown for each state")
    parser.add_argument("--states", default="", help="comma-separated codes (default: every state file)")
    parser.add_argument("--dump", metavar="FILE", help="write every household with both figures and PolicyEngine's "
                        "state AGI and taxable income (JSON lines), to study the differences")
    args = parser.parse_args()
    states = tuple(args.states.split(",")) if args.states else tuple(sorted(state_files()))
    households = state_peers.generate(args.per_state, states, years=YEARS)
    import pe_state_kinds

    start = time.perf_counter()
    import policyengine_peer
    from policyengine_us import Simulation  # noqa: F401

    t_import = time.perf_counter() - start
    start = time.perf_counter()
    # and the amounts PolicyEngine imputes that a kind re-runs with (pe_state_kinds.PEER_AMOUNTS)
    wanted = ("state_income_tax_before_refundable_credits", "state_agi", "state_taxable_income",
              *pe_state_kinds.PEER_AMOUNTS)
    detail = policyengine_peer.policyengine_state(households, wanted)
    peer = [d["state_income_tax_before_refundable_credits"] for d in detail]  # type: ignore[index]
    t_peer = time.perf_counter() - start
    start = time.perf_counter()
    mine = [ours(h) for h in households]
    t_ours = time.perf_counter() - start

    if args.dump:
        import json

        with open(args.dump, "w") as out:
            for h, m, d in zip(households, mine, detail, strict=True):
                out.write(json.dumps({"household": h, "rothroute": m, "policyengine": d}) + "\n")

    table: dict[str, Counter] = defaultdict(Counter)
    unexplained: dict[str, list] = defaultdict(list)
    for h, m, theirs, d in zip(households, mine, peer, detail, strict=True):
        state = h["state"]
        if m is None:
            table[state]["not computed"] += 1
            continue
        if abs(m - theirs) <= TOLERANCE:
            table[state]["agree"] += 1
            continue
        kind = pe_state_kinds.explained_by(pe_state_kinds.with_peer_amounts(h, d), theirs)
        if kind is None:
            table[state]["unexplained"] += 1
            unexplained[state].append((h, m, theirs))
        else:
            table[state][kind] += 1
    print(f"households: {len(households)} ({args.per_state} a state, {len(states)} states, {YEARS[0]}-{YEARS[-1]})")
    print(f"PolicyEngine-US: import {t_import:.1f} s, run {t_peer:.1f} s ({len(wanted)} variables); "
          f"rothroute single path {t_ours:.2f} s\n")
    print("| state | households | agree within $1 | explained (kinds) | unexplained |")
    print("| --- | ---: | ---: | --- | ---: |")
    for state in states:
        c = table[state]
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(c.items()) if k not in ("agree", "unexplained"))
        print(f"| {state} | {sum(c.values())} | {c['agree']} | {kinds} | {c['unexplained']} |")
    total = Counter()
    for c in table.values():
        total.update(c)
    print(f"\nall: {sum(total.values())} households, {total['agree']} agree, {total['unexplained']} unexplained")
    for state in states:
        for h, m, theirs in unexplained[state][:args.show]:
            shown = {k: v for k, v in h.items() if v and k not in ("state",)}
            print(f"UNEXPLAINED {state} rothroute {m:,.2f} policyengine {theirs:,.2f} (diff {m - theirs:+,.2f}) {shown}")
    return 1 if total["unexplained"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
