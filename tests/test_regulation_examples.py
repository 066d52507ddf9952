"""Worked examples of the Treasury regulations and IRS publications (tests/cases/regulations.yaml) and of
basis across the year end, pooled plan contracts and losses (tests/cases/basis.yaml), evaluated through the
public API. The expected values are the authority's figures; each case names its source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from rothroute import evaluate, load_text

CASES = [case for name in ("regulations.yaml", "basis.yaml", "qcd.yaml")
         for case in yaml.safe_load((Path(__file__).parent / "cases" / name).read_text())]


def mismatches(actual: Any, expected: Any, where: str = "") -> list[str]:
    """Where ``actual`` (the result JSON) differs from ``expected`` (a subset of it): an integer key
    indexes a list; ``codes`` compare as sets."""
    if isinstance(expected, dict):
        out = []
        for key, want in expected.items():
            if isinstance(actual, list) and isinstance(key, int) and key < len(actual):
                out += mismatches(actual[key], want, f"{where}[{key}]")
            elif isinstance(actual, dict) and str(key) in actual:
                out += mismatches(actual[str(key)], want, f"{where}.{key}")
            else:
                out.append(f"{where}.{key}: missing")
        return out
    if where.endswith(".codes"):
        actual, expected = sorted(actual), sorted(expected)
    return [] if actual == expected else [f"{where}: engine {actual!r}, authority {expected!r}"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_regulation_example(case: dict) -> None:
    assert case["source"].strip() and case["quote"].strip()
    result = evaluate(load_text(case["household"]), ratio_places=case.get("ratio_places")).to_json()
    wrong = mismatches(result, case["expected"])
    errors = [i for i in result["issues"] if i["severity"] == "error"]
    for move, cite in case.get("refused", {}).items():  # refused for the authority's reason
        if not any(i["where"].startswith(f"moves[{move}]") and any(cite in c for c in i["cites"]) for i in errors):
            wrong.append(f".moves[{move}]: no refusal citing {cite!r}")
    issues = [f"{i['code']} at {i['where']}" for i in errors]
    assert not wrong, f"{case['source']}\n" + "\n".join(wrong) + (f"\nerrors: {issues}" if issues else "")
