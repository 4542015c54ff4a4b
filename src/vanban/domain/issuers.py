"""Issuers commonly cited by abbreviation, so a reference-only document gets a readable issuer."""

from __future__ import annotations

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


def issuer_name(abbreviation: str) -> str:
    """The full name for an issuer abbreviation, or the abbreviation itself."""
    upper = abbreviation.upper()
    if upper.startswith("QH") and upper[2:].isdigit():
        return "Quốc hội"
    return KNOWN_ISSUERS.get(upper, abbreviation)
