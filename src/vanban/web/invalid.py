"""What FastAPI's request validation refused, said in Vietnamese: which parameter or field, what
was given, and what is expected (pydantic's own text is English and names no remedy)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

# Where a value was read, as a person calling the API names it.
_PLACES = {
    "query": "Tham số «{}» trong địa chỉ",
    "path": "Phần «{}» của đường dẫn",
    "body": "Trường «{}»",
    "form": "Trường «{}» của biểu mẫu",
    "header": "Tiêu đề «{}»",
    "cookie": "Cookie «{}»",
}

# Python's json module says what it expected in English; the common cases, in Vietnamese.
_JSON_PROBLEMS = (
    ("Expecting property name", "cần tên trường trong dấu ngoặc kép"),
    ("Expecting value", "cần một giá trị (chuỗi trong ngoặc kép, số, true, false, null, [ ] hoặc { })"),
    ("Expecting ',' delimiter", "thiếu dấu phẩy giữa hai phần tử"),
    ("Expecting ':' delimiter", "thiếu dấu hai chấm sau tên trường"),
    ("Extra data", "còn dữ liệu thừa sau khi tài liệu JSON đã kết thúc"),
    ("Unterminated string", "chuỗi chưa đóng ngoặc kép"),
    ("Invalid control character", "có ký tự điều khiển trong chuỗi"),
    ("Invalid \\escape", "có mã thoát \\ không hợp lệ"),
)

ISO_DATE = "ngày dạng yyyy-mm-dd như JSON của vanban, ví dụ 2026-01-31"
_DATE_TYPES = {
    "date_parsing",
    "date_type",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "date_future",
    "date_past",
    "datetime_parsing",
    "datetime_type",
    "datetime_from_date_parsing",
}
_INT_TYPES = {"int_parsing", "int_type", "int_from_float", "int_parsing_size"}
_NUMBER_TYPES = {"float_parsing", "float_type", "decimal_parsing", "decimal_type"}
_TEXT_TYPES = {"string_type", "string_unicode", "string_sub_type"}
_OBJECT_TYPES = {"model_attributes_type", "model_type", "dict_type", "dataclass_type"}
_LIMITS = {
    "greater_than_equal": ("ge", "nhỏ hơn mức thấp nhất là {}"),
    "greater_than": ("gt", "phải lớn hơn {}"),
    "less_than_equal": ("le", "lớn hơn mức cao nhất là {}"),
    "less_than": ("lt", "phải nhỏ hơn {}"),
}


def _given(value: Any) -> str:
    """The value as given, short and on one line."""
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(str(text).split())
    return f"«{text[:60]}…»" if len(text) > 60 else f"«{text}»"


def _where(loc: Sequence[Any], page: bool) -> str:
    """ "Tham số «direction» trong địa chỉ", "Trường «items[0].x»", "Nội dung gửi lên"; on a
    page of the desk, where a person never typed a parameter's name, "Địa chỉ trang"."""
    place, *path = loc or ("body",)
    if page and place in ("path", "query"):
        return "Địa chỉ trang"
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    if not name:
        return "Nội dung gửi lên" if place == "body" else "Yêu cầu"
    return _PLACES.get(str(place), "«{}»").format(name)


def _choices(expected: str) -> str:
    """pydantic's "'out' or 'in'" as «out», «in»."""
    found = re.findall(r"'([^']*)'", expected) or [expected]
    return ", ".join(f"«{c}»" for c in found)


def _json_problem(error: Mapping[str, Any], body: Any) -> str:
    position = error.get("loc", ("body", 0))[-1]
    said = str((error.get("ctx") or {}).get("error", ""))
    what = next((vi for en, vi in _JSON_PROBLEMS if said.startswith(en)), "cú pháp không đúng")
    where = ""
    if isinstance(position, int):
        text = body if isinstance(body, str) else ""
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        where = f" ở dòng {line}, cột {column} (ký tự thứ {position + 1})"
    return f"Nội dung JSON sai cú pháp{where}: {what}."


def sentence(error: Mapping[str, Any], body: Any = None, *, page: bool = False) -> str:
    """One refusal of pydantic, as a Vietnamese sentence naming the field and the remedy
    (``page``: for a page of the desk rather than the API)."""
    kind = str(error.get("type", ""))
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind == "json_invalid":
        return _json_problem(error, body)
    where = _where(error.get("loc", ()), page)
    given = _given(error.get("input"))
    if kind == "missing":
        return f"Thiếu {where[0].lower()}{where[1:]}: phải có giá trị này."
    if kind == "extra_forbidden":
        return f"{where} không được nhận: bỏ trường này đi."
    if kind in ("literal_error", "enum"):
        return f"{where}: {given} không phải một trong {_choices(str(ctx.get('expected', '')))}."
    if kind in _DATE_TYPES:
        reason = str(ctx.get("error", ""))
        why = "không có ngày này trong lịch" if "outside expected range" in reason else "không đọc được"
        return f"{where}: {given} {why}; ghi {ISO_DATE}."
    if kind in _INT_TYPES:
        return f"{where}: {given} không phải số nguyên; ghi chữ số, ví dụ 2025."
    if kind in _NUMBER_TYPES:
        return f"{where}: {given} không phải số; ghi chữ số, phần lẻ sau dấu chấm (ví dụ 12.5)."
    if kind in ("bool_parsing", "bool_type"):
        return f"{where}: {given} không phải đúng/sai; ghi true hoặc false."
    if kind in _LIMITS:
        key, said = _LIMITS[kind]
        return f"{where}: {given} {said.format(ctx.get(key))}."
    if kind == "string_too_long":
        length = len(error["input"]) if isinstance(error.get("input"), str) else None
        count = f" dài {length} ký tự," if length is not None else ""
        return f"{where}{count} quá giới hạn {ctx.get('max_length')} ký tự; hãy rút gọn."
    if kind == "string_too_short":
        return f"{where} để trống hoặc quá ngắn: cần ít nhất {ctx.get('min_length')} ký tự."
    if kind in _TEXT_TYPES:
        return f"{where}: {given} không phải chuỗi chữ; ghi giá trị trong dấu ngoặc kép."
    if kind in _OBJECT_TYPES:
        return f'{where} phải là một đối tượng JSON {{"tên": giá trị, …}}, không phải {given}.'
    if kind in ("list_type", "tuple_type"):
        return f"{where} phải là một danh sách JSON [ … ], không phải {given}."
    return f"{where}: giá trị {given} không hợp lệ."


def explain(errors: Sequence[Mapping[str, Any]], body: Any = None, *, page: bool = False) -> str:
    """Every refusal of one request, each its own sentence (the first few: one fix at a time is
    enough to start)."""
    said = [sentence(e, body, page=page) for e in errors[:5]]
    more = len(errors) - len(said)
    if more > 0:
        said.append(f"Và {more} lỗi khác.")
    return " ".join(said) or "Dữ liệu gửi lên không hợp lệ."
