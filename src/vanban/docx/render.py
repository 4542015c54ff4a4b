"""Print a :class:`~vanban.domain.sheet.Sheet` as a Word file in the layout of Nghị định 30/2020.

Phụ lục I of the decree (nd30.md §4): A4 portrait, margins 20/20/30/15 mm, Times New Roman,
a borderless two-column header (issuing body and number left, national motto and date right),
the title, căn cứ, body, and a borderless two-column foot (Nơi nhận left, signature right);
page numbers centred in the top margin from page 2 on.

python-docx's ``font.name`` sets only two of the four font slots and leaves theme fonts in
place, so Vietnamese falls back to another font in Word; every style and every run written
here names Times New Roman in all four slots and carries no theme attribute.
"""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path
from typing import Any, BinaryIO

from docx import Document as _open_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips

from vanban.docx.metrics import bold_width_cm
from vanban.domain.sheet import HEADING, Sheet, punctuated, strip_end
from vanban.domain.text import safe_text

FONT = "Times New Roman"
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

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

# Column widths of the header and foot tables: together the text width, so nothing is printed
# in the margins. The left one holds a governing body such as "UBND THÀNH PHỐ HẢI PHÒNG" (13,
# 6.7 cm) on one line, the right one the national name (12, bold, 8.8 cm), with room to spare
# for LibreOffice where a fallback font draws the Vietnamese capitals a little wider.
LEFT_CM = 7.1
RIGHT_CM = math.floor(TEXT_WIDTH_CM * 100) / 100 - LEFT_CM
CELL_MARGIN_CM = 0.05

# The rule under the issuing body's name and under the subject is one third to one half of
# the line above it (Phụ lục I): drawn at the middle of that range, it stays inside it
# whatever rounding Word or LibreOffice apply.
RULE_SHARE = (1 / 3 + 1 / 2) / 2

BODY_SIZE = 14
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


def _nfc(text: str) -> str:
    # Text stored before the input boundary may hold controls Word cannot take: shown as codes.
    return safe_text(unicodedata.normalize("NFC", text))


# --- fonts -------------------------------------------------------------------------------


def set_font_slots(rfonts: Any) -> None:
    """Name Times New Roman in all four slots of a ``w:rFonts`` and drop its theme fonts."""
    for attr in THEME_SLOTS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in FONT_SLOTS:
        rfonts.set(qn(attr), FONT)


def _fonts_of(rpr: Any) -> None:
    set_font_slots(rpr.get_or_add_rFonts())


_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def prune_package(doc: Any) -> None:
    """Drop the parts of python-docx's default template that would contradict the document:
    Word 2010's second copy of the styles (theme fonts) and the thumbnail of a blank page."""
    for r_id, rel in list(doc.part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            doc.part.drop_rel(r_id)
    package_rels = doc.part.package.rels
    for r_id, rel in list(package_rels.items()):
        if rel.reltype == _THUMBNAIL:
            del package_rels[r_id]


def normalise_styles(doc: Any) -> None:
    """Times New Roman 14 everywhere in styles.xml; no spacing after paragraphs by default."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _fonts_of(rpr)
    rpr.get_or_add_sz().set(qn("w:val"), str(BODY_SIZE * 2))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        defaults.append(ppr_default)
    ppr = ppr_default.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        ppr_default.append(ppr)
    spacing = ppr.get_or_add_spacing()
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    for rfonts in styles.iter(qn("w:rFonts")):
        set_font_slots(rfonts)
    normal = doc.styles["Normal"]
    _fonts_of(normal.element.get_or_add_rPr())
    normal.font.size = Pt(BODY_SIZE)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


# --- paragraphs and runs -----------------------------------------------------------------


def add_run(paragraph: Any, text: str, size: float, *, bold: bool = False, italic: bool = False) -> Any:
    """A run in Times New Roman (all four slots) of ``size`` points; "\\n" breaks the line."""
    run = paragraph.add_run(_nfc(text))
    run.font.size = Pt(size)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    _fonts_of(run._r.get_or_add_rPr())
    return run


def _mark_font(paragraph: Any, size: float) -> None:
    """The paragraph mark in Times New Roman too (it sets the height of an empty paragraph)."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
    _fonts_of(rpr)
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
    _mark_font(paragraph, size)
    return paragraph


def _text(
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
    paragraph = new_paragraph(
        container, align=align, before=before, after=after, size=size, keep_next=keep_next
    )
    add_run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


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
    _mark_font(paragraph, 1)
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


# --- tables ------------------------------------------------------------------------------


def _borderless_table(doc: Any, widths_cm: tuple[float, ...], rows: int) -> Any:
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "none")
        element.set(qn("w:sz"), "0")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "auto")
        borders.append(element)
    tbl_pr.append(borders)
    set_table_width(tbl_pr, sum(round(cm / 2.54 * 1440) for cm in widths_cm))
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(CELL_MARGIN_CM / 2.54 * 1440)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)
    reorder_tbl_pr(tbl_pr)
    for col, width in zip(table.columns, widths_cm, strict=True):
        col.width = Cm(width)
        for cell in col.cells:
            cell.width = Cm(width)
            # a new cell holds one empty paragraph; content is appended, so drop it
            for p in list(cell._tc.iterchildren(qn("w:p"))):
                cell._tc.remove(p)
    return table


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


