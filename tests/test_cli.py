"""The command line: evaluate (table and --json), schema, and bad input (exit 2, no traceback,
nothing on standard output)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from rothroute.cli.app import app

from .conftest import EXAMPLES
from .test_household_file import BASE

TAX_KEYS = {"agi", "taxable_social_security", "deductions", "taxable_income", "federal_income_tax", "niit",
            "additional_tax_72t", "total_tax", "irmaa_tier", "without_moves", "cost_of_moves"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_evaluate_prints_a_table(seed_path: Path) -> None:
    code, out, _ = run("evaluate", str(seed_path))
    assert code == 0
    assert "Adjusted gross income" in out and "Total federal tax" in out


def test_evaluate_json_keeps_the_contract_keys(seed_path: Path) -> None:
    code, out, _ = run("evaluate", str(seed_path), "--json")
    assert code == 0
    result = json.loads(out)
    assert {"format", "tax_year", "issues", "moves", "people", "tax", "accounts_end", "lines"} <= set(result)
    assert TAX_KEYS <= set(result["tax"])
    person = result["people"]["client"]
    assert {"form_8606", "roth_ira_qualified", "roth_ira_five_year_start", "ira_basis_end", "roth_ira_end"} <= set(person)
    assert set(result["accounts_end"]["client_403b"]) == {"value", "pretax", "after_tax", "roth"}
    lines = {line["key"]: line for line in result["lines"]}
    for key in ("f1040.11", "f1040.6b", "f1040.15", "f1040.22", "f8960.17", "f5329.4", "irmaa.tier"):
        assert lines[key]["cites"], key
    assert lines["f1040.11"]["value"] == result["tax"]["agi"]


def test_explain_prints_citations(seed_path: Path) -> None:
    code, out, _ = run("evaluate", str(seed_path), "--explain")
    assert code == 0 and "IRC §86(a)-(c)" in out and "Rev. Proc. 2025-32" in out


def test_bad_file_exits_2_with_every_problem_and_no_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("pretax: 300000", "pretax: -5").replace("born: 1959-03-14", "born: 2030-01-01"))
    code, out, err = run("evaluate", str(bad), "--json")
    assert code == 2 and out == ""
    assert "2 problems" in err
    assert f"{bad}:13: accounts[0].sources.pretax: expected" in err
    assert f"{bad}:5: people[0].born: expected a birth date on or before 2026-12-31" in err
    assert "Traceback" not in err


def test_missing_file_exits_2(tmp_path: Path) -> None:
    code, _, err = run("evaluate", str(tmp_path / "none.yaml"))
    assert code == 2 and "No such file" in err


def test_schema_validates_the_examples_and_rejects_bad_ones() -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for path in sorted(EXAMPLES.glob("*.yaml")):
        doc = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
        errors = list(validator.iter_errors(doc))
        assert not errors, f"{path.name}: {errors[0].message}"
    bad = json.loads(json.dumps(yaml.safe_load(BASE.replace("kind: 403b", "kind: 403c")), default=str))
    assert list(validator.iter_errors(bad))


@pytest.mark.parametrize("change", [
    ("kind: 403b", "kind: 403c"), ("pretax: 300000", "pretax: -1"), ("ira_basis: 0}", "ira_basis: 0, x: 1}"),
    ("filing_status: single", "filing_status: solo"), ("earnings: 40000", "earnings: 1.001"),
])
def test_schema_and_loader_agree_on_structure(change: tuple[str, str]) -> None:
    from rothroute import HouseholdFileError, json_schema, load_text

    text = BASE.replace(*change)
    doc = json.loads(json.dumps(yaml.safe_load(text), default=str))
    schema_errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(doc))
    with pytest.raises(HouseholdFileError):
        load_text(text)
    assert schema_errors


def test_the_installed_command_runs_as_a_fresh_process(seed_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "rothroute", "evaluate", str(seed_path), "--json"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["tax_year"] == 2026


def test_table_dollars_put_the_sign_before_the_dollar_sign() -> None:
    """A refundable credit makes a year's tax negative (the premium tax credit): -$16,394, not $-16,394."""
    from rothroute.cli.render import usd

    assert usd(-16394.2) == "-$16,394" and usd(1234.4) == "$1,234" and usd(-0.4) == "$0" and usd(None) == ""
