"""The middle of a sheet: the title and subject with their rule (or a công văn's Kính gửi),
the căn cứ, and the body with its headings, articles and enacting word."""

from __future__ import annotations

import re
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

from vanban.docx.page import TEXT_WIDTH_CM
from vanban.docx.paragraphs import add_run, add_text, new_paragraph
from vanban.docx.rules import short_rule
from vanban.docx.styles import BODY_SIZE
from vanban.docx.tables import CELL_MARGIN_CM
from vanban.domain.sheet import HEADING, Sheet, punctuated, strip_end

FIRST_LINE_INDENT = Cm(1.27)
LINE_SPACING = 1.15

_ARTICLE = re.compile(r"^(Điều\s+\d+[a-z]?\.)(\s*)(.*)$", re.DOTALL)


def write_title(doc: Any, sheet: Sheet) -> None:
    """The title, the subject under it and its rule, then the competence line if any."""
    add_text(doc, sheet.title, 14, bold=True, before=18, keep_next=True)
    subject = strip_end(sheet.subject)
    if subject:
        add_text(doc, subject, 14, bold=True, keep_next=True)
    column = TEXT_WIDTH_CM + 2 * CELL_MARGIN_CM
    rule = short_rule(doc, subject or sheet.title, 14, column)
    rule.paragraph_format.space_after = Pt(6)
    if authority := sheet.authority_line:
        add_text(doc, authority, 14, bold=True, before=6, after=6)


def write_addressees(doc: Any, sheet: Sheet) -> None:
    """A công văn's "Kính gửi:" line, or its list of addressees one under the other."""
    recipients = [strip_end(r) for r in sheet.to if r.strip()]
    if not recipients:
        return
    if len(recipients) == 1:
        paragraph = new_paragraph(doc, align=WD_ALIGN_PARAGRAPH.CENTER, before=12, after=12)
        add_run(paragraph, f"Kính gửi: {recipients[0]}.", BODY_SIZE)
        return
    lines = punctuated(recipients)
    for i, line in enumerate(lines):
        paragraph = new_paragraph(
            doc,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            before=12 if i == 0 else 0,
            after=12 if i == len(lines) - 1 else 0,
            left=Cm(5.5),
            first_line=Cm(-2.3) if i == 0 else None,
        )
        if i == 0:
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(5.5), WD_TAB_ALIGNMENT.LEFT)
            add_run(paragraph, "Kính gửi:\t" + f"- {line}", BODY_SIZE)
        else:
            add_run(paragraph, f"- {line}", BODY_SIZE)


def write_bases(doc: Any, sheet: Sheet) -> None:
    """The căn cứ, in italics, one paragraph each."""
    for line in sheet.basis_lines():
        paragraph = _body_paragraph(doc)
        add_run(paragraph, line, BODY_SIZE, italic=True)


def write_body(doc: Any, sheet: Sheet) -> None:
    """The body: headings bold, "Điều n." bold, the enacting word centred."""
    for text in sheet.body_lines():
        if _is_caps_line(text) and text.endswith(":") and not HEADING.match(text):
            # "QUYẾT ĐỊNH:" — the enacting word of a quyết định, centred
            paragraph = _body_paragraph(doc, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
            paragraph.paragraph_format.space_before = Pt(6)
            add_run(paragraph, text, BODY_SIZE, bold=True)
        elif HEADING.match(text):
            paragraph = _body_paragraph(doc, indent=False)
            paragraph.paragraph_format.keep_with_next = True
            add_run(paragraph, text, BODY_SIZE, bold=True)
        elif match := _ARTICLE.match(text):
            paragraph = _body_paragraph(doc)
            add_run(paragraph, match[1], BODY_SIZE, bold=True)
            add_run(paragraph, match[2] + match[3], BODY_SIZE)
        else:
            paragraph = _body_paragraph(doc)
            add_run(paragraph, text, BODY_SIZE)


def _body_paragraph(doc: Any, *, indent: bool = True, align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY) -> Any:
    return new_paragraph(
        doc,
        align=align,
        after=6,
        first_line=FIRST_LINE_INDENT if indent else Cm(0),
        line=LINE_SPACING,
    )


def _is_caps_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
