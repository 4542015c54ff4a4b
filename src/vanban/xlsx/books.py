"""Keep a register book (sổ đăng ký, Phụ lục IV of Nghị định 30/2020) as an Excel workbook.

Two sheets: "Bìa" (the cover: office, title, year, from date to date, from number to number)
and "Sổ" (the register: the book's columns in the decree's order, a bold header row that
stays frozen on screen and is repeated on every printed page, landscape A4). Dates are date
cells shown as dd/mm/yyyy, so that the register sorts and filters by date in Excel.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from vanban.domain.book import Book, column_weights
from vanban.domain.text import safe_text

FONT_NAME = "Times New Roman"
COVER_TITLE = "Bìa"
REGISTER_TITLE = "Sổ"
# Character widths of the whole register when printed on landscape A4 (scaled per column).
TOTAL_WIDTH = 150
DATE_FORMAT = "dd/mm/yyyy"
"""How a date cell reads: the Vietnamese day/month/year order, whatever the computer's locale."""
# The decree's minimum margins in inches (openpyxl's unit), never rounded below them.
MARGIN_INCHES = {"left": 30 / 25.4, "right": 15 / 25.4, "top": 20 / 25.4, "bottom": 20 / 25.4}

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _landscape(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    for side, inches in MARGIN_INCHES.items():
        setattr(sheet.page_margins, side, inches)
    sheet.print_options.horizontalCentered = True


def _cover(sheet: Worksheet, book: Book) -> None:
    sheet.title = COVER_TITLE
    sheet.column_dimensions["A"].width = 110
    lines: list[tuple[str, int, bool]] = []
    if book.governing_body:
        lines.append((book.governing_body.upper(), 14, False))
    lines.append((book.office_name.upper(), 14, True))
    lines.append(("", 14, False))
    lines.append((book.title, 24, True))
    first, *rest = book.cover_lines
    lines.append((first, 18, True))
    lines.extend((text, 15, False) for text in rest)
    centred = Alignment(horizontal="center", vertical="center")
    for row, (text, size, bold) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=safe_text(text) or None)
        cell.font = Font(name=FONT_NAME, size=size, bold=bold)
        cell.alignment = centred
        sheet.row_dimensions[row].height = size * 2.2 if text else 60
    _landscape(sheet)


def _register(sheet: Worksheet, book: Book) -> None:
    sheet.title = REGISTER_TITLE
    weights = column_weights(book.columns)
    total = sum(weights)
    head_font = Font(name=FONT_NAME, size=11, bold=True)
    cell_font = Font(name=FONT_NAME, size=11)
    head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for col, (name, weight) in enumerate(zip(book.columns, weights, strict=True), start=1):
        cell = sheet.cell(row=1, column=col, value=name)
        cell.font = head_font
        cell.alignment = head_align
        cell.border = _BOX
        sheet.column_dimensions[get_column_letter(col)].width = round(TOTAL_WIDTH * weight / total, 1)
    sheet.row_dimensions[1].height = 48
    width = len(book.columns)
    for r, row in enumerate(book.rows, start=2):
        values = (tuple(row) + ("",) * width)[:width]
        for col, value in enumerate(values, start=1):
            # A control character stored before the input boundary would make openpyxl refuse the book.
            shown = safe_text(value) if isinstance(value, str) else value
            cell = sheet.cell(row=r, column=col, value=shown or None)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            cell.font = cell_font
            cell.alignment = wrap
            cell.border = _BOX
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    _landscape(sheet)


def write_book_xlsx(book: Book, out: Path | BinaryIO) -> None:
    """Write ``book`` as an .xlsx to ``out``: a cover sheet and the register sheet."""
    workbook = Workbook()
    cover = workbook.active
    assert cover is not None  # a new workbook always has one sheet
    _cover(cover, book)
    _register(workbook.create_sheet(REGISTER_TITLE), book)
    workbook.save(out)
