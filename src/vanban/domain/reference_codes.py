"""Codes in running text: where a số, ký hiệu may stand, how much of it is one, whether it is a document's.

The scan finds every run of characters shaped like a code (a number, then dash- and
slash-joined groups) with :data:`CANDIDATE`; :func:`parse_candidate` keeps its longest leading
part that :func:`vanban.domain.codes.try_parse_code` reads, and :func:`plausible` tells a
document's number from a house number, a parcel or a score by the code and the words around it.
"""

from __future__ import annotations

import re

from vanban.domain.codes import Code, CodeForm, try_parse_code
from vanban.domain.issuers import is_issuer_abbreviation
from vanban.domain.reference_text import DASH_CHARS
from vanban.domain.types import CONG_VAN

_DASH = f"[{DASH_CHARS}]"
_SLASH = "[/\u2044\u2215\uff0f]"
# A group of letters and digits; "GD&ĐT" and "QĐ.UBND" hold together; "UBTVQH 15" is one group.
_GROUP = r"[^\W_]+(?:[&.][^\W\d_][^\W_]*)*(?:(?<=QH) \d\d(?!\d))?"

# A number (which may carry a letter: "12a"), dash-joined groups ("57-NQ", "64-CP"), then up to
# three slash parts of dash-joined groups ("160/2012/TTLT/BTC-BNV").
CANDIDATE = re.compile(
    rf"\d(?<![\w/.%&@#{DASH_CHARS}]\d)\d{{0,5}}[a-zA-Z]?"  # starts with a digit, so the scan is fast
    rf"(?=\s*[{DASH_CHARS}/\u2044\u2215\uff0f])"
    rf"(?:\s*{_DASH}\s*{_GROUP})*"
    rf"(?:\s*{_SLASH}\s*{_GROUP}(?:\s*{_DASH}\s*{_GROUP})*){{0,3}}"
    r"(?![\w/])"
)
_LETTER = re.compile(r"[^\W\d_]")
_CODE_TOKEN = re.compile(rf"[^\W_]+(?: \d\d(?!\d))?|\s*[&.]\s*|\s*{_SLASH}\s*|\s*{_DASH}\s*")
_DASH_TO_ASCII = dict.fromkeys(map(ord, DASH_CHARS.replace("\\-", "")), "-")

# Links, e-mail addresses and file paths: codes are never inside them.
_URLISH = re.compile(r"://|:/|www\.|%[0-9A-Fa-f]{2}|\.\./|@")


def parse_candidate(raw: str) -> tuple[Code, int] | None:
    """The longest leading part of a candidate that is a code, and its length."""
    if _LETTER.search(raw) is None:
        return None  # "10/10", "12/2025": numbers only
    tokens = list(_CODE_TOKEN.finditer(raw))
    # A group after a spaced separator ("90 / KH - UBND") must be in capitals, or the code ends.
    cut = len(tokens)
    for i in range(1, len(tokens), 2):
        sep = tokens[i].group()
        group = tokens[i + 1].group() if i + 1 < len(tokens) else ""
        if (sep != sep.strip() or sep.strip() in ("&", ".")) and group != group.upper():
            cut = i
            break
    for last in range(cut, 0, -2):
        end = tokens[last - 1].end()
        code = try_parse_code(raw[:end].translate(_DASH_TO_ASCII))
        if code is not None:
            return code, end
    return None


def _has_evidence(code: Code) -> bool:
    """Whether the ký hiệu itself says it is a document's: a type abbreviation or a known issuer."""
    if code.form is CodeForm.LEGAL:
        return True  # a number, a year and a notation: "30/2020/NĐ-CP", "72/2025/QH15"
    if code.type_key not in (None, CONG_VAN):
        return True
    return any(is_issuer_abbreviation(group) for group in code.notation.replace("/", "-").split("-"))


def plausible(code: Code, raw: str, *, has_so: bool, has_type: bool, followed: bool) -> bool:
    """Whether a parsed code is a document's number rather than an address, a score or a name."""
    groups = code.groups
    if code.form is not CodeForm.PARTY and not groups[0][:1].isalpha():
        return False  # "12/3A" is a house number, "3/4G" a network
    if not has_type and not _has_evidence(code):
        return False  # "số 45/KP3", "thửa số 212/ĐC": a house, a parcel, not a document
    if code.form is not CodeForm.STANDARD:
        return True
    if sum(1 for g in groups if any(c.isalpha() for c in g)) >= 2:
        return True
    # One group only ("06/CP", "123/UBND"): it needs "số", or a type word and a date or issuer.
    letters = sum(1 for c in groups[0] if c.isalpha())
    if letters < 2:
        return False
    notation_in_source = raw.split("/", 1)[-1]
    if has_so and (has_type or any(c.isupper() for c in notation_in_source)):
        return True
    return has_type and followed


def in_link(text: str, start: int, end: int) -> bool:
    """Whether the characters sit in a link, an e-mail address or a file path."""
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    token_end = min((i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0), default=len(text))
    return _URLISH.search(text, token_start, token_end) is not None
