"""Dates as people type them and as documents print them (nd30.md §3)."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from vanban.domain.text import check_utf8, parse_int, safe_text, same_as_ascii
from vanban.errors import InputError

# One window for every date and year vanban keeps: from the founding of the state (1945), whose
# first documents an office may still cite, to 2100. Outside it a date is a typing slip.
FIRST_YEAR = 1945
LAST_YEAR = 2100

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_WORDS = re.compile(r"(?:ngày\s*)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)

EXPECTED_DATE = "29/9/2025 hoặc 2025-09-29"
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_PREFIX = re.compile(r"^ngày\s+(?=\d{1,2}\s*[/.\-])", re.IGNORECASE)


def _build(day: int, month: int, year: int, original: str) -> date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(
            f"Ngày «{original}» không hợp lệ: năm {year} nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}.",
            hint=f"Nhập ngày theo dạng {EXPECTED_DATE}.",
        )
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
    check_utf8(text, "ngày")
    if len(text) > 60:
        raise InputError(
            f"Không đọc được ngày «{safe_text(text[:40])}…».", hint=f"Nhập ngày theo dạng {EXPECTED_DATE}."
        )
    cleaned = same_as_ascii(unicodedata.normalize("NFC", text).strip().translate(_DASHES))
    cleaned = _PREFIX.sub("", cleaned)
    if m := _ISO.fullmatch(cleaned):
        return _build(int(m[3]), int(m[2]), int(m[1]), cleaned)
    if m := _DMY.fullmatch(cleaned):
        return _build(int(m[1]), int(m[2]), int(m[3]), cleaned)
    if m := _WORDS.fullmatch(cleaned):
        return _build(int(m[1]), int(m[2]), int(m[3]), cleaned)
    raise InputError(
        f"Không đọc được ngày «{safe_text(text.strip())}».", hint=f"Nhập ngày theo dạng {EXPECTED_DATE}."
    )


def check_year(value: object, what: str = "năm") -> int:
    """A year inside the window (int or its digits)."""
    return parse_int(value, what, low=FIRST_YEAR, high=LAST_YEAR, example="Ví dụ: --year 2025.")


def as_date(value: object, what: str) -> date | None:
    """A date given to the API (a date, a datetime or text as people type it) inside the window."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    elif isinstance(value, str):
        value = parse_date(value)
    elif not isinstance(value, date):
        raise InputError(
            f"{what.capitalize()} phải là một ngày, không phải {type(value).__name__}.",
            hint=f"Nhập ngày theo dạng {EXPECTED_DATE}.",
        )
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InputError(
            f"{what.capitalize()} {short(value)} nằm ngoài khoảng năm {FIRST_YEAR}–{LAST_YEAR}.",
            hint=f"Nhập ngày theo dạng {EXPECTED_DATE}.",
        )
    return value


def not_before(later: date | None, earlier: date | None, later_what: str, earlier_what: str) -> None:
    """Refuse ``later`` (a deadline, an arrival) dated before ``earlier`` (the document's date)."""
    if later is not None and earlier is not None and later < earlier:
        raise InputError(
            f"{later_what.capitalize()} {short(later)} sớm hơn {earlier_what} {short(earlier)}.",
            hint=f"Kiểm tra lại {later_what} và {earlier_what}.",
        )


# Vietnam keeps one offset all year; times are stored in UTC and shown here.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def utc_now() -> datetime:
    """The machine's clock, in UTC (tests replace it to fix the moment)."""
    return datetime.now(UTC)


def today() -> date:
    """Today in Vietnam: the day a clerk's "today" means, whatever the server's zone (from 17:00
    UTC it is already tomorrow there: mail registered at 6 a.m. must not take yesterday's date)."""
    return utc_now().astimezone(VIETNAM).date()


def not_after_today(day: date, what: str, hint: str) -> None:
    """Refuse ``day`` (an arrival, an issue) still to come in Vietnam: a number dated ahead would
    hold its series back, every later entry needing a date from that day on, until the day comes."""
    now = today()
    if day > now:
        raise InputError(
            f"{what.capitalize()} {short(day)} còn chưa tới (hôm nay là {short(now)}).", hint=hint
        )


def short(d: date | None) -> str:
    """29/9/2025, 03/10/2025, 05/01/2026: how dates are shown to people, in tables and running
    text alike (the decree's padding, see ``padded``); "" for None."""
    return padded(d) if d else ""


def moment(at: datetime) -> str:
    """A stored UTC time (naive, as every engine keeps it) as a person in Vietnam reads it:
    "03/10/2025 14:05"."""
    local = (at.replace(tzinfo=UTC) if at.tzinfo is None else at).astimezone(VIETNAM)
    return f"{short(local.date())} {local:%H:%M}"


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
