"""Repositories: load and save the register's records over one connection (Core, no ORM).

Each repository works inside the transaction of the unit of work that owns the connection.
"""

from __future__ import annotations

import builtins
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields as dataclass_fields
from datetime import date, datetime
from decimal import Decimal
from operator import itemgetter
from typing import Any, Protocol, cast

import orjson
from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    Text,
    and_,
    bindparam,
    false,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.default import DefaultDialect
from sqlalchemy.types import JSON, TypeDecorator

from vanban.domain.figures import Bound, Figure
from vanban.domain.integrity import GENESIS, ChainedEvent, seal
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
    Secrecy,
    SeriesState,
    Unit,
    Urgency,
    User,
)
from vanban.domain.records import NO_SIGNATURE, Allocation, DocumentEdit, EventRecord, NewDocument, Signature
from vanban.office.queries import DocumentFilter
from vanban.store.engine import json_utf8
from vanban.store.prepared import Driver, Prepared, Read
from vanban.store.tables import (
    assignments,
    chain_heads,
    code_key,
    documents,
    events,
    links,
    organizations,
    outcome_reports,
    outcomes,
    series,
    units,
    users,
)

_SERIES_KEY = and_(
    series.c.office_id == bindparam("o"), series.c.year == bindparam("y"), series.c.key == bindparam("k")
)
_LOCK_SERIES = Read(select(series.c.last_number, series.c.last_date).where(_SERIES_KEY).with_for_update())
_ADVANCE = Prepared(
    update(series).where(_SERIES_KEY).values(last_number=bindparam("n"), last_date=bindparam("on"))
)
_INSERT_SERIES = Prepared(
    insert(series).values(
        office_id=bindparam("office_id"),
        year=bindparam("year"),
        key=bindparam("key"),
        last_number=bindparam("last_number"),
        last_date=bindparam("last_date", type_=series.c.last_date.type),
    )
)
_TAKE = update(series).where(
    _SERIES_KEY, or_(series.c.last_date.is_(None), series.c.last_date <= bindparam("on"))
)
_TAKE_RETURNING = Prepared(
    _TAKE.values(last_number=series.c.last_number + 1, last_date=bindparam("on")).returning(
        series.c.last_number
    )
)
# MySQL and MariaDB have no UPDATE … RETURNING: LAST_INSERT_ID(expr) hands the new number back in
# the statement's own reply (the driver's lastrowid), so taking it is still one round trip.
_TAKE_LAST_INSERT_ID = Prepared(
    _TAKE.values(last_number=func.last_insert_id(series.c.last_number + 1), last_date=bindparam("on"))
)
# An organization's columns in the order _organization reads them.
_ORG_COLUMNS = [
    organizations.c[k]
    for k in ("id", "code", "name", "parent_name", "place", "madinhdanh", "own", "numbering")
]


def _named_by(org: Any) -> Any:
    """The organization (table or alias) a person's text names: code (any case), name or mã định danh."""
    return or_(
        org.c.code_key == bindparam("upper"),
        org.c.name == bindparam("exact"),
        org.c.madinhdanh == bindparam("exact"),
    )


_FIND_ORG = Prepared(select(*_ORG_COLUMNS).where(_named_by(organizations)))
# The user's columns, then the office's (its id is the user's office_id), read by position.
_WITH_OFFICE = select(*users.c, *_ORG_COLUMNS[1:]).join_from(
    users, organizations, users.c.office_id == organizations.c.id
)
# Then the office's chain head (seq, hash): a writer that reads it here, under its transaction's
# lock, need not read it again when it writes its events (EventRepository.flush).
_HEAD_OF_USER = chain_heads.c.office_id == users.c.office_id
_WITH_HEAD = _WITH_OFFICE.add_columns(chain_heads.c.seq, chain_heads.c.hash).outerjoin(
    chain_heads, _HEAD_OF_USER
)
_BY_LOGIN = users.c.login == bindparam("login")
_USER_WITH_OFFICE = Prepared(_WITH_HEAD.where(_BY_LOGIN))
# PostgreSQL: the head row locked with the user read (FOR UPDATE OF chain_heads), the office's
# writers so taking it first, in one round trip.
_USER_WITH_OFFICE_LOCKING = Prepared(
    _WITH_OFFICE.add_columns(chain_heads.c.seq, chain_heads.c.hash)
    .join(chain_heads, _HEAD_OF_USER)
    .where(_BY_LOGIN)
    .with_for_update(of=chain_heads)
)
_FIRST_ADMIN_WITH_OFFICE = Prepared(
    _WITH_HEAD.where(users.c.roles.like(f"%{Role.QUAN_TRI.value}%")).order_by(users.c.id).limit(1)
)
# Where a writer's user lookup gives the chain head it may use: SQLite's writers hold the
# database's write lock from BEGIN IMMEDIATE; PostgreSQL's lock the row in the lookup itself.
_HEAD_WITH_USER = frozenset({"sqlite", "postgresql"})
_INSERT_DOCUMENT = Prepared(insert(documents))
_INSERT_DOCUMENT_RETURNING = Prepared(insert(documents).returning(documents.c.id))
_UPDATE_DOCUMENT = update(documents).where(documents.c.id == bindparam("_id"))


class Session(Protocol):
    """What repositories work through: a unit of work's transaction."""

    driver: Driver  # the driver connection, for the statements of the hot path
    read_only: bool
    # (office id, seq, hash) of the chain head this transaction holds, once read under its lock.
    chain_head: tuple[int, int, str] | None
    channel: str | None  # where the acting user acts from: the events it writes say so

    @property
    def now(self) -> datetime:
        """The time of the transaction: the events and rows it writes carry it."""
        ...

    @property
    def conn(self) -> Connection:
        """A SQLAlchemy Connection in the same transaction (made when first asked for)."""
        ...


