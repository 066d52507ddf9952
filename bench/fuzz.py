"""Hostile household files at scale through the command (issue #13): no traceback, ever.

    python bench/fuzz.py                       # 100,000 evaluate, 10,000 compare, 1,000 optimize
    python bench/fuzz.py --scale 0.05          # the same mix, 5% of it
    python bench/fuzz.py --out DIR --resume    # go on where an earlier run stopped

Each file is a valid household (drawn by the Hypothesis strategies of tests/fuzz/grammar.py, or
one of examples/) mutated by tests/fuzz/mutate.py (every class there; a tenth left valid), run
in process through the Click application as ``rothroute evaluate|compare|optimize FILE --json``
(optimize with ``--years 2 --time-limit 2``). Work is cut in chunks, each run by a forked
process, two at a time on this 2-core machine; a chunk's outcomes go to DIR/chunks/*.jsonl as
they come, so a stopped run resumes. A watchdog thread ends a file past 5 s (optimize: 30 s)
or 2 GiB of memory growth and records it as killed. Per file: the exit code, any exception that
escaped (a traceback, counted by its distinct cause: exception type + innermost rothroute frame),
the seconds and the memory growth (peak RSS, reset by /proc/self/clear_refs before the file,
less the RSS before it). DIR/summary.json and DIR/summary.md hold the figures; DIR/repro/ keeps
the first file of each distinct cause.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz import mutate as mut  # noqa: E402
from tests.fuzz.emit import to_yaml  # noqa: E402
from tests.fuzz.run import COMMANDS, innermost_rothroute_frame, violations, Outcome  # noqa: E402

TARGETS = {"evaluate": 100_000, "compare": 10_000, "optimize": 1_000}
CHUNK = {"evaluate": 500, "compare": 100, "optimize": 20}
PER_DOC = {"evaluate": 5, "compare": 2, "optimize": 1}  # hostile files made from one drawn household
HARD_SECONDS = {"evaluate": 5.0, "compare": 5.0, "optimize": 30.0}  # past the 2 s bound (optimize: --time-limit 2)
HARD_MB = 2048.0
SLOW_SHARE = 0.002  # of evaluate files: the large-file class (20 MB, 50,000 items)


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def _peak_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _documents(seed: int, n: int) -> list[Any]:
    """``n`` valid households drawn by the grammar's Hypothesis strategies, from ``seed``."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed

    from tests.fuzz.grammar import households

    out: list[Any] = []

    @hseed(seed)
    @settings(max_examples=n, phases=[Phase.generate], database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(households())
    def draw(doc: Any) -> None:
        out.append(doc)

    draw()
    return out or [{}]


def _case(rng: random.Random, command: str, docs: list[Any], examples: dict[str, Any]) -> mut.Case:
    base = rng.choice(list(examples.values())) if rng.random() < 0.3 else rng.choice(docs)
    roll = rng.random()
    if command == "evaluate" and roll < SLOW_SHARE:
        return mut.mutate(rng, base, "size")
    if roll < 0.1 or (command != "evaluate" and roll < 0.25):
        return mut.Case("valid", to_yaml(base).encode(), ".yaml", "")
    engine = 0.5 if command == "evaluate" else 0.7
    pool = sorted(mut.ENGINE) if rng.random() < engine else sorted(mut.READER)
    return mut.mutate(rng, base, rng.choice(pool))


def _chunk_path(out: Path, command: str, index: int) -> Path:
    return out / "chunks" / f"{command}-{index:05d}.jsonl"


def _run_chunk(out: Path, command: str, index: int, size: int, seed: int, start_at: int) -> None:
    """Run cases ``start_at..size-1`` of one chunk (in a forked process), appending outcomes."""
    from click.testing import CliRunner

    from rothroute.cli.app import app

    chunk_seed = int(hashlib.sha256(f"{seed}-{command}-{index}".encode()).hexdigest()[:8], 16)
    docs = _documents(chunk_seed, max(size // PER_DOC[command], 1))
    examples = mut.example_documents()
    path = _chunk_path(out, command, index)
    inflight = path.with_suffix(".inflight")
    work = Path(tempfile.mkdtemp(prefix="rothroute-fuzz-"))
    args = list(COMMANDS[command])
    state: dict[str, Any] = {"start": None, "base": 0.0}

    def watch() -> None:
        while True:
            time.sleep(0.02)
            began = state["start"]
            if began is None:
                continue
            why = None
            if time.monotonic() - began > HARD_SECONDS[command]:
                why = "time"
            elif _rss_mb() - state["base"] > HARD_MB:
                why = "memory"
            if why:
                record = dict(state["record"], killed=why, seconds=time.monotonic() - began, code=None,
                              violations=[f"stopped: over the {why} bound"])
                with path.open("a") as f:
                    f.write(json.dumps(record) + "\n")
                os._exit(3)

    threading.Thread(target=watch, daemon=True).start()
    for i in range(size):
        rng = random.Random(f"{seed}-{command}-{index}-{i}")
        case = _case(rng, command, docs, examples)
        if i < start_at:
            continue
        file = work / f"{command}-{index}-{i}{case.suffix}"
        file.write_bytes(case.data)
        record: dict[str, Any] = {"command": command, "chunk": index, "i": i, "klass": case.klass,
                                  "note": case.note[:200], "bytes": len(case.data)}
        inflight.write_bytes(case.data[:25 * 2**20])
        _reset_peak()
        state.update(base=_rss_mb(), record=record)
        state["start"] = time.monotonic()
        result = CliRunner().invoke(app, args + [str(file)], prog_name="rothroute")
        seconds = time.monotonic() - state["start"]
        state["start"] = None
        growth = max(_peak_mb() - state["base"], 0.0)
        outcome = Outcome(code=result.exit_code, stdout=result.stdout, stderr=result.stderr, seconds=seconds,
                          growth_mb=growth)
        exc = result.exception
        if exc is not None and not isinstance(exc, SystemExit):
            outcome.exception = type(exc).__name__
            outcome.frame = innermost_rothroute_frame(result.exc_info[2]) if result.exc_info else None
            outcome.detail = str(exc)[:300]
        record.update(code=outcome.code, seconds=round(seconds, 4), growth_mb=round(growth, 1),
                      cause=outcome.cause, detail=outcome.detail, violations=violations(outcome))
        if record["violations"]:
            _keep(out, record, case)
        with path.open("a") as f:
            f.write(json.dumps(record) + "\n")
        file.unlink()
    path.with_suffix(".done").write_text("")
    inflight.unlink(missing_ok=True)


def _keep(out: Path, record: dict[str, Any], case: mut.Case) -> None:
    """The first file of each distinct cause of a violation, smallest kept."""
    key = record.get("cause") or record["violations"][0].split(":")[0]
    name = hashlib.sha1(f"{record['command']} {key}".encode()).hexdigest()[:10] + case.suffix
    target = out / "repro" / name
    if not target.exists() or target.stat().st_size > len(case.data):
        target.write_bytes(case.data)
        target.with_suffix(".txt").write_text(f"{record['command']}\n{key}\n{record['klass']}: {record['note']}\n"
                                              f"{record.get('detail', '')}\n")


def _done(out: Path, command: str, index: int) -> tuple[bool, int]:
    path = _chunk_path(out, command, index)
    if path.with_suffix(".done").exists():
        return True, 0
    if not path.exists():
        return False, 0
    with path.open() as f:
        seen = [json.loads(line)["i"] for line in f if line.strip()]
    return False, (max(seen) + 1 if seen else 0)


def run(out: Path, counts: dict[str, int], seed: int, workers: int, budget: float) -> None:
    (out / "chunks").mkdir(parents=True, exist_ok=True)
    (out / "repro").mkdir(exist_ok=True)
    queues = []
    for command, total in counts.items():
        size = CHUNK[command]
        queues.append([(command, index, min(size, total - index * size)) for index in range((total + size - 1) // size)])
    # the commands interleaved, each in proportion to its chunks: a run cut short by --budget has some of each
    jobs = sorted((job for q in queues for job in q),
                  key=lambda job: (job[1] / len(next(q for q in queues if q[0][0] == job[0])), job[0]))
    ctx = mp.get_context("fork")
    running: dict[Any, tuple[str, int, int]] = {}
    started = time.monotonic()
    pending = list(jobs)
    shown = 0.0
    while pending or running:
        while pending and len(running) < workers and time.monotonic() - started < budget:
            command, index, size = pending.pop(0)
            finished, start_at = _done(out, command, index)
            if finished:
                continue
            p = ctx.Process(target=_run_chunk, args=(out, command, index, size, seed, start_at))
            p.start()
            running[p] = (command, index, size)
        if not running:
            break
        time.sleep(0.05)
        for p in [p for p in running if not p.is_alive()]:
            command, index, size = running.pop(p)
            finished, start_at = _done(out, command, index)
            if not finished:  # killed by its watchdog (recorded) or by the system: go on after that file
                inflight = _chunk_path(out, command, index).with_suffix(".inflight")
                _, start_at = _done(out, command, index)
                if p.exitcode != 3:  # not the watchdog: record the file that was in flight
                    with _chunk_path(out, command, index).open("a") as f:
                        f.write(json.dumps({"command": command, "chunk": index, "i": start_at, "klass": "?",
                                            "code": None, "killed": f"exit {p.exitcode}", "seconds": None,
                                            "violations": [f"worker died (exit {p.exitcode})"]}) + "\n")
                if inflight.exists():
                    (out / "repro" / f"killed-{command}-{index}-{start_at}.yaml").write_bytes(inflight.read_bytes())
                pending.insert(0, (command, index, size))
        if time.monotonic() - shown > 30:
            shown = time.monotonic()
            done = sum(1 for _ in (out / "chunks").glob("*.done"))
            print(f"{done}/{len(jobs)} chunks, {shown - started:,.0f} s", file=sys.stderr, flush=True)
    summarize(out)


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def summarize(out: Path) -> dict[str, Any]:
    records = []
    for path in sorted((out / "chunks").glob("*.jsonl")):
        with path.open() as f:
            records += [json.loads(line) for line in f if line.strip()]
    summary: dict[str, Any] = {}
    for command in TARGETS:
        rows = [r for r in records if r["command"] == command]
        if not rows:
            continue
        secs = [r["seconds"] for r in rows if r.get("seconds") is not None]
        mem = [r["growth_mb"] for r in rows if r.get("growth_mb") is not None]
        causes: dict[str, Any] = defaultdict(lambda: {"count": 0, "classes": Counter()})
        others: Counter[str] = Counter()
        for r in rows:
            if r.get("cause"):
                causes[r["cause"]]["count"] += 1
                causes[r["cause"]]["classes"][r["klass"]] += 1
            for v in r.get("violations", []):
                if not v.startswith("traceback"):
                    others[v.split(":")[0][:80]] += 1
        summary[command] = {
            "files": len(rows),
            "exit_codes": dict(Counter(str(r.get("code")) for r in rows)),
            "tracebacks": sum(1 for r in rows if r.get("cause")),
            "distinct_causes": {k: {"count": v["count"], "classes": dict(v["classes"])}
                                for k, v in sorted(causes.items(), key=lambda kv: -kv[1]["count"])},
            "other_violations": dict(others),
            "killed": dict(Counter(r["killed"] for r in rows if r.get("killed"))),
            "seconds": {"median": round(statistics.median(secs), 4) if secs else None,
                        "p99": round(_pct(secs, 0.99), 3), "max": round(max(secs, default=0), 3),
                        "over_2s": sum(1 for s in secs if s > 2)},
            "growth_mb": {"median": round(statistics.median(mem), 1) if mem else None,
                          "p99": round(_pct(mem, 0.99), 1), "max": round(max(mem, default=0), 1),
                          "over_200mb": sum(1 for m in mem if m > 200)},
            "slowest": [{k: r.get(k) for k in ("klass", "note", "seconds", "growth_mb", "code")}
                        for r in sorted(rows, key=lambda r: -(r.get("seconds") or 0))[:5]],
            "by_class": dict(Counter(r["klass"] for r in rows)),
        }
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    (out / "summary.md").write_text(_markdown(summary))
    print(_markdown(summary))
    return summary


def _markdown(summary: dict[str, Any]) -> str:
    lines = ["| command | files | exit 0 | exit 2 | other exits | tracebacks (distinct causes) | other violations "
             "| killed | median s | p99 s | max s | over 2 s | median MB | max MB | over 200 MB |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for command, s in summary.items():
        codes = s["exit_codes"]
        other = sum(v for k, v in codes.items() if k not in ("0", "2"))
        lines.append(f"| {command} | {s['files']:,} | {codes.get('0', 0):,} | {codes.get('2', 0):,} | {other:,} "
                     f"| {s['tracebacks']:,} ({len(s['distinct_causes'])}) | {sum(s['other_violations'].values()):,} "
                     f"| {sum(s['killed'].values()):,} | {s['seconds']['median']} | {s['seconds']['p99']} "
                     f"| {s['seconds']['max']} | {s['seconds']['over_2s']:,} | {s['growth_mb']['median']} "
                     f"| {s['growth_mb']['max']} | {s['growth_mb']['over_200mb']:,} |")
    for command, s in summary.items():
        if s["distinct_causes"] or s["other_violations"]:
            lines.append(f"\n{command}:")
            for cause, c in s["distinct_causes"].items():
                lines.append(f"- {c['count']:,} × {cause} (classes: {', '.join(sorted(c['classes']))})")
            for what, n in s["other_violations"].items():
                lines.append(f"- {n:,} × {what}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the full run (100,000/10,000/1,000)")
    parser.add_argument("--only", choices=sorted(TARGETS), action="append", help="run only this command")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--budget", type=float, default=3 * 3600, help="seconds before no new chunk starts")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "fuzz")
    parser.add_argument("--resume", action="store_true", help="keep the chunks already run in --out")
    parser.add_argument("--summary", action="store_true", help="only summarize what --out holds")
    a = parser.parse_args()
    if a.summary:
        summarize(a.out)
        return
    if not a.resume and (a.out / "chunks").exists():
        import shutil

        shutil.rmtree(a.out / "chunks")
        shutil.rmtree(a.out / "repro", ignore_errors=True)
    counts = {c: max(1, round(n * a.scale)) for c, n in TARGETS.items() if not a.only or c in a.only}
    import rothroute.cli.app  # noqa: F401 - loaded once, before the forks
    import rothroute.compare  # noqa: F401
    import rothroute.engine  # noqa: F401
    from rothroute.params import default_set

    default_set()
    try:
        import rothroute.optimize.plan  # noqa: F401
    except ImportError:
        pass
    run(a.out, counts, a.seed, a.workers, a.budget)


if __name__ == "__main__":
    main()
