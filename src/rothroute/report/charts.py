"""The report's charts as inline SVG, drawn in Python: no script, no font or image to fetch.

Every bar is a ``<rect class="bar">`` carrying its value in ``data-value``; its height (or, in
the horizontal tax chart, its width) is proportional to the value, on one scale per chart, and
its value is written next to it.
"""

from __future__ import annotations

from html import escape
from typing import Any

from rothroute.report.text import money

BUCKETS = (("pretax", "Pretax"), ("after_tax_basis", "After-tax basis"), ("roth", "Roth"))
COLORS = {"pretax": "#5b7083", "after_tax_basis": "#b7893a", "roth": "#2e7d5b"}
WHEN = (("before", "Before"), ("after", "After"))


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def buckets_chart(name: str, title: str, buckets: dict[str, dict[str, Any]]) -> str:
    """Grouped vertical bars: each bucket before (light) and after (solid) the strategy's moves."""
    width, top, plot, bar, gap = 520, 28, 170, 68, 12
    base = top + plot
    group = 2 * bar + gap
    pad = (width - len(BUCKETS) * group) / (len(BUCKETS) + 1)
    vmax = max(float(buckets[w][k]) for w, _ in WHEN for k, _ in BUCKETS) or 1.0
    out = [f'<svg class="chart" data-strategy="{escape(name)}" data-kind="buckets" viewBox="0 0 {width} {base + 44}" '
           f'width="{width}" height="{base + 44}" role="img" aria-label="{escape(title)}: the money in each bucket '
           f'before and after">',
           f'<line class="axis" x1="8" y1="{base}" x2="{width - 8}" y2="{base}"/>']
    for i, (key, label) in enumerate(BUCKETS):
        gx = pad + i * (group + pad)
        for j, (when, when_label) in enumerate(WHEN):
            value = buckets[when][key]
            height = float(value) / vmax * plot
            x, cx = gx + j * (bar + gap), gx + j * (bar + gap) + bar / 2
            out.append(f'<rect class="bar {when}" data-bucket="{key}" data-when="{when}" data-value="{value}" '
                       f'x="{_num(x)}" y="{_num(base - height)}" width="{bar}" height="{_num(height)}" '
                       f'fill="{COLORS[key]}"/>')
            out.append(f'<text class="value" data-bucket="{key}" data-when="{when}" x="{_num(cx)}" '
                       f'y="{_num(base - height - 6)}" text-anchor="middle">{escape(money(value))}</text>')
            out.append(f'<text class="tick" x="{_num(cx)}" y="{base + 15}" text-anchor="middle">{when_label}</text>')
        out.append(f'<text class="group" x="{_num(gx + group / 2)}" y="{base + 34}" '
                   f'text-anchor="middle">{label}</text>')
    out.append("</svg>")
    return "\n".join(out)


def tax_chart(strategies: list[dict[str, Any]], recommended: str) -> str:
    """Horizontal bars: each permitted strategy's tax cost this year, the recommended one in the accent."""
    width, label_w, value_w, row, bar_h, top = 720, 210, 96, 32, 18, 8
    plot = width - label_w - value_w
    vmax = max((float(s["cost_of_moves"]) for s in strategies), default=0.0) or 1.0
    height = top + row * len(strategies) + 8
    out = [f'<svg class="chart" data-kind="tax-cost" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-label="Federal tax cost this year of each strategy">',
           f'<line class="axis" x1="{label_w}" y1="{top - 4}" x2="{label_w}" y2="{height - 4}"/>']
    for i, s in enumerate(strategies):
        y = top + i * row + (row - bar_h) / 2
        value = s["cost_of_moves"]
        w = float(value) / vmax * plot
        cls = "bar recommended" if s["name"] == recommended else "bar"
        label = s.get("label") or s["title"]
        out.append(f'<text class="{cls.replace("bar", "name")}" x="{label_w - 10}" y="{_num(y + bar_h - 4)}" '
                   f'text-anchor="end">{escape(label[:1].upper() + label[1:])}</text>')
        out.append(f'<rect class="{cls}" data-strategy="{escape(s["name"])}" data-value="{value}" x="{label_w}" '
                   f'y="{_num(y)}" width="{_num(w)}" height="{bar_h}"/>')
        out.append(f'<text class="value" data-strategy="{escape(s["name"])}" x="{_num(label_w + w + 8)}" '
                   f'y="{_num(y + bar_h - 4)}">{escape(money(value))}</text>')
    out.append("</svg>")
    return "\n".join(out)
