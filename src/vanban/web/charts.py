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


def bar_chart(rows: list[tuple[str, int, int, str]], *, width: int = 320, row_height: int = 28) -> BarChart:
    """Horizontal stacked bars (on time, late) per unit, each a link to the documents it counts."""
    label_width = 110
    top = max((a + b for _, a, b, _ in rows), default=0) or 1
    scale = (width - label_width - 40) / top
    bars = [
        Bar(label, a, b, href, i * row_height, round(a * scale), round(b * scale))
        for i, (label, a, b, href) in enumerate(rows)
    ]
    return BarChart(bars, width, max(row_height, len(rows) * row_height), label_width)
