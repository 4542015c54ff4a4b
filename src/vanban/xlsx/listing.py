"""A listing (domain.listing) as an Excel workbook: a title row, a bold frozen header, date
cells shown as dd/mm/yyyy so that the rows sort and filter by date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from vanban.domain.listing import Listing
from vanban.xlsx.books import DATE_FORMAT, FONT_NAME

_WIDTHS = {"Trích yếu": 60, "Số, ký hiệu": 18, "Trạng thái": 18, "Cơ quan ban hành": 30}


def write_listing_xlsx(listing: Listing, out: Path | BinaryIO) -> None:
    """Write ``listing`` to ``out`` as one sheet: title, header row, rows."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "Danh sách"
    sheet.cell(row=1, column=1, value=listing.title).font = Font(name=FONT_NAME, size=13, bold=True)
    bold = Font(name=FONT_NAME, size=11, bold=True)
    plain = Font(name=FONT_NAME, size=11)
    wrap = Alignment(vertical="top", wrap_text=True)
    for col, name in enumerate(listing.columns, start=1):
        cell = sheet.cell(row=2, column=col, value=name)
        cell.font = bold
        sheet.column_dimensions[get_column_letter(col)].width = _WIDTHS.get(name, 14)
    for r, row in enumerate(listing.rows, start=3):
        for col, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=col, value=value)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            cell.font = plain
            cell.alignment = wrap
    sheet.freeze_panes = "A3"
    workbook.save(out)
