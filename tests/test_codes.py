"""Số, ký hiệu: the codes vanban gives, and the codes people type or Word files hold (nd30.md §2)."""

from __future__ import annotations

import unicodedata

import pytest

from vanban.domain.codes import (
    EXPECTED_FORMS,
    Code,
    CodeForm,
    looks_like_code,
    make_code,
    make_notation,
    pad,
    parse_code,
    try_parse_code,
)
from vanban.errors import InputError, VanbanError

NBSP = "\u00a0"
EN_DASH = "\u2013"
EM_DASH = "\u2014"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# ---------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(("number", "written"), [(n, f"0{n}") for n in range(1, 10)])
def test_a_number_below_ten_is_written_with_a_leading_zero(number: int, written: str) -> None:
    assert pad(number) == written


@pytest.mark.parametrize(
    ("number", "written"), [(10, "10"), (11, "11"), (90, "90"), (542, "542"), (1205, "1205")]
)
def test_a_number_from_ten_on_is_written_as_it_is(number: int, written: str) -> None:
    assert pad(number) == written


def test_a_code_given_to_the_fifth_plan_carries_the_leading_zero() -> None:
    assert str(make_code(5, "KH", "UBND", None)) == "05/KH-UBND"


# ---------------------------------------------------------------------------- giving codes


def test_a_typed_document_is_noted_type_then_issuer() -> None:
    assert make_notation("KH", "UBND", None) == "KH-UBND"
    assert str(make_code(90, "KH", "UBND", None)) == "90/KH-UBND"
    assert str(make_code(968, "QĐ", "UBND", None)) == "968/QĐ-UBND"


def test_a_typed_document_keeps_its_type_first_even_when_a_unit_drafted_it() -> None:
    assert str(make_code(90, "KH", "UBND", "VHXH")) == "90/KH-UBND"


def test_a_cong_van_is_noted_issuer_then_drafting_unit_without_its_identifier() -> None:
    assert make_notation("CV", "UBND", "VHXH") == "UBND-VHXH"
    assert str(make_code(542, "CV", "UBND", "VHXH")) == "542/UBND-VHXH"
    assert "CV" not in str(make_code(542, "CV", "UBND", "VHXH"))


def test_a_thu_cong_never_shows_its_identifier_either() -> None:
    assert str(make_code(3, "THC", "UBND", "VP")) == "03/UBND-VP"
    assert make_notation("THC", "UBND", None) == "UBND"


@pytest.mark.parametrize("key", ["QyĐ", "CTr", "TTr", "TrS"])
def test_mixed_case_abbreviations_are_written_as_the_decree_writes_them(key: str) -> None:
    assert str(make_code(7, key, "UBND", None)) == f"07/{key}-UBND"


# ---------------------------------------------------------------------------- canonical forms


CANONICAL = [
    # text, form, number, year, type, issuer, unit
    ("90/KH-UBND", CodeForm.STANDARD, 90, None, "KH", "UBND", None),
    ("05/KH-UBND", CodeForm.STANDARD, 5, None, "KH", "UBND", None),
    ("968/QĐ-UBND", CodeForm.STANDARD, 968, None, "QĐ", "UBND", None),
    ("542/UBND-VHXH", CodeForm.STANDARD, 542, None, "CV", "UBND", "VHXH"),
    ("30/2020/NĐ-CP", CodeForm.LEGAL, 30, 2020, "NĐ", "CP", None),
    ("01/2011/TT-BNV", CodeForm.LEGAL, 1, 2011, "TT", "BNV", None),
    ("55/2005/TTLT-BNV-VPCP", CodeForm.LEGAL, 55, 2005, "TTLT", "BNV-VPCP", None),
    ("72/2025/QH15", CodeForm.LEGAL, 72, 2025, None, "QH15", None),
    ("57-NQ/TW", CodeForm.PARTY, 57, None, "NQ", "TW", None),
    ("05-CT/TU", CodeForm.PARTY, 5, None, "CT", "TU", None),
]


