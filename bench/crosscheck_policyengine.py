"""Federal tax against PolicyEngine-US on the cross-check's random households (bench only:
importing PolicyEngine-US takes 20-60 s, too slow for the test suite).

    pip install -e '.[bench]' && python bench/crosscheck_policyengine.py [N]

Compares AGI, taxable Social Security, taxable income, income tax (line 22, after the credit
for the elderly) and NIIT. Differences beyond $1 are sorted into the kinds explained in
docs/crosscheck.md; anything else is printed and the script exits 1. Also prints the time
PolicyEngine-US took (import, first and warm calculation) beside rothroute's.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from rothroute import federal_tax  # noqa: E402
from tests.crosscheck.households import generate, to_inputs  # noqa: E402

FIELDS = {"agi": "f1040.11", "taxable_social_security": "f1040.6b", "taxable_income": "f1040.15",
          "income_tax": "f1040.22", "niit": "f8960.17"}


def classify(h: dict, ours: dict, peer: dict) -> str | None:
    """The explained kind of a difference, or None."""
    off = {k for k in FIELDS if abs(ours[k] - peer[k]) > 1.0}
    if not off:
        return "agree"
    big = max(abs(ours["agi"]), abs(peer["agi"]))
    if big > 1_000_000 and all(abs(ours[k] - peer[k]) <= max(1.0, 2e-7 * big) for k in FIELDS):
        return "policyengine_float32"
    loss = min(h["long_term_gains"] + h["short_term_gains"], 0) < 0
    if loss and "taxable_social_security" in off:
        return "policyengine_ss_income_floored_at_zero"
    return None


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
    households = generate(n)
    start = time.perf_counter()
    import policyengine_peer  # noqa: F401  (imports nothing heavy yet)
    from policyengine_us import Simulation  # noqa: F401

    t_import = time.perf_counter() - start
    start = time.perf_counter()
    peer = policyengine_peer.policyengine_compute(households, elderly_credit=True)
    t_first = time.perf_counter() - start
    start = time.perf_counter()
    policyengine_peer.policyengine_compute(households, elderly_credit=True)
    t_warm = time.perf_counter() - start
    start = time.perf_counter()
    ours_all = []
    for h in households:
        v = federal_tax(dataclasses.replace(to_inputs(h), tax_table=False)).values
        ours_all.append({k: v[key] / 100 for k, key in FIELDS.items()})
    t_ours = time.perf_counter() - start
    kinds: Counter = Counter()
    unexplained = []
    for h, ours, theirs in zip(households, ours_all, peer):
        kind = classify(h, ours, theirs)
        if kind is None:
            unexplained.append((h, ours, theirs))
        else:
            kinds[kind] += 1
    print(f"households: {n}; " + ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items())))
    print(f"PolicyEngine-US: import {t_import:.1f} s, first run {t_first:.1f} s, warm run {t_warm:.2f} s; "
          f"rothroute single path: {t_ours:.3f} s ({t_warm / t_ours:,.0f}x faster than PolicyEngine-US warm)")
    for h, ours, theirs in unexplained[:10]:
        print("UNEXPLAINED", h, "\n  rothroute", ours, "\n  policyengine", {k: theirs[k] for k in FIELDS})
    return 1 if unexplained else 0


if __name__ == "__main__":
    raise SystemExit(main())
