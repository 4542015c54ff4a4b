"""Văn bản đến: the incoming register.

The steps only this feature uses; the shared ones are in conftest.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from pytest_bdd import given, scenarios, then, when
from support import (
    ASSIGN,
    World,
    assign,
    cell,
    check_series,
    receive,
    series_state,
    short,
    step,
    table,
)

from vanban import Document, parse_date
from vanban.domain.types import type_name

pytestmark = pytest.mark.usefixtures("world")

scenarios("van_ban_den.feature")


@given("các cơ quan gửi văn bản đến:")
def senders(world: World, datatable: list[list[str]]) -> None:
    known = {(o.code, o.name) for o in world.office.orgs()}
    for row in table(datatable):
        if (row["mã"], row["tên"]) not in known:
            world.office.add_org(row["mã"], row["tên"])


@when(step('{who:Nguoi} thêm cơ quan "{code}" là "{name}"'))
def add_sender(world: World, who: str, code: str, name: str) -> None:
    world.attempt(lambda: world.as_(who).add_org(code, name))


@when(
    step(
        '{who:Nguoi} vào sổ văn bản đến "{code}" của cơ quan mới "{name}" ngày {on:Ngay}, '
        'đến ngày {arrived:Ngay}, trích yếu "{subject}"'
    )
)
def receives_from_a_new_sender(
    world: World, who: str, code: str, name: str, on: date, arrived: date, subject: str
) -> None:
    world.attempt(
        lambda: world.as_(who).receive(code, sender_name=name, on=on, arrived=arrived, subject=subject)
    )


@given(step("hôm nay là ngày {day:Ngay}"))
@when(step("hôm nay là ngày {day:Ngay}"))
def today_is(world: World, day: date) -> None:
    world.today(day)


@then(step('danh mục cơ quan có "{code}" là "{name}"'))
def org_listed(world: World, code: str, name: str) -> None:
    world.expect_no_refusal()
    listed = {(o.code, o.name) for o in world.office.orgs()}
    assert (code, name) in listed, f"Danh mục cơ quan không có {code} — {name}: {sorted(listed)}."


@then(step("sổ văn bản đến năm {year:d} đã cấp đến số {number:d} ngày {on:Ngay}"))
def arrival_series_reached_on(world: World, year: int, number: int, on: date) -> None:
    check_series(world, series_state(world.office, None, year), f"văn bản đến năm {year}", number, on)


@when(step("{who:Nguoi} vào sổ các văn bản đến:"))
def receives_many(world: World, who: str, datatable: list[list[str]]) -> None:
    def work() -> list[Document]:
        done = []
        for row in table(datatable):
            deadline = cell(row, "thời hạn giải quyết")
            done.append(
                receive(
                    world,
                    who,
                    row["số, ký hiệu"],
                    row["cơ quan gửi"],
                    parse_date(row["ngày văn bản"]),
                    parse_date(row["ngày đến"]),
                    row["trích yếu"],
                    parse_date(deadline) if deadline else None,
                )
            )
        return done

    world.attempt(work)


@then(step("các văn bản đến được cấp số đến:"))
def arrivals_numbered(world: World, datatable: list[list[str]]) -> None:
    world.expect_no_refusal()
    for row in table(datatable):
        doc = world.incoming(row["số, ký hiệu"], cell(row, "cơ quan gửi"))
        got = {
            "số đến": str(doc.arrival_number),
            "ngày đến": short(doc.arrival_date),
            "loại": type_name(doc.type_key or "").lower(),
            "trạng thái": world.office.status_label(doc),
            "cơ quan gửi": doc.issuer_name,
        }
        for column, value in got.items():
            if column in row:
                wanted = short(parse_date(row[column])) if column == "ngày đến" else row[column]
                assert value == wanted, f"{doc.code}: {column} là «{value}», không phải «{wanted}»."


@then(step('văn bản đến "{code}" có số đến {number:d}'))
def arrival_number_is(world: World, code: str, number: int) -> None:
    world.expect_no_refusal()
    assert world.incoming(code).arrival_number == number


@then(step('văn bản đến "{code}" có thời hạn giải quyết {deadline:Ngay}'))
def deadline_is(world: World, code: str, deadline: date) -> None:
    world.expect_no_refusal()
    assert world.incoming(code).deadline == deadline


@when(step(ASSIGN.replace("{verb}", "phân công")))
@when(step(ASSIGN.replace("{verb}", "phân công") + ", thời hạn {deadline:Ngay}"))
def assigns(world: World, who: str, ref: str, lead: str, deadline: date | None = None) -> None:
    world.attempt(lambda: assign(world, who, ref, lead, deadline))
