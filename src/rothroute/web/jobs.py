"""Work off the event loop, in bounded pools of worker processes.

Two pools: ``quick`` (evaluate, compare: a fraction of a second each) and ``optimize`` (a solver
run of up to its time limit). Each admits at most ``workers + queue`` pieces of work at once; past
that, ``QueueFull`` (the API answers 429 with Retry-After). An optimizer run is also a ``Job`` with
an id that a page can poll for its progress. Worker processes are started by ``spawn`` (never
``fork`` from a server with threads) and shut down with the app.
"""

from __future__ import annotations

import asyncio
import itertools
import multiprocessing
import secrets
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Callable

from rothroute.codes import registered
from rothroute.errors import RothrouteError


class QueueFull(RothrouteError):
    """Every worker is busy and the queue is full; try again after ``retry_after`` seconds."""

    def __init__(self, pool: str, retry_after: int) -> None:
        self.pool, self.retry_after = pool, retry_after
        super().__init__(f"the {pool} queue is full; try again in {retry_after} s")


def _warm() -> int:
    """Import the engine in a new worker so the first real call is quick."""
    import rothroute.compare  # noqa: F401 (imports the engine too)

    return 0


class Pool:
    """A process pool that admits at most ``workers + queue`` pieces of work at a time."""

    def __init__(self, name: str, workers: int, queue: int, retry_after: int, max_tasks: int | None = None) -> None:
        self.name, self.workers, self.capacity, self.retry_after = name, workers, workers + queue, retry_after
        self.max_tasks = max_tasks  # a worker is replaced after this many pieces of work (bounds its memory)
        self._executor: ProcessPoolExecutor | None = None
        self._in_flight = 0
        self._lock = threading.Lock()  # done callbacks run in the executor's thread

    @property
    def in_flight(self) -> int:
        return self._in_flight

    def _start(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_warm, max_tasks_per_child=self.max_tasks)
        return self._executor

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Start ``fn(*args)`` in a worker, or raise ``QueueFull``."""
        with self._lock:
            if self._in_flight >= self.capacity:
                raise QueueFull(self.name, self.retry_after)
            self._in_flight += 1
        try:
            try:
                future = self._start().submit(fn, *args)
            except BrokenProcessPool:  # a worker died (killed, out of memory): start afresh
                self._executor = None
                future = self._start().submit(fn, *args)
        except BaseException:
            self._done(None)
            raise
        future.add_done_callback(self._done)
        return future

    def _done(self, _: Future[Any] | None) -> None:
        with self._lock:
            self._in_flight -= 1

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.wrap_future(self.submit(fn, *args))

    def shutdown(self) -> None:
        """Stop the workers now, a running plan too: a worker left waiting would outlive the server."""
        executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list((getattr(executor, "_processes", None) or {}).values())  # no public handle on them
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=5)


@dataclass
class Job:
    """One optimizer run: its inputs (kept so the page can show the form it came from) and its state."""

    id: str
    payload: dict[str, Any]  # what the page needs to show again (the form's document, the options)
    time_limit: float
    future: Future[Any]
    started: float = field(default_factory=time.monotonic)

    @property
    def state(self) -> str:
        if self.future.done():
            failed = self.future.cancelled() or self.future.exception() is not None or not self.future.result()[0]
            return "failed" if failed else "done"
        return "running" if self.future.running() else "queued"

    def result(self) -> Any:
        """The plan's data (a dict) once done."""
        return self.future.result()[1]

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "state": self.state, "elapsed": round(self.elapsed(), 1),
                               "time_limit": self.time_limit}
        if self.state == "failed":
            out["issues"] = self.issues()
        return out

    def issues(self) -> list[dict[str, Any]]:
        if self.future.cancelled():
            return [{"severity": "error", "code": "refused", "where": "", "message": "the run was cancelled",
                     "cites": []}]
        exc = self.future.exception()
        if exc is not None:
            return [failure_issue(exc)]
        ok, value = self.future.result()
        return [] if ok else value


def failure_issue(exc: BaseException | None) -> dict[str, Any]:
    """An engine's refusal as an issue (the CLI prints the same message)."""
    code = {"NoStrategyError": "no_strategy", "OptimizeError": "plan_not_possible", "PlanError": "plan_not_possible",
            "ParameterNotInForce": "parameter_not_in_force", "OptionError": "invalid_option"}.get(
        type(exc).__name__, "refused")
    if hasattr(exc, "to_json"):
        return exc.to_json()  # type: ignore[union-attr]
    return {"severity": "error", "code": registered(code), "where": "", "message": str(exc), "cites": []}


def _guarded(fn: Callable[..., Any], *args: Any) -> tuple[bool, Any]:
    """``(True, value)``, or ``(False, issues)`` when the engine refuses: exceptions with their own
    arguments do not cross a process boundary intact, their issues do."""
    from rothroute.errors import HouseholdFileError

    try:
        return True, fn(*args)
    except HouseholdFileError as exc:
        return False, [p.to_json() for p in exc.problems]
    except (RothrouteError, ValueError, RuntimeError) as exc:  # OptimizeError, PlanError: the engine's refusals
        return False, [failure_issue(exc)]


def _text(data: Any) -> bytes:
    """The JSON the command line prints, without its indentation (the same values, less to send)."""
    import json

    return json.dumps(data, default=str, separators=(",", ":")).encode()


def evaluate_work(household: Any, ratio_places: int | None, as_text: bool = False) -> tuple[bool, Any]:
    from rothroute.engine import evaluate

    ok, value = _guarded(lambda: evaluate(household, ratio_places=ratio_places).to_json())
    return (ok, _text(value)) if ok and as_text else (ok, value)


def compare_work(household: Any, goal: str, as_text: bool = False) -> tuple[bool, Any]:
    """The comparison's data, or its JSON text (serialized here, in the worker, off the server's loop)."""
    from rothroute.options import run_compare

    ok, value = _guarded(run_compare, household, goal)
    return (ok, _text(value)) if ok and as_text else (ok, value)


def optimize_work(household: Any, options: Any) -> tuple[bool, Any]:
    from rothroute.options import run_optimize

    return _guarded(run_optimize, household, options)


class Jobs:
    """The optimizer's jobs by id, the newest ``keep`` of them kept."""

    def __init__(self, pool: Pool, keep: int = 200) -> None:
        self.pool, self.keep = pool, keep
        self._jobs: dict[str, Job] = {}
        self._count = itertools.count()

    def start(self, fn: Callable[..., Any], args: tuple[Any, ...], payload: dict[str, Any], time_limit: float) -> Job:
        future = self.pool.submit(fn, *args)
        job = Job(id=f"{next(self._count)}-{secrets.token_hex(8)}", payload=payload, time_limit=time_limit,
                  future=future)
        self._jobs[job.id] = job
        for old in list(self._jobs)[:-self.keep]:
            if self._jobs[old].future.done():
                del self._jobs[old]
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)
