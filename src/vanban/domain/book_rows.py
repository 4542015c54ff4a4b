"""Reading a register book kept in a spreadsheet (Phụ lục IV, nd30.md §6) into entries.

A commune that adopts vanban in the middle of a year has kept this year's sổ đăng ký văn bản đi
and đến in Excel (or typed them from paper). Its columns are found by their headers, in any
order and wherever the header row is (a title and the cover lines may come first): the decree's
headers and the usual short forms, compared without case, diacritics or punctuation; an office's
own headers are named with a map ("Số VB=code"). A row becomes an :class:`Entry` or a Vietnamese
refusal saying what is wrong with it. Plain Python: the spreadsheet is read by an adapter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from vanban.domain import text as texts
from vanban.domain.codes import Code, parse_code
from vanban.domain.dates import parse_date, short
from vanban.domain.text import clean_text, safe_text
from vanban.domain.types import CONG_VAN, fold, get_type, type_name
from vanban.errors import InputError, VanbanError

OUT = "out"
IN = "in"

# What each field is called in a book: the decree's header first, then forms offices use.
FIELD_HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("Số, ký hiệu văn bản", "Số, ký hiệu", "Số và ký hiệu", "Số ký hiệu văn bản", "Số hiệu"),
    "date": ("Ngày tháng văn bản", "Ngày văn bản", "Ngày, tháng văn bản", "Ngày ban hành", "Ngày tháng"),
    "subject": (
        "Tên loại và trích yếu nội dung văn bản",
        "Tên loại và trích yếu nội dung",
        "Trích yếu nội dung văn bản",
        "Trích yếu nội dung",
        "Trích yếu",
    ),
    "signer": ("Người ký",),
    "recipients": ("Nơi nhận văn bản", "Nơi nhận"),
    "arrived": ("Ngày đến",),
    "arrival_number": ("Số đến",),
    "sender": ("Tác giả", "Cơ quan ban hành", "Cơ quan gửi", "Nơi gửi"),
    "deadline": ("Thời hạn giải quyết", "Hạn giải quyết"),
    "skip": (
        "STT",
        "Số thứ tự",
        "Đơn vị, người nhận bản lưu",
        "Số lượng bản",
        "Ngày chuyển",
        "Ký nhận",
        "Ghi chú",
        "Đơn vị hoặc người nhận",
    ),
}
FIELD_LABELS: dict[str, str] = {
    "code": "Số, ký hiệu văn bản",
    "date": "Ngày tháng văn bản",
    "subject": "Tên loại và trích yếu nội dung văn bản",
    "signer": "Người ký",
    "recipients": "Nơi nhận văn bản",
    "arrived": "Ngày đến",
    "arrival_number": "Số đến",
    "sender": "Tác giả",
    "deadline": "Thời hạn giải quyết",
    "skip": "(bỏ qua)",
}
REQUIRED: dict[str, tuple[str, ...]] = {
    OUT: ("code", "date", "subject"),
    IN: ("arrived", "arrival_number", "sender", "code", "date", "subject"),
}
BOOK_NAMES = {OUT: "sổ đăng ký văn bản đi", IN: "sổ đăng ký văn bản đến"}
# A header row is looked for among the first rows of a sheet (title and cover lines come first).
HEADER_SEARCH_ROWS = 30
# Cells split into recipients at these marks (one per line in most books).
_RECIPIENT_SPLIT = re.compile(r"[;\n]+")
_NOT_WORD = re.compile(r"[\W_]+")


def header_key(text: str) -> str:
    """A header as compared: no case, diacritics or punctuation ("Số, ký hiệu" = "so ky hieu")."""
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


_BY_HEADER: dict[str, str] = {header_key(h): name for name, headers in FIELD_HEADERS.items() for h in headers}


def parse_map(items: Sequence[str]) -> dict[str, str]:
    """``--map "Header=field"`` items: an office's own header → a field, named by its code name
    (code, date, subject…) or by the decree's header."""
    found: dict[str, str] = {}
    for item in items:
        header, sep, wanted = item.partition("=")
        if not sep or not header.strip() or not wanted.strip():
            raise InputError(
                f"«{safe_text(item)}» không phải một cặp «Tên cột=trường».",
                hint='Ví dụ: --map "Số VB=code" hoặc --map "Số VB=Số, ký hiệu văn bản".',
            )
        name = wanted.strip() if wanted.strip() in FIELD_HEADERS else _BY_HEADER.get(header_key(wanted))
        if name is None:
            known = ", ".join(f"{n} ({label})" for n, label in FIELD_LABELS.items())
            raise InputError(f"Không có trường «{safe_text(wanted.strip())}».", hint=f"Các trường: {known}.")
        found[header_key(header)] = name
    return found


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the fields are: the header row's number and each field's column (0-based)."""

    header_row: int
    columns: dict[str, int]
    direction: str


def find_layout(
    rows: Sequence[tuple[int, Sequence[object]]], mapping: Mapping[str, str], direction: str | None
) -> Layout | None:
    """The header row (the first of the first rows naming two fields or more) and its columns;
    the book's direction from its headers unless given (a "Số đến" column makes it incoming)."""
    by_header = {**_BY_HEADER, **mapping}
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        columns: dict[str, int] = {}
        for index, cell in enumerate(cells):
            if isinstance(cell, str) and (name := by_header.get(header_key(cell))) and name != "skip":
                columns.setdefault(name, index)
        if len(columns) >= 2:
            seen = direction or (IN if "arrival_number" in columns or "arrived" in columns else OUT)
            return Layout(number, columns, seen)
    return None


