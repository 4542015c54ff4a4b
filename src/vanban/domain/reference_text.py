"""The text every reference reader works on: the normalised text, and the words that name a type.

:func:`normalise_text` gives the text whose offsets a :class:`~vanban.domain.references.Reference`
holds; the readers of codes, dates, issuers and clauses (``reference_*`` modules) match their
patterns in it.
"""

from __future__ import annotations

import re
import unicodedata

from vanban.domain.types import ALL_TYPES, CONG_VAN, canonical_type_key

_DROP = re.compile("[\u00ad\u200c\u200d]")  # soft hyphen, zero-width (non-)joiner
_TO_SPACE = re.compile(
    "[\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\u200b\u2060\ufeff\t\v\f]"
)
_TO_NEWLINE = re.compile("[\r\u2028\u2029\x85]")
_WHITE_RUN = re.compile(r"[ \n]{2,}")


def _collapse(m: re.Match[str]) -> str:
    return "\n" if "\n" in m.group() else " "


def normalise_text(text: str) -> str:
    """NFC; odd spaces become spaces, soft hyphens go; runs of spaces and of blank lines collapse.

    Typographic dashes stay as they are. The result is idempotent: offsets in a
    :class:`~vanban.domain.references.Reference` index this text.
    """
    cleaned = _TO_NEWLINE.sub("\n", _TO_SPACE.sub(" ", _DROP.sub("", text.replace("\r\n", "\n"))))
    cleaned = unicodedata.normalize("NFC", cleaned)
    return _WHITE_RUN.sub(_collapse, cleaned).strip(" \n")


# Every dash a code or a date may be typed with, as the inside of a character class.
DASH_CHARS = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"


# ---------------------------------------------------------------------------------------------
# The words that name a document's type ("Kế hoạch", "Công văn", "QĐ")


def _words(name: str) -> str:
    return r"\s+".join(re.escape(w) for w in name.split())


def _type_names() -> list[tuple[str, str | None]]:
    names: list[tuple[str, str | None]] = [(t.name, t.key) for t in ALL_TYPES]
    names += [("Công văn", CONG_VAN), ("văn bản", None), ("Kết luận", None), ("Thông tri", None)]
    return names


_TYPE_KEY_BY_NAME = {" ".join(n.lower().split()): k for n, k in _type_names()}
_NAMES_ALT = "|".join(_words(n) for n, _ in sorted(_type_names(), key=lambda p: -len(p[0])))
_ABBR_ALT = "|".join(
    sorted({t.key for t in ALL_TYPES if len(t.key) >= 2} | {"CV", "QD", "VB"}, key=lambda k: -len(k))
)
# A type word: its name, or its abbreviation in the case it is written ("QĐ", never "qđ").
TYPE_WORD = rf"(?<!\w)(?:{_NAMES_ALT}|(?-i:{_ABBR_ALT}))(?!\w)"
# A type word standing here, its name in any case ("kế hoạch", "KẾ HOẠCH").
TYPE_AT = re.compile(TYPE_WORD, re.IGNORECASE)


def type_key_of(words: str) -> str | None:
    """The type a type word names; None for a word that names none ("văn bản")."""
    key = _TYPE_KEY_BY_NAME.get(" ".join(words.lower().split()))
    if key is not None:
        return key
    if " ".join(words.lower().split()) in _TYPE_KEY_BY_NAME:
        return None  # a generic word such as "văn bản"
    return canonical_type_key(words)
