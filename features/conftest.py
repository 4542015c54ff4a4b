"""Step definitions shared by every Vietnamese feature in this folder (pytest-bdd).

The database fixtures are those of ``tests/conftest.py``: ``db_url`` (parametrised over the
engines named in VANBAN_TEST_ENGINES) and ``office`` (UBND xã Phú Thái, acting as its clerk
"vanthu", with the unit VHXH, the sender SKHCN, the leader "chutich" and the officer
"chuyenvien"). A conftest only serves its own folder and ``pytest_plugins`` is only allowed in
the rootdir conftest, so that file is loaded here under a name of its own and its fixtures and
collection hook are re-exported: one definition, two folders. A refused action is recorded by
the "Khi" steps and must be examined by a "Thì thao tác bị từ chối …" step; any other "Thì" step,
and the end of the scenario, fail on a refusal nobody expected.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import pytest
from parse import with_pattern
from pytest_bdd import given, parsers, then, when

from vanban import Direction, Document, LinkKind, Office, Secrecy, parse_code, parse_date
from vanban.domain.model import LINK_LABELS, ROLE_LABELS, Event, Outcome, SeriesState
from vanban.domain.numbering import NumberingPolicy, Policy
from vanban.domain.sheet import Sheet
from vanban.domain.types import ADMINISTRATIVE_TYPES, CONG_VAN, THU_CONG, get_type, type_name
from vanban.domain.workflow import Workflow
from vanban.errors import (
    DateOrderError,
    DuplicateError,
    InputError,
    LinkError,
    NotFoundError,
    PermissionDeniedError,
    RuleError,
    TransitionError,
    VanbanError,
)
from vanban.office.status import StatusReport
from vanban.office.trace import Trace, TraceNode

T = TypeVar("T")


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


# ---------------------------------------------------------------------- words of the features

ROLE_LOGINS = {"văn thư": "vanthu", "lãnh đạo": "chutich", "chủ tịch": "chutich", "chuyên viên": "chuyenvien"}
ACTIONS = {
    "trình ký": "submit",
    "ký": "sign",
    "trả lại": "return",
    "thu hồi": "recall",
    "bắt đầu thực hiện": "start",
    "hoàn thành thực hiện": "complete",
}
REFUSALS: dict[str, type[VanbanError]] = {
    "sai thứ tự ngày": DateOrderError,
    "trùng văn bản đã vào sổ": DuplicateError,
    "không tìm thấy": NotFoundError,
    "không có quyền": PermissionDeniedError,
    "sai trạng thái": TransitionError,
    "liên kết không hợp lệ": LinkError,
    "vi phạm quy tắc": RuleError,
    "dữ liệu nhập sai": InputError,
}
LINK_KINDS = {label: kind for kind, label in LINK_LABELS.items()}
# How the history names what is not a lifecycle transition.
EVENT_LABELS = {
    "create": "Soạn dự thảo",
    "receive": "Tiếp nhận",
    "cite": "Dẫn chiếu",
    "link": "Liên kết",
    "assignment": "Phân công",
    "outcome": "Ghi kết quả",
    "edit": "Sửa",
}
TYPE_NAMES = {t.name.lower(): t.key for t in ADMINISTRATIVE_TYPES}
# A document brought to a state by the "đang ở trạng thái" step is issued on this day.
ISSUE_DAY = date(2025, 9, 29)
DEFAULT_UNIT = "VHXH"
SHOW_ORDER = ("chuyenvien", "chutich", "vanthu")


def _choice(words: Iterable[str]) -> str:
    alternatives = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in alternatives) + ")"


@with_pattern(r"\d{1,2}/\d{1,2}/\d{4}")
def _date(text: str) -> date:
    return parse_date(text)


@with_pattern(_choice(ROLE_LOGINS))
def _person(text: str) -> str:
    return ROLE_LOGINS[text.lower()]


@with_pattern(_choice(TYPE_NAMES))
def _type(text: str) -> str:
    return TYPE_NAMES[text.lower()]


@with_pattern(_choice(ACTIONS))
def _action(text: str) -> str:
    return ACTIONS[text.lower()]


@with_pattern(_choice(REFUSALS))
def _refusal(text: str) -> type[VanbanError]:
    return REFUSALS[text.lower()]


@with_pattern(_choice(LINK_KINDS))
def _link_kind(text: str) -> LinkKind:
    return LINK_KINDS[text.lower()]


TYPES = {
    "Ngay": _date,
    "Nguoi": _person,
    "Loai": _type,
    "ThaoTac": _action,
    "LyDo": _refusal,
    "Kieu": _link_kind,
}


def step(text: str) -> parsers.parse:
    """A Vietnamese step pattern with the types above."""
    return parsers.parse(text, extra_types=TYPES)


# ---------------------------------------------------------------------- the scenario's state


@dataclass(frozen=True)
class Snapshot:
    """Everything a refused action must leave as it was."""

    rows: dict[str, int]
    series: list[SeriesState]
    documents: list[tuple[Any, ...]]


@dataclass
class World:
    office: Office
    error: VanbanError | None = None
    error_examined: bool = True
    before: Snapshot | None = None
    result: Any = None
    cited: dict[str, int] = field(default_factory=dict)
    trace: Trace | None = None
    status: StatusReport | None = None
    _people: dict[str, Office] = field(default_factory=dict)

    def as_(self, login: str) -> Office:
        if login not in self._people:
            self._people[login] = self.office.as_user(login)
        return self._people[login]

    def attempt(self, action: Callable[[], T]) -> T | None:
        """Run what a "Khi" step does; a refusal is kept for the "Thì" steps to examine."""
        self.expect_no_refusal()
        self.error, self.result = None, None
        self.before = snapshot(self.office)
        try:
            self.result = action()
        except VanbanError as exc:
            self.error, self.error_examined = exc, False
            return None
        return self.result

    def refusal(self) -> VanbanError:
        assert self.error is not None, "Thao tác lẽ ra phải bị từ chối nhưng đã được thực hiện."
        self.error_examined = True
        return self.error

    def expect_no_refusal(self) -> None:
        if self.error is not None and not self.error_examined:
            error, self.error_examined = self.error, True
            raise AssertionError(
                f"Thao tác bị từ chối ngoài dự kiến: {type(error).__name__}: {error}"
            ) from error

    # -- finding documents as the features name them: by code ("90/KH-UBND") or by subject

    def find(self, ref: str, *, year: int | None = None) -> Document:
        by_subject = [d for d in self.office.documents() if d.subject == ref]
        if len(by_subject) == 1:
            return by_subject[0]
        assert not by_subject, f"Có {len(by_subject)} văn bản cùng trích yếu «{ref}»."
        return self.office.get(ref, year=year)

    def target(self, ref: str) -> str | int:
        """A document to link to: the one held, else the code itself (it becomes a reference)."""
        try:
            return self.find(ref).id
        except NotFoundError:
            return ref

    def incoming(self, code: str, sender: str | None = None) -> Document:
        found = [
            d
            for d in self.office.documents(direction=Direction.IN)
            if d.code == str(parse_code(code))
            and (sender is None or sender in (d.issuer_name, d.issuer_code))
        ]
        assert len(found) == 1, f"Tìm thấy {len(found)} văn bản đến {code}" + (
            f" của {sender}" if sender else ""
        )
        return found[0]

    def workflow(self, doc: Document) -> Workflow:
        wf = self.office.workflow_of(doc)
        assert wf is not None, f"{doc.label} chỉ là văn bản được dẫn chiếu, không có vòng đời."
        return wf


@pytest.fixture
def world(office: Office) -> Iterator[World]:
    w = World(office)
    yield w
    w.expect_no_refusal()


def snapshot(office: Office) -> Snapshot:
    from sqlalchemy import func, select

    from vanban.store.tables import metadata

    with office.engine.connect() as conn:
        rows = {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in metadata.sorted_tables
        }
    documents = [
        (d.id, d.status, d.number, d.code, d.year, d.arrival_number, d.deadline, d.reference_only)
        for d in office.documents()
    ]
    return Snapshot(rows, office.series(), documents)


def cell(row: dict[str, str], column: str) -> str | None:
    """A table cell, None when the column is absent or the cell empty."""
    value = row.get(column, "").strip()
    return value or None


def table(datatable: list[list[str]]) -> list[dict[str, str]]:
    header, *rows = datatable
    return [dict(zip(header, row, strict=True)) for row in rows]


def short(d: date | None) -> str:
    return f"{d.day}/{d.month}/{d.year}" if d else ""


def quantity(value: Decimal | None) -> str:
    return f"{value.normalize():f}" if value is not None else ""


def guillemets(text: str) -> list[str]:
    return re.findall(r"«(.+?)»", text)


def series_state(
    office: Office, type_key: str | None, year: int, *, secret: bool = False
) -> SeriesState | None:
    policy = NumberingPolicy(Policy(office.office().numbering))
    if type_key is None:
        key = policy.series_key(CONG_VAN, direction=Direction.IN)
    else:
        key = policy.series_key(type_key, direction=Direction.OUT, secret=secret)
    return next((s for s in office.series(year) if s.key == key), None)


def unit_for(type_key: str, unit: str | None) -> str | None:
    """Công văn and thư công need a drafting unit for their notation; VHXH unless told."""
    if unit is None and type_key in (CONG_VAN, THU_CONG):
        return DEFAULT_UNIT
    return unit


def event_label(wf: Workflow | None, event: Event) -> str:
    if event.trigger in EVENT_LABELS:
        return EVENT_LABELS[event.trigger]
    return wf.trigger_label(event.trigger) if wf else event.trigger


def history(w: World, ref: str) -> list[tuple[str, str, str, str, Event]]:
    doc = w.find(ref)
    wf = w.office.workflow_of(doc)
    label = wf.label_of if wf else str
    return [
        (event_label(wf, e), e.actor, label(e.from_state), label(e.to_state), e)
        for e in w.office.history(doc.id)
    ]


# ---------------------------------------------------------------------- the register, its people


@given(step('sổ đăng ký văn bản của "{name}"'))
def register_of(world: World, name: str) -> None:
    own = world.office.office()
    assert own.name == name, f"Sổ này của «{own.name}», không phải «{name}»."
    assert own.own


@given(step('đơn vị soạn thảo "{code}" là "{name}"'))
def drafting_unit(world: World, code: str, name: str) -> None:
    units = {u.code: u.name for u in world.office.units()}
    assert units.get(code) == name, f"Đơn vị soạn thảo: {units}"


@given("những người dùng sổ:")
def users_of_register(world: World, datatable: list[list[str]]) -> None:
    users = {u.login: u for u in world.office.users()}
    for row in table(datatable):
        user = users.get(row["tên đăng nhập"])
        assert user is not None, f"Không có người dùng «{row['tên đăng nhập']}»."
        assert user.full_name == row["họ tên"]
        expected = {r.strip() for r in row["vai trò"].split(",")}
        assert {ROLE_LABELS[r] for r in user.roles} == expected


@given("các cơ quan gửi văn bản đến:")
def senders(world: World, datatable: list[list[str]]) -> None:
    known = {(o.code, o.name) for o in world.office.orgs()}
    for row in table(datatable):
        if (row["mã"], row["tên"]) not in known:
            world.office.add_org(row["mã"], row["tên"])


@when(step('{who:Nguoi} thêm cơ quan "{code}" là "{name}"'))
def add_sender(world: World, who: str, code: str, name: str) -> None:
    world.attempt(lambda: world.as_(who).add_org(code, name))


# ---------------------------------------------------------------------- numbering


@given(step("{who:Nguoi} đã đặt số tiếp theo của sổ {kind:Loai} năm {year:d} là {number:d}"))
def series_was_set(world: World, who: str, kind: str, year: int, number: int) -> None:
    world.as_(who).set_series(kind, year=year, next_number=number)


@when(step("{who:Nguoi} đặt số tiếp theo của sổ {kind:Loai} năm {year:d} là {number:d}"))
def set_series(world: World, who: str, kind: str, year: int, number: int) -> None:
    world.attempt(lambda: world.as_(who).set_series(kind, year=year, next_number=number))


def _register(
    w: World, who: str, kind: str, subject: str, on: date, *, unit: str | None = None, **extra: Any
) -> Document:
    return w.as_(who).register(kind, subject=subject, on=on, unit=unit_for(kind, unit), **extra)


@given(step('{who:Nguoi} đã vào sổ {kind:Loai} "{subject}" đã ký ngày {on:Ngay}'))
def was_registered(world: World, who: str, kind: str, subject: str, on: date) -> None:
    _register(world, who, kind, subject, on)


@when(step('{who:Nguoi} vào sổ {kind:Loai} "{subject}" đã ký ngày {on:Ngay}'))
def registers(world: World, who: str, kind: str, subject: str, on: date) -> None:
    world.attempt(lambda: _register(world, who, kind, subject, on))


@when(step('{who:Nguoi} vào sổ {kind:Loai} mật "{subject}" đã ký ngày {on:Ngay}'))
def registers_secret(world: World, who: str, kind: str, subject: str, on: date) -> None:
    world.attempt(lambda: _register(world, who, kind, subject, on, secrecy=Secrecy.MAT))


def _register_rows(w: World, who: str, datatable: list[list[str]]) -> list[Document]:
    done = []
    for row in table(datatable):
        kind = get_type(row["loại"]).key
        deadline = cell(row, "thời hạn")
        done.append(
            _register(
                w,
                who,
                kind,
                row["trích yếu"],
                parse_date(row["ngày"]),
                unit=cell(row, "đơn vị"),
                deadline=parse_date(deadline) if deadline else None,
                secrecy=Secrecy.MAT if cell(row, "độ mật") else None,
            )
        )
    return done


@given(step("{who:Nguoi} đã vào sổ các văn bản đã ký:"))
def were_registered(world: World, who: str, datatable: list[list[str]]) -> None:
    _register_rows(world, who, datatable)


@when(step("{who:Nguoi} vào sổ các văn bản đã ký:"))
def registers_many(world: World, who: str, datatable: list[list[str]]) -> None:
    world.attempt(lambda: _register_rows(world, who, datatable))


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
        )
        assert doc.code == str(code), f"Được cấp {doc.code}, sổ giấy ghi {code}."


@then(step('{kind:Loai} "{subject}" được cấp số, ký hiệu "{code}"'))
def was_numbered(world: World, kind: str, subject: str, code: str) -> None:
    world.expect_no_refusal()
    doc = world.find(subject)
    assert doc.type_key == kind, (
        f"{doc.label} là {type_name(doc.type_key or '')}, không phải {type_name(kind)}."
    )
    assert doc.code == code, f"«{subject}» được cấp {doc.code}, không phải {code}."


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


def _check_series(w: World, state: SeriesState | None, what: str, number: int, on: date | None) -> None:
    w.expect_no_refusal()
    assert state is not None, f"Sổ {what} chưa có."
    assert state.last_number == number, f"Sổ {what} đã cấp đến số {state.last_number}, không phải {number}."
    if on is not None:
        assert state.last_date == on, (
            f"Số cuối của sổ {what} cấp ngày {short(state.last_date)}, không phải {short(on)}."
        )


@then(step("sổ {kind:Loai} năm {year:d} đã cấp đến số {number:d}"))
def series_reached(world: World, kind: str, year: int, number: int) -> None:
    _check_series(world, series_state(world.office, kind, year), f"{kind} năm {year}", number, None)


@then(step("sổ {kind:Loai} năm {year:d} đã cấp đến số {number:d} ngày {on:Ngay}"))
def series_reached_on(world: World, kind: str, year: int, number: int, on: date) -> None:
    _check_series(world, series_state(world.office, kind, year), f"{kind} năm {year}", number, on)


@then(step("sổ {kind:Loai} mật năm {year:d} đã cấp đến số {number:d} ngày {on:Ngay}"))
def secret_series_reached_on(world: World, kind: str, year: int, number: int, on: date) -> None:
    state = series_state(world.office, kind, year, secret=True)
    _check_series(world, state, f"{kind} mật năm {year}", number, on)


@then(step("sổ văn bản đến năm {year:d} đã cấp đến số {number:d} ngày {on:Ngay}"))
def arrival_series_reached_on(world: World, year: int, number: int, on: date) -> None:
    _check_series(world, series_state(world.office, None, year), f"văn bản đến năm {year}", number, on)


@then(step("sổ {kind:Loai} năm {year:d} chưa cấp số nào"))
def series_untouched(world: World, kind: str, year: int) -> None:
    world.expect_no_refusal()
    state = series_state(world.office, kind, year)
    assert state is None or state.last_number == 0, f"Sổ {kind} năm {year} đã cấp đến số {state.last_number}."


@then(step('nhật ký của sổ ghi "{login}" đã đặt "{note}"'))
def series_set_logged(world: World, login: str, note: str) -> None:
    world.expect_no_refusal()
    logged = [(e.actor, e.note) for e in world.office.office_events() if e.trigger == "series_set"]
    assert (login, note) in logged, f"Nhật ký đặt số: {logged}"


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


@then(step("thông báo lỗi nêu các thao tác được phép: {allowed}"))
def message_lists_allowed(world: World, allowed: str) -> None:
    error = world.refusal()
    text = str(error)
    marker = "Các thao tác được phép:"
    assert marker in text, f"Thông báo lỗi «{text}» không nêu các thao tác được phép."
    listed = guillemets(text.split(marker, 1)[1])
    assert listed == guillemets(allowed), f"Thông báo lỗi nêu {listed}."


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


def _draft(w: World, who: str, kind: str, subject: str, unit: str | None = None) -> Document:
    return w.as_(who).draft(kind, subject=subject, unit=unit_for(kind, unit))


@given(step('{who:Nguoi} đã soạn dự thảo {kind:Loai} "{subject}"'))
def drafted(world: World, who: str, kind: str, subject: str) -> None:
    _draft(world, who, kind, subject)


@given(step('{who:Nguoi} đã soạn dự thảo {kind:Loai} "{subject}" do đơn vị "{unit}" soạn thảo'))
def drafted_by_unit(world: World, who: str, kind: str, subject: str, unit: str) -> None:
    _draft(world, who, kind, subject, unit)


def _path(wf: Workflow, goal: str) -> list[str]:
    """The shortest list of triggers from the initial state to the state labelled ``goal``."""
    paths: dict[str, list[str]] = {wf.initial: []}
    queue = deque([wf.initial])
    while queue:
        state = queue.popleft()
        if wf.label_of(state) == goal:
            return paths[state]
        for t in wf.transitions_from(state):
            if t.dest not in paths:
                paths[t.dest] = [*paths[state], t.trigger]
                queue.append(t.dest)
    raise AssertionError(f"Quy trình «{wf.label}» không có trạng thái «{goal}».")


@given(step('{kind:Loai} "{subject}" đang ở trạng thái "{label}"'))
def brought_to_state(world: World, kind: str, subject: str, label: str) -> None:
    doc = _draft(world, "chuyenvien", kind, subject)
    wf = world.workflow(doc)
    roles = {u.login: u.roles for u in world.office.users()}
    for trigger in _path(wf, label):
        spec = wf.transition(world.find(subject).status or "", trigger)
        assert spec is not None
        who = next(login for login in SHOW_ORDER if spec.permits(roles[login]))
        if trigger == "issue":
            world.as_(who).issue(doc.id, on=ISSUE_DAY)
        else:
            world.as_(who).fire(doc.id, trigger)
    assert world.office.status_label(world.find(subject)) == label


@given(step('{who:Nguoi} đã {action:ThaoTac} văn bản "{ref}"'))
def acted(world: World, who: str, action: str, ref: str) -> None:
    world.as_(who).fire(world.find(ref).id, action)


@when(step('{who:Nguoi} {action:ThaoTac} văn bản "{ref}"'))
def acts(world: World, who: str, action: str, ref: str) -> None:
    doc = world.find(ref)
    world.attempt(lambda: world.as_(who).fire(doc.id, action))


@when(step('{who:Nguoi} hủy dự thảo "{ref}"'))
def cancels(world: World, who: str, ref: str) -> None:
    doc = world.find(ref)
    world.attempt(lambda: world.as_(who).fire(doc.id, "cancel"))


@when(step('{who:Nguoi} thực hiện thao tác "{label}" với văn bản "{ref}"'))
def acts_by_label(world: World, who: str, label: str, ref: str) -> None:
    doc = world.find(ref)
    triggers = {t.trigger for t in world.workflow(doc).transitions if t.label == label}
    assert len(triggers) == 1, f"Quy trình không có (đúng một) thao tác «{label}»: {triggers}"
    world.attempt(lambda: world.as_(who).fire(doc.id, triggers.pop()))


def _issue(w: World, who: str, ref: str, on: date, **signer: str) -> Document:
    return w.as_(who).issue(w.find(ref).id, on=on, **signer)


@given(step('{who:Nguoi} đã ban hành văn bản "{ref}" ngày {on:Ngay}'))
def was_issued(world: World, who: str, ref: str, on: date) -> None:
    _issue(world, who, ref, on)


@when(step('{who:Nguoi} ban hành văn bản "{ref}" ngày {on:Ngay}'))
def issues(world: World, who: str, ref: str, on: date) -> None:
    world.attempt(lambda: _issue(world, who, ref, on))


SIGNED = ', người ký "{name}", chức vụ "{title}", thẩm quyền "{authority}"'


@when(step('{who:Nguoi} ban hành văn bản "{ref}" ngày {on:Ngay}' + SIGNED))
def issues_signed(world: World, who: str, ref: str, on: date, name: str, title: str, authority: str) -> None:
    world.attempt(lambda: _issue(world, who, ref, on, signer=name, title=title, authority=authority))


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


@then(step('văn bản "{ref}" vẫn giữ số, ký hiệu "{code}"'))
def keeps_code(world: World, ref: str, code: str) -> None:
    world.expect_no_refusal()
    assert world.find(ref).code == code


@then(step('số, ký hiệu "{code}" vẫn chỉ văn bản "{subject}"'))
def code_names(world: World, code: str, subject: str) -> None:
    world.expect_no_refusal()
    doc = world.office.get(code)
    assert doc.subject == subject, f"{code} là «{doc.subject}»."


@then(step('văn bản "{ref}" ghi người ký "{name}", chức vụ "{title}", thẩm quyền "{authority}"'))
def signed_by(world: World, ref: str, name: str, title: str, authority: str) -> None:
    world.expect_no_refusal()
    doc = world.find(ref)
    assert (doc.signer_name, doc.signer_title, doc.signer_authority) == (name, title, authority)


@then(step('lịch sử của văn bản "{ref}" ghi:'))
def history_reads(world: World, ref: str, datatable: list[list[str]]) -> None:
    world.expect_no_refusal()
    got = [row[:4] for row in history(world, ref)]
    wanted = [
        (r["thao tác"], r["người thực hiện"], r["từ trạng thái"], r["đến trạng thái"])
        for r in table(datatable)
    ]
    assert got == wanted, f"Lịch sử ghi {got}."


@then(step('mỗi dòng lịch sử của văn bản "{ref}" đều ghi thời điểm, theo thứ tự thời gian'))
def history_is_timed(world: World, ref: str) -> None:
    world.expect_no_refusal()
    moments = [row[4].at for row in history(world, ref)]
    assert moments and all(m is not None for m in moments)
    assert moments == sorted(moments), f"Thời điểm không theo thứ tự: {moments}"


@then(step('lịch sử của văn bản "{ref}" có sự kiện "{label}" của "{login}" từ "{source}" sang "{dest}"'))
def history_has(world: World, ref: str, label: str, login: str, source: str, dest: str) -> None:
    world.expect_no_refusal()
    rows = [row[:4] for row in history(world, ref)]
    assert (label, login, source, dest) in rows, f"Lịch sử ghi {rows}."


@then(
    step('lịch sử của văn bản "{ref}" có sự kiện "{label}" từ "{source}" sang "{dest}" do văn bản "{cause}"')
)
def history_has_caused(world: World, ref: str, label: str, source: str, dest: str, cause: str) -> None:
    world.expect_no_refusal()
    by = world.find(cause)
    found = [
        e
        for name, _actor, src, dst, e in history(world, ref)
        if (name, src, dst) == (label, source, dest) and e.data.get("cause") == by.id
    ]
    assert len(found) == 1, f"Lịch sử ghi {[(*row[:4], row[4].data) for row in history(world, ref)]}."
    assert found[0].data.get("coupled") is True
    assert by.code is not None and by.code in (found[0].note or ""), f"Sự kiện ghi «{found[0].note}»."


@then(step('lịch sử của văn bản "{ref}" không có sự kiện nào do văn bản khác gây ra'))
def history_has_no_caused(world: World, ref: str) -> None:
    world.expect_no_refusal()
    caused = [row[:4] for row in history(world, ref) if row[4].data.get("coupled")]
    assert not caused, f"Lịch sử ghi {caused}."


@then(step('{who:Nguoi} được thực hiện với văn bản "{ref}" các thao tác: {allowed}'))
def may_do(world: World, who: str, ref: str, allowed: str) -> None:
    world.expect_no_refusal()
    labels = [label for _trigger, label, _dest in world.as_(who).actions(world.find(ref).id)]
    assert labels == guillemets(allowed), f"{who} được: {labels}"


# ---------------------------------------------------------------------- incoming documents


def _receive(
    w: World,
    who: str,
    code: str,
    sender: str,
    on: date,
    arrived: date,
    subject: str,
    deadline: date | None = None,
) -> Document:
    return w.as_(who).receive(code, sender=sender, on=on, arrived=arrived, subject=subject, deadline=deadline)


RECEIVE = (
    '{who:Nguoi} {verb} sổ văn bản đến "{code}" của "{sender}" ngày {on:Ngay}, '
    'đến ngày {arrived:Ngay}, trích yếu "{subject}"'
)
DEADLINE = ", thời hạn giải quyết {deadline:Ngay}"


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
    _receive(world, who, code, sender, on, arrived, subject, deadline)


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
    world.attempt(lambda: _receive(world, who, code, sender, on, arrived, subject, deadline))


@when(step("{who:Nguoi} vào sổ các văn bản đến:"))
def receives_many(world: World, who: str, datatable: list[list[str]]) -> None:
    def work() -> list[Document]:
        done = []
        for row in table(datatable):
            deadline = cell(row, "thời hạn giải quyết")
            done.append(
                _receive(
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


# ---------------------------------------------------------------------- links


def _link(w: World, who: str, source: str, kind: LinkKind, target: str) -> Document:
    linked = w.as_(who).link(w.find(source).id, w.target(target), kind)
    if linked.reference_only and linked.code:
        w.cited[linked.code] = linked.id
    return linked


@given(step('{who:Nguoi} đã ghi văn bản "{source}" {kind:Kieu} văn bản "{target}"'))
def was_linked(world: World, who: str, source: str, kind: LinkKind, target: str) -> None:
    _link(world, who, source, kind, target)


@when(step('{who:Nguoi} ghi văn bản "{source}" {kind:Kieu} văn bản "{target}"'))
def links(world: World, who: str, source: str, kind: LinkKind, target: str) -> None:
    world.attempt(lambda: _link(world, who, source, kind, target))


@given(step("{who:Nguoi} đã ghi các liên kết:"))
def were_linked(world: World, who: str, datatable: list[list[str]]) -> None:
    for row in table(datatable):
        _link(world, who, row["văn bản"], LINK_KINDS[row["liên kết"]], row["văn bản được liên kết"])


@then(step('"{code}" là văn bản chỉ dẫn chiếu của "{issuer}"'))
def is_reference(world: World, code: str, issuer: str) -> None:
    world.expect_no_refusal()
    doc = world.office.get(code)
    assert doc.reference_only, f"{code} không phải văn bản chỉ dẫn chiếu."
    assert world.office.status_label(doc) == "Chỉ dẫn chiếu"
    assert doc.issuer_name == issuer, f"{code} của «{doc.issuer_name}»."


@then(step('"{code}" không có trong sổ văn bản đến'))
def not_in_incoming_register(world: World, code: str) -> None:
    world.expect_no_refusal()
    assert code not in [d.code for d in world.office.documents(direction=Direction.IN)]


@then(step('văn bản dẫn chiếu "{code}" được vào sổ ngay trên bản ghi cũ, với số đến {number:d}'))
def reference_upgraded(world: World, code: str, number: int) -> None:
    world.expect_no_refusal()
    cited = world.cited[code]
    received = world.result
    assert isinstance(received, Document)
    held = world.office.documents(direction=Direction.IN)
    same_code = [d.id for d in held if d.code == code]
    assert received.id == cited, (
        f"{code} được vào sổ thành văn bản mới #{received.id}, bản dẫn chiếu #{cited} vẫn còn."
    )
    assert same_code == [cited], f"Có các văn bản {code}: {same_code}."
    doc = world.office.get(code)
    assert doc.id == cited and not doc.reference_only
    assert doc.arrival_number == number


@then(step('văn bản "{source}" vẫn {kind:Kieu} văn bản "{target}"'))
def still_linked(world: World, source: str, kind: LinkKind, target: str) -> None:
    world.expect_no_refusal()
    up = [
        (n.kind, n.document.code, n.document.id) for n in world.office.trace(world.find(source).id).upstream
    ]
    wanted = world.find(target)
    assert (kind, wanted.code, wanted.id) in up, f"Phía trên {source}: {up}"


# ---------------------------------------------------------------------- assignments, outcomes


def _assign(w: World, who: str, ref: str, lead: str, deadline: date | None = None) -> None:
    w.as_(who).assign(w.find(ref).id, lead=lead, deadline=deadline)


ASSIGN = '{who:Nguoi} {verb} văn bản "{ref}" cho "{lead}" chủ trì'


@given(step(ASSIGN.replace("{verb}", "đã phân công")))
@given(step(ASSIGN.replace("{verb}", "đã phân công") + ", thời hạn {deadline:Ngay}"))
def was_assigned(world: World, who: str, ref: str, lead: str, deadline: date | None = None) -> None:
    _assign(world, who, ref, lead, deadline)


@when(step(ASSIGN.replace("{verb}", "phân công")))
@when(step(ASSIGN.replace("{verb}", "phân công") + ", thời hạn {deadline:Ngay}"))
def assigns(world: World, who: str, ref: str, lead: str, deadline: date | None = None) -> None:
    world.attempt(lambda: _assign(world, who, ref, lead, deadline))


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


# ---------------------------------------------------------------------- trace


@when(step('{who:Nguoi} truy vết văn bản "{ref}"'))
def traces(world: World, who: str, ref: str) -> None:
    world.trace = world.attempt(lambda: world.as_(who).trace(world.find(ref).id))


def _tree_rows(w: World, parent: Document, nodes: list[TraceNode]) -> list[tuple[str, str, str, str]]:
    rows = []
    for node in nodes:
        kind = LINK_LABELS[node.kind] if node.kind else ""
        rows.append((node.document.label, kind, parent.label, w.office.status_label(node.document)))
        rows.extend(_tree_rows(w, node.document, node.children))
    return rows


def _check_tree(w: World, ref: str, datatable: list[list[str]], *, upward: bool) -> None:
    w.expect_no_refusal()
    assert w.trace is not None
    root = w.trace.root.document
    assert root.label == ref
    got = _tree_rows(w, root, w.trace.upstream if upward else w.trace.downstream)
    wanted = [(r["văn bản"], r["liên kết"], r["thuộc văn bản"], r["trạng thái"]) for r in table(datatable)]
    assert sorted(got) == sorted(wanted), f"Chuỗi văn bản: {got}"


@then(step('phía dưới văn bản "{ref}" là:'))
def downstream_is(world: World, ref: str, datatable: list[list[str]]) -> None:
    _check_tree(world, ref, datatable, upward=False)


@then(step('phía trên văn bản "{ref}" là:'))
def upstream_is(world: World, ref: str, datatable: list[list[str]]) -> None:
    _check_tree(world, ref, datatable, upward=True)


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


@then(step("các kết quả trong chuỗi là:"))
def chain_outcomes(world: World, datatable: list[list[str]]) -> None:
    world.expect_no_refusal()
    assert world.trace is not None
    got = [_outcome_row(world, o, world.trace.documents) for o in world.trace.outcomes]
    wanted = [
        (r["kết quả"], r["số lượng"], r["đơn vị tính"], r["của văn bản"], r["đã báo cáo trong"])
        for r in table(datatable)
    ]
    assert sorted(got) == sorted(wanted), f"Kết quả trong chuỗi: {got}"


# ---------------------------------------------------------------------- status


@when(step("{who:Nguoi} xem tình hình ngày {as_of:Ngay}"))
def looks_at_status(world: World, who: str, as_of: date) -> None:
    world.status = world.attempt(lambda: world.as_(who).status(as_of=as_of))


@when(step("{who:Nguoi} xem các việc quá hạn tính đến ngày {as_of:Ngay}"))
def looks_at_overdue(world: World, who: str, as_of: date) -> None:
    world.status = world.attempt(lambda: world.as_(who).status(overdue=True, as_of=as_of))


def _status_rows(world: World, datatable: list[list[str]]) -> None:
    world.expect_no_refusal()
    assert world.status is not None
    wanted = table(datatable)
    got = []
    for item in world.status.items:
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


@then(step("danh sách việc đang mở là:"))
def open_items_are(world: World, datatable: list[list[str]]) -> None:
    _status_rows(world, datatable)


@then(step("danh sách việc quá hạn là:"))
def overdue_items_are(world: World, datatable: list[list[str]]) -> None:
    _status_rows(world, datatable)


@then("không có việc nào quá hạn")
def nothing_overdue(world: World) -> None:
    world.expect_no_refusal()
    assert world.status is not None
    assert not world.status.items, (
        f"Quá hạn: {[(i.document.label, i.overdue_days) for i in world.status.items]}"
    )


@then("trong danh sách việc đang mở không còn kế hoạch, quyết định hay văn bản đến nào")
def no_open_directives(world: World) -> None:
    world.expect_no_refusal()
    assert world.status is not None
    left = [
        (i.document.label, i.status_label)
        for i in world.status.items
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
