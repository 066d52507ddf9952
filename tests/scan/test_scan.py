"""``rothroute scan`` end to end: the same output in every engine and partitioning, resumable,
a killed worker losing and duplicating nothing, bad households in the errors file, never a stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from rothroute.scan import Options, scan
from rothroute.scan.run import QUIET_PORT, work_dir
from tests.conftest import EXAMPLES
from tests.scan.synthetic import book, to_table

ROWS = 240


@pytest.fixture(scope="module")
def book_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("book")
    rows = book(ROWS, seed=3, odd=0.15)
    rows = rows[::-1]  # not in id order: the output must sort it
    rows.append(dict(rows[0]))  # one id twice
    pq.write_table(to_table(rows), folder / "book.parquet")
    return folder / "book.parquet"


@pytest.fixture(scope="module")
def reference(book_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ref") / "out.parquet"
    scan([book_path], out, opts=Options(workers=2, rows_per_partition=70))
    return out


def test_the_output_is_one_row_a_household_sorted_with_its_metadata(reference: Path) -> None:
    t = pq.read_table(reference)
    ids = t.column("household_id").to_pylist()
    assert ids == sorted(ids) and len(ids) == ROWS + 1
    status = t.column("status").to_pylist()
    assert status.count("priced") > 0.7 * ROWS and "refused" in status
    meta = {k.decode(): v.decode() for k, v in t.schema.metadata.items()}
    assert meta["rothroute.parameters.years"] == "2024,2025,2026" and meta["rothroute.version"]
    assert meta["rothroute.scan.goal"] == "least-tax-now"
    errors = pacsv.read_csv(reference.with_name("out.errors.csv")).to_pylist()
    assert len(errors) == status.count("refused") + status.count("failed")
    assert all(e["codes"] and e["message"] for e in errors)
    assert any("duplicate_household_id" in e["codes"] for e in errors)
    assert not work_dir(reference).exists()


def test_partitions_and_workers_do_not_change_a_byte(book_path: Path, reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    scan([book_path], out, opts=Options(workers=1, rows_per_partition=1000))
    assert out.read_bytes() == reference.read_bytes()


def test_a_two_worker_dask_cluster_writes_the_same_bytes(book_path: Path, reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    summary = scan([book_path], out, opts=Options(engine="dask", workers=2, rows_per_partition=70))
    assert summary.households == ROWS + 1
    assert out.read_bytes() == reference.read_bytes()
    assert (tmp_path / "out.errors.csv").read_bytes() == reference.with_name("out.errors.csv").read_bytes()


def test_an_interrupted_scan_resumes_and_redoes_only_what_is_missing(book_path: Path, reference: Path,
                                                                      tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    seen = []

    def stop(done: int, total: int, summary: object) -> None:
        seen.append(done)
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        scan([book_path], out, opts=Options(workers=1, rows_per_partition=20), progress=stop)
    assert not out.exists() and work_dir(out).exists()  # nothing written over the output
    parts = sorted((work_dir(out) / "parts").glob("part-*[0-9].parquet"))
    assert 1 <= len(parts) < 13
    before = {p.name: p.stat().st_mtime_ns for p in parts}
    summary = scan([book_path], out, opts=Options(workers=1, rows_per_partition=20), resume=True)
    assert summary.resumed == len(parts) and summary.partitions == 13
    assert out.read_bytes() == reference.read_bytes()
    assert all(work_dir(out).exists() is False for _ in before)  # finished: the work directory is gone


def test_resume_refuses_a_work_directory_of_other_options(book_path: Path, tmp_path: Path) -> None:
    from rothroute.scan import ScanError

    out = tmp_path / "out.parquet"

    def stop(done: int, total: int, summary: object) -> None:
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        scan([book_path], out, opts=Options(workers=1, rows_per_partition=70), progress=stop)
    with pytest.raises(ScanError, match="other inputs or options"):
        scan([book_path], out, opts=Options(workers=1, rows_per_partition=70, goal="most-roth"), resume=True)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_a_killed_pool_worker_loses_and_duplicates_nothing(book_path: Path, reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    env = dict(os.environ, ROTHROUTE_SCAN_SLOW="1.5")
    proc = subprocess.Popen([sys.executable, "-m", "rothroute", "scan", str(book_path), "--out", str(out),
                             "--workers", "2", "--partition-rows", "70"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and time.monotonic() < deadline and proc.poll() is None:
        workers = [c for c in _children(proc.pid) if "spawn_main" in _cmdline(c)]
        parts = list((work_dir(out) / "parts").glob("part-*[0-9].parquet")) if work_dir(out).exists() else []
        if workers and not parts:
            time.sleep(0.8)  # inside its first partition (1.5 s of it asleep)
            os.kill(workers[0], signal.SIGKILL)
            killed = workers[0]
        time.sleep(0.1)
    stdout, stderr = proc.communicate(timeout=300)
    assert killed is not None, stderr.decode()
    assert proc.returncode == 0, stderr.decode()
    assert out.read_bytes() == reference.read_bytes()


def test_a_killed_dask_worker_loses_and_duplicates_nothing(book_path: Path, reference: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from dask.distributed import Client, LocalCluster

    monkeypatch.setenv("ROTHROUTE_SCAN_SLOW", "1.5")
    out = tmp_path / "out.parquet"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      scheduler_kwargs=QUIET_PORT) as cluster, \
            Client(cluster) as client:
        result: dict[str, object] = {}

        def run() -> None:
            try:
                result["summary"] = scan([book_path], out, opts=Options(engine="dask", scheduler=cluster.scheduler_address,
                                                                        rows_per_partition=70))
            except BaseException as exc:  # noqa: BLE001 - reported below
                result["error"] = exc

        thread = threading.Thread(target=run)
        thread.start()
        pids = list(client.run(os.getpid).values())
        parts = work_dir(out) / "parts"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (parts.exists() and any(parts.glob("part-*[0-9].parquet"))):
            time.sleep(0.05)
        os.kill(pids[0], signal.SIGKILL)  # each partition sleeps 1.5 s: the worker is inside one
        thread.join(timeout=300)
    assert "error" not in result, result.get("error")
    assert out.read_bytes() == reference.read_bytes()


def test_the_command_scans_a_folder_of_files_never_stopping_on_a_bad_one(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    for p in ("seed.yaml", "backdoor.yaml"):
        (folder / p).write_text((EXAMPLES / p).read_text())
    (folder / "broken.yaml").write_text("format: 1\ntax_year: 2031\n")
    out = tmp_path / "out.csv"
    done = subprocess.run([sys.executable, "-m", "rothroute", "scan", str(folder), "--out", str(out), "--csv",
                           "--html", str(tmp_path / "summary.html"), "--workers", "1"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rows = pacsv.read_csv(out).to_pylist()
    assert [r["household_id"] for r in rows] == ["backdoor", "broken", "seed"]
    assert [r["status"] for r in rows] == ["priced", "refused", "priced"]
    errors = pacsv.read_csv(tmp_path / "out.errors.csv").to_pylist()
    assert errors[0]["household_id"] == "broken" and "tax_year" in errors[0]["where"]
    assert "line 2" in errors[0]["where"]
    assert (tmp_path / "out.csv.metadata.json").exists()
    page = (tmp_path / "summary.html").read_text()
    assert "Top opportunities" in page and "seed" in page and "<svg" in page
    assert "priced" in done.stdout and "refused" in done.stdout


def test_a_book_with_an_unknown_column_exits_2_naming_it(tmp_path: Path) -> None:
    import pyarrow as pa

    pq.write_table(pa.table({"household_id": ["a"], "filing_stauts": ["single"]}), tmp_path / "b.parquet")
    done = subprocess.run([sys.executable, "-m", "rothroute", "scan", str(tmp_path / "b.parquet"), "--out",
                           str(tmp_path / "o.parquet")], capture_output=True, text=True)
    assert done.returncode == 2 and "filing_stauts" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "o.parquet").exists()


def test_optimize_years_adds_the_optimizers_plan(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.yaml").write_text((EXAMPLES / "seed.yaml").read_text())
    (folder / "no_ira.yaml").write_text((EXAMPLES / "backdoor.yaml").read_text())
    out = tmp_path / "out.parquet"
    scan([folder], out, opts=Options(workers=1, optimize_years=2))
    rows = {r["household_id"]: r for r in pq.read_table(out).to_pylist()}
    seed = rows["seed"]
    assert seed["status"] == "priced" and seed["optimize_status"] and seed["optimize_gap"] is not None
    assert seed["optimize_value_over_baseline"] is not None and seed["optimize_conversion_this_year"] is not None
    meta = pq.read_schema(out).metadata
    assert meta[b"rothroute.scan.optimize_years"] == b"2"
