"""The documents' repository: the statements that read and write documents, and how a row becomes
a Document."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from dataclasses import fields as dataclass_fields
from datetime import date
from operator import itemgetter
from typing import Any, cast

import orjson
from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    bindparam,
    false,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine.default import DefaultDialect

from vanban.domain.model import Direction, Document, Secrecy, Urgency
from vanban.domain.records import NO_SIGNATURE, Allocation, DocumentEdit, NewDocument, Signature
from vanban.domain.search import fold
from vanban.office.queries import DocumentFilter
from vanban.store.prepared import Prepared, Read
from vanban.store.repository import Repository
from vanban.store.search import folded, with_folding
from vanban.store.tables import assignments, documents, organizations

_INSERT_DOCUMENT = Prepared(insert(documents))
_INSERT_DOCUMENT_RETURNING = Prepared(insert(documents).returning(documents.c.id))
_UPDATE_DOCUMENT = update(documents).where(documents.c.id == bindparam("_id"))

_issuer = organizations.alias("issuer")
_DOCUMENT_COLUMNS = [*documents.c, _issuer.c.code.label("issuer_code"), _issuer.c.name.label("issuer_name")]


_DOCUMENT_NAMES = (*(c.key for c in documents.c), "issuer_code", "issuer_name")


def document_select() -> Select[Any]:
    """Documents with their issuer's code and name."""
    return select(*_DOCUMENT_COLUMNS).join_from(documents, _issuer, documents.c.issuer_id == _issuer.c.id)


def holding(issuer: Any, office: Any) -> Any:
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


# The document of :code the :office holds from the :issuer (held or cited), if any: the documents'
# lookup, and an organization's (orgs.OrganizationRepository.holding).
HELD_OR_CITED = Prepared(select(holding(bindparam("issuer"), bindparam("office"))))


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


_NEW_FIELDS = NewDocument._fields


def _filled_row(new: NewDocument) -> dict[str, Any]:
    """The column values of a new document that hold a value (its fields are the documents
    table's columns of the same names), in one pass over the fields: enums as their values,
    recipients as a list (none stored for an incoming document, as it has no list of
    recipients of the office's own)."""
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


def _document_row(new: NewDocument) -> dict[str, Any]:
    """The column values of a new document, every column named (None where empty, to write over
    a row's values): _filled_row's values, the conversions in one place."""
    return {**dict.fromkeys(_NEW_FIELDS), **_filled_row(new)}


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


def effective_deadline(lead_deadline: Any) -> ColumnElement[date]:
    """The deadline a document is judged overdue by, given its lead assignment's deadline (the
    latest active assignment): that one when set, else the document's own. The one rule of
    "overdue" for the leadership view, the listings and the search."""
    return func.coalesce(lead_deadline, documents.c.deadline)


def latest_assignment(alias: Any, *columns: str, limit: Any = 1) -> Select[Any]:
    """The latest active assignment of each document (correlated with ``documents``), as
    ``alias`` of the assignments: its ``columns``. The lead a document is held to, for the
    leadership view (store.queries) and for a listing's overdue filter alike."""
    return (
        select(*(alias.c[name] for name in columns))
        .where(alias.c.document_id == documents.c.id, alias.c.active.is_(True))
        .order_by(alias.c.id.desc())
        .limit(limit)
    )


# The latest active assignment's deadline, looked up for each document a listing judges overdue.
_lead_deadline = latest_assignment(assignments.alias("overdue_assignment"), "deadline").scalar_subquery()


def document_conditions(
    office_id: int, flt: DocumentFilter, *, bound: bool = False
) -> list[ColumnElement[bool]]:
    """The WHERE of a listing or a search: the office's documents that pass ``flt``.

    ``bound``: the office and the values of the filters ``flt`` gives become named parameters
    (:office_id, :type_key, :status, :year, :direction, :unit, :date_from, :date_to: what
    ``listing_values`` gives), for a statement made once for each shape of filter; only for a
    filter ``listing_values`` takes.
    """
    c = documents.c

    def value(name: str, given: Any) -> Any:
        return _BOUND[name] if bound else given

    found: list[ColumnElement[bool]] = [c.office_id == value("office_id", office_id)]
    if not flt.include_references:
        found.append(c.reference_only.is_(False))
    if flt.type_key:
        found.append(c.type_key == value("type_key", flt.type_key))
    if flt.status:
        found.append(c.status == value("status", flt.status))
    if flt.year:
        year = value("year", flt.year)
        found.append(or_(c.year == year, c.arrival_year == year))
    if flt.direction:
        found.append(c.direction == value("direction", flt.direction.value))
    if flt.unit:
        found.append(c.unit_code == value("unit", flt.unit))
    if flt.date_from:
        found.append(c.date >= value("date_from", flt.date_from))
    if flt.date_to:
        found.append(c.date <= value("date_to", flt.date_to))
    if flt.issuer_ids is not None:
        found.append(c.issuer_id.in_(flt.issuer_ids))
    if flt.signer:
        # Folded both sides, as a search matches: "phuc cong" finds Phúc Công.
        found.append(folded(c.signer_name).contains(fold(flt.signer), autoescape=True))
    if flt.deadline_before:  # the deadline the document is held to, as overdue judges it
        found.append(effective_deadline(_lead_deadline) < flt.deadline_before)
    if flt.overdue_on:
        found.append(effective_deadline(_lead_deadline) < flt.overdue_on)
        found.append(
            or_(
                *(and_(c.workflow == workflow, c.status.in_(states)) for workflow, states in flt.open_states),
                false(),
            )
        )
    return found