class _Repository:
    __slots__ = ("_session", "driver")

    def __init__(self, session: Session) -> None:
        self._session = session
        self.driver = session.driver

    @property
    def conn(self) -> Connection:
        return self._session.conn


@functools.lru_cache(maxsize=1024)
def _organization(row: tuple[Any, ...]) -> Organization:
    """The (immutable) organization of a row of the organizations table, made once per row."""
    org_id, code, name, parent_name, place, madinhdanh, own, numbering = row
    return Organization(org_id, code, name, parent_name, place, madinhdanh, bool(own), numbering)


class OrganizationRepository(_Repository):
    __slots__ = ()

    def add(
        self,
        code: str,
        name: str,
        *,
        parent_name: str | None = None,
        place: str | None = None,
        madinhdanh: str | None = None,
        own: bool = False,
    ) -> Organization:
        result = self.conn.execute(
            insert(organizations).values(
                code=code, name=name, parent_name=parent_name, place=place, madinhdanh=madinhdanh, own=own
            )
        )
        (new_id,) = result.inserted_primary_key or (0,)
        if own:
            # An office kept here starts its hash chain, whose head its writers lock.
            self.conn.execute(insert(chain_heads).values(office_id=int(new_id), seq=0, hash=GENESIS))
        return Organization(int(new_id), code, name, parent_name, place, madinhdanh, own)

    def set_numbering(self, org_id: int, policy: str) -> None:
        self.conn.execute(update(organizations).where(organizations.c.id == org_id).values(numbering=policy))

    def get(self, org_id: int) -> Organization | None:
        row = self.conn.execute(select(*_ORG_COLUMNS).where(organizations.c.id == org_id)).first()
        return _organization(tuple(row)) if row else None

    def find(self, text: str) -> builtins.list[Organization]:
        """Organizations whose code, name or id is ``text`` (code first, case-insensitive)."""
        wanted = text.strip()
        rows = _FIND_ORG.all(self.driver, {"upper": code_key(wanted), "exact": wanted})
        if not rows and wanted.lstrip("#").isdigit():
            org = self.get(int(wanted.lstrip("#")))
            return [org] if org else []
        return [_organization(row) for row in rows]

    def find_holding(
        self, text: str, office_id: int, code: str, year: int
    ) -> builtins.list[tuple[Organization, int | None]]:
        """As find, each organization with the id of the document of ``code`` it issued that
        the office holds for ``year`` (or cites with no year), if any."""
        wanted = text.strip()
        held = {"office": office_id, "code": code, "year": year}
        rows = _FIND_ORG_HOLDING.all(self.driver, {"upper": code_key(wanted), "exact": wanted, **held})
        if rows:
            return [(_organization(row[:-1]), row[-1]) for row in rows]
        return [(org, self.holding(org.id, office_id, code, year)) for org in self.find(text)]

    def holding(self, issuer_id: int, office_id: int, code: str, year: int) -> int | None:
        """The id of the document of ``code`` from ``issuer_id`` the office holds for ``year``
        (or cites with no year), if any."""
        held = {"office": office_id, "code": code, "year": year, "issuer": issuer_id}
        row = _HELD_OR_CITED.first(self.driver, held)
        return None if row is None else row[0]

    def by_code_and_name(self, code: str, name: str) -> Organization | None:
        row = self.conn.execute(
            select(*_ORG_COLUMNS).where(organizations.c.code == code, organizations.c.name == name)
        ).first()
        return _organization(tuple(row)) if row else None

    def list(self, *, own: bool | None = None) -> builtins.list[Organization]:
        query = select(*_ORG_COLUMNS).order_by(organizations.c.own.desc(), organizations.c.code)
        if own is not None:
            query = query.where(organizations.c.own == own)
        return [_organization(tuple(r)) for r in self.conn.execute(query)]

    def names(self, ids: Iterable[int]) -> dict[int, Organization]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        rows = self.conn.execute(select(*_ORG_COLUMNS).where(organizations.c.id.in_(wanted)))
        return {r.id: _organization(tuple(r)) for r in rows}


# A drafting unit of an office by its code, whatever its case (a công văn's registration reads it).
_UNIT = Prepared(
    select(units.c.id, units.c.office_id, units.c.code, units.c.name).where(
        units.c.office_id == bindparam("office"), func.upper(units.c.code) == bindparam("upper")
    )
)
# An office's units, for every page whose forms offer them: through the driver, no Connection.
_UNITS = Prepared(
    select(units.c.id, units.c.office_id, units.c.code, units.c.name)
    .where(units.c.office_id == bindparam("office"))
    .order_by(units.c.code)
)


class UnitRepository(_Repository):
    __slots__ = ()

    def add(self, office_id: int, code: str, name: str) -> Unit:
        result = self.conn.execute(insert(units).values(office_id=office_id, code=code, name=name))
        (new_id,) = result.inserted_primary_key or (0,)
        return Unit(int(new_id), office_id, code, name)

    def get(self, office_id: int, code: str) -> Unit | None:
        row = _UNIT.first(self.driver, {"office": office_id, "upper": code.upper()})
        return Unit(*row) if row else None

    def list(self, office_id: int) -> builtins.list[Unit]:
        return [Unit(*row) for row in _UNITS.all(self.driver, {"office": office_id})]


