"""A whole scan: inputs into partitions, partitions onto an engine, parts merged into the output.

The work directory (``<out>.scan/`` beside the output) holds the staged book, the scan's
fingerprint and one part a partition. A scan interrupted (Ctrl-C, a lost worker, a killed
machine) is resumed with ``resume=True``: the partitions whose part is there are not done again.
Only when every part is there is the output written, to a temporary file renamed over the
output, with the errors file beside it; then the work directory is removed.

Engines: ``pool`` (a process pool on this machine's cores; a worker that dies is replaced and
its partition done again) and ``dask`` (``dask.distributed``: a LocalCluster, or the scheduler
given; the cluster reschedules the partitions of a lost worker). The output does not depend on
the engine, the number of workers or the partition size: every row is priced on its own, and
the merge writes row groups of a fixed size in household id order.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from rothroute.errors import RothrouteError
from rothroute.scan.partition import Done, Task

ROWS_PER_PARTITION = 20_000
FILES_PER_PARTITION = 200
MAX_ATTEMPTS = 3


class ScanError(RothrouteError):
    """A scan that cannot start or finish (bad inputs, options or work directory); says why."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    goal: str = "least-tax-now"
    optimize_years: int | None = None
    engine: str = "pool"  # pool | dask
    workers: int | None = None  # default: the machine's cores
    scheduler: str | None = None  # dask: an existing scheduler's address
    rows_per_partition: int = ROWS_PER_PARTITION
    fast: bool = True
    csv: bool = False


@dataclass(slots=True, kw_only=True)
class Summary:
    households: int = 0
    priced: int = 0
    refused: int = 0
    failed: int = 0
    fast: int = 0
    partitions: int = 0
    resumed: int = 0  # partitions found done
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # seconds: plan (ids, CSV staged), price, merge
    output: str = ""
    errors: str = ""
    metadata: dict[str, str] = field(default_factory=dict)

    def add(self, d: Done) -> None:
        self.households += d.rows
        self.priced += d.priced
        self.refused += d.refused
        self.failed += d.failed
        self.fast += d.fast


Progress = Callable[[int, int, Summary], None]  # (households done, households in all, summary so far)


def work_dir(out: Path) -> Path:
    return out.with_name(out.name + ".scan")


def _household_files(inputs: Sequence[Path]) -> list[tuple[str, str]]:
    """(id, path) of household files: a file is its own id (its name without the extension), a
    folder's files are named by their path inside it (without the extension)."""
    found: list[tuple[str, str]] = []
    for item in inputs:
        if item.is_dir():
            for p in sorted(item.rglob("*")):
                if p.is_file() and p.suffix.lower() in (".yaml", ".yml", ".json"):
                    found.append((p.relative_to(item).with_suffix("").as_posix(), str(p)))
        else:
            found.append((item.with_suffix("").name, str(item)))
    return found


def _is_table(p: Path) -> bool:
    return p.suffix.lower() in (".parquet", ".pq", ".csv")


def expand(inputs: Sequence[str]) -> list[Path]:
    """INPUT arguments: paths, folders, or glob patterns (expanded here, for shells that do not)."""
    import glob

    out: list[Path] = []
    for text in inputs:
        if any(ch in text for ch in "*?["):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise ScanError(f"INPUT {text}: no file matches")
            out += [Path(m) for m in matches]
        else:
            p = Path(text)
            if not p.exists():
                raise ScanError(f"INPUT {text}: no such file or folder")
            out.append(p)
    return out


def _fingerprint(inputs: Sequence[Path], opts: Options) -> dict[str, Any]:
    from rothroute import __version__

    def stat(p: Path) -> list[Any]:
        s = p.stat()
        return [str(p.resolve()), s.st_size, s.st_mtime_ns]

    files = [stat(q) for p in inputs for q in ([p] if p.is_file() else sorted(p.rglob("*")))
             if q.is_file()]
    return {"version": __version__, "inputs": files, "goal": opts.goal, "optimize_years": opts.optimize_years,
            "rows_per_partition": opts.rows_per_partition, "fast": opts.fast}


def metadata(opts: Options) -> dict[str, str]:
    """What the output file says of the scan: rothroute's version, the goal and the parameter
    years in force (no time, no engine: the file is the same in every mode)."""
    from rothroute import __version__
    from rothroute.params import default_set
    from rothroute.params.legislation import default as legislation

    return {"rothroute.version": __version__, "rothroute.scan.goal": opts.goal,
            "rothroute.scan.optimize_years": "" if opts.optimize_years is None else str(opts.optimize_years),
            "rothroute.parameters.years": ",".join(str(y) for y in default_set().enacted_years),
            "rothroute.law_as_of": legislation().as_of.isoformat()}


