"""The short rules of Phụ lục I: under the issuing body's name, under the motto and under the
subject, each drawn as the bottom border of an empty paragraph one point high."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from vanban.docx.metrics import bold_width_cm
from vanban.docx.paragraphs import mark_font
from vanban.docx.tables import CELL_MARGIN_CM

# The rule under the issuing body's name and under the subject is one third to one half of
# the line above it (Phụ lục I): drawn at the middle of that range, it stays inside it
# whatever rounding Word or LibreOffice apply.
RULE_SHARE = (1 / 3 + 1 / 2) / 2

# What may follow w:pBdr inside w:pPr: the border goes before the first of them (schema order).
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


def rule(container: Any, width_cm: float, column_cm: float) -> Any:
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


def line_width_cm(text: str, size_pt: float, column_cm: float) -> float:
    """The width of the longest printed line of bold ``text`` in a column of ``column_cm``
    (with its cell margins): a line longer than the column wraps at the column's width."""
    room = column_cm - 2 * CELL_MARGIN_CM
    return max(min(bold_width_cm(line, size_pt), room) for line in text.split("\n"))


def short_rule(container: Any, text: str, size_pt: float, column_cm: float) -> Any:
    """The rule under a name or subject: one third to one half of its longest line."""
    return rule(container, RULE_SHARE * line_width_cm(text, size_pt, column_cm), column_cm)
