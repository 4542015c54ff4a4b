"""Issuers commonly cited by abbreviation, so a reference-only document gets a readable issuer."""

from __future__ import annotations

from vanban.domain.search import fold

KNOWN_ISSUERS: dict[str, str] = {
    "CP": "Chính phủ",
    "TTG": "Thủ tướng Chính phủ",
    "TW": "Ban Chấp hành Trung ương",
    "BCT": "Bộ Chính trị",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "BNV": "Bộ Nội vụ",
    "VPCP": "Văn phòng Chính phủ",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BTC": "Bộ Tài chính",
    "BCA": "Bộ Công an",
    "TU": "Tỉnh ủy",
    "THU": "Thành ủy",
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "SKHCN": "Sở Khoa học và Công nghệ",
    "SNV": "Sở Nội vụ",
}


# Abbreviations of issuing bodies and of their units as notations write them (Phụ lục III, and
# the bodies a commune hears from). A ký hiệu with one of these is a document's, not a lot, a
# receipt or a flat; the list only has to cover notations that carry no type abbreviation.
ISSUER_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        *KNOWN_ISSUERS,
        "CT",  # Chủ tịch Hội đồng Bộ trưởng, before 1992: "Chỉ thị số 20-CT"
        *[
            "HĐBT",
            "HĐNN",
            "CTN",
            "VPTW",
            "BTGTW",
            "UBKTTW",
            "BDVTW",
            "BTCTW",
            "HU",
            "ĐU",
            "QU",
            "BCĐ",
            "BCH",
            "BTV",
            "BTG",
            "UBKT",
            "MTTQ",
            "UBMTTQ",
        ],
        *[
            "UBTVQH",
            "TANDTC",
            "VKSNDTC",
            "TAND",
            "VKSND",
            "KTNN",
            "NHNN",
            "BHXH",
            "TLĐLĐVN",
            "LĐLĐ",
            "HLHPN",
            "HND",
            "HCCB",
            "ĐTN",
        ],
        *[
            "BYT",
            "BQP",
            "BNG",
            "BTP",
            "BKHĐT",
            "BCT",
            "BXD",
            "BGTVT",
            "BNNPTNT",
            "BTNMT",
            "BLĐTBXH",
            "BVHTTDL",
            "BNNMT",
            "BDTTG",
            "TTCP",
            "UBDT",
        ],
        *[
            "STC",
            "SXD",
            "SYT",
            "STP",
            "SCT",
            "SNN",
            "SGDĐT",
            "SGD&ĐT",
            "SVHTTDL",
            "SVHTT",
            "SLĐTBXH",
            "STNMT",
            "SNNMT",
            "SKHĐT",
            "SGTVT",
            "STTTT",
        ],
        *[
            "BQLDA",
            "BQL",
            "BTĐKT",
            "VPUB",
            "VPHĐND",
            "VP",
            "TCKT",
            "VHXH",
            "KTHT",
            "ĐCXD",
            "TNMT",
            "TCHC",
            "GDĐT",
        ],
        *["TTHCC", "TTPVHCC", "BCHQS", "CAX", "ĐĐ", "TCCB", "TTTT", "NVHC", "TPHT", "KTXH"],
    }
)


def is_issuer_abbreviation(group: str) -> bool:
    """Whether a notation group names an issuing body or unit ("UBND", "SKHCN", "QH15", "VHXH")."""
    upper = group.upper()
    if upper in ISSUER_ABBREVIATIONS:
        return True
    stripped = upper.rstrip("0123456789")
    return stripped != upper and stripped in ("QH", "UBTVQH")


# Who enacts an act cited by name without a number: a law (and the constitution) the National
# Assembly, an ordinance its Standing Committee.
ACT_ISSUERS: dict[str | None, str] = {"L": "QH", "PL": "UBTVQH", None: "QH"}


def issuer_name(abbreviation: str) -> str:
    """The full name for an issuer abbreviation, or the abbreviation itself."""
    upper = abbreviation.upper()
    if upper.startswith("QH") and upper[2:].isdigit():
        return "Quốc hội"
    return KNOWN_ISSUERS.get(upper, abbreviation)


# Words that open the place of a body's name ("Sở Nội vụ | thành phố Hải Phòng"): its
# abbreviation is the initials of what comes before them. Compared with their diacritics:
# "quận" is a place, "Quân sự" is not.
_PLACE_WORDS = ("thành phố", "tỉnh", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu")


def _initial(word: str) -> str:
    """The letter a word gives an abbreviation: without diacritics, but Đ kept ("Đảng" → Đ)."""
    first = word[0]
    if first in "đĐ":
        return "Đ"
    return fold(first).upper()


def abbreviation_for(name: str) -> str:
    """A code for a body known by its name only (the parent body given at ``init``, a sender
    received by name): "UBND thành phố Hải Phòng" → "UBND", "Sở Nội vụ thành phố Hải Phòng" →
    "SNV", else the initials of its words before its place ("Trung tâm Y tế huyện An Lão" →
    "TTYT", "Đảng ủy xã Phú Thái" → "ĐU")."""
    words = name.split()
    if words and words[0].isalpha() and words[0].isupper():
        return words[0]
    folded = name.casefold()
    for abbreviation, full in sorted(KNOWN_ISSUERS.items(), key=lambda item: -len(item[1])):
        if folded.startswith(full.casefold()):
            return abbreviation
    lower = [word.casefold() for word in words]
    for at in range(1, len(words)):
        if any(" ".join(lower[at : at + len(p.split())]) == p for p in _PLACE_WORDS):
            words = words[:at]
            break
    return "".join(_initial(word) for word in words if word[0].isalpha()) or "CQ"
