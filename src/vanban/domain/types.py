"""The document types of Nghị định 30/2020 (Điều 7, Phụ lục III) and the legal forms cited.

Each type is keyed by its abbreviation as the decree writes it ("QĐ", "QyĐ", "CTr").
Công văn and thư công have no abbreviation: they are keyed "CV" and "THC", identifiers
that never appear in a notation.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from vanban.domain.search import fold as search_fold
from vanban.errors import NotFoundError


class TypeKind(StrEnum):
    ADMINISTRATIVE = "administrative"
    COPY = "copy"
    LEGAL = "legal"


@dataclass(frozen=True, slots=True)
class DocumentType:
    key: str
    name: str
    kind: TypeKind = TypeKind.ADMINISTRATIVE
    # Issued only with the competent person's title, name and signature (Nghị định 30, Điều 8:
    # the thể thức of every văn bản hành chính; Phụ lục I for copies): vanban refuses to number
    # one that has no signer. False for the legal forms, which this register never issues.
    signer_required: bool = True

    @property
    def in_notation(self) -> bool:
        """Whether the abbreviation is written in the notation (not for công văn, thư công)."""
        return self.key not in ("CV", "THC")

    @property
    def issuable(self) -> bool:
        """Whether an office issues this type through vanban's numbering."""
        return self.kind is not TypeKind.LEGAL


CONG_VAN = "CV"
THU_CONG = "THC"
# The report type: the only one that "reports on" other documents, answers a request to report
# and records that results were reported (the link table and the report draft read it here).
BAO_CAO = "BC"

_ADMINISTRATIVE = [
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("QC", "Quy chế"),
    ("QyĐ", "Quy định"),
    ("TC", "Thông cáo"),
    ("TB", "Thông báo"),
    ("HD", "Hướng dẫn"),
    ("CTr", "Chương trình"),
    ("KH", "Kế hoạch"),
    ("PA", "Phương án"),
    ("ĐA", "Đề án"),
    ("DA", "Dự án"),
    (BAO_CAO, "Báo cáo"),
    ("BB", "Biên bản"),
    ("TTr", "Tờ trình"),
    ("HĐ", "Hợp đồng"),
    (CONG_VAN, "Công văn"),
    ("CĐ", "Công điện"),
    ("BGN", "Bản ghi nhớ"),
    ("BTT", "Bản thỏa thuận"),
    ("GUQ", "Giấy ủy quyền"),
    ("GM", "Giấy mời"),
    ("GGT", "Giấy giới thiệu"),
    ("GNP", "Giấy nghỉ phép"),
    ("PG", "Phiếu gửi"),
    ("PC", "Phiếu chuyển"),
    ("PB", "Phiếu báo"),
    (THU_CONG, "Thư công"),
]

_COPIES = [("SY", "Bản sao y"), ("TrS", "Bản trích sao"), ("SL", "Bản sao lục")]

# Legal normative forms that communes cite but do not issue through this register.
_LEGAL = [
    ("L", "Luật"),
    ("PL", "Pháp lệnh"),
    ("NĐ", "Nghị định"),
    ("TT", "Thông tư"),
    ("TTLT", "Thông tư liên tịch"),
    ("NQLT", "Nghị quyết liên tịch"),
    ("CTLT", "Chỉ thị liên tịch"),
]

ADMINISTRATIVE_TYPES: tuple[DocumentType, ...] = tuple(DocumentType(k, n) for k, n in _ADMINISTRATIVE)
COPY_TYPES: tuple[DocumentType, ...] = tuple(DocumentType(k, n, TypeKind.COPY) for k, n in _COPIES)
LEGAL_TYPES: tuple[DocumentType, ...] = tuple(
    DocumentType(k, n, TypeKind.LEGAL, signer_required=False) for k, n in _LEGAL
)
ALL_TYPES: tuple[DocumentType, ...] = ADMINISTRATIVE_TYPES + COPY_TYPES + LEGAL_TYPES
_BY_KEY = {t.key: t for t in ALL_TYPES}


def fold(text: str) -> str:
    """Upper case without diacritics, Đ as D: how people type on a keyboard without Telex."""
    return search_fold(text).upper()


def _build_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for t in ALL_TYPES:
        aliases[t.key.upper()] = t.key
    # A folded spelling ("QD") stands for a type only when no other type folds the same way:
    # "DA" is Dự án and "HD" Hướng dẫn, while "QD" can only mean "QĐ".
    folded: dict[str, list[str]] = {}
    for t in ALL_TYPES:
        folded.setdefault(fold(t.key), []).append(t.key)
    for f, keys in folded.items():
        if f not in aliases and len(keys) == 1:
            aliases[f] = keys[0]
    by_name: dict[str, str] = {}
    for t in ALL_TYPES:
        by_name[fold(t.name)] = t.key
    for f, key in by_name.items():
        aliases.setdefault(f, key)
    aliases.setdefault("CONG VAN", CONG_VAN)
    return aliases


_ALIASES = _build_aliases()


def canonical_type_key(text: str) -> str | None:
    """The catalog key for what a person typed ("qd", "QD", "Quyết định"), or None."""
    if text in _BY_KEY:
        return text  # already a key: the usual case once a type has been read
    cleaned = unicodedata.normalize("NFC", text).strip()
    if cleaned in _BY_KEY:
        return cleaned
    upper = cleaned.upper()
    if upper in _ALIASES:
        return _ALIASES[upper]
    return _ALIASES.get(fold(cleaned))


def get_type(text: str) -> DocumentType:
    """Look a type up by abbreviation, key or name; refuse what is not in the catalog."""
    key = canonical_type_key(text)
    if key is None:
        known = ", ".join(t.key for t in ADMINISTRATIVE_TYPES)
        raise NotFoundError(
            f"Không có loại văn bản «{text}».",
            hint=f"Dùng một trong các chữ viết tắt: {known} (CV là công văn, THC là thư công).",
        )
    return _BY_KEY[key]


def type_name(key: str) -> str:
    """The Vietnamese name of a type key."""
    t = _BY_KEY.get(key)
    return t.name if t else key
