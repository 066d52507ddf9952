"""State income tax speed, for ``bench/run.py`` (issue #14, items 7 and 8): each figure beside a
peer's measured in the same run.

- Batch: the households of the state cross-check (``tests/crosscheck/state_peers.py``: every state
  rothroute has a file for, 2024 and 2025, the years taxsim-py has), priced by rothroute's state
  batch path (``state.batch.state_tax_batch``, from the federal figures) and, federal and state
  together, by ``federal_tax_batch`` (compiled) then the state batch; against taxsim-py's Rust
  engine on the same households with their states, and with no state (its federal part alone):
  taxsim-py's state time is the difference.
- One household in process: ``evaluate`` of the seed household (2026) living in New York, New
  Jersey and Virginia, against taxsim-py pricing one household with its state.
- Fresh process: ``rothroute evaluate`` of the seed household in New York (``run.py`` times it).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rothroute import evaluate, load_text  # noqa: E402
from rothroute.params.states import state_files  # noqa: E402
from rothroute.state.batch import state_tax_batch  # noqa: E402
from rothroute.state.inputs import FEDERAL_KEYS, FORM_8962_LINES, INPUT_FIELDS, PERSON_FIELDS  # noqa: E402
from rothroute.tax.batch import columns_from_inputs as federal_columns, federal_tax_batch  # noqa: E402
from rothroute.vocab import FILING_STATUSES, FilingStatus  # noqa: E402
from tests.crosscheck import state_peers  # noqa: E402

# states with a 2026 return in their files (the seed's year; California's and Maryland's 2026 values are
# not published yet), New York's the longest of them
SEED_STATES = (("NY", None), ("NJ", None), ("VA", None))


def best(fn: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _taxsim_frame(households: list[dict[str, Any]], with_state: bool) -> Any:
    import polars as pl

    both = lambda key: [float(h[f"{key}_head"] + h[f"{key}_spouse"]) for h in households]  # noqa: E731
    money = {
        "pwages": [float(h["wages_head"]) for h in households], "swages": [float(h["wages_spouse"]) for h in households],
        "intrec": [float(h["taxable_interest"] + h["ordinary_dividends"] - h["qualified_dividends"]) for h in households],
        "dividends": [float(h["qualified_dividends"]) for h in households],
        "ltcg": [float(h["long_term_gains"]) for h in households],
        "stcg": [float(h["short_term_gains"]) for h in households],
        "pensions": [a + b + c for a, b, c in zip(both("pension"), both("ira"), both("conversion"))],
        "gssi": both("social_security"),
    }
    return pl.DataFrame({
        "taxsimid": list(range(1, len(households) + 1)), "year": [h["year"] for h in households],
        "state": [state_peers.TAXSIM_STATE[h["state"]] if with_state else 0 for h in households],
        "mstat": [2 if h["filing_status"] == "married_joint" else 1 for h in households],
        "page": [h["age_head"] for h in households], "sage": [h["age_spouse"] or 0 for h in households],
        "depx": [0] * len(households), **money,
    }, schema_overrides={k: pl.Float64 for k in money})


_FEDERAL_OUT = {name: key for name, key in FEDERAL_KEYS.items() if key is not None}


def _state_columns(pool: list[dict[str, Any]], index: np.ndarray) -> dict[str, Any]:
    """The state batch's columns of the person fields (the federal ones are filled in later)."""
    rows = [state_peers.state_inputs(h, federal={}) for h in pool]
    maps = [r.as_mapping() for r in rows]
    cols: dict[str, Any] = {name: np.array([m[name] for m in maps], dtype=np.int64)[index]
                            for name in INPUT_FIELDS if name not in FEDERAL_KEYS}
    cols["state"] = np.array([r.state for r in rows])[index]
    cols["year"] = np.array([r.year for r in rows], dtype=np.int64)[index]
    cols["status"] = np.array([FILING_STATUSES.index(r.status) for r in rows], dtype=np.int64)[index]
    return cols


def _with_federal(cols: dict[str, Any], fed: dict[str, np.ndarray]) -> dict[str, Any]:
    out = dict(cols)
    shape = fed["f1040.11"].shape
    for name, key in _FEDERAL_OUT.items():  # Form 8962's lines are 0: the batch return has no Marketplace coverage
        out[name] = fed[key] if key in fed else np.zeros(shape, dtype=np.int64)
    out["federal_itemizes"] = (fed["f1040.12"] != fed["f1040.12.standard"]).astype(np.int64)
    return out


