"""A multi-year plan's charts as one standalone SVG: balances by bucket on January 1 of each year
(stacked), and the federal tax of each year (below a zero line where a refundable credit passes the tax).
Every bar carries its value in ``data-value``."""

from __future__ import annotations

from html import escape
from typing import Any

from rothroute.report.text import money

BUCKETS = (("ira_pretax", "IRA pretax", "#5b7083"), ("ira_basis", "IRA basis", "#b7893a"),
           ("plan_pretax", "Plan pretax", "#8a6fb0"), ("plan_basis", "Plan after-tax basis", "#c9a25e"),
           ("roth_ira", "Roth IRA", "#2e7d5b"), ("designated_roth", "Designated Roth", "#6fae8f"))


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _frame(title: str, y: int, width: int) -> list[str]:
    return [f'<text x="8" y="{y + 16}" font-size="14" font-weight="600">{escape(title)}</text>']


def plan_svg(data: dict[str, Any]) -> str:
    years = data["years"]
    n = max(len(years), 1)
    width, left, plot_h, top = 900, 70, 220, 30
    step = (width - left - 20) / n
    bar = max(step * 0.7, 2)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 654" width="{width}" height="654" '
           f'font-family="Helvetica, Arial, sans-serif" font-size="10">']
    out += _frame("Balances on January 1, by bucket", 0, width)
    totals = [sum(float(y["balances"][k]) for k, _, _ in BUCKETS) for y in years]
    vmax = max(totals, default=0) or 1.0
    base = top + plot_h
    for i, y in enumerate(years):
        x = left + i * step
        stacked = 0.0
        for key, _, color in BUCKETS:
            value = float(y["balances"][key])
            h = value / vmax * plot_h
            out.append(f'<rect class="bar" data-kind="balance" data-year="{y["year"]}" data-bucket="{key}" '
                       f'data-value="{value}" x="{_num(x)}" y="{_num(base - stacked - h)}" width="{_num(bar)}" '
                       f'height="{_num(h)}" fill="{color}"/>')
            stacked += h
        if i % max(1, n // 10) == 0:
            out.append(f'<text x="{_num(x + bar / 2)}" y="{base + 14}" text-anchor="middle">{y["year"]}</text>')
    out.append(f'<text x="{left - 6}" y="{top + 10}" text-anchor="end">{escape(money(round(vmax)))}</text>')
    for j, (_, label, color) in enumerate(BUCKETS):
        # three to a row: six buckets fit the width
        lx, ly = left + (j % 3) * 260, base + 24 + (j // 3) * 14
        out.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{color}"/>'
                   f'<text x="{lx + 14}" y="{ly + 9}">{escape(label)}</text>')
    top2 = base + 84
    out += _frame("Federal tax by year (the engine's), with the Roth conversion", top2 - 30, width)
    taxes = [float(y["engine_federal_income_tax"]) for y in years]
    # a year's tax is below zero where a refundable credit (the premium tax credit) passes it: its bar hangs
    # below the zero line, which sits above the axis by the most negative year's share of the range
    tmax, tmin = max(taxes, default=0.0), min(min(taxes, default=0.0), 0.0)
    span = (tmax - tmin) or 1.0
    base2 = top2 + plot_h
    zero = base2 - (-tmin) / span * plot_h
    for i, (y, tax) in enumerate(zip(years, taxes)):
        x = left + i * step
        h = abs(tax) / span * plot_h
        out.append(f'<rect class="bar" data-kind="tax" data-year="{y["year"]}" data-value="{tax}" x="{_num(x)}" '
                   f'y="{_num(zero - h if tax >= 0 else zero)}" width="{_num(bar)}" height="{_num(h)}" '
                   f'fill="{"#1f4e79" if tax >= 0 else "#b03a2e"}"/>')
        if i % max(1, n // 10) == 0:
            out.append(f'<text x="{_num(x + bar / 2)}" y="{base2 + 14}" text-anchor="middle">{y["year"]}</text>')
    out.append(f'<text x="{left - 6}" y="{top2 + 10}" text-anchor="end">{escape(money(round(tmax)))}</text>')
    if tmin < 0:
        out.append(f'<line x1="{left}" x2="{width - 20}" y1="{_num(zero)}" y2="{_num(zero)}" stroke="#555"/>'
                   f'<text x="{left - 6}" y="{_num(zero + 3)}" text-anchor="end">$0</text>'
                   f'<text x="{left - 6}" y="{base2}" text-anchor="end">{escape(money(round(tmin)))}</text>')
    out.append("</svg>")
    return "\n".join(out)
