"""``python child.py REPORT ARGS...``: run ``rothroute ARGS`` as a user does, after loading what
every run loads (the command, the engine, the parameters), and write to REPORT the seconds and
the memory growth (peak RSS less the RSS before the file is read, MiB) of answering the file.
A file REPORT.ready marks the moment the file starts being read (the parent's watch begins).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def _reset_peak() -> None:
    """Linux resets VmHWM (the peak RSS) on writing 5 to clear_refs (since 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def _peak_mb() -> float:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    report = Path(sys.argv[1])
    args = sys.argv[2:]
    import rothroute.cli.app  # noqa: F401 - loaded before the measure
    import rothroute.compare  # noqa: F401
    import rothroute.engine  # noqa: F401
    from rothroute.params import default_set

    default_set()
    if args and args[0] == "optimize":
        try:
            import rothroute.optimize.plan  # noqa: F401
        except ImportError:
            pass
    _reset_peak()
    before = _rss_mb()
    report.with_suffix(".ready").write_text("")
    start, cpu = time.perf_counter(), time.process_time()
    code = 0
    try:
        from rothroute.cli.app import app

        app.main(args, prog_name="rothroute", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
        peak = _peak_mb()
        report.write_text(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds,
                                      "growth_mb": max(peak - before, 0.0)}))
    raise SystemExit(code)


if __name__ == "__main__":
    main()
