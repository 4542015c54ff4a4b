"""Find the documents a text refers to: căn cứ lines, "Thực hiện …" openings, lists in reports.

Every reference is a số, ký hiệu in one of the forms of nd30.md §2 (``90/KH-UBND``,
``542/UBND-VHXH``, ``30/2020/NĐ-CP``, ``72/2025/QH15``, ``55/2005/TTLT-BNV-VPCP``, ``57-NQ/TW``),
read together with the words around it: the type named before it ("Kế hoạch số …"), the date
right after it ("ngày 29/9/2025"), the issuer after "của", and the kind of link the context
gives (căn cứ → based_on, thực hiện → implements, phúc đáp → responds_to …).

Text extracted from Word files breaks lines in the middle of sentences; the extractor reads a
sentence across line breaks and only treats a line break as a boundary before a list marker,
a heading, an opening word such as "Căn cứ", or next to a line in capitals. Offsets are into
:func:`normalise_text` of the input, which :func:`extract_references` applies itself.

The reading is in layers, each in its module, each using only those above it in this list:
``reference_text`` (the normalised text, the type words), ``reference_clauses``,
``reference_codes``, ``reference_dates`` and ``reference_issuers`` (the readers),
``reference_mentions`` (each code with its type, date and issuer) and ``reference_kinds`` (the
kind of link each mention gives). This module puts them together, one :class:`Reference` per
document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from vanban.domain.codes import Code, try_parse_code
from vanban.domain.links import LinkKind
from vanban.domain.reading import type_from_title
from vanban.domain.reference_clauses import split_clauses
from vanban.domain.reference_kinds import Context, allowed_actions, kind_of
from vanban.domain.reference_mentions import find_mentions
from vanban.domain.reference_text import normalise_text
from vanban.domain.types import BAO_CAO, canonical_type_key

__all__ = ["KIND_PRECEDENCE", "Reference", "extract_references", "interim_title"]


# ---------------------------------------------------------------------------------------------
# The result


@dataclass(frozen=True, slots=True)
class Reference:
    """One document another text refers to."""

    text: str
    code: Code | None  # None for an act cited by its name and date ("Luật Đất đai ngày …")
    type_key: str | None
    date: date | None
    issuer: str | None
    kind: LinkKind
    start: int
    end: int
    title: str | None = None  # the name of an act cited without a number

    @property
    def key(self) -> str:
        """What names the document: its code, else its title and date."""
        if self.code is not None:
            return str(self.code)
        return f"{self.title} ngày {self.date.isoformat() if self.date else ''}"

    def to_json(self) -> dict[str, object]:
        code = self.code
        return {
            "text": self.text,
            "code": str(code) if code else None,
            "number": code.number if code else None,
            "number_text": code.number_text if code else None,
            "notation": code.notation if code else None,
            "title": self.title,
            "type": self.type_key,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
            "kind": self.kind.value,
        }


# When one document is mentioned several times, the most specific kind wins (last is strongest).
KIND_PRECEDENCE: tuple[LinkKind, ...] = (
    LinkKind.CITES,
    LinkKind.BASED_ON,
    LinkKind.IMPLEMENTS,
    LinkKind.REPORTS_PROGRESS,
    LinkKind.REPORTS_ON,
    LinkKind.RESPONDS_TO,
    LinkKind.CORRECTS,
    LinkKind.REPEALS,
    LinkKind.AMENDS,
    LinkKind.REPLACES,
)
_RANK = {kind: i for i, kind in enumerate(KIND_PRECEDENCE)}


# ---------------------------------------------------------------------------------------------
# Interim or final report

# A report's title says whether it is an interim one (báo cáo sơ kết, định kỳ, tiến độ, of part
# of the year), which leaves what it reports on open, or the final one (tổng kết, or nothing
# said: "Kết quả triển khai …"), which closes it. Only a proposal: the clerk confirms it.
_INTERIM_TITLE = re.compile(
    r"(?<!\w)(?:sơ\s+kết|định\s+kỳ|tiến\s+độ|giữa\s+(?:kỳ|năm)|(?:\d{1,2}|sáu|chín|ba)\s+tháng\s+đầu\s+năm"
    r"|quý\s+(?:I{1,3}|IV|[1-4])|h[ằà]ng\s+(?:tháng|quý))(?!\w)",
    re.IGNORECASE,
)
_FINAL_TITLE = re.compile(r"(?<!\w)tổng\s+kết(?!\w)", re.IGNORECASE)
_TITLE_ZONE = 1500  # at most so many characters of a text are its title and opening


def interim_title(title: str) -> bool:
    """Whether a report's title (its trích yếu) reads as an interim report: "Sơ kết 6 tháng đầu
    năm", "Báo cáo định kỳ quý III", "Tiến độ thực hiện …"; "tổng kết" is always final."""
    return _INTERIM_TITLE.search(title) is not None and _FINAL_TITLE.search(title) is None


# ---------------------------------------------------------------------------------------------
# Entry point


def extract_references(
    text: str, *, own_code: str | None = None, document_type: str | None = None
) -> list[Reference]:
    """Every document the text refers to, in order of first mention, one per code.

    ``own_code`` (the document's own "Số: …") is left out; the header line "Số: …" is always
    left out. ``document_type`` is the type of the document read ("BC" for a báo cáo): in a
    report, what the office lists as issued or carried out is reported on — ``reports_progress``
    when its title reads as an interim report (:func:`interim_title`), else ``reports_on``.
    Without it, the title in capitals says it ("BÁO CÁO", "QUYẾT ĐỊNH"), when the text has one.
    Acts cited by name and date without a number ("Luật Đất đai ngày 18/01/2024") come with
    ``code`` None and their ``title``.
    Offsets index ``normalise_text(text)``.
    """
    normalised = normalise_text(text)
    own = try_parse_code(own_code) if own_code else None
    type_key = canonical_type_key(document_type) if document_type else type_from_title(normalised)
    report = type_key == BAO_CAO
    clauses = split_clauses(normalised)
    mentions = find_mentions(normalised, clauses)
    by_clause: dict[int, list[int]] = {}
    for i, mention in enumerate(mentions):
        by_clause.setdefault(mention.clause.index, []).append(i)
    # The title, and the opening that names the request ("… về việc báo cáo sơ kết 6 tháng …").
    title_end = min(mentions[0].clause.end if mentions else len(normalised), _TITLE_ZONE)
    ctx = Context(
        normalised,
        clauses,
        mentions,
        report,
        allowed_actions(type_key),
        by_clause,
        interim=report and interim_title(normalised[:title_end]),
    )
    by_code: dict[str, int] = {}
    out: list[Reference] = []
    for i, mention in enumerate(mentions):
        key = str(mention.code) if mention.code is not None else f"{mention.title}|{mention.date}"
        if own is not None and key == str(own):
            continue
        kind = kind_of(ctx, i)
        if key in by_code:
            first = out[by_code[key]]
            if _RANK[kind] > _RANK[first.kind]:
                out[by_code[key]] = replace(first, kind=kind)
            continue
        by_code[key] = len(out)
        out.append(
            Reference(
                text=" ".join(normalised[mention.span_start : mention.span_end].split()),
                code=mention.code,
                type_key=mention.type_key,
                date=mention.date,
                issuer=mention.issuer,
                kind=kind,
                start=mention.span_start,
                end=mention.span_end,
                title=mention.title,
            )
        )
    return out
