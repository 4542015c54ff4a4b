"""The input boundary (domain/text.py, dates, codes) and the Office API behind it: whatever a
careless or hostile caller passes is cleaned or refused with a Vietnamese VanbanError, and a
refusal leaves the register as it was.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from databases import dump
from vanban import Office
from vanban.domain import text as t
from vanban.domain.codes import parse_code, try_parse_code
from vanban.domain.dates import FIRST_YEAR, LAST_YEAR, as_date, check_year, parse_date
from vanban.errors import InputError, NotFoundError, VanbanError

SEP_29 = date(2025, 9, 29)

# ---------------------------------------------------------------------------- text


def test_text_is_nfc_with_its_spaces_collapsed() -> None:
    decomposed = "Ke\u0302\u0301 hoa\u0323ch"  # "Kế hoạch" typed with combining marks
    assert t.clean_text(f"  {decomposed}\u00a0\t ngày  mới ", t.SUBJECT) == "Kế hoạch ngày mới"


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("Họp\x1b[2J ban", "U+001B ESC"),
        ("Họp\x00", "U+0000 NUL"),
        ("Họp\x9b31m", "U+009B CSI"),
        ("Họp\x07", "U+0007 BEL"),
        ("abc\u202edcba", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("abc\u2066x\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\x1b]0;title\x07Họp", "U+001B ESC"),
    ],
)
def test_a_control_or_bidi_character_is_refused_and_named_with_its_place(typed: str, named: str) -> None:
    with pytest.raises(InputError) as caught:
        t.clean_text(typed, t.SUBJECT)
    assert named in caught.value.message
    assert "vị trí" in caught.value.message
    assert caught.value.hint


def test_invisible_characters_are_dropped_and_text_made_only_of_them_is_refused() -> None:
    assert t.clean_text("Kế\u200b hoạch\u2060", t.SUBJECT) == "Kế hoạch"
    with pytest.raises(InputError, match="chỉ có ký tự không nhìn thấy"):
        t.clean_text("\u200b\u2060\ufeff", t.SUBJECT)


def test_line_breaks_and_tabs_stay_only_where_the_field_allows_them() -> None:
    assert t.clean_text("dòng một\r\n\tdòng hai\n\n", t.BODY) == "dòng một\n\tdòng hai"
    assert t.clean_text("dòng một\r\ndòng hai", t.SUBJECT) == "dòng một dòng hai"


def test_text_read_from_a_file_drops_what_typed_text_would_refuse() -> None:
    assert t.clean_text("Họp\x1b ban\u202e", t.SUBJECT, lenient=True) == "Họp ban"


def test_every_field_has_a_length_limit_in_characters_and_a_body_in_bytes() -> None:
    with pytest.raises(InputError, match=r"dài 100\.000 ký tự, tối đa 2\.000"):
        t.clean_text("a" * 100_000, t.SUBJECT)
    with pytest.raises(InputError, match="byte"):
        t.clean_text("ữ" * 30_000, t.BODY)
    for field in t.TEXT_FIELDS:
        assert t.clean_text("x" * field.max_chars, field) == "x" * field.max_chars


@pytest.mark.parametrize("value", [None, 12, b"bytes", ["list"]])
def test_a_required_text_that_is_not_text_is_refused(value: object) -> None:
    with pytest.raises(InputError):
        t.clean_text(value, t.SUBJECT)


def test_a_list_of_recipients_is_a_list_not_a_string_spelt_out() -> None:
    assert t.clean_list(["UBND thành phố", " Lưu: VT "], t.RECIPIENT) == ["UBND thành phố", "Lưu: VT"]
    with pytest.raises(InputError, match="danh sách"):
        t.clean_list("UBND thành phố", t.RECIPIENT)


def test_bytes_that_were_not_utf8_are_refused_with_the_bytes_shown() -> None:
    typed = b"van\xffthu".decode("utf-8", "surrogateescape")
    with pytest.raises(InputError, match="UTF-8"):
        t.clean_text(typed, t.SUBJECT)
    with pytest.raises(InputError, match="UTF-8"):
        t.clean_login(typed)


@pytest.mark.parametrize("lone", ["\ud800", "\udbff", "\udc00", "\udfff"])
def test_a_lone_surrogate_from_a_program_is_refused_as_bad_text_not_a_crash(lone: str) -> None:
    with pytest.raises(InputError, match="UTF-8"):
        t.clean_text(f"Kế{lone}hoạch", t.SUBJECT)
    with pytest.raises(InputError, match="UTF-8"):
        t.clean_login(f"van{lone}thu")


def test_stored_text_is_printed_with_its_controls_shown_as_codes() -> None:
    assert t.safe_text("Họp\x1b[2J\u202eban\nhai") == "Họp⟨U+001B⟩[2J⟨U+202E⟩ban\nhai"
    assert t.safe_text("Kế hoạch") == "Kế hoạch"


@pytest.mark.parametrize("login", ["", " ", "van thu", "vănthư", "vаnthu", "a" * 65, "-x", "ад"])
def test_a_login_is_ascii_without_spaces(login: str) -> None:
    with pytest.raises(InputError, match="Tên đăng nhập"):
        t.clean_login(login)


def test_abbreviations_take_latin_letters_with_d_stroke_and_name_a_foreign_one() -> None:
    assert t.clean_abbreviation("bcđ", "mã đơn vị") == "BCĐ"
    assert t.clean_abbreviation("ＵＢＮＤ", "mã cơ quan") == "UBND"
    with pytest.raises(InputError, match="chữ Kirin"):
        t.clean_abbreviation("UВND", "mã cơ quan")  # Cyrillic В
    with pytest.raises(InputError):
        t.clean_abbreviation("123", "mã cơ quan")


# ---------------------------------------------------------------------------- numbers


@pytest.mark.parametrize("typed", ["inf", "-inf", "1e400", "sNaN", "NaN", "-5", "abc", "1.234.5", "٣e٥"])
def test_a_quantity_that_means_nothing_is_refused(typed: str) -> None:
    with pytest.raises(InputError, match="Số lượng"):
        t.parse_quantity(typed)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("150", 150), ("1.250", 1250), ("2,5", Decimal("2.5")), ("١٥٠", 150), (7, 7), ("１５０", 150)],
)
def test_a_quantity_is_read_as_people_write_it(typed: object, amount: Decimal) -> None:
    assert t.parse_quantity(typed) == amount


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("-1"), Decimal("1e20"), "0.001"])
def test_a_quantity_given_to_the_api_is_finite_not_negative_and_fits_its_column(value: object) -> None:
    with pytest.raises(InputError):
        t.parse_quantity(value)


def test_whole_numbers_are_bounded_and_refuse_what_is_not_one() -> None:
    assert t.parse_int("٩٠", "số", low=1, high=99, example="") == 90
    for bad in ("10" * 20, "1e3", "-1", "0x10", 1.5, True, "1_000"):
        with pytest.raises(InputError):
            t.parse_int(bad, "số", low=1, high=10**6, example="Ví dụ: 90.")


def test_a_document_id_beyond_any_engine_is_simply_not_there() -> None:
    with pytest.raises(NotFoundError):
        t.parse_doc_id("99999999999999999999")
    assert t.parse_doc_id("#12") == 12
    assert t.parse_doc_id("90/KH-UBND") is None


# ---------------------------------------------------------------------------- dates


@pytest.mark.parametrize("typed", ["1/1/0000", "1/1/0001", "31/12/1900", "1/1/2200", "9/9/9999", "1/1/1944"])
def test_a_date_outside_the_window_is_refused_with_the_window_named(typed: str) -> None:
    with pytest.raises(InputError, match=f"{FIRST_YEAR}–{LAST_YEAR}"):
        parse_date(typed)


def test_the_window_is_one_for_dates_and_years() -> None:
    assert parse_date(f"1/1/{FIRST_YEAR}") == date(FIRST_YEAR, 1, 1)
    assert parse_date(f"31/12/{LAST_YEAR}") == date(LAST_YEAR, 12, 31)
    assert check_year("2025") == 2025
    for bad in (FIRST_YEAR - 1, LAST_YEAR + 1, 10**20, "abc"):
        with pytest.raises(InputError):
            check_year(bad)


def test_the_api_takes_dates_datetimes_and_typed_dates_and_refuses_the_rest() -> None:
    assert as_date(datetime(2025, 9, 29, 10, 0), "ngày") == SEP_29
    assert as_date("29/9/2025", "ngày") == SEP_29
    for bad in ("tomorrow", 20250929, date(1900, 1, 1), object()):
        with pytest.raises(InputError):
            as_date(bad, "thời hạn")


# ---------------------------------------------------------------------------- codes


@pytest.mark.parametrize(
    ("typed", "script"),
    [("90/КH-UBND", "chữ Kirin"), ("90/KH-UBΝD", "chữ Hy Lạp"), ("57-NQ/ТW", "chữ Kirin")],
)
def test_a_code_with_a_look_alike_letter_is_refused_with_the_letter_named(typed: str, script: str) -> None:
    assert try_parse_code(typed) is None
    with pytest.raises(InputError) as caught:
        parse_code(typed)
    assert script in caught.value.message
    assert "U+" in caught.value.message


def test_what_is_safely_the_same_is_read_as_ascii() -> None:
    assert str(parse_code("９０／ＫＨ－ＵＢＮＤ")) == "90/KH-UBND"
    assert str(parse_code("٩٠/KH-UBND")) == "90/KH-UBND"


def test_a_notation_of_thousands_of_letters_is_refused() -> None:
    with pytest.raises(InputError, match="tối đa"):
        parse_code("90/KH-" + "A" * 5000)


# ---------------------------------------------------------------------------- the API on every engine


def refused(office: Office, call: Any) -> VanbanError:
    """Run ``call``; it must raise a VanbanError with a message and leave every table as it was."""
    before = dump(office)
    with pytest.raises(VanbanError) as caught:
        call()
    assert caught.value.message
    assert dump(office) == before
    return caught.value


API_REFUSALS: list[tuple[str, Any]] = [
    ("edit deadline 'tomorrow'", lambda o, d: o.edit(d, deadline="tomorrow")),
    ("edit unknown urgency", lambda o, d: o.edit(d, urgency="rất gấp")),
    ("edit recipients as a string", lambda o, d: o.edit(d, recipients="UBND thành phố")),
    ("edit subject None", lambda o, d: o.edit(d, subject=None)),
    ("edit subject with ESC", lambda o, d: o.edit(d, subject="Họp \x1b[2J")),
    ("edit deadline before the date", lambda o, d: o.edit(d, deadline=date(2025, 9, 1))),
    ("draft subject of zero-width", lambda o, d: o.draft("KH", subject="\u200b\u2060")),
    ("draft subject of 100,000", lambda o, d: o.draft("KH", subject="a" * 100_000)),
    ("draft deadline in 2200", lambda o, d: o.draft("KH", subject="Kế hoạch", deadline=date(2200, 1, 1))),
    ("draft recipients as a string", lambda o, d: o.draft("KH", subject="Kế hoạch", recipients="UBND")),
    ("draft urgency unknown", lambda o, d: o.draft("KH", subject="Kế hoạch", urgency="gấp lắm")),
    ("draft body with NUL", lambda o, d: o.draft("KH", subject="Kế hoạch", body="a\x00b")),
    ("issue on year 1", lambda o, d: o.issue(d, on=date(1, 1, 1), signer="chutich")),
    ("show id beyond 64 bits", lambda o, d: o.get("99999999999999999999")),
    ("show id 10**20 as int", lambda o, d: o.get(10**20)),
    ("show with year 10**20", lambda o, d: o.get(d, year=10**20)),
    ("list limit 10**20", lambda o, d: o.documents(limit=10**20)),
    ("list year 10**20", lambda o, d: o.documents(year=10**20)),
    ("series next 10**12", lambda o, d: o.set_series("KH", year=2025, next_number=10**12)),
    ("series year 2200", lambda o, d: o.set_series("KH", year=2200, next_number=5)),
    (
        "receive Cyrillic code",
        lambda o, d: o.receive("12/КH-SKHCN", sender="SKHCN", on=SEP_29, subject="Kế hoạch"),
    ),
    (
        "receive deadline before date",
        lambda o, d: o.receive(
            "12/KH-SKHCN", sender="SKHCN", on=SEP_29, subject="Kế hoạch", deadline=date(2025, 9, 1)
        ),
    ),
    (
        "receive arrival before date",
        lambda o, d: o.receive(
            "12/KH-SKHCN", sender="SKHCN", on=SEP_29, subject="Kế hoạch", arrived=date(2025, 9, 1)
        ),
    ),
    (
        "receive a decree of 2099",
        lambda o, d: o.receive("01/2099/NĐ-CP", sender="SKHCN", on=SEP_29, subject="Nghị định"),
    ),
    (
        "receive on year 9999",
        lambda o, d: o.receive("12/KH-SKHCN", sender="SKHCN", on="1/1/9999", subject="x"),
    ),
    ("outcome quantity NaN", lambda o, d: o.add_outcome(d, text="Tổ chức", quantity="NaN")),
    ("outcome quantity -5", lambda o, d: o.add_outcome(d, text="Tổ chức", quantity=-5)),
    ("outcome quantity inf", lambda o, d: o.add_outcome(d, text="Tổ chức", quantity=float("inf"))),
    ("outcome in 1900", lambda o, d: o.add_outcome(d, text="Tổ chức", on=date(1900, 1, 1))),
    ("link a look-alike citation", lambda o, d: o.link(d, "30/2020/NĐ-СP", "based_on")),
    ("link a decree of 2099", lambda o, d: o.link(d, "01/2099/NĐ-CP", "based_on")),
    ("link an unknown kind", lambda o, d: o.link(d, "30/2020/NĐ-CP", "friend_of")),
    ("assign deadline before date", lambda o, d: o.assign(d, lead="VHXH", deadline=date(2025, 1, 1))),
    ("assign support as a string", lambda o, d: o.assign(d, lead="VHXH", support="VHXH")),
    ("add user with empty login", lambda o, d: o.add_user("", name="A", roles=["van_thu"])),
    ("add user login with spaces", lambda o, d: o.add_user("van thu", name="A", roles=["van_thu"])),
    ("add user blank name", lambda o, d: o.add_user("moi", name=" \u200b ", roles=["van_thu"])),
    ("add org Cyrillic code", lambda o, d: o.add_org("SКHCN", "Sở Khoa học")),
    ("add org name with ESC", lambda o, d: o.add_org("SXD", "Sở \x1b[31mXây dựng")),
    ("add org bad madinhdanh", lambda o, d: o.add_org("SXD", "Sở Xây dựng", madinhdanh="Н30")),
    ("add unit name of 1000", lambda o, d: o.add_unit("TP", "x" * 1000)),
    ("fire with note of bidi", lambda o, d: o.fire(d, "submit", note="ok\u202e")),
    ("status as of year 0", lambda o, d: o.status(as_of="1/1/0000")),
]


@pytest.fixture
def plan(office: Office) -> int:
    return office.issue(
        office.draft("KH", subject="Kế hoạch chuyển đổi số").id, on=SEP_29, signer="chutich"
    ).id


@pytest.mark.parametrize(("what", "call"), API_REFUSALS, ids=[w for w, _ in API_REFUSALS])
def test_the_api_refuses_in_vietnamese_and_changes_nothing(
    office: Office, plan: int, what: str, call: Any
) -> None:
    error = refused(office, lambda: call(office, plan))
    assert isinstance(error, VanbanError), what


def test_init_on_an_existing_register_checks_the_admin_it_would_add(office: Office, db_url: str) -> None:
    before = dump(office)
    for login, name in (("", "A"), ("van thu", "A"), ("moi", " ")):
        with pytest.raises(InputError):
            Office.init(
                db_url,
                org="UBND",
                name="Ủy ban nhân dân xã Phú Thái",
                place="Phú Thái",
                login=login,
                full_name=name,
            )
    assert dump(office) == before


def test_edit_stores_values_cleaned_like_any_other_way_in(office: Office) -> None:
    draft = office.draft("KH", subject="Kế hoạch chuyển đổi số").id  # an issued plan is frozen
    edited = office.edit(
        draft, subject="  Kế\u200b hoạch\tmới ", recipients=[" UBND thành phố "], urgency="khẩn"
    )
    assert edited.subject == "Kế hoạch mới"
    assert edited.recipients == ["UBND thành phố"]
    assert edited.urgency is not None and edited.urgency.value == "khan"
