"""The register's records as plain Python: what the store loads and the office hands out."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from vanban.domain import dates
from vanban.domain.dates import padded
from vanban.domain.figures import Bound, Figure

# The link kinds live in the link table (domain/links.py); named here too, as the records' home.
from vanban.domain.links import LINK_LABELS as LINK_LABELS  # noqa: PLC0414
from vanban.domain.links import LinkKind as LinkKind  # noqa: PLC0414
from vanban.domain.links import parse_link_kind as parse_link_kind  # noqa: PLC0414
from vanban.domain.types import fold
from vanban.errors import InputError

E = TypeVar("E", bound=StrEnum)


def utc_now() -> dt.datetime:
    """The current time in UTC without tzinfo, as every engine stores it alike (to the second),
    read from the one clock of vanban (dates.utc_now, which tests set)."""
    now = dates.utc_now()
    if now.tzinfo is not dt.UTC:
        now = now.astimezone(dt.UTC)
    # Built from its fields: replace(tzinfo=None, microsecond=0) cost 10,000 instructions, a
    # hundredth of a registration (callgrind).
    return dt.datetime(now.year, now.month, now.day, now.hour, now.minute, now.second)


class Direction(StrEnum):
    OUT = "out"
    IN = "in"


class Role(StrEnum):
    VAN_THU = "van_thu"
    CHUYEN_VIEN = "chuyen_vien"
    LANH_DAO = "lanh_dao"
    QUAN_TRI = "quan_tri"
    TRA_CUU = "tra_cuu"  # looks at the register, changes nothing


ROLE_LABELS = {
    Role.VAN_THU: "Văn thư",
    Role.CHUYEN_VIEN: "Chuyên viên",
    Role.LANH_DAO: "Lãnh đạo",
    Role.QUAN_TRI: "Quản trị",
    Role.TRA_CUU: "Tra cứu",
}


class Urgency(StrEnum):
    KHAN = "khan"
    THUONG_KHAN = "thuong_khan"
    HOA_TOC = "hoa_toc"
    HOA_TOC_HEN_GIO = "hoa_toc_hen_gio"


URGENCY_LABELS = {
    Urgency.KHAN: "Khẩn",
    Urgency.THUONG_KHAN: "Thượng khẩn",
    Urgency.HOA_TOC: "Hỏa tốc",
    Urgency.HOA_TOC_HEN_GIO: "Hỏa tốc hẹn giờ",
}
URGENCY_EDXML = {
    None: 0,
    Urgency.KHAN: 1,
    Urgency.THUONG_KHAN: 2,
    Urgency.HOA_TOC: 3,
    Urgency.HOA_TOC_HEN_GIO: 4,
}


class Secrecy(StrEnum):
    MAT = "mat"
    TOI_MAT = "toi_mat"
    TUYET_MAT = "tuyet_mat"


SECRECY_LABELS = {Secrecy.MAT: "Mật", Secrecy.TOI_MAT: "Tối mật", Secrecy.TUYET_MAT: "Tuyệt mật"}


def _choice(enum: type[E], labels: dict[E, str], text: str, what: str) -> E:
    wanted = fold(unicodedata.normalize("NFC", text).strip()).replace(" ", "_")
    for member in enum:
        if wanted in (fold(member.value), fold(labels[member]).replace(" ", "_")):
            return member
    known = ", ".join(labels[m] for m in enum)
    raise InputError(f"Không có {what} «{text}».", hint=f"Chọn một trong: {known}.")


def parse_role(text: str) -> Role:
    """A role from its code or Vietnamese label ("van_thu", "Văn thư")."""
    return _choice(Role, ROLE_LABELS, text, "vai trò")


def parse_urgency(text: str) -> Urgency:
    return _choice(Urgency, URGENCY_LABELS, text, "mức độ khẩn")


def parse_secrecy(text: str) -> Secrecy:
    return _choice(Secrecy, SECRECY_LABELS, text, "độ mật")


@dataclass(frozen=True, slots=True)
class Organization:
    id: int
    code: str
    name: str
    parent_name: str | None = None
    place: str | None = None
    madinhdanh: str | None = None
    own: bool = False
    numbering: str = "per_type"


@dataclass(frozen=True, slots=True)
class Unit:
    id: int
    office_id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class User:
    id: int
    login: str
    full_name: str
    roles: frozenset[Role]
    office_id: int
    # Chức vụ ("Chủ tịch", "Phó Chủ tịch"): what the signature block says under the authority
    # line when this person signs.
    title: str | None = None

    def has_any(self, roles: frozenset[Role] | set[Role]) -> bool:
        return not self.roles.isdisjoint(roles)


@dataclass(slots=True)
class Document:
    """A document held or cited by an office. ``status`` is None for a reference only."""

    id: int
    office_id: int
    direction: Direction
    type_key: str | None
    issuer_id: int
    issuer_code: str
    issuer_name: str
    subject: str
    status: str | None
    workflow: str | None
    unit_code: str | None = None
    number: int | None = None
    year: int | None = None
    notation: str | None = None
    code: str | None = None
    series_key: str | None = None
    date: dt.date | None = None
    place: str | None = None
    body: str | None = None
    signer_name: str | None = None
    signer_title: str | None = None
    signer_authority: str | None = None
    recipients: list[str] = field(default_factory=list)
    urgency: Urgency | None = None
    secrecy: Secrecy | None = None
    deadline: dt.date | None = None
    arrival_number: int | None = None
    arrival_year: int | None = None
    arrival_date: dt.date | None = None
    reference_only: bool = False
    created_at: dt.datetime | None = None
    number_text: str | None = None  # the number as written when it carries a letter: "12a"

    @property
    def written_number(self) -> str | None:
        """The number as the code writes it: "05", "968", "12a"."""
        if self.number_text is not None:
            return self.number_text
        return f"{self.number:02d}" if self.number is not None else None

    @property
    def label(self) -> str:
        """How the document is named to a person: its code, else the title and date of an act
        cited by name ("Luật Đất đai ngày 18/01/2024"), else its id."""
        if self.code:
            return self.code
        if self.reference_only and self.subject and self.date is not None:
            return f"{self.subject} ngày {padded(self.date)}"
        return f"#{self.id}"

    @property
    def signed_as(self) -> str:
        """Who signed it as a person reads it, the authority first: "TM. Chủ tịch Nguyễn Phúc
        Công"; "" when nothing of the signature is known."""
        return " ".join(x for x in (self.signer_authority, self.signer_title, self.signer_name) if x)

    @property
    def arrived_late_days(self) -> int | None:
        """How many days after its deadline an incoming document reached the office; None when
        it came in time (or has no deadline): it is late from the moment it is registered."""
        if self.arrival_date is None or self.deadline is None or self.arrival_date <= self.deadline:
            return None
        return (self.arrival_date - self.deadline).days


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    document_id: int | None
    office_id: int
    actor: str
    at: dt.datetime
    trigger: str
    from_state: str | None
    to_state: str | None
    note: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    seq: int | None = None  # its place in the office's hash chain (domain.integrity)
    hash: str | None = None
    channel: str | None = None  # web, api or cli (office.runner.CHANNELS); None: a program, or before


