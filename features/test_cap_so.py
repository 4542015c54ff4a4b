"""Cấp số: the numbering of outgoing documents.

The steps only this feature uses; the shared ones are in conftest.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from pytest_bdd import given, scenarios, then, when
from support import (
    World,
    cell,
    check_series,
    register,
    register_rows,
    series_state,
    step,
    table,
)

from vanban import Document, Secrecy
from vanban.domain.sheet import Sheet
from vanban.domain.types import CONG_VAN

pytestmark = pytest.mark.usefixtures("world")

scenarios("cap_so.feature")


@given(step('đơn vị soạn thảo "{code}" là "{name}"'))
def drafting_unit(world: World, code: str, name: str) -> None:
    units = {u.code: u.name for u in world.office.units()}
    assert units.get(code) == name, f"Đơn vị soạn thảo: {units}"


@when(step("{who:Nguoi} đặt số tiếp theo của sổ {kind:Loai} năm {year:d} là {number:d}"))
def set_series(world: World, who: str, kind: str, year: int, number: int) -> None:
    world.attempt(lambda: world.as_(who).set_series(kind, year=year, next_number=number))


@when(step('{who:Nguoi} vào sổ {kind:Loai} mật "{subject}" đã ký ngày {on:Ngay}'))
def registers_secret(world: World, who: str, kind: str, subject: str, on: date) -> None:
    world.attempt(lambda: register(world, who, kind, subject, on, secrecy=Secrecy.MAT))


@when(step("{who:Nguoi} vào sổ các văn bản đã ký:"))
def registers_many(world: World, who: str, datatable: list[list[str]]) -> None:
    world.attempt(lambda: register_rows(world, who, datatable))


@then(step('{kind:Loai} "{subject}" được cấp số {number:d}'))
def got_number(world: World, kind: str, subject: str, number: int) -> None:
    world.expect_no_refusal()
    doc = world.find(subject)
    assert doc.type_key == kind
    assert doc.number == number, f"«{subject}» được cấp số {doc.number}, không phải {number}."


@then(step("các văn bản được cấp số, ký hiệu:"))
def were_numbered(world: World, datatable: list[list[str]]) -> None:
    world.expect_no_refusal()
    for row in table(datatable):
        doc = world.find(row["trích yếu"])
        assert doc.code == row["số, ký hiệu"], (
            f"«{doc.subject}» được cấp {doc.code}, không phải {row['số, ký hiệu']}."
        )
        if cell(row, "năm"):
            assert doc.year == int(row["năm"]), f"{doc.code} thuộc năm {doc.year}, không phải {row['năm']}."


@then(step('trên văn bản ghi "{line}"'))
def number_line(world: World, line: str) -> None:
    world.expect_no_refusal()
    doc = world.result
    assert isinstance(doc, Document)
    sheet = Sheet(
        issuing_body=world.office.office().name,
        type_key=doc.type_key or CONG_VAN,
        subject=doc.subject,
        code=doc.code,
        notation=doc.notation,
        date=doc.date,
    )
    assert sheet.number_line == line, f"Trên văn bản ghi «{sheet.number_line}»."


@then(step("sổ {kind:Loai} năm {year:d} đã cấp đến số {number:d}"))
def series_reached(world: World, kind: str, year: int, number: int) -> None:
    check_series(world, series_state(world.office, kind, year), f"{kind} năm {year}", number, None)


@then(step("sổ {kind:Loai} mật năm {year:d} đã cấp đến số {number:d} ngày {on:Ngay}"))
def secret_series_reached_on(world: World, kind: str, year: int, number: int, on: date) -> None:
    state = series_state(world.office, kind, year, secret=True)
    check_series(world, state, f"{kind} mật năm {year}", number, on)


@then(step('nhật ký của sổ ghi "{login}" đã đặt "{note}"'))
def series_set_logged(world: World, login: str, note: str) -> None:
    world.expect_no_refusal()
    logged = [(e.actor, e.note) for e in world.office.office_events() if e.trigger == "series_set"]
    assert (login, note) in logged, f"Nhật ký đặt số: {logged}"


@then(step('số, ký hiệu "{code}" vẫn chỉ văn bản "{subject}"'))
def code_names(world: World, code: str, subject: str) -> None:
    world.expect_no_refusal()
    doc = world.office.get(code)
    assert doc.subject == subject, f"{code} là «{doc.subject}»."
