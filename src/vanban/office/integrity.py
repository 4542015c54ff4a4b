"""Verify the register: each office's hash chain of events, and every recorded document's record
fields against the values its recording event sealed (domain.integrity)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanban.domain.integrity import (
    FIELD_LABELS,
    ChainBreak,
    ChainedEvent,
    first_break,
    is_recorded,
    record_changes,
    record_of,
)
from vanban.domain.model import Document, Organization
from vanban.errors import InputError, IntegrityBreakError, RuleError
from vanban.office.queries import DocumentFilter

if TYPE_CHECKING:
    from vanban.domain.workflows import Workflows
    from vanban.office.ports import Store, UnitOfWork
    from vanban.office.runner import Runner

_VIETNAM = dt.timedelta(hours=7)  # Vietnam keeps UTC+7 all year


@dataclass(frozen=True, slots=True)
class OfficeChain:
    """One office's chain as verified: its events, recorded documents, and head hash."""

    office: Organization
    events: int
    documents: int
    recorded: int
    head_seq: int
    head_hash: str
    attachments: int = 0  # files whose content was read and found as attached


@dataclass(frozen=True, slots=True)
class Verification:
    """What verify read: per office, the chain and records found intact."""

    offices: list[OfficeChain] = field(default_factory=list)

    @property
    def events(self) -> int:
        return sum(o.events for o in self.offices)

    @property
    def recorded(self) -> int:
        return sum(o.recorded for o in self.offices)

    @property
    def attachments(self) -> int:
        return sum(o.attachments for o in self.offices)


def verify(runner: Runner) -> Verification:
    """Verify the register ``runner`` works on, in one read-only unit of work."""
    runner.check_schema()
    store = runner.store
    try:
        with store.unit_of_work(read_only=True) as uow:
            return verify_register(uow)
    except Exception as exc:
        found = store.translate(exc)
        if found is not None:
            raise found from exc
        raise


def backup(runner: Runner, target: Path) -> Verification:
    """Copy the SQLite register ``runner`` works on to the new file ``target``; verify the copy."""
    runner.check_schema()
    return backup_register(runner.store, target, runner.workflows)


def verify_register(uow: UnitOfWork) -> Verification:
    """Walk every office's chain and records; the first break raised as IntegrityBreakError."""
    report = Verification()
    for office_id in uow.events.chained_offices():
        office = uow.orgs.get(office_id) or Organization(office_id, f"#{office_id}", f"cơ quan #{office_id}")
        report.offices.append(_verify_office(uow, office))
    return report


def _verify_office(uow: UnitOfWork, office: Organization) -> OfficeChain:
    docs = {d.id: d for d in uow.documents.list(office.id, DocumentFilter(include_references=True))}
    records: dict[int, tuple[ChainedEvent, dict[str, Any]]] = {}
    last_state: dict[int, ChainedEvent] = {}
    attached: dict[int, tuple[ChainedEvent, dict[str, Any]]] = {}
    seen: list[ChainedEvent] = []

    def walk() -> Iterable[ChainedEvent]:
        for event in uow.events.chain(office.id):
            seen.append(event)
            doc_id = event.document_id
            if event.trigger == ATTACH and event.data:
                given = json.loads(event.data).get("attachment")
                if isinstance(given, dict) and isinstance(given.get("id"), int):
                    attached[given["id"]] = (event, given)
            if doc_id is not None:
                if event.data and '"record"' in event.data:
                    record = json.loads(event.data).get("record")
                    if isinstance(record, dict):
                        records[doc_id] = (event, record)
                if event.to_state is not None:
                    last_state[doc_id] = event
            yield event

    head = uow.events.head(office.id)
    broken, count = first_break(walk(), head)
    if broken is not None:
        raise IntegrityBreakError(
            _chain_message(office, broken, docs, head),
            hint="Đối chiếu với bản sao lưu gần nhất (vanban backup) để biết dữ liệu gốc; "
            "báo cho người quản trị cơ sở dữ liệu.",
        )
    recorded = 0
    for doc in docs.values():
        sealed = records.get(doc.id)
        if is_recorded(doc.direction.value, doc.number, doc.arrival_number, doc.reference_only):
            recorded += 1
            if sealed is None:
                raise IntegrityBreakError(
                    f"{_doc(doc)} đã {_recorded_word(doc)} nhưng không có sự kiện nào ghi lại bản ghi của nó "
                    "trong chuỗi: số hoặc số đến đã được ghi vào cơ sở dữ liệu ngoài vanban.",
                    hint="Đối chiếu với bản sao lưu gần nhất; báo cho người quản trị cơ sở dữ liệu.",
                )
        if sealed is not None:
            event, record = sealed
            changes = record_changes(record, record_of(doc))
            if changes:
                listing = "; ".join(
                    f"{FIELD_LABELS.get(name, name)}: «{_shown(before)}» → «{_shown(after)}»"
                    for name, before, after in changes
                )
                raise IntegrityBreakError(
                    f"{_doc(doc)} đã bị sửa ngoài vanban sau khi được ghi ở {_event(event)}: {listing}.",
                    hint="Giá trị bên trái là bản ghi gốc. Sai sót trong văn bản đã ban hành chỉ được "
                    "xử lý bằng đính chính, thay thế hoặc thu hồi.",
                )
        moved = last_state.get(doc.id)
        if moved is not None and doc.status != moved.to_state:
            raise IntegrityBreakError(
                f"{_doc(doc)} có trạng thái «{doc.status}» nhưng sự kiện cuối cùng chuyển nó sang "
                f"«{moved.to_state}» ({_event(moved)}): trạng thái đã bị sửa ngoài vanban.",
                hint="Đối chiếu với bản sao lưu gần nhất; báo cho người quản trị cơ sở dữ liệu.",
            )
    for doc_id, (event, _) in records.items():
        if doc_id not in docs:
            raise IntegrityBreakError(
                f"Văn bản #{doc_id} đã được ghi ở {_event(event)} nhưng không còn trong cơ sở dữ liệu.",
                hint="Đối chiếu với bản sao lưu gần nhất; báo cho người quản trị cơ sở dữ liệu.",
            )
    files = verify_attachments(uow, office, docs, attached)
    head_seq, head_hash = head if head is not None else (0, "")
    return OfficeChain(office, count, len(docs), recorded, head_seq, head_hash, files)


