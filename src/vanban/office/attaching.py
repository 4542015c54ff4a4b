"""Attachments: keep a file with a document (the scanned signed copy, the đính kèm files), list
them, and give one back checked against its SHA-256.

A file is read twice, a piece at a time: once before the transaction (its size, hash and kind,
so that a refusal costs the database nothing), once inside it to store the pieces, hashed again
(a file changed in between is refused). Attachments are only ever added, to drafts and recorded
documents alike: the attach event carries the SHA-256, which verify checks the content against.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from vanban.domain.attachments import (
    CHUNK_BYTES,
    DEFAULT_LIMIT,
    Attachment,
    check_content,
    clean_name,
    megabytes,
    too_big,
)
from vanban.domain.dates import moment
from vanban.domain.integrity import is_recorded
from vanban.domain.model import ROLE_LABELS, Document, Role, User
from vanban.domain.records import EventRecord
from vanban.errors import InputError, IntegrityBreakError, NotFoundError, PermissionDeniedError, RuleError
from vanban.office.documents import author_of
from vanban.office.inputs import year_of
from vanban.office.lifecycle import workflow_of
from vanban.office.ports import UnitOfWork
from vanban.office.roles import WRITE_ROLES, require
from vanban.office.runner import Runner
from vanban.office.steps import resolve

# A file given by its path, or a name and an open binary stream (an upload).
Source = str | os.PathLike[str] | tuple[str, BinaryIO]
# The clerk keeps the legal record (Nghị định 30): only văn thư attaches to a document issued
# or registered; a draft takes files from those who may edit it.
RECORDED_ROLES = frozenset({Role.VAN_THU})
MAX_FILES = 50


def attachment_limit() -> int:
    """The largest file accepted, in bytes: $VANBAN_ATTACHMENT_MB megabytes, else 20 MB."""
    given = os.environ.get("VANBAN_ATTACHMENT_MB", "").strip()
    if not given:
        return DEFAULT_LIMIT
    try:
        value = float(given.replace(",", "."))
    except ValueError:
        value = 0
    if not 0 < value <= 1024:
        raise InputError(
            f"VANBAN_ATTACHMENT_MB = «{given}» không phải một số megabyte hợp lệ.",
            hint="Ghi một số từ 1 đến 1024, ví dụ VANBAN_ATTACHMENT_MB=20.",
        )
    return int(value * 1024 * 1024)


@dataclass(slots=True)
class _File:
    """A file to attach, read once: its clean name, size, hash, and how to read it again."""

    name: str
    size: int
    sha256: str
    path: Path | None
    stream: BinaryIO | None

    def open(self) -> BinaryIO:
        if self.stream is not None:
            self.stream.seek(0)
            return self.stream
        assert self.path is not None
        return self.path.open("rb")

    def close(self, handle: BinaryIO) -> None:
        if self.stream is None:
            handle.close()


def _regular(path: Path) -> Path:
    """A path that names a regular file; a missing file, a folder or a device refused."""
    if not path.exists():
        raise InputError(f"Không có tệp «{path}».", hint="Kiểm tra đường dẫn (dùng Tab để gõ tên tệp).")
    if path.is_dir():
        raise InputError(
            f"«{path}» là một thư mục, không phải tệp.", hint="Ghi tên từng tệp, ví dụ thu-muc/ban-ky.pdf."
        )
    if not path.is_file():
        raise InputError(
            f"«{path}» không phải một tệp thường.", hint="Chỉ đính kèm tệp PDF, Word, Excel, ảnh."
        )
    return path


def _opened(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(
            f"Không đọc được tệp «{path}»: {exc.strerror or exc}.",
            hint="Kiểm tra quyền đọc tệp (hoặc chép tệp sang thư mục của bạn).",
        ) from exc


def _spooled(stream: BinaryIO) -> BinaryIO:
    """A stream that can be read again: itself when seekable, else a copy (in memory up to a
    piece, then on disk)."""
    if stream.seekable():
        stream.seek(0)
        return stream
    copy = tempfile.SpooledTemporaryFile(max_size=CHUNK_BYTES)  # noqa: SIM115 - closed with the upload
    while piece := stream.read(CHUNK_BYTES):
        copy.write(piece)
    copy.seek(0)
    return copy  # type: ignore[return-value]


def _read(source: Source, name: str | None, limit: int) -> _File:
    """Name, size, SHA-256 and kind of one file, read a piece at a time; refused when too big."""
    if isinstance(source, tuple):
        given, stream = source
        clean = clean_name(name or given)
        handle, path, kept = _spooled(stream), None, True
    else:
        path = _regular(Path(os.fspath(source)).expanduser())
        clean = clean_name(name or path.name)
        size = path.stat().st_size
        if size > limit:
            raise too_big(clean, size, limit)
        handle, kept = _opened(path), False
    try:
        digest, size, head = hashlib.sha256(), 0, b""
        while piece := handle.read(CHUNK_BYTES):
            if not head:
                head = piece[:16]
            size += len(piece)
            if size > limit:
                raise too_big(clean, size, limit)
            digest.update(piece)
    except OSError as exc:
        raise InputError(f"Không đọc được tệp «{clean}»: {exc.strerror or exc}.") from exc
    finally:
        if not kept:
            handle.close()
    if size == 0:
        raise InputError(f"Tệp «{clean}» rỗng (0 byte).", hint="Kiểm tra lại tệp, hoặc quét lại văn bản.")
    check_content(clean, head)
    return _File(clean, size, digest.hexdigest(), path, handle if kept else None)


def _store(uow: UnitOfWork, file: _File) -> None:
    """Keep the file's content, one piece per statement, unless the same content is kept already;
    a file that changed since it was first read is refused."""
    if uow.attachments.stored(file.sha256) is not None:
        return
    handle = file.open()
    try:
        digest, seq = hashlib.sha256(), 0
        while piece := handle.read(CHUNK_BYTES):
            digest.update(piece)
            uow.attachments.put(file.sha256, [(seq, piece)])
            seq += 1
    finally:
        file.close(handle)
    if digest.hexdigest() != file.sha256:
        raise InputError(
            f"Tệp «{file.name}» đã thay đổi trong khi đang được đính kèm.",
            hint="Đợi chương trình quét hoặc lưu tệp xong rồi đính kèm lại.",
        )


def _may_attach(uow: UnitOfWork, user: User, runner: Runner, doc: Document) -> None:
    """Who may attach: those who write, only văn thư once the document is recorded, and on a
    draft those who may edit it (its author or the workflow's editors)."""
    require(user, WRITE_ROLES, "đính kèm tệp")
    if is_recorded(doc.direction.value, doc.number, doc.arrival_number, doc.reference_only):
        if not user.has_any(RECORDED_ROLES):
            raise PermissionDeniedError(
                f"{doc.label} đã ban hành hoặc vào sổ: chỉ văn thư đính kèm tệp vào văn bản này.",
                hint="Nhờ văn thư đính kèm bản quét (vanban attach).",
            )
        return
    wf = workflow_of(runner.workflows, doc)
    if wf is None or user.has_any(wf.editors) or user.login == author_of(uow, doc):
        return
    raise PermissionDeniedError(
        f"Chỉ người soạn {doc.label} hoặc {', '.join(ROLE_LABELS[r] for r in sorted(wf.editors))} "
        "mới đính kèm tệp vào dự thảo này.",
        hint="Nhờ người soạn hoặc văn thư đính kèm.",
    )


def attach(
    runner: Runner,
    ref: str | int,
    sources: Sequence[Source],
    *,
    name: str | None = None,
    year: int | None = None,
    limit: int | None = None,
) -> list[Attachment]:
    """Keep files with a document, all or none; each refused when too big, empty, not of an
    accepted kind or named like a path, or when the document already has a file of that name."""
    year = year_of(year)
    sources = list(sources)
    if not sources:
        raise InputError("Chưa chọn tệp nào để đính kèm.", hint="Ví dụ: vanban attach 90/KH-UBND ban-ky.pdf")
    if len(sources) > MAX_FILES:
        raise InputError(
            f"Có {len(sources)} tệp, mỗi lần đính kèm tối đa {MAX_FILES}.", hint="Chia làm nhiều lần."
        )
    if name is not None and len(sources) > 1:
        raise InputError("--name chỉ dùng khi đính kèm một tệp.", hint="Đính kèm từng tệp một để đặt tên.")
    cap = limit if limit is not None else attachment_limit()
    files = [_read(source, name, cap) for source in sources]
    _no_twins(files)

    def work(uow: UnitOfWork, user: User) -> list[Attachment]:
        doc = resolve(uow, user, ref, year)
        if doc.reference_only:
            raise RuleError(
                f"{doc.label} chỉ là văn bản được dẫn chiếu, cơ quan không giữ nó: không đính kèm tệp được.",
                hint="Vào sổ văn bản (vanban receive hoặc vanban import) trước, rồi đính kèm.",
            )
        _may_attach(uow, user, runner, doc)
        held = uow.attachments.for_document(doc.id)
        for file in files:
            for kept in held:
                if kept.name == file.name:
                    raise RuleError(
                        f"{doc.label} đã có tệp «{kept.name}» ({_who(kept)}).",
                        hint="Tệp đã đính kèm không bị thay thế; đặt tên khác cho tệp mới bằng --name.",
                    )
                if kept.sha256 == file.sha256 and kept.stored:
                    raise RuleError(
                        f"Tệp «{file.name}» đã được đính kèm vào {doc.label} với tên «{kept.name}».",
                        hint=f"Xem: vanban attachments {doc.id}",
                    )
        added = []
        for file in files:
            _store(uow, file)
            attachment_id = uow.attachments.add(
                doc.id, file.name, file.sha256, size=file.size, by=user.login, at=uow.now
            )
            uow.events.add(
                EventRecord(
                    doc.office_id,
                    user.login,
                    "attach",
                    doc.id,
                    doc.status,
                    doc.status,
                    file.name,
                    {
                        "attachment": {
                            "id": attachment_id,
                            "name": file.name,
                            "size": file.size,
                            "sha256": file.sha256,
                        }
                    },
                )
            )
            added.append(
                Attachment(attachment_id, doc.id, file.name, file.sha256, file.size, user.login, uow.now)
            )
        return added

    return runner.write(work)


def _no_twins(files: Iterable[_File]) -> None:
    seen: dict[str, str] = {}
    for file in files:
        if file.name in seen:
            raise InputError(f"Tệp «{file.name}» được chọn hai lần.", hint="Mỗi tên tệp chỉ một lần.")
        seen[file.name] = file.sha256


def _who(kept: Attachment) -> str:
    if kept.added_by is None or kept.added_at is None:
        return "ghi khi nhập văn bản"
    return f"{kept.added_by} đính kèm lúc {moment(kept.added_at)}"


def attachments(runner: Runner, ref: str | int, *, year: int | None = None) -> list[Attachment]:
    """The files kept with a document, in the order they were added."""
    year = year_of(year)
    return runner.read(lambda uow, user: uow.attachments.for_document(resolve(uow, user, ref, year).id))


def _named(held: list[Attachment], label: str, name: str) -> Attachment:
    import unicodedata

    wanted = unicodedata.normalize("NFC", name).strip()
    for kept in held:
        if kept.name == wanted:
            return kept
    folded = [kept for kept in held if kept.name.casefold() == wanted.casefold()]
    if len(folded) == 1:
        return folded[0]
    names = ", ".join(f"«{kept.name}»" for kept in held) or "không có tệp nào"
    raise NotFoundError(
        f"{label} không có tệp «{wanted}».",
        hint=f"Các tệp của văn bản: {names}.",
    )


def write_attachment(
    runner: Runner, ref: str | int, name: str, out: BinaryIO, *, year: int | None = None
) -> Attachment:
    """Write a document's file to ``out`` a piece at a time, checking it against its SHA-256 and
    size as it goes: a content changed in the database is refused (IntegrityBreakError), whatever
    was written to ``out`` then is not the file."""
    year = year_of(year)

    def work(uow: UnitOfWork, user: User) -> Attachment:
        doc = resolve(uow, user, ref, year)
        kept = _named(uow.attachments.for_document(doc.id), doc.label, name)
        if not kept.stored:
            raise RuleError(
                f"Tệp «{kept.name}» của {doc.label} chỉ được ghi tên và mã băm khi nhập văn bản; "
                "nội dung không được lưu.",
                hint=f"Tệp gốc có SHA-256 {kept.sha256}: đối chiếu với tệp bạn đang giữ.",
            )
        digest, size = hashlib.sha256(), 0
        for piece in uow.attachments.content(kept.sha256):
            digest.update(piece)
            size += len(piece)
            out.write(piece)
        if digest.hexdigest() != kept.sha256 or size != kept.size:
            raise IntegrityBreakError(
                f"Nội dung tệp «{kept.name}» của {doc.label} không khớp mã SHA-256 đã ghi khi đính kèm "
                f"({megabytes(size)} thay vì {megabytes(kept.size or 0)}): tệp đã bị thay ngoài vanban.",
                hint="Chạy vanban verify; lấy tệp từ bản sao lưu gần nhất.",
            )
        return kept

    return runner.read(work)