@functools.lru_cache(maxsize=1024)
def _user_and_office(row: tuple[Any, ...]) -> tuple[User, Organization]:
    """The (immutable) user and office of a row of _WITH_OFFICE: made once for each distinct row."""
    user_id, login, full_name, roles, office_id, title, *office = row
    # The office's columns are _ORG_COLUMNS but its id, which is the user's office_id.
    user = User(user_id, login, full_name, _roles(roles), office_id, title)
    return user, _organization((office_id, *office))


@functools.cache
def _roles(text: str) -> frozenset[Role]:
    """The roles stored as "van_thu,quan_tri" (a handful of distinct texts in any office)."""
    return frozenset(Role(r) for r in text.split(",") if r)


def _user(row: Any) -> User:
    return User(row.id, row.login, row.full_name, _roles(row.roles), row.office_id, row.title)


class UserRepository(_Repository):
    __slots__ = ()

    def add(
        self, login: str, full_name: str, roles: Iterable[Role], office_id: int, title: str | None = None
    ) -> User:
        ordered = sorted({Role(r) for r in roles}, key=list(Role).index)
        result = self.conn.execute(
            insert(users).values(
                login=login,
                full_name=full_name,
                roles=",".join(r.value for r in ordered),
                office_id=office_id,
                title=title,
            )
        )
        (new_id,) = result.inserted_primary_key or (0,)
        return User(int(new_id), login, full_name, frozenset(ordered), office_id, title)

    def set_title(self, user_id: int, title: str | None) -> None:
        self.conn.execute(update(users).where(users.c.id == user_id).values(title=title))

    def get(self, login: str) -> User | None:
        row = self.conn.execute(select(users).where(users.c.login == login)).first()
        return _user(row) if row else None

    def with_office(self, login: str | None) -> tuple[User, Organization] | None:
        """The user (by login, else the first admin) and the office it belongs to, in one query."""
        locking = self._locks_head()
        if login is None:
            query, params = _FIRST_ADMIN_WITH_OFFICE, {}
            locking = locking and self.driver.dialect.name == "sqlite"
        else:
            query, params = _USER_WITH_OFFICE, {"login": login}
            if locking and self.driver.dialect.name == "postgresql":
                query = _USER_WITH_OFFICE_LOCKING
        values = query.first(self.driver, params)
        if values is None:
            if query is _USER_WITH_OFFICE_LOCKING:  # an office with no chain head yet
                values = _USER_WITH_OFFICE.first(self.driver, params)
                locking = False
            if values is None:
                return None
        user, office = _user_and_office(values[:-2])
        if locking:
            self._keep_head(office.id, values[-2:])
        return user, office

    def _locks_head(self) -> bool:
        """Whether this lookup is a writer's, on an engine where it can take the chain head."""
        return not self._session.read_only and self.driver.dialect.name in _HEAD_WITH_USER

    def _keep_head(self, office_id: int, head: Sequence[Any]) -> None:
        if head[0] is not None:
            self._session.chain_head = (office_id, int(head[0]), str(head[1]))

    def with_office_and_senders(
        self, login: str, sender: str, code: str, year: int
    ) -> tuple[User, Organization, builtins.list[tuple[Organization, int | None]]] | None:
        """with_office, and the organizations ``sender`` names with the document of ``code`` each
        holds (as OrganizationRepository.find_holding does, but for a sender given as #id), in
        one statement."""
        wanted = sender.strip()
        values = {"login": login, "upper": code_key(wanted), "exact": wanted, "code": code, "year": year}
        locking = self._locks_head()
        query = _USER_AND_SENDER
        if locking and self.driver.dialect.name == "postgresql":
            query = _USER_AND_SENDER_LOCKING
        rows = query.all(self.driver, values)
        if not rows and query is _USER_AND_SENDER_LOCKING:  # an office with no chain head yet
            rows, locking = _USER_AND_SENDER.all(self.driver, values), False
        if not rows:
            return None
        user, office = _user_and_office(rows[0][:_USER_WIDTH])
        if locking:
            self._keep_head(office.id, rows[0][-2:])
        senders = [
            (_organization(row[_USER_WIDTH:-3]), row[-3]) for row in rows if row[_USER_WIDTH] is not None
        ]
        return user, office, senders

    def list(self, office_id: int) -> builtins.list[User]:
        rows = self.conn.execute(select(users).where(users.c.office_id == office_id).order_by(users.c.login))
        return [_user(r) for r in rows]


_issuer = organizations.alias("issuer")

_DOCUMENT_COLUMNS = [*documents.c, _issuer.c.code.label("issuer_code"), _issuer.c.name.label("issuer_name")]


_DOCUMENT_NAMES = (*(c.key for c in documents.c), "issuer_code", "issuer_name")


def document_select() -> Select[Any]:
    """Documents with their issuer's code and name."""
    return select(*_DOCUMENT_COLUMNS).join_from(documents, _issuer, documents.c.issuer_id == _issuer.c.id)


def _holding(issuer: Any, office: Any) -> Any:
    """The id of the document of :code that ``office`` holds from ``issuer`` for :year, else of a
    reference citing it with no year: two lookups along uq_documents_held_code, the second only
    when the first finds nothing."""
    held = select(documents.c.id).where(
        documents.c.office_id == office,
        documents.c.issuer_id == issuer,
        documents.c.year == bindparam("year"),
        documents.c.code == bindparam("code"),
    )
    cited = (
        select(documents.c.id)
        .where(
            documents.c.office_id == office,
            documents.c.issuer_id == issuer,
            documents.c.year.is_(None),
            documents.c.code == bindparam("code"),
            documents.c.reference_only.is_(True),
        )
        .limit(1)
    )
    return func.coalesce(held.scalar_subquery(), cited.scalar_subquery())


