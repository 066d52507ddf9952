"""The public API is exactly what ``__all__`` says (httpx's test), and the core imports no front end."""

from __future__ import annotations

import subprocess
import sys

import rothroute


def test_all_is_exact_and_sorted() -> None:
    public = sorted(name for name in dir(rothroute) if not name.startswith("_") and name not in {
        "annotations", "cache", "cli", "codes", "compare", "optimize", "report", "errors", "explain", "household",
        "money", "moves", "params", "engine", "roth_ira", "state", "tax", "textdoc", "vocab", "Any", "options", "web",
        "medicare", "scan"})
    assert sorted(rothroute.__all__) == sorted(public + ["__version__"])


def test_core_does_not_import_front_ends_or_numpy_eagerly() -> None:
    code = ("import sys, rothroute; from rothroute import load_path, evaluate; "
            "bad = [m for m in ('click', 'rich', 'numpy', 'typer', 'pydantic') if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
