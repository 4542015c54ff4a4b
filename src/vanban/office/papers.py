"""Paper out of the register: documents in the official layout, register books, references in text."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from vanban.domain.book import Book
from vanban.domain.book_making import make_book
from vanban.domain.codes import make_notation
from vanban.domain.corrections import CORRECTION_LABELS, correction_notes, void_mark
from vanban.domain.dates import padded, today
from vanban.domain.links import REPORTING_KINDS
from vanban.domain.model import (
    SECRECY_LABELS,
    URGENCY_LABELS,
    Direction,
    Document,
    LinkKind,
    Organization,
    User,
)
from vanban.domain.references import Reference, extract_references
from vanban.domain.sheet import Sheet
from vanban.domain.types import CONG_VAN, type_name
from vanban.errors import InputError
from vanban.office.ports import UnitOfWork
from vanban.office.steps import office_of, resolve

if TYPE_CHECKING:
    from vanban.office.service import Office

BookKind = Literal["out", "in", "handling"]


def _signer_org(office: Organization) -> str:
    lowered = office.name.lower()
    if lowered.startswith("ủy ban nhân dân"):
        return "ỦY BAN NHÂN DÂN"
    return office.name.upper()


def _basis_line(doc: Document) -> str:
    kind = type_name(doc.type_key) if doc.type_key else "Văn bản"
    line = f"Căn cứ {kind} số {doc.code}"
    if doc.date:
        line += f" ngày {padded(doc.date)}"
    line += f" của {doc.issuer_name}"
    if doc.subject:
        line += f" về {doc.subject}"
    return line


def sheet_for(uow: UnitOfWork, office: Organization, doc: Document) -> Sheet:
    """What the document prints as: header, căn cứ from its based_on links, body, signature."""
    bases_ids = [link.to_id for link in uow.links.outgoing([doc.id]) if link.kind is LinkKind.BASED_ON]
    bases = [_basis_line(d) for d in uow.documents.get_many(bases_ids).values() if d.code]
    type_key = doc.type_key or CONG_VAN
    body = [p.strip() for p in (doc.body or "").split("\n") if p.strip()]
    is_cv = type_key == CONG_VAN
    return Sheet(
        issuing_body=office.name,
        governing_body=office.parent_name,
        type_key=type_key,
        subject=doc.subject,
        code=doc.code,
        notation=doc.notation or make_notation(type_key, office.code, doc.unit_code),
        place=doc.place or office.place,
        date=doc.date,
        bases=bases,
        body=body,
        to=list(doc.recipients) if is_cv else [],
        recipients=["Như trên"] if is_cv and doc.recipients else list(doc.recipients),
        archive=f"VT, {doc.unit_code}" if doc.unit_code else "VT",
        signer_authority=doc.signer_authority,
        signer_org=_signer_org(office),
        signer_title=doc.signer_title,
        signer_name=doc.signer_name,
        urgency_label=URGENCY_LABELS[doc.urgency] if doc.urgency else None,
        secrecy_label=SECRECY_LABELS[doc.secrecy] if doc.secrecy else None,
        void_mark=void_mark(uow.events.for_document(doc.id)),
    )


def render_document(
    office: Office, ref: str | int, out: Path, *, template: Path | None = None, year: int | None = None
) -> Document:
    """Write a held document to ``out`` (.docx) in the layout of Nghị định 30."""
    from vanban.docx.render import render

    if out.suffix.lower() != ".docx":
        raise InputError(f"Tệp ra «{out}» phải có đuôi .docx.", hint="Ví dụ: --out 90-KH-UBND.docx.")

    def work(uow: UnitOfWork, user: User) -> tuple[Document, Sheet]:
        doc = resolve(uow, user, ref, year)
        if doc.reference_only or doc.direction is Direction.IN:
            raise InputError(
                f"{doc.label} không phải văn bản do cơ quan ban hành, không dựng lại được.",
                hint="Chỉ văn bản đi (dự thảo hoặc đã ban hành) mới in ra theo thể thức.",
            )
        return doc, sheet_for(uow, office_of(uow, user), doc)

    doc, sheet = office.runner.read(work)
    render(sheet, out, template)
    return doc


def register_book(
    office: Office,
    kind: BookKind,
    year: int,
    *,
    start: date | None = None,
    end: date | None = None,
    as_of: date | None = None,
) -> Book:
    """The register book of ``kind`` for the year (optionally a date range), with its cover figures."""
    first = start or date(year, 1, 1)
    last = end or date(year, 12, 31)
    if last < first:
        raise InputError("Ngày kết thúc sớm hơn ngày bắt đầu.", hint="Kiểm tra lại --from và --to.")

    def work(uow: UnitOfWork, user: User) -> Book:
        org = office_of(uow, user)
        direction = Direction.OUT if kind == "out" else Direction.IN
        docs = uow.documents.in_period(org.id, direction, first, last, by_arrival=kind != "out")
        leads: dict[int, str] = {}
        answers: dict[int, list[str]] = {}
        if kind != "out":
            for d in docs:
                active = [a for a in uow.assignments.for_document(d.id) if a.active]
                if active:
                    leads[d.id] = active[-1].lead
            answering = uow.links.incoming([d.id for d in docs])
            sources = uow.documents.get_many(link.from_id for link in answering)
            for link in answering:
                src = sources.get(link.from_id)
                if src and src.code and (link.kind is LinkKind.RESPONDS_TO or link.kind in REPORTING_KINDS):
                    answers.setdefault(link.to_id, []).append(src.code)
        corrected = uow.events.with_triggers(org.id, tuple(CORRECTION_LABELS))
        notes: dict[int, list[str]] = {}
        for event in corrected:
            if event.document_id is not None:
                notes.setdefault(event.document_id, []).extend(correction_notes([event]))
        return make_book(
            kind,
            org,
            year,
            docs,
            receivers=leads,
            leads=leads,
            answers=answers,
            as_of=as_of or today(),
            corrections={doc_id: "; ".join(lines) for doc_id, lines in notes.items()},
        )

    return office.runner.read(work)


def write_book(book: Book, out: Path) -> None:
    """Write the book as .docx (landscape A4) or .xlsx, by the file's extension."""
    suffix = out.suffix.lower()
    if suffix == ".docx":
        from vanban.docx.books import write_book_docx

        write_book_docx(book, out)
    elif suffix == ".xlsx":
        from vanban.xlsx.books import write_book_xlsx

        write_book_xlsx(book, out)
    else:
        raise InputError(f"Không ghi được sổ ra «{out}».", hint="Dùng tệp .docx hoặc .xlsx.")


def references_in(text: str, *, document_type: str | None = None) -> list[Reference]:
    """Every document a text refers to, with its link kind read from the context."""
    return extract_references(text, document_type=document_type)


def read_text(source: Path) -> str:
    """The text of a .docx (paragraphs and tables in order) or of a plain text file."""
    if source.suffix.lower() == ".docx":
        from vanban.docx.read import read_blocks

        return "\n".join(read_blocks(source))
    try:
        return source.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"Tệp «{source}» không phải .docx hay văn bản UTF-8.", hint="Đưa vào tệp .docx hoặc .txt."
        ) from exc