def scan(inputs: Sequence[Path], out: Path, errors: Path | None = None, opts: Options = Options(), *,
         resume: bool = False, progress: Progress | None = None) -> Summary:
    """Scan the households of ``inputs`` into ``out`` (and ``errors``: by default beside it,
    ``<out stem>.errors.csv``); see the module docstring."""
    from rothroute.compare import Goal

    started = time.monotonic()
    try:
        Goal(opts.goal)
    except ValueError:
        raise ScanError(f"--goal: expected one of {', '.join(g.value for g in Goal)}; got {opts.goal!r}") from None
    if opts.engine not in ("pool", "dask"):
        raise ScanError(f"engine: expected pool or dask; got {opts.engine!r}")
    tables = [p for p in inputs if _is_table(p)]
    if tables and len(tables) != len(inputs):
        raise ScanError("INPUT: give either book tables (.parquet, .csv) or household files and folders, not both")
    errors = errors or out.with_name(out.stem + ".errors.csv")
    work = work_dir(out)
    fingerprint = _fingerprint(inputs, opts)
    _prepare(work, fingerprint, resume)
    summary = Summary(output=str(out), errors=str(errors), metadata=metadata(opts))
    tasks, total = _tasks(work, inputs, tables, opts)
    summary.phases["plan"] = time.monotonic() - started
    summary.partitions = len(tasks)
    todo = []
    for t in tasks:
        done = _done(t)
        if done is None:
            todo.append(t)
        else:
            summary.add(done)
            summary.resumed += 1
    if progress:
        progress(summary.households, total, summary)
    run = _run_dask if opts.engine == "dask" else _run_pool
    for d in run(todo, opts):
        summary.add(d)
        if progress:
            progress(summary.households, total, summary)
    summary.phases["price"] = time.monotonic() - started - summary.phases["plan"]
    _finish(tasks, out, errors, opts, summary)
    shutil.rmtree(work, ignore_errors=True)
    summary.seconds = time.monotonic() - started
    summary.phases["merge"] = summary.seconds - summary.phases["plan"] - summary.phases["price"]
    return summary


def _prepare(work: Path, fingerprint: dict[str, Any], resume: bool) -> None:
    marker = work / "scan.json"
    if resume and marker.exists():
        try:
            before = json.loads(marker.read_text())
        except (OSError, ValueError):
            before = None
        if before != fingerprint:
            raise ScanError(f"--resume: {work} holds a scan of other inputs or options (or the inputs changed); "
                            "run without --resume to start over")
        return
    if work.exists():
        shutil.rmtree(work)
    (work / "parts").mkdir(parents=True)
    marker.write_text(json.dumps(fingerprint))


def _tasks(work: Path, inputs: Sequence[Path], tables: Sequence[Path], opts: Options) -> tuple[list[Task], int]:
    from rothroute.scan import tables as tb

    common = dict(work=str(work), goal=opts.goal, optimize_years=opts.optimize_years, fast=opts.fast)
    if tables:
        try:
            slices, rows, dups = tb.plan_book(tables, work, opts.rows_per_partition)
        except tb.BookError as exc:
            raise ScanError(str(exc)) from None
        common["state_engine"] = state_engine(rows, opts)
        return [Task(index=k, book=str(path), group=group, offset=offset, length=length, duplicates=tuple(dups),
                     first_row=first, **common)  # type: ignore[arg-type]
                for k, (path, group, offset, length, first) in enumerate(slices)], rows
    files = _household_files(inputs)
    if not files:
        raise ScanError("INPUT: no household files (.yaml, .yml, .json) found")
    ids = [hid for hid, _ in files]
    dups = tuple(sorted({h for h in ids if ids.count(h) > 1})) if len(set(ids)) != len(ids) else ()
    size = max(1, min(FILES_PER_PARTITION, opts.rows_per_partition))
    return [Task(index=k, files=tuple(files[a:a + size]), duplicates=dups, **common)  # type: ignore[arg-type]
            for k, a in enumerate(range(0, len(files), size))], len(files)


# A worker loads the compiled state kernels once (about 1.1 CPU seconds for every state and year),
# which then save some 7.5 CPU-µs a household against the NumPy state batch (bench/README.md, the
# scan): worth it from about 150,000 households a worker.
STATE_COMPILED_MIN_PER_WORKER = 150_000


def state_engine(rows: int, opts: Options) -> str:
    """The fast path's state batch engine for a book of ``rows`` households: compiled when each
    worker has enough of them to repay loading the kernels, else NumPy (the output is the same).
    ``ROTHROUTE_SCAN_STATE_ENGINE`` (``numba`` or ``numpy``) sets it instead, to measure the two."""
    from rothroute.state import compiled

    chosen = os.environ.get("ROTHROUTE_SCAN_STATE_ENGINE", "").strip().lower()
    if chosen in ("numba", "numpy"):
        return chosen
    workers = opts.workers or os.cpu_count() or 1
    return "numba" if rows >= STATE_COMPILED_MIN_PER_WORKER * workers and compiled.available() else "numpy"


