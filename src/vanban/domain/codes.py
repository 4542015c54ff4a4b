"""Số, ký hiệu: format the codes vanban gives and parse the codes people and Word files hold.

Forms (nd30.md §2):
- standard  ``90/KH-UBND``, ``542/UBND-VHXH`` (công văn: issuer then drafting unit)
- legal     ``30/2020/NĐ-CP``, ``72/2025/QH15``, ``55/2005/TTLT-BNV-VPCP``
- party     ``57-NQ/TW``, ``05-CT/TU``, ``08-QĐi/TW``
- dashed    ``64-CP``, ``211-TTg`` (number and issuer, before 2000)
A number may carry a letter ("12a/BC-UBND"): it is kept as written beside the numeric part,
which orders and numbers. Numbers below 10 are written with a leading zero. Parsing forgives
spaces, non-breaking spaces, typographic dashes, lower case, decomposed diacritics and "QD"
for "QĐ", and always yields one canonical form.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from vanban.domain.issuers import ISSUER_ABBREVIATIONS, is_issuer_abbreviation
from vanban.domain.text import check_utf8, foreign_letter, foreign_message, safe_text, same_as_ascii
from vanban.domain.types import ALL_TYPES, CONG_VAN, THU_CONG, canonical_type_key
from vanban.errors import InputError


class CodeForm(StrEnum):
    STANDARD = "standard"
    LEGAL = "legal"
    PARTY = "party"
    DASHED = "dashed"


EXPECTED_FORMS = "90/KH-UBND, 542/UBND-VHXH, 30/2020/NĐ-CP hoặc 57-NQ/TW"

_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u200b\u2060\ufeff\u00ad\t\r\n "), None)
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
_SLASHES = dict.fromkeys(map(ord, "\u2044\u2215\uff0f"), "/")

_GROUP = r"[^\W_]+(?:&[^\W_]+)*"  # letters of any script and digits; "GD&ĐT" is one group
_NOTATION = rf"{_GROUP}(?:-{_GROUP})*"
_NUMBER = r"(\d{1,6})([a-zA-Z]?)"  # "12a": a number that carries a letter
_STANDARD = re.compile(rf"{_NUMBER}/({_NOTATION})")
# A joint circular written "…/2012/TTLT/BTC-BNV" is the same code as "…/2012/TTLT-BTC-BNV".
_LEGAL = re.compile(rf"{_NUMBER}/((?:19|20)\d\d)/({_NOTATION}(?:/{_NOTATION})?)")
_PARTY = re.compile(rf"{_NUMBER}-({_GROUP})/({_NOTATION})")
_DASHED = re.compile(rf"{_NUMBER}-({_NOTATION})")
# "15/QĐ.UBND": a dot between letters where the dash belongs.
_DOT_SEPARATOR = re.compile(r"(?<=[^\W\d_])\.(?=[^\W\d_])")
_PREFIX = re.compile(r"^(?:S[ỐO]|SỐ|NUMBER)[:.]?", re.IGNORECASE)


def pad(number: int) -> str:
    """The number as written in a code: 01 … 09, then 10, 11 …"""
    return f"{number:02d}"


def format_code(number: int, notation: str) -> str:
    """The code of the standard form: "05/KH-UBND", "542/UBND-VHXH"."""
    return f"{pad(number)}/{notation}"


@dataclass(frozen=True, slots=True)
class Code:
    """A parsed số, ký hiệu in canonical form."""

    number: int
    notation: str
    form: CodeForm = CodeForm.STANDARD
    year: int | None = None  # only legal normative codes carry their year
    letter: str = ""  # the letter a number carries, as written: "a" of "12a/BC-UBND"

    @property
    def lettered(self) -> str | None:
        """The number as written when it carries a letter ("12a"), else None: the number says it."""
        return self.number_text if self.letter else None

    @property
    def number_text(self) -> str:
        """The number as written in the code: "05", "90", "12a"."""
        return f"{pad(self.number)}{self.letter}"

    def __str__(self) -> str:
        if self.form is CodeForm.LEGAL:
            return f"{self.number_text}/{self.year}/{self.notation}"
        if self.form in (CodeForm.PARTY, CodeForm.DASHED):
            return f"{self.number_text}-{self.notation}"
        return f"{self.number_text}/{self.notation}"

    @property
    def groups(self) -> list[str]:
        if self.form is CodeForm.PARTY:
            type_part, issuer = self.notation.split("/", 1)
            return [type_part, issuer]
        return self.notation.split("-")

    @property
    def type_key(self) -> str | None:
        """The document type the code names; công văn when a standard code names none."""
        first = self.groups[0]
        if self.form is CodeForm.PARTY and first in _PARTY_TYPES:
            return _PARTY_TYPES[first]
        key = canonical_type_key(first)
        typed = key is not None and key == first and key not in (CONG_VAN, THU_CONG)
        if typed and (self.form is not CodeForm.DASHED or len(self.groups) > 1):
            return key
        if self.form is CodeForm.STANDARD:
            return CONG_VAN
        return None

    @property
    def _typed(self) -> bool:
        return self.type_key not in (None, CONG_VAN)

    @property
    def issuer(self) -> str:
        """The issuing body's abbreviation ("UBND", "SKHCN", "CP", "BNV-VPCP", "TW")."""
        groups = self.groups
        if self.form in (CodeForm.PARTY, CodeForm.DASHED):
            return groups[-1]
        if self._typed:
            if self.form is CodeForm.LEGAL:
                return "-".join(groups[1:])
            return groups[1] if len(groups) > 1 else ""
        return groups[0]

    @property
    def unit(self) -> str | None:
        """The drafting unit or field of a công văn ("VHXH"), or a typed code's extra groups."""
        groups = self.groups
        if self.form is not CodeForm.STANDARD:
            return None
        rest = groups[2:] if self._typed else groups[1:]
        return "-".join(rest) or None


