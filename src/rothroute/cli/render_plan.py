"""Rich rendering of a multi-year plan: the years, the solver, the baselines."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from rothroute.cli.render import fits, usd
from rothroute.report.plan_rows import (filing_label, moved_to_roth, qcd, rolled_out, shown, unproved, withdrawn,
                                         year_label)


def _years_table(title: str, columns: list[tuple[str, Any]], years: list[dict[str, Any]]) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for name, _ in columns:
        table.add_column(name, justify="left" if name in ("year", "filing", "state") else "right", no_wrap=True)
    for y in years:
        table.add_row(*(cell(y) for _, cell in columns))
    return table


def _year_columns(years: list[dict[str, Any]]) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
    """The year table's columns, as (heading, cell of a year): the moves, then the income and tax."""
    has = shown(years)
    states = has["states"]
    moves: list[tuple[str, Any]] = [
        ("year", year_label), *([("filing", filing_label)] if has["filing"] else []),
        ("convert", lambda y: usd(moved_to_roth(y))), ("roll out", lambda y: usd(rolled_out(y))),
        ("withdraw", lambda y: usd(withdrawn(y))), ("RMD", lambda y: usd(y["rmd"])),
        *([("QCD", lambda y: usd(qcd(y)))] if has["qcd"] else [])]
    taxes: list[tuple[str, Any]] = [
        ("AGI", lambda y: usd(y["agi"])), ("federal tax" if states else "tax", lambda y: usd(y["engine_federal_income_tax"])),
        *([("state", lambda y: (y["state"] or "") + ("*" if y["state_projected"] else "")),
           ("state tax", lambda y: "not priced" if y["state"] and y["state_tax"] is None else usd(y["state_tax"] or 0))]
          if states else []),
        *([("ACA credit", lambda y: "" if y["premium_tax_credit"] is None else usd(y["premium_tax_credit"]))]
          if has["credit"] else []),
        ("rate", lambda y: "" if y["marginal_rate"] is None else f"{y['marginal_rate']:.0%}"),
        ("IRMAA", lambda y: str(y["irmaa_tier"]))]
    return moves, taxes


def render_plan(data: dict[str, Any]) -> None:
    console = Console()
    years = data["years"]
    states = shown(years)["states"]
    moves, taxes = _year_columns(years)
    table = _years_table("The plan by year (re-priced by the exact engine)", moves + taxes, years)
    if fits(console, table):
        console.print(table)
    else:  # a narrow terminal: the moves, then the income and tax, each whole
        console.print(_years_table("The plan by year: moves", moves, years))
        console.print(_years_table("The plan by year: income and tax (the exact engine's)",
                                   moves[:1] + taxes, years))
    held = Table(title="Balances on January 1 by bucket", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                 collapse_padding=True)
    columns = (("ira_pretax", "IRA pretax"), ("ira_basis", "IRA basis"), ("plan_pretax", "plan pretax"),
               ("plan_basis", "plan basis"), ("roth_ira", "Roth IRA"), ("designated_roth", "plan Roth"))
    for column in ("year",) + tuple(label for _, label in columns):
        held.add_column(column, justify="left" if column == "year" else "right", no_wrap=True)
    for y in data["years"]:
        held.add_row(year_label(y), *(usd(y["balances"][key]) for key, _ in columns))
    console.print(held)
    worst = max(data["years"], key=lambda y: abs(y["difference"]))
    for issue in data.get("issues", []):
        console.print(f"[yellow]{issue['code']}[/] ({', '.join(map(str, issue['years']))}): {issue['message']}",
                      highlight=False)
    console.print("* parameters projected past the enacted years: the year's own, or the IRMAA tiers two years on"
                  + ("; a state marked * has its parameters projected past the years its file gives" if states else "")
                  + ". "
                  "Balances on January 1. "
                  f"The model's tax{' (federal and state)' if states else ''} is within "
                  f"${abs(worst['difference']):,.2f} of the engine's in every year"
                  + (" (the IRS Tax Table's $50 rows under $100,000 of taxable income; moves made in whole dollars; "
                     "with basis, the Form 8606 or plan shares the model held, settled to a dollar of conversions; "
                     "a few dollars drawn where the cash account ran short)" if abs(worst["difference"]) >= 1
                     else "") + ".", style="dim", highlight=False)
    solver, objective = data["solver"], data["objective"]
    gap = "" if solver["gap"] is None else f", gap {solver['gap']:.1e}"
    console.print(f"After-tax wealth at the end: [bold]{usd(objective['engine_value'])}[/] (model "
                  f"{usd(objective['value'])}); {solver['name']} {solver['status']} in {solver['seconds']:.2f} s{gap}")
    caveat = unproved(data)
    if caveat:
        console.print(f"[bold yellow]{caveat}[/]", highlight=False)
    first = data["first_moves"]
    tried = ", ".join(f"{t['name'].replace('_', ' ')} {usd(t['value'])}" for t in first["tried"])
    console.print(f"Start: [bold]{first['name'].replace('_', ' ')}[/]"
                  + (f" ({len(first['moves'])} moves at the start of the first year, at no tax)" if first["moves"] else "")
                  + f"; starts tried: {tried}"
                  + (f"; not tried within the time limit: {', '.join(data['first_moves']['not_tried'])}"
                     if data["first_moves"].get("not_tried") else "") + ".", highlight=False)
    if data.get("new_accounts"):
        names = {"roth_ira": "Roth IRA", "traditional_ira": "traditional IRA"}
        console.print("Opens: " + ", ".join(f"{a['id']} (an empty {names.get(a['kind'], a['kind'])} of {a['owner']})"
                                            for a in data["new_accounts"]) + ".", highlight=False)
    baselines = Table(title="Against the baselines (each re-priced the same way)", title_justify="left",
                      box=box.SIMPLE_HEAD)
    baselines.add_column("plan")
    baselines.add_column("after-tax wealth", justify="right")
    baselines.add_column("optimized is ahead by", justify="right")
    for b in data["baselines"]:
        baselines.add_row(b["name"], usd(b["value"]), usd(objective["engine_value"] - b["value"]))
    console.print(baselines)
    if data.get("baselines_not_priced"):
        console.print("Not priced within the time limit: " + ", ".join(data["baselines_not_priced"]) + ".",
                      highlight=False)
    if data.get("claiming"):
        from rothroute.cli.render_claiming import render_claiming

        render_claiming(console, data["claiming"], spending=objective["name"] == "level_spending")
