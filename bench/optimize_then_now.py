"""rothroute's optimizer on the federal-only households of 2026-12-03, in the form they had then, priced by
the code of an earlier commit and by this checkout's, against Owl's exact mode in the same run (issue #14
item 8: the solve times no worse than before state tax).

    python bench/optimize_then_now.py            # against 55d7eb4, the commit before the first state commit
    python bench/optimize_then_now.py --then REV

The earlier commit is checked out in a temporary git worktree (removed after); its bench's own ``owl_plan``
and ``household`` make the files (Social Security as Owl's first-year benefits, no deaths, no state). Each
time is the median of three: Owl's in this process, each commit's ``optimize`` in a fresh process of its own
(wall, and the process's CPU: HiGHS's threads included), with the load average at the start and the end.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
TIMER = """
import json, statistics, sys, time
from fractions import Fraction
from rothroute import load_text
from rothroute.optimize.horizon import Assumptions
from rothroute.optimize.plan import optimize
A = Assumptions(growth=Fraction(5, 100), inflation=Fraction(25, 1000), heirs_rate=Fraction(24, 100))
jobs = json.load(open(sys.argv[1]))
optimize(load_text(jobs[0]["text"]), jobs[0]["years"], A, with_baselines=False)  # imports and caches, untimed
out = {}
for j in jobs:
    h = load_text(j["text"])
    walls, cpus = [], []
    for _ in range(3):
        start, cpu = time.perf_counter(), time.process_time()
        optimize(h, j["years"], A, with_baselines=False)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    out[j["name"]] = [statistics.median(walls), statistics.median(cpus)]
print(json.dumps(out))
"""


def _timed(src: pathlib.Path, jobs: pathlib.Path, work: pathlib.Path) -> dict[str, list[float]]:
    timer = work / "timer.py"
    timer.write_text(TIMER)
    done = subprocess.run([sys.executable, str(timer), str(jobs)], env={**os.environ, "PYTHONPATH": str(src)},
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--then", default="55d7eb4", help="the earlier commit (default: before state tax)")
    args = parser.parse_args()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        then = work / "then"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(then), args.then], check=True)
        try:
            sys.path.insert(0, str(then / "bench"))
            import optimize_owl as old  # the earlier commit's bench: its households and Owl's runs

            jobs, owl = [], {}
            for c in old.COUPLES:
                _, _, ss, years = old.owl_plan(c, old.OWL_MODES[0][1])
                owl[c[0]] = statistics.median(old.owl_plan(c, old.OWL_MODES[2][1])[0] for _ in range(3))
                jobs.append({"name": c[0], "years": years, "text": old.household(c, ss)})
            path = work / "jobs.json"
            path.write_text(json.dumps(jobs))
            before, now = _timed(then / "src", path, work), _timed(ROOT / "src", path, work)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(then)], check=False)
    end = os.getloadavg()
    print(f"load average (1, 5, 15 min) at the start {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}; "
          f"at the end {end[0]:.2f}, {end[1]:.2f}, {end[2]:.2f}\n")
    print(f"| household | Owl irmaa + ss exact | rothroute {args.then} | faster by | rothroute now | faster by | "
          f"CPU {args.then} | CPU now | now against {args.then}: wall, CPU |\n"
          "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for j in jobs:
        n = j["name"]
        (bw, bc), (nw, nc) = before[n], now[n]
        print(f"| {n} ({j['years']} years) | {owl[n]:.2f} | {bw:.2f} | {owl[n] / bw:.1f}x | "
              f"{nw:.2f} | {owl[n] / nw:.1f}x | {bc:.2f} | {nc:.2f} | {bw / nw:.2f}x, {bc / nc:.2f}x |")


if __name__ == "__main__":
    main()