# The document of :code the :office holds from the :issuer (held or cited), if any.
_HELD_OR_CITED = Prepared(select(_holding(bindparam("issuer"), bindparam("office"))))
# The organizations a sender's text names, each with the document of the code it holds: what a
# document arriving needs, in one statement (one round trip).
_FIND_ORG_HOLDING = Prepared(
    select(*_ORG_COLUMNS, _holding(organizations.c.id, bindparam("office"))).where(_named_by(organizations))
)
# The same with the clerk and office (_USER_WITH_OFFICE): a receipt's two lookups in one statement.
_sender = organizations.alias("sender")
_USER_AND_SENDER_COLUMNS = (
    *_WITH_OFFICE.selected_columns,
    *[_sender.c[c.key] for c in _ORG_COLUMNS],
    _holding(_sender.c.id, users.c.office_id),
    chain_heads.c.seq,
    chain_heads.c.hash,
)
_USER_AND_OFFICE = users.join(organizations, users.c.office_id == organizations.c.id)
_USER_AND_SENDER = Prepared(
    select(*_USER_AND_SENDER_COLUMNS)
    .select_from(
        _USER_AND_OFFICE.outerjoin(_sender, _named_by(_sender)).outerjoin(chain_heads, _HEAD_OF_USER)
    )
    .where(_BY_LOGIN)
)
_USER_AND_SENDER_LOCKING = Prepared(
    select(*_USER_AND_SENDER_COLUMNS)
    .select_from(_USER_AND_OFFICE.join(chain_heads, _HEAD_OF_USER).outerjoin(_sender, _named_by(_sender)))
    .where(_BY_LOGIN)
    .with_for_update(of=chain_heads)
)
_USER_WIDTH = len(_WITH_OFFICE.selected_columns)


# Rows become Documents by position: Document(*values) costs 3 µs a row where Document(**values)
# costs 16 (31 keyword arguments), and named access on a Row is slower still.
_FIELD_ORDER = itemgetter(*(_DOCUMENT_NAMES.index(f.name) for f in dataclass_fields(Document)))
_DIRECTION, _RECIPIENTS, _URGENCY, _SECRECY, _REFERENCE_ONLY = (
    _DOCUMENT_NAMES.index(k) for k in ("direction", "recipients", "urgency", "secrecy", "reference_only")
)
_DIRECTIONS = {m.value: m for m in Direction}
_URGENCIES = {m.value: m for m in Urgency}
_SECRECIES = {m.value: m for m in Secrecy}
_EMPTY_JSON = frozenset({"[]", "null"})


_DIRECTION_VALUES = {d: d.value for d in Direction}  # an enum's .value is a slow property


def _document_row(new: NewDocument) -> dict[str, Any]:
    """The column values of a new document (its fields are the documents table's columns of the
    same names): enums as their values, recipients as a list (none stored for an incoming
    document, as it has no list of recipients of the office's own)."""
    values = new._asdict()
    values["direction"] = _DIRECTION_VALUES[new.direction]
    urgency, secrecy = new.urgency, new.secrecy
    if urgency is not None:
        values["urgency"] = urgency.value
    if secrecy is not None:
        values["secrecy"] = secrecy.value
    recipients = list(new.recipients)
    values["recipients"] = recipients if recipients or new.direction is Direction.OUT else None
    return values


_NEW_FIELDS = NewDocument._fields


def _filled_row(new: NewDocument) -> dict[str, Any]:
    """_document_row(new) without its empty (None) values, in one pass over the fields."""
    values: dict[str, Any] = {k: v for k, v in zip(_NEW_FIELDS, new, strict=True) if v is not None}
    values["direction"] = _DIRECTION_VALUES[new.direction]
    urgency, secrecy = new.urgency, new.secrecy
    if urgency is not None:
        values["urgency"] = urgency.value
    if secrecy is not None:
        values["secrecy"] = secrecy.value
    recipients = list(new.recipients)
    if recipients or new.direction is Direction.OUT:
        values["recipients"] = recipients
    else:
        del values["recipients"]  # an incoming document keeps no list of recipients of its own
    return values


def to_document(row: Sequence[Any]) -> Document:
    """A Document from a row that starts with the columns of ``document_select()``.

    Recipients may come decoded (a list) or as the driver gives the JSON text: "[]" is taken
    without a json.loads.
    """
    v = list(row[: len(_DOCUMENT_NAMES)])
    direction, recipients, urgency, secrecy = v[_DIRECTION], v[_RECIPIENTS], v[_URGENCY], v[_SECRECY]
    v[_DIRECTION] = _DIRECTIONS.get(direction) or Direction(direction)
    if isinstance(recipients, str):
        recipients = None if recipients in _EMPTY_JSON else orjson.loads(recipients)
    v[_RECIPIENTS] = list(recipients or ())
    v[_URGENCY] = (_URGENCIES.get(urgency) or Urgency(urgency)) if urgency else None
    v[_SECRECY] = (_SECRECIES.get(secrecy) or Secrecy(secrecy)) if secrecy else None
    v[_REFERENCE_ONLY] = bool(v[_REFERENCE_ONLY])
    return Document(*_FIELD_ORDER(v))