@pytest.mark.parametrize(("text", "form", "number", "year", "type_key", "issuer", "unit"), CANONICAL)
def test_every_form_of_code_reads_into_its_parts_and_prints_back_unchanged(
    text: str,
    form: CodeForm,
    number: int,
    year: int | None,
    type_key: str | None,
    issuer: str,
    unit: str | None,
) -> None:
    code = parse_code(text)
    assert str(code) == text
    assert code.form is form
    assert code.number == number
    assert code.year == year
    assert code.type_key == type_key
    assert code.issuer == issuer
    assert code.unit == unit


@pytest.mark.parametrize("text", [c[0] for c in CANONICAL])
def test_a_canonical_code_read_twice_is_the_same_code(text: str) -> None:
    code = parse_code(text)
    assert parse_code(str(code)) == code


def test_a_number_written_without_its_zero_reads_into_the_padded_code() -> None:
    assert str(parse_code("5/KH-UBND")) == "05/KH-UBND"
    assert str(parse_code("5-CT/TU")) == "05-CT/TU"
    assert str(parse_code("1/2011/TT-BNV")) == "01/2011/TT-BNV"


# ---------------------------------------------------------------------------- forgiveness


FORGIVEN = [
    (" 90/KH-UBND ", "90/KH-UBND"),
    ("90 / KH - UBND", "90/KH-UBND"),
    (f"90{NBSP}/{NBSP}KH-UBND", "90/KH-UBND"),
    (f"90/KH{EN_DASH}UBND", "90/KH-UBND"),
    (f"90/KH{EM_DASH}UBND", "90/KH-UBND"),
    ("90/kh-ubnd", "90/KH-UBND"),
    ("Số: 90/KH-UBND", "90/KH-UBND"),
    ("số 90/KH-UBND", "90/KH-UBND"),
    ("SỐ:90/KH-UBND", "90/KH-UBND"),
    ("So: 90/KH-UBND", "90/KH-UBND"),
    (f"Số:{NBSP}90/KH-UBND", "90/KH-UBND"),
    (nfd("Số: 90/KH-UBND"), "90/KH-UBND"),
    ("90/KH-UBND.", "90/KH-UBND"),
    ("(90/KH-UBND)", "90/KH-UBND"),
    ("968/QD-UBND", "968/QĐ-UBND"),
    ("968/qd-ubnd", "968/QĐ-UBND"),
    ("968/qđ-ubnd", "968/QĐ-UBND"),
    (nfd("Số: 968/qđ-ubnd"), "968/QĐ-UBND"),
    ("542/ubnd-vhxh", "542/UBND-VHXH"),
    (f"542 / UBND {EN_DASH} VHXH", "542/UBND-VHXH"),
    ("30/2020/nđ-cp", "30/2020/NĐ-CP"),
    ("30/2020/ND-CP", "30/2020/NĐ-CP"),
    (f"30 / 2020 / NĐ{EN_DASH}CP", "30/2020/NĐ-CP"),
    ("72/2025/qh15", "72/2025/QH15"),
    ("55/2005/ttlt-bnv-vpcp", "55/2005/TTLT-BNV-VPCP"),
    ("57 - nq/tw", "57-NQ/TW"),
    (f"57{EN_DASH}NQ/TW", "57-NQ/TW"),
    (f"57{EM_DASH}nq / tw", "57-NQ/TW"),
]


@pytest.mark.parametrize(("typed", "canonical"), FORGIVEN)
def test_a_code_is_read_however_it_was_typed(typed: str, canonical: str) -> None:
    assert str(parse_code(typed)) == canonical


@pytest.mark.parametrize(("typed", "canonical"), FORGIVEN)
def test_a_code_is_always_printed_in_nfc(typed: str, canonical: str) -> None:
    printed = str(parse_code(typed))
    assert unicodedata.is_normalized("NFC", printed)
    assert printed == unicodedata.normalize("NFC", canonical)


