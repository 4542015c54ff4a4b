"""Plain dictionaries of the register's records, in the JSON shapes of design.md."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vanban.domain.attachments import Attachment
from vanban.domain.figures import Figure, totals
from vanban.domain.model import Document, Event, Outcome
from vanban.domain.types import type_name

if TYPE_CHECKING:
    from vanban.office.dossier import Dossier
    from vanban.office.service import Office
    from vanban.office.status import StatusReport
    from vanban.office.trace import Trace, TraceNode


# The events of a document that are not lifecycle transitions, as a person reads them.
# Where an event's actor acted (Event.channel), as a person reads it.
CHANNEL_LABELS = {"web": "trình duyệt", "api": "API", "cli": "dòng lệnh"}
# What a line of the access log records, as a person reads it.
ACCESS_LABELS = {"sign_in": "đăng nhập", "sign_in_failed": "đăng nhập sai", "sign_out": "đăng xuất"}


def actor_label(event: Event) -> str:
    """Who acted, and from where when the event says it: «vanthu (trình duyệt)»."""
    where = CHANNEL_LABELS.get(event.channel or "")
    return f"{event.actor} ({where})" if where else event.actor


EVENT_LABELS = {
    "create": "Tạo dự thảo",
    "receive": "Tiếp nhận",
    "edit": "Sửa",
    "seal": "Niêm phong bản ghi",
    "correct": "Đính chính",
    "link": "Liên kết",
    "cite": "Dẫn chiếu",
    "assignment": "Phân công",
    "outcome": "Ghi kết quả",
    "attach": "Đính kèm tệp",
}


def event_label(office: Office, doc: Document, trigger: str) -> str:
    """The Vietnamese name of what an event of ``doc`` did."""
    if trigger in EVENT_LABELS:
        return EVENT_LABELS[trigger]
    wf = office.workflow_of(doc)
    if wf is not None and wf.has_trigger(trigger):
        return wf.trigger_label(trigger)
    return trigger


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def document_json(office: Office, doc: Document) -> dict[str, Any]:
    """A document: the keys design.md fixes, then a few more."""
    return {
        "id": doc.id,
        "direction": doc.direction.value,
        "type": doc.type_key,
        "type_name": type_name(doc.type_key) if doc.type_key else None,
        "code": doc.code,
        "number": doc.number,
        "number_text": doc.written_number,
        "notation": doc.notation,
        "year": doc.year,
        "date": iso(doc.date),
        "subject": doc.subject,
        "issuer": doc.issuer_code,
        "issuer_name": doc.issuer_name,
        "unit": doc.unit_code,
        "status": doc.status,
        "status_label": office.status_label(doc),
        "deadline": iso(doc.deadline),
        "signer": doc.signer_name,
        "signer_title": doc.signer_title,
        "signer_authority": doc.signer_authority,
        "arrival_number": doc.arrival_number,
        "arrival_date": iso(doc.arrival_date),
        "arrived_late_days": doc.arrived_late_days,
        "urgency": doc.urgency.value if doc.urgency else None,
        "secrecy": doc.secrecy.value if doc.secrecy else None,
        "recipients": list(doc.recipients),
        "reference_only": doc.reference_only,
        "place": doc.place,
    }


def event_json(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "document_id": event.document_id,
        "actor": event.actor,
        "channel": event.channel,
        "at": event.at.isoformat(),
        "trigger": event.trigger,
        "from": event.from_state,
        "to": event.to_state,
        "note": event.note,
        "data": event.data,
    }


def outcome_json(outcome: Outcome, docs: dict[int, Document]) -> dict[str, Any]:
    return {
        "text": outcome.text,
        "quantity": number(outcome.quantity),
        "unit": outcome.unit,
        "bound": outcome.bound.value if outcome.quantity is not None else None,
        "figure": outcome.figure_text or None,
        "date": iso(outcome.date),
        "reported_in": [docs[r].label if r in docs else f"#{r}" for r in outcome.reported_in],
        "document": docs[outcome.document_id].label if outcome.document_id in docs else None,
    }


def trace_json(office: Office, trace: Trace) -> dict[str, Any]:
    def node(n: TraceNode, key: str) -> dict[str, Any]:
        return {
            "kind": n.kind.value if n.kind else None,
            "document": document_json(office, n.document),
            key: [node(c, key) for c in n.children],
            "outcomes": [outcome_json(o, trace.documents) for o in n.outcomes],
        }

    return {
        "document": document_json(office, trace.root.document),
        "upstream": [node(n, "upstream") for n in trace.upstream],
        "downstream": [node(n, "downstream") for n in trace.downstream],
        "outcomes": [outcome_json(o, trace.documents) for o in trace.outcomes],
        "totals": [figure_json(f) for f in totals(o.figure for o in trace.outcomes if o.figure)],
    }


def figure_json(figure: Figure) -> dict[str, Any]:
    """A figure: its number, unit, bound and text ("trên 350 lượt người")."""
    return {
        "quantity": number(figure.number),
        "unit": figure.unit,
        "bound": figure.bound.value,
        "figure": figure.text,
    }


def status_json(office: Office, report: StatusReport) -> dict[str, Any]:
    return {
        "as_of": report.as_of.isoformat(),
        "summary": report.summary,
        "by_type": [
            {"type": t, "status": s, "status_label": label, "count": n} for t, s, label, n in report.by_type
        ],
        "items": [
            {
                **document_json(office, row.document),
                "deadline": iso(row.deadline),
                "overdue_days": row.overdue_days,
                "lead": row.lead,
                "implementing": row.implementing,
                "outcomes": row.outcomes,
                "reported": row.reported,
                "interim_reports": row.interim_reports,
            }
            for row in report.items
        ],
    }


def attachment_json(attachment: Attachment) -> dict[str, Any]:
    """A file kept with a document (``size``, ``added_by``, ``added_at`` null when only its
    name and hash were recorded, at import)."""
    return {
        "id": attachment.id,
        "file": attachment.name,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "media_type": attachment.media_type,
        "stored": attachment.stored,
        "added_by": attachment.added_by,
        "added_at": attachment.added_at.isoformat() if attachment.added_at else None,  # UTC, as events
    }


def dossier_json(office: Office, found: Dossier) -> dict[str, Any]:
    """`show`: the document, then its whole story."""
    a = found.assignment
    return {
        **document_json(office, found.document),
        "links": [
            {
                "kind": link.kind.value,
                "direction": "out" if link.outward else "in",
                "label": link.label,
                "document": document_json(office, link.document),
            }
            for link in found.links
        ],
        "assignment": None
        if a is None
        else {
            "lead": a.lead,
            "support": list(a.support),
            "deadline": iso(a.deadline),
            "note": a.note,
            "assigned_by": a.assigned_by,
        },
        "days_left": found.days_left,
        "outcomes": [outcome_json(o, found.reports) for o in found.outcomes],
        "attachments": [attachment_json(a) for a in found.attachments],
        "actions": [{"trigger": x.trigger, "label": x.label, "to": x.to} for x in found.actions],
        "as_of": found.as_of.isoformat(),
    }
