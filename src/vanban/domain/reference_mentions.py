"""Mentions: each occurrence of a code in a text, with the words around it that say what it is.

A mention is a code the readers of codes, dates and issuers accept (the type named before it,
"Kế hoạch số …"; the date right after it, "ngày 29/9/2025"; the issuer after "của"), or an act
cited by its name and date ("Luật Đất đai ngày 18/01/2024"). The document's own number in its
header, forms, parcels and receipts ("Mẫu số 04/ĐK", "thửa số 212/ĐC") are not mentions. One
date after a list of codes belongs to each of them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from vanban.domain.codes import Code
from vanban.domain.reference_clauses import Clause
from vanban.domain.reference_codes import CANDIDATE, in_link, parse_candidate, plausible
from vanban.domain.reference_dates import DATE, date_before, read_date, to_date
from vanban.domain.reference_issuers import read_issuer
from vanban.domain.reference_text import TYPE_AT, TYPE_WORD, type_key_of

# What stands before a code: a type word ("Kế hoạch số …", "Công văn …") or "số" alone.
_TYPE_BEFORE = re.compile(rf"(?P<type>{TYPE_WORD})(?:\s+(?P<so>số)\s*[:.]?)?\s*\Z", re.IGNORECASE)
_SO_BEFORE = re.compile(r"(?<!\w)(?P<so>số)\s*[:.]?\s*\Z", re.IGNORECASE)
# The document's own number: "Số:" opening a line of its header.
_HEADER_NUMBER = re.compile(r"(?:\A|\n)[ \t]*(?-i:Số|SỐ)\s*[:.]?\s*\Z")
# A header run together on one line: "… XÃ PHÚ THÁI Số: 27/QĐ-UBND CỘNG HÒA …".
_HEADER_AFTER_WORD = re.compile(r"(?P<word>[^\W\d_]{2,})\s+(?:Số|SỐ)\s*:\s*\Z")
_NUMBER_COLON = re.compile(r"(?<!\w)số\s*:\s*\Z", re.IGNORECASE)
# What follows a document's own number: "<place>, ngày … tháng … năm …" (nd30.md §3).
_PLACE_DATE_AFTER = re.compile(
    r"\s*(?:[^\W\d_][\w.]*\s+){0,6}?[^\W\d_][\w.]*\s*,\s*ngày\s*[\d.…\s]*tháng", re.IGNORECASE
)
# Things numbered like documents that are none: forms, annexes, parcels, receipts, rooms, accounts.
_NOT_DOCUMENTS = (
    r"(?:mẫu|biểu|biểu\s+mẫu|phụ\s+lục|mục|phiếu(?:\s+(?:thu|chi))?|tờ\s+khai|thửa(?:\s+đất)?"
    r"|tờ\s+bản\s+đồ|biên\s+lai(?:\s+thu)?|căn\s+hộ|số\s+nhà|nhà|kiốt|ki\s*ốt|lô(?:\s+đất)?|phòng(?:\s+họp)?"
    r"|tổ(?:\s+dân\s+phố)?|hồ\s+sơ|mã\s+hồ\s+sơ|tài\s+khoản|khu\s+vực\s+bỏ\s+phiếu|đơn\s+vị\s+bầu\s+cử)"
)
_NOT_A_DOCUMENT = re.compile(rf"(?<!\w){_NOT_DOCUMENTS}\s+số\s*[:.]?\s*\Z", re.IGNORECASE)
# "Biên lai thu tiền số …", "thửa đất ở số …": a word or two between the noun and "số", when no
# type word stands before "số" itself.
_NOT_A_DOCUMENT_NEAR = re.compile(
    rf"(?<!\w){_NOT_DOCUMENTS}(?:\s+[^\W\d_]+){{1,2}}\s+số\s*[:.]?\s*\Z", re.IGNORECASE
)
# Acts cited by their name and date, without a number: "Luật Đất đai ngày 18 tháng 01 năm 2024".
_TITLED = re.compile(
    r"(?<!\w)(?P<title>(?P<act>Bộ luật|Luật|Pháp lệnh|Hiến pháp) (?P<first>[^\W\d_]+)"
    r"(?:(?:,? | ?[-–] ?)[^\W\d_]+){0,40}?)"
    rf" ngày\s+(?P<date>{DATE})"
)
_TITLED_TYPES = {"bộ luật": "L", "luật": "L", "pháp lệnh": "PL", "hiến pháp": None}


@dataclass(slots=True)
class Mention:
    """One occurrence of a code, or of an act's name and date, and what the words around it say."""

    code: Code | None
    code_start: int
    span_start: int
    span_end: int
    type_key: str | None
    date: date | None
    issuer: str | None
    clause: Clause
    title: str | None = None
    date_given: bool = True  # the date stands by the code itself, not taken from a list


