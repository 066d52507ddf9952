"""The money invariants of tests/property/invariants.py at scale: 10^6 random valid move lists (issue #13 item 5).

    python bench/properties.py                  # 10^6 move lists on every core; about 30 minutes on 2 cores
    python bench/properties.py --lists 100000   # fewer
    python bench/properties.py --start 5000000  # other seeds

The same households, move lists and checks as tests/property/test_move_invariants.py (which runs 10^4 in CI):
each seed is a household with four move lists, read from its JSON text (every other one from its YAML text
too, one in ten evaluated from both), each list evaluated and checked: money and basis conserved to the cent,
taxable between 0 and the amount moved, no negative balance. Seeds are consecutive from --start, so a failure
is reproduced by ``tests.property.test_move_invariants.run(seed)``. Prints the count, the failures (seed and
message) and the time.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.property.test_move_invariants import LISTS, run  # noqa: E402


def _chunk(bounds: tuple[int, int]) -> tuple[int, list[tuple[int, str]]]:
    checked, failures = 0, []
    for seed in range(*bounds):
        try:
            checked += run(seed)
        except Exception as exc:  # noqa: BLE001 - every failure is reported with its seed
            where = traceback.extract_tb(exc.__traceback__)[-1]
            failures.append((seed, f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}: "
                                   f"{str(exc)[:300]}"))
    return checked, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=int, default=1_000_000, help="move lists to check (default 10^6)")
    parser.add_argument("--start", type=int, default=0, help="first seed")
    parser.add_argument("--processes", type=int, default=multiprocessing.cpu_count())
    a = parser.parse_args()
    households = -(-a.lists // LISTS)
    step = 250
    chunks = [(s, min(s + step, a.start + households)) for s in range(a.start, a.start + households, step)]
    began = time.perf_counter()
    checked, failures = 0, []
    # a fresh process for every chunk: reading a household file keeps every YAML node it read (a module-level
    # SafeConstructor in rothroute.textdoc caches them), about 0.14 MB a household here
    with multiprocessing.Pool(a.processes, maxtasksperchild=1) as pool:
        for n, (count, bad) in enumerate(pool.imap_unordered(_chunk, chunks), 1):
            checked += count
            failures += bad
            if n % 40 == 0 or n == len(chunks):
                print(f"  {checked:,} move lists, {len(failures)} failures, {time.perf_counter() - began:,.0f} s",
                      file=sys.stderr)
    seconds = time.perf_counter() - began
    print(f"move lists checked: {checked:,} ({households:,} households, seeds {a.start}-{a.start + households - 1}); "
          f"failures: {len(failures)}; {seconds:,.0f} s on {a.processes} processes "
          f"({seconds / checked * 1000 * a.processes:.2f} ms a move list a process)")
    for seed, message in sorted(failures)[:50]:
        print(f"seed {seed}: {message}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