def document_conditions(office_id: int, flt: DocumentFilter) -> list[ColumnElement[bool]]:
    """The WHERE of a listing or a search: the office's documents that pass ``flt``."""
    c = documents.c
    found: list[ColumnElement[bool]] = [c.office_id == office_id]
    if not flt.include_references:
        found.append(c.reference_only.is_(False))
    if flt.type_key:
        found.append(c.type_key == flt.type_key)
    if flt.status:
        found.append(c.status == flt.status)
    if flt.year:
        found.append(or_(c.year == flt.year, c.arrival_year == flt.year))
    if flt.direction:
        found.append(c.direction == flt.direction.value)
    if flt.unit:
        found.append(c.unit_code == flt.unit)
    if flt.date_from:
        found.append(c.date >= flt.date_from)
    if flt.date_to:
        found.append(c.date <= flt.date_to)
    if flt.issuer_ids is not None:
        found.append(c.issuer_id.in_(flt.issuer_ids))
    if flt.signer:
        found.append(c.signer_name.contains(flt.signer, autoescape=True))
    if flt.deadline_before:
        found.append(c.deadline < flt.deadline_before)
    if flt.overdue_on:
        found.append(c.deadline < flt.overdue_on)
        found.append(
            or_(
                *(and_(c.workflow == workflow, c.status.in_(states)) for workflow, states in flt.open_states),
                false(),
            )
        )
    return found


class DocumentRepository(_Repository):
    __slots__ = ()

    def add(self, new: NewDocument) -> int:
        """Insert a new document (created_at, when None, is the transaction's time); its id."""
        # Empty columns are left out: fewer values to convert and bind (the statement is compiled
        # once per set of columns, and one kind of registration always gives the same set).
        values = _filled_row(new)
        if "created_at" not in values:
            values["created_at"] = self._session.now
        if cast(DefaultDialect, self.driver.dialect).postfetch_lastrowid:
            # The driver gives the new id (sqlite3, PyMySQL): RETURNING costs SQLite 4 µs more.
            return _INSERT_DOCUMENT.insert(self.driver, values)
        return _INSERT_DOCUMENT_RETURNING.insert(self.driver, values)

    def move(
        self,
        doc_id: int,
        status: str,
        *,
        allocation: Allocation | None = None,
        signature: Signature = NO_SIGNATURE,
    ) -> None:
        """Put a document in ``status``, with the number (or số đến) and the signer given."""
        values: dict[str, Any] = {"_id": doc_id, "status": status, **signature.given()}
        if allocation is not None:
            values.update(allocation.fields())
        self.conn.execute(_UPDATE_DOCUMENT, values)

    def edit(self, doc_id: int, changes: DocumentEdit) -> None:
        """Change a document's descriptive fields (enums stored as their values)."""
        values = {k: (v.value if isinstance(v, Urgency | Secrecy) else v) for k, v in changes.items()}
        self.conn.execute(_UPDATE_DOCUMENT, {"_id": doc_id, **values})

    def replace(self, doc_id: int, new: NewDocument) -> None:
        """Write a new document's values over a reference-only one; created_at None keeps its own."""
        values = _document_row(new)
        if values["created_at"] is None:
            del values["created_at"]
        self.conn.execute(_UPDATE_DOCUMENT, {"_id": doc_id, **values})

    def get(self, doc_id: int) -> Document | None:
        row = self.conn.execute(document_select().where(documents.c.id == doc_id)).first()
        return to_document(row) if row else None

    def get_many(self, ids: Iterable[int]) -> dict[int, Document]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        rows = self.conn.execute(document_select().where(documents.c.id.in_(wanted)))
        return {r.id: to_document(r) for r in rows}

    def by_code(self, office_id: int, code: str, year: int | None = None) -> builtins.list[Document]:
        query = document_select().where(documents.c.office_id == office_id, documents.c.code == code)
        if year is not None:
            query = query.where(documents.c.year == year)
        return [to_document(r) for r in self.conn.execute(query.order_by(documents.c.id))]

    def held(self, office_id: int, issuer_id: int, year: int | None, code: str) -> Document | None:
        query = document_select().where(
            documents.c.office_id == office_id, documents.c.issuer_id == issuer_id, documents.c.code == code
        )
        query = query.where(documents.c.year.is_(None) if year is None else documents.c.year == year)
        row = self.conn.execute(query).first()
        return to_document(row) if row else None

    def cited_by_title(self, office_id: int, title: str, on: date) -> Document | None:
        """The reference-only document of an act cited by name and date, without a code."""
        query = document_select().where(
            documents.c.office_id == office_id,
            documents.c.code.is_(None),
            documents.c.reference_only.is_(True),
            documents.c.date == on,
            documents.c.subject == title,
        )
        row = self.conn.execute(query.order_by(documents.c.id)).first()
        return to_document(row) if row else None

    def held_or_cited(self, office_id: int, issuer_id: int, year: int, code: str) -> Document | None:
        """The document of that code held for ``year``, else a year-less reference to it."""
        row = _HELD_OR_CITED.first(
            self.driver, {"office": office_id, "issuer": issuer_id, "code": code, "year": year}
        )
        return None if row is None or row[0] is None else self.get(row[0])

    def numbered(
        self, office_id: int, direction: Direction, year: int, key: str, number: int
    ) -> Document | None:
        query = document_select().where(documents.c.office_id == office_id)
        if direction is Direction.IN:
            query = query.where(documents.c.arrival_year == year, documents.c.arrival_number == number)
        else:
            query = query.where(
                documents.c.direction == Direction.OUT.value,
                documents.c.year == year,
                documents.c.series_key == key,
                documents.c.number == number,
            )
        row = self.conn.execute(query).first()
        return to_document(row) if row else None

    def list(self, office_id: int, flt: DocumentFilter) -> builtins.list[Document]:
        query = document_select().where(*document_conditions(office_id, flt))
        query = query.order_by(
            documents.c.direction.desc(), documents.c.date, documents.c.number, documents.c.id
        )
        if flt.limit:
            query = query.limit(flt.limit)
        return [to_document(r) for r in self.conn.execute(query)]

    def max_number(self, issuer_id: int, year: int, series_key: str) -> int:
        value = self.conn.execute(
            select(func.max(documents.c.number)).where(
                documents.c.issuer_id == issuer_id,
                documents.c.year == year,
                documents.c.series_key == series_key,
            )
        ).scalar()
        return int(value or 0)

    def max_arrival_number(self, office_id: int, year: int) -> int:
        value = self.conn.execute(
            select(func.max(documents.c.arrival_number)).where(
                documents.c.office_id == office_id, documents.c.arrival_year == year
            )
        ).scalar()
        return int(value or 0)

    def in_period(
        self, office_id: int, direction: Direction, start: date, end: date, *, by_arrival: bool = False
    ) -> builtins.list[Document]:
        column = documents.c.arrival_date if by_arrival else documents.c.date
        order = documents.c.arrival_number if by_arrival else documents.c.number
        query = (
            document_select()
            .where(
                documents.c.office_id == office_id,
                documents.c.direction == direction.value,
                documents.c.reference_only.is_(False),
                column >= start,
                column <= end,
            )
            .where(documents.c.arrival_number.is_not(None) if by_arrival else documents.c.number.is_not(None))
            .order_by(column, order, documents.c.id)
        )
        return [to_document(r) for r in self.conn.execute(query)]