# A code already written plainly (as vanban writes them, as most are typed): nothing to clean.
_PLAIN = re.compile(r"\d[0-9A-Za-z/-]*")


def _clean(text: str) -> str:
    if _PLAIN.fullmatch(text):
        return text
    cleaned = unicodedata.normalize("NFC", text).translate(_SPACES).translate(_DASHES).translate(_SLASHES)
    cleaned = _PREFIX.sub("", same_as_ascii(cleaned).strip())
    return _DOT_SEPARATOR.sub("-", cleaned.strip(".,;:()[]"))


# Party type abbreviations (Hướng dẫn of the Party's Central Office) and the decree's type each is.
_PARTY_TYPES = {"QĐi": "QyĐ"}
# Abbreviations written in mixed case by the law and by their own bodies ("1291/QĐ-TTg": Thủ
# tướng; "08-QĐi/TW": a Party quy định; "QyĐ", "CTr", "TTr", "TrS" of Phụ lục III): kept so.
_MIXED_CASE = {
    key.upper(): key
    for key in (*(t.key for t in ALL_TYPES if t.in_notation), *_PARTY_TYPES, *ISSUER_ABBREVIATIONS, "TTg")
    if key != key.upper()
}
# Type abbreviations a lost dash may have run into the issuer ("NĐCP", "KHUBND"), longest first.
_TYPE_PREFIXES = sorted({t.key.upper() for t in ALL_TYPES if t.in_notation} | {"QD"}, key=len, reverse=True)


def _canonical_group(group: str, *, type_position: bool) -> str:
    if type_position:
        key = canonical_type_key(group)
        if key is not None and key not in (CONG_VAN, THU_CONG) and len(group) <= 5:
            return key
    upper = group.upper()
    if upper in _MIXED_CASE:
        return _MIXED_CASE[upper]
    if (
        group != upper
        and group[:1].isupper()
        and sum(c.isupper() for c in group) >= sum(c.islower() for c in group)
    ):
        return group  # "GDTrH": a body's own mixed case, kept as written
    return upper


def _split_lost_dash(group: str) -> list[str]:
    """ "NĐCP" → ["NĐ", "CP"], "KHUBND" → ["KH", "UBND"]: a type run into a known issuer."""
    upper = group.upper()
    if canonical_type_key(group) is not None or upper in ISSUER_ABBREVIATIONS:
        return [group]
    for prefix in _TYPE_PREFIXES:
        rest = upper[len(prefix) :]
        if upper.startswith(prefix) and rest and is_issuer_abbreviation(rest):
            return [group[: len(prefix)], group[len(prefix) :]]
    return [group]


def _has_letter(notation: str) -> bool:
    return any(c.isalpha() for c in notation)


# An office sees the same few notations over and over ("CV-SKHCN", "KH-UBND"): kept once found.
@functools.lru_cache(maxsize=4096)
def _canonical_notation(notation: str) -> str | None:
    """The notation of a standard or legal code in canonical form; None without a letter."""
    if not _has_letter(notation):
        return None
    groups = notation.replace("/", "-").split("-")
    groups = [*_split_lost_dash(groups[0]), *groups[1:]]
    return "-".join([_canonical_group(g, type_position=i == 0) for i, g in enumerate(groups)])


# The longest code a register keeps (its column holds 100): the longest notation seen in
# practice ("TTLT-BTC-BKHĐT-BNV-BLĐTBXH") has 26 letters.
MAX_CODE_CHARS = 80


def code_fault(text: str) -> str | None:
    """Why ``text`` cannot be a code vanban keeps (a look-alike letter, too long), or None."""
    cleaned = _clean(text)
    if len(cleaned) > MAX_CODE_CHARS:
        return f"Số, ký hiệu dài {len(cleaned)} ký tự, tối đa {MAX_CODE_CHARS}."
    bad = foreign_letter(cleaned, "/-")
    # Named only when the text would be a code with that character written in Latin.
    if bad is not None and try_parse_code(_latin_stand_in(cleaned)) is not None:
        return foreign_message(cleaned, bad, "số, ký hiệu")
    return None


