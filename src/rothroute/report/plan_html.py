"""The multi-year plan as one self-contained, printable HTML page: what to convert each year and
why it pays, the year table (the model's tax beside the engine's), the charts, the baselines and
every assumption. Nothing is fetched; the charts are the inline SVG of ``plan_charts``."""

from __future__ import annotations

from html import escape
from typing import Any

from rothroute.report.html import CSS
from rothroute.report.plan_charts import plan_svg
from rothroute.report.plan_rows import (against_file, chosen_ages, claim_counts, claim_worth, claims_shown,
                                         filing_label, moved_to_roth, qcd, rolled_out, shown, unproved, withdrawn,
                                         year_label)
from rothroute.report.text import money

__all__ = ["claiming_section", "render_plan", "year_table"]


def _e(value: Any) -> str:
    return escape(str(value))


def _row(cells: list[str], cls: str = "") -> str:
    return f'<tr class="{cls}">' + "".join(cells) + "</tr>"


def _n(value: Any) -> str:
    return f'<td class="n">{_e(money(round(float(value))))}</td>'


def render_plan(data: dict[str, Any]) -> str:
    o, solver, a = data["objective"], data["solver"], data["assumptions"]
    years = data["years"]
    first, last = years[0]["year"], years[-1]["year"]
    states = any(y.get("state") for y in years)
    spending = o["name"] == "level_spending"
    headline = (f"spend {money(round(o['engine_value']))} a year after tax (first-year dollars, growing with inflation)"
                if spending else f"leave {money(round(o['engine_value']))} after tax at the end of {last}")
    best = max(data["baselines"], key=lambda b: b["value"]) if data["baselines"] else None
    ahead = ("" if best is None or spending else
             f" That is {money(round(o['engine_value'] - best['value']))} more than the best baseline "
             f"({_e(best['name'].replace('_', ' '))}).")
    head = (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
            f'img-src data:"><title>Roth conversion plan {first}-{last}</title><style>{CSS}</style></head><body><main>'
            f'<header><h1>Roth conversion plan, {first} to {last}</h1><p>'
            + ("Federal and state income tax" if states else "Federal income tax only")
            + f'; every year re-priced by rothroute\'s exact single-year engine.</p></header>')
    summary = (f'<section id="summary"><h2>Summary</h2><p class="lede">Following this plan, the household can '
               f'<strong id="headline" data-value="{o["engine_value"]}">{_e(headline)}</strong>.{_e(ahead)}</p>'
               f'<p class="muted">{_e(o["text"])}. Solved by {_e(solver["name"])}: {_e(solver["status"])} in '
               f'{solver["seconds"]:.2f} s' + ("" if solver["gap"] is None else f', optimality gap {solver["gap"]:.1e}')
               + '.</p>' + _unproved(data) + _first(data["first_moves"]) + '</section>')
    table = year_table(data)
    charts = f'<section id="charts"><h2>Charts</h2>{plan_svg(data)}</section>'
    base_rows = "".join(_row([f"<td>{_e(b['name'].replace('_', ' '))}</td>", _n(b["value"]),
                              _n(o["after_tax_wealth"] - b["value"])]) for b in data["baselines"])
    baselines = ('<section id="baselines"><h2>Against the baselines</h2><table><thead><tr><th>Plan</th>'
                 '<th class="n">After-tax wealth at the end</th><th class="n">This plan is ahead by</th></tr></thead>'
                 f'<tbody>{base_rows}</tbody></table></section>')
    notes = "".join(f"<li>{_e(n)}</li>" for n in a["notes"])
    end = (f'<section id="assumptions"><h2>Assumptions</h2><ul><li>Growth {float(a["growth"]):.2%} a year, inflation '
           f'{float(a["inflation"]):.2%}, heirs\' tax rate {float(a["heirs_rate"]):.0%}, spending '
           f'{_e(money(a["spending"]))} a year, cash at the start {_e(money(a["cash"]))}.</li>{notes}</ul></section>'
           '<footer>Prepared with rothroute. ' + ("Federal and state income tax" if states else "Federal tax only")
           + '; not legal or tax advice.</footer></main></body></html>\n')
    return head + summary + table + charts + baselines + claiming_section(data) + end


def _unproved(data: dict[str, Any]) -> str:
    text = unproved(data)
    return "" if text is None else f'<p class="warn" id="unproved" role="note">{_e(text)}</p>'