@dataclass(frozen=True, slots=True)
class Link:
    id: int
    from_id: int
    to_id: int
    kind: LinkKind


@dataclass(frozen=True, slots=True)
class Assignment:
    id: int
    document_id: int
    lead: str
    support: tuple[str, ...]
    deadline: dt.date | None
    note: str | None
    active: bool
    assigned_at: dt.datetime
    assigned_by: str


@dataclass(frozen=True, slots=True)
class Outcome:
    id: int
    document_id: int
    text: str
    quantity: Decimal | None
    unit: str | None
    date: dt.date | None
    reported_in: tuple[int, ...] = ()
    bound: Bound = Bound.EXACT
    """How ``quantity`` stands to the amount: exact, or "trên", "khoảng"… (domain.figures)."""
    written: str | None = None
    """The figure as typed, qualifier, number and unit ("trên 150 lượt người"); None: printed."""

    @property
    def figure(self) -> Figure | None:
        """The figure (number, unit, bound, text as written); None without a quantity."""
        if self.quantity is None:
            return None
        return Figure(self.quantity, self.unit, self.bound, self.written)

    @property
    def figure_text(self) -> str:
        """The figure as written ("trên 150 lượt người", "1.200 người"); "" without a quantity."""
        figure = self.figure
        return figure.text if figure is not None else ""


@dataclass(frozen=True, slots=True)
class SeriesState:
    office_id: int
    year: int
    key: str
    last_number: int
    last_date: dt.date | None