def verify_attachments(
    uow: UnitOfWork,
    office: Organization,
    docs: dict[int, Document],
    attached: dict[int, tuple[ChainedEvent, dict[str, Any]]],
) -> int:
    """Every file kept against the attach event that recorded it (document, name, size,
    SHA-256), and its content, read a piece at a time, against that SHA-256; the count read."""
    hint = "Lấy tệp gốc từ bản sao lưu gần nhất; báo cho người quản trị cơ sở dữ liệu."
    checked: dict[str, int] = {}
    files = 0
    for kept in uow.attachments.of_office(office.id):
        if not kept.stored:
            continue  # recorded by its hash at import: the import event names the file
        owner = docs.get(kept.document_id)
        where = f"tệp «{kept.name}» của " + (_doc(owner) if owner else f"văn bản #{kept.document_id}")
        files += 1
        found = attached.pop(kept.id, None)
        if found is None:
            raise IntegrityBreakError(
                f"Có {where} nhưng không có sự kiện đính kèm nào ghi nó: tệp được thêm ngoài vanban.",
                hint=hint,
            )
        event, given = found
        now = {"document": kept.document_id, "name": kept.name, "size": kept.size, "sha256": kept.sha256}
        then = {
            "document": event.document_id,
            "name": given.get("name"),
            "size": given.get("size"),
            "sha256": given.get("sha256"),
        }
        changed = [key for key in now if now[key] != then[key]]
        if changed:
            listing = "; ".join(f"{_ATTACHMENT_LABELS[k]}: «{then[k]}» → «{now[k]}»" for k in changed)
            raise IntegrityBreakError(
                f"{where[0].upper()}{where[1:]} đã bị đổi ngoài vanban sau khi được đính kèm ở "
                f"{_event(event)}: {listing}.",
                hint=hint,
            )
        if kept.sha256 not in checked:
            digest, size = hashlib.sha256(), 0
            for piece in uow.attachments.content(kept.sha256):
                digest.update(piece)
                size += len(piece)
            if digest.hexdigest() != kept.sha256 or size != kept.size:
                raise IntegrityBreakError(
                    f"Nội dung {where} không khớp mã SHA-256 ghi khi đính kèm ({_event(event)}): "
                    "tệp đã bị thay hoặc sửa ngoài vanban.",
                    hint=hint,
                )
            checked[kept.sha256] = size
    for event, given in attached.values():
        doc = docs.get(event.document_id or 0)
        about = f" của {_doc(doc)}" if doc is not None else ""
        raise IntegrityBreakError(
            f"Tệp «{given.get('name')}»{about} đã được đính kèm ở {_event(event)} nhưng không còn trong "
            "cơ sở dữ liệu.",
            hint=hint,
        )
    return files


ATTACH = "attach"
_ATTACHMENT_LABELS = {"document": "văn bản", "name": "tên tệp", "size": "dung lượng", "sha256": "SHA-256"}


