"""Parameter types shared by the command groups.

Numbers are read with the same domain functions the API uses (domain.text, domain.dates), so a
value is refused on the command line with the same Vietnamese message as anywhere else, and a
number no engine could store never reaches the register.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import click

from vanban.domain.dates import check_year
from vanban.domain.text import MAX_ID, MAX_LIMIT, MAX_NUMBER, parse_int
from vanban.errors import VanbanError

if TYPE_CHECKING:
    # click's types became generic after 8.1, the oldest click vanban accepts.
    _StrType = click.ParamType[str, object]
    _Base = click.ParamType[Any, Any]
else:
    _StrType = _Base = click.ParamType


def folded(text: str) -> str:
    """``text`` as compared with the words a command accepts: case, diacritics, dashes and
    repeated spaces aside, so "Trình ký", "trinh-ky" and "TRÌNH  KÝ" are one word."""
    bare = unicodedata.normalize("NFD", text.casefold()).replace("đ", "d")
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    return " ".join(bare.replace("-", " ").replace("_", " ").split())


class Words(_StrType):
    """One of a few Vietnamese words, also accepted without diacritics or by its English name.

    ``words`` maps each value to the words that name it, the Vietnamese one first (the one the
    help page shows); each is also accepted as ``folded`` reads it.
    """

    name = "lựa chọn"

    def __init__(self, words: Mapping[str, tuple[str, ...]]) -> None:
        self.words = dict(words)
        self._by_typed = {folded(word): value for value, typed in self.words.items() for word in typed}

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "|".join(typed[0] for typed in self.words.values())

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if isinstance(value, str) and folded(value) in self._by_typed:
            return self._by_typed[folded(value)]
        shown = ", ".join(f"«{typed[0]}»" for typed in self.words.values())
        return self.fail(f"«{value}» không phải một trong {shown}.", param, ctx)


# Văn bản đi / đến, as `list --direction` and `book` take them.
DIRECTIONS = {"out": ("đi", "out"), "in": ("đến", "in")}
# How an office numbers its documents (`init --numbering`, `series policy`).
POLICIES = {"per_type": ("mỗi-loại", "per-type"), "shared": ("chung", "shared")}


class _Checked(_Base):
    """A parameter converted by a domain function; its VanbanError becomes click's usage error."""

    name = "giá trị"

    def check(self, value: str) -> Any:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value  # a default already converted
        try:
            return self.check(value)
        except VanbanError as error:
            self.fail(f"{error.message} {error.hint or ''}".strip(), param, ctx)


class Year(_Checked):
    name = "năm"

    def check(self, value: str) -> int:
        return check_year(value)


class WholeNumber(_Checked):
    """A whole number between bounds (the limit of rows, the next number of a series, workers)."""

    def __init__(self, what: str, low: int, high: int, example: str) -> None:
        self.what, self.low, self.high, self.example = what, low, high, example
        self.name = what

    def check(self, value: str) -> int:
        return parse_int(value, self.what, low=self.low, high=self.high, example=self.example)


YEAR = Year()
LIMIT = WholeNumber("số dòng", 1, MAX_LIMIT, "Ví dụ: --limit 50.")
NEXT_NUMBER = WholeNumber("số tiếp theo", 1, MAX_NUMBER, "Ví dụ: --next 90.")
JOBS = WholeNumber("số tiến trình", 1, 64, "Ví dụ: --jobs 4.")
TOKEN_ID = WholeNumber("số của khóa", 1, MAX_ID, "Ví dụ: 3.")
