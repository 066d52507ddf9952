"""The optimizer's mixed-integer program over 56 random couples, timed (no peer: for comparing
rothroute with itself, before and after a change to the model or HiGHS's options).

    python bench/optimize_sweep.py               # about two minutes
    python bench/optimize_sweep.py --limit 10    # each program's time limit (seconds, default 30)
    python bench/optimize_sweep.py --no-steady   # without the program that makes the plan steadier
    python bench/optimize_sweep.py --caps 0,10,100,1000,inf   # what the steadier plan gives up, by cap

Each couple: two people born 1951-1963, IRAs of $200,000-$1,500,000 and $0-$500,000, a Roth IRA of
$0-$200,000, Social Security already claimed, no basis, planned 30 years (the after-tax wealth
goal). Reported: the total, the geometric mean and the count over one second of HiGHS's own time
for the program (``solver.seconds``), and the slowest households; and the part of it spent by the two
linear programs that tidy the plan found (``Solution.tidy_seconds``: the least cash, then the steadier).

``--caps``: on each household's plan found, the steadier program is run once for each cap on what it may
give up (``tidy.STEADY_CAP``, dollars; always within ``STEADY`` of the objective too), each from the
least-cash plan, and reported: the worth given up (the model's objective) and the unsteadiness left (the
year-to-year changes of the conversions plus the Roth IRA withdrawals, dollars) against the least-cash plan's.
The plan kept is the configured cap's; the extra programs' time is in the HiGHS seconds."""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from optimize_owl import A, household  # noqa: E402
from rothroute import load_text  # noqa: E402
from rothroute.optimize.plan import plan_from  # noqa: E402


def couples() -> list[tuple[str, str]]:
    out = []
    for seed, count, tag in ((23, 24, "c"), (11, 16, "b"), (7, 16, "a")):
        rng = random.Random(seed)
        for k in range(count):
            born_a = f"{rng.randint(1951, 1961)}-{rng.randint(1, 12):02d}-15"
            born_b = f"{rng.randint(1951, 1963)}-{rng.randint(1, 12):02d}-01"
            ira_a = rng.choice([200_000, 350_000, 450_000, 600_000, 900_000, 1_500_000])
            ira_b = rng.choice([0, 150_000, 300_000, 500_000])
            roth = rng.choice([0, 30_000, 60_000, 200_000])
            ss_a = rng.choice([1500, 2000, 2400, 3000, 3600]) * 12.0
            ss_b = rng.choice([0, 800, 1500, 2200]) * 12.0
            out.append((f"{tag}{k}", household((f"{tag}{k}", born_a, born_b, ira_a, ira_b, roth, 0, 0), [ss_a, ss_b])))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=float, default=30.0, help="each program's time limit, seconds")
    parser.add_argument("--no-steady", action="store_true", help="leave out the program that makes the plan steadier")
    parser.add_argument("--caps", help="comma-separated caps (dollars, inf for none) to compare the steadier plans")
    args = parser.parse_args()
    from rothroute.optimize import tidy
    if args.no_steady:
        tidy.STEADY = 0.0
    caps = [float(c) for c in args.caps.split(",")] if args.caps else []
    by_cap: dict[float, list[tuple[float, float, float]]] = {c: [] for c in caps}  # (given up, unsteady, before)
    if caps:
        steadier = tidy.steadier

        def compare(h, measures, found, converted, roth_out, values, cap):
            def unsteady() -> float:
                jumps = sum(abs(h.val(b) - h.val(a)) for vs in converted for a, b in zip(vs, vs[1:]))
                return float(jumps + sum(h.val(v) for vs in roth_out.values() for v in vs))

            before = unsteady()
            for c in caps:
                steadier(h, measures, found, converted, roth_out, values, c)
                if tidy.solved(h):
                    by_cap[c].append((sum(found) - sum(float(h.val(m)) for m in measures), unsteady(), before))
                else:  # the program failed: the least-cash plan is kept as it is
                    by_cap[c].append((0.0, before, before))
                tidy.restore(h, values)
            steadier(h, measures, found, converted, roth_out, values, cap)

        tidy.steadier = compare
    times, tidy = {}, {}
    for name, text in couples():
        result = plan_from(load_text(text), 30, A, time_limit=args.limit)
        times[name] = result.solution.seconds
        tidy[name] = result.solution.tidy_seconds
    values = list(times.values())
    mean = math.exp(sum(math.log(max(t, 1e-3)) for t in values) / len(values))
    print(f"couples: {len(values)}; HiGHS seconds: total {sum(values):.1f}, geometric mean {mean:.3f}, "
          f"over 1 s: {sum(t > 1 for t in values)}")
    print("of which the linear programs that tidy the plan (least cash, then steadier): "
          f"total {sum(tidy.values()):.2f} s, "
          f"largest {max(tidy.values()):.3f} s")
    for c, rows in by_cap.items():
        given = [g for g, _, _ in rows]
        left = sum(u for _, u, _ in rows)
        before = sum(b for _, _, b in rows)
        print(f"cap ${c:,.0f}: worth given up total ${sum(given):,.0f}, largest ${max(given, default=0):,.0f}, "
              f"over $100: {sum(g > 100 for g in given)}; unsteadiness left {left / max(before, 1):.1%} of the "
              f"least-cash plans' (${left:,.0f} of ${before:,.0f})")
    print("slowest:", ", ".join(f"{n} {t:.1f} s" for n, t in sorted(times.items(), key=lambda x: -x[1])[:5]))


if __name__ == "__main__":
    main()
