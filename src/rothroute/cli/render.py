"""Rich rendering of results for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

from rothroute.money import dollars
from rothroute.engine import Evaluation

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


_PTC_SHOWN = (
    ("f8962.24", "Premium tax credit (Form 8962)"),
    ("f8962.25", "Advance payments of the credit"),
    ("f8962.26", "Net premium tax credit (refundable, taken from the total)"),
    ("f8962.29", "Excess advance payments repaid (in line 17 above)"),
)


def fits(console: Console, table: Table) -> bool:
    """Whether ``table`` at its natural width fits the terminal (else Rich would cut its cells to an ellipsis,
    and the caller prints it in parts, each whole)."""
    return Measurement.get(console, console.options.update(max_width=10_000), table).maximum <= console.width


def usd(value: float | int | None) -> str:
    """Dollars from the JSON results, whole, for tables."""
    if value is None:
        return ""
    whole = round(value)
    return f"-${-whole:,}" if whole < 0 else f"${whole:,}"


def render_evaluation(result: Evaluation, *, explain: bool = False) -> None:
    console = Console()
    h = result.household
    values = result.tax.values
    table = Table(title=f"Federal tax {h.tax_year} · {h.filing_status} · {h.origin}", title_justify="left")
    table.add_column("line")
    table.add_column("", justify="left")
    table.add_column("amount", justify="right")
    shown = _SHOWN if "f8962.24" not in values else _SHOWN[:-1] + _PTC_SHOWN + _SHOWN[-1:]
    if values.get("f8962.29"):  # Schedule 2 line 1a: line 17 holds the credit repaid beside the AMT
        shown = tuple((k, "Alternative minimum tax and excess credit repaid" if k == "f1040.17" else label)
                      for k, label in shown)
    for key, label in shown:
        if key in values:
            table.add_row(key, label, f"${dollars(int(values[key]), grouping=True)}")
    table.add_row("irmaa.tier", f"IRMAA tier in {h.tax_year + 2}", str(int(values["irmaa.tier"])))
    if result.rmd_excise:
        table.add_row("f5329.55", "Excise on RMDs not taken (not in total tax)",
                      f"${dollars(result.rmd_excise, grouping=True)}")
        table.add_row("", "Total federal tax with the excise (Form 1040 line 24)",
                      f"${dollars(int(values['total_tax']) + result.rmd_excise, grouping=True)}")
    console.print(table)
    _rmds(console, result)
    _state(console, result)
    _moves(console, result)
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


def _rmds(console: Console, result: Evaluation) -> None:
    """Each person's required minimum distributions: due, by when, taken, and not taken (short, or
    in the first year left for April 1 of next year)."""
    rows = []
    for p in result.rmd:
        for o in p.outcomes:
            r = o.requirement
            who = f"{p.person.id} · {'IRAs' if r.account is None else r.account}"
            if r.carried:
                rows.append((f"{who}, last year's first", r.carried, f"{r.year}-04-01",
                             o.carried_on_time + o.carried_late, o.carried_short))
            if r.due:
                rows.append((who, r.due, r.due_by.isoformat(), o.paid, o.short or o.carry))
    if not rows:
        return
    table = Table(title=f"Required minimum distributions {result.household.tax_year}", title_justify="left")
    for column in ("RMD", "due", "by", "taken", "not taken"):
        table.add_column(column, justify="left" if column in ("RMD", "by") else "right")
    for who, due, by, taken, left in rows:
        table.add_row(who, *(f"${dollars(v, grouping=True)}" for v in (due,)), by,
                      *(f"${dollars(v, grouping=True)}" for v in (taken, left)))
    console.print(table)


def _state(console: Console, result: Evaluation) -> None:
    state = result.state
    if state is None:
        return
    from rothroute.vocab import JURISDICTIONS

    table = Table(title=f"{JURISDICTIONS[state.state]} tax {state.year}", title_justify="left")
    table.add_column("line")
    table.add_column("", justify="left")
    table.add_column("amount", justify="right")
    for line in state.lines():
        table.add_row(line.key, line.label.split(": ", 1)[-1], f"${dollars(int(line.value), grouping=True)}")
    shown = "not computed" if state.income_tax is None else f"${dollars(state.income_tax, grouping=True)}"
    table.add_row("tax.state_income_tax", "State income tax", shown)
    table.add_row("tax.total_tax", "Total tax: federal and state", f"${dollars(result.total_tax, grouping=True)}")
    console.print(table)


def _moves(console: Console, result: Evaluation) -> None:
    h = result.household
    if not h.moves:
        return
    moves = Table(title="Moves", title_justify="left")
    for column in ("#", "date", "move", "permitted", "taxable", "nontaxable", "additional tax"):
        moves.add_column(column, justify="right" if column in ("taxable", "nontaxable", "additional tax") else "left")
    for i, raw in enumerate(h.moves):
        r = result.ira.results.get(i)
        money = [f"${dollars(v, grouping=True)}" for v in (r.taxable, r.nontaxable, r.additional_tax)] if r \
            and r.permitted else ["", "", ""]
        notation = raw.to_file() if hasattr(raw, "to_file") else raw  # a record read from the file, or a mapping
        moves.add_row(str(i), str(notation.get("date")), str(notation.get("move")), "yes" if r and r.permitted else "no",
                      *money)
    console.print(moves)
    for p in h.people:
        form = result.ira.forms[p.id]
        if not (form.l1 or form.l7 or form.l8):
            continue
        table = Table(title=f"Form 8606 · {p.id}", title_justify="left")
        table.add_column("line")
        table.add_column("amount", justify="right")
        for number, value in form.lines(result.ratio_places).items():
            table.add_row(number, value if isinstance(value, str) else f"${dollars(value, grouping=True)}")
        console.print(table)
    if result.state is None:
        console.print(f"Cost of the moves: ${dollars(result.cost_of_moves, grouping=True)}")
        return
    console.print(f"Cost of the moves: ${dollars(result.cost_of_moves, grouping=True)} (federal "
                  f"${dollars(result.federal_cost, grouping=True)}, state ${dollars(result.state_cost, grouping=True)})")
