"""The head of a sheet (Phụ lục I): a borderless two-column table, the governing and issuing
bodies, the rule and the number (a công văn's subject and the framed marks under it) on the
left, the national name, the motto, its rule and the place and date on the right; and the
framed state of a recalled or replaced document above it all."""

from __future__ import annotations

import re
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from vanban.docx.paragraphs import add_run, add_text, new_paragraph, nfc
from vanban.docx.rules import line_width_cm, rule, short_rule
from vanban.docx.tables import LEFT_CM, RIGHT_CM, borderless_table, close_cells
from vanban.domain.sheet import Sheet

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Levels of administration: the issuing body's name breaks before them ("ỦY BAN NHÂN DÂN" /
# "XÃ PHÚ THÁI") as in printed documents.
_LEVEL = re.compile(r"\s+(?=(?:XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU|HUYỆN|QUẬN|THỊ XÃ|THÀNH PHỐ|TỈNH)\s)")
# What may follow w:bdr inside w:rPr: the frame goes before the first of them (schema order).
_RUN_BORDER_SUCCESSORS = tuple(
    "w:" + t
    for t in [
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    ]
)


def write_void_mark(doc: Any, sheet: Sheet) -> None:
    """A recalled or replaced document is printed with its state above everything, framed, so
    that a copy can never pass for one in force (the record itself stays printable)."""
    if sheet.void_mark:
        paragraph = new_paragraph(doc, align=WD_ALIGN_PARAGRAPH.CENTER, after=6, size=13)
        _frame(add_run(paragraph, sheet.void_mark, 13, bold=True))


def write_head(doc: Any, sheet: Sheet) -> None:
    """The two-column head table of ``sheet``."""
    table = borderless_table(doc, (LEFT_CM, RIGHT_CM), rows=2)
    top_left, top_right = table.rows[0].cells
    low_left, low_right = table.rows[1].cells

    if sheet.governing_body:
        add_text(top_left, sheet.governing_body.upper(), 13)
    issuing = _issuing_body_text(sheet.issuing_body)
    add_text(top_left, issuing, 13, bold=True)
    short_rule(top_left, issuing, 13, LEFT_CM)

    add_text(top_right, NATIONAL_NAME, 12, bold=True)
    add_text(top_right, MOTTO, 13, bold=True)
    # the rule under the motto is as long as the motto
    rule(top_right, line_width_cm(MOTTO, 13, RIGHT_CM), RIGHT_CM)

    add_text(low_left, sheet.number_line, 13, before=6)
    if sheet.is_cong_van:
        add_text(low_left, f"V/v {strip_subject_vv(sheet.subject)}", 12, before=3)
    marks = [m for m in (sheet.secrecy_label, sheet.urgency_label, sheet.circulation) if m]
    for mark in marks:
        paragraph = new_paragraph(low_left, align=WD_ALIGN_PARAGRAPH.CENTER, before=8, size=13)
        _frame(add_run(paragraph, mark.upper(), 13, bold=True))

    add_text(low_right, sheet.date_text, 14, italic=True, before=6)
    close_cells(table)


def _issuing_body_text(name: str) -> str:
    """ "ỦY BAN NHÂN DÂN\\nXÃ PHÚ THÁI": long names break before the level of administration."""
    upper = nfc(name).upper().strip()
    if len(upper) <= 22:
        return upper
    match = _LEVEL.search(upper)
    if match is None or match.start() == 0:
        return upper
    return upper[: match.start()] + "\n" + upper[match.end() :]


def strip_subject_vv(subject: str) -> str:
    """A công văn's subject without a leading "V/v" (the renderer prints its own)."""
    return re.sub(r"^\s*(?:V/v|Về việc)\s*:?\s*", "", subject, count=1, flags=re.IGNORECASE).strip()


def _frame(run: Any) -> None:
    """A box around a run: the stamp of urgency, secrecy or circulation."""
    rpr = run._r.get_or_add_rPr()
    border = OxmlElement("w:bdr")
    border.set(qn("w:val"), "single")
    border.set(qn("w:sz"), "8")
    border.set(qn("w:space"), "2")
    border.set(qn("w:color"), "000000")
    rpr.insert_element_before(border, *_RUN_BORDER_SUCCESSORS)
