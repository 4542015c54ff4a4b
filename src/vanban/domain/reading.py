"""Read what a document says about itself from its text blocks (nd30.md §4, read backwards).

The blocks are the paragraphs of a Word file in order (``vanban.docx.read.read_blocks``):
the header (issuing body, "Số: …", national motto, "<place>, ngày … tháng … năm …"), the
title and subject, the căn cứ lines, the body, and the foot (Nơi nhận, signature). The reader
is forgiving: a document written by hand in Word has the same parts in nearly the same order.
Pure: standard library only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vanban.domain.codes import try_parse_code
from vanban.domain.model import SECRECY_LABELS, URGENCY_LABELS
from vanban.domain.sheet import BASIS, HEADING
from vanban.domain.types import ADMINISTRATIVE_TYPES, CONG_VAN, THU_CONG, fold

if TYPE_CHECKING:
    from vanban.domain.references import Reference


@dataclass(slots=True)
class DocumentMeta:
    """What a document's text says about it; None (or empty) where the text does not say."""

    code: str | None = None
    number: int | None = None
    notation: str | None = None
    type_key: str | None = None
    date: dt.date | None = None
    place: str | None = None
    issuer: str | None = None
    governing_body: str | None = None
    subject: str | None = None
    enacting_authority: str | None = None
    signer_name: str | None = None
    signer_title: str | None = None
    signer_authority: str | None = None
    signer_org: str | None = None
    signer_deputy_title: str | None = None
    to: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    archive: str | None = None
    bases: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    urgency_label: str | None = None
    secrecy_label: str | None = None
    circulation: str | None = None
    references: list[Reference] = field(default_factory=list)


_NUMBER = re.compile(r"^S[ốo]\s*[:.]\s*(?P<rest>.*)$", re.IGNORECASE)
_WORD = r"[^\W\d_][\w.]*"
_DATE = re.compile(
    rf"(?P<place>{_WORD}(?: {_WORD}){{0,6}})\s*,\s*ngày\s*(?P<d>\d{{1,2}})?[\s.…]*"
    r"tháng\s*(?P<m>\d{1,2})?[\s.…]*năm\s*(?P<y>\d{4})?",
    re.IGNORECASE,
)
_VV = re.compile(r"^(?:V/v|V\.v\.?|Về việc)\s*:?\s*", re.IGNORECASE)
_TO = re.compile(r"^Kính\s+gửi\s*:?\s*", re.IGNORECASE)
_RECIPIENTS = re.compile(r"^Nơi\s+nhận\s*:?\s*", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*(.*)$")
_ITEM = re.compile(r"^[-–+•]\s*")
_ARCHIVE = re.compile(r"^Lưu\s*:?\s*", re.IGNORECASE)
_MOTTO = {fold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), fold("Độc lập - Tự do - Hạnh phúc")}
_HEADS = {fold("ỦY BAN NHÂN DÂN"), fold("HỘI ĐỒNG NHÂN DÂN")}
_LEVEL = re.compile(r"^(?:XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU|HUYỆN|QUẬN|THỊ XÃ|THÀNH PHỐ|TỈNH)\s")
_TITLES = {fold(t.name): t.key for t in ADMINISTRATIVE_TYPES if t.key != CONG_VAN}
_TITLES_LONGEST_FIRST = [(f"{name} ", key) for name, key in sorted(_TITLES.items(), key=lambda i: -len(i[0]))]
_URGENCY = {fold(label): label for label in URGENCY_LABELS.values()}
_SECRECY = {fold(label): label for label in SECRECY_LABELS.values()}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _is_caps(text: str) -> bool:
    """Letters, all in capitals ("ỦY BAN NHÂN DÂN", "SỐ 12"); str.isupper says just that."""
    return text.isupper()


def _strip_end(text: str) -> str:
    return text.strip().rstrip(";.,:").rstrip()


def _is_name(text: str) -> bool:
    """ "Nguyễn Phúc Công": two to seven capitalised words, no digits, no punctuation."""
    words = text.split()
    if not 2 <= len(words) <= 7 or _is_caps(text):
        return False
    return all(w[0].isupper() and all(c.isalpha() for c in w) for w in words)


def title_key(flat: str) -> str | None:
    """The type a title line in capitals names: "KẾ HOẠCH" → KH, "THƯ CẢM ƠN" → THC."""
    if not _is_caps(flat):
        return None
    folded = fold(flat.rstrip(":").strip())
    if folded in _TITLES:
        return _TITLES[folded]
    if folded.startswith("THU "):
        return THU_CONG
    for name, key in _TITLES_LONGEST_FIRST:
        if folded.startswith(name):
            return key
    return None


