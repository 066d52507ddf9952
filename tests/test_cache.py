"""The cache is the user's to control (rothroute.cache): it can be moved or turned off, and a
corrupt or unwritable cache never breaks a run. Each case runs rothroute in a fresh process, as
a user does, with the environment set as the case says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed.yaml"


def _evaluate(env: dict[str, str]) -> dict:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("ROTHROUTE_", "XDG_CACHE"))}
    proc = subprocess.run([sys.executable, "-m", "rothroute", "evaluate", str(SEED), "--json"],
                          capture_output=True, text=True, env={**full, **env}, check=False)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def test_the_cache_moves_with_rothroute_cache_dir(tmp_path: Path) -> None:
    first = _evaluate({"ROTHROUTE_CACHE_DIR": str(tmp_path / "c")})
    kept = list((tmp_path / "c").glob("params-*.json"))
    assert len(kept) == 1
    json.loads(kept[0].read_text())  # JSON, never pickle
    assert _evaluate({"ROTHROUTE_CACHE_DIR": str(tmp_path / "c")}) == first  # read from the cache


def test_the_cache_can_be_turned_off(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _evaluate({"ROTHROUTE_CACHE": "off", "ROTHROUTE_CACHE_DIR": str(tmp_path / "c"), "HOME": str(home)})
    assert not (tmp_path / "c").exists() and not (home / ".cache").exists()


@pytest.mark.parametrize("garbage", [b"", b"\x80\x04garbage", b'{"not": "a list"}', b"[1, 2, {\"$map\": 7}]",
                                     b"[" * 100_000])
def test_a_corrupt_cache_is_read_again_and_rewritten(tmp_path: Path, garbage: bytes) -> None:
    folder = tmp_path / "c"
    good = _evaluate({"ROTHROUTE_CACHE_DIR": str(folder)})
    (kept,) = folder.glob("params-*.json")
    kept.write_bytes(garbage)
    assert _evaluate({"ROTHROUTE_CACHE_DIR": str(folder)}) == good
    json.loads(kept.read_text())  # written anew


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through any permission")
def test_an_unwritable_cache_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        _evaluate({"ROTHROUTE_CACHE_DIR": str(folder)})
    finally:
        folder.chmod(0o700)


def test_a_cache_dir_that_is_a_file_is_ignored(tmp_path: Path) -> None:
    blocker = tmp_path / "c"
    blocker.write_text("not a folder")
    _evaluate({"ROTHROUTE_CACHE_DIR": str(blocker)})


def test_compiled_kernels_with_the_cache_off_or_corrupt(tmp_path: Path) -> None:
    pytest.importorskip("numba")
    code = ("from rothroute import TaxInputs, federal_tax_batch; from rothroute.tax.batch import columns_from_inputs; "
            "rows = [TaxInputs(year=2026, status='single', wages=w) for w in (0, 5_000_000, 50_000_000)]; "
            "print(list(federal_tax_batch(columns_from_inputs(rows), engine='numba')['total_tax']))")
    results = []
    for env in ({"ROTHROUTE_CACHE": "off"}, {"ROTHROUTE_CACHE_DIR": str(tmp_path / "k")}):
        full = {k: v for k, v in os.environ.items() if not k.startswith("ROTHROUTE_")}
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={**full, **env}, check=False)
        assert proc.returncode == 0, proc.stderr
        results.append(proc.stdout)
    for kernel in (tmp_path / "k" / "kernels").glob("*.py"):
        kernel.write_text("this is not python (")
    full = {k: v for k, v in os.environ.items() if not k.startswith("ROTHROUTE_")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**full, "ROTHROUTE_CACHE_DIR": str(tmp_path / "k")}, check=False)
    assert proc.returncode == 0, proc.stderr
    assert results[0] == results[1] == proc.stdout
