"""The ``rothroute`` command. Click and Rich live behind the ``cli`` extra; without them the
command says how to install them (httpx's pattern)."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from rothroute.cli.app import run
    except ImportError as exc:  # the cli extra is not installed
        missing = getattr(exc, "name", None) or str(exc)
        sys.stderr.write(
            f"rothroute: the command line needs the 'cli' extra ({missing} is not installed).\n"
            "Install it with:  pip install 'rothroute[cli]'\n")
        raise SystemExit(2) from None
    run()
