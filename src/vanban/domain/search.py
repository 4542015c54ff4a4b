"""Search words: text folded without diacritics and case, a person's query read into terms.

The one folding of vanban: "Bình dân học vụ SỐ" and "binh dan hoc vu so" are the same words.
Unicode decomposes every Vietnamese vowel (ộ = o + ̂ + ̣) but not đ/Đ, which is its own letter
and is folded to d here. Words are the runs of letters a–z and digits left after folding; every
other character separates words, so "542/UBND-VHXH" is the words 542, ubnd, vhxh. The same
folding is written in SQL by the store (``FOLD_FROM``/``FOLD_TO`` are this function as a table)
so that the index a trigger keeps and the query a person types meet.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from vanban.domain import text as texts
from vanban.errors import InputError

_WORDS = re.compile(r"[a-z0-9]+")
MAX_TERMS = 12  # more words than a subject says helps no one and makes every engine slower
MAX_TERM_CHARS = 40  # one word; the whole query at most MAX_QUERY_CHARS
MAX_QUERY_CHARS = texts.SEARCH.max_chars


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base.lower()


def fold(text: str) -> str:
    """``text`` without diacritics, in small letters, đ as d ("Đẩy mạnh" → "day manh")."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def words(text: str) -> list[str]:
    """The search words of ``text``: runs of a–z and 0–9 after folding."""
    return _WORDS.findall(fold(text))


def code_key(text: str) -> str:
    """A code in any form as one key: "542/UBND-VHXH", "542 ubnd vhxh" → "542ubndvhxh"."""
    return "".join(words(text))


def name_key(text: str) -> str:
    """A name as one key, folded, its words apart by one space: "Sở  Nội vụ" → "so noi vu"."""
    return " ".join(words(text))


def begins_with(text: str, query: str) -> bool:
    """Whether the words of ``query`` begin ``text``'s, the last one as a prefix of its word:
    "so noi v" begins "Sở Nội vụ thành phố Hải Phòng"; a query of no words begins nothing."""
    wanted, have = words(query), words(text)
    if not wanted or len(wanted) > len(have):
        return False
    *whole, last = wanted
    return have[: len(whole)] == whole and have[len(whole)].startswith(last)


def _fold_table() -> tuple[str, str]:
    """fold() as a character table for SQL (translate, replace): every letter it changes among
    the Latin letters (Vietnamese and the rest of Latin-1 and Latin Extended), one to one."""
    ranges = [(0x00C0, 0x024F), (0x1E00, 0x1EFF)]
    source, target = [], []
    for low, high in ranges:
        for point in range(low, high + 1):
            char = chr(point)
            folded = _fold_char(char)
            if folded != char and len(folded) == 1 and folded.isascii() and folded.isalnum():
                source.append(char)
                target.append(folded)
    return "".join(source), "".join(target)


FOLD_FROM, FOLD_TO = _fold_table()


@dataclass(frozen=True, slots=True)
class Query:
    """A person's query read: the words all required, the last one also as a prefix."""

    text: str
    terms: tuple[str, ...]

    @property
    def key(self) -> str:
        """The query as a code key: a document whose code has this key comes first."""
        return "".join(self.terms)


def read_query(value: object) -> Query | None:
    """The query of ``value``; None when it has no word to look for (only punctuation).

    Refused: no text at all, over MAX_QUERY_CHARS characters, control characters
    (text.clean_text); over MAX_TERMS words, a word over MAX_TERM_CHARS.
    """
    cleaned = texts.clean_text(value, texts.SEARCH)
    assert cleaned is not None  # required: clean_text refuses empty text
    terms = words(cleaned)
    if not terms:
        return None
    if len(terms) > MAX_TERMS:
        raise InputError(
            f"Câu tìm có {len(terms)} từ, tối đa {MAX_TERMS}.",
            hint="Chỉ gõ vài từ đặc trưng của trích yếu hoặc số, ký hiệu.",
        )
    long = next((t for t in terms if len(t) > MAX_TERM_CHARS), None)
    if long is not None:
        raise InputError(
            f"Một từ tìm dài tối đa {MAX_TERM_CHARS} ký tự; từ «{long[:20]}…» dài {len(long)}.",
            hint="Tách từ dài bằng khoảng trắng hoặc chỉ gõ phần đầu của nó "
            f"(cả câu tìm tối đa {MAX_QUERY_CHARS} ký tự).",
        )
    return Query(cleaned, tuple(dict.fromkeys(terms)))


class _SpanFold(dict[int, str]):
    """str.translate's table for matched_spans: each character folded to one (a space when it
    folds to nothing), learnt as met."""

    def __missing__(self, point: int) -> str:
        char = chr(point)
        folded = char.lower() if char.isascii() else (_fold_char(char) or " ")[:1]
        self[point] = folded
        return folded


_SPAN_FOLD = _SpanFold()


def matched_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Where the query's words stand in ``text`` (start, end), the last term also as a prefix."""
    if not text:
        return []
    exact = set(query.terms)
    prefix = query.terms[-1]
    spans: list[tuple[int, int]] = []
    # Fold character by character so that positions in the folded text are those of ``text``
    # (NFC: one character folds to at most one letter).
    folded = text.translate(_SPAN_FOLD)
    for found in _WORDS.finditer(folded):
        word = found.group()
        if word in exact or word.startswith(prefix):
            spans.append(found.span())
    return spans


def pieces(text: str, query: Query) -> list[tuple[str, bool]]:
    """``text`` cut where the query's words stand, each piece with whether it is one of them."""
    out: list[tuple[str, bool]] = []
    last = 0
    for start, end in matched_spans(text, query):
        out += [(text[last:start], False), (text[start:end], True)]
        last = end
    out.append((text[last:], False))
    return [piece for piece in out if piece[0]]


def mark(text: str, query: Query, before: str = "[", after: str = "]") -> str:
    """``text`` with the words the query matched between ``before`` and ``after``."""
    return "".join(f"{before}{piece}{after}" if matched else piece for piece, matched in pieces(text, query))
