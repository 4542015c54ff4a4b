"""A báo cáo drafted from the register: what was directed and what came of it.

An office asked to report ("Thực hiện Công văn số 516/SKHCN-TTTT … về việc báo cáo kết quả …")
already holds the answer in vanban: the directives it issued and the outcomes recorded against
them. :func:`build_report_draft` lays them out in the shape commune reports take (sections I–V)
and leaves placeholders "(…)" where the clerk writes by hand. Pure: standard library only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from vanban.domain.dates import in_words, padded
from vanban.domain.figures import format_number, totals
from vanban.domain.model import Document, Organization, Outcome
from vanban.domain.sheet import Sheet, strip_end
from vanban.domain.types import BAO_CAO, CONG_VAN, type_name

PLACEHOLDER = "(…)"
"""A line the clerk completes by hand."""

_VV = re.compile(r"^\s*(?:V/v|V\.v\.?|Về việc)\s*:?\s*", re.IGNORECASE)
_REPORT = re.compile(r"^\s*báo cáo\s+", re.IGNORECASE)
_LEVELS = ("xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "thị xã", "thành phố", "tỉnh")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def strip_subject(subject: str) -> str:
    """The subject without a leading "V/v" or "Về việc": "báo cáo kết quả triển khai …"."""
    return _VV.sub("", subject.strip(), count=1).strip()


_RESULTS = re.compile(r"^kết quả\s+", re.IGNORECASE)


def report_subject(request_subject: str, *, interim: bool = False) -> str:
    """The subject of the answering báo cáo: "Kết quả triển khai …" or "Kết quả thực hiện …";
    an interim one "Tiến độ triển khai …" or "Tiến độ thực hiện …".

    A leading "V/v" and "báo cáo" are dropped from the request's subject.
    """
    rest = _REPORT.sub("", strip_subject(request_subject), count=1).strip()
    rest = strip_end(rest)
    if interim:
        if _RESULTS.match(rest):
            return f"Tiến độ {_RESULTS.sub('', rest, count=1)}"
        return f"Tiến độ thực hiện {_lower_first(rest)}"
    if rest.lower().startswith("kết quả"):
        return _upper_first(rest)
    return f"Kết quả thực hiện {_lower_first(rest)}"


def _about(subject: str, *, cong_van: bool = False) -> str:
    """ "về việc kiện toàn …" for a công văn or a "V/v"/"Về việc" subject, else "về <subject>"."""
    stripped = strip_subject(subject)
    if cong_van or stripped != subject.strip():
        return f"về việc {_lower_first(stripped)}"
    return f"về {subject.strip()}"


def short_office_name(office: Organization) -> str:
    """ "UBND xã": the office's abbreviation with its level, as reports name their own office."""
    lowered = office.name.lower()
    for level in _LEVELS:
        if re.search(rf"\b{re.escape(level)}\b", lowered):
            return f"{office.code} {level}"
    return office.code


def format_quantity(quantity: Decimal) -> str:
    """Vietnamese number form: 1.250 (dot between thousands), 2,5 (decimal comma)."""
    return format_number(quantity)


def directive_line(doc: Document, office: Organization) -> str:
    """ "- Kế hoạch số 90/KH-UBND ngày 29/9/2025 của UBND xã về Tổ chức …"."""
    name = type_name(doc.type_key) if doc.type_key else "Văn bản"
    parts = [f"- {name}"]
    if doc.code:
        parts.append(f"số {doc.code}")
    if doc.date:
        parts.append(f"ngày {padded(doc.date)}")
    issuer = short_office_name(office) if doc.issuer_id == office.id else doc.issuer_name
    parts.append(f"của {issuer}")
    parts.append(_about(strip_end(doc.subject), cong_van=doc.type_key == CONG_VAN))
    return " ".join(parts) + "."


def outcome_line(outcome: Outcome) -> str:
    """ "- Tổ chức lớp học trải nghiệm tại nhà văn hóa các thôn: trên 150 lượt người (18/10/2025).",
    the figure as it was written."""
    text = strip_end(outcome.text)
    if outcome.quantity is not None:
        text += f": {outcome.figure_text}"
    if outcome.date:
        text += f" ({padded(outcome.date)})"
    return f"- {text}."


def _within(day: dt.date | None, date_from: dt.date | None, date_to: dt.date | None) -> bool:
    if day is None:
        return True
    if date_from and day < date_from:
        return False
    return not (date_to and day > date_to)


