"""Charts drawn on the server as SVG geometry (the template writes the elements, escaped)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    on_time: int
    late: int
    href: str
    y: int
    on_time_width: int
    late_width: int


@dataclass(frozen=True, slots=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int


def bar_chart(rows: list[tuple[str, int, int, str]], *, width: int = 440, row_height: int = 28) -> BarChart:
    """Horizontal stacked bars (on time, late) per unit, each a link to the documents it counts
    (an empty ``href``: a bar no filter narrows to, drawn without a link)."""
    label_width = 110
    value_width = 160  # room after the bars for the counts in words: "12 trong hạn · 3 quá hạn"
    top = max((a + b for _, a, b, _ in rows), default=0) or 1
    scale = (width - label_width - value_width) / top
    bars = [
        Bar(label, a, b, href, i * row_height, round(a * scale), round(b * scale))
        for i, (label, a, b, href) in enumerate(rows)
    ]
    return BarChart(bars, width, max(row_height, len(rows) * row_height), label_width)
