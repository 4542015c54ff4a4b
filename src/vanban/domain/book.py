"""A register book as printed (Phụ lục IV; nd30.md §6): its columns, cells and cover figures.

Pure data, standard library only: ``vanban.domain.book_making`` fills a :class:`Book` from the
register's documents; ``vanban.docx.books`` and ``vanban.xlsx.books`` print it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from vanban.domain.codes import pad
from vanban.domain.dates import padded

BookKind = Literal["out", "in", "handling"]

OUT_COLUMNS: tuple[str, ...] = (
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
)
IN_COLUMNS: tuple[str, ...] = (
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Đơn vị hoặc người nhận",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
)
HANDLING_COLUMNS: tuple[str, ...] = (
    "Số đến",
    "Tên loại, số, ký hiệu, ngày tháng văn bản, cơ quan ban hành",
    "Đơn vị hoặc người nhận",
    "Thời hạn giải quyết",
    "Tiến độ giải quyết",
    "Số, ký hiệu văn bản trả lời",
    "Ghi chú",
)

BOOK_TITLES: dict[str, str] = {
    "out": "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
    "in": "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
    "handling": "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN",
}
BOOK_COLUMNS: dict[str, tuple[str, ...]] = {
    "out": OUT_COLUMNS,
    "in": IN_COLUMNS,
    "handling": HANDLING_COLUMNS,
}

# Widths of the register columns in centimetres on landscape A4 (the printers scale them to
# the page): the subject needs room, dates and codes must not wrap, a count hardly any.
_COLUMN_CM: dict[str, float] = {
    "Số, ký hiệu văn bản": 2.8,
    "Ngày tháng văn bản": 2.3,
    "Tên loại và trích yếu nội dung văn bản": 6.0,
    "Người ký": 2.8,
    "Nơi nhận văn bản": 3.4,
    "Đơn vị, người nhận bản lưu": 2.6,
    "Số lượng bản": 1.6,
    "Ngày chuyển": 2.3,
    "Ký nhận": 2.0,
    "Ghi chú": 2.2,
    "Ngày đến": 2.3,
    "Số đến": 1.6,
    "Tác giả": 3.2,
    "Đơn vị hoặc người nhận": 3.0,
    "Tên loại, số, ký hiệu, ngày tháng văn bản, cơ quan ban hành": 7.0,
    "Thời hạn giải quyết": 2.4,
    "Tiến độ giải quyết": 3.4,
    "Số, ký hiệu văn bản trả lời": 3.0,
}


def column_weights(columns: Sequence[str]) -> list[float]:
    """How wide each column is relative to the others (the printers scale them to the page)."""
    return [_COLUMN_CM.get(column, 2.5) for column in columns]


Cell = str | dt.date
"""A register cell: text, or a date (printed dd/mm/yyyy; a date cell in a spreadsheet)."""


@dataclass(frozen=True, slots=True)
class NumberRange:
    """The first and last number of one series in a book; ``series`` names it when there are several."""

    first: int
    last: int
    series: str | None = None


@dataclass(slots=True)
class Book:
    """A register book ready to print: cover figures, columns in the decree's order, rows."""

    kind: BookKind
    title: str
    office_name: str
    year: int
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    governing_body: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    number_ranges: list[NumberRange] = field(default_factory=list)

    @property
    def cover_lines(self) -> list[str]:
        """The figures on the cover: "Năm 2025", "Từ ngày … đến ngày …", "Từ số … đến số …".

        Numbers run per series (one per type, or secret documents apart): a book holding
        several prints one line per series, "Kế hoạch: từ số 90 đến số 95", since a single
        "từ số 01 đến số 968" across them would be no range at all.
        """
        lines = [f"Năm {self.year}"]
        start = padded(self.date_from) if self.date_from else "…"
        end = padded(self.date_to) if self.date_to else "…"
        lines.append(f"Từ ngày {start} đến ngày {end}")
        if not self.number_ranges:
            lines.append("Từ số … đến số …")
        elif len(self.number_ranges) == 1:
            (only,) = self.number_ranges
            lines.append(f"Từ số {pad(only.first)} đến số {pad(only.last)}")
        else:
            lines.extend(f"{r.series}: từ số {pad(r.first)} đến số {pad(r.last)}" for r in self.number_ranges)
        return lines


def cell_text(value: Cell) -> str:
    """A register cell as written on paper: a date as dd/mm/yyyy."""
    return padded(value) if isinstance(value, dt.date) else value
