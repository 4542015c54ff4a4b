"""The clauses of a text: where sentences, list items and headings begin and end.

Text extracted from Word files breaks lines in the middle of sentences; a clause runs across
line breaks and only a line break before a list marker, a heading, an opening word such as
"Căn cứ", or next to a line in capitals ends one. Each clause knows its list marker, the clause
that introduced its list ("Căn cứ:" before "- Luật …") and whether it sits under a heading
naming the legal bases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from vanban.domain.reference_text import TYPE_AT

# A list marker: "-", "+", "•", "1.", "1.2)", "a)", "II.".
MARKER = r"(?:[-+•*\u2013\u2014]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\)|[IVXLC]+\.)"
# Clause boundaries: punctuation then space, or a line break before a list marker, a heading
# or a word that opens a new paragraph of its own.
_OPENERS = r"Căn cứ|Thực hiện|Triển khai|Xét|Phúc đáp|Trả lời|Theo đề nghị|Điều \d|Kính gửi|Nơi nhận|V/v"
_BOUNDARY = re.compile(rf"[.;!?:…\n](?:(?<=[.;!?:…])\s+|(?<=\n)(?=(?:{MARKER})\s|(?:{_OPENERS})(?!\w)))")
_ABBREVIATION = re.compile(r"(?<!\w)(?:TP|Tp|TX|TT|TM|KT|TL|TUQ|Q|P|ThS|TS|PGS|GS|v\.v)\Z")
_SO_COLON = re.compile(r"(?<!\w)(?:số|ngày)\Z", re.IGNORECASE)
_ITEM = re.compile(
    r"(?:(?P<dash>[-\u2013\u2014])|(?P<plus>\+)|(?P<bullet>[•*])|(?P<roman>[IVXLC]+\.)"
    r"|(?P<number>\d{1,2}(?:\.\d{1,2})*[.)])|(?P<letter>[a-zđ]\)))\s"
)
_MARKER_ONLY = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]+|[a-zđ])[.)]")
# A line break before "15. " does not open an item when the line before ends "năm", "ngày"…
_RUNS_INTO_NUMBER = re.compile(r"(?<!\w)(?:năm|ngày|tháng|số|điều|khoản|mục|lúc|tại|và|đến)\Z", re.IGNORECASE)


@dataclass(slots=True)
class Clause:
    """One clause: its span, its list marker, and the clause that introduced its list."""

    start: int
    end: int
    item: str | None  # list-marker style: dash, plus, bullet, number, letter, roman
    at_line_start: bool
    ends_with_colon: bool
    index: int = 0
    intro: Clause | None = None
    under_bases: bool = False  # under a heading such as "II. CĂN CỨ PHÁP LÝ"


def split_clauses(text: str) -> list[Clause]:
    """The clauses of a normalised text, in order, each linked to its list's introduction."""
    cuts: list[tuple[int, int]] = []  # (end of clause, start of next)
    for m in _BOUNDARY.finditer(text):
        punct = None if text[m.start()] == "\n" else text[m.start()]
        if punct == "." and _ABBREVIATION.search(text, max(0, m.start() - 4), m.start()):
            continue
        if punct == ":" and _SO_COLON.search(text, max(0, m.start() - 5), m.start()):
            continue
        if punct in (".", ")"):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if _MARKER_ONLY.fullmatch(text, line_start, m.start() + 1):
                continue  # "1. Công tác …": the marker stays with its line
        if (
            punct is None
            and text[m.end()].isdigit()
            and _RUNS_INTO_NUMBER.search(text, max(0, m.start() - 6), m.start())
        ):
            continue
        cuts.append((m.start() + (1 if punct else 0), m.end()))
    cuts = _heading_cuts(text, cuts)
    clauses: list[Clause] = []
    start = 0
    for end, nxt in [*cuts, (len(text), len(text))]:
        if end > start:
            item = _ITEM.match(text, start)
            clauses.append(
                Clause(
                    start=start,
                    end=end,
                    item=item.lastgroup if item else None,
                    at_line_start=start == 0 or "\n" in text[max(0, start - 3) : start],
                    ends_with_colon=text[end - 1] == ":",
                    index=len(clauses),
                )
            )
        start = nxt
    _link_list_intros(text, clauses)
    _mark_sections(text, clauses)
    return clauses


