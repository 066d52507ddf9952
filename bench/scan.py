"""`rothroute scan` at scale: a synthetic book of a million households (a recordkeeper's mix),
scanned with the comparison on this machine's cores; the same scan on a Dask LocalCluster with
one and with two workers; the per-household cost against `rothroute compare` one household at a
time in process; peak memory.

    python bench/scan.py                      # 1,000,000 households (about 10 minutes in all)
    python bench/scan.py --rows 100000 --dask-rows 50000 --sample 200   # a quick look
    python bench/scan.py --folder DIR --only dask      # the Dask pair alone, on the book kept in DIR

The Dask pair scans the whole book by default (issue #17: "the same scan with one and with two
workers"): a cluster's fixed start (the workers' processes, their imports, the compiled kernels'
cache) is then a small part of the run, as it is for a book that needs a cluster.

The book: tests/scan/synthetic.py (most households with plan money, some with after-tax money, IRAs
with and without basis, about 2% that the fast path leaves to compare itself: RMD ages, two plans,
pooled after-tax money, SEP IRAs, Roth IRA layers, and cells the loader refuses). Figures go in
bench/README.md.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from rothroute.scan.book import COLUMN_TYPES  # noqa: E402
from tests.scan.synthetic import row  # noqa: E402

TEXT = {"p1_born", "income_wages"}  # the synthetic book's refused cells are text there
ARROW = {"money": pa.decimal128(14, 2), "int": pa.int64(), "bool": pa.bool_(), "date": pa.date32(),
         "text": pa.string(), "layers": pa.string(), "sources": pa.string()}
SCHEMA = pa.schema([(n, pa.string() if n in TEXT else ARROW[t]) for n, t in COLUMN_TYPES.items()])


def write_book(path: Path, rows: int, seed: int, odd: float) -> float:
    started = time.perf_counter()
    rng = random.Random(seed)
    with pq.ParquetWriter(path, SCHEMA) as writer:
        for start in range(0, rows, 50_000):
            chunk = [row(rng, start + i, odd=odd) for i in range(min(50_000, rows - start))]
            columns = {}
            for name in SCHEMA.names:
                values = [r.get(name) for r in chunk]
                if name in TEXT:
                    values = [None if v is None else str(v) for v in values]
                columns[name] = pa.array(values, type=SCHEMA.field(name).type)
            writer.write_table(pa.table(columns, schema=SCHEMA))
    return time.perf_counter() - started


def load() -> str:
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def run_scan(book: Path, out: Path, *extra: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (the command and its workers) and the peak resident memory of its
    largest process (MB) of one scan. The CPU seconds say what the scan costs on a machine shared
    with others' jobs, where the wall time says how much of the machine it got."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, sys.executable, "-m", "rothroute", "scan", str(book), "--out",
                           str(out), *extra], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(done.stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return seconds, cpu, int(done.stderr.strip().splitlines()[-1]) / 1024


# runs the command and writes the peak resident memory of its largest process (the command or one of
# its workers, KB) on standard error: this run's alone, not the bench's earlier runs'
PEAK = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
        "sys.exit(r.returncode)")


def per_household(book: Path, sample: int) -> tuple[float, int]:
    """CPU seconds a household for `rothroute compare` one at a time in process (the household read from
    its row, compared), over ``sample`` rows of the book."""
    from rothroute.compare import NoStrategyError, compare
    from rothroute.errors import HouseholdFileError
    from rothroute.scan.book import household_from_row

    table = pq.ParquetFile(book).read_row_group(0).slice(0, sample)
    records = [{k: v for k, v in r.items() if v is not None} for r in table.to_pylist()]
    compare(household_from_row(records[0]))  # warm
    started = time.process_time()  # CPU seconds, as the scan's are counted (the machine is shared)
    n = 0
    for r in records:
        try:
            compare(household_from_row(r))
            n += 1
        except (HouseholdFileError, NoStrategyError):
            n += 1
    return (time.process_time() - started) / len(records), n


def warm_state_kernels() -> None:
    """Every state's compiled kernels in the user's cache (a large book's scan prices the state batch
    compiled: scan.run.state_engine), so that none compiles in a timed run."""
    from rothroute.params.states import state_files
    from rothroute.state import compiled

    if compiled.available():
        for code, f in sorted(state_files().items()):
            for year in f.years:
                compiled.prepared(code, year, ())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dask-rows", type=int, default=None,
                        help="rows of the Dask one-vs-two-worker runs (default: the whole book)")
    parser.add_argument("--only", choices=("pool", "dask", "compare"), action="append",
                        help="run only these parts (repeat; default: all three)")
    parser.add_argument("--sample", type=int, default=1000, help="households compared one at a time")
    parser.add_argument("--odd", type=float, default=0.02, help="share of households the fast path leaves")
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    parts = set(args.only or ("pool", "dask", "compare"))
    folder = args.folder or Path(tempfile.mkdtemp(prefix="rothroute-scan-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    book = folder / "book.parquet"
    made = write_book(book, args.rows, seed=0, odd=args.odd) if not book.exists() else 0.0
    print(f"book: {args.rows:,} households written in {made:.0f} s ({book.stat().st_size / 1e6:.0f} MB)")
    dask_rows = min(args.dask_rows or args.rows, args.rows)
    small = book
    if dask_rows < args.rows:
        small = folder / "book_small.parquet"
        pq.write_table(pq.read_table(book).slice(0, dask_rows), small, row_group_size=50_000)
    warm = folder / "book_warm.parquet"
    pq.write_table(pq.read_table(book).slice(0, 5_000), warm)
    subprocess.run([sys.executable, "-m", "rothroute", "scan", str(warm), "--out", str(folder / "warm.parquet"),
                    "--partition-rows", "1000"], capture_output=True)  # compiled kernels cached, files warm
    warm_state_kernels()
    cpu = None
    if "pool" in parts:
        before = load()
        seconds, cpu, peak = run_scan(book, folder / "out.parquet")
        t = pq.read_table(folder / "out.parquet", columns=["status", "path"])
        paths = t.column("path").to_pylist()
        fast = paths.count("fast")
        print(f"load average before: {before}")
        print(f"scan, process pool (2 workers): {args.rows:,} households in {seconds:.1f} s = "
              f"{args.rows / seconds:,.0f} a second; fast path {fast:,} ({fast / args.rows:.1%}), exact "
              f"{paths.count('exact'):,}; CPU {cpu:,.0f} s ({args.rows / cpu:,.0f} households a CPU-second); peak "
              f"memory of one process {peak:,.0f} MB; load average after: {load()}")
    if "dask" in parts:
        before = load()
        one, cpu1, _ = run_scan(small, folder / "dask1.parquet", "--dask", "--workers", "1", "--partition-rows", "10000")
        two, cpu2, _ = run_scan(small, folder / "dask2.parquet", "--dask", "--workers", "2", "--partition-rows", "10000")
        same = (folder / "dask1.parquet").read_bytes() == (folder / "dask2.parquet").read_bytes()
        print(f"dask LocalCluster, {dask_rows:,} households (load average before: {before}): 1 worker {one:.1f} s, "
              f"2 workers {two:.1f} s, speed-up {one / two:.2f}x; CPU {cpu1:.0f} s and {cpu2:.0f} s; outputs "
              f"identical: {same}; load average after: {load()}")
    if "compare" in parts:
        each, _ = per_household(book, args.sample)
        scan_each = None if cpu is None else cpu / args.rows  # CPU-seconds a household
        print(f"compare one household at a time in process: {each * 1e3:.2f} CPU-ms"
              + ("" if scan_each is None else f"; the scan: {scan_each * 1e3:.3f} CPU-ms a household; ratio "
                 f"{each / scan_each:,.0f}x"))


if __name__ == "__main__":
    main()
