"""Truy vết và tình hình: the chain around a document and the leadership view.

The steps only this feature uses; the shared ones are in conftest.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from pytest_bdd import given, scenarios, then, when
from support import (
    World,
    cell,
    issue,
    quantity,
    step,
    table,
)

from vanban import Direction, Document, parse_code, parse_date
from vanban.domain.model import LINK_LABELS, Outcome
from vanban.domain.types import CONG_VAN, THU_CONG
from vanban.office.status import StatusReport
from vanban.office.trace import Trace, TraceNode

pytestmark = pytest.mark.usefixtures("world")

scenarios("truy_vet_va_tinh_hinh.feature")


def _tree_rows(w: World, parent: Document, nodes: list[TraceNode]) -> list[tuple[str, str, str, str]]:
    rows = []
    for node in nodes:
        kind = LINK_LABELS[node.kind] if node.kind else ""
        rows.append((node.document.label, kind, parent.label, w.office.status_label(node.document)))
        rows.extend(_tree_rows(w, node.document, node.children))
    return rows


def _check_tree(w: World, trace: Trace | None, ref: str, datatable: list[list[str]], *, upward: bool) -> None:
    w.expect_no_refusal()
    assert trace is not None
    root = trace.root.document
    assert root.label == ref
    got = _tree_rows(w, root, trace.upstream if upward else trace.downstream)
    wanted = [(r["văn bản"], r["liên kết"], r["thuộc văn bản"], r["trạng thái"]) for r in table(datatable)]
    assert sorted(got) == sorted(wanted), f"Chuỗi văn bản: {got}"


def _outcome_row(w: World, outcome: Outcome, docs: dict[int, Document]) -> tuple[str, ...]:
    def code(doc_id: int) -> str:
        doc = docs.get(doc_id) or w.office.get(doc_id)
        return doc.label

    return (
        outcome.text,
        quantity(outcome.quantity),
        outcome.unit or "",
        code(outcome.document_id),
        ", ".join(sorted(code(r) for r in outcome.reported_in)),
    )


@given(step("{who:Nguoi} đã vào sổ các văn bản đi đã ký, tiếp nối số của sổ giấy:"))
def continued_from_paper(world: World, who: str, datatable: list[list[str]]) -> None:
    """Each row keeps the number of the paper register: set the series, then register the document."""
    clerk = world.as_(who)
    for row in table(datatable):
        code = parse_code(row["số, ký hiệu"])
        kind = code.type_key or CONG_VAN
        on = parse_date(row["ngày"])
        clerk.set_series(kind, year=on.year, next_number=code.number)
        deadline = cell(row, "thời hạn")
        doc = clerk.register(
            kind,
            subject=row["trích yếu"],
            on=on,
            unit=code.unit if kind in (CONG_VAN, THU_CONG) else None,
            deadline=parse_date(deadline) if deadline else None,
            signer="chutich",
        )
        assert doc.code == str(code), f"Được cấp {doc.code}, sổ giấy ghi {code}."


@given(step('{who:Nguoi} đã ban hành văn bản "{ref}" ngày {on:Ngay}'))
def was_issued(world: World, who: str, ref: str, on: date) -> None:
    issue(world, who, ref, on)


@given(step("{who:Nguoi} đã ghi các kết quả:"))
def outcomes_recorded(world: World, who: str, datatable: list[list[str]]) -> None:
    for row in table(datatable):
        world.as_(who).add_outcome(
            world.find(row["văn bản"]).id,
            text=row["kết quả"],
            quantity=cell(row, "số lượng"),
            unit=cell(row, "đơn vị tính"),
            on=parse_date(row["ngày"]),
        )


@when(step('{who:Nguoi} truy vết văn bản "{ref}"'), target_fixture="trace")
def traces(world: World, who: str, ref: str) -> Trace | None:
    return world.attempt(lambda: world.as_(who).trace(world.find(ref).id))


@then(step('phía dưới văn bản "{ref}" là:'))
def downstream_is(world: World, trace: Trace | None, ref: str, datatable: list[list[str]]) -> None:
    _check_tree(world, trace, ref, datatable, upward=False)


@then(step('phía trên văn bản "{ref}" là:'))
def upstream_is(world: World, trace: Trace | None, ref: str, datatable: list[list[str]]) -> None:
    _check_tree(world, trace, ref, datatable, upward=True)


@then(step("các kết quả trong chuỗi là:"))
def chain_outcomes(world: World, trace: Trace | None, datatable: list[list[str]]) -> None:
    world.expect_no_refusal()
    assert trace is not None
    got = [_outcome_row(world, o, trace.documents) for o in trace.outcomes]
    wanted = [
        (r["kết quả"], r["số lượng"], r["đơn vị tính"], r["của văn bản"], r["đã báo cáo trong"])
        for r in table(datatable)
    ]
    assert sorted(got) == sorted(wanted), f"Kết quả trong chuỗi: {got}"


@then("không có việc nào quá hạn")
def nothing_overdue(world: World, status: StatusReport | None) -> None:
    world.expect_no_refusal()
    assert status is not None
    assert not status.items, f"Quá hạn: {[(i.document.label, i.overdue_days) for i in status.items]}"


@then("trong danh sách việc đang mở không còn kế hoạch, quyết định hay văn bản đến nào")
def no_open_directives(world: World, status: StatusReport | None) -> None:
    world.expect_no_refusal()
    assert status is not None
    left = [
        (i.document.label, i.status_label)
        for i in status.items
        if i.document.type_key in ("KH", "QĐ") or i.document.direction is Direction.IN
    ]
    assert not left, f"Còn mở: {left}"


@then(step('mọi kết quả đã ghi đều đã được báo cáo trong "{code}"'))
def all_outcomes_reported(world: World, code: str) -> None:
    world.expect_no_refusal()
    report = world.office.get(code)
    outcomes = [o for d in world.office.documents() for o in world.office.outcomes(d.id)]
    assert outcomes, "Chưa có kết quả nào."
    unreported = [o.text for o in outcomes if report.id not in o.reported_in]
    assert not unreported, f"Chưa báo cáo: {unreported}"