class SeriesRepository(_Repository):
    __slots__ = ()

    def lock(self, office_id: int, year: int, key: str) -> SeriesState | None:
        """The counter row, locked until the end of the transaction (FOR UPDATE)."""
        rows = _LOCK_SERIES.rows(self.driver, {"o": office_id, "y": year, "k": key})
        return SeriesState(office_id, year, key, *rows[0]) if rows else None

    def take(self, office_id: int, year: int, key: str, on: date) -> int | SeriesState | None:
        """Take the next number of a series dated ``on``, atomically.

        Returns the number; or, taking nothing, the series state when ``on`` is earlier than
        the last date issued in it; or None when the series has no row yet.
        """
        values = {"o": office_id, "y": year, "k": key, "on": on}
        if self.driver.dialect.update_returning:
            # One statement: the row lock, the date-order rule and the increment together.
            row = _TAKE_RETURNING.first(self.driver, values)
            if row is not None:
                return int(row[0])
        elif self.driver.dialect.name in ("mysql", "mariadb"):
            taken, new_number = _TAKE_LAST_INSERT_ID.execute(self.driver, values)
            if taken:
                return new_number
        # Taken nothing in one statement (or no such statement here). Under READ COMMITTED
        # another clerk may have created the row since, so the locked read decides, not the miss.
        state = self.lock(office_id, year, key)
        if state is None or (state.last_date is not None and on < state.last_date):
            return state
        _ADVANCE.execute(
            self.driver, {"o": office_id, "y": year, "k": key, "n": state.last_number + 1, "on": on}
        )
        return state.last_number + 1

    def create(self, office_id: int, year: int, key: str, last_number: int = 0) -> None:
        values = {
            "office_id": office_id,
            "year": year,
            "key": key,
            "last_number": last_number,
            "last_date": None,
        }
        _INSERT_SERIES.execute(self.driver, values)

    def advance(self, office_id: int, year: int, key: str, number: int, on: date | None) -> None:
        values: dict[str, Any] = {"last_number": number}
        if on is not None:
            values["last_date"] = on
        self.conn.execute(
            update(series)
            .where(series.c.office_id == office_id, series.c.year == year, series.c.key == key)
            .values(**values)
        )

    def set_last(self, office_id: int, year: int, key: str, last_number: int) -> None:
        self.conn.execute(
            update(series)
            .where(series.c.office_id == office_id, series.c.year == year, series.c.key == key)
            .values(last_number=last_number)
        )

    def list(self, office_id: int, year: int | None = None) -> builtins.list[SeriesState]:
        query = select(series).where(series.c.office_id == office_id).order_by(series.c.year, series.c.key)
        if year is not None:
            query = query.where(series.c.year == year)
        return [
            SeriesState(r.office_id, r.year, r.key, r.last_number, r.last_date)
            for r in self.conn.execute(query)
        ]


