"""A document as its page shows it, read in one unit of work: the document, the steps this user
may take, its chain, assignments, files, history and outcomes, and the names of the units and
people they mention.

Read call by call, a page was nine transactions, each seeing the register at its own moment:
a step taken between two of them could show a status the history did not yet hold. One read
sees one snapshot on every engine (store.engine.begin_transaction); inside a host application's
transaction, the host's isolation level decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from vanban.domain.attachments import Attachment
from vanban.domain.model import Assignment, Document, Event, Outcome, Unit, User
from vanban.office.looking import allowed_actions
from vanban.office.ports import UnitOfWork
from vanban.office.runner import Runner
from vanban.office.steps import resolve
from vanban.office.trace import Trace, build_trace


@dataclass(frozen=True, slots=True)
class DocumentView:
    """What a document's page shows, as the register stood at one moment."""

    document: Document
    actions: list[tuple[str, str, str]]  # (trigger, label, destination label) this user may fire
    trace: Trace
    assignments: list[Assignment]
    attachments: list[Attachment]
    history: list[Event]
    outcomes: list[Outcome]
    units: list[Unit]
    people: dict[str, str]  # login → full name of the office's users (who acted, who leads)


def document_view(runner: Runner, ref: str | int, *, year: int | None = None) -> DocumentView:
    """Everything a document's page shows, read in one read-only unit of work."""

    def work(uow: UnitOfWork, user: User) -> DocumentView:
        doc = resolve(uow, user, ref, year)
        return DocumentView(
            document=doc,
            actions=allowed_actions(runner.workflows, doc, user),  # none for a document only cited
            trace=build_trace(uow, doc),
            assignments=uow.assignments.for_document(doc.id),
            attachments=uow.attachments.for_document(doc.id),
            history=uow.events.for_document(doc.id),
            outcomes=uow.outcomes.for_documents([doc.id]),
            units=uow.units.list(user.office_id),
            people={u.login: u.full_name for u in uow.users.list(user.office_id)},
        )

    return runner.read(work)
