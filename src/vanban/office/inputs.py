"""What a use case is given, checked before any transaction starts: the office-level checks
over the one input boundary of ``domain.text`` and ``domain.dates``.

Each check raises InputError (exit 2) with a Vietnamese message and a hint; nothing is written.
The checks of domain.text and domain.dates do not know which parameter of a use case they
check: the use case names it around the call with ``about`` (the one way ``field`` is set on
an error raised below the office).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from vanban.domain import text as texts
from vanban.domain.codes import Code
from vanban.domain.dates import as_date, check_year, short
from vanban.domain.model import Direction, Secrecy, Urgency, parse_secrecy, parse_urgency
from vanban.domain.records import DocumentEdit, Signature
from vanban.domain.text import TextField, clean_list, clean_text, parse_doc_id
from vanban.errors import InputError, VanbanError
from vanban.office.numbering import not_ahead

AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")


@contextmanager
def about(field: str) -> Iterator[None]:
    """Name ``field`` (a use case's parameter: "subject", "date"…) as the input an error raised
    inside is about, unless the error names one already (a check nested in another knows better)."""
    try:
        yield
    except VanbanError as error:
        if error.field is None:
            error.field = field
        raise


def required_text(value: object, field: TextField, *, required: bool = True) -> str:
    """A required text field, cleaned (domain.text refuses what is empty or unsafe)."""
    cleaned = clean_text(value, field, required=required)
    assert cleaned is not None
    return cleaned


def as_str(value: object, what: str) -> str:
    """A value that must be text (a program may pass anything)."""
    if not isinstance(value, str):
        raise InputError(f"{what.capitalize()} phải là chữ, không phải {type(value).__name__}.")
    return texts.check_utf8(value, what)


def urgency_of(value: Urgency | str | None) -> Urgency | None:
    """The ``urgency`` parameter of every use case, checked."""
    if value is None or isinstance(value, Urgency):
        return value
    with about("urgency"):
        return parse_urgency(as_str(value, "mức độ khẩn"))


def secrecy_of(value: Secrecy | str | None) -> Secrecy | None:
    """The ``secrecy`` parameter of every use case, checked."""
    if value is None or isinstance(value, Secrecy):
        return value
    with about("secrecy"):
        return parse_secrecy(as_str(value, "độ mật"))


def edited(values: dict[str, Any]) -> DocumentEdit:
    """The values Office.edit was given, each checked as the field it changes."""
    checked: DocumentEdit = {}
    for name, value in values.items():
        with about(name):
            checked_one(checked, name, value)
    return checked


def checked_one(checked: DocumentEdit, name: str, value: Any) -> None:
    """One value of an edit checked into ``checked``."""
    if name == "subject":
        checked["subject"] = required_text(value, texts.SUBJECT)
    elif name == "body":
        checked["body"] = clean_text(value, texts.BODY, required=False)
    elif name == "recipients":
        checked["recipients"] = clean_list(value, texts.RECIPIENT)
    elif name == "deadline":
        checked["deadline"] = as_date(value, "thời hạn")
    elif name == "urgency":
        checked["urgency"] = urgency_of(value)
    elif name == "secrecy":
        checked["secrecy"] = secrecy_of(value)
    elif name == "signer_name":
        checked["signer_name"] = clean_text(value, texts.SIGNER, required=False)
    elif name == "signer_title":
        checked["signer_title"] = clean_text(value, texts.SIGNER_TITLE, required=False)


def doc_id(ref: object) -> int | None:
    """The id a reference names ("#12", 12), or None for a code; ids no engine can hold refused."""
    if isinstance(ref, bool):
        raise InputError("Văn bản cần được chỉ bằng số, ký hiệu hoặc #mã.")
    if isinstance(ref, int):
        return ref if 0 < ref <= texts.MAX_ID else parse_doc_id(str(ref))
    return parse_doc_id(as_str(ref, "số, ký hiệu hoặc #mã"))


def year_of(value: object) -> int | None:
    """The ``year`` parameter of every use case (the year a code is looked up in), or None."""
    with about("year"):
        return None if value is None else check_year(value)


def check_authority(text: str) -> str:
    """TM., KT., Q., TL. or TUQ. (the dot may be left out)."""
    cleaned = text.strip().upper()
    if not cleaned.endswith("."):
        cleaned += "."
    if cleaned not in AUTHORITIES:
        raise InputError(
            f"Thẩm quyền ký «{text}» không hợp lệ.", hint=f"Chọn một trong: {', '.join(AUTHORITIES)}"
        )
    return cleaned


def arrival_of(arrived: object, on: date, today: date) -> date:
    """The ngày đến of a receipt (``today`` when not given): never ahead of today, never before
    the document's own date ``on``."""
    with about("arrived"):
        arrival = as_date(arrived, "ngày đến") or today
        # A số đến dated ahead would hold back every letter that really comes in before then.
        not_ahead(Direction.IN, arrival)
        if arrival < on:
            raise InputError(
                f"Ngày đến {short(arrival)} sớm hơn ngày văn bản {short(on)}.",
                hint="Kiểm tra lại --date (ngày văn bản) và --arrived (ngày đến).",
            )
    return arrival


def check_code_year(code: Code, on: date) -> None:
    """A legal code's year is the year its document was made: never after the document's date."""
    if code.year is not None and code.year > on.year:
        raise InputError(
            f"Văn bản {code} mang năm {code.year}, muộn hơn ngày {short(on)}.",
            hint="Kiểm tra lại năm trong số, ký hiệu và --date.",
        )


def signer_title(title: object) -> str | None:
    """A chức vụ as given ("Chủ tịch"), checked; None when not given. An empty one is refused:
    it would print an empty line in the signature block."""
    return required_text(title, texts.SIGNER_TITLE) if title is not None else None


def signature(signer: str | None, title: str | None, authority: str | None) -> Signature:
    """The signer's fields as given (name, title, TM./KT./…), checked."""
    with about("signer"):
        name = required_text(signer, texts.SIGNER) if signer is not None else None
    with about("title"):
        checked_title = signer_title(title)
    with about("authority"):
        power = check_authority(as_str(authority, "thẩm quyền ký")) if authority is not None else None
    return Signature(name, checked_title, power)
