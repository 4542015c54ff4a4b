"""FastAPI's refusals said in Vietnamese (web.invalid): each pydantic error type names the field."""

from __future__ import annotations

from typing import Any

import pytest

from vanban.web.invalid import explain, sentence


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (
            {"type": "enum", "loc": ("body", "kind"), "input": "x", "ctx": {"expected": "'a', 'b' or 'c'"}},
            "Trường «kind»: «x» không phải một trong «a», «b», «c».",
        ),
        (
            {"type": "datetime_parsing", "loc": ("query", "since"), "input": "hôm qua", "ctx": {}},
            "Tham số «since» trong địa chỉ: «hôm qua» không đọc được; ghi ngày dạng yyyy-mm-dd",
        ),
        ({"type": "missing", "loc": ("query", "q"), "input": None}, "Thiếu tham số «q» trong địa chỉ"),
        (
            {"type": "extra_forbidden", "loc": ("body", "colour"), "input": 1},
            "Trường «colour» không được nhận: bỏ trường này đi.",
        ),
        (
            {"type": "string_too_short", "loc": ("body", "subject"), "input": "", "ctx": {"min_length": 1}},
            "Trường «subject» để trống hoặc quá ngắn: cần ít nhất 1 ký tự.",
        ),
        (
            {"type": "string_type", "loc": ("body", "items", 0, "note"), "input": 5},
            "Trường «items[0].note»: «5» không phải chuỗi chữ",
        ),
        (
            {"type": "less_than_equal", "loc": ("path", "doc_id"), "input": "2147483648", "ctx": {"le": 9}},
            "Phần «doc_id» của đường dẫn: «2147483648» lớn hơn mức cao nhất là 9.",
        ),
        (
            {"type": "something_new", "loc": ("body", "unit"), "input": "?"},
            "Trường «unit»: giá trị «?» không hợp lệ.",
        ),
    ],
)
def test_each_kind_of_refusal_names_the_field_and_what_is_expected(error: dict[str, Any], said: str) -> None:
    assert said in sentence(error)


def test_a_long_value_is_cut_and_many_refusals_are_counted() -> None:
    errors = [{"type": "int_parsing", "loc": ("query", f"n{i}"), "input": "x" * 100} for i in range(7)]
    text = explain(errors)
    assert text.count("không phải số nguyên") == 5 and text.endswith("Và 2 lỗi khác.")
    assert "«" + "x" * 60 + "…»" in text
