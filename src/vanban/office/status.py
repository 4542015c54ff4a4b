"""The leadership view: counts by status and type, and the open items with their deadlines."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from vanban.domain.dates import as_date
from vanban.domain.dates import today as vietnam_today
from vanban.domain.links import rule_of
from vanban.domain.model import Document, LinkKind, User
from vanban.domain.types import get_type
from vanban.domain.workflows import Workflows
from vanban.office.inputs import as_str, year_of
from vanban.office.lifecycle import status_label
from vanban.office.ports import UnitOfWork
from vanban.office.queries import DocumentFilter, StatusFilter
from vanban.office.runner import Runner
from vanban.office.status_history import rebuild
from vanban.office.steps import assignee


@dataclass(frozen=True, slots=True)
class StatusRow:
    document: Document
    status_label: str
    deadline: date | None
    overdue_days: int
    lead: str | None
    implementing: int
    outcomes: int
    reported: bool
    """A final report on it is issued (it closes the document: báo cáo kết quả)."""
    interim_reports: int = 0
    """Interim reports issued on it (báo cáo định kỳ, sơ kết): reported on, still open."""

    @property
    def report_label(self) -> str:
        """ "đã báo cáo", "đã báo cáo tiến độ (2 lần)" or "chưa báo cáo"."""
        if self.reported:
            return "đã báo cáo"
        if self.interim_reports:
            times = f" ({self.interim_reports} lần)" if self.interim_reports > 1 else ""
            return f"đã báo cáo tiến độ{times}, chưa báo cáo kết quả"
        return "chưa báo cáo"


@dataclass(frozen=True, slots=True)
class StatusReport:
    as_of: date
    summary: dict[str, int]  # status -> count
    by_type: list[tuple[str, str, str, int]]  # (type key, status, status label, count)
    items: list[StatusRow]
    reported: list[Document] = field(default_factory=list)
    """The documents a final report has closed («Đã báo cáo», counted in ``summary``), in the
    same year and type, drafted by the unit asked for (or, on a past day, led by it)."""


def reported_states(workflows: Workflows) -> list[str]:
    """The states a final report moves what it reports on to: where the step its link couples
    leads, in every lifecycle."""
    step = rule_of(LinkKind.REPORTS_ON).couples
    return sorted({t.dest for wf in workflows for t in wf.transitions if t.trigger == step})


def overdue_days(deadline: date | None, as_of: date) -> int:
    """Whole days past the deadline on ``as_of``; 0 when not overdue or without deadline."""
    if deadline is None or deadline >= as_of:
        return 0
    return (as_of - deadline).days


def status(
    runner: Runner,
    *,
    year: int | None = None,
    type_key: str | None = None,
    unit: str | None = None,
    overdue: bool = False,
    as_of: date | None = None,
) -> StatusReport:
    """Counts by status and type and the open items, computed by the store's read model.

    ``as_of`` a day before today: the register as it stood at the end of that day, rebuilt
    from the events (status_history); today or later: today's register, deadlines judged then.
    """
    workflows = runner.workflows
    today = vietnam_today()
    day = as_date(as_of, "ngày tính") or today
    key = get_type(as_str(type_key, "loại văn bản")).key if type_key is not None else None
    year = year_of(year)
    unit = as_str(unit, "đơn vị") if unit is not None else None
    open_states = [(wf.name, sorted(wf.open_states())) for wf in workflows]

    if day < today:
        return past_status(runner, day, year=year, type_key=key, unit=unit, overdue=overdue)

    def work(uow: UnitOfWork, user: User) -> StatusReport:
        unit_code = assignee(uow, user, unit) if unit is not None else None
        flt = StatusFilter(
            office_id=user.office_id,
            open_states=open_states,
            year=year,
            type_key=key,
            unit=unit_code,
            overdue_on=day if overdue else None,
        )
        counts = uow.status.summary(flt)
        items = uow.status.open_items(flt)
        summary: dict[str, int] = {}
        by_type: list[tuple[str, str, str, int]] = []
        labels: dict[tuple[str | None, str | None], str] = {}  # (workflow, state) -> its label
        for wf_name, state, doc_type, n in counts:
            summary[state] = summary.get(state, 0) + n
            label = workflows.get(wf_name).label_of(state) if wf_name else state
            by_type.append((doc_type, state, label, n))
            labels[wf_name, state] = label
        rows = [
            StatusRow(
                document=item.document,
                status_label=labels.get((item.document.workflow, item.document.status))
                or status_label(workflows, item.document),
                deadline=item.deadline,
                overdue_days=overdue_days(item.deadline, day),
                lead=item.lead,
                implementing=item.implementing,
                outcomes=item.outcomes,
                reported=item.reported,
                interim_reports=item.interim_reports,
            )
            for item in items
        ]
        reported = [
            doc
            for state in reported_states(workflows)
            for doc in uow.documents.list(
                user.office_id, DocumentFilter(type_key=key, status=state, year=year, unit=unit_code)
            )
        ]
        return StatusReport(day, summary, by_type, rows, reported)

    return runner.read(work)


def past_status(
    runner: Runner, day: date, *, year: int | None, type_key: str | None, unit: str | None, overdue: bool
) -> StatusReport:
    """The leadership view of the register as it stood at the end of ``day`` (status_history)."""
    workflows = runner.workflows
    open_states = {wf.name: wf.open_states() for wf in workflows}
    closed_by_report = set(reported_states(workflows))

    def work(uow: UnitOfWork, user: User) -> StatusReport:
        unit_code = assignee(uow, user, unit) if unit is not None else None
        rows = uow.status.history(user.office_id)
        standing = rebuild(rows, workflows, day)
        counts: dict[tuple[str, str, str], int] = {}
        wanted: list[tuple[int, date | None]] = []
        reported_ids: list[int] = []
        for doc_id, _, wf_name, doc_type, _, _, deadline, unit_of, doc_year, arrival_year in rows.documents:
            now = standing.get(doc_id)
            if now is None or (year is not None and year not in (doc_year, arrival_year)):
                continue
            if type_key is not None and doc_type != type_key:
                continue
            group = (wf_name or "", now.state, doc_type or "")
            counts[group] = counts.get(group, 0) + 1
            if unit_code is not None and unit_code not in (unit_of, now.lead):
                continue
            if now.state in closed_by_report:
                reported_ids.append(doc_id)
            if now.state not in open_states.get(wf_name or "", ()):
                continue
            effective = now.lead_deadline or deadline
            if overdue and (effective is None or effective >= day):
                continue
            wanted.append((doc_id, effective))
        summary: dict[str, int] = {}
        by_type: list[tuple[str, str, str, int]] = []
        for (wf_name, state, doc_type), n in sorted(counts.items()):
            summary[state] = summary.get(state, 0) + n
            label = workflows.get(wf_name).label_of(state) if wf_name else state
            by_type.append((doc_type, state, label, n))
        held = uow.documents.get_many([doc_id for doc_id, _ in wanted] + reported_ids)
        rows_out: list[StatusRow] = []
        for doc_id, effective in wanted:
            now = standing[doc_id]
            doc = replace(held[doc_id], status=now.state)
            rows_out.append(
                StatusRow(
                    document=doc,
                    status_label=status_label(workflows, doc),
                    deadline=effective,
                    overdue_days=overdue_days(effective, day),
                    lead=now.lead,
                    implementing=now.implementing,
                    outcomes=now.outcomes,
                    reported=now.reported,
                    interim_reports=now.interim_reports,
                )
            )
        # The order of the live view: by deadline (none last), then date and id.
        rows_out.sort(
            key=lambda r: (
                r.deadline is None,
                r.deadline or date.min,
                r.document.date or date.min,
                r.document.id,
            )
        )
        reported = [replace(held[doc_id], status=standing[doc_id].state) for doc_id in reported_ids]
        reported.sort(key=lambda d: (d.direction.value != "out", d.date or date.min, d.number or 0, d.id))
        return StatusReport(day, summary, by_type, rows_out, reported)

    return runner.read(work)