def year_table(data: dict[str, Any], heading: str = "h2") -> str:
    """The plan year by year (the report's and the web workspace's): moves, AGI, the engine's tax beside the
    model's, the state, the premium tax credit, QCDs and the filing status where the plan has them, balances."""
    years = data["years"]
    has = shown(years)
    rows = []
    for y in years:
        b = y["balances"]
        rows.append(_row([f"<td>{year_label(y)}</td>", *([f"<td>{_e(filing_label(y))}</td>"] if has["filing"] else []),
                          _n(moved_to_roth(y)), _n(rolled_out(y)), _n(withdrawn(y)), _n(y["rmd"]),
                          *([_n(qcd(y))] if has["qcd"] else []),
                          _n(y["agi"]), _n(y["engine_federal_income_tax"]), _n(y["federal_income_tax"]),
                          *(_state_cells(y) if has["states"] else []),
                          *(['<td class="n"></td>' if y["premium_tax_credit"] is None else _n(y["premium_tax_credit"])]
                            if has["credit"] else []),
                          f'<td class="n">{_rate(y["marginal_rate"])}</td>',
                          f'<td class="n">{y["irmaa_tier"]}</td>', _n(b["ira_pretax"]), _n(b["ira_basis"]),
                          _n(b["plan_pretax"]), _n(b["plan_basis"]), _n(b["roth_ira"]), _n(b["designated_roth"])],
                         "year"))
    return (f'<section id="years"><{heading}>Year by year</{heading}><div class="scroll" tabindex="0" role="region" '
            'aria-label="The plan year by year"><table class="years"><thead><tr><th>Year</th>'
            + ('<th>Filing</th>' if has["filing"] else '')
            + '<th class="n">Convert</th><th class="n">Roll out</th><th class="n">Withdraw</th><th class="n">RMD</th>'
            + ('<th class="n">QCD</th>' if has["qcd"] else '')
            + '<th class="n">AGI</th><th class="n">Federal tax (engine)</th><th class="n">Federal tax (model)</th>'
            + ('<th>State</th><th class="n">State tax (engine)</th><th class="n">State tax (model)</th>'
               if has["states"] else '')
            + ('<th class="n">Premium tax credit</th>' if has["credit"] else '')
            + '<th class="n">Top rate</th><th class="n">IRMAA tier</th><th class="n">IRA pretax</th>'
            '<th class="n">IRA basis</th><th class="n">Plan pretax</th><th class="n">Plan basis</th>'
            '<th class="n">Roth IRA</th><th class="n">Plan Roth</th></tr>'
            '</thead><tbody>' + "".join(rows) + '</tbody></table></div><p class="muted">Balances on January 1. * parameters '
            'projected past the enacted years (the year\'s own, or the IRMAA tiers two years on).</p></section>')


def _state_cells(y: dict[str, Any]) -> list[str]:
    """The year's state (* where its parameters are projected), the engine's state tax and the model's."""
    name = _e((y["state"] or "") + ("*" if y["state_projected"] else ""))
    engine = '<td class="n">not priced</td>' if y["state"] and y["state_tax"] is None else _n(y["state_tax"] or 0)
    return [f"<td>{name}</td>", engine, _n(y["model_state_tax"] or 0)]


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def _first(first: dict[str, Any]) -> str:
    """The start kept (rolling plans out, or pretax IRA money in) and the starts tried."""
    moves = "".join(f"<li>{_e(m['date'])}: {_e(m['move'].replace('_', ' '))} from {_e(m.get('from', ''))}"
                    f"{' to ' + _e(m['to']) if isinstance(m.get('to'), str) else ''}</li>" for m in first["moves"])
    tried = "; ".join(f"{_e(t['name'].replace('_', ' '))}: {_e(money(round(t['value'])))}" for t in first["tried"])
    return (f'<p id="start">Start: <strong>{_e(first["name"].replace("_", " "))}</strong>'
            + (f" (at no tax)</p><ul>{moves}</ul>" if moves else "</p>")
            + f'<p class="muted">Starts tried, and what each plan is worth: {tried}.</p>')


def claiming_section(data: dict[str, Any], heading: str = "h2") -> str:
    """The claiming ages the plan chose (``--claiming optimize``), the planned alternatives and the screen's best."""
    c = data.get("claiming")
    if not c:
        return ""
    rows = "".join(_row(["<td>" + _e(", ".join(_age(pid, age, x["claim_age_months"][pid])
                                               for pid, age in x["ages"].items()))
                         + (" (the file's)" if x["file"] else "") + "</td>", _n(x["screen_value"]),
                         _n(x["plan_value"]) if x["plan_value"] is not None else
                         f'<td class="n">{_e(claim_worth(x))}</td>'])
                   for x in claims_shown(c))
    return (f'<section id="claiming"><{heading}>When to claim Social Security</{heading}><p>Claim: '
            f'<strong>{_e(chosen_ages(c))}</strong>{against_file(c)}.</p>'  # our words and dollars
            '<table><thead><tr><th>Ages</th><th class="n">Benefits at the end, before tax</th>'
            '<th class="n">The plan\'s worth</th></tr></thead>'
            f'<tbody>{rows}</tbody></table><p class="muted">Ages by {_e(c["method"])}. {_e(c["how"])}. '
            f'{claim_counts(c)}.</p></section>')


def _age(pid: str, years: int, months: int) -> str:
    return f"{pid} {years}" + (f" and {months} months" if months else "")
