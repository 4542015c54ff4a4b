"""Read models computed in SQL: the leadership status view and the link graph walks."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from decimal import Decimal
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Connection,
    Integer,
    Select,
    String,
    Text,
    and_,
    bindparam,
    case,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
    type_coerce,
    union_all,
)

from vanban.domain.figures import Bound
from vanban.domain.links import (
    CARRYING_OUT_KINDS,
    CLOSING_REPORT_KINDS,
    INTERIM_REPORT_KINDS,
    REPORTING_KINDS,
)
from vanban.domain.model import Document, Outcome
from vanban.domain.types import BAO_CAO
from vanban.office.ports import DOWN, REPORT, UP
from vanban.office.queries import HistoryRows, StatusFilter, StatusItem
from vanban.store.documents import document_select, effective_deadline, latest_assignment, to_document
from vanban.store.history import history_rows
from vanban.store.prepared import Read
from vanban.store.repository import Session
from vanban.store.tables import assignments, documents, links, outcome_reports, outcomes

_IMPLEMENTING_KINDS = sorted(CARRYING_OUT_KINDS)  # counted as carrying a document out


_WORD = re.compile(r"\w+")


def _const(value: str) -> ColumnElement[str]:
    """A constant written into the SQL text rather than sent as a parameter.

    psycopg prepares a statement run often and PostgreSQL may then plan it once for any value of
    its parameters; constants as parameters made that generic plan of the open items 0.8 ms
    slower than the plan for the values. Only real inputs (the office, the filters) stay bound.
    Names are words (kinds, types, states); anything else would stay a bound parameter.
    """
    if _WORD.fullmatch(value):
        return literal_column(f"'{value}'", String)
    return literal(value, String)


def _kind_in(column: Any, kinds: Iterable[str]) -> ColumnElement[bool]:
    """``column`` is one of these link kinds: an equality for one, as the planners like best."""
    wanted = sorted(kinds)
    if len(wanted) == 1:
        return column == _const(wanted[0])  # type: ignore[no-any-return]
    return column.in_([_const(kind) for kind in wanted])  # type: ignore[no-any-return]


_ONE = literal_column("1", Integer)
_BC = _const(BAO_CAO)

# Documents with their issuer, as documents.document_select() reads them, but for recipients,
# which come as the driver gives them (text on SQLite and MariaDB, a list from psycopg): nearly
# always "[]", taken here without SQLAlchemy's json.loads per row (1.8 µs).
_recipients = documents.c.recipients
_base = document_select()
_document_select = select(
    *(type_coerce(c, Text).label(c.key) if c.key == _recipients.key else c for c in _base.selected_columns)
).select_from(*_base.get_final_froms())
_N_DOCUMENT_COLUMNS = len(_document_select.selected_columns)


# The status statements are built once per engine and shape of filter, the inputs bound as
# parameters: building and cache-keying a statement of this size costs more than running it.
_active = assignments.alias("active_assignment")


def _lead_assignment(dialect: str) -> tuple[Any, Any]:
    """(the latest active assignment of each document, how it joins), read once per document.

    PostgreSQL takes it as a LATERAL lookup; joined on its id it hashes the whole assignments
    table when its estimates are small. SQLite and MariaDB find the id (a correlated max over
    ix_assignments_document) and then the row by primary key.
    """
    latest = latest_assignment(_active, "id", "lead", "deadline", limit=_ONE)
    if dialect == "postgresql":
        return latest.lateral("lead_assignment"), true()
    lead = assignments.alias("lead_assignment")
    latest_id = latest.with_only_columns(func.max(_active.c.id)).order_by(None).limit(None).scalar_subquery()
    return lead, and_(lead.c.document_id == documents.c.id, lead.c.id == latest_id)


_implementing_links = links.alias("implementing")
_implementing = (
    select(func.count())
    .where(
        _implementing_links.c.to_id == documents.c.id,
        _implementing_links.c.kind.in_([_const(kind) for kind in _IMPLEMENTING_KINDS]),
    )
    .scalar_subquery()
)
_outcome_count = select(func.count()).where(outcomes.c.document_id == documents.c.id).scalar_subquery()
_report_links = links.alias("report_link")
_reports = documents.alias("report")
_reported = exists(
    select(_ONE)
    .select_from(_report_links.join(_reports, _reports.c.id == _report_links.c.from_id))
    .where(
        _report_links.c.to_id == documents.c.id,
        _kind_in(_report_links.c.kind, CLOSING_REPORT_KINDS),
        _reports.c.code.is_not(None),
    )
)
# Interim reports issued on a document (báo cáo định kỳ): it is reported on, and still open.
_interim_links = links.alias("interim_link")
_interim_reports = documents.alias("interim_report")
_interim_count = (
    select(func.count())
    .select_from(_interim_links.join(_interim_reports, _interim_reports.c.id == _interim_links.c.from_id))
    .where(
        _interim_links.c.to_id == documents.c.id,
        _kind_in(_interim_links.c.kind, INTERIM_REPORT_KINDS),
        _interim_reports.c.code.is_not(None),
    )
    .scalar_subquery()
)
OpenStates = tuple[tuple[str, tuple[str, ...]], ...]  # (workflow, its open states), states sorted


def _open(open_states: OpenStates) -> ColumnElement[bool]:
    """Open documents: the workflow and state lists let the database seek them in (office_id,
    workflow, status, …); the pairs keep a state open only in its own lifecycle."""
    return and_(
        documents.c.workflow.in_([_const(wf) for wf, _ in open_states]),
        documents.c.status.in_([_const(s) for s in sorted({s for _, states in open_states for s in states})]),
        or_(
            *(
                and_(documents.c.workflow == _const(wf), documents.c.status.in_([_const(s) for s in states]))
                for wf, states in open_states
            )
        ),
    )


def _scope(*, year: bool, type_key: bool) -> list[Any]:
    conditions: list[Any] = [
        documents.c.office_id == bindparam("office_id"),
        documents.c.reference_only.is_(False),
    ]
    if year:
        conditions.append(
            or_(documents.c.year == bindparam("year"), documents.c.arrival_year == bindparam("year"))
        )
    if type_key:
        conditions.append(documents.c.type_key == bindparam("type_key"))
    return conditions


@functools.cache
def _summary_statement(year: bool, type_key: bool) -> Read:
    return Read(
        select(documents.c.workflow, documents.c.status, documents.c.type_key, func.count())
        .where(*_scope(year=year, type_key=type_key))
        .group_by(documents.c.workflow, documents.c.status, documents.c.type_key)
        .order_by(documents.c.workflow, documents.c.status, documents.c.type_key)
    )


@functools.cache
def _open_items_statement(
    dialect: str, open_states: OpenStates, year: bool, type_key: bool, unit: bool, overdue: bool
) -> Read:
    lead, joined = _lead_assignment(dialect)
    deadline = effective_deadline(lead.c.deadline)
    query = (
        _document_select.outerjoin(lead, joined)
        .add_columns(
            deadline.label("effective_deadline"),
            lead.c.lead.label("lead"),
            _implementing.label("implementing"),
            _outcome_count.label("outcome_count"),
            case((_reported, true()), else_=false()).label("reported"),
            _interim_count.label("interim_reports"),
        )
        .where(*_scope(year=year, type_key=type_key), _open(open_states))
    )
    if unit:
        query = query.where(or_(documents.c.unit_code == bindparam("unit"), lead.c.lead == bindparam("unit")))
    if overdue:
        query = query.where(deadline < bindparam("overdue_on"))
    return Read(query.order_by(deadline.is_(None), deadline, documents.c.date, documents.c.id))


def _parameters(flt: StatusFilter) -> dict[str, Any]:
    return {
        "office_id": flt.office_id,
        "year": flt.year,
        "type_key": flt.type_key,
        "unit": flt.unit,
        "overdue_on": flt.overdue_on,
    }


def status_summary(conn: Connection, flt: StatusFilter) -> list[tuple[str, str, str, int]]:
    """(workflow, status, type, count) over the office's documents, grouped in the database."""
    query = _summary_statement(flt.year is not None, flt.type_key is not None)
    return [(r[0], r[1], r[2], int(r[3])) for r in query.rows(conn, _parameters(flt))]


