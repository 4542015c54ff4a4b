"""The page of Phụ lục I: A4 with the decree's margins, page numbers centred in the top margin
from page 2 on; and an emptied body to write into."""

from __future__ import annotations

import math
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Twips

from vanban.docx.paragraphs import add_run, mark_font
from vanban.docx.styles import BODY_SIZE, set_run_fonts

TWIPS_PER_MM = 1440 / 25.4


def at_least_mm(mm: float) -> Twips:
    """``mm`` in whole twips, rounded up: Word stores margins in twips, and 15 mm is 850.4
    twips, so rounding to the nearest would print 14.99 mm, under the decree's minimum."""
    return Twips(math.ceil(mm * TWIPS_PER_MM - 1e-9))


PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = at_least_mm(20)
MARGIN_BOTTOM = at_least_mm(20)
MARGIN_LEFT = at_least_mm(30)
MARGIN_RIGHT = at_least_mm(15)
TEXT_WIDTH_CM = (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / 360000  # 16.5 less a twip or two


def clear_body(doc: Any) -> None:
    """Remove every paragraph and table, keeping the section properties."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def setup_page(doc: Any, *, landscape: bool = False) -> None:
    """A4 with the decree's margins, page numbers centred at the top from page 2 on.

    In landscape (register books) the long side is the width and the binding margin stays left.
    """
    for section in doc.sections:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width = PAGE_HEIGHT if landscape else PAGE_WIDTH
        section.page_height = PAGE_WIDTH if landscape else PAGE_HEIGHT
        section.top_margin = MARGIN_TOP
        section.bottom_margin = MARGIN_BOTTOM
        section.left_margin = MARGIN_LEFT
        section.right_margin = MARGIN_RIGHT
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        section.different_first_page_header_footer = True
        first = section.first_page_header
        first.is_linked_to_previous = False
        header = section.header
        header.is_linked_to_previous = False
        if not _has_page_field(header._element):
            paragraphs = header.paragraphs
            target = paragraphs[0] if len(paragraphs) == 1 and not paragraphs[0].text else None
            if target is None:
                target = header.add_paragraph()
            target.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            mark_font(target, BODY_SIZE)
            _page_field(target)
        parts = [header, first, section.footer, section.first_page_footer]
        for part in (p for p in parts if not p.is_linked_to_previous):
            for r in part._element.iter(qn("w:r")):
                set_run_fonts(r.get_or_add_rPr())


def _has_page_field(element: Any) -> bool:
    for instr in element.iter(qn("w:instrText")):
        if "PAGE" in (instr.text or "").upper().split():
            return True
    return any(
        "PAGE" in (f.get(qn("w:instr")) or "").upper().split() for f in element.iter(qn("w:fldSimple"))
    )


def _page_field(paragraph: Any) -> None:
    """A PAGE field: begin, instruction, separate, the current value, end."""

    def field_char(kind: str) -> None:
        run = add_run(paragraph, "", BODY_SIZE)
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)

    field_char("begin")
    run = add_run(paragraph, "", BODY_SIZE)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run._r.append(instr)
    field_char("separate")
    add_run(paragraph, "2", BODY_SIZE)
    field_char("end")
