"""Print a :class:`~vanban.domain.sheet.Sheet` as a Word file in the layout of Nghị định 30/2020.

Phụ lục I of the decree (nd30.md §4): A4 portrait, margins 20/20/30/15 mm, Times New Roman,
a borderless two-column header (issuing body and number left, national motto and date right),
the title, căn cứ, body, and a borderless two-column foot (Nơi nhận left, signature right);
page numbers centred in the top margin from page 2 on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, BinaryIO

from docx import Document as _open_document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from vanban.docx.metrics import bold_width_cm
from vanban.docx.page import TEXT_WIDTH_CM, clear_body, setup_page
from vanban.docx.paragraphs import add_run, add_text, mark_font, new_paragraph, nfc
from vanban.docx.styles import BODY_SIZE, normalise_styles, prune_package
from vanban.docx.tables import CELL_MARGIN_CM, LEFT_CM, RIGHT_CM, borderless_table, close_cells
from vanban.domain.sheet import HEADING, Sheet, punctuated, strip_end

# The rule under the issuing body's name and under the subject is one third to one half of
# the line above it (Phụ lục I): drawn at the middle of that range, it stays inside it
# whatever rounding Word or LibreOffice apply.
RULE_SHARE = (1 / 3 + 1 / 2) / 2

FIRST_LINE_INDENT = Cm(1.27)
LINE_SPACING = 1.15

# Levels of administration: the issuing body's name breaks before them ("ỦY BAN NHÂN DÂN" /
# "XÃ PHÚ THÁI") as in printed documents.
_LEVEL = re.compile(r"\s+(?=(?:XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU|HUYỆN|QUẬN|THỊ XÃ|THÀNH PHỐ|TỈNH)\s)")
_ARTICLE = re.compile(r"^(Điều\s+\d+[a-z]?\.)(\s*)(.*)$", re.DOTALL)
_PAGE_SUCCESSORS = tuple(
    "w:" + t
    for t in [
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
)
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


def _rule(container: Any, width_cm: float, column_cm: float) -> Any:
    """A short horizontal rule of ``width_cm`` centred in a column of ``column_cm``.

    Drawn as the bottom border of an empty paragraph one point high, narrowed by indents.
    """
    side = max((column_cm - 2 * CELL_MARGIN_CM - width_cm) / 2, 0)
    paragraph = container.add_paragraph()
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    ppr.insert_element_before(borders, *_PAGE_SUCCESSORS)
    fmt = paragraph.paragraph_format
    fmt.left_indent = Cm(side)
    fmt.right_indent = Cm(side)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    mark_font(paragraph, 1)
    return paragraph


def _frame(run: Any) -> None:
    """A box around a run: the stamp of urgency, secrecy or circulation."""
    rpr = run._r.get_or_add_rPr()
    border = OxmlElement("w:bdr")
    border.set(qn("w:val"), "single")
    border.set(qn("w:sz"), "8")
    border.set(qn("w:space"), "2")
    border.set(qn("w:color"), "000000")
    rpr.insert_element_before(border, *_RUN_BORDER_SUCCESSORS)


# --- the sheet ---------------------------------------------------------------------------


def _issuing_body_text(name: str) -> str:
    """ "ỦY BAN NHÂN DÂN\\nXÃ PHÚ THÁI": long names break before the level of administration."""
    upper = nfc(name).upper().strip()
    if len(upper) <= 22:
        return upper
    match = _LEVEL.search(upper)
    if match is None or match.start() == 0:
        return upper
    return upper[: match.start()] + "\n" + upper[match.end() :]


def line_width_cm(text: str, size_pt: float, column_cm: float) -> float:
    """The width of the longest printed line of bold ``text`` in a column of ``column_cm``
    (with its cell margins): a line longer than the column wraps at the column's width."""
    room = column_cm - 2 * CELL_MARGIN_CM
    return max(min(bold_width_cm(line, size_pt), room) for line in text.split("\n"))


def _short_rule(container: Any, text: str, size_pt: float, column_cm: float) -> Any:
    """The rule under a name or subject: one third to one half of its longest line."""
    return _rule(container, RULE_SHARE * line_width_cm(text, size_pt, column_cm), column_cm)


NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _header(doc: Any, sheet: Sheet) -> None:
    table = borderless_table(doc, (LEFT_CM, RIGHT_CM), rows=2)
    top_left, top_right = table.rows[0].cells
    low_left, low_right = table.rows[1].cells

    if sheet.governing_body:
        add_text(top_left, sheet.governing_body.upper(), 13)
    issuing = _issuing_body_text(sheet.issuing_body)
    add_text(top_left, issuing, 13, bold=True)
    _short_rule(top_left, issuing, 13, LEFT_CM)

    add_text(top_right, NATIONAL_NAME, 12, bold=True)
    add_text(top_right, MOTTO, 13, bold=True)
    # the rule under the motto is as long as the motto
    _rule(top_right, line_width_cm(MOTTO, 13, RIGHT_CM), RIGHT_CM)

    add_text(low_left, sheet.number_line, 13, before=6)
    if sheet.is_cong_van:
        add_text(low_left, f"V/v {strip_subject_vv(sheet.subject)}", 12, before=3)
    marks = [m for m in (sheet.secrecy_label, sheet.urgency_label, sheet.circulation) if m]
    for mark in marks:
        paragraph = new_paragraph(low_left, align=WD_ALIGN_PARAGRAPH.CENTER, before=8, size=13)
        _frame(add_run(paragraph, mark.upper(), 13, bold=True))

    add_text(low_right, sheet.date_text, 14, italic=True, before=6)
    close_cells(table)


def _void(doc: Any, sheet: Sheet) -> None:
    """A recalled or replaced document is printed with its state above everything, framed, so
    that a copy can never pass for one in force (the record itself stays printable)."""
    if sheet.void_mark:
        paragraph = new_paragraph(doc, align=WD_ALIGN_PARAGRAPH.CENTER, after=6, size=13)
        _frame(add_run(paragraph, sheet.void_mark, 13, bold=True))


def strip_subject_vv(subject: str) -> str:
    """A công văn's subject without a leading "V/v" (the renderer prints its own)."""
    return re.sub(r"^\s*(?:V/v|Về việc)\s*:?\s*", "", subject, count=1, flags=re.IGNORECASE).strip()


def _title(doc: Any, sheet: Sheet) -> None:
    add_text(doc, sheet.title, 14, bold=True, before=18, keep_next=True)
    subject = strip_end(sheet.subject)
    if subject:
        add_text(doc, subject, 14, bold=True, keep_next=True)
    column = TEXT_WIDTH_CM + 2 * CELL_MARGIN_CM
    rule = _short_rule(doc, subject or sheet.title, 14, column)
    rule.paragraph_format.space_after = Pt(6)
    if authority := sheet.authority_line:
        add_text(doc, authority, 14, bold=True, before=6, after=6)


def _to(doc: Any, sheet: Sheet) -> None:
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


def _bases(doc: Any, sheet: Sheet) -> None:
    for line in sheet.basis_lines():
        paragraph = _body_paragraph(doc)
        add_run(paragraph, line, BODY_SIZE, italic=True)


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


def _body(doc: Any, sheet: Sheet) -> None:
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


def _foot(doc: Any, sheet: Sheet) -> None:
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


def _open_template(template: Path | None) -> Any:
    """python-docx's own template, or the office's; a file that is not a .docx refused by name."""
    if template is None:
        return _open_document()
    try:
        return _open_document(str(template))
    except Exception as exc:  # python-docx raises many kinds for a file that is not a package
        from vanban.errors import DocumentFileError

        raise DocumentFileError(
            f"Mẫu «{template}» không phải tệp Word .docx đọc được ({type(exc).__name__}).",
            hint="Dùng một tệp .docx do Word hoặc LibreOffice lưu làm mẫu.",
        ) from exc


def render(sheet: Sheet, out: Path | BinaryIO, template: Path | None = None) -> None:
    """Write ``sheet`` as a .docx to ``out`` (a path or a binary stream).

    ``template`` is an office's own .docx: its styles and header text are kept, its body is
    cleared; page size, margins and fonts are still set as the decree requires.
    """
    doc = _open_template(template)
    clear_body(doc)
    prune_package(doc)
    normalise_styles(doc)
    setup_page(doc)
    _void(doc, sheet)
    _header(doc, sheet)
    if not sheet.is_cong_van:
        _title(doc, sheet)
    else:
        _to(doc, sheet)
    _bases(doc, sheet)
    _body(doc, sheet)
    _foot(doc, sheet)
    doc.save(str(out) if isinstance(out, Path) else out)
