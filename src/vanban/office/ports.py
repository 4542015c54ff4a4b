"""What the use cases need from a store, as protocols: the unit of work, its repositories and
the read models. ``vanban.store`` implements them over SQLAlchemy; ``office.bootstrap`` wires it.

Nothing here names a database: a use case holds a :class:`UnitOfWork` and calls these methods,
never a Connection or a line of SQL.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Protocol

from vanban.domain.attachments import Attachment
from vanban.domain.figures import Figure
from vanban.domain.integrity import ChainedEvent
from vanban.domain.model import (
    Assignment,
    Direction,
    Document,
    Event,
    Link,
    LinkKind,
    Organization,
    Outcome,
    Role,
    SeriesState,
    Unit,
    User,
)
from vanban.domain.records import NO_SIGNATURE, Allocation, DocumentEdit, EventRecord, NewDocument, Signature
from vanban.domain.search import Query
from vanban.errors import VanbanError
from vanban.office.queries import DocumentFilter, HistoryRows, StatusFilter, StatusItem

# ---------------------------------------------------------------------------------------------
# Query shapes (plain values: the use cases build them, the store reads them)


# The role of a link row a trace walks: it leaves an upstream document, reaches a downstream
# one, or is a report's reporting link (final or interim).
UP, DOWN, REPORT = 0, 1, 2

# A receipt's sender as typed, the code it sent, the code's year.
Sender = tuple[str, str, int]
# An organization named by a person's text, with the id of the document of a code it issued
# that the office holds (None when it holds none).
Holding = tuple[Organization, int | None]

# ---------------------------------------------------------------------------------------------
# Repositories


class Organizations(Protocol):
    def add(
        self,
        code: str,
        name: str,
        *,
        parent_name: str | None = None,
        place: str | None = None,
        madinhdanh: str | None = None,
        own: bool = False,
    ) -> Organization: ...
    def set_numbering(self, org_id: int, policy: str) -> None: ...
    def get(self, org_id: int) -> Organization | None: ...
    def find(self, text: str) -> builtins.list[Organization]:
        """Organizations whose code (any case), name or mã định danh is ``text``."""
        ...

    def find_holding(self, text: str, office_id: int, code: str, year: int) -> builtins.list[Holding]:
        """As find, each with the document of ``code`` of ``year`` (or year-less) the office holds."""
        ...

    def holding(self, issuer_id: int, office_id: int, code: str, year: int) -> int | None:
        """The id of the document of ``code`` from ``issuer_id`` the office holds for ``year``
        (or cites with no year), if any."""
        ...

    def by_code_and_name(self, code: str, name: str) -> Organization | None: ...
    def list(self, *, own: bool | None = None) -> builtins.list[Organization]: ...


class Units(Protocol):
    def add(self, office_id: int, code: str, name: str) -> Unit: ...
    def get(self, office_id: int, code: str) -> Unit | None:
        """The unit of that code, whatever its case."""
        ...

    def list(self, office_id: int) -> builtins.list[Unit]: ...


class Users(Protocol):
    def add(
        self, login: str, full_name: str, roles: Iterable[Role], office_id: int, title: str | None = None
    ) -> User: ...
    def set_title(self, user_id: int, title: str | None) -> None:
        """Write a user's chức vụ (None: none)."""
        ...

    def get(self, login: str) -> User | None: ...
    def with_office(self, login: str | None) -> tuple[User, Organization] | None:
        """The user (by login, else the first admin) and its office."""
        ...

    def with_office_and_senders(
        self, login: str, sender: str, code: str, year: int
    ) -> tuple[User, Organization, builtins.list[Holding]] | None:
        """with_office, and what find_holding gives for the sender, in one look-up."""
        ...

    def list(self, office_id: int) -> builtins.list[User]: ...


