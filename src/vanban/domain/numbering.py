"""The office's numbering policy: which series a document draws its number from (nd30.md §2)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from vanban.domain.model import Direction
from vanban.domain.types import CONG_VAN, THU_CONG, TypeKind, fold, get_type, type_name
from vanban.errors import InputError

ARRIVAL = "DEN"  # incoming documents: one số đến series per year
COPIES = "SAO"  # sao y, trích sao, sao lục share one series
SHARED = "CHUNG"  # every type in one series, when the office chooses so
SECRET_PREFIX = "MAT"
SECRET_MARK = "M"  # last group of a secret document's notation: 01/KH-UBND-M


# How people name the incoming register where a type is expected: `series set DEN`, "đến", "sổ đến".
ARRIVAL_NAMES = frozenset({"DEN", "SO DEN", "VAN BAN DEN", "VB DEN"})


def names_arrivals(text: str) -> bool:
    """Whether ``text`` names the incoming register (số đến) rather than a document type."""
    return " ".join(fold(text).split()) in ARRIVAL_NAMES


class Policy(StrEnum):
    PER_TYPE = "per_type"
    SHARED = "shared"


POLICY_LABELS = {Policy.PER_TYPE: "mỗi loại văn bản một sổ số", Policy.SHARED: "một sổ số chung"}


def parse_policy(text: str) -> Policy:
    wanted = text.strip().lower().replace("-", "_")
    for p in Policy:
        if wanted in (p.value, p.value.replace("_", "")):
            return p
    raise InputError(
        f"Không có cách cấp số «{text}».", hint="Chọn per-type (mỗi loại một sổ) hoặc shared (sổ chung)."
    )


@dataclass(frozen=True, slots=True)
class NumberingPolicy:
    policy: Policy = Policy.PER_TYPE

    @staticmethod
    def of(stored: str) -> NumberingPolicy:
        """The policy an office keeps, by its stored name ("per_type", "shared")."""
        return _POLICIES.get(stored) or NumberingPolicy(Policy(stored))

    def series_key(self, type_key: str, *, direction: Direction, secret: bool = False) -> str:
        """The series a document takes: secret documents always apart, copies together."""
        if direction is Direction.IN:
            return ARRIVAL
        doc_type = get_type(type_key)
        if doc_type.kind is TypeKind.COPY:
            return COPIES
        # Thư công carries a công văn's notation (issuer-unit), so it takes the same series:
        # two series would give "01/UBND-VHXH" twice.
        own_key = CONG_VAN if doc_type.key == THU_CONG else doc_type.key
        base = SHARED if self.policy is Policy.SHARED else own_key
        return f"{SECRET_PREFIX}-{base}" if secret else base


_POLICIES = {p.value: NumberingPolicy(p) for p in Policy}


def series_label(key: str) -> str:
    """How a series is named to a person."""
    if key == ARRIVAL:
        return "Văn bản đến (số đến)"
    if key == COPIES:
        return "Bản sao"
    if key == SHARED:
        return "Sổ chung"
    if key.startswith(f"{SECRET_PREFIX}-"):
        return f"Văn bản mật · {series_label(key.removeprefix(SECRET_PREFIX + '-'))}"
    return type_name(key)
