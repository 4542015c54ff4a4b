"""The unit of work: one transaction, its repositories, commit or roll back as a whole."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, TypeVar, overload

from sqlalchemy import Connection, Engine, RootTransaction
from sqlalchemy.engine import NestedTransaction
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import PoolProxiedConnection

from vanban.domain.model import Organization, utc_now
from vanban.errors import VanbanError
from vanban.store.attachments import AttachmentRepository
from vanban.store.auth import AuthRepository
from vanban.store.documents import DocumentRepository
from vanban.store.engine import (
    READ_ONLY,
    begin_transaction,
    give_back,
    is_conflict,
    is_transient,
    join_transaction,
    release_spare,
    take_connection,
    translate,
)
from vanban.store.events import EventRepository
from vanban.store.links import AssignmentRepository, LinkRepository, OutcomeRepository
from vanban.store.orgs import OrganizationRepository, UnitRepository, UserRepository
from vanban.store.prepared import Driver
from vanban.store.queries import GraphQueries, StatusQueries
from vanban.store.search_query import SearchQueries
from vanban.store.series import SeriesRepository

R = TypeVar("R")


class _made_once(Generic[R]):
    """A repository made when first asked for, then kept as a plain attribute of the instance.

    functools.cached_property takes a lock on every first access in Python 3.11: four of them
    were a visible part of a registration.
    """

    def __init__(self, make: Callable[[UnitOfWork], R]) -> None:
        self.make = make
        self.name = make.__name__

    @overload
    def __get__(self, instance: None, owner: type) -> _made_once[R]: ...
    @overload
    def __get__(self, instance: UnitOfWork, owner: type) -> R: ...
    def __get__(self, instance: UnitOfWork | None, owner: type) -> R | _made_once[R]:
        if instance is None:
            return self
        made = instance.__dict__[self.name] = self.make(instance)
        return made


class UnitOfWork:
    """``with UnitOfWork(engine) as uow: …; uow.commit()`` — anything not committed is rolled back.

    The transaction is opened on the pooled driver connection itself: the statements of the
    numbering hot path run there (``uow.driver``), and a SQLAlchemy ``Connection`` over the same
    driver connection, in the same transaction, is made only when something asks for
    ``uow.conn``. A registration so pays for no Connection, no transaction object and no event
    dispatch; on SQLite not even for the pool (engine.take_connection: a thread keeps its
    connection between units of work).
    """

    office: Organization | None  # the acting user's office, once looked up
    # A receipt's sender looked up with the user: the organizations named, each with the id of
    # the document of the received code it holds (None when not looked up that way).
    senders: list[tuple[Organization, int | None]] | None
    driver: Driver  # the pooled driver connection, in this unit of work's transaction

    def __init__(self, bind: Engine | Connection, *, read_only: bool = False) -> None:
        self._host: Connection | None = None
        if isinstance(bind, Connection):
            self._host = bind
            bind = bind.engine
        self.engine = bind
        # On a host's connection: the SAVEPOINT inside its transaction, or a transaction of our own.
        self._host_transaction: NestedTransaction | RootTransaction | None = None
        self.office = None
        self.senders = None
        self.channel: str | None = None
        self.read_only = read_only
        self.chain_head: tuple[int, int, str] | None = None
        self._conn: Connection | None = None
        self._pooled: PoolProxiedConnection | None = None
        self._spare = False  # whether the connection goes back to the thread rather than the pool
        self._open = False
        self._now: datetime | None = None

    def __enter__(self) -> UnitOfWork:
        if self._host is not None:
            return self._enter_host(self._host)
        dialect = self.engine.dialect
        try:
            pooled, self._spare = take_connection(self.engine)
        except dialect.loaded_dbapi.Error as exc:
            raise DBAPIError.instance(None, None, exc, dialect.loaded_dbapi.Error, dialect=dialect) from exc
        self._pooled = pooled
        self._open = True
        self.driver = Driver(dialect, pooled.dbapi_connection, self._invalidate)
        try:
            begin_transaction(dialect.name, self.driver.dbapi, read_only=self.read_only)
        except dialect.loaded_dbapi.Error as exc:
            error = self.driver.error(exc, "BEGIN", None)
            self._open = False
            self._release()
            raise error from exc
        return self

    def _enter_host(self, host: Connection) -> UnitOfWork:
        dialect = host.dialect
        if host.in_transaction():
            # The host's transaction: never committed here, never begun again (no BEGIN IMMEDIATE
            # on SQLite: the host holds whatever lock it took).
            join_transaction(host)
            if not self.read_only:
                self._host_transaction = host.begin_nested()
        else:
            self._host_transaction = host.begin()
            dbapi_connection = host.connection.dbapi_connection
            if dialect.name == "sqlite" and not dbapi_connection.in_transaction:  # type: ignore[union-attr]
                begin_transaction(dialect.name, dbapi_connection, read_only=self.read_only)
        self._conn = host
        self._open = True
        self.driver = Driver(dialect, host.connection.dbapi_connection, self._invalidate)
        return self

    # Each repository is made when first asked for: a registration uses four of the ten.
    @_made_once
    def orgs(self) -> OrganizationRepository:
        return OrganizationRepository(self)

    @_made_once
    def units(self) -> UnitRepository:
        return UnitRepository(self)

    @_made_once
    def users(self) -> UserRepository:
        return UserRepository(self)

    @_made_once
    def documents(self) -> DocumentRepository:
        return DocumentRepository(self)

    @_made_once
    def series(self) -> SeriesRepository:
        return SeriesRepository(self)

    @_made_once
    def events(self) -> EventRepository:
        return EventRepository(self)

    @_made_once
    def links(self) -> LinkRepository:
        return LinkRepository(self)

    @_made_once
    def assignments(self) -> AssignmentRepository:
        return AssignmentRepository(self)

    @_made_once
    def outcomes(self) -> OutcomeRepository:
        return OutcomeRepository(self)

    @_made_once
    def attachments(self) -> AttachmentRepository:
        return AttachmentRepository(self)

    @property
    def graph(self) -> GraphQueries:
        """The link-graph read model (made when first asked for: registrations never do)."""
        return GraphQueries(self)

    @property
    def status(self) -> StatusQueries:
        """The leadership view's read model."""
        return StatusQueries(self)

    @property
    def search(self) -> SearchQueries:
        """The full-text search index."""
        return SearchQueries(self)

    @property
    def auth(self) -> AuthRepository:
        """The sign-in records (made when first asked for)."""
        return AuthRepository(self)

    @property
    def now(self) -> datetime:
        """The time of this unit of work: the events and rows it writes carry it."""
        now = self._now
        if now is None:
            now = self._now = utc_now()
        return now

    @property
    def conn(self) -> Connection:
        """A SQLAlchemy Connection in this unit of work's transaction, made on first use."""
        if self._conn is None:
            if not self._open:
                raise RuntimeError("the unit of work has ended")
            conn = Connection(self.engine, connection=self._pooled)
            if self.read_only:
                conn = conn.execution_options(**{READ_ONLY: True})
            self._conn = conn
        return self._conn

    def commit(self) -> None:
        if "events" in self.__dict__:  # the events repository was made: it may hold events
            self.events.flush()
        if self._host is not None:
            if self._host_transaction is not None:
                self._host_transaction.commit()  # RELEASE SAVEPOINT inside the host's transaction
            self._open = False
            return
        conn = self._conn
        if conn is not None and conn.in_transaction():
            conn.commit()  # SQLAlchemy commits the driver connection and forgets its transaction
        else:
            self.driver.dbapi.commit()
        self._open = False

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._pooled is None and self._host is None:
            return  # the connection was invalidated and has gone back to the pool already
        try:
            if self._open:
                if self.read_only and exc_type is None:
                    # Nothing was written; COMMIT rather than ROLLBACK because psycopg forgets
                    # its prepared statements on ROLLBACK (about 1 ms a status on PostgreSQL).
                    self.commit()
                else:
                    self._rollback()
        finally:
            self._release()

    def _rollback(self) -> None:
        self._open = False
        if self._host is not None:
            if self._host_transaction is not None and self._host_transaction.is_active:
                self._host_transaction.rollback()  # to the SAVEPOINT: the host's own work stays
            return
        conn = self._conn
        if conn is not None and conn.in_transaction():
            conn.rollback()
            return
        try:
            self.driver.dbapi.rollback()
        except Exception as exc:
            # A connection that cannot even roll back is no use to the next unit of work.
            self._invalidate(exc)

    def _release(self) -> None:
        self.driver.close()
        if self._host is not None:
            self._conn = None  # the connection is the host's: it stays open
            self._host_transaction = None
            return
        conn, pooled = self._conn, self._pooled
        self._conn = None
        self._pooled = None
        if conn is not None:
            conn.close()  # returns the pooled connection with it
        elif pooled is not None:
            if self._spare:
                give_back(self.engine, pooled)
            else:
                pooled.close()

    def _invalidate(self, exc: BaseException | None) -> None:
        """Discard the driver connection (the server dropped it); the pool opens a new one."""
        self._open = False
        if self._host is not None:
            self._host.invalidate(exc)  # the host's transaction is lost with it: the host sees why
            return
        if self._conn is not None:
            self._conn.invalidate(exc)
            self._conn.close()
            self._conn = None
        elif self._pooled is not None:
            self._pooled.invalidate(exc)
        self._pooled = None

    def __repr__(self) -> str:
        state: Any = "open" if self._open else "ended"
        return f"<UnitOfWork {state} on {self.engine.dialect.name}>"


