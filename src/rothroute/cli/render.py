"""Rich rendering of results for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from rothroute.money import dollars
from rothroute.result import Evaluation

_SHOWN = (
    ("f1040.11", "Adjusted gross income"),
    ("f1040.6b", "Taxable Social Security"),
    ("deductions", "Deductions"),
    ("f1040.15", "Taxable income"),
    ("f1040.16", "Regular tax"),
    ("f1040.17", "Alternative minimum tax"),
    ("f1040.22", "Federal income tax"),
    ("f8960.17", "Net investment income tax"),
    ("f5329.4", "Additional tax on early distributions"),
    ("total_tax", "Total federal tax"),
)


def render_evaluation(result: Evaluation, *, explain: bool = False) -> None:
    console = Console()
    h = result.household
    values = result.tax.values
    table = Table(title=f"Federal tax {h.tax_year} · {h.filing_status} · {h.origin}", title_justify="left")
    table.add_column("line")
    table.add_column("", justify="left")
    table.add_column("amount", justify="right")
    for key, label in _SHOWN:
        table.add_row(key, label, f"${dollars(int(values[key]), grouping=True)}")
    table.add_row("irmaa.tier", f"IRMAA tier in {h.tax_year + 2}", str(int(values["irmaa.tier"])))
    console.print(table)
    for issue in result.issues:
        style = {"error": "bold red", "warning": "yellow"}.get(str(issue.severity), "")
        console.print(f"[{style}]{issue.severity}[/] {issue.where}: {issue.message}" if style
                      else f"{issue.severity} {issue.where}: {issue.message}")
    if explain:
        for line in result.lines():
            value = line.value if isinstance(line.value, str) else f"${dollars(line.value, grouping=True)}"
            console.print(f"[bold]{line.key}[/] {value} — {line.label}")
            if line.inputs:
                console.print(f"    from: {', '.join(line.inputs)}")
            for cite in line.cites:
                console.print(f"    cites: {cite}", highlight=False)