def listing(office_id: int, flt: DocumentFilter, *, bound: bool = False) -> Select[Any]:
    """The office's documents that pass ``flt`` in the register's order: outgoing before
    incoming, then by date and number, as the index ix_documents_office_register holds them
    (a first page is read from it, not every document sorted).

    ``bound``: the office, the filters' values and the limit are named parameters (what
    ``listing_values`` gives), so one statement serves every listing of the same shape.
    """
    # One register (the web desk's always is): no direction to sort by, which MariaDB would
    # otherwise sort the whole office for, though the index already gives that order.
    by_direction = [] if flt.direction else [documents.c.direction.desc()]
    query = (
        document_select()
        .where(*document_conditions(office_id, flt, bound=bound))
        .order_by(*by_direction, documents.c.date, documents.c.number, documents.c.id)
        # MariaDB would start from the issuers when an office issues most of its documents itself
        # (a few rows, each its thousands of documents) and sort them all: 48–68 ms for a first
        # page of 10,000 documents, 1.9 ms read from the index with the documents first.
        .prefix_with("STRAIGHT_JOIN", dialect="mysql")
        .prefix_with("STRAIGHT_JOIN", dialect="mariadb")
    )
    if not flt.limit:
        return query
    return query.limit(_BOUND["limit"] if bound else flt.limit)


# The parameters of a listing made once per shape (listing(bound=True)), named as listing_values
# names them; typed as the columns they are compared with (year: both years).
_BOUND = {
    "office_id": bindparam("office_id", type_=documents.c.office_id.type),
    "type_key": bindparam("type_key", type_=documents.c.type_key.type),
    "status": bindparam("status", type_=documents.c.status.type),
    "year": bindparam("year", type_=documents.c.year.type),
    "direction": bindparam("direction", type_=documents.c.direction.type),
    "unit": bindparam("unit", type_=documents.c.unit_code.type),
    "date_from": bindparam("date_from", type_=documents.c.date.type),
    "date_to": bindparam("date_to", type_=documents.c.date.type),
    "limit": bindparam("limit", type_=Integer),
}
_VALUED = ("type_key", "status", "year", "unit", "date_from", "date_to")


def listing_values(office_id: int, flt: DocumentFilter) -> dict[str, Any] | None:
    """The values of ``listing(office_id, flt, bound=True)``, by name (only those its shape
    has); None for a filter it does not take: a sender, a signer, a deadline, overdue."""
    if flt.issuer_ids is not None or flt.signer or flt.deadline_before or flt.overdue_on:
        return None
    values: dict[str, Any] = {"office_id": office_id}
    for name in _VALUED:
        given = getattr(flt, name)
        if given:  # as document_conditions: an empty value is no filter
            values[name] = given
    if flt.direction:
        values["direction"] = flt.direction.value
    if flt.limit:
        values["limit"] = flt.limit
    return values


# The listings made once per shape: (whether references are included, the names of the values).
_LISTINGS: dict[tuple[bool, tuple[str, ...]], Read] = {}


def prepared_listing(flt: DocumentFilter, values: dict[str, Any]) -> Read:
    """The statement of ``listing(…, flt, bound=True)`` for the shape of ``values``
    (``listing_values``), made on first use and kept: compiled once per engine, run through the
    driver (store.prepared.Read)."""
    shape = (flt.include_references, tuple(values))
    found = _LISTINGS.get(shape)
    if found is None:
        found = _LISTINGS[shape] = Read(listing(0, flt, bound=True))
    return found


class DocumentRepository(Repository):
    __slots__ = ()

    def add(self, new: NewDocument) -> int:
        """Insert a new document (created_at, when None, is the transaction's time); its id."""
        # Empty columns are left out: fewer values to convert and bind (the statement is compiled
        # once per set of columns, and one kind of registration always gives the same set).
        values = _filled_row(new)
        if "created_at" not in values:
            values["created_at"] = self.session.now
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
        row = HELD_OR_CITED.first(
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

    def beside(
        self, office_id: int, year: int, key: str, number: int
    ) -> tuple[Document | None, Document | None]:
        series = document_select().where(
            documents.c.office_id == office_id,
            documents.c.direction == Direction.OUT.value,
            documents.c.year == year,
            documents.c.series_key == key,
        )
        below = self.conn.execute(
            series.where(documents.c.number < number).order_by(documents.c.number.desc()).limit(1)
        ).first()
        above = self.conn.execute(
            series.where(documents.c.number > number).order_by(documents.c.number).limit(1)
        ).first()
        return (to_document(below) if below else None, to_document(above) if above else None)

    def list(self, office_id: int, flt: DocumentFilter) -> builtins.list[Document]:
        """The office's documents that pass ``flt``, in the register's order (``listing``).

        The common filters (register, year, type, status, unit, dates, a limit) run one
        statement per shape, built once and run through the driver with only its values
        changing: building it with SQLAlchemy on every call cost more than the database's part.
        """
        values = listing_values(office_id, flt)
        if values is None:
            if flt.signer:
                with_folding(self.driver.dialect, self.driver.dbapi)
            return [to_document(r) for r in self.conn.execute(listing(office_id, flt))]
        return [to_document(r) for r in prepared_listing(flt, values).rows(self.driver, values)]

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
