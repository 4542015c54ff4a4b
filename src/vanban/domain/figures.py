"""Outcome figures as people write them: "trên 150 lượt người", "hơn 200", "khoảng 30", "1,5 ha".

A commune report says "với tổng số trên 150 lượt người tham gia", "thu hút hơn 200 người tham
dự": a figure is a qualifier (none, or a word that bounds or approximates the number), a number
written the Vietnamese way (1.200 with a dot between thousands, 1,5 with a decimal comma) and a
unit. :func:`parse_figure` reads one into a :class:`Figure` that keeps the text as written (to
print it back in a report: the qualifier and unit as typed, "Hơn", "lượt người"; the number in
the Vietnamese form, so "1500" and "12.5" are printed 1.500 and 12,5) and the number and its
:class:`Bound` (to add figures up).

The qualifiers are one table, :data:`QUALIFIERS`: each bound with the words that say it, the
first being the one vanban writes. Figures of one unit add up by :func:`total`:

- all exact: the sum, exact;
- exact and lower bounds only ("trên", "hơn", "ít nhất"): the sum is a lower bound, written
  "trên" when any part is "trên"/"hơn" (strictly more), else "ít nhất";
- exact and upper bounds only ("dưới", "tối đa"): likewise "dưới" or "tối đa";
- any approximate part ("khoảng", "gần") or lower and upper bounds mixed: "khoảng".

Percentages ("100% số thôn") are kept and printed, never added up. Plain Python only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from vanban.domain.text import QUANTITY_UNIT, check_utf8, clean_text, parse_quantity, safe_text
from vanban.errors import InputError

__all__ = [
    "QUALIFIERS",
    "Bound",
    "Figure",
    "Qualifier",
    "format_number",
    "parse_figure",
    "total",
    "totals",
]


class Bound(StrEnum):
    """How the number of a figure stands to the real amount."""

    EXACT = "exact"  # 150
    OVER = "over"  # trên 150, hơn 150: more than
    AT_LEAST = "at_least"  # ít nhất 150, tối thiểu 150
    UNDER = "under"  # dưới 150, chưa đến 150: less than
    AT_MOST = "at_most"  # tối đa 150, không quá 150
    ABOUT = "about"  # khoảng 150, gần 150, xấp xỉ 150


@dataclass(frozen=True, slots=True)
class Qualifier:
    """A bound and the words that say it before a number; the first is the one vanban writes."""

    bound: Bound
    words: tuple[str, ...]


QUALIFIERS: tuple[Qualifier, ...] = (
    Qualifier(Bound.OVER, ("trên", "hơn")),
    Qualifier(Bound.AT_LEAST, ("ít nhất", "tối thiểu", "không dưới", "không ít hơn")),
    Qualifier(Bound.UNDER, ("dưới", "chưa đến", "chưa tới", "không đến")),
    Qualifier(Bound.AT_MOST, ("tối đa", "không quá", "không vượt quá", "nhiều nhất")),
    Qualifier(
        Bound.ABOUT,
        ("khoảng", "gần", "xấp xỉ", "chừng", "khoảng chừng", "ước", "ước tính", "ước khoảng", "trên dưới"),
    ),
)
_WORD_OF = {q.bound: q.words[0] for q in QUALIFIERS}
# Longest first, so "trên dưới" is read before "trên" and "ước tính" before "ước".
_BY_WORD = sorted(((w, q.bound) for q in QUALIFIERS for w in q.words), key=lambda p: -len(p[0]))
_LOWER = frozenset({Bound.OVER, Bound.AT_LEAST})
_UPPER = frozenset({Bound.UNDER, Bound.AT_MOST})

MAX_FIGURE_CHARS = 120  # the column that keeps a figure as written
_NUMBER = re.compile(r"\d[\d.,]*")
_RANGE = re.compile(r"(?:[-–—~]|đến|tới)\s*\d", re.IGNORECASE)
_HINT = (
    "Viết như trong báo cáo: «150», «trên 150 lượt người», «hơn 1.200», «khoảng 30», «1,5 ha» — "
    "một từ chỉ mức (trên, hơn, ít nhất, dưới, tối đa, khoảng, gần…), rồi số (dấu chấm ngăn hàng "
    "nghìn, dấu phẩy thập phân), rồi đơn vị tính."
)


def format_number(number: Decimal) -> str:
    """Vietnamese number form: 1.250 (dot between thousands), 2,5 (decimal comma)."""
    normal = number.normalize()
    sign = "-" if normal < 0 else ""
    whole, _, frac = f"{abs(normal):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + frac if frac else "")


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure: its number (summable), bound, unit, and the text as written."""

    number: Decimal
    unit: str | None = None
    bound: Bound = Bound.EXACT
    written: str | None = None
    """The figure exactly as it was typed ("trên 150 lượt người"); None: print :attr:`canonical`."""

    @property
    def qualifier(self) -> str | None:
        """The word vanban writes for the bound ("trên", "khoảng"), None for an exact figure."""
        return _WORD_OF.get(self.bound)

    @property
    def canonical(self) -> str:
        """The figure as vanban writes it: "trên 1.200 lượt người", "1,5 ha"."""
        parts = [self.qualifier, format_number(self.number), self.unit]
        return " ".join(p for p in parts if p)

    @property
    def text(self) -> str:
        """The figure as written when it was, else as vanban writes it."""
        return self.written or self.canonical

    @property
    def summable(self) -> bool:
        """Whether figures of its unit add up: not a percentage."""
        return not (self.unit or "").startswith("%")


def _refuse(value: str, why: str) -> InputError:
    return InputError(f"Số lượng «{safe_text(value)[:60]}» {why}.", hint=_HINT)