def find_mentions(text: str, clauses: list[Clause]) -> list[Mention]:
    """Every mention in a normalised text split into ``clauses``, in order of where it starts."""
    starts = [c.start for c in clauses]
    found: list[Mention] = []
    for m in CANDIDATE.finditer(text):
        if in_link(text, m.start(), m.end()):
            continue
        parsed = parse_candidate(m.group())
        if parsed is None:
            continue
        code, length = parsed
        code_start, code_end = m.start(), m.start() + length
        clause = clauses[max(0, bisect_right(starts, code_start) - 1)]
        floor = clause.start
        if found and found[-1].clause is clause:
            floor = max(floor, found[-1].span_end)
        window_start = max(floor, code_start - 120)
        if _own_number(text, code_start, code_end):
            continue  # "Số: 90/KH-UBND" in the header is the document's own number
        if _NOT_A_DOCUMENT.search(text, max(0, code_start - 20), code_start):
            continue  # "Mẫu số 04/ĐK", "Phụ lục số 02/PL" name forms, not documents
        typed = _TYPE_BEFORE.search(text, window_start, code_start)
        if typed is None and _NOT_A_DOCUMENT_NEAR.search(text, max(0, code_start - 40), code_start):
            continue
        so = (
            typed
            if typed is not None and typed.group("so")
            else _SO_BEFORE.search(text, window_start, code_start)
        )
        has_so = so is not None
        span_start = code_start
        type_key: str | None = None
        if typed is not None:
            span_start = typed.start()
            type_key = type_key_of(typed.group("type"))
        elif has_so:
            distant = [t for t in TYPE_AT.finditer(text, window_start, code_start) if t.group()[:1].isupper()]
            if distant:
                span_start = distant[-1].start()
                type_key = type_key_of(distant[-1].group())
        day, after_date = read_date(text, code_end, clause.end)
        issuer, after_issuer = read_issuer(text, after_date, clause.end)
        if day is None and issuer is not None:
            day, after_issuer = read_date(text, after_issuer, clause.end)
        followed = day is not None or issuer is not None
        if not plausible(
            code,
            m.group()[:length],
            has_so=has_so,
            has_type=typed is not None or type_key is not None,
            followed=followed,
        ):
            continue
        given = after_date > code_end or day is not None
        if day is None:
            day = date_before(text, floor, span_start)
        found.append(
            Mention(
                code=code,
                code_start=code_start,
                span_start=span_start,
                span_end=max(code_end, after_date, after_issuer),
                type_key=type_key or code.type_key,
                date=day,
                issuer=issuer,
                clause=clause,
                date_given=given,
            )
        )
    found = _merge_titled(found, _titled(text, clauses))
    _share_list_dates(text, found)
    return found


def _own_number(text: str, code_start: int, code_end: int) -> bool:
    """Whether a code is the document's own number in its header, wherever "Số:" stands."""
    before = max(0, code_start - 40)
    if _HEADER_NUMBER.search(text, max(0, code_start - 12), code_start):
        return True
    caps = _HEADER_AFTER_WORD.search(text, before, code_start)
    if caps is not None and caps.group("word").isupper():
        return True
    return bool(
        _NUMBER_COLON.search(text, max(0, code_start - 8), code_start)
        and _PLACE_DATE_AFTER.match(text, code_end, min(len(text), code_end + 80))
    )


def _titled(text: str, clauses: list[Clause]) -> list[Mention]:
    """Acts cited by name and date: "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025"."""
    if "uật" not in text and "háp" not in text:
        return []
    starts = [c.start for c in clauses]
    found: list[Mention] = []
    for m in _TITLED.finditer(text):
        title = " ".join(m.group("title").split())
        first = m.group("first")
        if first == "sư" or not (first[:1].isupper() or first == "sửa" or m.group("act") == "Hiến pháp"):
            continue  # "Luật sư": a lawyer, not a law; a law's name is capitalised
        day = to_date(m.group("date"))
        if day is None:
            continue
        clause = clauses[max(0, bisect_right(starts, m.start()) - 1)]
        if m.end() > clause.end:
            continue
        issuer, after_issuer = read_issuer(text, m.end(), clause.end)
        act = " ".join(m.group("act").lower().split())
        found.append(
            Mention(
                code=None,
                code_start=m.start(),
                span_start=m.start(),
                span_end=max(m.end(), after_issuer),
                type_key=_TITLED_TYPES[act],
                date=day,
                issuer=issuer,
                clause=clause,
                title=title,
            )
        )
    return found


def _merge_titled(coded: list[Mention], titled: list[Mention]) -> list[Mention]:
    if not titled:
        return coded
    kept = [
        t for t in titled if not any(c.span_start < t.span_end and t.span_start < c.span_end for c in coded)
    ]
    return sorted([*coded, *kept], key=lambda m: m.span_start)


_LIST_GAP = re.compile(r"\s*(?:,|;|và|cùng)?\s*(?:số\s*[:.]?\s*)?\Z", re.IGNORECASE)


def _same_list(a: Mention, b: Mention) -> bool:
    """Whether two codes stand in one list of one kind of document ("số 1201/UBND-VP, số 1202/UBND-VP")."""
    if a.code is None or b.code is None or a.clause is not b.clause:
        return False
    return a.code.form is b.code.form and a.type_key == b.type_key and a.code.issuer == b.code.issuer


def _share_list_dates(text: str, mentions: list[Mention]) -> None:
    """One date after (or before) a list of codes belongs to each of them."""
    for i in range(len(mentions) - 2, -1, -1):
        me, nxt = mentions[i], mentions[i + 1]
        if me.date is not None or nxt.date is None or not nxt.date_given or me.issuer is not None:
            continue
        if not _same_list(me, nxt) or not _LIST_GAP.match(text, me.span_end, nxt.span_start):
            continue
        if me.code is not None and me.code.year not in (None, nxt.date.year):
            continue
        me.date, me.issuer, me.date_given = nxt.date, nxt.issuer, True
    for i in range(1, len(mentions)):
        me, before = mentions[i], mentions[i - 1]
        if me.date is not None or before.date is None or before.date_given or not _same_list(before, me):
            continue
        if _LIST_GAP.match(text, before.span_end, me.span_start):
            me.date, me.date_given = before.date, False
