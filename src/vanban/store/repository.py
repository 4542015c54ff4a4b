"""Repositories: load and save the register's records over one connection (Core, no ORM).

Each repository works inside the transaction of the unit of work that owns the connection.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Row, Select, and_, bindparam, func, insert, or_, select, update

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
    utc_now,
)
from vanban.store.prepared import Prepared
from vanban.store.tables import (
    assignments,
    attachments,
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
_LOCK_SERIES = select(series).where(_SERIES_KEY).with_for_update()
_ADVANCE = update(series).where(_SERIES_KEY).values(last_number=bindparam("n"), last_date=bindparam("on"))
_TAKE_RETURNING = Prepared(
    update(series)
    .where(_SERIES_KEY, or_(series.c.last_date.is_(None), series.c.last_date <= bindparam("on")))
    .values(last_number=series.c.last_number + 1, last_date=bindparam("on"))
    .returning(series.c.last_number)
)
_INSERT_EVENT = Prepared(insert(events))
_ORG_NAMES = tuple(organizations.c.keys())
_FIND_ORG = Prepared(
    select(organizations).where(
        or_(
            func.upper(organizations.c.code) == bindparam("upper"),
            organizations.c.name == bindparam("exact"),
            organizations.c.madinhdanh == bindparam("exact"),
        )
    )
)
_WITH_OFFICE = select(*users.c, *[c.label(f"org_{c.key}") for c in organizations.c]).join_from(
    users, organizations, users.c.office_id == organizations.c.id
)
_WITH_OFFICE_NAMES = tuple(_WITH_OFFICE.selected_columns.keys())
_USER_WITH_OFFICE = Prepared(_WITH_OFFICE.where(users.c.login == bindparam("login")))
_FIRST_ADMIN_WITH_OFFICE = Prepared(
    _WITH_OFFICE.where(users.c.roles.like(f"%{Role.QUAN_TRI.value}%")).order_by(users.c.id).limit(1)
)
_INSERT_DOCUMENT = Prepared(insert(documents))
_INSERT_DOCUMENT_RETURNING = Prepared(insert(documents).returning(documents.c.id))
_UPDATE_DOCUMENT = update(documents).where(documents.c.id == bindparam("_id"))


now = utc_now


def _org(row: Any) -> Organization:
    return Organization(
        id=row.id,
        code=row.code,
        name=row.name,
        parent_name=row.parent_name,
        place=row.place,
        madinhdanh=row.madinhdanh,
        own=bool(row.own),
        numbering=row.numbering,
    )


class OrganizationRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

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
        return Organization(int(new_id), code, name, parent_name, place, madinhdanh, own)

    def set_numbering(self, org_id: int, policy: str) -> None:
        self.conn.execute(update(organizations).where(organizations.c.id == org_id).values(numbering=policy))

    def get(self, org_id: int) -> Organization | None:
        row = self.conn.execute(select(organizations).where(organizations.c.id == org_id)).first()
        return _org(row) if row else None

    def find(self, text: str) -> builtins.list[Organization]:
        """Organizations whose code, name or id is ``text`` (code first, case-insensitive)."""
        wanted = text.strip()
        rows = _FIND_ORG.all(self.conn, {"upper": wanted.upper(), "exact": wanted})
        if not rows and wanted.lstrip("#").isdigit():
            org = self.get(int(wanted.lstrip("#")))
            return [org] if org else []
        return [_org(_Row(dict(zip(_ORG_NAMES, r, strict=True)))) for r in rows]

    def by_code_and_name(self, code: str, name: str) -> Organization | None:
        row = self.conn.execute(
            select(organizations).where(organizations.c.code == code, organizations.c.name == name)
        ).first()
        return _org(row) if row else None

    def list(self, *, own: bool | None = None) -> builtins.list[Organization]:
        query = select(organizations).order_by(organizations.c.own.desc(), organizations.c.code)
        if own is not None:
            query = query.where(organizations.c.own == own)
        return [_org(r) for r in self.conn.execute(query)]

    def names(self, ids: Iterable[int]) -> dict[int, Organization]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        rows = self.conn.execute(select(organizations).where(organizations.c.id.in_(wanted)))
        return {r.id: _org(r) for r in rows}


class UnitRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, office_id: int, code: str, name: str) -> Unit:
        result = self.conn.execute(insert(units).values(office_id=office_id, code=code, name=name))
        (new_id,) = result.inserted_primary_key or (0,)
        return Unit(int(new_id), office_id, code, name)

    def get(self, office_id: int, code: str) -> Unit | None:
        row = self.conn.execute(
            select(units).where(units.c.office_id == office_id, func.upper(units.c.code) == code.upper())
        ).first()
        return Unit(row.id, row.office_id, row.code, row.name) if row else None

    def list(self, office_id: int) -> builtins.list[Unit]:
        rows = self.conn.execute(select(units).where(units.c.office_id == office_id).order_by(units.c.code))
        return [Unit(r.id, r.office_id, r.code, r.name) for r in rows]


class _Row:
    """Attribute access over a plain mapping, for rows read through the driver."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def _user(row: Any) -> User:
    roles = frozenset(Role(r) for r in row.roles.split(",") if r)
    return User(row.id, row.login, row.full_name, roles, row.office_id)


class UserRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, login: str, full_name: str, roles: Iterable[Role], office_id: int) -> User:
        ordered = sorted({Role(r) for r in roles}, key=list(Role).index)
        result = self.conn.execute(
            insert(users).values(
                login=login,
                full_name=full_name,
                roles=",".join(r.value for r in ordered),
                office_id=office_id,
            )
        )
        (new_id,) = result.inserted_primary_key or (0,)
        return User(int(new_id), login, full_name, frozenset(ordered), office_id)

    def get(self, login: str) -> User | None:
        row = self.conn.execute(select(users).where(users.c.login == login)).first()
        return _user(row) if row else None

    def with_office(self, login: str | None) -> tuple[User, Organization] | None:
        """The user (by login, else the first admin) and the office it belongs to, in one query."""
        if login is None:
            query, params = _FIRST_ADMIN_WITH_OFFICE, {}
        else:
            query, params = _USER_WITH_OFFICE, {"login": login}
        values = query.first(self.conn, params)
        if values is None:
            return None
        row: Any = _Row(dict(zip(_WITH_OFFICE_NAMES, values, strict=True)))
        org = Organization(
            id=row.org_id,
            code=row.org_code,
            name=row.org_name,
            parent_name=row.org_parent_name,
            place=row.org_place,
            madinhdanh=row.org_madinhdanh,
            own=bool(row.org_own),
            numbering=row.org_numbering,
        )
        return _user(row), org

    def list(self, office_id: int) -> builtins.list[User]:
        rows = self.conn.execute(select(users).where(users.c.office_id == office_id).order_by(users.c.login))
        return [_user(r) for r in rows]


_issuer = organizations.alias("issuer")

_DOCUMENT_COLUMNS = [*documents.c, _issuer.c.code.label("issuer_code"), _issuer.c.name.label("issuer_name")]


_DOCUMENT_NAMES = (*(c.key for c in documents.c), "issuer_code", "issuer_name")


def document_select() -> Select[Any]:
    """Documents with their issuer's code and name."""
    return select(*_DOCUMENT_COLUMNS).join_from(documents, _issuer, documents.c.issuer_id == _issuer.c.id)


_HELD_OR_CITED = Prepared(
    select(documents.c.id, documents.c.year).where(
        documents.c.office_id == bindparam("office"),
        documents.c.issuer_id == bindparam("issuer"),
        documents.c.code == bindparam("code"),
        or_(
            documents.c.year == bindparam("year"),
            and_(documents.c.year.is_(None), documents.c.reference_only.is_(True)),
        ),
    )
)


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


def to_document(row: Sequence[Any]) -> Document:
    """A Document from a row that starts with the columns of ``document_select()``.

    Recipients may come decoded (a list) or as the driver gives the JSON text: "[]" is taken
    without a json.loads.
    """
    v = list(row[: len(_DOCUMENT_NAMES)])
    direction, recipients, urgency, secrecy = v[_DIRECTION], v[_RECIPIENTS], v[_URGENCY], v[_SECRECY]
    v[_DIRECTION] = _DIRECTIONS.get(direction) or Direction(direction)
    if isinstance(recipients, str):
        recipients = None if recipients in _EMPTY_JSON else json.loads(recipients)
    v[_RECIPIENTS] = list(recipients or ())
    v[_URGENCY] = (_URGENCIES.get(urgency) or Urgency(urgency)) if urgency else None
    v[_SECRECY] = (_SECRECIES.get(secrecy) or Secrecy(secrecy)) if secrecy else None
    v[_REFERENCE_ONLY] = bool(v[_REFERENCE_ONLY])
    return Document(*_FIELD_ORDER(v))


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    type_key: str | None = None
    status: str | None = None
    year: int | None = None
    direction: Direction | None = None
    include_references: bool = False
    limit: int | None = None


class DocumentRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, **values: Any) -> int:
        values.setdefault("created_at", now())
        # Columns left empty are not sent: fewer values to convert, and NULL is their default.
        values = {k: v for k, v in values.items() if v is not None}
        if self.conn.dialect.insert_returning:
            return _INSERT_DOCUMENT_RETURNING.insert(self.conn, values)
        return _INSERT_DOCUMENT.insert(self.conn, values)

    def update(self, doc_id: int, **values: Any) -> None:
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

    def held_or_cited(self, office_id: int, issuer_id: int, year: int, code: str) -> Document | None:
        """The document of that code held for ``year``, else a year-less reference to it."""
        rows = _HELD_OR_CITED.all(
            self.conn, {"office": office_id, "issuer": issuer_id, "code": code, "year": year}
        )
        if not rows:
            return None  # the usual case when a document arrives: one light query
        held = [doc_id for doc_id, doc_year in rows if doc_year is not None]
        return self.get(held[0] if held else rows[0][0])

    def list(self, office_id: int, flt: DocumentFilter) -> builtins.list[Document]:
        query = document_select().where(documents.c.office_id == office_id)
        if not flt.include_references:
            query = query.where(documents.c.reference_only.is_(False))
        if flt.type_key:
            query = query.where(documents.c.type_key == flt.type_key)
        if flt.status:
            query = query.where(documents.c.status == flt.status)
        if flt.year:
            query = query.where(or_(documents.c.year == flt.year, documents.c.arrival_year == flt.year))
        if flt.direction:
            query = query.where(documents.c.direction == flt.direction.value)
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


class SeriesRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def lock(self, office_id: int, year: int, key: str) -> SeriesState | None:
        """The counter row, locked until the end of the transaction (FOR UPDATE)."""
        row = self.conn.execute(_LOCK_SERIES, {"o": office_id, "y": year, "k": key}).first()
        return SeriesState(office_id, year, key, row.last_number, row.last_date) if row else None

    def take(self, office_id: int, year: int, key: str, on: date) -> int | SeriesState | None:
        """Take the next number of a series dated ``on``, atomically.

        Returns the number; or, taking nothing, the series state when ``on`` is earlier than
        the last date issued in it; or None when the series has no row yet.
        """
        if self.conn.dialect.update_returning:
            # One statement: the row lock, the date-order rule and the increment together.
            row = _TAKE_RETURNING.first(self.conn, {"o": office_id, "y": year, "k": key, "on": on})
            if row is not None:
                return int(row[0])
        # Taken nothing in one statement (or no such statement here). Under READ COMMITTED
        # another clerk may have created the row since, so the locked read decides, not the miss.
        state = self.lock(office_id, year, key)
        if state is None or (state.last_date is not None and on < state.last_date):
            return state
        self.conn.execute(
            _ADVANCE, {"o": office_id, "y": year, "k": key, "n": state.last_number + 1, "on": on}
        )
        return state.last_number + 1

    def create(self, office_id: int, year: int, key: str, last_number: int = 0) -> None:
        self.conn.execute(
            insert(series).values(
                office_id=office_id, year=year, key=key, last_number=last_number, last_date=None
            )
        )

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


class EventRepository:
    """Append-only: there is no update or delete here, and the database refuses both."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._pending: builtins.list[dict[str, Any]] = []

    def append(
        self,
        *,
        office_id: int,
        actor: str,
        trigger: str,
        document_id: int | None = None,
        from_state: str | None = None,
        to_state: str | None = None,
        note: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        """Queue an event; the unit of work writes the queue in one statement before it commits."""
        self._pending.append(
            {
                "office_id": office_id,
                "document_id": document_id,
                "actor": actor,
                "at": now(),
                "trigger": trigger,
                "from_state": from_state,
                "to_state": to_state,
                "note": note,
                "data": data or {},
            }
        )

    def flush(self) -> None:
        """Write the queued events in one statement."""
        if self._pending:
            pending, self._pending = self._pending, []
            if len(pending) == 1 or self.conn.dialect.name == "sqlite":
                _INSERT_EVENT.execute_many(self.conn, pending)  # sqlite3 loops in C
            else:
                # One multi-row INSERT: one round trip, where executemany takes a pipeline sync.
                flat = {f"{key}_{i}": value for i, row in enumerate(pending) for key, value in row.items()}
                _insert_events(len(pending)).execute(self.conn, flat)

    def for_document(self, document_id: int) -> builtins.list[Event]:
        self.flush()
        rows = self.conn.execute(
            select(events).where(events.c.document_id == document_id).order_by(events.c.id)
        )
        return [_event(r) for r in rows]

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
)
_INSERT_EVENTS: dict[int, Prepared] = {}


def _insert_events(count: int) -> Prepared:
    """INSERT INTO events … VALUES (…), (…): ``count`` rows in one statement, built once per count."""
    found = _INSERT_EVENTS.get(count)
    if found is None:
        rows = [
            {c: bindparam(f"{c}_{i}", type_=events.c[c].type) for c in _EVENT_COLUMNS} for i in range(count)
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
    )


class LinkRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

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


class AssignmentRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

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
                assigned_at=now(),
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


class OutcomeRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(
        self,
        document_id: int,
        text: str,
        quantity: Decimal | None,
        unit: str | None,
        on: date | None,
    ) -> int:
        result = self.conn.execute(
            insert(outcomes).values(document_id=document_id, text=text, quantity=quantity, unit=unit, date=on)
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


class AttachmentRepository:
    """Files a document came from or carries: name and SHA-256, so a copy can be checked."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, document_id: int, file_name: str, sha256: str) -> None:
        self.conn.execute(
            insert(attachments).values(document_id=document_id, file_name=file_name, sha256=sha256)
        )

    def for_document(self, document_id: int) -> builtins.list[tuple[str, str]]:
        rows = self.conn.execute(
            select(attachments.c.file_name, attachments.c.sha256)
            .where(attachments.c.document_id == document_id)
            .order_by(attachments.c.id)
        )
        return [(r.file_name, r.sha256) for r in rows]
