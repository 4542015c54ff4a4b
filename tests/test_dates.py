"""Dates as people type them and as documents print them (nd30.md §3)."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta

import pytest

from vanban.domain.dates import EXPECTED_DATE, date_line, in_words, moment, padded, parse_date, short
from vanban.errors import InputError

SEP_29 = date(2025, 9, 29)


def every_day_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range((date(year + 1, 1, 1) - first).days)]


# ---------------------------------------------------------------------------- reading


@pytest.mark.parametrize(
    "typed",
    [
        "2025-09-29",
        "2025-9-29",
        "29/9/2025",
        "29/09/2025",
        "29-9-2025",
        "29.9.2025",
        "29.09.2025",
        "29 / 9 / 2025",
        " 29/9/2025 ",
        "29 tháng 9 năm 2025",
        "ngày 29 tháng 9 năm 2025",
        "Ngày 29 tháng 09 năm 2025",
        "ngày\u00a029\u00a0tháng\u00a09\u00a0năm\u00a02025",
        unicodedata.normalize("NFD", "ngày 29 tháng 9 năm 2025"),
    ],
)
def test_every_accepted_form_reads_as_the_same_day(typed: str) -> None:
    assert parse_date(typed) == SEP_29


def test_the_day_comes_before_the_month_in_the_vietnamese_forms() -> None:
    assert parse_date("3/10/2025") == date(2025, 10, 3)
    assert parse_date("03/10/2025") == date(2025, 10, 3)
    assert parse_date("03.10.2025") == date(2025, 10, 3)
    assert parse_date("20-9-2025") == date(2025, 9, 20)


def test_the_decree_form_with_padding_reads_back() -> None:
    assert parse_date("ngày 05 tháng 01 năm 2020") == date(2020, 1, 5)
    assert parse_date("ngày 03 tháng 10 năm 2025") == date(2025, 10, 3)


def test_the_leap_day_is_accepted_in_a_leap_year() -> None:
    assert parse_date("29/02/2024") == date(2024, 2, 29)
    assert parse_date("2024-02-29") == date(2024, 2, 29)


def test_every_printed_form_of_every_day_of_a_leap_year_reads_back_as_that_day() -> None:
    for d in every_day_of(2024):
        for printed in (
            d.isoformat(),
            short(d),
            padded(d),
            in_words(d),
            date_line("Phú Thái", d).split(", ")[1],
        ):
            assert parse_date(printed) == d, printed


# ---------------------------------------------------------------------------- refusing


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("31/02/2025", "tháng 2 năm 2025 chỉ có 28 ngày"),
        ("29/02/2025", "tháng 2 năm 2025 chỉ có 28 ngày"),
        ("30/02/2024", "tháng 2 năm 2024 chỉ có 29 ngày"),
        ("2025-02-30", "tháng 2 năm 2025 chỉ có 28 ngày"),
        ("31/4/2025", "tháng 4 năm 2025 chỉ có 30 ngày"),
        ("32/1/2025", "tháng 1 năm 2025 chỉ có 31 ngày"),
        ("1/13/2025", "không có tháng 13"),
        ("1/0/2025", "không có tháng 0"),
        ("31 tháng 11 năm 2025", "tháng 11 năm 2025 chỉ có 30 ngày"),
    ],
)
def test_a_day_that_does_not_exist_is_refused_saying_why(typed: str, why: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(typed)
    error = caught.value
    assert f"«{typed}»" in error.message
    assert "không hợp lệ" in error.message
    assert why in error.message
    assert error.hint is not None
    assert EXPECTED_DATE in error.hint
    assert error.exit_code == 2


def test_day_zero_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        parse_date("0/1/2025")
    assert "không hợp lệ" in caught.value.message


@pytest.mark.parametrize(
    "typed",
    ["hôm qua", "", "29/9/25", "2025/09/29", "29 9 2025", "29/9", "tháng 9 năm 2025", "29-09-2025T10:00"],
)
def test_what_is_not_a_date_is_refused_with_the_forms_expected(typed: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(typed)
    error = caught.value
    assert error.message.startswith("Không đọc được ngày")
    assert f"«{typed.strip()}»" in error.message
    assert error.hint is not None
    assert "29/9/2025" in error.hint
    assert "2025-09-29" in error.hint


# ---------------------------------------------------------------------------- printing


@pytest.mark.parametrize(
    ("d", "words"),
    [
        (date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (date(2025, 10, 3), "ngày 03 tháng 10 năm 2025"),
        (date(2025, 9, 29), "ngày 29 tháng 9 năm 2025"),
        (date(2025, 2, 1), "ngày 01 tháng 02 năm 2025"),
        (date(2025, 11, 12), "ngày 12 tháng 11 năm 2025"),
        (date(2025, 12, 10), "ngày 10 tháng 12 năm 2025"),
        (date(2025, 3, 9), "ngày 09 tháng 3 năm 2025"),
        (date(2025, 1, 31), "ngày 31 tháng 01 năm 2025"),
    ],
)
def test_the_decree_form_pads_the_day_below_ten_and_only_months_one_and_two(d: date, words: str) -> None:
    assert in_words(d) == words


@pytest.mark.parametrize("month", range(3, 13))
def test_no_month_from_march_on_is_ever_written_with_a_zero(month: int) -> None:
    for day in (1, 9, 10, 28):
        words = in_words(date(2025, month, day))
        assert f"tháng {month} năm" in words
        assert "tháng 0" not in words


def test_never_thang_09() -> None:
    assert all("tháng 09" not in in_words(d) for d in every_day_of(2025))


@pytest.mark.parametrize("month", [1, 2])
def test_january_and_february_are_written_with_a_zero(month: int) -> None:
    assert f"tháng 0{month} năm" in in_words(date(2025, month, 15))


@pytest.mark.parametrize("day", range(1, 32))
def test_a_day_below_ten_is_written_with_a_zero_and_others_as_they_are(day: int) -> None:
    words = in_words(date(2025, 1, day))
    expected = f"0{day}" if day < 10 else str(day)
    assert words.startswith(f"ngày {expected} tháng ")


def test_the_place_and_date_line_puts_the_place_first() -> None:
    assert date_line("Phú Thái", date(2025, 9, 29)) == "Phú Thái, ngày 29 tháng 9 năm 2025"
    assert date_line("Phú Thái", date(2025, 10, 3)) == "Phú Thái, ngày 03 tháng 10 năm 2025"
    assert date_line("Hà Nội", date(2020, 1, 5)) == "Hà Nội, ngày 05 tháng 01 năm 2020"


def test_people_read_one_date_form_padded_as_the_decree_says() -> None:
    assert short(date(2025, 9, 29)) == "29/9/2025"
    assert short(date(2025, 10, 3)) == "03/10/2025"
    assert short(date(2020, 1, 5)) == "05/01/2020"
    assert short(date(2026, 2, 14)) == "14/02/2026"
    assert short(None) == ""


def test_a_stored_utc_time_is_shown_in_vietnam_time() -> None:
    assert moment(datetime(2025, 11, 12, 20, 30)) == "13/11/2025 03:30"
    assert moment(datetime(2025, 11, 12, 1, 5, tzinfo=UTC)) == "12/11/2025 08:05"


def test_running_text_pads_like_the_decree_form() -> None:
    assert padded(date(2025, 10, 3)) == "03/10/2025"
    assert padded(date(2025, 9, 29)) == "29/9/2025"
    assert padded(date(2020, 1, 5)) == "05/01/2020"
    assert padded(date(2025, 2, 14)) == "14/02/2025"


def test_printed_dates_are_nfc() -> None:
    for d in (date(2020, 1, 5), date(2025, 9, 29)):
        assert unicodedata.is_normalized("NFC", in_words(d))
        assert unicodedata.is_normalized("NFC", date_line("Phú Thái", d))
