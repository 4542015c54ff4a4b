"""The unit of work: one transaction, its repositories, commit or roll back as a whole."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Connection, Engine

from vanban.domain.model import Organization
from vanban.store.engine import READ_ONLY
from vanban.store.repository import (
    AssignmentRepository,
    AttachmentRepository,
    DocumentRepository,
    EventRepository,
    LinkRepository,
    OrganizationRepository,
    OutcomeRepository,
    SeriesRepository,
    UnitRepository,
    UserRepository,
)


class UnitOfWork:
    """``with UnitOfWork(engine) as uow: …; uow.commit()`` — anything not committed is rolled back."""

    conn: Connection
    office: Organization | None  # the acting user's office, once looked up

    def __init__(self, engine: Engine, *, read_only: bool = False) -> None:
        self.engine = engine
        self.office = None
        self.read_only = read_only
        self._committed = False

    def __enter__(self) -> UnitOfWork:
        conn = self.engine.connect()
        if self.read_only:
            conn = conn.execution_options(**{READ_ONLY: True})
        self.conn = conn
        self._tx = conn.begin()
        self.orgs = OrganizationRepository(conn)
        self.units = UnitRepository(conn)
        self.users = UserRepository(conn)
        self.documents = DocumentRepository(conn)
        self.series = SeriesRepository(conn)
        self.events = EventRepository(conn)
        self.links = LinkRepository(conn)
        self.assignments = AssignmentRepository(conn)
        self.outcomes = OutcomeRepository(conn)
        self.attachments = AttachmentRepository(conn)
        return self

    def commit(self) -> None:
        self.events.flush()
        self._tx.commit()
        self._committed = True

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._tx.is_active:
                if self.read_only and exc_type is None:
                    # Nothing was written; COMMIT rather than ROLLBACK because psycopg forgets
                    # its prepared statements on ROLLBACK (about 1 ms a status on PostgreSQL).
                    self._tx.commit()
                else:
                    self._tx.rollback()
        finally:
            self.conn.close()