class EventRepository(_Repository):
    """Append-only: there is no update or delete here, and the database refuses both."""

    __slots__ = ("_pending",)

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._pending: builtins.list[EventRecord] = []

    def add(self, event: EventRecord) -> None:
        """Queue an event; the unit of work writes the queue in one statement before it commits."""
        self._pending.append(event)

    def flush(self) -> None:
        """Write the queued events in one statement, each at the unit of work's time, chained.

        Each office's chain head is locked first (FOR UPDATE; on SQLite the transaction already
        holds the write lock), so that the events of two clerks follow one another in the chain.
        """
        if self._pending:
            pending, self._pending = self._pending, []
            at = self._session.now
            # An EventRecord's fields are the events table's columns; its time comes now.
            channel = self._session.channel
            rows: builtins.list[dict[str, Any]] = []
            for event in pending:
                row: dict[str, Any] = dict(zip(_RECORD_FIELDS, event, strict=True))
                row["at"] = at
                row["channel"] = channel
                # Stored as this very text, which the hash covers (domain.integrity): its UTF-8
                # bytes are hashed as they come, then decoded to be stored.
                row["data"] = json_utf8(event.data) if event.data else b"{}"
                rows.append(row)
            offices = {row["office_id"] for row in rows}
            for office_id in sorted(offices):
                mine = rows if len(offices) == 1 else [r for r in rows if r["office_id"] == office_id]
                self._chain(office_id, mine)
            for row in rows:
                row["data"] = row["data"].decode()
            if len(rows) == 1 or self.driver.dialect.name == "sqlite":
                _INSERT_EVENT.execute_each(self.driver, rows)  # sqlite3 loops in C
            else:
                # One multi-row INSERT: one round trip, where executemany takes a pipeline sync.
                flat = {f"{key}_{i}": value for i, row in enumerate(rows) for key, value in row.items()}
                _insert_events(len(rows)).execute(self.driver, flat)

    def _chain(self, office_id: int, rows: builtins.list[dict[str, Any]]) -> None:
        """Give ``rows`` their places after the office's chain head, locked; inserting them moves
        the head on (a trigger, migration 0005)."""
        kept = self._session.chain_head
        if kept is not None and kept[0] == office_id:
            head: tuple[Any, ...] = kept[1:]
        else:
            found = _LOCK_HEAD.first(self.driver, {"o": office_id})
            if found is None:
                found = (0, GENESIS)
                _INSERT_HEAD.execute(self.driver, {"o": office_id, "s": 0, "h": GENESIS})
            head = found
        seq, last = seal(head[1], head[0], rows)
        if kept is not None:
            self._session.chain_head = (office_id, seq, last)

    def chain(self, office_id: int) -> Iterator[ChainedEvent]:
        """The office's events in chain order, as the chain check reads them."""
        self.flush()
        # The data's text as stored (json keeps it so on PostgreSQL; MariaDB and SQLite keep text).
        columns = [sql_cast(events.c.data, Text) if c == "data" else events.c[c] for c in _CHAINED]
        query = select(*columns).where(events.c.office_id == office_id).order_by(events.c.seq, events.c.id)
        for row in self.conn.execute(query):
            yield ChainedEvent(*row)

    def head(self, office_id: int) -> tuple[int, str] | None:
        """The office's chain head as stored: (last seq, last hash), None when it has none."""
        found = self.conn.execute(
            select(chain_heads.c.seq, chain_heads.c.hash).where(chain_heads.c.office_id == office_id)
        ).first()
        return (int(found[0]), str(found[1])) if found is not None else None

    def chained_offices(self) -> builtins.list[int]:
        """The offices that have a chain head or events."""
        heads = set(self.conn.execute(select(chain_heads.c.office_id)).scalars())
        return sorted(heads | set(self.conn.execute(select(events.c.office_id).distinct()).scalars()))

    def for_document(self, document_id: int) -> builtins.list[Event]:
        self.flush()
        rows = self.conn.execute(
            select(events).where(events.c.document_id == document_id).order_by(events.c.id)
        )
        return [_event(r) for r in rows]

    def with_triggers(self, office_id: int, triggers: Sequence[str]) -> builtins.list[Event]:
        """The office's events fired by these triggers, in order."""
        self.flush()
        query = select(events).where(events.c.office_id == office_id, events.c.trigger.in_(list(triggers)))
        return [_event(r) for r in self.conn.execute(query.order_by(events.c.id))]

    def for_office(self, office_id: int, *, documentless: bool = False) -> builtins.list[Event]:
        self.flush()
        query = select(events).where(events.c.office_id == office_id)
        if documentless:
            query = query.where(events.c.document_id.is_(None))
        return [_event(r) for r in self.conn.execute(query.order_by(events.c.id))]


_EVENT_COLUMNS = (
    "office_id",
    "document_id",
    "actor",
    "at",
    "trigger",
    "from_state",
    "to_state",
    "note",
    "data",
    "seq",
    "hash",
    "channel",
)
_CHAINED = (
    "id",
    "office_id",
    "seq",
    "hash",
    "document_id",
    "actor",
    "at",
    "trigger",
    "from_state",
    "to_state",
    "note",
    "data",
    "channel",
)
_HEAD_OF = chain_heads.c.office_id == bindparam("o")
_LOCK_HEAD = Prepared(select(chain_heads.c.seq, chain_heads.c.hash).where(_HEAD_OF).with_for_update())
_INSERT_HEAD = Prepared(
    insert(chain_heads).values(office_id=bindparam("o"), seq=bindparam("s"), hash=bindparam("h"))
)


class _JsonText(TypeDecorator[str]):
    """A JSON column's value sent as the JSON text already made, unchanged (the hash covers it)."""

    impl = JSON
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> None:
        return None


def _event_type(column: str) -> Any:
    """How an event's value is sent: data as the JSON text already made."""
    return _JsonText() if column == "data" else events.c[column].type


_INSERT_EVENT = Prepared(
    insert(events).values({c: bindparam(c, type_=_event_type(c)) for c in _EVENT_COLUMNS})
)
_INSERT_EVENTS: dict[int, Prepared] = {}
_RECORD_FIELDS = EventRecord._fields


def _insert_events(count: int) -> Prepared:
    """INSERT INTO events … VALUES (…), (…): ``count`` rows in one statement, built once per count."""
    found = _INSERT_EVENTS.get(count)
    if found is None:
        rows = [
            {c: bindparam(f"{c}_{i}", type_=_event_type(c)) for c in _EVENT_COLUMNS} for i in range(count)
        ]
        found = _INSERT_EVENTS[count] = Prepared(insert(events).values(rows))
    return found


