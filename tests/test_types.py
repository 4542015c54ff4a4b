"""The document types of Nghị định 30/2020 (Điều 7, Phụ lục III), however a person types them."""

from __future__ import annotations

import unicodedata

import pytest

from vanban.domain.types import (
    ADMINISTRATIVE_TYPES,
    ALL_TYPES,
    CONG_VAN,
    COPY_TYPES,
    LEGAL_TYPES,
    THU_CONG,
    DocumentType,
    TypeKind,
    canonical_type_key,
    fold,
    get_type,
    type_name,
)
from vanban.errors import NotFoundError

# Phụ lục III, in the order of Điều 7.
DECREE_TABLE = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CV": "Công văn",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "THC": "Thư công",
}


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# ---------------------------------------------------------------------------- the catalog


def test_the_catalog_holds_the_twenty_nine_administrative_types_of_the_decree() -> None:
    assert len(ADMINISTRATIVE_TYPES) == 29
    assert {t.key: t.name for t in ADMINISTRATIVE_TYPES} == DECREE_TABLE


def test_the_three_kinds_of_copy_are_sao_y_trich_sao_and_sao_luc() -> None:
    assert {t.key: t.name for t in COPY_TYPES} == {
        "SY": "Bản sao y",
        "TrS": "Bản trích sao",
        "SL": "Bản sao lục",
    }
    assert all(t.kind is TypeKind.COPY for t in COPY_TYPES)


def test_legal_normative_types_can_be_cited_but_not_issued_here() -> None:
    keys = {t.key for t in LEGAL_TYPES}
    assert {"L", "NĐ", "TT", "TTLT"} <= keys
    assert all(not t.issuable for t in LEGAL_TYPES)
    assert all(t.issuable for t in ADMINISTRATIVE_TYPES + COPY_TYPES)


def test_every_key_is_unique_even_where_only_case_or_dd_tells_them_apart() -> None:
    keys = [t.key for t in ALL_TYPES]
    assert len(keys) == len(set(keys))
    assert {"CT", "CTr", "DA", "ĐA", "HD", "HĐ", "QĐ", "QyĐ", "TT", "TTr"} <= set(keys)


def test_only_cong_van_and_thu_cong_stay_out_of_the_notation() -> None:
    outside = {t.key for t in ALL_TYPES if not t.in_notation}
    assert outside == {CONG_VAN, THU_CONG} == {"CV", "THC"}


def test_every_name_and_key_is_nfc() -> None:
    for t in ALL_TYPES:
        assert unicodedata.is_normalized("NFC", t.name)
        assert unicodedata.is_normalized("NFC", t.key)


def test_a_type_name_is_found_by_its_key() -> None:
    assert type_name("KH") == "Kế hoạch"
    assert type_name("QyĐ") == "Quy định"
    assert type_name("CV") == "Công văn"
    assert type_name("NĐ") == "Nghị định"


def test_an_unknown_key_names_itself() -> None:
    assert type_name("XYZ") == "XYZ"


# ---------------------------------------------------------------------------- typing a type


@pytest.mark.parametrize("t", ALL_TYPES, ids=lambda t: t.key)
def test_every_type_is_found_by_its_own_key_and_by_its_name(t: DocumentType) -> None:
    assert canonical_type_key(t.key) == t.key
    assert canonical_type_key(t.name) == t.key
    assert canonical_type_key(t.name.lower()) == t.key
    assert canonical_type_key(nfd(t.name)) == t.key
    assert get_type(t.key) is t


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("QD", "QĐ"),
        ("qd", "QĐ"),
        ("qđ", "QĐ"),
        (" KH ", "KH"),
        ("kh", "KH"),
        ("quyet dinh", "QĐ"),
        ("QUYẾT ĐỊNH", "QĐ"),
        (nfd("Quyết định"), "QĐ"),
        ("ke hoach", "KH"),
        ("cong van", "CV"),
        ("Công văn", "CV"),
        ("thư công", "THC"),
        ("CD", "CĐ"),
        ("cđ", "CĐ"),
        ("ND", "NĐ"),
    ],
)
def test_a_type_is_found_however_it_is_typed(typed: str, key: str) -> None:
    assert canonical_type_key(typed) == key
    assert get_type(typed).key == key


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("QyĐ", "QyĐ"),
        ("QYĐ", "QyĐ"),
        ("QYD", "QyĐ"),
        ("qyd", "QyĐ"),
        ("CTr", "CTr"),
        ("CTR", "CTr"),
        ("ctr", "CTr"),
        ("TTr", "TTr"),
        ("TTR", "TTr"),
        ("ttr", "TTr"),
        ("TrS", "TrS"),
        ("TRS", "TrS"),
        ("trs", "TrS"),
    ],
)
def test_mixed_case_abbreviations_are_found_from_any_case(typed: str, key: str) -> None:
    assert canonical_type_key(typed) == key


def test_ct_and_ctr_and_tt_and_ttr_stay_apart() -> None:
    assert canonical_type_key("CT") == "CT"
    assert canonical_type_key("ct") == "CT"
    assert canonical_type_key("TT") == "TT"
    assert canonical_type_key("tt") == "TT"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("DA", "DA"),
        ("da", "DA"),
        ("Dự án", "DA"),
        ("du an", "DA"),
        ("ĐA", "ĐA"),
        ("đa", "ĐA"),
        ("Đề án", "ĐA"),
        ("de an", "ĐA"),
    ],
)
def test_da_stays_du_an_and_dda_stays_de_an(typed: str, key: str) -> None:
    assert canonical_type_key(typed) == key


@pytest.mark.parametrize(
    ("typed", "key"),
    [("HD", "HD"), ("hd", "HD"), ("Hướng dẫn", "HD"), ("HĐ", "HĐ"), ("hđ", "HĐ"), ("Hợp đồng", "HĐ")],
)
def test_hd_stays_huong_dan_and_hdd_stays_hop_dong(typed: str, key: str) -> None:
    assert canonical_type_key(typed) == key


@pytest.mark.parametrize("typed", ["XYZ", "", "Q", "Công văn hỏa tốc", "90/KH-UBND"])
def test_an_unknown_type_is_refused_listing_the_abbreviations(typed: str) -> None:
    assert canonical_type_key(typed) is None
    with pytest.raises(NotFoundError) as caught:
        get_type(typed)
    error = caught.value
    assert f"«{typed}»" in error.message
    assert "loại văn bản" in error.message
    assert error.hint is not None
    for key in ("QĐ", "QyĐ", "CTr", "TTr", "KH", "CV"):
        assert key in error.hint
    assert "công văn" in error.hint
    assert error.exit_code == 2


# ---------------------------------------------------------------------------- folding


def test_folding_drops_diacritics_turns_dd_into_d_and_upper_cases() -> None:
    assert fold("Đề án") == "DE AN"
    assert fold("Quyết định") == "QUYET DINH"
    assert fold(nfd("Hợp đồng")) == "HOP DONG"
    assert fold("qyđ") == "QYD"