def open_items(conn: Connection, flt: StatusFilter) -> list[StatusItem]:
    """Open directives and incoming documents with their lead, deadline and what came of them."""
    open_states = tuple((wf, tuple(sorted(states))) for wf, states in flt.open_states if states)
    if not open_states:
        return []
    query = _open_items_statement(
        conn.dialect.name,
        open_states,
        flt.year is not None,
        flt.type_key is not None,
        flt.unit is not None,
        flt.overdue_on is not None,
    )
    n = _N_DOCUMENT_COLUMNS
    return [
        StatusItem(
            to_document(row),
            row[n],
            row[n + 1],
            int(row[n + 2]),
            int(row[n + 3]),
            bool(row[n + 4]),
            int(row[n + 5]),
        )
        for row in query.rows(conn, _parameters(flt))
    ]


# ---------------------------------------------------------------------------------- the trace

# What a trace walks, in one statement: every link leaving a document reached upward from the
# root (following links from → to), every link reaching a document reached downward (to → from),
# and, downward, the reporting links (final or interim) leaving a report (type BC), which the trace
# hangs under it.
# Each recursive part is a UNION over document ids, so a cycle in the links ends: a document is
# added once. The downward step has two branches; each engine gets the form it plans well (an OR
# in the join makes MariaDB scan links and PostgreSQL hash it; PostgreSQL allows one reference to
# the recursive table per step, so it takes a LATERAL pair of index lookups).
# UP, DOWN, REPORT (office.ports): the role of a link row: leaves an upstream document /
# reaches a downstream one / is a report's reporting link.


