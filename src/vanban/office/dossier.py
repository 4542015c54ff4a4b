"""A document's whole story on one screen: what it is, what it is linked to both ways, who
handles it and by when, what came of it, the files it carries, and what this user may do next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vanban.domain.attachments import Attachment
from vanban.domain.dates import today
from vanban.domain.links import rule_of
from vanban.domain.model import Assignment, Document, LinkKind, Outcome, User
from vanban.office.lifecycle import status_label, workflow_of
from vanban.office.ports import UnitOfWork
from vanban.office.runner import Runner
from vanban.office.steps import resolve


@dataclass(frozen=True, slots=True)
class Linked:
    """Another document linked to this one: ``outward`` when this one is the link's source
    ("thực hiện" 90/KH-UBND), else the target ("được thực hiện bởi" 675/UBND-VHXH)."""

    kind: LinkKind
    outward: bool
    label: str
    document: Document


@dataclass(frozen=True, slots=True)
class Action:
    """A lifecycle step this user may take now: its name, label and the state it leads to."""

    trigger: str
    label: str
    to: str


@dataclass(frozen=True, slots=True)
class Dossier:
    document: Document
    status_label: str
    links: list[Linked]
    assignment: Assignment | None
    deadline: date | None
    days_left: int | None
    outcomes: list[Outcome]
    reports: dict[int, Document]
    attachments: list[Attachment]
    actions: list[Action]
    as_of: date


def dossier(runner: Runner, ref: str | int, *, year: int | None = None) -> Dossier:
    """Everything about one document, read in one unit of work."""
    as_of = today()

    def work(uow: UnitOfWork, user: User) -> Dossier:
        doc = resolve(uow, user, ref, year)
        outward = uow.links.outgoing([doc.id])
        inward = uow.links.incoming([doc.id])
        outcomes = uow.outcomes.for_documents([doc.id])
        others = uow.documents.get_many(
            [link.to_id for link in outward]
            + [link.from_id for link in inward]
            + [r for o in outcomes for r in o.reported_in]
        )
        links = [
            Linked(link.kind, True, rule_of(link.kind).label, others[link.to_id])
            for link in outward
            if link.to_id in others
        ] + [
            Linked(link.kind, False, rule_of(link.kind).reverse_label, others[link.from_id])
            for link in inward
            if link.from_id in others
        ]
        wf = workflow_of(runner.workflows, doc)
        current = [a for a in uow.assignments.for_document(doc.id) if a.active]
        assignment = current[-1] if current else None
        deadline = assignment.deadline if assignment and assignment.deadline else doc.deadline
        # Days left count only while the document is open: a finished one is late no more.
        still_open = wf is not None and doc.status in wf.open_states()
        actions = (
            [Action(t.trigger, t.label, wf.label_of(t.dest)) for t in wf.allowed(doc.status, user.roles)]
            if wf is not None and doc.status is not None
            else []
        )
        return Dossier(
            document=doc,
            status_label=status_label(runner.workflows, doc),
            links=links,
            assignment=assignment,
            deadline=deadline,
            days_left=(deadline - as_of).days if deadline and still_open else None,
            outcomes=outcomes,
            reports={r: others[r] for o in outcomes for r in o.reported_in if r in others},
            attachments=uow.attachments.for_document(doc.id),
            actions=actions,
            as_of=as_of,
        )

    return runner.read(work)
