"""The borderless two-column tables of the head and foot, and the table properties Word
insists on (preferred width, children of ``w:tblPr`` in schema order)."""

from __future__ import annotations

import math
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from vanban.docx.page import TEXT_WIDTH_CM

# Column widths of the header and foot tables: together the text width, so nothing is printed
# in the margins. The left one holds a governing body such as "UBND THÀNH PHỐ HẢI PHÒNG" (13,
# 6.7 cm) on one line, the right one the national name (12, bold, 8.8 cm), with room to spare
# for LibreOffice where a fallback font draws the Vietnamese capitals a little wider.
LEFT_CM = 7.1
RIGHT_CM = math.floor(TEXT_WIDTH_CM * 100) / 100 - LEFT_CM
CELL_MARGIN_CM = 0.05


def borderless_table(doc: Any, widths_cm: tuple[float, ...], rows: int) -> Any:
    """A centred table without borders, of fixed columns ``widths_cm`` and empty cells."""
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    set_borders(tbl_pr, "none", size=0, color="auto")
    set_table_width(tbl_pr, sum(round(cm / 2.54 * 1440) for cm in widths_cm))
    set_cell_margins(tbl_pr, round(CELL_MARGIN_CM / 2.54 * 1440))
    reorder_tbl_pr(tbl_pr)
    for col, width in zip(table.columns, widths_cm, strict=True):
        col.width = Cm(width)
        for cell in col.cells:
            cell.width = Cm(width)
            # a new cell holds one empty paragraph; content is appended, so drop it
            for p in list(cell._tc.iterchildren(qn("w:p"))):
                cell._tc.remove(p)
    return table


def set_borders(tbl_pr: Any, line: str, *, size: int, color: str) -> None:
    """Every border of the table, outside and between cells: ``line`` ("none", "single"),
    ``size`` in eighths of a point."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), line)
        element.set(qn("w:sz"), str(size))
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), color)
        borders.append(element)
    tbl_pr.append(borders)


def set_cell_margins(tbl_pr: Any, twips: int) -> None:
    """The left and right margin inside every cell, in twips."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)


def set_table_width(tbl_pr: Any, twips: int) -> None:
    """The table's preferred width in twips (Word lays fixed tables out from it)."""
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(twips))


_TBL_PR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
]


def reorder_tbl_pr(tbl_pr: Any) -> None:
    """Put the children of ``w:tblPr`` in schema order (Word refuses files otherwise)."""
    rank = {qn("w:" + name): i for i, name in enumerate(_TBL_PR_ORDER)}
    children = list(tbl_pr)
    for child in children:
        tbl_pr.remove(child)
    for child in sorted(children, key=lambda c: rank.get(c.tag, len(rank))):
        tbl_pr.append(child)


def close_cells(table: Any) -> None:
    """Every cell must end with a paragraph: give the empty ones an empty paragraph."""
    for tc in table._tbl.iter(qn("w:tc")):
        if tc.find(qn("w:p")) is None:
            p = OxmlElement("w:p")
            tc.append(p)