def _qualifier(text: str) -> tuple[Bound, int]:
    """The bound the text opens with and where its number starts (EXACT, 0 without a word)."""
    lowered = text.lower()
    for word, bound in _BY_WORD:
        if lowered.startswith(word):
            rest = text[len(word) :]
            stripped = rest.lstrip()
            starts_number = stripped[:1].isdigit() or stripped[:1] in ("-", "−")
            if starts_number and (rest[:1].isspace() or rest[:1] == stripped[:1]):
                return bound, len(text) - len(stripped)
    return Bound.EXACT, 0


def parse_figure(value: object, unit: str | None = None) -> Figure | None:
    """A figure from what a person typed ("trên 150 lượt người", "hơn 1.200", "1,5") or a number
    given to the API; ``unit`` is the unit given apart (``--unit``). None when absent.

    Bad input is refused with an :class:`InputError` in Vietnamese and a hint: no number, a
    word before it that is not a qualifier, a range ("5 - 7"), two numbers, more than two
    decimals, a negative or endless number, a unit given twice and different.
    """
    clean_unit = clean_text(unit, QUANTITY_UNIT, required=False) if unit is not None else None
    if value is None or value == "":
        if clean_unit:
            raise InputError(
                "Có đơn vị tính mà thiếu số lượng.", hint="Thêm --quantity, ví dụ --quantity 150."
            )
        return None
    if not isinstance(value, str):
        number = parse_quantity(value)  # a number given to the API: exact, refused when bad
        assert number is not None
        return Figure(number, clean_unit)
    check_utf8(value, "số lượng")
    text = " ".join(unicodedata.normalize("NFC", value).split())
    if not text:
        raise _refuse(value, "trống")
    if len(text) > MAX_FIGURE_CHARS:
        raise InputError(
            f"Số lượng dài {len(text)} ký tự, tối đa {MAX_FIGURE_CHARS}.",
            hint="Ghi số lượng và đơn vị tính ngắn gọn; phần giải thích ghi vào nội dung kết quả (--text).",
        )
    bound, start = _qualifier(text)
    if text[start : start + 1] in ("-", "−"):
        raise _refuse(value, "âm")
    found = _NUMBER.match(text, start)
    if found is None:
        if any(c.isdigit() for c in text):
            raise _refuse(value, "có chữ đứng trước số mà không phải từ chỉ mức")
        raise _refuse(value, "không có số")
    number = parse_quantity(found.group().rstrip(".,"))
    assert number is not None
    rest = text[found.end() :]
    if rest and not rest[0].isspace() and rest[0] != "%" and not _RANGE.match(rest):
        # "1e400", "12abc", "150,x": a unit stands apart from its number, "%" only may touch it.
        raise _refuse(value, "không phải là một số")
    # The qualifier and the unit as written; the number the Vietnamese way (1500 → 1.500).
    text = text[:start] + format_number(number) + rest
    rest = rest.strip()
    if _RANGE.match(rest):
        raise InputError(
            f"Số lượng «{safe_text(value)[:60]}» là một khoảng, không cộng được.",
            hint="Ghi một số với từ chỉ mức, ví dụ «từ 5 đến 7 thành viên» thành «khoảng 6 thành viên» "
            "hoặc «ít nhất 5 thành viên»; khoảng ghi vào nội dung kết quả.",
        )
    if rest[:1].isdigit():
        raise _refuse(value, "có hai số liền nhau (viết 1.200, không viết 1 200)")
    written_unit = clean_text(rest, QUANTITY_UNIT, required=False) if rest else None
    if written_unit == "%" and clean_unit:  # "100%" of "số thôn": one unit, "% số thôn"
        written_unit, text = clean_text(f"% {clean_unit}", QUANTITY_UNIT), f"{text} {clean_unit}"
        clean_unit = None
    if written_unit and clean_unit and written_unit.casefold() != clean_unit.casefold():
        raise InputError(
            f"Số lượng «{safe_text(value)[:60]}» đã có đơn vị «{written_unit}», "
            f"khác đơn vị tính «{clean_unit}».",
            hint="Ghi đơn vị một lần: trong số lượng («trên 150 lượt người») hoặc ở --unit.",
        )
    final_unit = written_unit or clean_unit
    written = text if written_unit or not clean_unit else f"{text} {clean_unit}"
    if len(written) > MAX_FIGURE_CHARS:
        raise InputError(
            f"Số lượng và đơn vị dài {len(written)} ký tự, tối đa {MAX_FIGURE_CHARS}.",
            hint="Ghi đơn vị tính ngắn gọn.",
        )
    return Figure(number, final_unit, bound, written)


def total(figures: Iterable[Figure]) -> Figure | None:
    """The sum of figures of one unit, its bound as the module says; None for none."""
    parts = list(figures)
    if not parts:
        return None
    bounds = {f.bound for f in parts} - {Bound.EXACT}
    if not bounds:
        bound = Bound.EXACT
    elif bounds <= _LOWER:
        bound = Bound.OVER if Bound.OVER in bounds else Bound.AT_LEAST
    elif bounds <= _UPPER:
        bound = Bound.UNDER if Bound.UNDER in bounds else Bound.AT_MOST
    else:
        bound = Bound.ABOUT
    return Figure(sum((f.number for f in parts), Decimal(0)), parts[0].unit, bound)


def totals(figures: Iterable[Figure], *, at_least: int = 2) -> list[Figure]:
    """One total per unit (units compared without case) that has ``at_least`` figures, in the
    order units first appear; percentages left out."""
    groups: dict[str | None, list[Figure]] = {}
    for figure in figures:
        if figure.summable:
            groups.setdefault(figure.unit.casefold() if figure.unit else None, []).append(figure)
    found = [total(group) for group in groups.values() if len(group) >= at_least]
    return [f for f in found if f is not None]