def build_report_draft(
    office: Organization,
    responds_to: Document,
    responds_to_issuer_name: str,
    directives: Sequence[Document],
    outcomes_by_directive: Mapping[int, Sequence[Outcome]],
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    *,
    signer_name: str | None = None,
    signer_title: str | None = "CHỦ TỊCH",
    signer_authority: str | None = None,
    signer_org: str | None = None,
    signer_deputy_title: str | None = None,
    recipients: Sequence[str] | None = None,
    archive_unit: str | None = None,
    report_date: dt.date | None = None,
    interim: bool = False,
) -> Sheet:
    """Draft the báo cáo that answers ``responds_to`` (an incoming request to report).

    ``directives`` are the office's documents that carried the work out (kế hoạch, quyết
    định, công văn…); those dated within ``date_from``–``date_to`` are listed under
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" (typed documents first, then công văn, each by date).
    ``outcomes_by_directive`` maps a directive's id to its outcomes; those within the period
    (or undated) go under "II. KẾT QUẢ TRIỂN KHAI", grouped by directive in the order of I,
    each figure as it was written ("trên 150 lượt người"), then a "Tổng cộng" line for each unit
    two or more of them share ("trên 350 lượt người": a lower bound when a part is one).
    Sections III–V get a placeholder line "(…)" for the clerk. The sheet has no number and no date unless
    ``report_date`` is given: the number is given when the báo cáo is issued.
    Recipients default to the requesting body and the office's leadership. An ``interim``
    report (báo cáo định kỳ, sơ kết: the work goes on) says "tiến độ" and up to which day.
    """
    request_name = type_name(responds_to.type_key) if responds_to.type_key else "Văn bản"
    opening = f"Thực hiện {request_name}"
    if responds_to.code:
        opening += f" số {responds_to.code}"
    if responds_to.date:
        opening += f" {in_words(responds_to.date)}"
    about = _about(strip_end(responds_to.subject), cong_van=responds_to.type_key == CONG_VAN)
    opening += f" của {responds_to_issuer_name} {about}"
    if interim:
        until = f" đến ngày {padded(date_to)}" if date_to else ""
        opening += f"; {office.name} báo cáo tiến độ triển khai{until} như sau:"
    else:
        opening += f"; {office.name} báo cáo kết quả triển khai như sau:"

    listed = [d for d in directives if _within(d.date, date_from, date_to)]
    listed.sort(key=lambda d: (d.date or dt.date.min, d.number or 0, d.id))
    typed = [d for d in listed if d.type_key != CONG_VAN]
    letters = [d for d in listed if d.type_key == CONG_VAN]
    short = short_office_name(office)

    body = [opening, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"]
    if typed:
        body.append(f"{_upper_first(short)} đã ban hành các văn bản chỉ đạo:")
        body.extend(directive_line(d, office) for d in typed)
    if letters:
        lead = "Đồng thời ban hành" if typed else f"{_upper_first(short)} đã ban hành"
        body.append(f"{lead} các công văn triển khai tới các cơ quan, đơn vị trên địa bàn:")
        body.extend(directive_line(d, office) for d in letters)
    if not listed:
        body.append(PLACEHOLDER)

    body.append(
        f"II. KẾT QUẢ TRIỂN KHAI ĐẾN NGÀY {padded(date_to)}"
        if interim and date_to
        else "II. KẾT QUẢ TRIỂN KHAI"
    )
    section = 0
    for d in typed + letters:
        outcomes = [o for o in outcomes_by_directive.get(d.id, ()) if _within(o.date, date_from, date_to)]
        if not outcomes:
            continue
        section += 1
        name = type_name(d.type_key) if d.type_key else "Văn bản"
        head = f"{section}. Kết quả thực hiện {name}"
        if d.code:
            head += f" số {d.code}"
        if d.date:
            head += f" ngày {padded(d.date)}"
        body.append(head)
        body.extend(outcome_line(o) for o in sorted(outcomes, key=lambda o: (o.date or dt.date.min, o.id)))
        # Figures of one unit add up: "trên" when a part is a lower bound (domain.figures).
        body.extend(f"- Tổng cộng: {t.text}." for t in totals(o.figure for o in outcomes if o.figure))
    if section == 0:
        body.append(PLACEHOLDER)

    for heading in (
        "III. KHÓ KHĂN, VƯỚNG MẮC",
        "IV. PHƯƠNG HƯỚNG NHIỆM VỤ TRONG THỜI GIAN TỚI",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
    ):
        body.extend((heading, PLACEHOLDER))

    subject = report_subject(responds_to.subject, interim=interim)
    body.append(f"Trên đây là Báo cáo {_lower_first(subject)} của {office.name}./.")

    if recipients is None:
        recipients = [responds_to_issuer_name, f"Lãnh đạo {short}"]
    return Sheet(
        issuing_body=office.name.upper(),
        governing_body=office.parent_name.upper() if office.parent_name else None,
        type_key=BAO_CAO,
        subject=subject,
        code=None,
        notation=f"{BAO_CAO}-{office.code}",
        place=office.place,
        date=report_date,
        body=body,
        recipients=list(recipients),
        archive=f"VT, {archive_unit}" if archive_unit else "VT",
        signer_authority=signer_authority,
        signer_org=signer_org,
        signer_deputy_title=signer_deputy_title,
        signer_title=signer_title,
        signer_name=signer_name,
    )
