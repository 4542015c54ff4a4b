"""Parameter types shared by the command groups."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    # click's types became generic after 8.1, the oldest click vanban accepts.
    _StrType = click.ParamType[str, object]
else:
    _StrType = click.ParamType


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
