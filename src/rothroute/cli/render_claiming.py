"""Rich rendering of the claiming ages a plan chose (``rothroute optimize --claiming optimize``)."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from rothroute.cli.render import usd

SHOWN = 12  # alternatives shown: the planned ones and the screen's best


def render_claiming(console: Console, claiming: dict[str, Any], spending: bool = False) -> None:
    chosen = ", ".join(f"{pid} at {c['claim_age']} (from {c['entitled_from']})"
                       for pid, c in claiming["chosen"].items())
    gain = claiming.get("gain_over_file")
    console.print(f"Claiming Social Security: [bold]{chosen}[/]"
                  + (f"; worth {usd(gain)} more than the file's ages" if gain else
                     "; the file's own ages" if gain is not None else
                     f"; the file's ages are proved worth less (under {usd(claiming['file_value_below'])})"
                     if claiming.get("file_value_below") is not None else "")
                  + "." + "".join(f" {pid} kept: {why}." for pid, why in claiming["kept"].items()), highlight=False)
    bounded = claiming.get("bounded", 0)
    table = Table(title=f"Claiming ages ({claiming['screened']} screened, {claiming['planned']} planned in full"
                        + (f", {bounded} proved worth less" if bounded else "") + ")",
                  title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column("ages")
    table.add_column("benefits at the end, before tax", justify="right")
    table.add_column("plan's level spending" if spending else "plan's after-tax wealth", justify="right")
    rows = [a for a in claiming["alternatives"] if a["plan_value"] is not None or a["file"]
            or a.get("plan_value_below") is not None]
    rows += [a for a in claiming["alternatives"] if a not in rows][:max(0, SHOWN - len(rows))]
    for a in rows:
        months = a["claim_age_months"]
        label = ", ".join(f"{pid} {age}" + (f" and {months[pid]} months" if months[pid] else "")
                          for pid, age in a["ages"].items()) + (" (file)" if a["file"] else "")
        table.add_row(label, usd(a["screen_value"]), usd(a["plan_value"]) if a["plan_value"] is not None else
                      f"under {usd(a['plan_value_below'])}" if a.get("plan_value_below") is not None else "not planned")
    console.print(table)
    console.print(f"Ages by {claiming['method']}. How: {claiming['how']}.", style="dim", highlight=False)
