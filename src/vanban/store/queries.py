"""Read models computed in SQL: the leadership status view and the link graph walks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, case, exists, false, func, literal, or_, select

from vanban.domain.model import Document
from vanban.store.repository import document_select, to_document
from vanban.store.tables import assignments, documents, links, outcomes

_IMPLEMENTING_KINDS = ("implements", "responds_to")


@dataclass(frozen=True, slots=True)
class StatusFilter:
    office_id: int
    open_states: Sequence[tuple[str, Sequence[str]]]  # (workflow, states) pairs that count as open
    year: int | None = None
    type_key: str | None = None
    unit: str | None = None
    overdue_on: date | None = None  # only items whose deadline is before this date


@dataclass(frozen=True, slots=True)
class StatusItem:
    document: Document
    deadline: date | None
    lead: str | None
    implementing: int
    outcomes: int
    reported: bool


def _scope(flt: StatusFilter) -> list[Any]:
    conditions: list[Any] = [documents.c.office_id == flt.office_id, documents.c.reference_only.is_(False)]
    if flt.year is not None:
        conditions.append(or_(documents.c.year == flt.year, documents.c.arrival_year == flt.year))
    if flt.type_key is not None:
        conditions.append(documents.c.type_key == flt.type_key)
    return conditions


def status_summary(conn: Connection, flt: StatusFilter) -> list[tuple[str, str, str, int]]:
    """(workflow, status, type, count) over the office's documents, grouped in the database."""
    query = (
        select(documents.c.workflow, documents.c.status, documents.c.type_key, func.count())
        .where(*_scope(flt))
        .group_by(documents.c.workflow, documents.c.status, documents.c.type_key)
        .order_by(documents.c.workflow, documents.c.status, documents.c.type_key)
    )
    return [(r[0], r[1], r[2], int(r[3])) for r in conn.execute(query)]


def open_items(conn: Connection, flt: StatusFilter) -> list[StatusItem]:
    """Open directives and incoming documents with their lead, deadline and what came of them."""
    active = assignments.alias("active_assignment")
    lead = (
        select(active.c.lead)
        .where(active.c.document_id == documents.c.id, active.c.active.is_(True))
        .order_by(active.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    assigned_deadline = (
        select(active.c.deadline)
        .where(active.c.document_id == documents.c.id, active.c.active.is_(True))
        .order_by(active.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    deadline = func.coalesce(assigned_deadline, documents.c.deadline)
    implementing_links = links.alias("implementing")
    implementing = (
        select(func.count())
        .where(
            implementing_links.c.to_id == documents.c.id, implementing_links.c.kind.in_(_IMPLEMENTING_KINDS)
        )
        .scalar_subquery()
    )
    outcome_count = select(func.count()).where(outcomes.c.document_id == documents.c.id).scalar_subquery()
    report_links = links.alias("report_link")
    reports = documents.alias("report")
    reported = exists(
        select(literal(1))
        .select_from(report_links.join(reports, reports.c.id == report_links.c.from_id))
        .where(
            report_links.c.to_id == documents.c.id,
            report_links.c.kind == "reports_on",
            reports.c.code.is_not(None),
        )
    )
    open_condition = or_(
        false(),
        *(
            and_(documents.c.workflow == wf, documents.c.status.in_(list(states)))
            for wf, states in flt.open_states
        ),
    )
    query = document_select().add_columns(
        deadline.label("effective_deadline"),
        lead.label("lead"),
        implementing.label("implementing"),
        outcome_count.label("outcome_count"),
        case((reported, True), else_=False).label("reported"),
    )
    query = query.where(*_scope(flt), open_condition)
    if flt.unit is not None:
        query = query.where(or_(documents.c.unit_code == flt.unit, lead == flt.unit))
    if flt.overdue_on is not None:
        query = query.where(deadline < flt.overdue_on)
    query = query.order_by(deadline.is_(None), deadline, documents.c.date, documents.c.id)
    return [
        StatusItem(
            document=to_document(row),
            deadline=row.effective_deadline,
            lead=row.lead,
            implementing=int(row.implementing),
            outcomes=int(row.outcome_count),
            reported=bool(row.reported),
        )
        for row in conn.execute(query)
    ]


def neighbours(conn: Connection, ids: Iterable[int], *, outgoing: bool) -> list[tuple[int, int, str]]:
    """(from, to, kind) of the links leaving (outgoing) or reaching these documents."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    column = links.c.from_id if outgoing else links.c.to_id
    query = (
        select(links.c.from_id, links.c.to_id, links.c.kind).where(column.in_(wanted)).order_by(links.c.id)
    )
    return [(r[0], r[1], r[2]) for r in conn.execute(query)]
