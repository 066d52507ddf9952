"""rothroute benchmarks, each reported as a ratio against a peer measured in the same run.

    python bench/run.py              # about two minutes; prints a Markdown table
    python bench/run.py --quick      # smaller samples

1. Batch federal tax: households a second, rothroute's compiled batch path (and its NumPy
   fallback) against taxsim-py's Rust engine, on the same households (one tax year, and two).
2. One household in process: rothroute's ``evaluate`` of the seed household, and its whole
   ``compare`` (every strategy built, priced and ranked), against
   taxsim-py and Tax-Calculator pricing one household.
3. ``rothroute evaluate FILE --json`` and ``rothroute compare FILE`` as fresh processes, against a fresh ``python -c pass``
   and a fresh ``import taxsim_py``; ``rothroute evaluate`` of the seed household living in New York.
4. State income tax (``bench/state_speed.py``): the state batch path against taxsim-py's state
   calculation on the same households of every state rothroute has a file for, and one household
   in process with its state.
The machines are shared and noisy: every figure is the best of several repeats.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import state_speed  # noqa: E402
from rothroute import evaluate, load_path  # noqa: E402
from rothroute.tax.batch import columns_from_inputs, federal_tax_batch  # noqa: E402
from tests.crosscheck import peers  # noqa: E402
from tests.crosscheck.households import generate, to_inputs  # noqa: E402


def best(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def batch(n: int, years: tuple[int, ...], repeats: int) -> list[tuple[str, float, float]]:
    from taxsim_py import calculate_taxes

    pool = [h for h in generate(max(3000, n // 20), years=years) if peers.taxsim_unsupported_reason(h) is None
            and not (h["tax_exempt_interest"] and (h["social_security_head"] or h["social_security_spouse"]))]
    households = [pool[i % len(pool)] for i in range(n)]
    frame = peers._taxsim_frame(peers.normalize_households(households), transfers=False)
    cols = columns_from_inputs([to_inputs(h) for h in households])
    for key in cols:
        if key == "tax_table":
            cols[key][:] = False  # the rate schedule, as taxsim-py uses
    calculate_taxes(frame.head(100))
    federal_tax_batch(cols, engine="numba")
    federal_tax_batch(cols, engine="numpy")
    t_peer = best(lambda: calculate_taxes(frame), repeats)
    t_numba = best(lambda: federal_tax_batch(cols, engine="numba"), repeats)
    t_numpy = best(lambda: federal_tax_batch(cols, engine="numpy"), repeats)
    label = "+".join(map(str, years))
    return [(f"batch {n:,} households, {label}: rothroute compiled", n / t_numba, t_peer / t_numba),
            (f"batch {n:,} households, {label}: rothroute NumPy", n / t_numpy, t_peer / t_numpy),
            (f"batch {n:,} households, {label}: taxsim-py (Rust)", n / t_peer, 1.0)]


def single(repeats: int) -> list[tuple[str, float, float]]:
    from taxsim_py import calculate_taxes

    household = load_path(ROOT / "examples" / "seed.yaml")
    evaluate(household)
    calls = 2000
    t_ours = best(lambda: [evaluate(household) for _ in range(calls)], repeats) / calls
    one = [h for h in generate(50, years=(2025,)) if peers.taxsim_unsupported_reason(h) is None][:1]
    frame = peers._taxsim_frame(peers.normalize_households(one), transfers=False)
    calculate_taxes(frame)
    t_taxsim = best(lambda: calculate_taxes(frame), repeats)
    peers.taxcalc_compute(one)
    t_taxcalc = best(lambda: peers.taxcalc_compute(one), max(2, repeats // 2))
    strategies = [load_path(ROOT / "examples" / f"{name}.yaml") for name in
                  ("seed", "seed_split_rollover", "seed_in_plan_roth_rollover", "seed_all_to_roth_ira")]
    t_strategies = best(lambda: [[evaluate(s) for s in strategies] for _ in range(200)], repeats) / 200
    from rothroute.compare import compare

    compare(household)
    t_compare = best(lambda: [compare(household) for _ in range(100)], repeats) / 100
    return [("one household in process: rothroute evaluate (ms)", t_ours * 1e3, 1.0),
            ("seed scenario, all 4 strategy files evaluated with their moves (ms)", t_strategies * 1e3,
             t_taxsim / t_strategies),
            ("seed comparison in process: rothroute compare, all strategies built, priced, ranked (ms)",
             t_compare * 1e3, t_taxsim / t_compare),
            ("one household in process: taxsim-py (ms)", t_taxsim * 1e3, t_taxsim / t_ours),
            ("one household in process: Tax-Calculator (ms)", t_taxcalc * 1e3, t_taxcalc / t_ours)]


def fresh(repeats: int) -> list[tuple[str, float, float]]:
    exe = Path(sys.executable).with_name("rothroute")
    seed = ROOT / "examples" / "seed.yaml"
    # as on a user's machine: Python keeps compiled bytecode (these machines set
    # PYTHONDONTWRITEBYTECODE, which would recompile every module of every program each time)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def wall(cmd: list[str]) -> float:
        subprocess.run(cmd, check=True, capture_output=True, env=env)  # warm-up: writes the bytecode
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    t_ours = wall([str(exe), "evaluate", str(seed), "--json"])
    with tempfile.TemporaryDirectory() as folder:
        t_state = wall([str(exe), "evaluate", str(state_speed.seed_file(folder)), "--json"])
    t_compare = wall([str(exe), "compare", str(seed)])
    t_python = wall([sys.executable, "-c", "pass"])
    t_taxsim = wall([sys.executable, "-c", "import taxsim_py"])
    return [("fresh process: rothroute evaluate --json (ms)", t_ours * 1e3, 1.0),
            ("fresh process: rothroute evaluate --json, the seed in New York (ms)", t_state * 1e3, t_ours / t_state),
            ("fresh process: rothroute compare, the table (ms)", t_compare * 1e3, t_taxsim / t_compare),
            ("fresh process: python -c pass (ms)", t_python * 1e3, t_python / t_ours),
            ("fresh process: python -c 'import taxsim_py' (ms)", t_taxsim * 1e3, t_taxsim / t_ours)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller samples, fewer repeats")
    args = parser.parse_args()
    n, repeats = (20_000, 3) if args.quick else (200_000, 5)
    load = os.getloadavg()  # other sessions share the machine: the load is reported with the figures
    rows = batch(n, (2025,), repeats) + batch(n, (2024, 2025), repeats) + single(repeats) + fresh(7 if not args.quick else 3)
    rows += state_speed.batch(n, repeats) + state_speed.single(repeats)
    print(f"| measure | value | ratio (peer time / rothroute time) |\n| --- | ---: | ---: |")
    for label, value, ratio in rows:
        unit = "" if "(ms)" in label else " /s"
        print(f"| {label} | {value:,.3f}{unit} | {ratio:,.1f}x |" if "(ms)" in label
              else f"| {label} | {value:,.0f}{unit} | {ratio:,.1f}x |")
    after = os.getloadavg()
    print(f"\nload average (1, 5, 15 min) on {os.cpu_count()} cores: at the start "
          f"{load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}; at the end {after[0]:.1f}, {after[1]:.1f}, {after[2]:.1f}")


if __name__ == "__main__":
    main()