def _done(t: Task) -> Done | None:
    """The counts of a partition whose part is already written (None: not done)."""
    if not (t.part.exists() and t.errors.exists()):
        return None
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(t.part, columns=["status", "path"])
    except Exception:  # noqa: BLE001 - an unreadable part is done again
        return None
    status, path = table.column("status").to_pylist(), table.column("path").to_pylist()
    return Done(index=t.index, rows=len(status), priced=status.count("priced"), refused=status.count("refused"),
                failed=status.count("failed"), fast=path.count("fast"))


def _failed_part(t: Task, why: str) -> Done:
    """A partition whose worker died every time: each household is a failure with the reason
    (the scan completes; the errors file names them)."""
    from rothroute.scan import tables
    from rothroute.scan.exact import not_priced

    if t.book is not None:
        table = tables.book_rows(Path(t.book), t.group, t.offset, t.length)
        ids = [(h.strip() if h and h.strip() else f"(row {t.first_row + i + 1})")
               for i, h in enumerate(table.column("household_id").to_pylist())]
    else:
        ids = [h for h, _ in t.files]
    pairs = [not_priced(h, "failed", ["household_failed"], [], why, t.optimize_years is not None) for h in sorted(ids)]
    tables.write_atomic_parquet(tables.errors_table([e.to_row() for _, e in pairs]), t.errors)
    tables.write_atomic_parquet(tables.rows_table([r for r, _ in pairs], t.optimize_years is not None), t.part)
    return Done(index=t.index, rows=len(ids), priced=0, refused=0, failed=len(ids), fast=0)


def _run_pool(tasks: list[Task], opts: Options) -> Any:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    from rothroute.scan import partition

    if not tasks:
        return
    workers = opts.workers or os.cpu_count() or 1
    attempts = {t.index: 0 for t in tasks}
    left = {t.index: t for t in tasks}
    context = multiprocessing.get_context("spawn")  # no fork of a process holding threads (the batch kernels)
    while left:
        pool = ProcessPoolExecutor(max_workers=min(workers, len(left)), mp_context=context, max_tasks_per_child=50)
        broken = False
        try:
            futures = {}
            for t in sorted(left.values(), key=lambda t: t.index):
                attempts[t.index] += 1
                futures[pool.submit(partition.run, t)] = t
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in finished:
                    t = futures[f]
                    try:
                        d = f.result()
                    except BrokenProcessPool:
                        broken = True
                        continue
                    left.pop(t.index, None)
                    yield d
                if broken:
                    break
        finally:
            pool.shutdown(wait=not broken, cancel_futures=True)
        if broken:  # a worker died: the partitions not written go again to a new pool
            for index in list(left):
                t = left[index]
                done = _done(t)
                if done is not None:
                    left.pop(index)
                    yield done
                elif attempts[index] >= MAX_ATTEMPTS:
                    left.pop(index)
                    yield _failed_part(t, f"the worker pricing this partition died {MAX_ATTEMPTS} times")


def _run_dask(tasks: list[Task], opts: Options) -> Any:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ScanError("--dask needs dask.distributed: pip install 'rothroute[scan]'") from None
    from rothroute.scan import partition

    if not tasks:
        return
    cluster = None
    if opts.scheduler:
        client = Client(opts.scheduler)
    else:
        cluster = LocalCluster(n_workers=opts.workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None, scheduler_kwargs=QUIET_PORT)
        client = Client(cluster)
    try:
        futures = client.map(partition.run, tasks, pure=False, retries=MAX_ATTEMPTS - 1,
                             key=[f"rothroute-scan-{_key(t)}" for t in tasks])
        for f in as_completed(futures):
            t = tasks[futures.index(f)]
            try:
                yield f.result()
            except Exception as exc:  # noqa: BLE001 - the cluster gave up on the partition
                yield _failed_part(t, f"the cluster could not price this partition: {type(exc).__name__}: {exc}")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


QUIET_PORT = {"dashboard_address": ":0"}
"""The local scheduler's HTTP server (health and metrics; no dashboard) on a free port: on its default, 8787,
a second cluster on the machine (another scan, a user's own) makes it warn and leak a socket."""


def _key(t: Task) -> str:
    return hashlib.sha1(f"{t.work}:{t.index}".encode()).hexdigest()[:16] + f"-{t.index}"


def _finish(tasks: Sequence[Task], out: Path, errors: Path, opts: Options, summary: Summary) -> None:
    from rothroute.scan import tables as tb

    optimize = opts.optimize_years is not None
    out_schema = tb.schema(optimize, summary.metadata)
    tb.write_output(tb.merged([t.part for t in tasks], out_schema), out, out_schema, opts.csv)
    if opts.csv:
        side = out.with_name(out.name + ".metadata.json")
        side.write_text(json.dumps(summary.metadata, indent=2, sort_keys=True) + "\n")
    tb.write_output(tb.merged([t.errors for t in tasks], tb.ERROR_SCHEMA), errors, tb.ERROR_SCHEMA, True)
