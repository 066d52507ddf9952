"""Load on the web API, loopback only, bounded in count and time.

Starts `rothroute serve` on 127.0.0.1 (a free port, a fresh client book), then:

1. The HTTP overhead at light load: p50 of POST /api/v1/compare of the seed household, one request
   at a time, over the p50 of the in-process `compare` of the same household (goal: at most 3x).
2. Load: N concurrent clients (default 200) for S seconds (default 60), each sending requests one
   after another: 90% POST /api/v1/compare, 10% POST /api/v1/optimize (5 years, 10 s limit), of
   random valid households. Reports throughput, p50/p99 latency, 5xx (goal 0), 429 and 422 counts,
   and the server's memory (its process and its workers, resident) at 10 s and at the end.

    python bench/web_load.py                      # 200 clients, 60 s
    python bench/web_load.py --clients 20 --seconds 10
    python bench/web_load.py --worker-memory      # one worker's memory over 3,000 compares, 60 plans
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed.yaml"
MAX_CLIENTS, MAX_SECONDS = 1000, 600  # the bounds: a load run never exceeds these


def household(rng: random.Random) -> dict[str, Any]:
    """A random valid household of the kind the workspace sees: one or two people near or in
    retirement, an employer plan with sources (sometimes), a traditional IRA, a Roth IRA."""
    joint = rng.random() < 0.4
    ids = ["pat", "sam"][: 2 if joint else 1]
    people = [{"id": pid, "born": f"{rng.randint(1958, 1968)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
               "ira_basis": 0} for pid in ids]
    income = [{"person": pid, "kind": "social_security", "amount": rng.randrange(0, 45_000, 100)} for pid in ids]
    income.append({"kind": "taxable_interest", "amount": rng.randrange(0, 8_000, 10)})
    accounts: list[dict[str, Any]] = []
    for k, pid in enumerate(ids):
        if k == 0 or rng.random() < 0.5:  # someone has a former employer's plan: there is something to compare
            pretax, contributions = rng.randrange(10_000, 600_000, 100), rng.randrange(0, 120_000, 100)
            accounts.append({"id": f"{pid}_401k", "owner": pid, "kind": rng.choice(["401k", "403b"]), "sources": {
                "pretax": pretax, "after_tax": {"contributions": contributions,
                                                "earnings": rng.randrange(0, contributions // 2 + 100, 10)},
                "roth": {"contributions": rng.randrange(0, 100_000, 100), "earnings": rng.randrange(0, 40_000, 10),
                         "first_year": rng.randint(2008, 2024)}},
                "plan": {"separated_from_service": rng.choice([2020, 2024, 2025]),
                         "after_tax_separate_contract": rng.random() < 0.7,
                         "in_plan_roth_rollover": rng.random() < 0.6,
                         "accepts_ira_rollins": rng.random() < 0.3}})
        accounts.append({"id": f"{pid}_ira", "owner": pid, "kind": "traditional_ira",
                         "value": rng.randrange(1_000, 1_500_000, 100)})
        accounts.append({"id": f"{pid}_roth", "owner": pid, "kind": "roth_ira", "value": rng.randrange(0, 200_000, 100)})
    return {"format": 1, "tax_year": 2026, "filing_status": "married_joint" if joint else "single", "people": people,
            "income": income, "accounts": accounts}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid: int, alone: bool = False) -> int:
    """Resident memory of a process and its descendants (KiB), from /proc; ``alone``: the process only."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            if alone:
                break
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def start_server(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    log = (folder / "server.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "rothroute", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--db", str(folder / "book.sqlite")], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start: " + (folder / "server.log").read_text()[-2000:])


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def overhead(base: str, n: int) -> dict[str, float]:
    """p50 of POST /api/v1/compare (one at a time) over p50 of the in-process compare, same household."""
    from rothroute import load_path
    from rothroute.options import run_compare

    h = load_path(SEED)
    body = json.dumps(json.loads(json.dumps(yaml.safe_load(SEED.read_text()), default=str)))
    for _ in range(5):
        run_compare(h)
    inproc = []
    for _ in range(n):
        t = time.perf_counter()
        run_compare(h)
        inproc.append(time.perf_counter() - t)
    http = []
    with httpx.Client(timeout=30) as client:
        for _ in range(5):
            client.post(base + "/api/v1/compare", content=body, headers={"content-type": "application/json"})
        for _ in range(n):
            t = time.perf_counter()
            r = client.post(base + "/api/v1/compare", content=body, headers={"content-type": "application/json"})
            http.append(time.perf_counter() - t)
            assert r.status_code == 200, r.text
    a, b = statistics.median(inproc) * 1000, statistics.median(http) * 1000
    return {"in_process_p50_ms": round(a, 2), "http_p50_ms": round(b, 2), "ratio": round(b / a, 2)}


def warm_up(base: str, h: dict[str, Any]) -> None:
    """One compare and one optimize, so the memory measured is that of a running server, not of its start."""
    with httpx.Client(timeout=120) as client:
        client.post(base + "/api/v1/compare", json=h)
        client.post(base + "/api/v1/optimize", json={"household": h, "years": 5, "time_limit": 10})


async def load(base: str, clients: int, seconds: float, pid: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    pool = [household(rng) for _ in range(400)]
    latencies: dict[str, list[float]] = {"compare": [], "optimize": []}
    status: dict[int, int] = {}
    failures: dict[str, int] = {}
    warm_up(base, pool[0])  # both pools' workers started and their imports done: growth after this is the load's
    memory: dict[str, int] = {"start_kib": rss_kib(pid)}
    start = time.monotonic()
    stop = start + seconds

    async def client(k: int, http: httpx.AsyncClient) -> None:
        r = random.Random(seed * 1000 + k)
        while time.monotonic() < stop:
            h = r.choice(pool)
            kind = "optimize" if r.random() < 0.1 else "compare"
            if kind == "compare":
                req = http.post(base + "/api/v1/compare", json=h)
            else:
                req = http.post(base + "/api/v1/optimize", json={"household": h, "years": 5, "time_limit": 10})
            t = time.perf_counter()
            try:
                resp = await req
                code = resp.status_code
            except httpx.HTTPError as exc:
                code = -1
                failures[type(exc).__name__] = failures.get(type(exc).__name__, 0) + 1
            elapsed = time.perf_counter() - t
            status[code] = status.get(code, 0) + 1
            if code == 200:
                latencies[kind].append(elapsed)
            elif code == 429:
                await asyncio.sleep(min(5.0, float(resp.headers.get("retry-after", "1"))) * r.random())

    series: list[int] = []
    server: list[int] = []  # the server's own process, without its workers

    async def watch() -> None:  # the resident memory every 10 s: a plateau, not a climb, is the goal
        await asyncio.sleep(min(10, seconds))
        memory["at_10s_kib"] = rss_kib(pid)
        series.append(memory["at_10s_kib"])
        server.append(rss_kib(pid, alone=True))
        while time.monotonic() + 10 < stop:
            await asyncio.sleep(10)
            series.append(rss_kib(pid))
            server.append(rss_kib(pid, alone=True))

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=120, limits=limits) as http:
        await asyncio.gather(watch(), *(client(k, http) for k in range(clients)))
    took = time.monotonic() - start
    memory["at_end_kib"] = rss_kib(pid)
    memory["every_10s_kib"] = series  # type: ignore[assignment]
    memory["server_alone_every_10s_kib"] = server  # type: ignore[assignment]
    ok = latencies["compare"] + latencies["optimize"]
    return {"clients": clients, "seconds": round(took, 1), "requests": sum(status.values()),
            "ok_per_second": round(len(ok) / took, 1), "status": dict(sorted(status.items())),
            "server_errors_5xx": sum(v for k, v in status.items() if k >= 500),
            "too_many_429": status.get(429, 0), "refused_422": status.get(422, 0), "client_errors": failures,
            "compare_p50_ms": round(pct(latencies["compare"], 0.5) * 1000, 1),
            "compare_p99_ms": round(pct(latencies["compare"], 0.99) * 1000, 1),
            "optimize_p50_ms": round(pct(latencies["optimize"], 0.5) * 1000, 1),
            "optimize_p99_ms": round(pct(latencies["optimize"], 0.99) * 1000, 1),
            "memory_kib": memory}


def worker_memory(seed: int, compares: int = 3000, plans: int = 60) -> dict[str, list[int]]:
    """What one worker of each pool does to its memory, in this process: ``compares`` compare_work
    calls, then ``plans`` optimize_work calls, on the load's random households (resident MB,
    sampled every 500 compares and every 10 plans)."""
    from rothroute.options import optimize_options
    from rothroute.web.jobs import compare_work, optimize_work
    from rothroute.web.reading import household_from_json

    def mb() -> int:
        return rss_kib(os.getpid(), alone=True) // 1024

    rng = random.Random(seed)
    pool = [household(rng) for _ in range(400)]
    out: dict[str, list[int]] = {"compare_mb_every_500": [], "optimize_mb_every_10": []}
    for i in range(compares + 1):
        compare_work(household_from_json(json.dumps(rng.choice(pool))), "least-tax-now", True)
        if i % 500 == 0:
            out["compare_mb_every_500"].append(mb())
    options = optimize_options(years=5, max_time_limit=30, time_limit=10)
    for i in range(plans + 1):
        optimize_work(household_from_json(json.dumps(rng.choice(pool))), options)
        if i % 10 == 0:
            out["optimize_mb_every_10"].append(mb())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--overhead-samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--overhead-only", action="store_true", help="measure the HTTP overhead only")
    parser.add_argument("--worker-memory", action="store_true",
                        help="only trace one worker's memory over 3,000 compares and 60 plans, in process")
    args = parser.parse_args()
    if args.worker_memory:
        print(json.dumps(worker_memory(args.seed), indent=2))
        return
    clients, seconds = min(args.clients, MAX_CLIENTS), min(args.seconds, MAX_SECONDS)
    with tempfile.TemporaryDirectory() as tmp:
        proc, base = start_server(Path(tmp))
        try:
            light = overhead(base, args.overhead_samples)
            heavy = {} if args.overhead_only else asyncio.run(load(base, clients, seconds, proc.pid, args.seed))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    out = {"machine": f"{os.cpu_count()} cores", "http_overhead": light, "load": heavy}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