_BASES_HEADING = re.compile(r"căn\s+cứ|cơ\s+sở\s+pháp\s+lý|cơ\s+sở\s+xây\s+dựng", re.IGNORECASE)
_BASES_HEADING_AT = re.compile(
    rf"(?:\A|\n)(?:{MARKER}\s*)?(?:CĂN CỨ|CƠ SỞ|(?:Căn cứ|Cơ sở|căn cứ|cơ sở) (?:pháp lý|xây dựng))"
)
_SHORT_HEADING = re.compile(rf"{MARKER}\s*[^\W\d_][^\d;.]{{0,60}}", re.IGNORECASE)


def _mark_sections(text: str, clauses: list[Clause]) -> None:
    """Mark the clauses under a heading naming the legal bases ("II. CĂN CỨ PHÁP LÝ"), to the next heading."""
    if _BASES_HEADING_AT.search(text) is None:
        return  # the usual case: no such heading
    under = False
    for clause in clauses:
        body = text[clause.start : clause.end].rstrip(":")
        heading = clause.item == "roman" or (clause.at_line_start and _is_caps_line(body.split("\n", 1)[0]))
        if not heading and clause.item == "number" and len(body.split()) <= 7:
            heading = _SHORT_HEADING.fullmatch(body) is not None
        if heading:
            under = _BASES_HEADING.search(body) is not None
            continue
        clause.under_bases = under


def _is_caps_line(line: str) -> bool:
    return line.isupper() and sum(1 for c in line if c.isalpha()) >= 4


def _heading_cuts(text: str, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Add a boundary at every line break next to a line in capitals ("CỘNG HÒA …", "QUYẾT ĐỊNH")."""
    extra: list[tuple[int, int]] = []
    pos = 0
    previous_caps = False
    while True:
        nl = text.find("\n", pos)
        line = text[pos : nl if nl >= 0 else len(text)]
        caps = _is_caps_line(line)
        if pos > 0 and (caps or previous_caps):
            extra.append((pos - 1, pos))
        if nl < 0:
            break
        previous_caps = caps
        pos = nl + 1
    if not extra:
        return cuts
    merged: list[tuple[int, int]] = []
    for cut in sorted({*cuts, *extra}):
        if merged and cut[0] < merged[-1][1]:
            continue  # "…: \n" is one boundary, not two
        merged.append(cut)
    return merged


def _link_list_intros(text: str, clauses: list[Clause]) -> None:
    """Give each list item (and the run-on sentence after a colon) the clause that introduced it."""
    intro: Clause | None = None
    style: str | None = None
    previous: Clause | None = None
    for clause in clauses:
        if clause.item == "roman":
            intro, style = None, None
        elif clause.item is not None:
            if intro is not None and style in (None, clause.item):
                style = clause.item
                clause.intro = intro
            elif clause.item == "number":
                intro, style = None, None
        elif intro is not None and (
            previous is intro or not clause.at_line_start or text[clause.start : clause.start + 1].islower()
        ):
            clause.intro = intro
        else:
            intro, style = None, None
        if clause.ends_with_colon:
            intro, style = clause, None
        previous = clause


# A comma and the space after it: where a clause may go on or a new main clause begin.
COMMA = re.compile(r",\s+")


def has_break(text: str, start: int, end: int, skip: Sequence[tuple[int, int]] = ()) -> bool:
    """Whether a new main clause begins between two points: ", UBND xã …" but not ", Công văn …"
    nor a comma inside another reference (``skip``: "… của Bộ Chính trị, Ban Bí thư và …")."""
    for m in COMMA.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in skip):
            continue
        if m.end() < end and text[m.end()].isupper() and not TYPE_AT.match(text, m.end()):
            return True
    return False
