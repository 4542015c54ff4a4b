"""What is printed of a document: its sheet in the layout of Nghị định 30/2020 (Phụ lục I).

Pure data, standard library only. ``vanban.docx.render`` turns a :class:`Sheet` into a Word
file. The register books are in ``vanban.domain.book`` (the book as printed) and
``vanban.domain.book_making`` (the book filled from the documents).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from vanban.domain.dates import in_words
from vanban.domain.types import CONG_VAN
from vanban.domain.types import type_name as _type_name

AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
"""Signing authorities written before the signer's title (nd30.md §2)."""

# A body paragraph opening a section: "I. ", "II. ", "1. ", "2.1. " (bold, no indent).
HEADING = re.compile(r"^(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2})*)\.\s")

BASIS = re.compile(r"^(?:Căn cứ|Theo đề nghị|Xét đề nghị)\b", re.IGNORECASE)
"""A căn cứ line (legal basis) of a typed document (nd30.md §4), the proposal lines included."""

_PROPOSAL = re.compile(r"^(?:Theo đề nghị|Xét đề nghị)\b", re.IGNORECASE)
_CITED_CODE = re.compile(r"\bsố\s+(\S+?)[,;.]?(?:\s|$)")

ENACTED_TYPES = frozenset({"NQ", "QĐ"})
"""Types printed with the competence line (thẩm quyền ban hành) under their title: nghị quyết
and quyết định cá biệt (Phụ lục III, Mẫu 1.1–1.3)."""

