"""The foot of a sheet: a borderless two-column table, Nơi nhận left and the signature right,
never split over two pages."""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement

from vanban.docx.paragraphs import add_run, add_text, new_paragraph
from vanban.docx.tables import LEFT_CM, RIGHT_CM, borderless_table, close_cells
from vanban.domain.sheet import Sheet


def write_foot(doc: Any, sheet: Sheet) -> None:
    """Nơi nhận and the archive line left, the signature block and the signer right."""
    table = borderless_table(doc, (LEFT_CM, RIGHT_CM), rows=1)
    left, right = table.rows[0].cells
    paragraph = new_paragraph(left, align=WD_ALIGN_PARAGRAPH.LEFT, before=12, size=12)
    add_run(paragraph, "Nơi nhận:", 12, bold=True, italic=True)
    for line in sheet.recipient_lines():
        add_text(left, line, 11, align=WD_ALIGN_PARAGRAPH.LEFT)

    lines = sheet.signature_lines()
    for i, line in enumerate(lines):
        add_text(right, line, 14, bold=True, before=12 if i == 0 else 0)
    if sheet.signer_name:
        add_text(right, sheet.signer_name, 14, bold=True, before=84 if lines else 12)
    close_cells(table)
    # the signature block is never split over two pages
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
