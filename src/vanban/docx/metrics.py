"""How wide a line of Times New Roman Bold is, to size the rules drawn under text.

Phụ lục I of Nghị định 30/2020 sizes the rule under the issuing body's name and under the
subject as one third to one half of the line above it, and the rule under the motto as long
as the motto: these lengths follow the text, so they are measured here.

The advance widths are those of Liberation Serif Bold, which is metric-compatible with
Times New Roman Bold (same advance for every character): it is what LibreOffice prints with
where Times New Roman is not installed, so Word and LibreOffice lay the same line out alike.
A Vietnamese letter is as wide as its base letter (the marks above and below take no room):
"Ủ" as "U", "ơ" as "o". tests/test_docx_layout.py checks the table against the font file.
"""

from __future__ import annotations

import unicodedata

UNITS_PER_EM = 2048
CM_PER_POINT = 2.54 / 72

_CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
    "abcdefghijklmnopqrstuvwxyz{|}~Đđ–—‘’“”…"
)
_ADVANCES = (
    512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167, 1024,
    1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933, 1479, 1593,
    1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569, 682, 1190, 1024,
    682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569, 1706, 1139, 1024,
    1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451, 807, 1065,
    1479, 1139, 1024, 2048, 682, 682, 1024, 1024, 2048,
)  # fmt: skip
BOLD_ADVANCES: dict[str, int] = dict(zip(_CHARS, _ADVANCES, strict=True))
"""Advance widths of Times New Roman Bold in font units (2048 to the em)."""

_FALLBACK = BOLD_ADVANCES["N"]  # a character outside the table counts as a wide capital


def advance(char: str) -> int:
    """The advance width of one character of Times New Roman Bold, in font units."""
    known = BOLD_ADVANCES.get(char)
    if known is not None:
        return known
    decomposed = unicodedata.normalize("NFD", char)
    if unicodedata.category(decomposed[0]).startswith("M"):
        return 0
    return BOLD_ADVANCES.get(decomposed[0], _FALLBACK)


def bold_width_cm(text: str, size_pt: float) -> float:
    """How long ``text`` is on paper, in centimetres, set in Times New Roman Bold of ``size_pt``."""
    units = sum(advance(c) for c in unicodedata.normalize("NFC", text))
    return units / UNITS_PER_EM * size_pt * CM_PER_POINT