HEAD_TITLES: tuple[tuple[str, str], ...] = (
    ("ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    ("HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"),
)
"""The title of the head of a body, by how the body's name begins (Luật Tổ chức chính quyền
địa phương): who signs for it alone, and for whom a deputy signs (KT.)."""

DRAFT_NUMBER = "     "
"""What stands where the number goes on a draft: "Số:      /KH-UBND"."""

DRAFT_DATE = "ngày     tháng     năm 20.."
"""The date of a draft, filled in by hand when the document is signed."""

DRAFT_UNIT = "……"
"""What stands for the drafting unit in the Lưu line of a draft that has none."""


@dataclass(slots=True)
class Sheet:
    """One document as it is printed (thể thức, nd30.md §4).

    Lines are given without their printed punctuation: the renderer adds ";" after each
    căn cứ and recipient and "." after the last one. A body paragraph that starts with a
    section number ("I. ", "1. ", "2.1. ") is a heading, printed bold without indent.
    Căn cứ lines typed at the head of the body of a typed document are căn cứ too: they are
    printed with the linked ones (:meth:`basis_lines`), not as body text (:meth:`body_lines`).
    """

    issuing_body: str
    type_key: str
    subject: str
    governing_body: str | None = None
    code: str | None = None
    notation: str | None = None
    type_name: str = ""
    place: str | None = None
    date: dt.date | None = None
    enacting_authority: str | None = None
    """The competence line under the title of a quyết định or nghị quyết cá biệt as read from
    a Word file, e.g. "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHÚ THÁI"; when None it is made from the
    issuing body and the signer (:attr:`authority_line`)."""
    bases: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    to: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    archive: str = "VT"
    """Who keeps the filed copies: "VT, <drafting unit>" (the Lưu line, nd30.md §4)."""
    signer_authority: str | None = None
    signer_org: str | None = None
    signer_deputy_title: str | None = None
    signer_title: str | None = None
    signer_name: str | None = None
    urgency_label: str | None = None
    secrecy_label: str | None = None
    circulation: str | None = None
    void_mark: str | None = None
    """Printed at the top of a recalled or replaced document (domain.corrections.void_mark)."""

    def __post_init__(self) -> None:
        if not self.type_name:
            self.type_name = _type_name(self.type_key)

    @property
    def is_cong_van(self) -> bool:
        """Công văn print their subject as "V/v …" in the header and carry no title."""
        return self.type_key == CONG_VAN

    @property
    def number_line(self) -> str:
        """ "Số: 90/KH-UBND", or "Số:      /KH-UBND" for a draft without a number."""
        if self.code:
            return f"Số: {self.code}"
        return f"Số: {DRAFT_NUMBER}/{self.notation or ''}"

    @property
    def date_text(self) -> str:
        """ "Phú Thái, ngày 03 tháng 10 năm 2025", or the blank form of a draft."""
        when = in_words(self.date) if self.date else DRAFT_DATE
        return f"{self.place}, {when}" if self.place else when[0].upper() + when[1:]

    @property
    def title(self) -> str:
        """The type name in capitals ("KẾ HOẠCH"); empty for a công văn."""
        return "" if self.is_cong_van else self.type_name.upper()

    @property
    def head_title(self) -> str | None:
        """The title of the head of the issuing body ("CHỦ TỊCH"): whom a deputy signs for."""
        if self.signer_deputy_title:
            return self.signer_deputy_title.upper()
        name = self.issuing_body.upper()
        return next((title for start, title in HEAD_TITLES if name.startswith(start)), None)

    @property
    def authority_line(self) -> str | None:
        """The competence line under the title of a quyết định or nghị quyết (Mẫu 1.1–1.3).

        As read from Word when it was; else made from the issuing body and the signer: a
        collective decision (signed "TM.", and every nghị quyết) is the body's own,
        "ỦY BAN NHÂN DÂN XÃ PHÚ THÁI"; any other is its head's,
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHÚ THÁI". None for the other types.
        """
        if self.enacting_authority:
            return self.enacting_authority.upper()
        if self.type_key not in ENACTED_TYPES:
            return None
        body = " ".join(self.issuing_body.upper().split())
        if self.type_key == "NQ" or self.signer_authority == "TM.":
            return body
        own_title = (self.signer_title or "").upper() if self.signer_authority in (None, "Q.") else ""
        head = own_title or self.head_title
        return f"{head} {body}" if head else body

    def basis_lines(self) -> list[str]:
        """Every căn cứ as printed, each ending with ";" and the last with ".".

        The căn cứ typed at the head of the body come first (laws and decrees are seldom
        in the register), then the linked documents they do not already cite, then the
        proposal ("Theo đề nghị của …"), which closes the căn cứ in every sample of the decree.
        """
        typed = self._typed_bases()
        cited = [line for line in typed if not _PROPOSAL.match(line)]
        proposals = [line for line in typed if _PROPOSAL.match(line)]
        written = " ".join(typed)
        for line in self.bases:
            if not line.strip():
                continue
            code = _CITED_CODE.search(line)
            if code is None or code[1] not in written:
                (proposals if _PROPOSAL.match(line.strip()) else cited).append(line)
        return punctuated(cited + proposals)

    def body_lines(self) -> list[str]:
        """The body paragraphs, without the căn cứ typed at its head."""
        paragraphs = [p.strip() for p in self.body if p.strip()]
        return paragraphs[len(self._typed_bases()) :]

    def _typed_bases(self) -> list[str]:
        if self.is_cong_van:
            return []
        typed: list[str] = []
        for paragraph in (p.strip() for p in self.body if p.strip()):
            # "Căn cứ …, Ủy ban nhân dân xã ban hành Kế hoạch như sau:" is a sentence of the body
            if not BASIS.match(paragraph) or paragraph.endswith(":"):
                break
            typed.append(paragraph)
        return typed

    def signature_lines(self) -> list[str]:
        """The capital lines of the signature block above the space for signature and seal.

        - TM.: "TM. ỦY BAN NHÂN DÂN" then, when a deputy signs, "KT. CHỦ TỊCH", then the title;
        - KT., TL., TUQ.: "KT. CHỦ TỊCH" (whom the signer signs for: ``signer_deputy_title``,
          else ``signer_org``) then the signer's own title ("PHÓ CHỦ TỊCH");
        - Q.: "Q. CHỦ TỊCH" on one line;
        - none: the title alone.
        """
        title = (self.signer_title or "").upper()
        authority = self.signer_authority
        lines: list[str] = []
        if authority == "TM.":
            lines.append(f"TM. {(self.signer_org or '').upper()}".strip())
            if self.signer_deputy_title:
                lines.append(f"KT. {self.signer_deputy_title.upper()}")
            if title:
                lines.append(title)
        elif authority == "Q.":
            lines.append(f"Q. {title}".strip())
        elif authority in ("KT.", "TL.", "TUQ."):
            head = self.head_title or self.signer_org or ""
            lines.append(f"{authority} {head.upper()}".strip())
            if title:
                lines.append(title)
        elif title:
            lines.append(title)
        return lines

    def recipient_lines(self) -> list[str]:
        """The Nơi nhận list as printed: "- Sở KH&CN;" … "- Lưu: VT, VHXH."."""
        lines = [f"- {strip_end(r)};" for r in self.recipients]
        lines.append(f"- Lưu: {self.archive_line}.")
        return lines

    @property
    def archive_line(self) -> str:
        """What follows "Lưu:": "VT, VHXH" (văn thư, then the drafting unit).

        The unit is what the register knows of the document. A draft without one leaves a
        blank to fill in by hand, like its number and date ("VT, ……"); a numbered document
        without one prints "VT" alone: it was issued or registered without a unit (a paper
        document signed elsewhere, a small office without units), and no unit is invented.
        """
        kept = strip_end(self.archive)
        if "," in kept or self.code:
            return kept
        return f"{kept}, {DRAFT_UNIT}"


def strip_end(text: str) -> str:
    """A line without the punctuation the renderer adds (";", ".", ",", ":")."""
    return text.strip().rstrip(";.,:").rstrip()


def punctuated(lines: Sequence[str]) -> list[str]:
    """Lines ended with ";" and the last with "." (căn cứ, recipients of a công văn)."""
    cleaned = [strip_end(line) for line in lines]
    return [line + ("." if i == len(cleaned) - 1 else ";") for i, line in enumerate(cleaned)]
