"""The register books filled from the documents (Phụ lục IV; nd30.md §6): rows, cover figures.

Pure data, standard library only. :func:`make_book` picks the documents of a year for the
sổ đăng ký văn bản đi, đến or the sổ theo dõi giải quyết and makes a
:class:`~vanban.domain.book.Book` of them; the ``*_book_rows`` functions make its rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from vanban.domain.book import BOOK_COLUMNS, BOOK_TITLES, Book, BookKind, Cell, NumberRange
from vanban.domain.codes import pad
from vanban.domain.dates import padded
from vanban.domain.model import SECRECY_LABELS, URGENCY_LABELS, Document, Organization
from vanban.domain.numbering import SECRET_PREFIX, series_label
from vanban.domain.sheet import strip_end
from vanban.domain.types import ALL_TYPES
from vanban.domain.types import type_name as _type_name

# How the progress of an incoming document reads in the handling book, by lifecycle state.
PROGRESS_LABELS: dict[str, str] = {
    "received": "Đã đến",
    "registered": "Đã vào sổ, chưa phân công",
    "assigned": "Đang xử lý",
    "done": "Đã xử lý xong",
    "rejected": "Từ chối tiếp nhận",
    "recalled": "Đã thu hồi",
}


def _day(d: dt.date | None) -> Cell:
    return d if d else ""


def as_date(value: object) -> dt.date | None:
    """A date field of a record, typed as a date.

    ``Document.deadline`` and ``arrival_date`` are declared after the field ``date``, which
    shadows the type in the class body; this keeps the type checker honest either way.
    """
    return value if isinstance(value, dt.date) else None


def describe(doc: Document) -> str:
    """Tên loại và trích yếu: "Kế hoạch: Tổ chức các hoạt động…", "Công văn: V/v …"."""
    name = _type_name(doc.type_key) if doc.type_key else "Văn bản"
    return f"{name}: {doc.subject}" if doc.subject else name


def _marks(doc: Document, corrections: Mapping[int, str] | None = None) -> list[str]:
    notes: list[str] = []
    if doc.urgency is not None:
        notes.append(URGENCY_LABELS[doc.urgency])
    if doc.secrecy is not None:
        notes.append(SECRECY_LABELS[doc.secrecy])
    corrected = (corrections or {}).get(doc.id)
    if corrected:
        notes.append(corrected)  # recalled, replaced or corrected: when, by what, why
    elif doc.status == "recalled":
        notes.append("Đã thu hồi")
    return notes


def out_book_rows(
    docs: Iterable[Document],
    *,
    archive: Mapping[int, str] | None = None,
    copies: Mapping[int, int] | None = None,
    sent: Mapping[int, dt.date] | None = None,
    corrections: Mapping[int, str] | None = None,
) -> list[tuple[Cell, ...]]:
    """Rows of the Sổ đăng ký văn bản đi, one per numbered outgoing document, by date and number.

    ``archive`` maps a document id to "Đơn vị, người nhận bản lưu" (default "VT, <unit>"),
    ``copies`` to the number of copies made, ``sent`` to the day it was handed over;
    Ký nhận is left blank for the signature on paper. Drafts without a number are skipped.
    """
    archive = archive or {}
    copies = copies or {}
    sent = sent or {}
    numbered = [d for d in docs if d.code]
    numbered.sort(key=lambda d: (d.date or dt.date.min, d.number or 0, d.id))
    rows: list[tuple[Cell, ...]] = []
    for d in numbered:
        kept = archive.get(d.id) or ("VT, " + d.unit_code if d.unit_code else "VT")
        count = copies.get(d.id)
        rows.append(
            (
                d.code or "",
                _day(d.date),
                describe(d),
                d.signer_name or "",
                "; ".join(strip_end(r) for r in d.recipients),
                kept,
                str(count) if count is not None else "",
                _day(sent.get(d.id)),
                "",
                "; ".join(_marks(d, corrections)),
            )
        )
    return rows


def in_book_rows(
    docs: Iterable[Document],
    receivers: Mapping[int, str],
    *,
    sent: Mapping[int, dt.date] | None = None,
    corrections: Mapping[int, str] | None = None,
) -> list[tuple[Cell, ...]]:
    """Rows of the Sổ đăng ký văn bản đến, by số đến.

    ``receivers`` maps a document id to the unit or person it was handed to (the lead of its
    assignment); ``sent`` to the day it was handed over. The deadline goes into Ghi chú.
    """
    sent = sent or {}
    arrived = [d for d in docs if d.arrival_number is not None]
    arrived.sort(key=lambda d: (d.arrival_year or 0, d.arrival_number or 0))
    rows: list[tuple[Cell, ...]] = []
    for d in arrived:
        notes = _marks(d, corrections)
        deadline = as_date(d.deadline)
        if deadline:
            notes.append(f"Hạn giải quyết {padded(deadline)}")
        rows.append(
            (
                _day(as_date(d.arrival_date)),
                pad(d.arrival_number) if d.arrival_number is not None else "",
                d.issuer_name,
                d.code or "",
                _day(d.date),
                describe(d),
                receivers.get(d.id, ""),
                _day(sent.get(d.id)),
                "",
                "; ".join(notes),
            )
        )
    return rows


def handling_book_rows(
    docs: Iterable[Document],
    leads: Mapping[int, str],
    answers: Mapping[int, Sequence[str]],
    *,
    progress: Mapping[int, str] | None = None,
    as_of: dt.date | None = None,
) -> list[tuple[Cell, ...]]:
    """Rows of the Sổ theo dõi giải quyết văn bản đến, by số đến.

    ``leads`` maps a document id to the unit or person in charge (chủ trì); ``answers`` to the
    codes of the documents that answer or report on it ("Số, ký hiệu văn bản trả lời");
    ``progress`` to a free text of how far handling has come (default: the lifecycle state's
    label). With ``as_of``, documents past their deadline and not done say "Quá hạn N ngày".
    """
    progress = progress or {}
    arrived = [d for d in docs if d.arrival_number is not None]
    arrived.sort(key=lambda d: (d.arrival_year or 0, d.arrival_number or 0))
    rows: list[tuple[Cell, ...]] = []
    for d in arrived:
        name = _type_name(d.type_key) if d.type_key else "Văn bản"
        ident = f"{name} số {d.code}" if d.code else name
        if d.date:
            ident += f" ngày {padded(d.date)}"
        ident += f", {d.issuer_name}"
        state = progress.get(d.id) or PROGRESS_LABELS.get(d.status or "", d.status or "")
        notes = _marks(d)
        deadline = as_date(d.deadline)
        if as_of and deadline and deadline < as_of and d.status not in ("done", "rejected", "recalled"):
            notes.append(f"Quá hạn {(as_of - deadline).days} ngày")
        rows.append(
            (
                pad(d.arrival_number) if d.arrival_number is not None else "",
                ident,
                leads.get(d.id, ""),
                _day(deadline),
                state,
                "; ".join(answers.get(d.id, ())),
                "; ".join(notes),
            )
        )
    return rows


def make_book(
    kind: BookKind,
    office: Organization,
    year: int,
    docs: Sequence[Document],
    *,
    receivers: Mapping[int, str] | None = None,
    leads: Mapping[int, str] | None = None,
    answers: Mapping[int, Sequence[str]] | None = None,
    progress: Mapping[int, str] | None = None,
    archive: Mapping[int, str] | None = None,
    copies: Mapping[int, int] | None = None,
    sent: Mapping[int, dt.date] | None = None,
    as_of: dt.date | None = None,
    corrections: Mapping[int, str] | None = None,
) -> Book:
    """The book of ``kind`` for ``office`` in ``year`` from its documents.

    Outgoing books take the documents the office issued in the year (by number and date);
    the two incoming books those it received in the year (by số đến and arrival date). The
    cover figures (from/to date and number) are taken from the rows kept.
    """
    if kind == "out":
        kept = [d for d in docs if d.code and d.number is not None and (d.year or _year(d.date)) == year]
        rows = out_book_rows(kept, archive=archive, copies=copies, sent=sent, corrections=corrections)
        ranges = _ranges_by_series(kept)
        days = [d.date for d in kept if d.date]
    else:
        kept = [d for d in docs if d.arrival_number is not None and (d.arrival_year or year) == year]
        if kind == "in":
            rows = in_book_rows(kept, receivers or leads or {}, sent=sent, corrections=corrections)
        else:
            rows = handling_book_rows(
                kept, leads or receivers or {}, answers or {}, progress=progress, as_of=as_of
            )
        numbers = [d.arrival_number for d in kept if d.arrival_number is not None]
        ranges = [NumberRange(min(numbers), max(numbers))] if numbers else []
        days = [a for a in (as_date(d.arrival_date) for d in kept) if a]
    return Book(
        kind=kind,
        title=BOOK_TITLES[kind],
        office_name=office.name,
        governing_body=office.parent_name,
        year=year,
        columns=BOOK_COLUMNS[kind],
        rows=rows,
        date_from=min(days) if days else None,
        date_to=max(days) if days else None,
        number_ranges=ranges,
    )


def _ranges_by_series(docs: Sequence[Document]) -> list[NumberRange]:
    """First and last number of each series the documents were numbered in, by series name."""
    by_series: dict[str, list[int]] = {}
    for d in docs:
        if d.number is None:
            continue
        key = d.series_key or (d.type_key or "")
        by_series.setdefault(key, []).append(d.number)
    if len(by_series) == 1:
        (numbers,) = by_series.values()
        return [NumberRange(min(numbers), max(numbers))]
    ordered = sorted(by_series.items(), key=lambda item: _series_rank(item[0]))
    return [NumberRange(min(n), max(n), _series_name(key)) for key, n in ordered]


def _series_rank(key: str) -> tuple[bool, int, str]:
    """Series in the decree's order of types (Phụ lục III), secret ones after the others."""
    secret = key.startswith(SECRET_PREFIX + "-")
    base = key.removeprefix(SECRET_PREFIX + "-")
    return secret, _TYPE_ORDER.get(base, len(_TYPE_ORDER)), base


_TYPE_ORDER = {t.key: i for i, t in enumerate(ALL_TYPES)}


def _series_name(key: str) -> str:
    return series_label(key) if key else "Không rõ loại"


def _year(d: dt.date | None) -> int | None:
    return d.year if d else None
