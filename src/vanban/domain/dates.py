"""Dates as people type them and as documents print them (nd30.md §3)."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from vanban.errors import InputError

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_WORDS = re.compile(r"(?:ngày\s*)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)

EXPECTED_DATE = "29/9/2025 hoặc 2025-09-29"
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_PREFIX = re.compile(r"^ngày\s+(?=\d{1,2}\s*[/.\-])", re.IGNORECASE)


def _build(day: int, month: int, year: int, original: str) -> date:
    if day == 0:
        raise InputError(
            f"Ngày «{original}» không hợp lệ: không có ngày 0.",
            hint=f"Nhập ngày theo dạng {EXPECTED_DATE}.",
        )
    if not 1 <= month <= 12:
        raise InputError(
            f"Ngày «{original}» không hợp lệ: không có tháng {month}.",
            hint=f"Nhập ngày theo dạng {EXPECTED_DATE}.",
        )
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise InputError(
            f"Ngày «{original}» không hợp lệ: tháng {month} năm {year} chỉ có {last} ngày.",
            hint=f"Nhập ngày theo dạng {EXPECTED_DATE}.",
        )
    return date(year, month, day)


def parse_date(text: str) -> date:
    """Read 2025-09-29, 29/9/2025, 29/09/2025, 29-9-2025, 29.9.2025 or "29 tháng 9 năm 2025"."""
    cleaned = unicodedata.normalize("NFC", text).strip().translate(_DASHES)
    cleaned = _PREFIX.sub("", cleaned)
    if m := _ISO.fullmatch(cleaned):
        return _build(int(m[3]), int(m[2]), int(m[1]), cleaned)
    if m := _DMY.fullmatch(cleaned):
        return _build(int(m[1]), int(m[2]), int(m[3]), cleaned)
    if m := _WORDS.fullmatch(cleaned):
        return _build(int(m[1]), int(m[2]), int(m[3]), cleaned)
    raise InputError(f"Không đọc được ngày «{text.strip()}».", hint=f"Nhập ngày theo dạng {EXPECTED_DATE}.")


def short(d: date | None) -> str:
    """29/9/2025: how dates are shown in tables and running text."""
    return f"{d.day}/{d.month}/{d.year}" if d else ""


def padded(d: date) -> str:
    """03/10/2025: the running-text form with the decree's padding (day < 10, month 1–2)."""
    return f"{_day(d)}/{_month(d)}/{d.year}"


def _day(d: date) -> str:
    return f"{d.day:02d}" if d.day < 10 else str(d.day)


def _month(d: date) -> str:
    return f"{d.month:02d}" if d.month <= 2 else str(d.month)


def in_words(d: date) -> str:
    """ "ngày 05 tháng 01 năm 2020": day padded below 10, month padded only for 1 and 2."""
    return f"ngày {_day(d)} tháng {_month(d)} năm {d.year}"


def date_line(place: str, d: date) -> str:
    """The italic place-and-date line: "Phú Thái, ngày 29 tháng 9 năm 2025"."""
    return f"{place}, {in_words(d)}"