def _close_cells(table: Any) -> None:
    """Every cell must end with a paragraph: give the empty ones an empty paragraph."""
    for tc in table._tbl.iter(qn("w:tc")):
        if tc.find(qn("w:p")) is None:
            p = OxmlElement("w:p")
            tc.append(p)


# --- page furniture ----------------------------------------------------------------------


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
            _mark_font(target, BODY_SIZE)
            _page_field(target)
        parts = [header, first, section.footer, section.first_page_footer]
        for part in (p for p in parts if not p.is_linked_to_previous):
            for r in part._element.iter(qn("w:r")):
                _fonts_of(r.get_or_add_rPr())


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


# --- the sheet ---------------------------------------------------------------------------


def _issuing_body_text(name: str) -> str:
    """ "ỦY BAN NHÂN DÂN\\nXÃ PHÚ THÁI": long names break before the level of administration."""
    upper = _nfc(name).upper().strip()
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
    table = _borderless_table(doc, (LEFT_CM, RIGHT_CM), rows=2)
    top_left, top_right = table.rows[0].cells
    low_left, low_right = table.rows[1].cells

    if sheet.governing_body:
        _text(top_left, sheet.governing_body.upper(), 13)
    issuing = _issuing_body_text(sheet.issuing_body)
    _text(top_left, issuing, 13, bold=True)
    _short_rule(top_left, issuing, 13, LEFT_CM)

    _text(top_right, NATIONAL_NAME, 12, bold=True)
    _text(top_right, MOTTO, 13, bold=True)
    # the rule under the motto is as long as the motto
    _rule(top_right, line_width_cm(MOTTO, 13, RIGHT_CM), RIGHT_CM)

    _text(low_left, sheet.number_line, 13, before=6)
    if sheet.is_cong_van:
        _text(low_left, f"V/v {strip_subject_vv(sheet.subject)}", 12, before=3)
    marks = [m for m in (sheet.secrecy_label, sheet.urgency_label, sheet.circulation) if m]
    for mark in marks:
        paragraph = new_paragraph(low_left, align=WD_ALIGN_PARAGRAPH.CENTER, before=8, size=13)
        _frame(add_run(paragraph, mark.upper(), 13, bold=True))

    _text(low_right, sheet.date_text, 14, italic=True, before=6)
    _close_cells(table)


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
    _text(doc, sheet.title, 14, bold=True, before=18, keep_next=True)
    subject = strip_end(sheet.subject)
    if subject:
        _text(doc, subject, 14, bold=True, keep_next=True)
    column = TEXT_WIDTH_CM + 2 * CELL_MARGIN_CM
    rule = _short_rule(doc, subject or sheet.title, 14, column)
    rule.paragraph_format.space_after = Pt(6)
    if authority := sheet.authority_line:
        _text(doc, authority, 14, bold=True, before=6, after=6)


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
    table = _borderless_table(doc, (LEFT_CM, RIGHT_CM), rows=1)
    left, right = table.rows[0].cells
    paragraph = new_paragraph(left, align=WD_ALIGN_PARAGRAPH.LEFT, before=12, size=12)
    add_run(paragraph, "Nơi nhận:", 12, bold=True, italic=True)
    for line in sheet.recipient_lines():
        _text(left, line, 11, align=WD_ALIGN_PARAGRAPH.LEFT)

    lines = sheet.signature_lines()
    for i, line in enumerate(lines):
        _text(right, line, 14, bold=True, before=12 if i == 0 else 0)
    if sheet.signer_name:
        _text(right, sheet.signer_name, 14, bold=True, before=84 if lines else 12)
    _close_cells(table)
    # the signature block is never split over two pages
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def clear_body(doc: Any) -> None:
    """Remove every paragraph and table, keeping the section properties."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


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
