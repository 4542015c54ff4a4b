"""Paragraphs and runs in Times New Roman: the building blocks every printed part is made of."""

from __future__ import annotations

import unicodedata
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from vanban.docx.styles import BODY_SIZE, set_run_fonts
from vanban.domain.text import safe_text


def nfc(text: str) -> str:
    """``text`` in NFC, with controls Word cannot take shown as codes."""
    # Text stored before the input boundary may hold such controls.
    return safe_text(unicodedata.normalize("NFC", text))


def add_run(paragraph: Any, text: str, size: float, *, bold: bool = False, italic: bool = False) -> Any:
    """A run in Times New Roman (all four slots) of ``size`` points; "\\n" breaks the line."""
    run = paragraph.add_run(nfc(text))
    run.font.size = Pt(size)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    set_run_fonts(run._r.get_or_add_rPr())
    return run


def mark_font(paragraph: Any, size: float) -> None:
    """The paragraph mark in Times New Roman too (it sets the height of an empty paragraph)."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
    set_run_fonts(rpr)
    rpr.get_or_add_sz().set(qn("w:val"), str(round(size * 2)))


def new_paragraph(
    container: Any,
    *,
    align: Any = None,
    before: float = 0,
    after: float = 0,
    first_line: Any = None,
    left: Any = None,
    right: Any = None,
    line: float | None = None,
    size: float = BODY_SIZE,
    keep_next: bool = False,
) -> Any:
    """A paragraph added to ``container`` with this spacing, alignment and indents; its mark
    in Times New Roman of ``size`` points."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if align is not None:
        fmt.alignment = align
    if first_line is not None:
        fmt.first_line_indent = first_line
    if left is not None:
        fmt.left_indent = left
    if right is not None:
        fmt.right_indent = right
    if line is not None:
        fmt.line_spacing = line
    if keep_next:
        fmt.keep_with_next = True
    mark_font(paragraph, size)
    return paragraph


def add_text(
    container: Any,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    before: float = 0,
    after: float = 0,
    keep_next: bool = False,
) -> Any:
    """A paragraph of one run of ``text`` (centred unless ``align`` says otherwise)."""
    paragraph = new_paragraph(
        container, align=align, before=before, after=after, size=size, keep_next=keep_next
    )
    add_run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph
