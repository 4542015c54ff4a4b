"""Attachments and their content (Core, no ORM): the files kept with documents, content-addressed.

Rows are only ever added here (the database refuses anything else, migration 0008). Content is
written and read one piece (domain.attachments.CHUNK_BYTES) per statement: no engine is asked
for a whole file in one packet, and no whole file is held in memory.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import BindParameter, Connection, Integer, bindparam, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from vanban.domain.attachments import Attachment
from vanban.store.tables import attachment_chunks, attachments, documents

if TYPE_CHECKING:
    from vanban.store.uow import UnitOfWork

_COLUMNS = (
    attachments.c.id,
    attachments.c.document_id,
    attachments.c.file_name,
    attachments.c.sha256,
    attachments.c.size,
    attachments.c.added_by,
    attachments.c.added_at,
)


_SEQ: BindParameter[int] = bindparam("seq", type_=Integer)


def _attachment(row: Any) -> Attachment:
    return Attachment(*row)


def _put_statement(dialect: str) -> Any:
    """An insert of pieces that passes over those already kept, in each engine's words."""
    if dialect == "postgresql":
        return postgresql.insert(attachment_chunks).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite.insert(attachment_chunks).on_conflict_do_nothing()
    # MariaDB has no DO NOTHING, and ON DUPLICATE KEY UPDATE would fire the trigger that refuses
    # any update of a kept piece (migration 0008). IGNORE passes over the duplicate key; the other
    # faults it would turn into warnings (a value too long, a NULL) cannot come from these rows:
    # a piece is at most CHUNK_BYTES against MEDIUMBLOB's 16 MB, and never NULL.
    return insert(attachment_chunks).prefix_with("IGNORE")


class AttachmentRepository:
    """The files a document came from or carries: name, size and SHA-256; their content by hash."""

    __slots__ = ("_uow",)

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    @property
    def conn(self) -> Connection:
        return self._uow.conn

    def add(
        self,
        document_id: int,
        file_name: str,
        sha256: str,
        *,
        size: int | None = None,
        by: str | None = None,
        at: datetime | None = None,
    ) -> int:
        """Record a file of a document (its content, when kept, put first with ``put``); its id."""
        result = self.conn.execute(
            insert(attachments).values(
                document_id=document_id,
                file_name=file_name,
                sha256=sha256,
                size=size,
                added_by=by,
                added_at=at,
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def for_document(self, document_id: int) -> builtins.list[Attachment]:
        """A document's files, in the order they were added."""
        rows = self.conn.execute(
            select(*_COLUMNS).where(attachments.c.document_id == document_id).order_by(attachments.c.id)
        )
        return [_attachment(r) for r in rows]

    def of_office(self, office_id: int) -> builtins.list[Attachment]:
        """Every file kept with the documents of an office, in the order they were added."""
        rows = self.conn.execute(
            select(*_COLUMNS)
            .join(documents, documents.c.id == attachments.c.document_id)
            .where(documents.c.office_id == office_id)
            .order_by(attachments.c.id)
        )
        return [_attachment(r) for r in rows]

    def stored(self, sha256: str) -> int | None:
        """How many pieces of this content are kept (None: none)."""
        count = self.conn.execute(
            select(func.count()).select_from(attachment_chunks).where(attachment_chunks.c.sha256 == sha256)
        ).scalar_one()
        return int(count) or None

    def put(self, sha256: str, pieces: Sequence[tuple[int, bytes]]) -> None:
        """Keep pieces (seq, bytes) of a content. A piece another transaction kept since this one
        looked (``stored``: two clerks attaching the same scan at once) is left as it is: its
        bytes are these, the content being named by their SHA-256."""
        if pieces:
            self.conn.execute(
                _put_statement(self.conn.dialect.name),
                [{"sha256": sha256, "seq": s, "data": d} for s, d in pieces],
            )

    def content(self, sha256: str) -> Iterator[bytes]:
        """A content's pieces in order, each read by a statement of its own."""
        query = select(attachment_chunks.c.data).where(
            attachment_chunks.c.sha256 == sha256, attachment_chunks.c.seq == _SEQ
        )
        seq = 0
        while True:
            data = self.conn.execute(query, {"seq": seq}).scalar()
            if data is None:
                return
            yield bytes(data)
            seq += 1
