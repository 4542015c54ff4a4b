"""Looking at the register: a document and its history, lists, the actions open to the user,
the chain around a document. Each runs in one read-only unit of work."""

from __future__ import annotations

from vanban.domain.model import (
    Assignment,
    Direction,
    Document,
    Event,
    Organization,
    Outcome,
    SeriesState,
    Unit,
    User,
)
from vanban.domain.workflows import Workflows
from vanban.office.lifecycle import workflow_of
from vanban.office.runner import Runner
from vanban.office.searching import Filters, listing_filter
from vanban.office.steps import office_of, resolve
from vanban.office.trace import Trace, build_trace

_DIRECTIONS = {d.value: d for d in Direction}


def me(runner: Runner) -> User:
    """The user the runner acts as."""
    return runner.read(lambda uow, user: user)


def own_office(runner: Runner) -> Organization:
    """The own organization of the current user."""
    return runner.read(office_of)


def orgs(runner: Runner) -> list[Organization]:
    return runner.read(lambda uow, user: uow.orgs.list())


def units(runner: Runner) -> list[Unit]:
    return runner.read(lambda uow, user: uow.units.list(user.office_id))


def users(runner: Runner) -> list[User]:
    return runner.read(lambda uow, user: uow.users.list(user.office_id))


def series(runner: Runner, year: int | None = None) -> list[SeriesState]:
    return runner.read(lambda uow, user: uow.series.list(user.office_id, year))


def office_events(runner: Runner) -> list[Event]:
    """Events not tied to a document: series changes, users, organizations."""
    return runner.read(lambda uow, user: uow.events.for_office(user.office_id, documentless=True))


def get(runner: Runner, ref: str | int, *, year: int | None = None) -> Document:
    """A document by id ("#12", 12) or code ("90/KH-UBND")."""
    return runner.read(lambda uow, user: resolve(uow, user, ref, year))


def documents(runner: Runner, filters: Filters | None = None) -> list[Document]:
    """The office's documents held (not references) that pass ``filters``, by direction, date
    and number."""
    make = listing_filter(runner, filters or Filters())
    return runner.read(lambda uow, user: uow.documents.list(user.office_id, make(uow, user)))


def allowed_actions(workflows: Workflows, doc: Document, user: User) -> list[tuple[str, str, str]]:
    """(trigger, label, destination label) of the transitions ``user`` may fire on ``doc`` now."""
    wf = workflow_of(workflows, doc)
    if wf is None or doc.status is None:
        return []
    return [(t.trigger, t.label, wf.label_of(t.dest)) for t in wf.allowed(doc.status, user.roles)]


def actions(runner: Runner, ref: str | int, *, year: int | None = None) -> list[tuple[str, str, str]]:
    """(trigger, label, destination label) of the transitions this user may fire now."""
    workflows = runner.workflows
    return runner.read(lambda uow, user: allowed_actions(workflows, resolve(uow, user, ref, year), user))


def history(runner: Runner, ref: str | int, *, year: int | None = None) -> list[Event]:
    """The events of a document, oldest first."""
    return runner.read(lambda uow, user: uow.events.for_document(resolve(uow, user, ref, year).id))


def assignments(runner: Runner, ref: str | int, *, year: int | None = None) -> list[Assignment]:
    return runner.read(lambda uow, user: uow.assignments.for_document(resolve(uow, user, ref, year).id))


def outcomes(runner: Runner, ref: str | int, *, year: int | None = None) -> list[Outcome]:
    return runner.read(lambda uow, user: uow.outcomes.for_documents([resolve(uow, user, ref, year).id]))


def trace(runner: Runner, ref: str | int, *, year: int | None = None) -> Trace:
    """The chain around a document, upward and downward, with the outcomes it produced."""
    return runner.read(lambda uow, user: build_trace(uow, resolve(uow, user, ref, year)))