def in_host_transaction(bind: Engine | Connection) -> bool:
    """Whether work on ``bind`` runs inside a transaction its host holds (and so is never retried:
    the host's own work in it is gone with a deadlock, and only the host can run it all again)."""
    return isinstance(bind, Connection) and bind.in_transaction()


class SqlStore:
    """The store of ``office.ports`` over a SQLAlchemy Engine, or a host's Connection.

    ``owns_engine``: vanban made the engine (from a path or URL) and disposes of it on close;
    a host's Engine or Connection is left open.
    """

    def __init__(self, bind: Engine | Connection, *, owns_engine: bool = False) -> None:
        from vanban.store.migrate import HEAD

        self.bind = bind
        self.engine: Engine = bind.engine
        self.owns_engine = owns_engine
        self.head = HEAD

    def unit_of_work(self, *, read_only: bool = False) -> UnitOfWork:
        return UnitOfWork(self.bind, read_only=read_only)

    def revision(self) -> str | None:
        from vanban.store.migrate import current_revision

        return current_revision(self.bind)

    def upgrade(self) -> None:
        from vanban.store.migrate import upgrade

        upgrade(self.bind)

    def is_transient(self, exc: BaseException) -> bool:
        return is_transient(exc)

    def is_conflict(self, exc: BaseException) -> bool:
        return is_conflict(exc)

    def in_host_transaction(self) -> bool:
        return in_host_transaction(self.bind)

    def translate(self, exc: BaseException) -> VanbanError | None:
        return translate(exc)

    @property
    def kind(self) -> str:
        return self.engine.dialect.name

    @property
    def prefix(self) -> str | None:
        from vanban.store.tables import names_of

        return names_of(self.engine.dialect).prefix or None

    def copy_to(self, target: Path) -> None:
        from vanban.store.backup import copy_sqlite

        copy_sqlite(self.engine, target)

    def close(self) -> None:
        release_spare(self.engine)
        if self.owns_engine:
            self.engine.dispose()

    def __repr__(self) -> str:
        return f"<SqlStore {self.engine.url!r}>"
