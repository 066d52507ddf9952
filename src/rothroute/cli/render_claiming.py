"""Rich rendering of the claiming ages a plan chose (``rothroute optimize --claiming optimize``)."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from rothroute.cli.render import usd
from rothroute.report.plan_rows import against_file, chosen_ages, claim_counts, claim_worth, claims_shown


def render_claiming(console: Console, claiming: dict[str, Any], spending: bool = False) -> None:
    console.print(f"Claiming Social Security: [bold]{chosen_ages(claiming)}[/]{against_file(claiming)}."
                  + "".join(f" {pid} kept: {why}." for pid, why in claiming["kept"].items()), highlight=False)
    table = Table(title=f"Claiming ages ({claim_counts(claiming)})",
                  title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column("ages")
    table.add_column("benefits at the end, before tax", justify="right")
    table.add_column("plan's level spending" if spending else "plan's after-tax wealth", justify="right")
    for a in claims_shown(claiming):
        months = a["claim_age_months"]
        label = ", ".join(f"{pid} {age}" + (f" and {months[pid]} months" if months[pid] else "")
                          for pid, age in a["ages"].items()) + (" (file)" if a["file"] else "")
        table.add_row(label, usd(a["screen_value"]), claim_worth(a))
    console.print(table)
    console.print(f"Ages by {claiming['method']}. How: {claiming['how']}.", style="dim", highlight=False)
