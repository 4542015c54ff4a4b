"""Times New Roman in every font slot of styles.xml and of every run, and a package without
the parts of python-docx's template that would contradict it.

python-docx's ``font.name`` sets only two of the four font slots and leaves theme fonts in
place, so Vietnamese falls back to another font in Word; every style and every run written
by this package names Times New Roman in all four slots and carries no theme attribute.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

FONT = "Times New Roman"
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

BODY_SIZE = 14


def set_font_slots(rfonts: Any) -> None:
    """Name Times New Roman in all four slots of a ``w:rFonts`` and drop its theme fonts."""
    for attr in THEME_SLOTS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in FONT_SLOTS:
        rfonts.set(qn(attr), FONT)


def set_run_fonts(rpr: Any) -> None:
    """Times New Roman in all four slots of a ``w:rPr`` (its ``w:rFonts`` added if missing)."""
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
    set_run_fonts(rpr)
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
    set_run_fonts(normal.element.get_or_add_rPr())
    normal.font.size = Pt(BODY_SIZE)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
