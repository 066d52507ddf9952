"""Rich rendering of a strategy comparison: the side-by-side table, the recommendation and why,
what to ask for, and the strategies ruled out with their reasons."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from rothroute.cli.render import fits, usd


def render_comparison(data: dict[str, Any]) -> None:
    console = Console()
    title = (f"Strategies for {data['tax_year']} · ranked by {data['goal']} "
             f"(then {', '.join(data['tie_breaks'])})")
    permitted = [s for s in data["strategies"] if not s["ruled_out"]]
    early = any(s["additional_tax"] for s in permitted)
    state = data.get("state")
    lost = any(s.get("premium_tax_credit_lost") is not None for s in permitted)
    columns = ["#", "strategy", "tax now"] + (["federal", "state"] if state else []) + \
        (["credit lost"] if lost else []) + \
        (["10% tax"] if early else []) + ["IRMAA", "Roth +", "pretax left", "backdoor"]
    rows, styles = [], []
    for rank, s in enumerate(permitted, 1):
        backdoor = sum(p["taxable"] for p in s["backdoor"]["next_year"].values())
        styles.append("bold green" if s["name"] == data["recommended"] else "")
        rows.append([str(rank), s["label"], usd(s["cost_of_moves"])] +
                    ([usd(s["federal_cost"]), usd(s["state_cost"])] if state else []) +
                    ([usd(s["premium_tax_credit_lost"])] if lost else []) +
                    ([usd(s["additional_tax"])] if early else []) +
                    [str(s["irmaa_tier"]), usd(s["roth_gained"]), usd(s["pretax_left"]), usd(backdoor)])

    def table(title: str, shown: list[int]) -> Table:
        out = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
        for k in shown:
            out.add_column(columns[k], justify="left" if columns[k] in ("#", "strategy") else "right",
                           no_wrap=columns[k] != "strategy", min_width=16 if columns[k] == "strategy" else None)
        for row, style in zip(rows, styles):
            out.add_row(*(row[k] for k in shown), style=style)
        return out

    whole = table(title, list(range(len(columns))))
    if fits(console, whole):
        console.print(whole)
    else:  # a narrow terminal: what each costs now, then what each leaves, each table whole
        leaves = columns.index("Roth +")
        console.print(table(title + ": the cost now", list(range(leaves))))
        console.print(table("What each leaves", [0, 1, *range(leaves, len(columns))]))
    taxed = f"federal and {data['state_name']} tax" if state else "federal tax"
    console.print(f"tax now: {taxed} of the moves this year; IRMAA: tier in {data['tax_year'] + 2}; Roth +: "
                  "money moved into Roth accounts; backdoor: tax on a backdoor Roth next year (Form 8606 pro-rata)"
                  + ("; credit lost: the premium tax credit (Form 8962) the moves take away, part of tax now"
                     if lost else ""),
                  style="dim", highlight=False)
    best = next(s for s in data["strategies"] if s["name"] == data["recommended"])
    console.print(f"[bold]Recommended:[/] {best['title']} ([italic]{best['name']}[/])")
    console.print(data["why"], highlight=False)
    console.print(best["how"], highlight=False)
    for request in best["paperwork"]["requests"]:
        console.print(f"  • {request}", highlight=False)
    for trap in best["traps"]:
        console.print(f"  [yellow]![/] {trap}", highlight=False)
    console.print(f"  Authority: {'; '.join(best['cites'])}", highlight=False)
    ruled = [s for s in data["strategies"] if s["ruled_out"]]
    if ruled:
        console.print("[bold]Ruled out[/]")
        for s in ruled:
            why = s["ruled_out"]
            cites = f" ({'; '.join(why['cites'])})" if why["cites"] else ""
            console.print(f"  ✗ {s['title']}: {why['reason']}{cites}", highlight=False)
    console.print(f"[bold]Law watch[/] (the law each strategy relies on, as of {data['law_as_of']})")
    for s in permitted:
        console.print(f"  {s['label']}: {s['law_watch']}", highlight=False)
