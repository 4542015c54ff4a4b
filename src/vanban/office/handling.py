"""Carrying documents out: relating them, handing them over, recording what came of them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from vanban.domain import text as texts
from vanban.domain.dates import as_date, not_before
from vanban.domain.figures import parse_figure
from vanban.domain.model import Assignment, Document, LinkKind, Outcome, User, parse_link_kind
from vanban.domain.records import EventRecord, jsonable
from vanban.domain.text import clean_list, clean_text
from vanban.domain.types import BAO_CAO
from vanban.errors import LinkError, RuleError
from vanban.office.inputs import about, as_str, required_text, year_of
from vanban.office.linking import couple, link
from vanban.office.ports import UnitOfWork
from vanban.office.roles import ASSIGN_ROLES, WRITE_ROLES, require
from vanban.office.runner import Runner
from vanban.office.steps import assignee, resolve, resolve_or_cite


def link_documents(
    runner: Runner, source: str | int, target: str | int, kind: LinkKind | str, *, year: int | None = None
) -> Document:
    """Relate two documents; a target code not held becomes a reference-only document."""
    if not isinstance(kind, LinkKind):
        kind = parse_link_kind(as_str(kind, "loại liên kết"))
    year = year_of(year)
    link_kind = kind

    def work(uow: UnitOfWork, user: User) -> Document:
        require(user, WRITE_ROLES, "liên kết văn bản")
        src = resolve(uow, user, source, year)
        dst = resolve_or_cite(uow, user, target)
        link(uow, user, runner.workflows, src, dst, link_kind)
        return dst

    return runner.write(work)


def assign(
    runner: Runner,
    ref: str | int,
    *,
    lead: str,
    support: Sequence[str] = (),
    deadline: date | None = None,
    note: str | None = None,
    year: int | None = None,
) -> Assignment:
    """Hand a directive (or an incoming document) to a lead unit or person, with support units."""
    with about("lead"):
        lead = required_text(lead, texts.PERSON_OR_UNIT)
    with about("support"):
        support = clean_list(support, texts.PERSON_OR_UNIT)
    with about("deadline"):
        deadline = as_date(deadline, "thời hạn")
    with about("note"):
        note = clean_text(note, texts.NOTE, required=False)
    year = year_of(year)

    def work(uow: UnitOfWork, user: User) -> Assignment:
        require(user, ASSIGN_ROLES, "phân công xử lý")
        doc = resolve(uow, user, ref, year)
        if doc.reference_only:
            raise RuleError(f"{doc.label} chỉ là văn bản được dẫn chiếu, không phân công xử lý được.")
        with about("deadline"):
            not_before(deadline, doc.date, "thời hạn", "ngày văn bản")
        with about("lead"):
            lead_name = assignee(uow, user, lead)
        with about("support"):
            supports = [assignee(uow, user, s) for s in support]
        uow.assignments.add(
            doc.id, lead=lead_name, support=supports, deadline=deadline, note=note, by=user.login
        )
        uow.events.add(
            EventRecord(
                doc.office_id,
                user.login,
                "assignment",
                doc.id,
                doc.status,
                doc.status,
                note,
                {"lead": lead_name, "support": supports, "deadline": jsonable(deadline)},
            )
        )
        # Handing a document over moves it on where its lifecycle has such a step.
        for trigger in ("assign", "start"):
            couple(
                uow, user, runner.workflows, doc, trigger, cause=None, why="phân công chủ trì " + lead_name
            )
        return uow.assignments.for_document(doc.id)[-1]

    return runner.write(work)


def add_outcome(
    runner: Runner,
    ref: str | int,
    *,
    text: str,
    quantity: Decimal | str | int | float | None = None,
    unit: str | None = None,
    on: date | None = None,
    reported_in: Sequence[str | int] = (),
    year: int | None = None,
) -> Outcome:
    """Record a result produced by a directive or by a document implementing it.

    ``quantity`` is the figure as people write it — "trên 150", "hơn 1.200 lượt người",
    "khoảng 30", "1,5" — or a number; it is kept as written, its number summable
    (:func:`vanban.domain.figures.parse_figure`). ``unit`` may be given apart or in the figure.
    """
    with about("text"):
        clean = required_text(text, texts.OUTCOME_TEXT)
    with about("quantity"):
        figure = parse_figure(quantity, unit)
    with about("date"):
        on = as_date(on, "ngày đạt kết quả")
    year = year_of(year)
    if isinstance(reported_in, str | int):
        reported_in = [reported_in]

    def work(uow: UnitOfWork, user: User) -> Outcome:
        require(user, WRITE_ROLES, "ghi kết quả")
        doc = resolve(uow, user, ref, year)
        if doc.reference_only:
            raise RuleError(f"{doc.label} chỉ là văn bản được dẫn chiếu, không ghi kết quả cho nó được.")
        outcome_id = uow.outcomes.add(doc.id, clean, figure, on)
        for report_ref in reported_in:
            report = resolve(uow, user, report_ref, None)
            if report.type_key != BAO_CAO:
                raise LinkError(
                    f"{report.label} không phải là báo cáo.",
                    hint="--reported-in nhận số, ký hiệu của một báo cáo.",
                )
            uow.outcomes.report(outcome_id, report.id)
        uow.events.add(
            EventRecord(
                doc.office_id,
                user.login,
                "outcome",
                doc.id,
                doc.status,
                doc.status,
                clean,
                {
                    "quantity": jsonable(figure.number if figure else None),
                    "unit": figure.unit if figure else None,
                    "bound": figure.bound.value if figure else None,
                    "written": figure.written if figure else None,
                },
            )
        )
        return next(o for o in uow.outcomes.for_documents([doc.id]) if o.id == outcome_id)

    return runner.write(work)