def _root() -> Select[Any]:
    return select(documents.c.id.label("id")).where(documents.c.id == bindparam("root"))


def _trace_links_statement(dialect: str) -> CompoundSelect[Any]:
    up = _root().cte("up", recursive=True)
    up_prev = up.alias("up_prev")
    up = up.union(select(links.c.to_id).join_from(up_prev, links, links.c.from_id == up_prev.c.id))

    if dialect == "sqlite":
        # One recursive SELECT (older SQLite allows no more), the OR served by two indexes.
        seed = select(documents.c.id.label("id"), (documents.c.type_key == _BC).label("bc")).where(
            documents.c.id == bindparam("root")
        )
        down = seed.cte("down", recursive=True)
        prev = down.alias("down_prev")
        child = documents.alias("child")
        down = down.union(
            select(child.c.id, child.c.type_key == _BC)
            .select_from(prev)
            .join(
                links,
                or_(
                    links.c.to_id == prev.c.id,
                    and_(prev.c.bc, links.c.from_id == prev.c.id, _kind_in(links.c.kind, REPORTING_KINDS)),
                ),
            )
            .join(
                child, child.c.id == case((links.c.to_id == prev.c.id, links.c.from_id), else_=links.c.to_id)
            )
        )
    elif dialect == "postgresql":
        down = _root().cte("down", recursive=True)
        prev = down.alias("down_prev")
        parent = documents.alias("parent")
        reported = links.alias("reported")
        step = union_all(
            select(links.c.from_id.label("child")).where(links.c.to_id == prev.c.id),
            select(reported.c.to_id).where(
                reported.c.from_id == prev.c.id,
                _kind_in(reported.c.kind, REPORTING_KINDS),
                parent.c.type_key == _BC,
            ),
        ).lateral("step")
        down = down.union(
            select(step.c.child).select_from(prev).join(parent, parent.c.id == prev.c.id).join(step, true())
        )
    else:
        down = _root().cte("down", recursive=True)
        prev = down.alias("down_prev")
        parent = documents.alias("parent")
        down = down.union(
            select(links.c.from_id).join_from(prev, links, links.c.to_id == prev.c.id),
            select(links.c.to_id)
            .join_from(prev, parent, parent.c.id == prev.c.id)
            .join(links, links.c.from_id == prev.c.id)
            .where(_kind_in(links.c.kind, REPORTING_KINDS), parent.c.type_key == _BC),
        )

    # The ids of a recursive CTE are distinct (UNION), so joining them loses nothing and lets the
    # engine look the links up by index. PostgreSQL guesses a recursive CTE far larger than it is
    # and then hashes the whole links table: it gets the lookups as LATERAL subqueries, which
    # OFFSET 0 keeps from being flattened back into that join.
    def links_of(cte: Any, role: int, column: Any, *where: Any) -> Select[Any]:
        tag: ColumnElement[int] = literal_column(str(role), Integer)
        if dialect == "postgresql":
            step = (
                select(links.c.id, links.c.from_id, links.c.to_id, links.c.kind)
                .where(column == cte.c.id, *where)
                .offset(literal_column("0", Integer))
                .lateral(f"links_{role}")
            )
            return select(tag, *step.c).select_from(cte).join(step, true())
        return (
            select(tag, links.c.id, links.c.from_id, links.c.to_id, links.c.kind)
            .join_from(cte, links, column == cte.c.id)
            .where(*where)
        )

    report = documents.alias("report")
    is_report = exists().where(report.c.id == links.c.from_id, report.c.type_key == _BC)
    return union_all(
        links_of(up, UP, links.c.from_id),
        links_of(down, DOWN, links.c.to_id),
        links_of(down, REPORT, links.c.from_id, _kind_in(links.c.kind, REPORTING_KINDS), is_report),
    )


@functools.cache
def _trace_links(dialect: str) -> Read:
    return Read(_trace_links_statement(dialect))


def trace_links(conn: Connection, root_id: int) -> list[tuple[int, int, int, int, str]]:
    """(role, link id, from, to, kind) of the links a trace from ``root_id`` walks, oldest first."""
    rows = _trace_links(conn.dialect.name).rows(conn, {"root": root_id})
    return sorted(((int(r[0]), r[1], r[2], r[3], r[4]) for r in rows), key=itemgetter(1, 0))


