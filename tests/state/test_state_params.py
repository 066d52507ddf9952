"""State parameter files: one per jurisdiction, loaded as strictly as the federal ones, every
step with its source; a year that cannot be known is refused, never carried forward."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rothroute.errors import ParameterFileError
from rothroute.params.states import STATES_DIR, load_states, state_files
from rothroute.state.jurisdictions import CODES
from rothroute.textdoc import read

FILES = sorted(STATES_DIR.glob("*.yaml"))
NO_WAGE_TAX = ("AK", "FL", "NV", "NH", "SD", "TN", "TX", "WA", "WY")
# words that mark a primary authority: a constitution, statute, regulation or the state's own forms
# and publications (a peer model may be named beside them, never alone)
AUTHORITY = ("Const.", "RSA", "RCW", "Code", "Stat.", "ILCS", "P.S.", "N.J.S.A.", "M.G.L.", "O.C.G.A.",
             "G.S.", "R.C.", "Tax Law", "R&TC", "Laws", "Form", "instructions", "Instructions", "Department",
             "DOR", "DRA", "FTB", "Ann.", "statute", "Publication", "Pub.", "Schedule", "TSB", "Guide",
             "Technical", "www.", "ncdor", "tax.illinois", "revenue",
             # phase 2, group A: Delaware's, Colorado's, Hawaii's and Arizona's codes
             "Del. C.", "C.R.S.", "HRS", "A.R.S.")
AUTHORITY += ("KRS", "KAR", "K.S.A.", "M.R.S.", "Tax-Gen.", "IC 6-3", "R.S. 47", "legislature")  # group B
AUTHORITY += ("A.C.A.",)  # group A: Arkansas
AUTHORITY += ("O.S.", "ORS", "V.S.A.")  # group D


def test_every_jurisdiction_is_a_state_or_dc() -> None:
    assert len(CODES) == 51
    assert set(state_files()) <= set(CODES)


def test_the_states_without_a_wage_income_tax_have_files_for_every_year() -> None:
    files = state_files()
    for code in NO_WAGE_TAX:
        f = files[code]
        assert set(f.years) == {2024, 2025, 2026}, code
        assert all("no_income_tax" in year for year in f.years.values()), code


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_step_has_its_source(path: Path) -> None:
    doc = read(path.read_text()).value
    assert doc["law"].strip()
    for year, block in doc["years"].items():
        for step, values in block.items():
            source = values["source"]
            assert isinstance(source, str) and len(source) > 30, (year, step)
            assert any(word in source for word in AUTHORITY), (year, step, source)
    for year, reason in (doc.get("not_in_force") or {}).items():
        reasons = reason.values() if isinstance(reason, dict) else [reason]
        assert all(len(r) > 30 for r in reasons), year


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "states"
    shutil.copytree(STATES_DIR, target)
    return target


@pytest.mark.parametrize("old, new, words", [
    ("      source: 'RCW 82.87.040(1) (7%)", "      sauce: 'RCW 82.87.040(1) (7%)", "source"),
    ("      deduction: 270000\n", "      deduction: 270000\n      extra: 1\n", "unknown key 'extra'"),
    ("      deduction: 270000\n", "", "missing key 'deduction'"),
    ("      deduction: 270000\n", "      deduction: 270000.005\n", "expected money"),
    ("    capital_gains_tax:\n      deduction: 270000", "    capital_gain_tax:\n      deduction: 270000", "unknown step"),
    ("rules: wa", "rules: wyoming", "rules"),
    ("state: WA", "state: WY", "file name"),
])
def test_strict_loader_refuses(tmp_path: Path, old: str, new: str, words: str) -> None:
    data = _copy(tmp_path)
    path = data / "wa.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ParameterFileError) as info:
        load_states(data)
    assert words in str(info.value) and "wa.yaml" in str(info.value)


def test_a_year_given_and_refused_is_an_error(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    path = data / "wa.yaml"
    text = path.read_text().replace("not_in_force:\n  2026:\n    capital_gains_tax:", "not_in_force:\n  2026:")
    text = text.replace("  2026:\n    capital_gains_tax: 'the standard", "  2026: 'the standard")
    path.write_text(text)
    with pytest.raises(ParameterFileError, match="either given or not_in_force"):
        load_states(data)


def test_one_state_file_is_read_alone_and_is_the_same_object() -> None:
    """``state_file`` reads only the state asked for (a fresh ``rothroute evaluate`` needs one
    file, not every state's), and gives the object ``state_files`` holds."""
    from rothroute.params import states

    states._shipped.cache_clear()
    states.state_files.cache_clear()
    try:
        ca = states.state_file("CA")
        assert ca is not None and ca.state == "CA"
        assert states._shipped.cache_info().currsize == 1
        assert states.state_files()["CA"] is ca
        assert states.state_file("AR") is states.state_files().get("AR")
        assert states.state_file("ca") is None and states.state_file("../x") is None
    finally:
        states._shipped.cache_clear()
        states.state_files.cache_clear()
