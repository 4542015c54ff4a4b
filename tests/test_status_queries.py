"""The status statements, built once, against the per-call statements they replaced (kept below as
the reference), on a varied register and every shape of filter, on every engine under test."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from vanban import Office
from vanban.office.service import configured_workflows
from vanban.store.queries import StatusFilter, StatusItem, open_items, status_summary

YEARS = (2024, 2025, 2026)
LEADS = ("VHXH", "VP", "chuyenvien")

# ------------------------------------------------------------ the reference: the former statements


def _reference_scope(flt: StatusFilter) -> list[Any]:
    from sqlalchemy import or_

    from vanban.store.tables import documents

    conditions: list[Any] = [documents.c.office_id == flt.office_id, documents.c.reference_only.is_(False)]
    if flt.year is not None:
        conditions.append(or_(documents.c.year == flt.year, documents.c.arrival_year == flt.year))
    if flt.type_key is not None:
        conditions.append(documents.c.type_key == flt.type_key)
    return conditions


def reference_summary(conn: Any, flt: StatusFilter) -> list[tuple[str, str, str, int]]:
    from sqlalchemy import func, select

    from vanban.store.tables import documents

    query = (
        select(documents.c.workflow, documents.c.status, documents.c.type_key, func.count())
        .where(*_reference_scope(flt))
        .group_by(documents.c.workflow, documents.c.status, documents.c.type_key)
        .order_by(documents.c.workflow, documents.c.status, documents.c.type_key)
    )
    return [(r[0], r[1], r[2], int(r[3])) for r in conn.execute(query)]


def reference_open_items(conn: Any, flt: StatusFilter) -> list[StatusItem]:
    from sqlalchemy import and_, case, exists, false, func, literal, or_, select

    from vanban.store.documents import document_select, to_document
    from vanban.store.tables import assignments, documents, links, outcomes

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
            implementing_links.c.to_id == documents.c.id,
            implementing_links.c.kind.in_(("implements", "responds_to")),
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
    query = query.where(*_reference_scope(flt), open_condition)
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


# ------------------------------------------------------------ a varied register


def _day(rng: random.Random, year: int) -> date:
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


def _fill(office: Office, rng: random.Random, n: int) -> None:
    """Documents of every lifecycle in every state, several years, units, deadlines (some missing),
    reassignments, links, reports with and without a number, outcomes; a few reference-only."""
    from sqlalchemy import insert

    from vanban.store.tables import assignments, documents, links, organizations, outcomes

    flows = {wf.name: list(wf.states) for wf in configured_workflows()}
    with office.engine.begin() as conn:
        other = conn.execute(
            insert(organizations).values(code="SNV", name="Sở Nội vụ", own=False, numbering="per_type")
        ).inserted_primary_key[0]
        rows = []
        for i in range(n):
            direction = rng.choice(["out", "out", "in"])
            type_key = rng.choice(["KH", "CV", "QĐ", "BC", "TB"])
            workflow = "incoming" if direction == "in" else ("report" if type_key == "BC" else "directive")
            year = rng.choice(YEARS)
            reference = rng.random() < 0.05
            numbered = rng.random() < 0.7
            rows.append(
                {
                    "id": 1000 + i,
                    "office_id": 1,
                    "direction": direction,
                    "type_key": type_key,
                    "issuer_id": other if direction == "in" else 1,
                    "unit_code": rng.choice(["VHXH", "VP", None]),
                    "number": i + 1 if numbered else None,
                    "year": year,
                    "notation": f"{type_key}-X",
                    "code": f"{i + 1}/{type_key}-X" if numbered else None,
                    "series_key": f"s{i}",
                    "date": None if rng.random() < 0.1 else _day(rng, year),
                    "subject": f"Văn bản {i}",
                    "recipients": rng.choice([[], [], None, ["UBND huyện Kim Thành", "Lưu: VT, VHXH"]]),
                    "deadline": rng.choice([None, _day(rng, 2025), _day(rng, 2026)]),
                    "status": None if reference else rng.choice(flows[workflow]),
                    "workflow": None if reference else workflow,
                    "arrival_number": i + 1 if direction == "in" else None,
                    "arrival_year": rng.choice(YEARS) if direction == "in" else None,
                    "arrival_date": _day(rng, 2025) if direction == "in" else None,
                    "reference_only": reference,
                    "created_at": datetime(2025, 1, 1, 8, 0),
                }
            )
        conn.execute(insert(documents), rows)
        ids = [r["id"] for r in rows]
        pairs = {
            (
                rng.choice(ids),
                rng.choice(ids),
                rng.choice(["implements", "responds_to", "reports_on", "cites"]),
            )
            for _ in range(n)
        }
        conn.execute(insert(links), [{"from_id": f, "to_id": t, "kind": k} for f, t, k in sorted(pairs)])
        conn.execute(
            insert(assignments),
            [
                {
                    "document_id": rng.choice(ids),
                    "lead": rng.choice(LEADS),
                    "support": [],
                    "deadline": rng.choice([None, _day(rng, 2025), _day(rng, 2026)]),
                    "active": rng.random() < 0.6,
                    "assigned_at": datetime(2025, 1, 1, 8, 0),
                    "assigned_by": "vanthu",
                }
                for _ in range(n)
            ],
        )
        conn.execute(
            insert(outcomes),
            [
                {
                    "document_id": rng.choice(ids),
                    "text": "Kết quả",
                    "quantity": None,
                    "unit": None,
                    "date": None,
                }
                for _ in range(n // 2)
            ],
        )


FILTERS = list(
    itertools.product([None, 2025], [None, "KH"], [None, "VHXH", "chuyenvien"], [None, date(2025, 11, 1)])
)


def test_the_status_statements_return_what_the_former_ones_did_for_every_filter(office: Office) -> None:
    from vanban.store.uow import UnitOfWork

    _fill(office, random.Random(7), 160)
    workflows = configured_workflows()
    open_states = [(wf.name, sorted(wf.open_states())) for wf in workflows]
    some_open = 0
    with UnitOfWork(office.engine, read_only=True) as uow:
        for year, type_key, unit, overdue_on in FILTERS:
            flt = StatusFilter(1, open_states, year=year, type_key=type_key, unit=unit, overdue_on=overdue_on)
            assert status_summary(uow.conn, flt) == reference_summary(uow.conn, flt)
            items = open_items(uow.conn, flt)
            assert items == reference_open_items(uow.conn, flt), (year, type_key, unit, overdue_on)
            some_open += bool(items)
        # Another set of open states: "issued" open for reports too, nothing open for incoming.
        other = [("directive", ["in_progress"]), ("report", ["issued", "signed"]), ("incoming", [])]
        flt = StatusFilter(1, other)
        assert open_items(uow.conn, flt) == reference_open_items(uow.conn, flt)
        assert open_items(uow.conn, StatusFilter(1, [("report", [])])) == []
    assert some_open > len(FILTERS) // 2  # the register is varied enough to say something


@pytest.mark.parametrize("seed", [11, 12])
def test_status_through_the_office_matches_on_other_registers(
    office: Office, seed: int, clock: Callable[[date], None]
) -> None:
    from vanban.store.uow import UnitOfWork

    _fill(office, random.Random(seed), 120)
    leader = office.as_user("chutich")
    clock(date(2025, 11, 1))  # the leader looks that day: today's register
    report = leader.status()
    flt = StatusFilter(1, [(wf.name, sorted(wf.open_states())) for wf in office.workflows])
    with UnitOfWork(office.engine, read_only=True) as uow:
        expected = reference_open_items(uow.conn, flt)
    assert [
        (r.document, r.deadline, r.lead, r.implementing, r.outcomes, r.reported) for r in report.items
    ] == [(i.document, i.deadline, i.lead, i.implementing, i.outcomes, i.reported) for i in expected]