def _chain_message(
    office: Organization, broken: ChainBreak, docs: dict[int, Document], head: tuple[int, str] | None
) -> str:
    where = f"Chuỗi lịch sử của {office.name}"
    event = broken.event
    if broken.what == "head" or event is None:
        stored = head[0] if head is not None else 0
        return (
            f"{where} dừng ở sự kiện thứ {broken.expected_seq - 1} nhưng đầu chuỗi ghi {stored}: "
            "các sự kiện cuối đã bị xóa, hoặc đầu chuỗi đã bị sửa."
        )
    about = f" của {_doc(docs[event.document_id])}" if event.document_id in docs else ""
    if broken.what == "missing":
        return (
            f"{where} thiếu sự kiện thứ {broken.expected_seq}–{(event.seq or 0) - 1} "
            f"(trước {_event(event)}{about}): sự kiện đã bị xóa."
        )
    if broken.what == "order":
        return f"{where} có hai sự kiện ở vị trí thứ {event.seq} ({_event(event)}{about})."
    if broken.what == "unsealed":
        return f"{where}: {_event(event)}{about} không có mã băm: được ghi vào cơ sở dữ liệu ngoài vanban."
    return (
        f"{where} bị đứt ở {_event(event)}{about}: nội dung sự kiện (người, thời điểm, thao tác, "
        "trạng thái, ghi chú hoặc dữ liệu) không khớp mã băm đã ghi, tức là đã bị sửa ngoài vanban."
    )


def _event(event: ChainedEvent) -> str:
    local = (event.at + _VIETNAM).strftime("%d/%m/%Y %H:%M")
    return f"sự kiện #{event.id} (thứ {event.seq}, «{event.trigger}» do {event.actor}, {local} giờ Việt Nam)"


def _doc(doc: Document) -> str:
    if doc.direction.value == "in" and doc.arrival_number is not None:
        return f"Văn bản đến {doc.label} (số đến {doc.arrival_number}, #{doc.id})"
    return f"Văn bản {doc.label} (#{doc.id})"


def _recorded_word(doc: Document) -> str:
    return "vào sổ" if doc.direction.value == "in" else "ban hành"


def _shown(value: Any) -> str:
    if value is None:
        return "trống"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "trống"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


SERVER_DUMPS = (
    "PostgreSQL: pg_dump -Fc -f vanban.dump postgresql://…/vanban; "
    "MariaDB: mariadb-dump --single-transaction --routines --triggers --hex-blob vanban > vanban.sql "
    "(xem README, mục «Sao lưu và kiểm tra»)."
)


def backup_register(store: Store, target: Path, workflows: Workflows) -> Verification:
    """Copy a SQLite register into the new file ``target`` (written beside it, then renamed, so
    that a failed copy leaves nothing) and verify the copy."""
    from vanban.office.service import Office

    if store.kind != "sqlite":
        raise RuleError(
            f"vanban backup sao chép tệp SQLite; cơ sở dữ liệu này chạy trên {store.kind}.",
            hint=f"Dùng công cụ sao lưu của máy chủ: {SERVER_DUMPS}",
        )
    target = target.expanduser()
    if target.is_dir():
        raise InputError(
            f"«{target}» là một thư mục, không phải tên tệp sao lưu.",
            hint=f"Cho tên tệp mới, ví dụ {target / 'vanban-sao-luu.sqlite'}.",
        )
    if target.exists() or target.is_symlink():
        raise InputError(
            f"Tệp «{target}» đã có; vanban không ghi đè lên một tệp có sẵn.",
            hint="Chọn tên tệp khác, hoặc tự xóa tệp cũ trước.",
        )
    folder = target.parent
    if not folder.is_dir():
        raise InputError(
            f"Thư mục «{folder}» không có (hoặc không phải thư mục).",
            hint="Tạo thư mục trước, hoặc chọn một thư mục có sẵn.",
        )
    partial = folder / f".{target.name}.{uuid.uuid4().hex[:8]}.partial"
    try:
        try:
            store.copy_to(partial)
        except OSError as exc:
            raise InputError(
                f"Không ghi được bản sao lưu vào «{target}»: {exc}.",
                hint="Kiểm tra quyền ghi và chỗ trống của thư mục, hoặc chọn thư mục khác.",
            ) from exc
        copy = Office(partial, workflows=workflows, prefix=store.prefix)
        try:
            report = copy.verify()
        finally:
            copy.close()
        os.replace(partial, target)
        return report
    finally:
        for leftover in (
            partial,
            *(partial.with_name(partial.name + suffix) for suffix in ("-wal", "-shm", "-journal")),
        ):
            if leftover.exists():
                leftover.unlink()