class Documents(Protocol):
    def add(self, new: NewDocument) -> int:
        """Insert a new document; its id."""
        ...

    def move(
        self,
        doc_id: int,
        status: str,
        *,
        allocation: Allocation | None = None,
        signature: Signature = NO_SIGNATURE,
    ) -> None:
        """Put a document in ``status``, with the number (or số đến) and the signer given."""
        ...

    def edit(self, doc_id: int, changes: DocumentEdit) -> None:
        """Change a document's descriptive fields."""
        ...

    def replace(self, doc_id: int, new: NewDocument) -> None:
        """Write a new document's values over a reference-only one of the same code."""
        ...

    def get(self, doc_id: int) -> Document | None: ...
    def get_many(self, ids: Iterable[int]) -> dict[int, Document]: ...
    def by_code(self, office_id: int, code: str, year: int | None = None) -> builtins.list[Document]: ...
    def held_or_cited(self, office_id: int, issuer_id: int, year: int, code: str) -> Document | None:
        """The document of that code held for ``year``, else a year-less reference to it."""
        ...

    def cited_by_title(self, office_id: int, title: str, on: date) -> Document | None:
        """The reference-only document of an act cited by name and date, without a code."""
        ...

    def numbered(
        self, office_id: int, direction: Direction, year: int, key: str, number: int
    ) -> Document | None:
        """The document of the office that took ``number`` in a series (for incoming ones, the số
        đến of ``year``), if one holds it."""
        ...

    def beside(
        self, office_id: int, year: int, key: str, number: int
    ) -> tuple[Document | None, Document | None]:
        """The office's outgoing documents of the series ``key`` of ``year`` numbered nearest
        below and nearest above ``number`` (None where there is none)."""
        ...

    def list(self, office_id: int, flt: DocumentFilter) -> builtins.list[Document]: ...
    def max_number(self, issuer_id: int, year: int, series_key: str) -> int: ...
    def max_arrival_number(self, office_id: int, year: int) -> int:
        """The highest số đến given in ``year`` (0 when none)."""
        ...

    def in_period(
        self, office_id: int, direction: Direction, start: date, end: date, *, by_arrival: bool = False
    ) -> builtins.list[Document]: ...


class Series(Protocol):
    def lock(self, office_id: int, year: int, key: str) -> SeriesState | None:
        """The counter row, locked until the end of the transaction; None when there is none."""
        ...

    def take(self, office_id: int, year: int, key: str, on: date) -> int | SeriesState | None:
        """The next number dated ``on``; the state when ``on`` is before the last date; None
        when the series has no row yet."""
        ...

    def create(self, office_id: int, year: int, key: str, last_number: int = 0) -> None: ...
    def advance(self, office_id: int, year: int, key: str, number: int, on: date | None) -> None: ...
    def set_last(self, office_id: int, year: int, key: str, last_number: int) -> None: ...
    def list(self, office_id: int, year: int | None = None) -> builtins.list[SeriesState]: ...


class Events(Protocol):
    """Append-only: there is no update or delete."""

    def add(self, event: EventRecord) -> None:
        """Record an event at the unit of work's time (written at the latest on commit)."""
        ...

    def for_document(self, document_id: int) -> builtins.list[Event]: ...
    def for_office(self, office_id: int, *, documentless: bool = False) -> builtins.list[Event]: ...
    def with_triggers(self, office_id: int, triggers: Sequence[str]) -> builtins.list[Event]:
        """The office's events fired by these triggers, in order."""
        ...

    def chain(self, office_id: int) -> Iterator[ChainedEvent]:
        """The office's events in the order of its hash chain, as verify reads them."""
        ...

    def head(self, office_id: int) -> tuple[int, str] | None:
        """The office's chain head as stored (last seq, last hash); None when it has none."""
        ...

    def chained_offices(self) -> builtins.list[int]:
        """The offices that have a hash chain (a head or events)."""
        ...


class Links(Protocol):
    def add(self, from_id: int, to_id: int, kind: LinkKind) -> bool:
        """Add the link; False when it was already there."""
        ...

    def has_incoming(self, doc_id: int) -> bool: ...
    def exists(self, from_id: int, to_id: int, kind: LinkKind | None = None) -> bool: ...
    def outgoing(self, ids: Sequence[int]) -> builtins.list[Link]: ...
    def incoming(self, ids: Sequence[int]) -> builtins.list[Link]: ...