_IN_CHUNK = 500  # ids per IN list: well under the 999 bound parameters of older SQLite builds
_DOCUMENTS_BY_ID = _document_select.where(documents.c.id.in_(bindparam("ids", expanding=True)))
_OUTCOMES_OF = (
    select(
        outcomes.c.id,
        outcomes.c.document_id,
        outcomes.c.text,
        outcomes.c.quantity,
        outcomes.c.unit,
        outcomes.c.date,
        outcome_reports.c.report_id,
        outcomes.c.quantity_bound,
        outcomes.c.quantity_text,
    )
    .outerjoin(outcome_reports, outcome_reports.c.outcome_id == outcomes.c.id)
    .where(outcomes.c.document_id.in_(bindparam("ids", expanding=True)))
    .order_by(outcomes.c.date, outcomes.c.id)
)


def documents_by_id(conn: Connection, ids: Iterable[int]) -> dict[int, Document]:
    """These documents, by id (the ones that exist)."""
    wanted = sorted(set(ids))
    found: dict[int, Document] = {}
    for start in range(0, len(wanted), _IN_CHUNK):
        for row in conn.execute(_DOCUMENTS_BY_ID, {"ids": wanted[start : start + _IN_CHUNK]}).all():
            doc = to_document(row)
            found[doc.id] = doc
    return found


def outcomes_of(conn: Connection, ids: Iterable[int]) -> list[Outcome]:
    """The outcomes these documents produced, each with the reports that report it, by date."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    rows: dict[int, tuple[Any, ...]] = {}
    reported: dict[int, list[int]] = {}
    for r in conn.execute(_OUTCOMES_OF, {"ids": wanted}).all():
        rows.setdefault(r[0], tuple(r))
        if r[6] is not None:
            reported.setdefault(r[0], []).append(r[6])
    return [
        Outcome(
            r[0],
            r[1],
            r[2],
            Decimal(r[3]) if r[3] is not None else None,
            r[4],
            r[5],
            tuple(sorted(reported.get(r[0], []))),
            Bound(r[7]) if r[7] else Bound.EXACT,
            r[8],
        )
        for r in rows.values()
    ]


@functools.cache
def _closure(outgoing: bool, kinds: tuple[str, ...]) -> Read:
    near, far = (links.c.from_id, links.c.to_id) if outgoing else (links.c.to_id, links.c.from_id)
    reached = (
        select(documents.c.id.label("id"))
        .where(documents.c.id == bindparam("start"))
        .cte("reached", recursive=True)
    )
    previous = reached.alias("reached_before")
    reached = reached.union(
        select(far).join_from(
            previous, links, and_(near == previous.c.id, links.c.kind.in_([_const(k) for k in kinds]))
        )
    )
    return Read(select(reached.c.id).where(reached.c.id != bindparam("start")))


def closure(conn: Connection, start: int, *, outgoing: bool, kinds: Iterable[str]) -> set[int]:
    """Every document reached from ``start`` along links of these kinds, following them from →
    to (outgoing) or to → from, ``start`` itself left out. One recursive query; a cycle ends."""
    return {row[0] for row in _closure(outgoing, tuple(sorted(set(kinds)))).rows(conn, {"start": start})}


class GraphQueries:
    """The link-graph read model (office.ports.Graph) in a unit of work's transaction."""

    __slots__ = ("_session",)

    def __init__(self, session: Session) -> None:
        self._session = session

    def closure(self, start: int, *, outgoing: bool, kinds: Iterable[str]) -> set[int]:
        return closure(self._session.conn, start, outgoing=outgoing, kinds=kinds)

    def trace_links(self, root_id: int) -> list[tuple[int, int, int, int, str]]:
        return trace_links(self._session.conn, root_id)

    def documents(self, ids: Iterable[int]) -> dict[int, Document]:
        return documents_by_id(self._session.conn, ids)

    def outcomes(self, ids: Iterable[int]) -> list[Outcome]:
        return outcomes_of(self._session.conn, ids)


class StatusQueries:
    """The leadership view's read model (office.ports.StatusQueries) in a unit of work's transaction."""

    __slots__ = ("_session",)

    def __init__(self, session: Session) -> None:
        self._session = session

    def summary(self, flt: StatusFilter) -> list[tuple[str, str, str, int]]:
        return status_summary(self._session.conn, flt)

    def open_items(self, flt: StatusFilter) -> list[StatusItem]:
        return open_items(self._session.conn, flt)

    def history(self, office_id: int) -> HistoryRows:
        return history_rows(self._session.conn, office_id)
