"""Steps shared by several Vietnamese features, and the fixtures every feature runs on (pytest-bdd).

The database fixtures are those of ``tests/conftest.py``: ``db_url`` (parametrised over the
engines named in VANBAN_TEST_ENGINES) and ``office`` (UBND xã Phú Thái, acting as its clerk
"vanthu", with the unit VHXH, the sender SKHCN, the leader "chutich" and the officer
"chuyenvien"). A conftest only serves its own folder and ``pytest_plugins`` is only allowed in
the rootdir conftest, so that file is loaded here under a name of its own and its fixtures and
collection hook are re-exported: one definition, two folders.

A refused action is recorded by the "Khi" steps and must be examined by a "Thì thao tác bị từ
chối …" step; any other "Thì" step, and the end of the scenario, fail on a refusal nobody
expected. What a "Khi" step looks at (the trace, the status) reaches the "Thì" steps as a
fixture (``target_fixture``); the documents themselves are found in the register by subject
or code.

A step used by one feature only sits beside it, in ``test_<feature>.py`` (pytest-bdd, "Reusing
steps"); the words of the features and the scenario's World are in ``support.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from pytest_bdd import given, then, when
from support import (
    ASSIGN,
    DEADLINE,
    LINK_KINDS,
    RECEIVE,
    World,
    assign,
    check_series,
    draft,
    issue,
    link,
    receive,
    register,
    series_state,
    short,
    snapshot,
    step,
    table,
)

from vanban import LinkKind, Office, parse_date
from vanban.domain.types import type_name
from vanban.errors import VanbanError
from vanban.office.status import StatusReport

# ---------------------------------------------------------------------- the shared fixtures


def _load_test_conftest() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "tests" / "conftest.py"
    spec = importlib.util.spec_from_file_location("vanban_features_db_fixtures", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_db = _load_test_conftest()
sqlite_template = _db.sqlite_template
_drop_server_databases = _db._drop_server_databases
db_url = _db.db_url
office = _db.office
pytest_collection_modifyitems = _db.pytest_collection_modifyitems
cli = _db.cli
clock = _db.clock


@pytest.fixture
def world(office: Office, clock: Callable[[date], None]) -> Iterator[World]:
    w = World(office, today=clock)
    yield w
    w.expect_no_refusal()


# ---------------------------------------------------------------------- the register, its people


@given(step('sổ đăng ký văn bản của "{name}"'))
def register_of(world: World, name: str) -> None:
    own = world.office.office()
    assert own.name == name, f"Sổ này của «{own.name}», không phải «{name}»."
    assert own.own


# ---------------------------------------------------------------------- numbering


@given(step("{who:Nguoi} đã đặt số tiếp theo của sổ {kind:Loai} năm {year:d} là {number:d}"))
def series_was_set(world: World, who: str, kind: str, year: int, number: int) -> None:
    world.as_(who).set_series(kind, year=year, next_number=number)


@given(step('{who:Nguoi} đã vào sổ {kind:Loai} "{subject}" đã ký ngày {on:Ngay}'))
def was_registered(world: World, who: str, kind: str, subject: str, on: date) -> None:
    register(world, who, kind, subject, on)


@when(step('{who:Nguoi} vào sổ {kind:Loai} "{subject}" đã ký ngày {on:Ngay}'))
def registers(world: World, who: str, kind: str, subject: str, on: date) -> None:
    world.attempt(lambda: register(world, who, kind, subject, on))


@then(step('{kind:Loai} "{subject}" được cấp số, ký hiệu "{code}"'))
def was_numbered(world: World, kind: str, subject: str, code: str) -> None:
    world.expect_no_refusal()
    doc = world.find(subject)
    assert doc.type_key == kind, (
        f"{doc.label} là {type_name(doc.type_key or '')}, không phải {type_name(kind)}."
    )
    assert doc.code == code, f"«{subject}» được cấp {doc.code}, không phải {code}."


@then(step("sổ {kind:Loai} năm {year:d} đã cấp đến số {number:d} ngày {on:Ngay}"))
def series_reached_on(world: World, kind: str, year: int, number: int, on: date) -> None:
    check_series(world, series_state(world.office, kind, year), f"{kind} năm {year}", number, on)


@then(step("sổ {kind:Loai} năm {year:d} chưa cấp số nào"))
def series_untouched(world: World, kind: str, year: int) -> None:
    world.expect_no_refusal()
    state = series_state(world.office, kind, year)
    assert state is None or state.last_number == 0, f"Sổ {kind} năm {year} đã cấp đến số {state.last_number}."


# ---------------------------------------------------------------------- refusals


@then(step("thao tác bị từ chối vì {reason:LyDo}, mã lỗi {exit_code:d}"))
def refused(world: World, reason: type[VanbanError], exit_code: int) -> None:
    error = world.refusal()
    assert type(error) is reason, (
        f"Bị từ chối bằng {type(error).__name__} ({error}), không phải {reason.__name__}."
    )
    assert error.exit_code == exit_code, f"Mã lỗi {error.exit_code}, không phải {exit_code}."
    assert error.message.strip(), "Thông báo lỗi trống."


@then(step('thông báo lỗi có "{fragment}"'))
def message_says(world: World, fragment: str) -> None:
    error = world.refusal()
    assert fragment in str(error), f"Thông báo lỗi «{error}» không có «{fragment}»."


@then("dữ liệu trong sổ không thay đổi")
def nothing_changed(world: World) -> None:
    world.refusal()
    assert world.before is not None
    after = snapshot(world.office)
    assert after.rows == world.before.rows, (
        f"Số dòng trong các bảng: trước {world.before.rows}, sau {after.rows}."
    )
    assert after.series == world.before.series, f"Sổ số: trước {world.before.series}, sau {after.series}."
    assert after.documents == world.before.documents, "Văn bản trong sổ đã thay đổi."


# ---------------------------------------------------------------------- lifecycles


@given(step('{who:Nguoi} đã soạn dự thảo {kind:Loai} "{subject}"'))
def drafted(world: World, who: str, kind: str, subject: str) -> None:
    draft(world, who, kind, subject)


@when(step('{who:Nguoi} {action:ThaoTac} văn bản "{ref}"'))
def acts(world: World, who: str, action: str, ref: str) -> None:
    doc = world.find(ref)
    world.attempt(lambda: world.as_(who).fire(doc.id, action))


@when(step('{who:Nguoi} thu hồi văn bản "{ref}", lý do: {reason}'))
def recalls(world: World, who: str, ref: str, reason: str) -> None:
    doc = world.find(ref)
    world.attempt(lambda: world.as_(who).recall(doc.id, reason=reason))


@when(step('{who:Nguoi} hủy dự thảo "{ref}"'))
def cancels(world: World, who: str, ref: str) -> None:
    doc = world.find(ref)
    world.attempt(lambda: world.as_(who).fire(doc.id, "cancel"))


@when(step('{who:Nguoi} ban hành văn bản "{ref}" ngày {on:Ngay}'))
def issues(world: World, who: str, ref: str, on: date) -> None:
    world.attempt(lambda: issue(world, who, ref, on))


@then(step('văn bản "{ref}" ở trạng thái "{label}"'))
def is_in_state(world: World, ref: str, label: str) -> None:
    world.expect_no_refusal()
    doc = world.find(ref)
    assert world.office.status_label(doc) == label, f"{doc.label} đang «{world.office.status_label(doc)}»."


@then(step('văn bản "{ref}" chưa có số'))
def has_no_number(world: World, ref: str) -> None:
    world.expect_no_refusal()
    doc = world.find(ref)
    assert doc.number is None and doc.code is None, f"Văn bản đã có số {doc.code}."


# ---------------------------------------------------------------------- incoming documents


@given(step(RECEIVE.replace("{verb}", "đã vào")))
@given(step(RECEIVE.replace("{verb}", "đã vào") + DEADLINE))
def was_received(
    world: World,
    who: str,
    code: str,
    sender: str,
    on: date,
    arrived: date,
    subject: str,
    deadline: date | None = None,
) -> None:
    receive(world, who, code, sender, on, arrived, subject, deadline)


@when(step(RECEIVE.replace("{verb}", "vào")))
@when(step(RECEIVE.replace("{verb}", "vào") + DEADLINE))
def receives(
    world: World,
    who: str,
    code: str,
    sender: str,
    on: date,
    arrived: date,
    subject: str,
    deadline: date | None = None,
) -> None:
    world.attempt(lambda: receive(world, who, code, sender, on, arrived, subject, deadline))


# ---------------------------------------------------------------------- links and assignments


@given(step('{who:Nguoi} đã ghi văn bản "{source}" {kind:Kieu} văn bản "{target}"'))
def was_linked(world: World, who: str, source: str, kind: LinkKind, target: str) -> None:
    link(world, who, source, kind, target)


@given(step("{who:Nguoi} đã ghi các liên kết:"))
def were_linked(world: World, who: str, datatable: list[list[str]]) -> None:
    for row in table(datatable):
        link(world, who, row["văn bản"], LINK_KINDS[row["liên kết"]], row["văn bản được liên kết"])


@given(step(ASSIGN.replace("{verb}", "đã phân công")))
@given(step(ASSIGN.replace("{verb}", "đã phân công") + ", thời hạn {deadline:Ngay}"))
def was_assigned(world: World, who: str, ref: str, lead: str, deadline: date | None = None) -> None:
    assign(world, who, ref, lead, deadline)


# ---------------------------------------------------------------------- status


@when(step("{who:Nguoi} xem tình hình ngày {as_of:Ngay}"), target_fixture="status")
def looks_at_status(world: World, who: str, as_of: date) -> StatusReport | None:
    world.today(as_of)  # the leader looks on that day: today's register, its deadlines then
    return world.attempt(lambda: world.as_(who).status())


@when(step("{who:Nguoi} xem các việc quá hạn tính đến ngày {as_of:Ngay}"), target_fixture="status")
def looks_at_overdue(world: World, who: str, as_of: date) -> StatusReport | None:
    world.today(as_of)
    return world.attempt(lambda: world.as_(who).status(overdue=True))


@when(step("{who:Nguoi} xem sổ như đã có cuối ngày {as_of:Ngay}"), target_fixture="status")
def looks_at_status_as_of(world: World, who: str, as_of: date) -> StatusReport | None:
    return world.attempt(lambda: world.as_(who).status(as_of=as_of))


@then(step("danh sách việc đang mở là:"))
def open_items_are(world: World, status: StatusReport | None, datatable: list[list[str]]) -> None:
    _status_rows(world, status, datatable)


@then(step("danh sách việc quá hạn là:"))
def overdue_items_are(world: World, status: StatusReport | None, datatable: list[list[str]]) -> None:
    _status_rows(world, status, datatable)


def _status_rows(world: World, status: StatusReport | None, datatable: list[list[str]]) -> None:
    world.expect_no_refusal()
    assert status is not None
    wanted = table(datatable)
    got = []
    for item in status.items:
        values = {
            "văn bản": item.document.label,
            "trạng thái": item.status_label,
            "thời hạn": short(item.deadline),
            "chủ trì": item.lead or "",
            "văn bản thực hiện": str(item.implementing),
            "kết quả": str(item.outcomes),
            "đã báo cáo": "rồi" if item.reported else "chưa",
            "quá hạn": str(item.overdue_days),
        }
        got.append({column: values[column] for column in (wanted[0] if wanted else values)})
    for row in wanted:
        if row.get("thời hạn"):
            row["thời hạn"] = short(parse_date(row["thời hạn"]))
    assert got == wanted, "Danh sách:\n" + "\n".join(str(g) for g in got)
