"""Print a register book (sổ đăng ký, Phụ lục IV of Nghị định 30/2020) as a Word file.

Landscape A4: a cover page (office, title, year, from date to date, from number to number),
then one table with exactly the book's columns in the decree's order, its header row repeated
on every page. Rows are written as XML directly: a book of a few thousand documents stays
quick to print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from docx import Document as _open_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from vanban.docx.page import MARGIN_LEFT, MARGIN_RIGHT, PAGE_HEIGHT, clear_body, setup_page
from vanban.docx.paragraphs import add_run, new_paragraph
from vanban.docx.styles import FONT, FONT_SLOTS, normalise_styles, prune_package
from vanban.docx.tables import reorder_tbl_pr, set_borders, set_cell_margins, set_table_width
from vanban.domain.book import Book, cell_text, column_weights
from vanban.domain.text import safe_text

CELL_SIZE = 11  # points
COVER_ROOMY_LINES = 6  # cover lines under the year printed large
CELL_MARGIN_TWIPS = 57  # 1 mm each side: dates and codes keep to one line
TWIPS_PER_EMU = 1 / 635


def _text_width_twips() -> int:
    return round((PAGE_HEIGHT - MARGIN_LEFT - MARGIN_RIGHT) * TWIPS_PER_EMU)


def _widths(book: Book) -> list[int]:
    weights = column_weights(book.columns)
    total = sum(weights)
    width = _text_width_twips()
    return [int(width * w / total) for w in weights]  # rounded down: never into the margins


def _cover(doc: Any, book: Book) -> None:
    def line(text: str, size: float, *, bold: bool = False, before: float = 0, after: float = 6) -> None:
        paragraph = new_paragraph(doc, align=WD_ALIGN_PARAGRAPH.CENTER, before=before, after=after, size=size)
        add_run(paragraph, text, size, bold=bold)

    first, dates, *ranges = book.cover_lines
    # a book numbered in many series (one per type) lists them run together in one paragraph,
    # so that the cover stays one page
    crowded = len(ranges) > COVER_ROOMY_LINES
    if book.governing_body:
        line(book.governing_body.upper(), 14, after=0)
    line(book.office_name.upper(), 14, bold=True)
    line(book.title, 24, bold=True, before=60 if crowded else 110, after=24)
    line(first, 18, bold=True, after=18)
    line(dates, 15)
    if crowded:
        line("; ".join(ranges) + ".", 13)
    else:
        for text in ranges:
            line(text, 15)
    end = new_paragraph(doc, size=CELL_SIZE)
    add_run(end, "", CELL_SIZE).add_break(WD_BREAK.PAGE)


def _run(text: str, *, bold: bool) -> Any:
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for slot in FONT_SLOTS:
        fonts.set(qn(slot), FONT)
    rpr.append(fonts)
    if bold:
        rpr.append(OxmlElement("w:b"))
        rpr.append(OxmlElement("w:bCs"))
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(CELL_SIZE * 2))
        rpr.append(size)
    r.append(rpr)
    # A control character stored before the input boundary would make lxml refuse the book.
    for i, part in enumerate(safe_text(text).split("\n")):
        if i:
            r.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = part
        r.append(t)
    return r


def _row(cells: tuple[str, ...], widths: list[int], *, header: bool) -> Any:
    tr = OxmlElement("w:tr")
    tr_pr = OxmlElement("w:trPr")
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))
    tr.append(tr_pr)
    for text, width in zip(cells, widths, strict=True):
        tc = OxmlElement("w:tc")
        tc_pr = OxmlElement("w:tcPr")
        tc_w = OxmlElement("w:tcW")
        tc_w.set(qn("w:w"), str(width))
        tc_w.set(qn("w:type"), "dxa")
        tc_pr.append(tc_w)
        if header:
            v_align = OxmlElement("w:vAlign")
            v_align.set(qn("w:val"), "center")
            tc_pr.append(v_align)
        tc.append(tc_pr)
        p = OxmlElement("w:p")
        p_pr = OxmlElement("w:pPr")
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:before"), "40")
        spacing.set(qn("w:after"), "40")
        p_pr.append(spacing)
        if header or len(text) <= 12:
            jc = OxmlElement("w:jc")
            jc.set(qn("w:val"), "center")
            p_pr.append(jc)
        p.append(p_pr)
        if text:
            p.append(_run(text, bold=header))
        tc.append(p)
        tr.append(tc)
    return tr


def _table(doc: Any, book: Book) -> None:
    widths = _widths(book)
    table = doc.add_table(rows=0, cols=len(book.columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    set_borders(tbl_pr, "single", size=4, color="000000")
    table.autofit = False  # a fixed layout: the widths below are kept
    set_table_width(tbl_pr, sum(widths))
    set_cell_margins(tbl_pr, CELL_MARGIN_TWIPS)
    reorder_tbl_pr(tbl_pr)
    for grid_col, width in zip(tbl.tblGrid.iterchildren(qn("w:gridCol")), widths, strict=True):
        grid_col.set(qn("w:w"), str(width))
    tbl.append(_row(book.columns, widths, header=True))
    for row in book.rows:
        cells = tuple(cell_text(c) for c in row) + ("",) * (len(book.columns) - len(row))
        tbl.append(_row(cells[: len(book.columns)], widths, header=False))


def write_book_docx(book: Book, out: Path | BinaryIO) -> None:
    """Write ``book`` as a landscape A4 .docx to ``out``: cover page, then the register table."""
    doc = _open_document()
    clear_body(doc)
    prune_package(doc)
    normalise_styles(doc)
    setup_page(doc, landscape=True)
    _cover(doc, book)
    _table(doc, book)
    # a document ends with a paragraph
    new_paragraph(doc, size=CELL_SIZE)
    doc.save(str(out) if isinstance(out, Path) else out)
