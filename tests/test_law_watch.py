"""The law watch of each strategy `rothroute compare` builds (issue #12 item 5): every strategy relies on
rules in the legislation data, and the seed comparison answers the thread's last question ("is this
going away if the bill prohibiting megas is passed?") in its JSON and text (the HTML in
tests/test_report_html.py)."""

from __future__ import annotations

import pathlib

import pytest
from click.testing import CliRunner

from rothroute import load_path
from rothroute.cli.app import app
from rothroute.compare import compare
from rothroute.compare.candidates import candidates
from rothroute.compare.law_watch import STRATEGY_RULES, NoLawWatch, law_watch, rules_of
from rothroute.params import for_year
from rothroute.params.legislation import Checked, default

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"


def test_what_was_not_verified_is_shown_as_such() -> None:
    law = default()
    unverified = [r for r in law.rules.values() if r.checked is Checked.NOT_VERIFIED]
    assert unverified, "the data has a rule whose enacting law was not verified (§415(c) after-tax contributions)"
    for rule in unverified:
        users = [s for s, ids in STRATEGY_RULES.items() if rule.id in ids]
        assert users and all(f"{rule.short} (not verified)" in law_watch(s) for s in users)


def _strategy_names() -> set[str]:
    names = set()
    for example in ("seed.yaml", "seed_backdoor.yaml", "backdoor.yaml"):
        household = load_path(EXAMPLES / example)
        names |= {c.name for c in candidates(household, for_year(household.tax_year))}
    return names


def test_every_strategy_compare_can_build_relies_on_a_rule_in_the_data() -> None:
    law = default()
    names = _strategy_names()
    assert names == set(STRATEGY_RULES)  # every strategy has a law watch, and the table names no other
    for name in names:
        assert rules_of(name) and all(rule_id in law.rules for rule_id in rules_of(name)), name
    with pytest.raises(NoLawWatch, match="STRATEGY_RULES"):
        rules_of("sell_everything")


def test_the_seed_comparison_answers_the_threads_question() -> None:
    data = compare(load_path(EXAMPLES / "seed.yaml")).to_json()
    s = {x["name"]: x for x in data["strategies"]}
    assert data["law_as_of"] == default().as_of.isoformat() == "2026-12-06"
    # The split rollover rests on Notice 2014-54, effective for distributions on or after 2015-01-01
    # (IRS Employee Plans News, 2014-12-23).
    notice = next(r for r in s["split_rollover"]["law_status"] if r["id"] == "notice_2014_54_split")
    assert notice["enacted_by"] == "IRS Notice 2014-54" and notice["effective"] == "2015-01-01"
    assert "IRS Notice 2014-54" in notice["cites"] and notice["checked"] == "official"
    assert set(notice) == {"id", "rule", "enacted_by", "effective", "effective_note", "cites", "checked", "sources",
                           "unchanged_by", "proposals"}
    # The 2021 House bill (H.R. 5376 §138311, CRS IF11963) would have ended converting after-tax money from
    # 2022; H.R. 5376 became the Inflation Reduction Act of 2022 (P.L. 117-169) without it.
    for name in ("split_rollover", "in_plan_roth_rollover_then_roll_out", "in_service_after_tax_split",
                 "mega_backdoor_in_plan", "mega_backdoor_rollout", "backdoor_roth", "all_to_roth_ira"):
        bills = [p for r in s[name]["law_status"] for p in r["proposals"] if "H.R. 5376" in p["name"]]
        assert bills, name
        assert all(p["fate"].startswith("not enacted") and p["fate_date"] == "2022-08-16"
                   and p["would_take_effect"] == "2022-01-01" and "P.L. 117-169 (Inflation Reduction Act of 2022)"
                   in p["cites"] for p in bills), name
        assert "H.R. 5376 §138311" in s[name]["law_watch"] and "as of 2026-12-06" in s[name]["law_watch"]
    # P.L. 119-21 left the rollover and conversion rules as they were (it changed rates and deductions only)
    for rule in s["split_rollover"]["law_status"]:
        assert [u["enacted"] for u in rule["unchanged_by"]] == ["2025-07-04"], rule["id"]
    assert "Unchanged by P.L. 119-21." in s["split_rollover"]["law_watch"]
    assert "P.L. 119-21 made the 2017 rates permanent" in s["all_to_roth_ira"]["law_watch"]
    assert len(s["split_rollover"]["law_watch"]) < 500  # a short line; the detail is in law_status
    # the ruled-out strategies carry theirs too
    assert all(x["law_status"] and x["law_watch"] for x in data["strategies"] if x["ruled_out"])


def test_the_text_output_shows_each_permitted_strategys_law_watch() -> None:
    out = CliRunner().invoke(app, ["compare", str(EXAMPLES / "seed.yaml")])
    data = compare(load_path(EXAMPLES / "seed.yaml")).to_json()
    assert out.exit_code == 0
    flat = " ".join(out.output.split())
    assert f"Law watch (the law each strategy relies on, as of {data['law_as_of']})" in flat
    for s in data["strategies"]:
        if not s["ruled_out"]:
            assert f"{s['label']}: {' '.join(s['law_watch'].split())}" in flat, s["name"]
