"""Run the command as a user does, and judge what came back.

``run_in_process`` calls the Click application (as ``rothroute ARGS``) and keeps the exit code,
standard output and error and any exception that escaped; ``run_bounded`` runs the command as a
fresh process (``tests/fuzz/child.py``) and measures its time and how far its memory grew while
reading the file. ``violations`` lists what breaks the promise of issue #13: exit code 0 or 2,
never a traceback, nothing on standard output with exit code 2, every file problem naming a
field or a line.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("child.py")

EVALUATE = ("evaluate", "--json")
COMPARE = ("compare", "--json")
OPTIMIZE = ("optimize", "--years", "2", "--time-limit", "2", "--json")
COMMANDS = {"evaluate": EVALUATE, "compare": COMPARE, "optimize": OPTIMIZE}


@dataclass
class Outcome:
    code: int | None
    stdout: str = ""
    stderr: str = ""
    exception: str | None = None  # type of an exception that escaped (a traceback), or None
    frame: str | None = None  # its innermost frame in rothroute: "module.py:function"
    seconds: float = 0.0
    growth_mb: float | None = None  # memory grown while answering (run_bounded only)
    killed: str | None = None  # "time" or "memory" when run_bounded stopped it
    detail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def cause(self) -> str | None:
        """A traceback's distinct cause: exception type and innermost rothroute frame."""
        if self.exception is None:
            return None
        return f"{self.exception} at {self.frame or '(outside rothroute)'}"


def innermost_rothroute_frame(tb: Any) -> str | None:
    frames = [f for f in traceback.extract_tb(tb) if f"{os.sep}rothroute{os.sep}" in f.filename]
    if not frames:
        return None
    f = frames[-1]
    path = f.filename.split(f"{os.sep}rothroute{os.sep}", 1)[1]
    return f"{path}:{f.name}"


def run_in_process(args: list[str]) -> Outcome:
    """``rothroute ARGS`` inside this process, through Click's test runner."""
    from click.testing import CliRunner

    from rothroute.cli.app import app

    start = time.perf_counter()
    result = CliRunner().invoke(app, args, prog_name="rothroute")
    seconds = time.perf_counter() - start
    out = Outcome(code=result.exit_code, stdout=result.stdout, stderr=result.stderr, seconds=seconds)
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        out.exception = type(exc).__name__
        out.frame = innermost_rothroute_frame(result.exc_info[2]) if result.exc_info else None
        out.detail = str(exc)[:300]
    return out


def run_bounded(args: list[str], *, seconds: float = 10.0, megabytes: float = 2000.0) -> Outcome:
    """``rothroute ARGS`` as a fresh process, stopped past ``seconds`` or ``megabytes`` of RSS
    growth; the child reports the seconds and the growth of the file's own handling (after its
    imports and parameters are loaded)."""
    report = Path(os.environ.get("TMPDIR", "/tmp")) / f"rothroute-fuzz-{os.getpid()}-{time.monotonic_ns()}.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, str(CHILD), str(report), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    start = time.monotonic()
    base: float | None = None
    killed = None
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/statm") as f:  # Linux: resident pages, second field
                rss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        except (OSError, IndexError, ValueError):
            break
        if base is None and report.with_suffix(".ready").exists():
            base = rss
        if base is not None and rss - base > megabytes:
            killed = "memory"
        elif time.monotonic() - start > seconds + 5.0:  # +5 s for the start and the imports
            killed = "time"
        if killed:
            proc.kill()
            break
        time.sleep(0.01)
    stdout, stderr = proc.communicate()
    out = Outcome(code=proc.returncode, stdout=stdout.decode("utf-8", "replace"),
                  stderr=stderr.decode("utf-8", "replace"), killed=killed)
    try:
        facts = json.loads(report.read_text())
        out.seconds, out.growth_mb = facts["seconds"], facts["growth_mb"]
    except (OSError, ValueError):
        out.seconds = time.monotonic() - start
    for path in (report, report.with_suffix(".ready")):
        path.unlink(missing_ok=True)
    if "Traceback (most recent call last)" in out.stderr:
        last = out.stderr.strip().splitlines()[-1]
        out.exception = last.split(":", 1)[0]
    return out


_PROBLEMS = re.compile(r"^rothroute: \d+ problems? in ")
# the field's path: a key that is not a plain name is quoted (accounts[4]["kin:d"]), colons and all
_PROBLEM_LINE = re.compile(r'^  (?P<source>.*?)(?::(?P<line>\d+))?: (?P<where>(?:[^:"]|"(?:[^"\\]|\\.)*")+): '
                           r"(?P<message>.+)$")
_NO_FIELD = {"(document)", ""}  # "(file)" names the whole file (its size, its bytes): no line to give


def violations(out: Outcome) -> list[str]:
    """What the outcome breaks of: exit code 0 or 2; no traceback; stdout empty on exit 2;
    every file problem naming a field or a line; a message on exit 2."""
    found = []
    if out.killed:
        found.append(f"stopped: over the {out.killed} bound")
    if out.exception is not None:
        found.append(f"traceback: {out.cause}: {out.detail}")
    elif out.code not in (0, 2):
        found.append(f"exit code {out.code}")
    for name, text in (("stderr", out.stderr), ("stdout", out.stdout)):
        if "Traceback (most recent call last)" in text:
            found.append(f"a traceback on {name}")
    if out.code == 2:
        if out.stdout:
            found.append("standard output written with exit code 2")
        lines = out.stderr.rstrip("\n").splitlines()
        if not lines or not lines[0].startswith("rothroute: "):
            found.append(f"exit code 2 without a 'rothroute: ' message: {out.stderr[:200]!r}")
        elif _PROBLEMS.match(lines[0]):
            for line in lines[1:]:
                m = _PROBLEM_LINE.match(line)
                if m is None:
                    found.append(f"a problem not in the form 'file:line: field: message': {line[:200]!r}")
                elif m["line"] is None and m["where"].strip() in _NO_FIELD:
                    found.append(f"a problem naming neither a field nor a line: {line[:200]!r}")
    return found
