"""The date of a reference in running text: after its code ("… ngày 29/9/2025") or opening the sentence.

Dates are read as typed, not through :func:`vanban.domain.dates.parse_date`: a reference's
date may have a stray space in its year ("20 25"), a dash for a slash or a misplaced accent,
and words that name no day ("31/2/2025") still end where they end.
"""

from __future__ import annotations

import re
from datetime import date

from vanban.domain.reference_clauses import has_break
from vanban.domain.reference_text import DASH_CHARS

# A year split by one stray space ("20 25") is still the year; two spaces are not read.
_YEAR = r"(?:\d{4}|\d{2} \d{2}|\d \d{3}|\d{3} \d)(?!\d)"
_DMY = rf"\d{{1,2}}\s*[/.{DASH_CHARS}]\s*\d{{1,2}}\s*[/.{DASH_CHARS}]\s*{_YEAR}"
# "thàng": the accent a PDF extraction put on the wrong letter.
_WORDY = rf"\d{{1,2}}\s+th[aáà]ng\s+\d{{1,2}}\s+năm\s+{_YEAR}"
# A date as a text gives it, "29/9/2025", "29-9-2025" or "29 tháng 9 năm 2025": a pattern to build on.
DATE = rf"{_DMY}|{_WORDY}"
_DATE_AFTER = re.compile(rf"\s*,?\s*\(?\s*(?:(?:ban\s+hành\s+)?ng[aà]y\s*)?(?P<date>{DATE})", re.IGNORECASE)
# "Ngày 26/9/2025, UBND xã ban hành Công văn số …": the date before the code, with a verb of
# issuing between ("nhận được" gives the day of arrival, not the document's date).
_DATE_BEFORE = re.compile(rf"(?<!\w)ngày\s+(?P<date>{DATE})\s*,?", re.IGNORECASE)
_ISSUING_VERB = re.compile(
    r"(?<!\w)(?:ban\s+hành|phát\s+hành|đã\s+ký|ký\s+ban\s+hành|có|gửi)(?!\w)", re.IGNORECASE
)
_ARRIVAL_VERB = re.compile(r"(?<!\w)(?:nhận|tiếp\s+nhận|đến)(?!\w)", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")


def to_date(raw: str) -> date | None:
    """The day a matched date names; None when there is no such day ("31/2/2025")."""
    numbers = _DIGITS.findall(raw)
    day, month, year = int(numbers[0]), int(numbers[1]), int("".join(numbers[2:]))
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_date(text: str, pos: int, end: int) -> tuple[date | None, int]:
    """The date written at ``pos`` (", ngày 29/9/2025") and where its words end; ``(None, pos)`` if none."""
    m = _DATE_AFTER.match(text, pos, end)
    if m is None:
        return None, pos
    # "ngày 31/2/2025": no such day, but the words are still the date
    return to_date(m.group("date")), m.end()


def date_before(text: str, start: int, code_start: int) -> date | None:
    """ "Ngày 26/9/2025, UBND xã ban hành Công văn số …": the date a sentence opens with."""
    found = None
    for m in _DATE_BEFORE.finditer(text, start, code_start):
        found = m
    if found is None:
        return None
    between = (found.end(), code_start)
    if _ISSUING_VERB.search(text, *between) is None or _ARRIVAL_VERB.search(text, *between) is not None:
        return None
    if has_break(text, *between):
        return None
    return to_date(found.group("date"))