def type_from_title(text: str) -> str | None:
    """The type a document's title says it is ("BÁO CÁO" → BC), from its first lines; None without one."""
    for line in text.split("\n", 30)[:30]:
        if line.isupper() and (key := title_key(_flat(line))) is not None:
            return key
    return None


def _date_of(match: re.Match[str]) -> dt.date | None:
    if not (match["d"] and match["m"] and match["y"]):
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def _read_number(meta: DocumentMeta, rest: str) -> str:
    """Fill code, number and notation from what follows "Số:"; return what is left after it."""
    date_at = _DATE.search(rest)
    text = rest[: date_at.start()] if date_at else rest
    vv = re.search(r"\bV/v\b", text)
    if vv:
        text = text[: vv.start()]
    candidate = text.strip()
    code = try_parse_code(candidate) or try_parse_code(candidate.split()[0] if candidate.split() else "")
    if code is not None:
        meta.code, meta.number, meta.notation = str(code), code.number, code.notation
    elif "/" in candidate:
        # a draft: "Số:      /KH-UBND"
        notation = candidate.rsplit("/", 1)[1].strip()
        meta.notation = notation or None
    return rest[len(text) :] if date_at or vv else ""


def _split_signature(lines: list[str], meta: DocumentMeta) -> None:
    """The inverse of ``Sheet.signature_lines``: authority, organisation, titles."""
    if not lines:
        return
    first = _AUTHORITY.match(lines[0])
    if first is None:
        meta.signer_title = lines[-1]
        return
    authority, rest = first[1] + ".", first[2].strip()
    meta.signer_authority = authority
    if authority == "TM.":
        meta.signer_org = rest or None
        following = lines[1:]
        if following and (deputy := _AUTHORITY.match(following[0])) and deputy[1] == "KT":
            meta.signer_deputy_title = deputy[2].strip() or None
            following = following[1:]
        meta.signer_title = following[-1] if following else None
    elif authority == "Q.":
        meta.signer_title = rest or None
    else:
        meta.signer_deputy_title = rest or None
        meta.signer_title = lines[-1] if len(lines) > 1 else None