def test_forgiving_spellings_of_one_code_give_one_equal_code() -> None:
    spellings = [
        "968/QĐ-UBND",
        "968/QD-UBND",
        "968/qd-ubnd",
        f"Số:{NBSP}968 / QĐ{EN_DASH}UBND",
        nfd("968/qđ-ubnd"),
    ]
    assert len({parse_code(s) for s in spellings}) == 1


# ---------------------------------------------------------------------------- types inside codes


@pytest.mark.parametrize(
    ("typed", "canonical", "type_key"),
    [
        ("12/QYD-UBND", "12/QyĐ-UBND", "QyĐ"),
        ("12/qyđ-ubnd", "12/QyĐ-UBND", "QyĐ"),
        ("12/QyĐ-UBND", "12/QyĐ-UBND", "QyĐ"),
        ("3/CTR-UBND", "03/CTr-UBND", "CTr"),
        ("3/ctr-ubnd", "03/CTr-UBND", "CTr"),
        ("3/TTR-UBND", "03/TTr-UBND", "TTr"),
        ("3/ttr-ubnd", "03/TTr-UBND", "TTr"),
        ("3/TRS-UBND", "03/TrS-UBND", "TrS"),
        ("3/trs-ubnd", "03/TrS-UBND", "TrS"),
    ],
)
def test_mixed_case_abbreviations_are_restored_when_typed_in_one_case(
    typed: str, canonical: str, type_key: str
) -> None:
    code = parse_code(typed)
    assert str(code) == canonical
    assert code.type_key == type_key


def test_a_chuong_trinh_is_not_mistaken_for_a_chi_thi_nor_the_other_way() -> None:
    assert parse_code("3/CTr-UBND").type_key == "CTr"
    assert parse_code("3/CT-UBND").type_key == "CT"
    assert str(parse_code("3/ct-ubnd")) == "03/CT-UBND"


@pytest.mark.parametrize(
    ("typed", "canonical", "type_key"),
    [
        ("4/DA-UBND", "04/DA-UBND", "DA"),
        ("4/da-ubnd", "04/DA-UBND", "DA"),
        ("4/ĐA-UBND", "04/ĐA-UBND", "ĐA"),
        ("4/đa-ubnd", "04/ĐA-UBND", "ĐA"),
    ],
)
def test_da_stays_a_du_an_and_dda_a_de_an(typed: str, canonical: str, type_key: str) -> None:
    code = parse_code(typed)
    assert str(code) == canonical
    assert code.type_key == type_key


@pytest.mark.parametrize(
    ("typed", "type_key"),
    [("12/HD-UBND", "HD"), ("12/hd-ubnd", "HD"), ("12/HĐ-UBND", "HĐ"), ("12/hđ-ubnd", "HĐ")],
)
def test_hd_stays_a_huong_dan_and_hdd_a_hop_dong(typed: str, type_key: str) -> None:
    assert parse_code(typed).type_key == type_key


def test_qd_is_the_only_folded_spelling_taken_for_a_type_with_dd() -> None:
    assert parse_code("968/QD-UBND").type_key == "QĐ"
    assert parse_code("1/cd-ubnd").type_key == "CĐ"
    assert str(parse_code("1/cd-ubnd")) == "01/CĐ-UBND"


def test_a_code_whose_first_group_is_no_type_is_a_cong_van_of_that_issuer() -> None:
    code = parse_code("705/UBND-VP")
    assert code.type_key == "CV"
    assert code.issuer == "UBND"
    assert code.unit == "VP"


def test_a_cong_van_without_a_unit_names_only_its_issuer() -> None:
    code = parse_code("12/SKHCN")
    assert code.type_key == "CV"
    assert code.issuer == "SKHCN"
    assert code.unit is None


def test_an_issuer_abbreviation_with_dd_keeps_it() -> None:
    assert str(parse_code("15/BC-HĐND")) == "15/BC-HĐND"
    assert parse_code("15/bc-hđnd").issuer == "HĐND"