def missing_columns(layout: Layout) -> list[str]:
    """The decree's headers of the required fields the sheet lacks."""
    return [FIELD_LABELS[name] for name in REQUIRED[layout.direction] if name not in layout.columns]


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of a book, read and checked."""

    row: int
    code: Code
    date: dt.date
    subject: str
    type_key: str
    signer: str | None = None
    recipients: list[str] = field(default_factory=list)
    arrived: dt.date | None = None
    arrival_number: int | None = None
    sender: str | None = None
    deadline: dt.date | None = None
    text: str = ""  # the row's words, where the documents it cites are read


@dataclass(frozen=True, slots=True)
class Refusal:
    row: int
    reason: str
    hint: str | None
    code: str | None = None  # the row's số, ký hiệu as written, to name it in the report


def read_entry(row: int, cells: Sequence[object], layout: Layout) -> Entry | Refusal | None:
    """A row as an entry, a refusal naming what is wrong, or None for an empty row."""

    def cell(name: str) -> object:
        index = layout.columns.get(name)
        if index is None or index >= len(cells):
            return None
        value = cells[index]
        return value.strip() or None if isinstance(value, str) else value

    if all(cell(name) is None for name in layout.columns):
        return None
    written = " ".join(_as_text(cell("code")).split())[:80] or None
    try:
        for name in REQUIRED[layout.direction]:
            if cell(name) is None:
                raise InputError(f"Thiếu «{FIELD_LABELS[name]}».", hint="Điền ô đó trong tệp rồi nhập lại.")
        code = parse_code(_as_text(cell("code")))
        on = _as_date(cell("date"), "ngày văn bản")
        title = clean_text(_as_text(cell("subject")), texts.SUBJECT) or ""
        assert on is not None  # a required cell, checked above
        type_key = get_type(code.type_key).key if code.type_key else CONG_VAN
        subject = _without_type_name(title, type_key)
        arrived = _as_date(cell("arrived"), "ngày đến") if layout.direction == IN else None
        if arrived is not None and arrived < on:
            raise InputError(
                f"Ngày đến {short(arrived)} sớm hơn ngày văn bản {short(on)}.",
                hint="Kiểm tra hai ô ngày của dòng này.",
            )
        number = _as_number(cell("arrival_number")) if layout.direction == IN else None
        sender = clean_text(_as_text(cell("sender")), texts.ORG_NAME) if layout.direction == IN else None
        # An empty cell is no signer: read as text from a file (lenient), not as a typed value.
        signer = clean_text(_as_text(cell("signer")), texts.SIGNER, required=False, lenient=True)
        lines = [line.strip(" -–;.") for line in _RECIPIENT_SPLIT.split(_as_text(cell("recipients")))]
        recipients = texts.clean_list([line for line in lines if line], texts.RECIPIENT)
        deadline = _as_date(cell("deadline"), "thời hạn giải quyết")
    except VanbanError as refused:
        return Refusal(row, refused.message, refused.hint, written)
    return Entry(
        row=row,
        code=code,
        date=on,
        subject=subject,
        type_key=type_key,
        signer=signer,
        recipients=recipients,
        arrived=arrived,
        arrival_number=number,
        sender=sender,
        deadline=deadline,
        text=title,
    )


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _as_date(value: object, what: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise InputError(
        f"Ô {what} «{safe_text(_as_text(value))}» không phải một ngày.",
        hint="Ghi ngày dạng 29/9/2025, hoặc định dạng ô là ngày trong Excel.",
    )


def _as_number(value: object) -> int:
    text = _as_text(value).strip()
    if not text.isdigit() or int(text) < 1:
        raise InputError(
            f"Số đến «{safe_text(text)}» không phải một số.", hint="Số đến là số thứ tự: 1, 2, 3…"
        )
    return int(text)


def _without_type_name(title: str, type_key: str) -> str:
    """The trích yếu without the type name the book's column puts before it ("Kế hoạch Tổ chức…"
    → "Tổ chức…"; "Công văn V/v …" → "…")."""
    words = title
    name = type_name(type_key)
    if fold(words).startswith(fold(name)) and words[len(name) : len(name) + 1] in (" ", ":", "-", "–"):
        words = words[len(name) :].lstrip(" :-–")
    for lead in ("V/v", "v/v", "Về việc"):
        if words.startswith(lead + " "):
            words = words[len(lead) :].strip()
    return words or title
