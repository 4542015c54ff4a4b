"""Outcome figures as people write them (domain/figures.py): "trên 150 lượt người", "hơn 200",
"khoảng 30", "1,5" kept as written, their numbers summable, bad input refused in Vietnamese."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from vanban.domain import text as t
from vanban.domain.figures import QUALIFIERS, Bound, Figure, format_number, parse_figure, total, totals
from vanban.errors import InputError, VanbanError

ANY_TEXT = st.text(
    st.one_of(
        st.characters(codec=None),
        st.sampled_from("0123456789.,%-–~ trênhơnkhoảngdướiít nhất\x1b\u202e\u200b١５"),
    ),
    max_size=60,
)


@pytest.mark.parametrize(
    ("typed", "bound", "number", "unit"),
    [
        ("trên 150 lượt người", Bound.OVER, Decimal(150), "lượt người"),
        ("hơn 200 người tham dự", Bound.OVER, Decimal(200), "người tham dự"),
        ("khoảng 30", Bound.ABOUT, Decimal(30), None),
        ("1,5", Bound.EXACT, Decimal("1.5"), None),
        ("1.200 hộ", Bound.EXACT, Decimal(1200), "hộ"),
        ("1.200,5 ha", Bound.EXACT, Decimal("1200.5"), "ha"),
        ("Trên dưới 40 hộ", Bound.ABOUT, Decimal(40), "hộ"),
        ("ít nhất 5 thành viên", Bound.AT_LEAST, Decimal(5), "thành viên"),
        ("dưới  10   lớp", Bound.UNDER, Decimal(10), "lớp"),
        ("không quá 3 ngày", Bound.AT_MOST, Decimal(3), "ngày"),
        ("100% số thôn", Bound.EXACT, Decimal(100), "% số thôn"),
    ],
)
def test_a_figure_is_read_as_people_write_it_and_kept_as_written(
    typed: str, bound: Bound, number: Decimal, unit: str | None
) -> None:
    figure = parse_figure(typed)
    assert figure is not None
    assert (figure.bound, figure.number, figure.unit) == (bound, number, unit)
    assert figure.text == " ".join(typed.split())


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("hơn ١٥٠ người", "hơn 150 người"),
        ("Trên 1500 lượt người", "Trên 1.500 lượt người"),
        ("12.5 ha", "12,5 ha"),
        ("１２００ hộ", "1.200 hộ"),
        ("150.", "150"),
    ],
)
def test_the_number_is_written_back_the_vietnamese_way_the_words_as_typed(typed: str, written: str) -> None:
    figure = parse_figure(typed)
    assert figure is not None and figure.text == written


def test_a_unit_given_apart_joins_the_figure_as_written() -> None:
    assert parse_figure("trên 150", "lượt người") == Figure(
        Decimal(150), "lượt người", Bound.OVER, "trên 150 lượt người"
    )
    assert parse_figure("100%", "số thôn") == Figure(Decimal(100), "% số thôn", Bound.EXACT, "100% số thôn")
    assert parse_figure("trên 150 lượt người", "Lượt người") is not None, "the same unit twice is one"


def test_a_number_given_to_the_api_is_an_exact_figure() -> None:
    assert parse_figure(150, "người") == Figure(Decimal(150), "người")
    assert parse_figure(Decimal("2.5")) == Figure(Decimal("2.5"))
    assert parse_figure(None) is None and parse_figure("") is None


@pytest.mark.parametrize(
    ("typed", "unit", "said"),
    [
        ("5 - 7 thành viên", None, "là một khoảng"),
        ("5–7", None, "là một khoảng"),
        ("từ 5 đến 7", None, "có chữ đứng trước số mà không phải từ chỉ mức"),
        ("tổng số 150", None, "có chữ đứng trước số mà không phải từ chỉ mức"),
        ("-5", None, "âm"),
        ("trên -5", None, "âm"),
        ("nhiều", None, "không có số"),
        ("1 200 người", None, "có hai số liền nhau"),
        ("1,5,5", None, "không phải là một số"),
        ("1e400", None, "không phải là một số"),
        ("１e5", None, "không phải là một số"),
        ("150người", None, "không phải là một số"),
        ("1,255", None, "hơn hai chữ số thập phân"),
        ("99999999999999999", None, "quá lớn"),
        ("trên 150 lượt người", "hộ", "khác đơn vị tính «hộ»"),
        ("   ", None, "trống"),
        ("1" + " người" * 30, None, "tối đa 120"),
        ("", "người", "thiếu số lượng"),
        ("150 người\x1b[31m", None, "ESC"),
    ],
)
def test_a_figure_that_cannot_be_read_is_refused_in_vietnamese_with_a_hint(
    typed: str, unit: str | None, said: str
) -> None:
    with pytest.raises(InputError) as refused:
        parse_figure(typed, unit)
    assert said in refused.value.message
    assert refused.value.hint and refused.value.exit_code == 2


# ---------------------------------------------------------------------------- properties

NUMBERS = st.decimals(min_value=0, max_value=t.MAX_QUANTITY, places=2, allow_nan=False, allow_infinity=False)
UNITS = st.one_of(
    st.none(), st.sampled_from(["lượt người", "người tham dự", "hộ", "ha", "lớp", "% số thôn", "tỷ đồng"])
)


@given(NUMBERS, UNITS, st.sampled_from(list(Bound)))
@example(Decimal("1200.5"), "ha", Bound.EXACT)
@example(Decimal("0.05"), None, Bound.ABOUT)
def test_a_canonical_figure_printed_reads_back_the_same(
    number: Decimal, unit: str | None, bound: Bound
) -> None:
    written = Figure(number, unit, bound).canonical
    figure = parse_figure(written)
    assert figure == Figure(number, unit, bound, written)
    assert figure.canonical == written == figure.text


@given(NUMBERS, st.sampled_from([w for q in QUALIFIERS for w in q.words]))
def test_every_qualifier_word_reads_as_its_bound(number: Decimal, word: str) -> None:
    figure = parse_figure(f"{word} {format_number(number)} người")
    assert figure is not None
    (bound,) = [q.bound for q in QUALIFIERS if word in q.words]
    assert (figure.bound, figure.number, figure.unit) == (bound, number, "người")


@given(
    st.one_of(ANY_TEXT, st.integers(), st.floats(), st.decimals(), st.none()), st.one_of(st.none(), ANY_TEXT)
)
@example("trên 1.200,5 ha", None)
@example("hơn 1e400", None)
@example("100%", "%")
def test_any_input_is_a_figure_that_fits_its_columns_or_a_vanban_error(
    value: object, unit: str | None
) -> None:
    try:
        figure = parse_figure(value, unit)
    except VanbanError as error:
        assert error.message and error.hint
        return
    if figure is not None:
        assert 0 <= figure.number <= t.MAX_QUANTITY
        assert figure.number == figure.number.quantize(Decimal("0.01"))
        assert len(figure.text) <= 120
        assert figure.unit is None or len(figure.unit) <= t.QUANTITY_UNIT.max_chars


# ---------------------------------------------------------------------------- adding up


def _f(typed: str) -> Figure:
    figure = parse_figure(typed)
    assert figure is not None
    return figure


@pytest.mark.parametrize(
    ("parts", "summed"),
    [
        (["150 người", "50 người"], "200 người"),
        (["trên 150 người", "50 người"], "trên 200 người"),
        (["hơn 150 người", "ít nhất 50 người"], "trên 200 người"),
        (["ít nhất 150 người", "50 người"], "ít nhất 200 người"),
        (["dưới 10 lớp", "tối đa 5 lớp"], "dưới 15 lớp"),
        (["tối đa 10 lớp", "5 lớp"], "tối đa 15 lớp"),
        (["trên 150 người", "dưới 50 người"], "khoảng 200 người"),
        (["khoảng 30 hộ", "1.200 hộ"], "khoảng 1.230 hộ"),
        (["1,5 ha", "2,25 ha"], "3,75 ha"),
    ],
)
def test_figures_add_up_and_a_lower_bound_makes_the_sum_one(parts: list[str], summed: str) -> None:
    result = total(_f(p) for p in parts)
    assert result is not None and result.text == summed


def test_totals_are_one_per_unit_shared_by_two_figures_percentages_left_out() -> None:
    figures = [
        _f("trên 150 lượt người"),
        _f("hơn 200 người tham dự"),
        _f("50 Lượt người"),
        _f("100% số thôn"),
        _f("100% số thôn"),
    ]
    assert [f.text for f in totals(figures)] == ["trên 200 lượt người"]
    assert totals([]) == [] and total([]) is None