# ---------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    "text",
    ["abc", "", "   ", "90", "KH-UBND", "90/123", "0/KH-UBND", "90-KH", "90/KH UBND/", "/KH-UBND", "90//KH"],
)
def test_what_is_not_a_code_is_refused_showing_the_forms_expected(text: str) -> None:
    assert try_parse_code(text) is None
    assert not looks_like_code(text)
    with pytest.raises(InputError) as caught:
        parse_code(text)
    error = caught.value
    assert "không phải là số, ký hiệu văn bản" in error.message
    assert error.hint is not None
    assert EXPECTED_FORMS in error.hint
    for form in ("90/KH-UBND", "542/UBND-VHXH", "30/2020/NĐ-CP", "57-NQ/TW"):
        assert form in error.hint


def test_the_refusal_quotes_what_was_typed_and_is_bad_input() -> None:
    with pytest.raises(VanbanError) as caught:
        parse_code("  số chín mươi  ")
    assert "«số chín mươi»" in caught.value.message
    assert caught.value.exit_code == 2


def test_a_document_id_does_not_look_like_a_code() -> None:
    assert not looks_like_code("12")
    assert not looks_like_code("#12")
    assert looks_like_code("12/KH-UBND")


def test_a_code_object_built_by_hand_prints_in_its_form() -> None:
    assert str(Code(30, "NĐ-CP", CodeForm.LEGAL, 2020)) == "30/2020/NĐ-CP"
    assert str(Code(5, "CT/TU", CodeForm.PARTY)) == "05-CT/TU"
    assert str(Code(542, "UBND-VHXH")) == "542/UBND-VHXH"


# ---------------------------------------------------------------------------- real documents' forms


def test_a_number_that_carries_a_letter_keeps_it_beside_its_numeric_part() -> None:
    code = parse_code("12a/BC-UBND")

    assert (code.number, code.letter, code.number_text, code.lettered) == (12, "a", "12a", "12a")
    assert str(code) == "12a/BC-UBND"
    assert str(parse_code("5b/TB-UBND")) == "05b/TB-UBND"
    assert parse_code("90/KH-UBND").lettered is None
    assert parse_code("12a/BC-UBND") != parse_code("12/BC-UBND")


@pytest.mark.parametrize(
    ("typed", "canonical", "type_key", "issuer"),
    [
        ("08-QĐi/TW", "08-QĐi/TW", "QyĐ", "TW"),
        ("08-qđi/tw", "08-QĐi/TW", "QyĐ", "TW"),
        ("64-CP", "64-CP", None, "CP"),
        ("211-ttg", "211-TTg", None, "TTg"),
        ("160/2012/TTLT/BTC-BNV", "160/2012/TTLT-BTC-BNV", "TTLT", "BTC-BNV"),
        ("15/QĐ.UBND", "15/QĐ-UBND", "QĐ", "UBND"),
        ("123/SGD&ĐT-GDTH", "123/SGD&ĐT-GDTH", "CV", "SGD&ĐT"),
        ("30/2020/NĐCP", "30/2020/NĐ-CP", "NĐ", "CP"),
        ("90/KHUBND", "90/KH-UBND", "KH", "UBND"),
        ("1870/SGD&ĐT-GDTrH", "1870/SGD&ĐT-GDTrH", "CV", "SGD&ĐT"),
    ],
)
def test_older_joint_party_and_damaged_forms_read_into_one_canonical_code(
    typed: str, canonical: str, type_key: str | None, issuer: str
) -> None:
    code = parse_code(typed)

    assert (str(code), code.type_key, code.issuer) == (canonical, type_key, issuer)
    assert parse_code(str(code)) == code


@pytest.mark.parametrize("text", ["90-KH", "12-3", "5-A", "15A-123"])
def test_a_number_and_a_dash_make_a_code_only_with_a_known_issuer(text: str) -> None:
    assert try_parse_code(text) is None


def test_a_run_together_group_is_split_only_into_a_type_and_a_known_issuer() -> None:
    assert str(parse_code("15/BCA")) == "15/BCA"  # Bộ Công an, not "BC" + "A"
    assert str(parse_code("15/HĐND")) == "15/HĐND"
    assert str(parse_code("12/PCTT")) == "12/PCTT"