class Assignments(Protocol):
    def add(
        self,
        document_id: int,
        *,
        lead: str,
        support: Sequence[str],
        deadline: date | None,
        note: str | None,
        by: str,
    ) -> None: ...
    def for_document(self, document_id: int) -> builtins.list[Assignment]: ...


class Outcomes(Protocol):
    def add(self, document_id: int, text: str, figure: Figure | None, on: date | None) -> int: ...
    def report(self, outcome_id: int, report_id: int) -> None: ...
    def for_documents(self, ids: Sequence[int]) -> builtins.list[Outcome]: ...
    def unreported_for(self, document_ids: Sequence[int]) -> builtins.list[int]: ...


class Attachments(Protocol):
    """Files kept with documents (only ever added) and their content by SHA-256, in pieces."""

    def add(
        self,
        document_id: int,
        file_name: str,
        sha256: str,
        *,
        size: int | None = None,
        by: str | None = None,
        at: datetime | None = None,
    ) -> int: ...
    def for_document(self, document_id: int) -> builtins.list[Attachment]: ...
    def of_office(self, office_id: int) -> builtins.list[Attachment]: ...
    def stored(self, sha256: str) -> int | None:
        """How many pieces of this content are kept (None: none)."""
        ...

    def put(self, sha256: str, pieces: Sequence[tuple[int, bytes]]) -> None: ...
    def content(self, sha256: str) -> Iterator[bytes]:
        """A content's pieces in order, read one at a time."""
        ...


class Auth(Protocol):
    """Sign-in records: only hashes of passwords, session ids and tokens (office.auth)."""

    def has_passwords(self) -> bool: ...
    def password(self, login: str) -> tuple[int, str | None] | None:
        """(user id, password hash or None) of a login; None when there is no such user."""
        ...

    def set_password(self, user_id: int, hashed: str, now: datetime) -> None: ...
    def add_session(
        self, id_hash: str, user_id: int, csrf: str, now: datetime, expires: datetime
    ) -> None: ...
    def session(self, id_hash: str, now: datetime) -> tuple[str, str] | None:
        """(login, CSRF token) of a live session."""
        ...

    def delete_session(self, id_hash: str) -> None: ...
    def delete_sessions_of(self, user_id: int, *, keep: str | None = None) -> None: ...
    def delete_expired_sessions(self, now: datetime) -> None: ...
    def add_token(self, user_id: int, name: str, token_hash: str, now: datetime) -> int: ...
    def token_login(self, token_hash: str) -> str | None: ...
    def revoke_token(self, token_id: int, user_id: int, now: datetime) -> bool: ...
    def tokens(self, user_id: int) -> builtins.list[tuple[int, str, datetime, datetime | None]]: ...
    def add_failure(self, login: str, address: str, now: datetime) -> None: ...
    def failures(self, login: str, address: str, since: datetime) -> tuple[int, int]: ...
    def clear_failures(self, login: str) -> None: ...
    def log_access(
        self, what: str, login: str, user_id: int | None, address: str, channel: str, now: datetime
    ) -> None: ...
    def access_log(
        self, login: str | None, limit: int, offset: int = 0
    ) -> builtins.list[tuple[datetime, str, str, str, str]]: ...
    def session_user(self, id_hash: str) -> tuple[int, str] | None: ...


# ---------------------------------------------------------------------------------------------
# Read models


class Graph(Protocol):
    """Walks of the link graph, computed by the store."""

    def closure(self, start: int, *, outgoing: bool, kinds: Iterable[str]) -> set[int]:
        """Every document reached from ``start`` along links of these kinds (from → to when
        ``outgoing``, else to → from), ``start`` left out; cycles end."""
        ...

    def trace_links(self, root_id: int) -> builtins.list[tuple[int, int, int, int, str]]:
        """(role, link id, from, to, kind) of the links a trace from ``root_id`` walks, oldest first."""
        ...

    def documents(self, ids: Iterable[int]) -> dict[int, Document]:
        """These documents, by id (the ones that exist)."""
        ...

    def outcomes(self, ids: Iterable[int]) -> builtins.list[Outcome]:
        """The outcomes these documents produced, each with the reports that report it, by date."""
        ...


