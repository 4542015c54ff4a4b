"""Listings handed over as files: ``--out FILE.xlsx|.csv|.docx`` of list, search and status.

The file's suffix chooses the writer: Excel (real date cells, dd/mm/yyyy), CSV (UTF-8 with a
byte order mark, so that Excel reads the Vietnamese letters), Word (a landscape table).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vanban.domain.listing import Listing, Value, cell_text
from vanban.domain.model import Document
from vanban.domain.types import type_name
from vanban.errors import InputError

if TYPE_CHECKING:
    from vanban.office.searching import SearchHit
    from vanban.office.service import Office
    from vanban.office.status import StatusReport

SUFFIXES = (".xlsx", ".csv", ".docx")
_DOCUMENT_COLUMNS = (
    "#",
    "Số, ký hiệu",
    "Năm",
    "Ngày",
    "Loại",
    "Trích yếu",
    "Cơ quan ban hành",
    "Người ký",
    "Hạn",
    "Trạng thái",
    "Số đến",
)


def check_out(path: str | Path) -> Path:
    """The path of an export, refused before any work when its kind is not one vanban writes."""
    out = Path(path)
    if out.suffix.lower() not in SUFFIXES:
        raise InputError(
            f"Không xuất được ra «{out.name}»: chỉ ghi tệp .xlsx, .csv hoặc .docx.",
            hint="Ví dụ: --out danh-sach.xlsx",
        )
    if not out.parent.is_dir():
        raise InputError(f"Không có thư mục «{out.parent}».", hint="Chọn một thư mục đã có cho --out.")
    return out


def _document_row(office: Office, doc: Document) -> tuple[Value, ...]:
    return (
        doc.id,
        doc.code,
        doc.year,
        doc.date,
        type_name(doc.type_key) if doc.type_key else None,
        doc.subject,
        doc.issuer_name,
        doc.signer_name,
        doc.deadline,
        office.status_label(doc),
        doc.arrival_number,
    )


def documents_listing(office: Office, title: str, docs: Sequence[Document]) -> Listing:
    """The documents of a listing, one row each."""
    return Listing(title, _DOCUMENT_COLUMNS, [_document_row(office, d) for d in docs])


def search_listing(office: Office, title: str, hits: Sequence[SearchHit]) -> Listing:
    """The documents a search found, best first."""
    return documents_listing(office, title, [h.document for h in hits])


def status_listing(office: Office, report: StatusReport) -> Listing:
    """The open items of the leadership view with their deadlines and progress."""
    columns = (*_DOCUMENT_COLUMNS[:6], "Hạn", "Quá hạn (ngày)", "Chủ trì", "Văn bản thực hiện", "Kết quả")
    rows: list[tuple[Value, ...]] = [
        (
            *_document_row(office, item.document)[:6],
            item.deadline,
            item.overdue_days or None,
            item.lead,
            item.implementing,
            item.outcomes,
        )
        for item in report.items
    ]
    return Listing(f"Tình hình thực hiện đến ngày {cell_text(report.as_of)}", columns, rows)


def write_listing(listing: Listing, out: Path) -> None:
    """Write ``listing`` to ``out`` in the kind its suffix names."""
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        from vanban.xlsx.listing import write_listing_xlsx

        write_listing_xlsx(listing, out)
    elif suffix == ".docx":
        from vanban.docx.listing import write_listing_docx

        write_listing_docx(listing, out)
    else:
        with out.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(listing.columns)
            writer.writerows([cell_text(v) for v in row] for row in listing.rows)