def batch(n: int, repeats: int) -> list[tuple[str, float, float]]:
    from taxsim_py import calculate_taxes

    states = tuple(sorted(state_files()))
    pool = state_peers.generate(max(2, 4000 // len(states)), states)
    index = np.arange(n) % len(pool)
    households = [pool[i] for i in index]
    frame, frame_federal = _taxsim_frame(households, True), _taxsim_frame(households, False)
    fcols = federal_columns([state_peers.federal_inputs(h) for h in pool])
    fcols = {k: v[index] for k, v in fcols.items()}
    keys = (*(k for k in _FEDERAL_OUT.values() if k not in FORM_8962_LINES), "f1040.12", "f1040.12.standard")
    base = _state_columns(pool, index)
    scols = _with_federal(base, federal_tax_batch(fcols, keys=keys, engine="numba"))
    assert not set(("state", "year", "status", *INPUT_FIELDS)) - set(scols)

    def ours_whole() -> None:
        state_tax_batch(_with_federal(base, federal_tax_batch(fcols, keys=keys, engine="numba")), engine="numba")

    calculate_taxes(frame.head(2000))
    calculate_taxes(frame_federal.head(2000))
    check_compiled(scols)  # compiles (or loads) every kernel, and checks it against the NumPy path
    ours_whole()
    repeats = max(repeats, 7)  # a few ms each: more repeats for a steadier best on a shared machine, the peer's alike
    t_compiled = best(lambda: state_tax_batch(scols, engine="numba"), repeats)
    t_state = best(lambda: state_tax_batch(scols, engine="numpy"), repeats)
    t_whole = best(ours_whole, repeats)
    t_peer = best(lambda: calculate_taxes(frame), repeats)
    t_peer_federal = best(lambda: calculate_taxes(frame_federal), repeats)
    t_peer_state = max(t_peer - t_peer_federal, 1e-9)
    label = f"state batch {n:,} households of {len(states)} states, 2024+2025"
    return [(f"{label}: rothroute state path (compiled), given the federal figures", n / t_compiled,
             t_peer_state / t_compiled),
            (f"{label}: rothroute state path (NumPy), given the federal figures", n / t_state, t_peer_state / t_state),
            (f"{label}: rothroute federal and state together (both compiled)", n / t_whole, t_peer / t_whole),
            (f"{label}: taxsim-py (Rust), federal and state", n / t_peer, 1.0),
            (f"{label}: taxsim-py (Rust), its state part (with states less without)", n / t_peer_state, 1.0)]


def check_compiled(scols: dict[str, Any]) -> None:
    """Every state's kernels (those the batch runs), for every year of its file, equal the NumPy path
    to the cent on these households: each tax, ``computed`` and ``total`` (the test suite compiles a
    few states and runs every state's kernel, every line, as plain Python:
    ``tests/state/test_state_compiled.py``)."""
    from rothroute.params.states import state_files as files
    from rothroute.state import compiled

    started = time.perf_counter()
    for code, f in sorted(files().items()):
        rows = np.flatnonzero(scols["state"] == code)
        years = sorted(f.years)
        cols = {k: np.asarray(v)[np.concatenate([rows] * len(years))] for k, v in scols.items()}
        cols["year"] = np.repeat(np.array(years, dtype=np.int64), len(rows))
        assert all(compiled.prepared(code, year, ()) is not None for year in years), code  # none left to NumPy
        numpy, fast = state_tax_batch(cols, engine="numpy"), state_tax_batch(cols, engine="numba")
        for name in numpy:
            assert np.array_equal(numpy[name], fast[name]), (code, name)
    print(f"compiled state kernels equal the NumPy path in every state and year ({time.perf_counter() - started:.1f} s, "
          "compiling what the cache lacks)", file=sys.stderr)


def seed_in(state: str, locality: str | None) -> str:
    text = (ROOT / "examples" / "seed.yaml").read_text()
    assert "\nstate: TX\n" in text
    return text.replace("\nstate: TX\n", f"\nstate: {state}\n" + (f"locality: {locality}\n" if locality else ""))


def single(repeats: int) -> list[tuple[str, float, float]]:
    from taxsim_py import calculate_taxes

    one = [h for h in state_peers.generate(4, ("NY",), years=(2025,)) if h["filing_status"] == "married_joint"][:1]
    frame = _taxsim_frame(one, True)
    calculate_taxes(frame)
    t_taxsim = best(lambda: calculate_taxes(frame), repeats)
    rows = []
    for state, locality in SEED_STATES:
        household = load_text(seed_in(state, locality), source=f"seed_{state.lower()}.yaml")
        result = evaluate(household)
        assert result.state is not None and result.state.income_tax is not None, state
        calls = 1000
        t = best(lambda: [evaluate(household) for _ in range(calls)], repeats) / calls
        where = f"{state}, {locality}" if locality else state
        rows.append((f"one household in process with its state: rothroute evaluate, seed in {where} (ms)", t * 1e3,
                     t_taxsim / t))
    rows.append(("one household in process with its state: taxsim-py (Rust), federal and New York (ms)",
                 t_taxsim * 1e3, 1.0))
    return rows


def seed_file(folder: str, state: str = "NY") -> Path:
    path = Path(folder) / f"seed_{state.lower()}.yaml"
    path.write_text(seed_in(state, None))
    return path


if __name__ == "__main__":
    for label, value, ratio in batch(20_000, 3) + single(3):
        print(f"{label}: {value:,.3f} ({ratio:,.1f}x)")
    with tempfile.TemporaryDirectory() as d:
        print(seed_file(d))
