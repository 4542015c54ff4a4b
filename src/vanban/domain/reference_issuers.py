"""The issuer of a reference in running text: the name after "của" ("… của Ủy ban nhân dân tỉnh").

The name runs over the words that can belong to one (capitalised words, "và", a comma inside
"Sở Văn hóa, Thể thao và Du lịch") and stops at a word that starts something else: "về",
"ngày", "ban hành", a number, a quotation or the next type word.
"""

from __future__ import annotations

import re

from vanban.domain.reference_text import TYPE_AT

_ISSUER_INTRO = re.compile(r"\s*,?\s*của\s+", re.IGNORECASE)
# Words in lower case, and pairs of them, that end a name: what follows is no longer the issuer.
_STOP_WORDS = frozenset(
    [
        "về",
        "v/v",
        "ngày",
        "tại",
        "theo",
        "đã",
        "là",
        "cho",
        "để",
        "nhằm",
        "trong",
        "với",
        "được",
        "bị",
        "có",
        "gửi",
        "kèm",
        "khi",
        "nay",
        "này",
        "thì",
        "mà",
        "do",
        "đến",
        "từ",
        "trên",
        "như",
        "nhưng",
        "hoặc",
        "năm",
        "tháng",
        "hết",
    ]
)
_STOP_PAIRS = frozenset(
    tuple(p.split())
    for p in (
        "ban hành",
        "quy định",
        "hướng dẫn",
        "phê duyệt",
        "sửa đổi",
        "bổ sung",
        "thay thế",
        "bãi bỏ",
        "đính chính",
        "triển khai",
        "thực hiện",
        "tổ chức",
        "đề nghị",
        "yêu cầu",
        "báo cáo",
        "công bố",
    )
)
_TRAIL_PUNCT = ",;:.!?)]”\"'…"
_MAX_ISSUER_WORDS = 15
_TOKEN = re.compile(r"\S+")


def read_issuer(text: str, pos: int, end: int) -> tuple[str | None, int]:
    """The issuer named after "của" at ``pos`` and where its name ends; ``(None, pos)`` if none."""
    intro = _ISSUER_INTRO.match(text, pos, end)
    if intro is None:
        return None, pos
    scan = text[intro.end() : min(end, intro.end() + 40 * _MAX_ISSUER_WORDS)]
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(scan)]
    base = intro.end()
    words: list[str] = []
    last_end = pos
    i = 0
    while i < len(tokens) and len(words) < _MAX_ISSUER_WORDS:
        token, t_start = tokens[i]
        if token[0] in "(“\"'" or token[0].isdigit():
            break
        if token.lower() == "số" and _peek(tokens, i + 1)[:1].isdigit():
            break
        core = token.rstrip(_TRAIL_PUNCT)
        low = core.lower()
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if core and core[0].islower():
            if low in _STOP_WORDS or (low, nxt.lower().rstrip(_TRAIL_PUNCT)) in _STOP_PAIRS:
                break
            if low == "và" and (not nxt[:1].isupper() or TYPE_AT.match(nxt + " " + _peek(tokens, i + 2))):
                break
        if core in {"-", "\u2013", "\u2014"}:
            if nxt[:1].isupper() and not TYPE_AT.match(nxt + " " + _peek(tokens, i + 2)):
                words.append(core)
                i += 1
                continue
            break
        if not core:
            break
        words.append(core)
        last_end = base + t_start + len(core)
        if core != token:
            if token[len(core)] == "," and _comma_continues(tokens, i + 1):
                words[-1] = core + ","
                i += 1
                continue
            break
        i += 1
    while words and words[-1] in {"-", "\u2013", "\u2014"}:
        words.pop()
    if not words:
        return None, pos
    return " ".join(words).rstrip(","), last_end


def _peek(tokens: list[tuple[str, int]], i: int) -> str:
    return tokens[i][0] if i < len(tokens) else ""


def _comma_continues(tokens: list[tuple[str, int]], i: int) -> bool:
    """ "Sở Văn hóa, Thể thao và Du lịch": a comma inside a name that goes on to "và"."""
    if i >= len(tokens) or not tokens[i][0][:1].isupper():
        return False
    if TYPE_AT.match(tokens[i][0] + " " + _peek(tokens, i + 1)):
        return False
    for token, _ in tokens[i + 1 : i + 4]:
        if token == "và":
            return True
        if token.rstrip(_TRAIL_PUNCT) != token:
            return False
    return False