class SearchIndex(Protocol):
    """The full-text index of the documents, kept and read by the store."""

    def find(
        self, query: Query, office_id: int, flt: DocumentFilter, limit: int
    ) -> builtins.list[tuple[Document, bool]]:
        """The office's documents holding every word of ``query`` that pass ``flt``, best first
        (the one whose code is the query, then by rank, then the newest), each with whether
        its code is the query."""
        ...


class StatusQueries(Protocol):
    """The leadership view, computed by the store."""

    def summary(self, flt: StatusFilter) -> builtins.list[tuple[str, str, str, int]]:
        """(workflow, state, type key, count) of the office's documents."""
        ...

    def open_items(self, flt: StatusFilter) -> builtins.list[StatusItem]: ...
    def history(self, office_id: int) -> HistoryRows:
        """The rows the register of a past day is rebuilt from (office.status_history)."""
        ...


# ---------------------------------------------------------------------------------------------
# The unit of work and the store


class UnitOfWork(Protocol):
    """One transaction: ``with uow: …; uow.commit()``; anything not committed is rolled back."""

    office: Organization | None  # the acting user's office, once looked up
    senders: builtins.list[Holding] | None  # a receipt's sender, looked up with the user
    channel: str | None  # web, api or cli: written into every event of this unit of work

    @property
    def orgs(self) -> Organizations: ...
    @property
    def units(self) -> Units: ...
    @property
    def users(self) -> Users: ...
    @property
    def documents(self) -> Documents: ...
    @property
    def series(self) -> Series: ...
    @property
    def events(self) -> Events: ...
    @property
    def links(self) -> Links: ...
    @property
    def assignments(self) -> Assignments: ...
    @property
    def outcomes(self) -> Outcomes: ...
    @property
    def attachments(self) -> Attachments: ...
    @property
    def graph(self) -> Graph: ...
    @property
    def status(self) -> StatusQueries: ...
    @property
    def search(self) -> SearchIndex: ...
    @property
    def auth(self) -> Auth: ...

    @property
    def now(self) -> datetime:
        """The time of this unit of work: the rows and events it writes carry it."""
        ...

    def commit(self) -> None: ...
    def __enter__(self) -> UnitOfWork: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class Store(Protocol):
    """A register's storage: units of work, its schema version, its errors in vanban's words."""

    head: str  # the schema version this vanban needs

    def unit_of_work(self, *, read_only: bool = False) -> UnitOfWork: ...
    def revision(self) -> str | None:
        """The schema version of the database, None when it holds no vanban schema."""
        ...

    def upgrade(self) -> None:
        """Bring the schema to ``head`` (creating it when empty)."""
        ...

    def is_transient(self, exc: BaseException) -> bool:
        """Whether trying the same work again may succeed (deadlock, busy, dropped connection)."""
        ...

    def is_conflict(self, exc: BaseException) -> bool:
        """Whether the database refused a row because its key is already there."""
        ...

    def in_host_transaction(self) -> bool:
        """Whether the work runs inside a transaction a host application holds: a deadlock or a
        busy database is then the host's to retry (its own work in it is gone too)."""
        ...

    @property
    def kind(self) -> str:
        """The database engine: "sqlite", "postgresql", "mysql"."""
        ...

    @property
    def prefix(self) -> str | None:
        """The prefix of vanban's table names in this database (None: none)."""
        ...

    def copy_to(self, target: Path) -> None:
        """A consistent copy of a SQLite register in the new file ``target``, taken while others
        keep writing; OSError when it cannot be written."""
        ...

    def translate(self, exc: BaseException) -> VanbanError | None:
        """A storage error as vanban's own error, None when it has no plain meaning."""
        ...

    def close(self) -> None: ...
