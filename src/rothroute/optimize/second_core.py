"""A second process that plans one choice of claiming ages while this one plans another
(``optimize.claiming``), so that the claiming search uses two cores where the machine gives it two.

The helper is this module run by the same Python (``python -m rothroute.optimize.second_core``), fed
tasks and answering over its standard input and output (length-prefixed pickles; nothing but the
standard library). It is started at the search's beginning and warmed (the modules imported, the plan's
years' parameters projected, the background run priced) while this process screens and plans the first
choice; it exits when the search ends. It computes exactly what this process would: ``plan.optimize``
on the household and options it is given, the same code and the same inputs (HiGHS is deterministic), so
the search's answer does not depend on whether a helper ran (``claiming``'s batches are the same either
way). Anything that goes wrong with it (it cannot start, it dies, it answers past the deadline) stops the
helper and the task is planned here instead: the helper is a speed-up, never a new way to fail.

Where the process may use one core only (``os.sched_getaffinity``, else ``os.cpu_count``), or the machine's load
average already fills its cores (``spare_core``), no helper is started."""

from __future__ import annotations

import copyreg
import io
import os
import pickle
import struct
import subprocess
import sys
import threading
import traceback
import types
from pathlib import Path
from typing import Any, BinaryIO

HEADER = struct.Struct("<Q")  # each message: its length, then the pickle
COMMAND = ("-m", "rothroute.optimize.second_core")  # the helper, run by this process's Python
GRACE = 5.0  # seconds past a task's deadline that an answer is still awaited (the solver notices its limit late)


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def spare_core() -> bool:
    """Whether a second core is free for the helper: two or more cores given, and the machine's load average (the
    last minute's) below their number. On a machine already busy the helper waits for a core while its start-up
    (its imports, the years' parameters, about 0.6 CPU seconds) is paid: measured at load 7 on 2 cores, the
    bench's smaller claiming couple took 7.1 s with a helper against 2.2 s without (bench/README.md)."""
    n = cores()
    if n < 2:
        return False
    try:
        return os.getloadavg()[0] < n
    except (AttributeError, OSError):  # no load average here: the cores alone
        return True


def _source_root() -> str | None:
    """The folder this process imported rothroute from, where it is not one of the interpreter's own package
    folders (those the helper finds by itself; put ahead of the standard library, a package there could shadow it)."""
    import site

    import rothroute

    here = Path(rothroute.__file__).resolve().parents[1]
    own = {Path(p).resolve() for p in [*site.getsitepackages(), site.getusersitepackages()]}
    return None if here in own else str(here)


def _proxy(data: dict[str, Any]) -> types.MappingProxyType[str, Any]:
    return types.MappingProxyType(data)


def _write(stream: BinaryIO, message: Any) -> None:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    # the parameters hold read-only mappings (``types.MappingProxyType``), which pickle does not know
    pickler.dispatch_table = {**copyreg.dispatch_table, types.MappingProxyType: lambda m: (_proxy, (dict(m),))}
    pickler.dump(message)
    data = buffer.getvalue()
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


def _read(stream: BinaryIO) -> Any:
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        raise EOFError("the helper closed its output")
    (size,) = HEADER.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the helper closed its output mid-answer")
    return pickle.loads(data)


class Helper:
    """The second process: ``start`` it (None where it cannot run), ``submit`` a task, ``result`` its answer
    (None when the helper failed: plan the task here), ``close`` it."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.answer: list[Any] = []
        self.reader: threading.Thread | None = None

    @classmethod
    def start(cls, warm: tuple[Any, ...]) -> Helper | None:
        """A helper, warmed on ``warm`` (a household, the plan's years, its assumptions); None without a spare
        core (``spare_core``) or when the process cannot be started."""
        if not sys.executable or not spare_core():
            return None
        env = dict(os.environ)
        here = _source_root()
        if here is not None:  # the same rothroute as this process's (a bench or a checkout puts its ``src`` first)
            env["PYTHONPATH"] = os.pathsep.join([here, *filter(None, [os.environ.get("PYTHONPATH")])])
        try:
            process = subprocess.Popen([sys.executable, *COMMAND], env=env,
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:
            return None
        helper = cls(process)
        if not helper._send(("warm", warm)):
            helper.close()
            return None
        return helper

    def _send(self, task: Any) -> bool:
        try:
            assert self.process.stdin is not None
            _write(self.process.stdin, task)  # type: ignore[arg-type]
            return True
        except (OSError, ValueError, pickle.PicklingError):
            return False

    def submit(self, options: dict[str, Any]) -> bool:
        """Plan ``plan.optimize(**options)`` there; False when it could not be handed over."""
        self.answer = []
        if not self._send(("plan", options)):
            return False

        def read() -> None:
            try:
                assert self.process.stdout is not None
                self.answer.append(_read(self.process.stdout))  # type: ignore[arg-type]
            except Exception:  # noqa: BLE001 - any failure of the helper: the task is planned here
                self.answer.append(("failed", traceback.format_exc()))

        self.reader = threading.Thread(target=read, daemon=True)
        self.reader.start()
        return True

    def result(self, wait: float) -> tuple[Any, ...] | None:
        """The task's answer: ("planned", result, pricing), ("below", pricing) or ("error", message, field,
        pricing); None when the helper failed or did not answer within ``wait`` seconds (it is then stopped)."""
        assert self.reader is not None
        self.reader.join(max(0.0, wait))
        answer = self.answer[0] if self.answer else None
        if answer is None or answer[0] == "failed":
            self.close()
            return None
        return answer

    def close(self) -> None:
        """Stop the helper and wait for it (its CPU time is then this process's children's)."""
        process = self.process
        try:
            if process.stdin is not None:
                process.stdin.close()
        except OSError:
            pass
        try:
            process.wait(timeout=GRACE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def _serve(tasks: BinaryIO, answers: BinaryIO) -> None:
    """The helper's loop: each task answered in turn until the input closes."""
    from rothroute.optimize.horizon import plan_years, run
    from rothroute.optimize.plan import optimize
    from rothroute.optimize.result import BelowBound, OptimizeError

    while True:
        try:
            kind, task = _read(tasks)
        except EOFError:
            return
        if kind == "warm":  # the modules, the years' parameters and the engine's caches, as the first plan fills them
            h, years, assumptions = task
            try:
                run(h, plan_years(h, years), lambda hh, price: [], assumptions)
            except Exception:  # noqa: BLE001 - warming only: the plan itself says what is wrong
                pass
            continue
        budget = task["budget"]
        try:
            result = optimize(**task)
            answer: tuple[Any, ...] = ("planned", result, budget.pricing)
        except BelowBound:
            answer = ("below", budget.pricing)
        except OptimizeError as e:
            answer = ("error", str(e), e.field, budget.pricing)
        except Exception:  # noqa: BLE001 - said to the caller, which plans the task itself
            answer = ("failed", traceback.format_exc())
        _write(answers, answer)


def main() -> None:
    """Serve on the standard streams; file descriptor 1 is kept for the answers alone (HiGHS and anything
    else that prints write to the null device)."""
    answers = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.close(null)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process
    _serve(sys.stdin.buffer, answers)


if __name__ == "__main__":  # run as ``-m``: served by the module under its own name (what it pickles names it)
    from rothroute.optimize.second_core import main as serve

    serve()