def _event(row: Row[Any]) -> Event:
    return Event(
        id=row.id,
        document_id=row.document_id,
        office_id=row.office_id,
        actor=row.actor,
        at=row.at,
        trigger=row.trigger,
        from_state=row.from_state,
        to_state=row.to_state,
        note=row.note,
        data=dict(row.data or {}),
        seq=row.seq,
        hash=row.hash,
        channel=row.channel,
    )


class LinkRepository(_Repository):
    __slots__ = ()

    def add(self, from_id: int, to_id: int, kind: LinkKind) -> bool:
        """Add the link; False when it was already there."""
        if self.exists(from_id, to_id, kind):
            return False
        self.conn.execute(insert(links).values(from_id=from_id, to_id=to_id, kind=kind.value))
        return True

    def has_incoming(self, doc_id: int) -> bool:
        """Whether any document links to this one."""
        return (
            self.conn.execute(select(links.c.id).where(links.c.to_id == doc_id).limit(1)).first() is not None
        )

    def exists(self, from_id: int, to_id: int, kind: LinkKind | None = None) -> bool:
        query = select(links.c.id).where(links.c.from_id == from_id, links.c.to_id == to_id)
        if kind is not None:
            query = query.where(links.c.kind == kind.value)
        return self.conn.execute(query.limit(1)).first() is not None

    def outgoing(self, ids: Sequence[int]) -> builtins.list[Link]:
        """Links from these documents."""
        if not ids:
            return []
        rows = self.conn.execute(select(links).where(links.c.from_id.in_(ids)).order_by(links.c.id))
        return [Link(r.id, r.from_id, r.to_id, LinkKind(r.kind)) for r in rows]

    def incoming(self, ids: Sequence[int]) -> builtins.list[Link]:
        """Links to these documents."""
        if not ids:
            return []
        rows = self.conn.execute(select(links).where(links.c.to_id.in_(ids)).order_by(links.c.id))
        return [Link(r.id, r.from_id, r.to_id, LinkKind(r.kind)) for r in rows]


class AssignmentRepository(_Repository):
    __slots__ = ()

    def add(
        self,
        document_id: int,
        *,
        lead: str,
        support: Sequence[str],
        deadline: date | None,
        note: str | None,
        by: str,
    ) -> None:
        # Reassignment keeps the earlier rows, inactive: the history of who held it.
        self.conn.execute(
            update(assignments)
            .where(assignments.c.document_id == document_id, assignments.c.active.is_(True))
            .values(active=False)
        )
        self.conn.execute(
            insert(assignments).values(
                document_id=document_id,
                lead=lead,
                support=list(support),
                deadline=deadline,
                note=note,
                active=True,
                assigned_at=self._session.now,
                assigned_by=by,
            )
        )

    def for_document(self, document_id: int) -> builtins.list[Assignment]:
        rows = self.conn.execute(
            select(assignments).where(assignments.c.document_id == document_id).order_by(assignments.c.id)
        )
        return [
            Assignment(
                r.id,
                r.document_id,
                r.lead,
                tuple(r.support or ()),
                r.deadline,
                r.note,
                bool(r.active),
                r.assigned_at,
                r.assigned_by,
            )
            for r in rows
        ]


class OutcomeRepository(_Repository):
    __slots__ = ()

    def add(self, document_id: int, text: str, figure: Figure | None, on: date | None) -> int:
        result = self.conn.execute(
            insert(outcomes).values(
                document_id=document_id,
                text=text,
                quantity=figure.number if figure else None,
                unit=figure.unit if figure else None,
                quantity_bound=figure.bound.value if figure and figure.bound is not Bound.EXACT else None,
                quantity_text=figure.written if figure else None,
                date=on,
            )
        )
        (new_id,) = result.inserted_primary_key or (0,)
        return int(new_id)

    def report(self, outcome_id: int, report_id: int) -> None:
        exists = self.conn.execute(
            select(outcome_reports.c.outcome_id).where(
                outcome_reports.c.outcome_id == outcome_id, outcome_reports.c.report_id == report_id
            )
        ).first()
        if not exists:
            self.conn.execute(insert(outcome_reports).values(outcome_id=outcome_id, report_id=report_id))

    def for_documents(self, ids: Sequence[int]) -> builtins.list[Outcome]:
        if not ids:
            return []
        rows = self.conn.execute(
            select(outcomes).where(outcomes.c.document_id.in_(ids)).order_by(outcomes.c.date, outcomes.c.id)
        ).all()
        reported: dict[int, list[int]] = {}
        if rows:
            pairs = self.conn.execute(
                select(outcome_reports).where(outcome_reports.c.outcome_id.in_([r.id for r in rows]))
            )
            for p in pairs:
                reported.setdefault(p.outcome_id, []).append(p.report_id)
        return [
            Outcome(
                r.id,
                r.document_id,
                r.text,
                Decimal(r.quantity) if r.quantity is not None else None,
                r.unit,
                r.date,
                tuple(sorted(reported.get(r.id, []))),
                Bound(r.quantity_bound) if r.quantity_bound else Bound.EXACT,
                r.quantity_text,
            )
            for r in rows
        ]

    def unreported_for(self, document_ids: Sequence[int]) -> builtins.list[int]:
        if not document_ids:
            return []
        rows = self.conn.execute(
            select(outcomes.c.id)
            .outerjoin(outcome_reports, outcome_reports.c.outcome_id == outcomes.c.id)
            .where(and_(outcomes.c.document_id.in_(document_ids), outcome_reports.c.report_id.is_(None)))
        )
        return [r.id for r in rows]