def _latin_stand_in(cleaned: str) -> str:
    return "".join(c if foreign_letter(c, "/-") is None else "X" for c in cleaned)


def try_parse_code(text: str) -> Code | None:
    """Parse a code, or None when the text cannot be one."""
    # Plain text (_PLAIN: ASCII letters, digits, "/" and "-") needs no cleaning and holds no
    # foreign letter.
    plain = _PLAIN.fullmatch(text) is not None
    cleaned = text if plain else _clean(text)
    if len(cleaned) > MAX_CODE_CHARS or (not plain and foreign_letter(cleaned, "/-&") is not None):
        return None  # a look-alike (Cyrillic К, Greek Α…) would be a second code that prints the same
    # The forms never match the same text: the commonest is tried first.
    if m := _STANDARD.fullmatch(cleaned):
        number, notation = int(m[1]), _canonical_notation(m[3])
        if number == 0 or notation is None:
            return None
        return Code(number, notation, CodeForm.STANDARD, letter=m[2])
    if m := _LEGAL.fullmatch(cleaned):
        number, year, notation = int(m[1]), int(m[3]), _canonical_notation(m[4])
        if number == 0 or notation is None:
            return None
        return Code(number, notation, CodeForm.LEGAL, year, letter=m[2])
    if m := _PARTY.fullmatch(cleaned):
        number, type_part, issuer = int(m[1]), m[3], m[4]
        if number == 0 or not _has_letter(type_part) or not _has_letter(issuer):
            return None
        issuer_groups = [_canonical_group(g, type_position=False) for g in issuer.split("-")]
        notation = f"{_canonical_group(type_part, type_position=True)}/{'-'.join(issuer_groups)}"
        return Code(number, notation, CodeForm.PARTY, letter=m[2])
    if m := _DASHED.fullmatch(cleaned):
        # Only with a known issuer last ("64-CP", "211-TTg"): "90-KH" is no code.
        number, notation = int(m[1]), _canonical_notation(m[3])
        if number == 0 or notation is None or not is_issuer_abbreviation(notation.split("-")[-1]):
            return None
        return Code(number, notation, CodeForm.DASHED, letter=m[2])
    return None


def parse_code(text: str) -> Code:
    """Parse a code into its canonical form; refuse with the expected forms shown."""
    check_utf8(text, "số, ký hiệu")
    code = try_parse_code(text)
    if code is None:
        fault = code_fault(text)
        if fault is not None:
            raise InputError(fault, hint=f"Gõ lại bằng bàn phím tiếng Việt, theo dạng {EXPECTED_FORMS}.")
        raise InputError(
            f"«{safe_text(text.strip())[:100]}» không phải là số, ký hiệu văn bản.",
            hint=f"Viết theo dạng {EXPECTED_FORMS}.",
        )
    return code


def looks_like_code(text: str) -> bool:
    """Whether the text is a code rather than a document id."""
    return try_parse_code(text) is not None


def make_notation(type_key: str, issuer: str, unit: str | None) -> str:
    """The notation vanban gives: "KH-UBND" for a typed document, "UBND-VHXH" for a công văn."""
    if type_key in (CONG_VAN, THU_CONG):
        return f"{issuer}-{unit}" if unit else issuer
    return f"{type_key}-{issuer}"


def make_code(number: int, type_key: str, issuer: str, unit: str | None) -> Code:
    """The code of an outgoing document numbered ``number``."""
    return Code(number, make_notation(type_key, issuer, unit))


# A code named with its year, as vanban shows it ("01/UBND-VHXH (2025)") or as typed in a
# path-like way ("01/UBND-VHXH/2025"): công văn restart their numbers every year.
_WITH_YEAR = re.compile(r"^(?P<code>.+?)\s*(?:/\s*(?P<slash>\d{4})|\(\s*(?P<paren>\d{4})\s*\))\s*$")


def split_year(text: str) -> tuple[str, int | None]:
    """A document's code typed with its year: the code and the year, else the text and None.

    "01/UBND-VHXH/2025" and "01/UBND-VHXH (2025)" name 01/UBND-VHXH of 2025; a legal
    normative code ("30/2020/NĐ-CP") already carries its year and is left whole.
    """
    found = _WITH_YEAR.match(text.strip())
    if found is None or try_parse_code(found["code"]) is None:
        return text, None
    return found["code"], int(found["slash"] or found["paren"])


def code_and_year(code: str | None, year: int | None) -> str | None:
    """A code as people read it where it could be ambiguous: with its year in brackets,
    "01/UBND-VHXH (2025)", the way the register accepts it back; a code that carries its year
    ("30/2020/NĐ-CP") or has none known stays as it is."""
    if code is None or year is None:
        return code
    parsed = try_parse_code(code)
    if parsed is not None and parsed.year is not None:
        return code
    return f"{code} ({year})"
