"""The rows the register of a past day is rebuilt from (office.status_history): an office's held
documents with the dates that govern them, and its events, links, assignments and outcomes.

Only the few fields the rebuild reads are selected; from an event's JSON data only the document
that caused a coupled step and the target and kind of a link, extracted by the database (the
events that record a document carry their whole record, which is not read here).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, case, literal, select

from vanban.office.queries import HistoryRows
from vanban.store.tables import assignments, documents, events, links, outcomes

# Events whose data never holds a cause: the ones that write a document and its record, and
# those that note something about it without moving it on by a step of its lifecycle.
_NO_CAUSE = (
    *("create", "issue", "register", "receive", "seal"),
    *("link", "assignment", "outcome", "cite", "edit"),
)
_LINK = literal("link")


def _of_office(office_id: int) -> Any:
    return and_(documents.c.office_id == office_id, documents.c.reference_only.is_(False))


def history_rows(conn: Connection, office_id: int) -> HistoryRows:
    """The office's held documents and what happened to them, each kind in the order written."""
    doc_rows = conn.execute(
        select(
            documents.c.id,
            documents.c.direction,
            documents.c.workflow,
            documents.c.type_key,
            documents.c.date,
            documents.c.arrival_date,
            documents.c.deadline,
            documents.c.unit_code,
            documents.c.year,
            documents.c.arrival_year,
        )
        .where(_of_office(office_id))
        .order_by(documents.c.id)
    ).all()
    data = events.c.data
    event_rows = conn.execute(
        select(
            events.c.id,
            events.c.document_id,
            events.c.at,
            events.c.trigger,
            events.c.to_state,
            case((events.c.trigger.not_in(_NO_CAUSE), data["cause"].as_integer()), else_=None),
            case((events.c.trigger == _LINK, data["to"].as_integer()), else_=None),
            case((events.c.trigger == _LINK, data["kind"].as_string()), else_=None),
        )
        .where(events.c.office_id == office_id, events.c.document_id.is_not(None))
        .order_by(events.c.id)
    ).all()
    link_rows = conn.execute(
        select(links.c.from_id, links.c.to_id, links.c.kind)
        .join(documents, documents.c.id == links.c.from_id)
        .where(documents.c.office_id == office_id)
        .order_by(links.c.id)
    ).all()
    assignment_rows = conn.execute(
        select(
            assignments.c.id,
            assignments.c.document_id,
            assignments.c.lead,
            assignments.c.deadline,
            assignments.c.assigned_at,
        )
        .join(documents, documents.c.id == assignments.c.document_id)
        .where(_of_office(office_id))
        .order_by(assignments.c.id)
    ).all()
    outcome_rows = conn.execute(
        select(outcomes.c.id, outcomes.c.document_id, outcomes.c.date)
        .join(documents, documents.c.id == outcomes.c.document_id)
        .where(_of_office(office_id))
        .order_by(outcomes.c.id)
    ).all()
    return HistoryRows(
        [tuple(r) for r in doc_rows],
        [tuple(r) for r in event_rows],
        [tuple(r) for r in link_rows],
        [tuple(r) for r in assignment_rows],
        [tuple(r) for r in outcome_rows],
    )
