"""What the Vietnamese features are written in: their words, the scenario's World, and the
helpers the step modules share (steps themselves live in conftest.py when several features use
them, else in the feature's own test module)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from parse import with_pattern
from pytest_bdd import parsers

from vanban import Direction, Document, LinkKind, Office, Secrecy, parse_code, parse_date
from vanban.domain.model import LINK_LABELS, Event, SeriesState
from vanban.domain.numbering import NumberingPolicy, Policy
from vanban.domain.types import ADMINISTRATIVE_TYPES, CONG_VAN, THU_CONG, get_type
from vanban.domain.workflow import Workflow
from vanban.errors import (
    AmbiguousError,
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

T = TypeVar("T")


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
    "không rõ cơ quan nào": AmbiguousError,
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
    today: Callable[[date], None]  # makes it that day (tests/conftest.py: clock)
    error: VanbanError | None = None
    error_examined: bool = True
    before: Snapshot | None = None
    result: Any = None
    cited: dict[str, int] = field(default_factory=dict)
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


# ---------------------------------------------------------------------- acting on the register


# A paper document the clerk enters "đã ký" (already signed) bears the chairman's signature:
# the steps name him by his login, as a clerk does (vanban issue … --signer chutich).
SIGNED_BY = "chutich"


def register(
    w: World, who: str, kind: str, subject: str, on: date, *, unit: str | None = None, **extra: Any
) -> Document:
    extra.setdefault("signer", SIGNED_BY)
    return w.as_(who).register(kind, subject=subject, on=on, unit=unit_for(kind, unit), **extra)


def register_rows(w: World, who: str, datatable: list[list[str]]) -> list[Document]:
    done = []
    for row in table(datatable):
        kind = get_type(row["loại"]).key
        deadline = cell(row, "thời hạn")
        done.append(
            register(
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


def check_series(w: World, state: SeriesState | None, what: str, number: int, on: date | None) -> None:
    w.expect_no_refusal()
    assert state is not None, f"Sổ {what} chưa có."
    assert state.last_number == number, f"Sổ {what} đã cấp đến số {state.last_number}, không phải {number}."
    if on is not None:
        assert state.last_date == on, (
            f"Số cuối của sổ {what} cấp ngày {short(state.last_date)}, không phải {short(on)}."
        )


def draft(w: World, who: str, kind: str, subject: str, unit: str | None = None) -> Document:
    return w.as_(who).draft(kind, subject=subject, unit=unit_for(kind, unit))


def issue(w: World, who: str, ref: str, on: date, **signer: str) -> Document:
    doc = w.find(ref)
    if not signer and doc.signer_name is None:
        signer = {"signer": SIGNED_BY}  # a draft issued as a paper document the chairman signed
    return w.as_(who).issue(doc.id, on=on, **signer)


def receive(
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


def link(w: World, who: str, source: str, kind: LinkKind, target: str) -> Document:
    linked = w.as_(who).link(w.find(source).id, w.target(target), kind)
    if linked.reference_only and linked.code:
        w.cited[linked.code] = linked.id
    return linked


def assign(w: World, who: str, ref: str, lead: str, deadline: date | None = None) -> None:
    w.as_(who).assign(w.find(ref).id, lead=lead, deadline=deadline)


ASSIGN = '{who:Nguoi} {verb} văn bản "{ref}" cho "{lead}" chủ trì'
