"""The plan's year table, as the terminal, the HTML report and the web workspace show it: a survivor's
years show the filing status where it changes, a charitable plan its QCDs (IRC §408(d)(8)), a plan with a
state its state tax; one table serves the report and the workspace (``report.plan_html.year_table``)."""

from __future__ import annotations

import re

import pytest

from click.testing import CliRunner

from rothroute import load_text
from rothroute.cli.app import app
from rothroute.optimize.horizon import Assumptions
from rothroute.optimize.plan import optimize
from rothroute.report.plan_html import render_plan, year_table
from rothroute.report.plan_rows import filing_label, qcd, shown

# a widow's household: a dies at 76 (the end of 2027), b files single from 2028; both past 70½, giving
COUPLE = """format: 1
tax_year: 2026
filing_status: married_joint
tax_computation: rate_schedule
state: NY
people:
  - {id: a, born: 1951-03-01, life_expectancy: 76}
  - {id: b, born: 1953-07-01}
income:
  - {person: a, kind: social_security, amount: 36000}
  - {person: b, kind: social_security, amount: 18000}
accounts:
  - {id: a_ira, owner: a, kind: traditional_ira, value: 900000}
  - {id: b_ira, owner: b, kind: traditional_ira, value: 200000}
"""


def _plan() -> dict:
    return optimize(load_text(COUPLE), 4, Assumptions(spending=60_000_00, giving=10_000_00),
                    with_baselines=False).to_json()


def test_the_table_shows_the_survivors_filing_status_the_qcds_and_the_state() -> None:
    data = _plan()
    years = data["years"]
    assert [y["filing_status"] for y in years] == ["married_joint"] * 2 + ["single"] * 2
    assert shown(years) == {"states": True, "credit": False, "qcd": True, "filing": True}
    html = year_table(data)
    head = re.search(r"<thead>(.*?)</thead>", html).group(1)
    assert re.findall(r"<th[^>]*>([^<]+)</th>", head)[:7] == ["Year", "Filing", "Convert", "Roll out", "Withdraw",
                                                               "RMD", "QCD"]
    assert "State tax (engine)" in head and "Premium tax credit" not in head
    rows = re.findall(r'<tr class="year">(.*?)</tr>', html)
    assert len(rows) == 4
    cells = [re.findall(r"<td[^>]*>([^<]*)</td>", r) for r in rows]
    assert [c[1] for c in cells] == ["joint", "joint", "single", "single"]
    # each year's QCD cell is the plan's QCDs, whole dollars; the giving is paid by QCD where the law allows
    assert [c[6] for c in cells] == [f"${round(qcd(y)):,}" for y in years]
    assert all(qcd(y) > 0 for y in years)
    assert [c[10] for c in cells] == ["NY*" if y["state_projected"] else "NY" for y in years]
    page = render_plan(data)
    assert html in page and "Federal and state income tax; not legal or tax advice" in page


def test_a_plan_without_them_keeps_the_plain_columns() -> None:
    plain = [{"filing_status": "single", "state": None, "premium_tax_credit": None, "qcd": {"p": 0}}] * 3
    assert shown(plain) == {"states": False, "credit": False, "qcd": False, "filing": False}
    assert filing_label({"filing_status": "surviving_spouse"}) == "surviving spouse"


def _printed(tmp_path, columns: int) -> str:
    """``rothroute optimize`` of the widow's household in a terminal ``columns`` wide."""
    path = tmp_path / "widow.yaml"
    path.write_text(COUPLE)
    out = CliRunner().invoke(app, ["optimize", str(path), "--years", "4", "--spending", "60000", "--giving", "10000"],
                             env={"COLUMNS": str(columns)})
    assert out.exit_code == 0, out.output
    return out.output


def test_the_terminal_table_has_the_same_columns(tmp_path) -> None:
    output = _printed(tmp_path, 200)
    header = next(line for line in output.splitlines() if line.lstrip().startswith("year"))
    assert header.split()[:7] == ["year", "filing", "convert", "roll", "out", "withdraw", "RMD"]
    assert "QCD" in header and "state tax" in header
    assert re.search(r"^\s*2028\*?\s+single\s", output, re.M)


def test_a_year_of_negative_tax_hangs_below_the_zero_line() -> None:
    """A year whose tax is below zero (the refundable premium tax credit passing it) is drawn as a bar down
    from the zero line, as tall as its share of the range; positive years stand on the same line."""
    from rothroute.report.plan_charts import plan_svg

    balances = {k: 100.0 for k in ("ira_pretax", "ira_basis", "plan_pretax", "plan_basis", "roth_ira",
                                   "designated_roth")}
    years = [{"year": 2026 + i, "balances": balances, "engine_federal_income_tax": t}
             for i, t in enumerate((3000, -1000, 0))]
    svg = plan_svg({"years": years})
    bars = {int(y): (float(top), float(h)) for y, top, h in re.findall(
        r'data-kind="tax" data-year="(\d+)" data-value="[^"]+" x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)"',
        svg)}
    zero = bars[2027][0]  # the negative bar starts at the zero line
    assert abs(bars[2026][0] + bars[2026][1] - zero) < 0.01 and bars[2026][1] == pytest.approx(3 * bars[2027][1], 0.01)
    assert bars[2028][1] == 0 and "$0</text>" in svg and "-$1,000</text>" in svg


def test_an_80_column_terminal_gets_the_table_in_two_parts_each_whole(tmp_path) -> None:
    output = _printed(tmp_path, 80)
    assert "…" not in output
    assert "The plan by year: moves" in output and "The plan by year: income and tax" in output
    assert re.search(r"^\s*2028\*?\s+single\s", output, re.M)


def test_a_plan_not_proved_says_so_where_the_plan_is_shown(tmp_path) -> None:
    """A plan the solver stopped on at its time limit, whose rounds did not settle, or whose model is off the
    engine is said to be so, plainly, in the HTML report (and so the workspace, which renders the same
    words) and the terminal; a proved plan whose model agrees with the engine carries no such words."""
    from rothroute.report.plan_rows import unproved

    data = _plan()
    years = [dict(y, difference=0.4) for y in data["years"]]
    proved = {**data, "years": years, "solver": {**data["solver"], "status": "Optimal", "settled": True}}
    assert unproved(proved) is None and 'id="unproved"' not in render_plan(proved)
    stopped = {**proved, "solver": {**proved["solver"], "status": "Time limit reached", "seconds": 3.5, "gap": 1.0}}
    text = unproved(stopped)
    assert text.startswith("Not a proved plan: HiGHS stopped (time limit reached, 3.50 s, gap 1.0e+00)")
    assert text.endswith("a longer time limit may find it.")
    from html import escape

    assert f'<p class="warn" id="unproved" role="note">{escape(text)}</p>' in render_plan(stopped)
    off = {**proved, "years": [dict(years[0], difference=-407.72), *years[1:]],
           "solver": {**proved["solver"], "settled": False}}
    assert unproved(off) == ("Not a proved plan: the rounds that settle the pro-rata and gain shares did not settle; "
                             f"the model's tax is $408 off the engine's in {years[0]['year']}. Every figure shown is "
                             "the engine's pricing of this plan, so it is what the plan yields, but a better plan "
                             "may exist.")
