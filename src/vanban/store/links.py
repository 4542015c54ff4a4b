"""The repositories of what is kept about documents once registered: links between them,
assignments (who handles one) and outcomes (what came of it, and the reports that give it)."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, insert, select, update

from vanban.domain.figures import Bound, Figure
from vanban.domain.model import Assignment, Link, LinkKind, Outcome
from vanban.store.repository import Repository
from vanban.store.tables import assignments, links, outcome_reports, outcomes


class LinkRepository(Repository):
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


class AssignmentRepository(Repository):
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
                assigned_at=self.session.now,
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


class OutcomeRepository(Repository):
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
