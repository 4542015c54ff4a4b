"""Bring this year's register books kept in Excel into vanban (adopting it mid-year).

    report = import_book(office.runner, office.workflows, Path("so-di-2025.xlsx"))

Each row of a sổ đăng ký văn bản đi becomes an outgoing document already issued, with the number
and date it carries; each row of a sổ đăng ký văn bản đến an incoming document already
registered, with its own số đến and ngày đến. The documents a row's trích yếu cites are linked
(domain/references.py), as ``import`` links a Word file's. Every series ends after the highest
number imported, so the next document issued or received continues it.

All or nothing: the rows are written in one transaction, and only when every row is accepted
(a row already held is skipped, not refused); with ``partial`` the accepted rows are written
and the refused ones reported. The report says, row by row, imported, skipped or refused and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vanban.domain.book_rows import (
    BOOK_NAMES,
    FIELD_LABELS,
    IN,
    OUT,
    Entry,
    Refusal,
    find_layout,
    missing_columns,
    parse_map,
    read_entry,
)
from vanban.domain.codes import pad
from vanban.domain.dates import short
from vanban.domain.model import Direction, Organization, Secrecy, SeriesState, User
from vanban.domain.numbering import ARRIVAL, SECRET_MARK, NumberingPolicy, Policy, series_label
from vanban.domain.reading import DocumentMeta
from vanban.domain.records import Arrival, EventRecord, NewDocument, Numbered, Signature
from vanban.domain.references import extract_references
from vanban.domain.types import get_type
from vanban.domain.workflows import Workflows
from vanban.errors import DateOrderError, DuplicateError, InputError, RuleError, VanbanError
from vanban.office.matching import find_sender, link_references
from vanban.office.numbering import not_ahead
from vanban.office.ports import UnitOfWork
from vanban.office.roles import CLERK_ROLES, require
from vanban.office.runner import Runner
from vanban.office.steps import office_of, record_creation

Rows = list[tuple[int, list[object]]]
ReadSheets = Callable[[Path], list[tuple[str, Rows]]]
"""The port a spreadsheet adapter fills: every sheet of a file with its rows of cell values."""

IMPORTED, SKIPPED, REFUSED = "imported", "skipped", "refused"


@dataclass(frozen=True, slots=True)
class RowResult:
    row: int
    result: str
    code: str | None = None
    document: int | None = None
    reason: str | None = None
    hint: str | None = None
    links: tuple[str, ...] = ()


@dataclass(slots=True)
class BookImport:
    """What ``import_book`` did: per row, and where each series now continues."""

    file: str
    direction: str
    written: bool
    rows: list[RowResult]
    series: list[SeriesState] = field(default_factory=list)

    def count(self, result: str) -> int:
        return sum(1 for r in self.rows if r.result == result)

    @property
    def exit_code(self) -> int:
        """0 when every row was imported or already held, 1 when any was refused."""
        return 1 if self.count(REFUSED) else 0


class _Refused(Exception):
    """Some row was refused and nothing may be written: the transaction is rolled back."""

    def __init__(self, rows: list[RowResult]) -> None:
        super().__init__("refused")
        self.rows = rows


def import_book(
    runner: Runner,
    workflows: Workflows,
    path: Path,
    *,
    direction: str | None = None,
    mapping: Sequence[str] = (),
    partial: bool = False,
    read: ReadSheets | None = None,
) -> BookImport:
    """Register every row of a book kept in a spreadsheet (see the module's documentation)."""
    if direction not in (None, OUT, IN):
        raise InputError(f"Không có loại sổ «{direction}».", hint="Chọn đi hoặc đến.")
    own_headers = parse_map(mapping)
    if read is None:
        from vanban.xlsx.read import read_sheets

        read = read_sheets
    sheets = read(Path(path))
    found = [(rows, layout) for _, rows in sheets if (layout := find_layout(rows, own_headers, direction))]
    if not found:
        headers = "; ".join(
            FIELD_LABELS[name] for name in ("code", "date", "subject", "arrived", "arrival_number")
        )
        raise InputError(
            f"Không tìm thấy dòng tiêu đề cột của sổ trong tệp «{Path(path).name}».",
            hint=f"Sổ cần các cột của Phụ lục IV ({headers}…); cột mang tên khác thì chỉ rõ bằng "
            '--map "Tên cột=trường".',
        )
    rows, layout = found[0]
    missing = missing_columns(layout)
    if missing:
        raise InputError(
            f"Tệp «{Path(path).name}» ({BOOK_NAMES[layout.direction]}) thiếu cột: {', '.join(missing)}.",
            hint='Thêm cột đó, hoặc chỉ cột mang tên khác bằng --map "Tên cột=trường".',
        )
    read_rows = [read_entry(n, cells, layout) for n, cells in rows if n > layout.header_row]
    entries = _without_repeats([r for r in read_rows if r is not None], layout.direction)
    name = Path(path).name

    def work(uow: UnitOfWork, user: User) -> BookImport:
        require(user, CLERK_ROLES, "nhập sổ đăng ký")
        own = office_of(uow, user)
        results: list[RowResult] = []
        for entry in entries:
            if isinstance(entry, Refusal):
                refusal = RowResult(entry.row, REFUSED, entry.code, reason=entry.reason, hint=entry.hint)
                results.append(refusal)
                continue
            try:
                if layout.direction == OUT:
                    results.append(_outgoing(uow, user, workflows, own, entry, name))
                else:
                    results.append(_incoming(uow, user, workflows, own, entry, name))
            except VanbanError as refused:
                results.append(
                    RowResult(entry.row, REFUSED, str(entry.code), None, refused.message, refused.hint)
                )
        if not partial and any(r.result == REFUSED for r in results):
            raise _Refused(results)
        return BookImport(name, layout.direction, True, results, uow.series.list(own.id))

    try:
        return runner.write(work)
    except _Refused as refused:
        return BookImport(name, layout.direction, False, refused.rows)


def _without_repeats(entries: list[Entry | Refusal], direction: str) -> list[Entry | Refusal]:
    """A second row with the same code (same sender, same year), or the same số đến, is refused."""
    codes: dict[tuple[object, ...], int] = {}
    arrivals: dict[tuple[int, int | None], int] = {}
    kept: list[Entry | Refusal] = []
    hint = "Mỗi văn bản chỉ một dòng trong sổ; sửa hoặc xóa dòng trùng rồi nhập lại."
    for entry in entries:
        if isinstance(entry, Entry):
            code_key = (entry.sender, entry.code.year or entry.date.year, str(entry.code))
            arrival_key = (entry.arrived.year, entry.arrival_number) if entry.arrived else None
            if code_key in codes:
                kept.append(
                    Refusal(
                        entry.row,
                        f"Trùng số, ký hiệu {entry.code} với dòng {codes[code_key]}.",
                        hint,
                        str(entry.code),
                    )
                )
                continue
            if arrival_key is not None and arrival_key in arrivals:
                first = arrivals[arrival_key]
                kept.append(
                    Refusal(
                        entry.row,
                        f"Trùng số đến {entry.arrival_number} với dòng {first}.",
                        hint,
                        str(entry.code),
                    )
                )
                continue
            codes[code_key] = entry.row
            if arrival_key is not None:
                arrivals[arrival_key] = entry.row
        kept.append(entry)
    return kept


def _series(uow: UnitOfWork, office: Organization, year: int, key: str) -> SeriesState:
    state = uow.series.lock(office.id, year, key)
    if state is None:
        uow.series.create(office.id, year, key)
        state = uow.series.lock(office.id, year, key)
    assert state is not None
    return state


def _continue_after(
    uow: UnitOfWork,
    user: User,
    office: Organization,
    state: SeriesState,
    number: int,
    entry: Entry,
    file: str,
) -> None:
    """The series goes on after the highest number imported (never down): an audited event."""
    if number <= state.last_number:
        return
    on = entry.arrived or entry.date
    last_date = max(state.last_date, on) if state.last_date else on
    uow.series.advance(office.id, state.year, state.key, number, last_date)
    uow.events.add(
        EventRecord(
            office.id,
            user.login,
            "series_advance",
            note=f"Sổ {series_label(state.key)} năm {state.year} tiếp tục từ số {number + 1} "
            f"(nhập sổ «{file}», dòng {entry.row})",
            data={
                "year": state.year,
                "key": state.key,
                "from": state.last_number,
                "to": number,
                "file": file,
            },
        )
    )


def _in_order(uow: UnitOfWork, own: Organization, state: SeriesState, number: int, on: dt.date) -> None:
    """The rule of the live issue, for a row that brings its own number: numbers follow the dates
    of issue (Nghị định 30), so a number may not be dated before the nearest number below it held
    in the series, nor after the nearest above it."""
    below, above = uow.documents.beside(own.id, state.year, state.key, number)
    for held, later in ((below, False), (above, True)):
        if held is None or held.date is None or held.number is None:
            continue
        if (on < held.date) if not later else (on > held.date):
            which = "trước" if later else "sau"
            date_side = "muộn hơn" if later else "sớm hơn"
            raise DateOrderError(
                f"Số {pad(number)} ngày {short(on)} đứng {which} số {pad(held.number)} ({held.code}) "
                f"của sổ {series_label(state.key)} năm {state.year} mà ngày lại {date_side} ngày "
                f"{short(held.date)} của số đó: số phải theo thứ tự ngày ban hành.",
                hint=_CHECK_ROW,
            )


_CHECK_ROW = "Kiểm tra số và ngày của dòng này với sổ giấy; dòng ghi sai thì sửa trong tệp rồi nhập lại."


def _outgoing(
    uow: UnitOfWork, user: User, workflows: Workflows, own: Organization, entry: Entry, file: str
) -> RowResult:
    code = entry.code
    not_ahead(Direction.OUT, entry.date)
    if code.issuer.upper() != own.code.upper():
        raise RuleError(
            f"Văn bản {code} không phải của {own.name}: ký hiệu mang mã «{code.issuer}», "
            f"không phải «{own.code}».",
            hint="Sổ văn bản đi chỉ ghi văn bản của chính cơ quan; văn bản của nơi khác nhập vào sổ đến.",
        )
    doc_type = get_type(entry.type_key)
    if not doc_type.issuable:
        raise RuleError(
            f"{doc_type.name} {code} là văn bản quy phạm pháp luật, không vào sổ văn bản đi này.",
            hint="Bỏ dòng này khỏi sổ đi.",
        )
    groups = code.notation.split("-")
    secret = groups[-1] == SECRET_MARK and len(groups) > 2
    unit = code.unit
    if unit is not None and secret:
        unit = "-".join(unit.split("-")[:-1]) or None
    workflow = workflows.for_document(doc_type.key, Direction.OUT.value)
    dest = workflow.fire(workflow.initial, "issue", user.roles)
    key = NumberingPolicy(Policy(own.numbering)).series_key(
        doc_type.key, direction=Direction.OUT, secret=secret
    )
    year = entry.date.year
    existing = uow.documents.held_or_cited(own.id, own.id, year, str(code))
    if existing is not None and not existing.reference_only:
        return RowResult(entry.row, SKIPPED, str(code), existing.id, f"Đã có trong sổ (#{existing.id}).")
    holder = uow.documents.numbered(own.id, Direction.OUT, year, key, code.number)
    if holder is not None:
        raise DuplicateError(
            f"Số {pad(code.number)} của sổ {series_label(key)} năm {year} đã cấp cho {holder.code}.",
            hint=f"Kiểm tra số của dòng này; văn bản đã có xem bằng: vanban show #{holder.id}.",
        )
    state = _series(uow, own, year, key)
    _in_order(uow, own, state, code.number, entry.date)
    numbered = Numbered(code.number, year, key, code.notation, str(code), entry.date)
    new = NewDocument.outgoing(
        office=own,
        type_key=doc_type.key,
        subject=entry.subject,
        status=dest,
        workflow=workflow.name,
        unit_code=unit,
        place=own.place,
        recipients=entry.recipients,
        secrecy=Secrecy.MAT if secret else None,
        deadline=entry.deadline,
        signature=Signature(signer_name=entry.signer),
        numbered=numbered,
        created_at=uow.now,
    )
    if existing is not None:
        uow.documents.replace(existing.id, new)
        doc_id = existing.id
    else:
        doc_id = uow.documents.add(new)
    source = {"file": file, "row": entry.row}
    record_creation(
        uow,
        user,
        workflow,
        doc_id,
        new,
        numbered=numbered,
        note=f"Nhập từ sổ «{file}», dòng {entry.row}",
        source=source,
        issue_note="Văn bản đã ban hành, nhập từ sổ với số và ngày nó mang",
    )
    _continue_after(uow, user, own, state, code.number, entry, file)
    doc = new.document(doc_id, own)
    links = link_references(
        uow, user, workflows, doc, extract_references(entry.text, document_type=doc_type.key), own, own
    )
    return RowResult(entry.row, IMPORTED, str(code), doc_id, links=tuple(made.code for made in links))


def _incoming(
    uow: UnitOfWork, user: User, workflows: Workflows, own: Organization, entry: Entry, file: str
) -> RowResult:
    code = entry.code
    assert entry.sender is not None and entry.arrived is not None and entry.arrival_number is not None
    not_ahead(Direction.IN, entry.arrived)
    named = [o for o in uow.orgs.find(entry.sender) if not o.own]
    if len(named) == 1:
        sender = named[0]
    else:
        sender, _created = find_sender(uow, user, DocumentMeta(issuer=entry.sender), code, own)
    if sender.id == own.id:
        raise RuleError(
            f"Văn bản {code} do chính {own.name} ban hành, không phải văn bản đến.",
            hint="Văn bản của chính cơ quan nhập từ sổ văn bản đi.",
        )
    doc_type = get_type(entry.type_key)
    year = code.year or entry.date.year
    existing = uow.documents.held_or_cited(own.id, sender.id, year, str(code))
    if existing is not None and not existing.reference_only:
        return RowResult(entry.row, SKIPPED, str(code), existing.id, f"Đã có trong sổ (#{existing.id}).")
    number, arrival_year = entry.arrival_number, entry.arrived.year
    holder = uow.documents.numbered(own.id, Direction.IN, arrival_year, ARRIVAL, number)
    if holder is not None:
        raise DuplicateError(
            f"Số đến {number} năm {arrival_year} đã dùng cho {holder.code} của {holder.issuer_name}.",
            hint=f"Kiểm tra số đến của dòng này; văn bản đã có xem bằng: vanban show #{holder.id}.",
        )
    state = _series(uow, own, arrival_year, ARRIVAL)
    workflow = workflows.for_document(doc_type.key, Direction.IN.value)
    dest = workflow.fire(workflow.initial, "register", user.roles)
    new = NewDocument.incoming(
        office_id=own.id,
        sender_id=sender.id,
        code=code,
        year=year,
        type_key=doc_type.key,
        subject=entry.subject,
        date=entry.date,
        status=dest,
        workflow=workflow.name,
        arrival=Arrival(number, arrival_year, entry.arrived),
        deadline=entry.deadline,
        signature=Signature(signer_name=entry.signer),
        created_at=uow.now,
    )
    if existing is not None:
        uow.documents.replace(existing.id, new)
        doc_id = existing.id
    else:
        doc_id = uow.documents.add(new)
    source = {"file": file, "row": entry.row}
    note = f"Nhập từ sổ «{file}», dòng {entry.row}"
    uow.events.add(
        EventRecord(
            own.id,
            user.login,
            "receive",
            doc_id,
            None,
            workflow.initial,
            note,
            {"code": str(code), "from": sender.code, **source},
        )
    )
    uow.events.add(
        EventRecord(
            own.id,
            user.login,
            "register",
            doc_id,
            workflow.initial,
            dest,
            "Văn bản đến đã vào sổ, nhập với số đến nó mang",
            {"arrival_number": number, "arrival_year": arrival_year, "imported": True, **source},
        )
    )
    _continue_after(uow, user, own, state, number, entry, file)
    doc = new.document(doc_id, sender)
    links = link_references(
        uow, user, workflows, doc, extract_references(entry.text, document_type=doc_type.key), sender, own
    )
    return RowResult(entry.row, IMPORTED, str(code), doc_id, links=tuple(made.code for made in links))