def read_metadata(blocks: list[str]) -> DocumentMeta:
    """Code, type, date, place, issuer, subject, signer, recipients, body and references.

    - the code from the "Số: …" line (a draft "Số:      /KH-UBND" gives only the notation);
    - the type from the title in capitals ("KẾ HOẠCH", "QUYẾT ĐỊNH"), else from the code,
      else công văn when a "V/v …" line is there;
    - date and place from "<place>, ngày d tháng m năm yyyy";
    - issuer and governing body from the capital lines above the number;
    - subject from the line after the title, or the "V/v …" line;
    - signer from the capital lines and the name at the foot; recipients from "Kính gửi"
      and "Nơi nhận"; the body between the subject (or căn cứ) and the foot;
    - references from ``vanban.domain.references.extract_references`` on the whole text.
    """
    from vanban.domain.references import extract_references

    meta = DocumentMeta()
    flats = [_flat(b) for b in blocks]
    count = len(flats)

    # --- header: number, date, issuer -------------------------------------------------
    number_at = date_at = None
    vv_text: str | None = None
    for i, flat in enumerate(flats[:40]):
        if number_at is None and (m := _NUMBER.match(flat)):
            number_at = i
            rest = _read_number(meta, m["rest"])
            if rest and (v := re.search(r"\bV/v\b.*", rest)):
                vv_text = v[0]
            if rest and date_at is None and (d := _DATE.search(rest)):
                date_at, meta.place, meta.date = i, d["place"], _date_of(d)
        elif date_at is None and (d := _DATE.search(flat)) and d.start() == 0:
            date_at, meta.place, meta.date = i, d["place"], _date_of(d)
        if number_at is not None and date_at is not None:
            break
    found = [i for i in (number_at, date_at) if i is not None]
    header_end = max(found) + 1 if found else 0
    above = min(found) if found else 0

    capitals = [f for f in flats[:above] if _is_caps(f) and fold(f) not in _MOTTO]
    if capitals:
        issuer_at = len(capitals) - 1
        meta.issuer = capitals[-1]
        if len(capitals) >= 2 and _LEVEL.match(capitals[-1]) and fold(capitals[-2]) in _HEADS:
            meta.issuer = f"{capitals[-2]} {capitals[-1]}"
            issuer_at -= 1
        if issuer_at >= 1:
            meta.governing_body = capitals[issuer_at - 1]

    # between the number and the date, and just after them: "V/v …", urgency and secrecy marks
    i = number_at + 1 if number_at is not None else count
    while i < count and i < header_end + 3:
        flat = flats[i]
        if i == date_at:
            pass
        elif vv_text is None and _VV.match(flat) and flat[:3].lower() == "v/v":
            vv_text = flat
            while i + 1 < count and i + 1 != date_at and flats[i + 1][:1].islower():
                i += 1
                vv_text += " " + flats[i]
        elif _is_caps(flat) and fold(flat) in _URGENCY:
            meta.urgency_label = _URGENCY[fold(flat)]
        elif _is_caps(flat) and fold(flat) in _SECRECY:
            meta.secrecy_label = _SECRECY[fold(flat)]
        elif _is_caps(flat) and i < header_end and not title_key(flat):
            meta.circulation = flat
        elif i >= header_end:
            break
        header_end = max(header_end, i + 1)
        i += 1

    # --- title and subject -------------------------------------------------------------
    cursor = header_end
    title_at = None
    for i in range(header_end, min(header_end + 4 if found else 15, count)):
        if (key := title_key(flats[i])) is not None:
            title_at, meta.type_key = i, key
            break
    if title_at is not None:
        cursor = title_at + 1
        if cursor < count and not _is_caps(flats[cursor]) and not BASIS.match(flats[cursor]):
            subject = [flats[cursor]]
            cursor += 1
            while cursor < count and flats[cursor][:1].islower() and subject[-1][-1:] not in ".;:":
                subject.append(flats[cursor])
                cursor += 1
            meta.subject = _strip_end(" ".join(subject))
        if cursor < count and _is_caps(flats[cursor]) and not title_key(flats[cursor]):
            meta.enacting_authority = flats[cursor]
            cursor += 1
    elif vv_text is not None:
        meta.subject = _strip_end(_VV.sub("", vv_text, count=1))
    if meta.type_key is None:
        code = try_parse_code(meta.code) if meta.code else None
        if code is not None and code.type_key not in (None, CONG_VAN):
            meta.type_key = code.type_key
        elif vv_text is not None or (code is not None and code.type_key == CONG_VAN):
            meta.type_key = CONG_VAN
        elif meta.notation and (draft := try_parse_code(f"1/{meta.notation}")) is not None:
            meta.type_key = draft.type_key

    # --- Kính gửi ----------------------------------------------------------------------
    if cursor < count and _TO.match(flats[cursor]):
        first = _TO.sub("", flats[cursor], count=1)
        lines = [first] if first else []
        cursor += 1
        while (
            cursor < count and _ITEM.match(flats[cursor]) and not (lines and lines[-1].rstrip().endswith("."))
        ):
            lines.append(flats[cursor])
            cursor += 1
        meta.to = [_strip_end(_ITEM.sub("", line, count=1)) for line in lines]

    # --- foot: Nơi nhận and signature --------------------------------------------------
    received_at = next((i for i in range(count - 1, cursor - 1, -1) if _RECIPIENTS.match(flats[i])), None)
    tail_start = received_at if received_at is not None else count
    i = tail_start - 1
    if i >= cursor and _is_name(flats[i]):
        i -= 1
    while i >= cursor and _is_caps(flats[i]) and not flats[i].endswith(":") and not HEADING.match(flats[i]):
        i -= 1
    body_end = i + 1

    foot_lines: list[str] = []
    for block in blocks[body_end:]:
        foot_lines.extend(_flat(line) for line in block.split("\n") if line.strip())
    listing = False
    signature: list[str] = []
    name: str | None = None
    for line in foot_lines:
        if _RECIPIENTS.match(line):
            listing = True
            rest = _RECIPIENTS.sub("", line, count=1)
            if rest:
                meta.recipients.append(_strip_end(_ITEM.sub("", rest, count=1)))
            continue
        if listing and _ITEM.match(line):
            item = _ITEM.sub("", line, count=1)
            if _ARCHIVE.match(item):
                meta.archive = _strip_end(_ARCHIVE.sub("", item, count=1))
                listing = False
            else:
                meta.recipients.append(_strip_end(item))
            continue
        listing = False
        if _is_caps(line):
            signature.append(line)
        elif _is_name(line):
            name = line
    _split_signature(signature, meta)
    meta.signer_name = name

    # --- căn cứ and body -----------------------------------------------------------------
    while cursor < body_end and BASIS.match(flats[cursor]) and not flats[cursor].endswith(":"):
        meta.bases.append(_strip_end(flats[cursor]))
        cursor += 1
    meta.body = [b.strip() for b in blocks[cursor:body_end] if b.strip()]

    meta.references = extract_references("\n".join(blocks), own_code=meta.code, document_type=meta.type_key)
    return meta
