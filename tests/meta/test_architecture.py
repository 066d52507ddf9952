"""The architecture, checked by import-linter with the contracts in pyproject.toml: the layers
of the folder tree (front ends over reports over compare and optimize over the engine over the
moves over the tax rules over the household file over the parameters over the bottom), no
front-end library in the core, and no import cycle between the modules of a package."""

from __future__ import annotations

import sys
from pathlib import Path

import tomllib

import rothroute

ROOT = Path(__file__).resolve().parents[2]
SRC = Path(rothroute.__file__).parent


def _contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def test_the_import_contracts_hold() -> None:
    import subprocess

    command = Path(sys.executable).with_name("lint-imports")  # import-linter's command, beside this Python
    proc = subprocess.run([str(command), "--no-cache", "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{len(_contracts())} kept, 0 broken" in proc.stdout


def test_every_module_is_in_a_layer() -> None:
    """A module the layers do not name would be free of them: each top-level module and package
    of rothroute is in the layers contract, and the forbidden contract covers every core one."""
    layers, forbidden = (c for c in _contracts() if c["type"] in ("layers", "forbidden"))
    named = {part.strip() for layer in layers["layers"] for part in layer.replace("|", ":").split(":")}
    found = {p.stem if p.is_file() else p.name for p in SRC.iterdir()
             if (p.suffix == ".py" and p.stem != "__init__") or (p.is_dir() and (p / "__init__.py").exists())}
    assert found == named, (found - named, named - found)
    core = {m.removeprefix("rothroute.") for m in forbidden["source_modules"]}
    assert core == named - {"__main__", "cli", "web", "scan"}
