"""Looking at the register: a document and its history, lists, the actions open to the user,
the chain around a document. Each runs in one read-only unit of work."""

from __future__ import annotations

from vanban.domain import text as texts
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
from vanban.domain.text import parse_int
from vanban.domain.types import get_type
from vanban.office.inputs import as_str, year_of
from vanban.office.lifecycle import state_name, workflow_of
from vanban.office.ports import DocumentFilter, UnitOfWork
from vanban.office.runner import Runner
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


def documents(
    runner: Runner,
    *,
    type_key: str | None = None,
    status: str | None = None,
    year: int | None = None,
    direction: Direction | str | None = None,
    limit: int | None = None,
) -> list[Document]:
    """The office's documents held (not references), filtered."""
    key = get_type(as_str(type_key, "loại văn bản")).key if type_key is not None else None
    state = state_name(runner.workflows, as_str(status, "trạng thái")) if status is not None else None
    year = year_of(year)
    if direction is not None and not isinstance(direction, Direction):
        found = _DIRECTIONS.get(as_str(direction, "chiều").strip().lower())
        if found is None:
            from vanban.errors import InputError

            raise InputError(
                f"Không có chiều «{direction}».", hint="Chọn out (văn bản đi) hoặc in (văn bản đến)."
            )
        direction = found
    if limit is not None:
        limit = parse_int(limit, "số dòng", low=1, high=texts.MAX_LIMIT, example="Ví dụ: --limit 50.")
    flt = DocumentFilter(type_key=key, status=state, year=year, direction=direction, limit=limit)
    return runner.read(lambda uow, user: uow.documents.list(user.office_id, flt))


def actions(runner: Runner, ref: str | int, *, year: int | None = None) -> list[tuple[str, str, str]]:
    """(trigger, label, destination label) of the transitions this user may fire now."""

    def work(uow: UnitOfWork, user: User) -> list[tuple[str, str, str]]:
        doc = resolve(uow, user, ref, year)
        wf = workflow_of(runner.workflows, doc)
        if wf is None or doc.status is None:
            return []
        return [(t.trigger, t.label, wf.label_of(t.dest)) for t in wf.allowed(doc.status, user.roles)]

    return runner.read(work)


def attachments(runner: Runner, ref: str | int, *, year: int | None = None) -> list[tuple[str, str]]:
    """(file name, SHA-256) of the files a document was read from or carries."""
    return runner.read(lambda uow, user: uow.attachments.for_document(resolve(uow, user, ref, year).id))


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
