"""The leadership view and the trace on a large register, beside hand-written SQL.

The database is built quickly with bulk inserts through SQLAlchemy Core on the tables of
``vanban.store.tables`` — not through the API. The data is synthetic but schema-valid:

- 50 own offices (communes) in one database, each with units, a clerk, a leader and an
  officer; a dozen outside organizations that send documents; a few legal documents each
  office cites (reference-only documents).
- Every year of every office is numbered like vanban numbers it: outgoing numbers are unique
  and gap-free per (office, year, type) series in date order, codes are ``90/KH-UBND`` /
  ``542/UBND-VHXH``; incoming documents get gap-free số đến per (office, year) in arrival
  order; the ``series`` counters hold the last number given. Statuses are states of the
  document's lifecycle (directive, report, incoming), numbered exactly when the lifecycle
  has passed its numbering state.
- Links: directives implement incoming directives, công văn respond to incoming công văn,
  quyết định rest on (based_on) the legal documents, issued reports report on directives
  (reported directives have one), draft reports on some open ones. Outcomes on reported and
  implemented directives, reported in the report that reports them. Assignments (with
  reassignments) on incoming and on directives being carried out; deadlines on open items,
  about a third of them overdue on 24/11/2026.
- Office no. 1 also holds a deep chain: a provincial decision, the district plan
  implementing it, the commune plan (the trace root) implementing that, then a tree of
  ``--chain-depth`` levels of documents implementing it (``--chain-fanout`` each), each
  group of siblings reported on by one report, outcomes on the leaves.
- No events are written (status and trace do not read them).

The database grows in stages with the same open documents: first ``--closed`` first value
closed documents (the current year), then more closed documents of earlier years up to the
next value. At each stage ``Office.status()`` (one office, as its leader) and
``Office.trace(code)`` are timed against hand-written SQL returning the same rows (checked
row by row), alternating, medians reported.

    .venv/bin/python bench/bench_status.py                        # SQLite, 10k then 100k closed
    .venv/bin/python bench/bench_status.py --engine postgresql --json
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial
from time import perf_counter
from typing import Any

from _support import (
    TODAY,
    dump_json,
    engines_to_run,
    log,
    machine,
    median,
    scratch_database,
    table,
)

STATUS_GOAL_MS = 300.0  # on SQLite at 100k documents
RATIO_GOAL = 2.0  # within 2× of hand-written SQL
CHUNK = 5000


# ---------------------------------------------------------------------------------- the data

COMMUNES = [
    "Phú Thái",
    "Kim Thành",
    "Lai Khê",
    "Cộng Hòa",
    "Tuấn Việt",
    "Kim Xuyên",
    "Ngũ Phúc",
    "Kim Anh",
    "Kim Liên",
    "Kim Tân",
    "Kim Đính",
    "Bình Dân",
    "Tam Kỳ",
    "Đại Đức",
    "Hòa Bình",
    "Liên Hòa",
    "Thượng Vũ",
    "Cổ Dũng",
    "Phúc Thành",
    "Đồng Cẩm",
    "An Phụ",
    "Hiệp Sơn",
    "Thất Hùng",
    "Minh Tân",
]
# (code, name, weight as a sender of incoming documents)
OUTSIDE = [
    ("UBND", "Ủy ban nhân dân tỉnh Hải Dương", 3),
    ("UBND", "Ủy ban nhân dân huyện Kim Thành", 6),
    ("SKHCN", "Sở Khoa học và Công nghệ tỉnh Hải Dương", 1),
    ("SNV", "Sở Nội vụ tỉnh Hải Dương", 2),
    ("SYT", "Sở Y tế tỉnh Hải Dương", 1),
    ("SGDĐT", "Sở Giáo dục và Đào tạo tỉnh Hải Dương", 1),
    ("STC", "Sở Tài chính tỉnh Hải Dương", 1),
    ("STNMT", "Sở Tài nguyên và Môi trường tỉnh Hải Dương", 1),
    ("CAH", "Công an huyện Kim Thành", 1),
    ("BHXH", "Bảo hiểm xã hội huyện Kim Thành", 1),
]
LEGAL = [
    ("CP", "Chính phủ", "30/2020/NĐ-CP"),
    ("BNV", "Bộ Nội vụ", "01/2011/TT-BNV"),
    ("QH", "Quốc hội", "72/2025/QH15"),
]
UNITS = [
    ("VP", "Văn phòng - Thống kê"),
    ("VHXH", "Văn hóa - Xã hội"),
    ("TCKT", "Tài chính - Kế toán"),
    ("ĐCXD", "Địa chính - Xây dựng"),
]
OUT_TYPES = [("CV", 35), ("KH", 20), ("QĐ", 15), ("TB", 12), ("GM", 8), ("HD", 5), ("CT", 5)]
IN_TYPES = [("CV", 55), ("KH", 12), ("QĐ", 10), ("TB", 8), ("GM", 8), ("BC", 4), ("CT", 3)]
DIRECTIVE_IN = ("KH", "QĐ", "CT", "TB")
TOPICS = [
    "chuyển đổi số",
    "phòng chống dịch bệnh",
    "an toàn giao thông",
    "xây dựng nông thôn mới",
    "phòng cháy chữa cháy",
    "cải cách hành chính",
    "bầu cử",
    "tuyển quân",
    "tiêm chủng mở rộng",
    "vệ sinh môi trường",
    "thu ngân sách",
    "phổ cập giáo dục",
    "đất đai",
    "an sinh xã hội",
]
TYPE_NAMES = {
    "CV": "Về việc",
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "TB": "Thông báo",
    "GM": "Giấy mời",
    "HD": "Hướng dẫn",
    "CT": "Chỉ thị",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
}


@dataclass
class Doc:
    id: int
    office_id: int
    direction: str
    type_key: str | None
    issuer_id: int
    issuer_code: str
    subject: str
    on: date
    status: str | None
    workflow: str | None
    unit_code: str | None = None
    deadline: date | None = None
    number: int | None = None
    year: int | None = None
    notation: str | None = None
    code: str | None = None
    series_key: str | None = None
    arrival_number: int | None = None
    arrival_year: int | None = None
    arrival_date: date | None = None
    reference_only: bool = False

    def row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "office_id": self.office_id,
            "direction": self.direction,
            "type_key": self.type_key,
            "issuer_id": self.issuer_id,
            "unit_code": self.unit_code,
            "number": self.number,
            "year": self.year,
            "notation": self.notation,
            "code": self.code,
            "series_key": self.series_key,
            "date": None if self.reference_only else self.on,
            "place": None,
            "subject": self.subject,
            "body": None,
            "signer_name": None,
            "signer_title": None,
            "signer_authority": None,
            "recipients": [] if self.direction == "out" else None,
            "urgency": None,
            "secrecy": None,
            "deadline": self.deadline,
            "status": self.status,
            "workflow": self.workflow,
            "arrival_number": self.arrival_number,
            "arrival_year": self.arrival_year,
            "arrival_date": self.arrival_date,
            "reference_only": self.reference_only,
            "created_at": datetime.combine(self.on, datetime.min.time()) + timedelta(hours=8),
        }


@dataclass
class OfficeInfo:
    index: int
    id: int
    name: str
    place: str
    leader: str
    clerk: str
    officer: str
    refs: list[Doc] = field(default_factory=list)
    next_year: int = TODAY.year  # the year its next batch of closed documents fills (going back)


@dataclass
class Batch:
    docs: list[Doc] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    outcome_reports: list[dict[str, Any]] = field(default_factory=list)
    assignments: list[dict[str, Any]] = field(default_factory=list)
    series: list[dict[str, Any]] = field(default_factory=list)

    def extend(self, other: Batch) -> None:
        self.docs += other.docs
        self.links += other.links
        self.outcomes += other.outcomes
        self.outcome_reports += other.outcome_reports
        self.assignments += other.assignments
        self.series += other.series


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


class Generator:
    """Synthetic, schema-valid register data for many offices, one year batch at a time."""

    def __init__(
        self, offices: int, open_per_office: int, per_year: int, depth: int, fanout: int, seed: int
    ) -> None:
        self.rng = random.Random(seed)
        self.n_offices = offices
        self.open_per_office = open_per_office
        self.per_year = per_year
        self.depth = depth
        self.fanout = fanout
        self.next_doc = 1
        self.next_outcome = 1
        self.offices: list[OfficeInfo] = []
        self.outside: list[tuple[int, str, int]] = []  # (id, code, weight)
        self.chain_root: Doc | None = None
        self.chain_size = 0

    def _doc_id(self) -> int:
        self.next_doc += 1
        return self.next_doc - 1

    # ------------------------------------------------------------------ organizations

    def setup_rows(self) -> dict[str, list[dict[str, Any]]]:
        orgs: list[dict[str, Any]] = []
        units_rows: list[dict[str, Any]] = []
        users_rows: list[dict[str, Any]] = []
        org_id = 0
        unit_id = 0
        user_id = 0
        for i in range(self.n_offices):
            org_id += 1
            place = f"{COMMUNES[i % len(COMMUNES)]}" + (
                f" {i // len(COMMUNES) + 1}" if i >= len(COMMUNES) else ""
            )
            name = f"Ủy ban nhân dân xã {place}"
            orgs.append(
                {
                    "id": org_id,
                    "code": "UBND",
                    "name": name,
                    "parent_name": "UBND huyện Kim Thành",
                    "place": place,
                    "madinhdanh": None,
                    "own": True,
                    "numbering": "per_type",
                }
            )
            info = OfficeInfo(
                i, org_id, name, place, f"lanhdao{i + 1:02d}", f"vanthu{i + 1:02d}", f"chuyenvien{i + 1:02d}"
            )
            self.offices.append(info)
            for code, unit_name in UNITS:
                unit_id += 1
                units_rows.append({"id": unit_id, "office_id": org_id, "code": code, "name": unit_name})
            for login, full_name, roles in (
                (info.clerk, "Trần Thị Văn Thư", "van_thu,quan_tri"),
                (info.leader, "Nguyễn Phúc Công", "lanh_dao"),
                (info.officer, "Lê Văn Chuyên", "chuyen_vien"),
            ):
                user_id += 1
                users_rows.append(
                    {
                        "id": user_id,
                        "login": login,
                        "full_name": full_name,
                        "roles": roles,
                        "office_id": org_id,
                    }
                )
        for code, name, weight in OUTSIDE:
            org_id += 1
            orgs.append(
                {
                    "id": org_id,
                    "code": code,
                    "name": name,
                    "parent_name": None,
                    "place": None,
                    "madinhdanh": None,
                    "own": False,
                    "numbering": "per_type",
                }
            )
            self.outside.append((org_id, code, weight))
        legal_ids: list[tuple[int, str, str]] = []
        for code, name, doc_code in LEGAL:
            org_id += 1
            orgs.append(
                {
                    "id": org_id,
                    "code": code,
                    "name": name,
                    "parent_name": None,
                    "place": None,
                    "madinhdanh": None,
                    "own": False,
                    "numbering": "per_type",
                }
            )
            legal_ids.append((org_id, code, doc_code))
        self._legal = legal_ids
        return {"organizations": orgs, "units": units_rows, "users": users_rows}

    def references(self) -> Batch:
        """The legal documents each office cites: held as reference-only documents."""
        from vanban.domain.codes import parse_code

        batch = Batch()
        for office in self.offices:
            for issuer_id, issuer_code, text in self._legal:
                code = parse_code(text)
                doc = Doc(
                    self._doc_id(),
                    office.id,
                    "in",
                    code.type_key,
                    issuer_id,
                    issuer_code,
                    "",
                    date(code.year or 2020, 1, 1),
                    None,
                    None,
                    number=code.number,
                    year=code.year,
                    notation=code.notation,
                    code=str(code),
                    reference_only=True,
                )
                office.refs.append(doc)
                batch.docs.append(doc)
        return batch

    # ------------------------------------------------------------------ one office, one year

    def _day(self, year: int, after: date | None = None, within: int | None = None) -> date:
        first = date(year, 1, 2)
        last = min(date(year, 12, 31), TODAY)
        lo = max(first, after) if after else first
        hi = min(last, lo + timedelta(days=within)) if within is not None else last
        if hi < lo:
            return lo
        return lo + timedelta(days=self.rng.randint(0, (hi - lo).days))

    def _out(self, office: OfficeInfo, year: int, type_key: str, status: str, workflow: str, on: date) -> Doc:
        rng = self.rng
        unit = rng.choice(UNITS)[0] if type_key in ("CV", "THC") or rng.random() < 0.5 else None
        subject = f"{TYPE_NAMES.get(type_key, 'Về việc')} {rng.choice(TOPICS)} năm {year}"
        return Doc(
            self._doc_id(),
            office.id,
            "out",
            type_key,
            office.id,
            "UBND",
            subject,
            on,
            status,
            workflow,
            unit_code=unit,
        )

    def _in(self, office: OfficeInfo, year: int, status: str, on: date, type_key: str | None = None) -> Doc:
        rng = self.rng
        issuer_id, issuer_code, _ = rng.choices(self.outside, weights=[o[2] for o in self.outside])[0]
        kind = type_key or _weighted(rng, IN_TYPES)
        subject = f"{TYPE_NAMES.get(kind, 'Về việc')} {rng.choice(TOPICS)}"
        return Doc(
            self._doc_id(), office.id, "in", kind, issuer_id, issuer_code, subject, on, status, "incoming"
        )

    def _link(self, batch: Batch, src: Doc, dst: Doc, kind: str) -> None:
        batch.links.append({"from_id": src.id, "to_id": dst.id, "kind": kind})

    def _outcome(self, batch: Batch, doc: Doc, on: date, report: Doc | None) -> None:
        rng = self.rng
        oid = self.next_outcome
        self.next_outcome += 1
        quantity = rng.choice([None, rng.randint(1, 500)])
        batch.outcomes.append(
            {
                "id": oid,
                "document_id": doc.id,
                "text": f"Kết quả {rng.choice(TOPICS)}",
                "quantity": quantity,
                "unit": "lượt người" if quantity else None,
                "date": on,
            }
        )
        if report is not None:
            batch.outcome_reports.append({"outcome_id": oid, "report_id": report.id})

    def _assign(
        self, batch: Batch, office: OfficeInfo, doc: Doc, deadline: date | None, *, history: bool
    ) -> None:
        rng = self.rng
        at = datetime.combine(doc.arrival_date or doc.on, datetime.min.time()) + timedelta(hours=9)
        if history:
            batch.assignments.append(
                {
                    "document_id": doc.id,
                    "lead": rng.choice(UNITS)[0],
                    "support": [],
                    "deadline": None,
                    "note": None,
                    "active": False,
                    "assigned_at": at,
                    "assigned_by": office.leader,
                }
            )
        lead = rng.choice([*(u[0] for u in UNITS), office.officer])
        support = [u[0] for u in UNITS if u[0] != lead and rng.random() < 0.2]
        batch.assignments.append(
            {
                "document_id": doc.id,
                "lead": lead,
                "support": support,
                "deadline": deadline,
                "note": None,
                "active": True,
                "assigned_at": at,
                "assigned_by": office.leader,
            }
        )

    def _open_deadline(self, on: date) -> date | None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2:
            return None
        if roll < 0.55:  # overdue on TODAY
            return on + timedelta(days=rng.randint(5, max(5, (TODAY - on).days - 1)))
        return TODAY + timedelta(days=rng.randint(1, 60))

    def year_batch(self, office: OfficeInfo, year: int, n_closed: int, n_open: int, chain: bool) -> Batch:
        """One office's documents of one year: closed ones, open ones, the chain; numbered."""
        rng = self.rng
        batch = Batch()
        out: list[Doc] = []
        inc: list[Doc] = []

        # Closed documents: the mix of a commune's year once it is over.
        n_rep = round(n_closed * 0.30)
        n_bc = (n_rep + 1) // 2
        n_rej = round(n_closed * 0.03)
        n_misc = round(n_closed * 0.04)
        n_ttr = round(n_closed * 0.02)
        n_done = max(0, n_closed - n_rep - n_bc - n_rej - n_misc - n_ttr)
        reported = [
            self._out(office, year, _weighted(rng, OUT_TYPES), "reported", "directive", self._day(year))
            for _ in range(n_rep)
        ]
        out += reported
        for k in range(n_misc):
            status = ("recalled", "replaced", "cancelled", "cancelled")[k % 4]
            out.append(
                self._out(office, year, _weighted(rng, OUT_TYPES), status, "directive", self._day(year))
            )
        out += [self._out(office, year, "TTr", "issued", "report", self._day(year)) for _ in range(n_ttr)]
        done = [self._in(office, year, "done", self._day(year)) for _ in range(n_done)]
        inc += done
        inc += [self._in(office, year, "rejected", self._day(year)) for _ in range(n_rej)]

        # What the closed directives rest on and answer (before dates are final).
        directive_in = [d for d in done if d.type_key in DIRECTIVE_IN]
        cv_in = [d for d in done if d.type_key == "CV"]
        for d in reported:
            if directive_in and rng.random() < 0.4:
                target = rng.choice(directive_in)
                d.on = max(d.on, target.on)
                self._link(batch, d, target, "implements")
            if d.type_key == "CV" and cv_in and rng.random() < 0.5:
                target = rng.choice(cv_in)
                d.on = max(d.on, target.on)
                self._link(batch, d, target, "responds_to")
            if d.type_key == "QĐ" and office.refs and rng.random() < 0.4:
                self._link(batch, d, rng.choice(office.refs), "based_on")
        for d in done:
            self._assign(batch, office, d, None, history=rng.random() < 0.15)
        for d in reported:
            if rng.random() < 0.3:
                self._assign(batch, office, d, None, history=False)

        # Open documents (the current year only): directives being carried out, incoming in hand.
        open_out: list[Doc] = []
        if n_open:
            mix = [
                ("issued", 10),
                ("in_progress", 15),
                ("implemented", 10),
                ("registered", 25),
                ("assigned", 40),
            ]
            for _ in range(n_open):
                status = _weighted(rng, mix)
                on = self._day(year)
                if status in ("registered", "assigned"):
                    doc = self._in(office, year, status, on)
                    doc.deadline = self._open_deadline(on) if status == "registered" else None
                    inc.append(doc)
                    if status == "assigned":
                        self._assign(batch, office, doc, self._open_deadline(on), history=rng.random() < 0.2)
                else:
                    doc = self._out(office, year, _weighted(rng, OUT_TYPES), status, "directive", on)
                    out.append(doc)
                    open_out.append(doc)
                    if status == "issued":
                        doc.deadline = self._open_deadline(on)
                    else:
                        self._assign(batch, office, doc, self._open_deadline(on), history=False)
            for doc in open_out:
                if reported and rng.random() < 0.3:
                    for implementer in rng.sample(reported, min(len(reported), rng.randint(1, 2))):
                        implementer.on = max(implementer.on, doc.on)
                        self._link(batch, implementer, doc, "implements")
                if rng.random() < 0.1:  # a report being drafted: it does not count as reported yet
                    draft = self._out(office, year, "BC", "drafted", "report", self._day(year, doc.on))
                    out.append(draft)
                    self._link(batch, draft, doc, "reports_on")

        if chain:
            out_chain, in_chain = self._chain(batch, office, year)
            out += out_chain
            inc += in_chain

        # Reports on the reported directives, two at a time, with the outcomes they report.
        reported.sort(key=lambda d: d.on)
        for k in range(n_bc):
            targets = reported[2 * k : 2 * k + 2]
            if not targets:
                break
            latest = max(t.on for t in targets)
            report = self._out(office, year, "BC", "issued", "report", self._day(year, latest, 30))
            out.append(report)
            for t in targets:
                self._link(batch, report, t, "reports_on")
                for _ in range(rng.randint(1, 2)):
                    self._outcome(batch, t, self._day(year, t.on, (report.on - t.on).days), report)
        for doc in open_out:
            if doc.status == "implemented":
                for _ in range(rng.randint(1, 3)):
                    self._outcome(batch, doc, self._day(year, doc.on), None)

        self._number(batch, office, year, out, inc)
        batch.docs += out + inc
        return batch

    def _chain(self, batch: Batch, office: OfficeInfo, year: int) -> tuple[list[Doc], list[Doc]]:
        """Province → district → the commune plan (root) → a tree of documents implementing it."""
        rng = self.rng
        start = date(year, 1, 10)
        province = self._in(office, year, "done", start, "QĐ")
        province.issuer_id, province.issuer_code = self.outside[0][0], self.outside[0][1]
        district = self._in(office, year, "done", start + timedelta(days=7), "KH")
        district.issuer_id, district.issuer_code = self.outside[1][0], self.outside[1][1]
        self._link(batch, province, office.refs[0], "based_on")
        self._link(batch, district, province, "implements")
        root = self._out(office, year, "KH", "in_progress", "directive", start + timedelta(days=20))
        root.subject = f"Kế hoạch triển khai chuyển đổi số xã {office.place} năm {year}"
        self._link(batch, root, district, "implements")
        self._link(batch, root, province, "based_on")
        self._assign(batch, office, root, date(year, 12, 31), history=False)
        for _ in range(2):
            self._outcome(batch, root, self._day(year, root.on), None)
        out = [root]
        level = [root]
        types = ("KH", "TB", "CV", "HD", "QĐ")
        for depth in range(1, self.depth + 1):
            following: list[Doc] = []
            for parent in level:
                siblings: list[Doc] = []
                for k in range(self.fanout):
                    on = min(TODAY - timedelta(days=40), parent.on + timedelta(days=rng.randint(3, 12)))
                    child = self._out(
                        office, year, types[(depth + k) % len(types)], "reported", "directive", on
                    )
                    self._link(batch, child, parent, "implements")
                    siblings.append(child)
                latest = max(s.on for s in siblings)
                report = self._out(office, year, "BC", "issued", "report", self._day(year, latest, 10))
                for s in siblings:
                    self._link(batch, report, s, "reports_on")
                    if depth == self.depth:
                        for _ in range(rng.randint(1, 2)):
                            self._outcome(batch, s, self._day(year, s.on, (report.on - s.on).days), report)
                out += [*siblings, report]
                following += siblings
            level = following
        self.chain_root = root
        self.chain_size = len(out) + 2
        return out, [province, district]

    def _number(self, batch: Batch, office: OfficeInfo, year: int, out: list[Doc], inc: list[Doc]) -> None:
        """Give numbers as vanban does: per series in date order, số đến in arrival order."""
        from vanban.domain.codes import make_code

        numbered_out = {"issued", "in_progress", "implemented", "reported", "recalled", "replaced"}
        last: dict[str, tuple[int, date]] = {}
        for doc in sorted(out, key=lambda d: (d.on, d.id)):
            if doc.status not in numbered_out:
                continue
            assert doc.type_key is not None
            number = last.get(doc.type_key, (0, doc.on))[0] + 1
            last[doc.type_key] = (number, doc.on)
            code = make_code(number, doc.type_key, "UBND", doc.unit_code)
            doc.number, doc.year, doc.series_key = number, year, doc.type_key
            doc.notation, doc.code = code.notation, str(code)
        sender_numbers: dict[int, int] = {}
        for doc in inc:
            n = sender_numbers.get(doc.issuer_id, 0) + self.rng.randint(1, 9)
            sender_numbers[doc.issuer_id] = n
            code = make_code(n, doc.type_key or "CV", doc.issuer_code, "VP")
            doc.number, doc.year, doc.notation, doc.code = n, year, code.notation, str(code)
            if doc.status != "rejected":
                doc.arrival_date = min(
                    doc.on + timedelta(days=self.rng.randint(0, 3)), date(year, 12, 31), TODAY
                )
        arrival = 0
        arrival_day: date | None = None
        for doc in sorted(inc, key=lambda d: (d.arrival_date or date.min, d.id)):
            if doc.arrival_date is None:
                continue
            arrival += 1
            doc.arrival_number, doc.arrival_year = arrival, year
            arrival_day = doc.arrival_date
        for key, (number, on) in last.items():
            batch.series.append(
                {"office_id": office.id, "year": year, "key": key, "last_number": number, "last_date": on}
            )
        if arrival:
            batch.series.append(
                {
                    "office_id": office.id,
                    "year": year,
                    "key": "DEN",
                    "last_number": arrival,
                    "last_date": arrival_day,
                }
            )

    def stage(self, closed_per_office: Sequence[int], first: bool) -> Batch:
        """Every office's next closed documents, whole years going back; the first stage also holds
        the open documents and the chain."""
        batch = Batch()
        for office, n_closed in zip(self.offices, closed_per_office, strict=True):
            remaining = n_closed
            first_year = True
            while remaining > 0 or (first and first_year):
                take = min(self.per_year, remaining)
                with_open = first and first_year
                batch.extend(
                    self.year_batch(
                        office,
                        office.next_year,
                        take,
                        self.open_per_office if with_open else 0,
                        chain=with_open and office.index == 0,
                    )
                )
                remaining -= take
                office.next_year -= 1
                first_year = False
        return batch


# ---------------------------------------------------------------------------------- loading


_INITIAL = {"directive": "drafted", "report": "drafted", "incoming": "received"}
_NUMBERING = {"directive": "issued", "report": "issued", "incoming": "registered"}


def event_rows(batch: Batch) -> list[dict[str, Any]]:
    """The events vanban would have written for a batch (with --as-of): each document created
    or received, recorded on its date (with a record in its data, as vanban seals it), moved to
    its state two days later, and each link made an hour after its source was written."""
    rows: list[dict[str, Any]] = []
    made: dict[int, datetime] = {}
    for doc in batch.docs:
        if doc.reference_only or doc.workflow is None:
            continue
        at = doc.row()["created_at"]
        made[doc.id] = at
        first = "receive" if doc.direction == "in" else "create"
        initial, numbering = _INITIAL[doc.workflow], _NUMBERING[doc.workflow]
        base = {"office_id": doc.office_id, "document_id": doc.id, "actor": "bench", "note": None}
        rows.append({**base, "at": at, "trigger": first, "from_state": None, "to_state": initial, "data": {}})
        state = initial
        if doc.number is not None or doc.arrival_number is not None:
            record = {k: str(v) for k, v in doc.row().items() if k not in ("recipients", "created_at")}
            trigger = "register" if doc.direction == "in" else "issue"
            rows.append(
                {
                    **base,
                    "at": at,
                    "trigger": trigger,
                    "from_state": state,
                    "to_state": numbering,
                    "data": {"record": record},
                }
            )
            state = numbering
        if doc.status not in (None, state):
            rows.append(
                {
                    **base,
                    "at": at + timedelta(days=2),
                    "trigger": "step",
                    "from_state": state,
                    "to_state": doc.status,
                    "data": {},
                }
            )
    for link in batch.links:
        at = made.get(link["from_id"])
        if at is not None:
            rows.append(
                {
                    "office_id": None,
                    "document_id": link["from_id"],
                    "actor": "bench",
                    "note": None,
                    "at": at + timedelta(hours=1),
                    "trigger": "link",
                    "from_state": None,
                    "to_state": None,
                    "data": {"kind": link["kind"], "to": link["to_id"]},
                }
            )
    offices = {d.id: d.office_id for d in batch.docs}
    for row in rows:
        row["office_id"] = row["office_id"] or offices[row["document_id"]]
    return rows


def insert_rows(conn: Any, table_: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        conn.execute(table_.insert(), rows[start : start + CHUNK])


def load(
    engine: Any, rows: dict[str, list[dict[str, Any]]] | None, batch: Batch, *, events: bool = False
) -> None:
    from vanban.store import tables as t

    with engine.begin() as conn:
        if rows:
            insert_rows(conn, t.organizations, rows["organizations"])
            insert_rows(conn, t.units, rows["units"])
            insert_rows(conn, t.users, rows["users"])
        insert_rows(conn, t.documents, [d.row() for d in batch.docs])
        insert_rows(conn, t.links, batch.links)
        if events:
            insert_rows(conn, t.events, event_rows(batch))
        insert_rows(conn, t.outcomes, batch.outcomes)
        insert_rows(conn, t.outcome_reports, batch.outcome_reports)
        insert_rows(conn, t.assignments, batch.assignments)
        insert_rows(conn, t.series, batch.series)
    if engine.dialect.name == "postgresql":
        from sqlalchemy import text

        with engine.begin() as conn:
            for name in ("organizations", "units", "users", "documents", "outcomes"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"
                    )
                )


def analyze(engine: Any) -> None:
    """Servers keep statistics up to date on their own (autovacuum, InnoDB persistent stats);
    do it now so the plans are those of a settled database. SQLite is left as vanban leaves it."""
    from sqlalchemy import text

    if engine.dialect.name == "sqlite":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("VACUUM ANALYZE"))
        else:
            for name in ("documents", "links", "outcomes", "outcome_reports", "assignments", "organizations"):
                conn.execute(text(f"ANALYZE TABLE {name}"))


# ---------------------------------------------------------------------------------- hand-written SQL


def _doc_columns() -> str:
    from vanban.store.tables import documents

    return ", ".join(f"d.{c.name}" for c in documents.c)


def open_condition(workflows: Any) -> tuple[str, str, str]:
    """(workflow IN list, status IN list, the exact pairs) of the open states, as SQL literals."""
    pairs = [(wf.name, sorted(wf.open_states())) for wf in workflows if wf.open_states()]
    names = ", ".join(f"'{name}'" for name, _ in pairs)
    states = ", ".join(sorted({f"'{s}'" for _, ss in pairs for s in ss}))
    exact = " OR ".join(
        f"(d.workflow = '{name}' AND d.status IN ({', '.join(repr(s) for s in ss)}))" for name, ss in pairs
    )
    return names, states, exact


def status_sql(workflows: Any) -> tuple[str, str]:
    names, states, exact = open_condition(workflows)
    summary = (
        "SELECT d.workflow, d.status, d.type_key, count(*) FROM documents d"
        " WHERE d.office_id = :office AND d.reference_only = FALSE"
        " GROUP BY d.workflow, d.status, d.type_key ORDER BY d.workflow, d.status, d.type_key"
    )
    deadline = "COALESCE(a.deadline, d.deadline)"
    items = f"""
SELECT {_doc_columns()}, i.code AS issuer_code, i.name AS issuer_name,
       {deadline} AS effective_deadline,
       a.lead AS lead_name,
       (SELECT count(*) FROM links l
         WHERE l.to_id = d.id AND l.kind IN ('implements', 'responds_to')) AS implementing,
       (SELECT count(*) FROM outcomes o WHERE o.document_id = d.id) AS outcome_count,
       CASE WHEN EXISTS (SELECT 1 FROM links l JOIN documents r ON r.id = l.from_id
                          WHERE l.to_id = d.id AND l.kind = 'reports_on' AND r.code IS NOT NULL)
            THEN 1 ELSE 0 END AS reported
  FROM documents d
  JOIN organizations i ON i.id = d.issuer_id
  LEFT JOIN assignments a
    ON a.id = (SELECT max(x.id) FROM assignments x WHERE x.document_id = d.id AND x.active = TRUE)
 WHERE d.office_id = :office AND d.workflow IN ({names}) AND d.status IN ({states})
   AND ({exact}) AND d.reference_only = FALSE
 ORDER BY CASE WHEN {deadline} IS NULL THEN 1 ELSE 0 END, {deadline}, d.date, d.id"""
    return summary, items


def trace_sql(dialect: str) -> tuple[str, str]:
    """Both directions of the chain with one recursive query; outcomes and reports with another.

    Downward, a document's children are whatever links to it; a report also carries on to the
    other documents it reports on. Written per engine as each plans it well: PostgreSQL takes
    only one reference to the recursive table (so a LATERAL pair of index lookups), SQLite and
    MariaDB take two recursive SELECTs (an OR in the join makes MariaDB scan the links table).
    """
    kind_type = "CHAR(20)" if dialect == "mysql" else "VARCHAR(20)"
    root = (
        "root(id) AS (SELECT d.id FROM documents d"
        " WHERE d.office_id = :office AND d.code = :code AND d.year = :year)"
    )

    def down_steps(columns: bool) -> str:
        extra = ", down.id, e.kind" if columns else ""
        if dialect == "postgresql":
            return f"""SELECT e.child{extra} FROM down JOIN documents p ON p.id = down.id
  CROSS JOIN LATERAL (
    SELECT l.from_id AS child, l.kind FROM links l WHERE l.to_id = down.id
    UNION ALL
    SELECT l.to_id, l.kind FROM links l
     WHERE l.from_id = down.id AND l.kind = 'reports_on' AND p.type_key = 'BC') e"""
        extra_in, extra_out = (", down.id, l.kind", ", down.id, l.kind") if columns else ("", "")
        return f"""SELECT l.from_id{extra_in} FROM down JOIN links l ON l.to_id = down.id
  UNION
  SELECT l.to_id{extra_out} FROM down JOIN documents p ON p.id = down.id JOIN links l ON l.from_id = down.id
   WHERE l.kind = 'reports_on' AND p.type_key = 'BC'"""

    cols = _doc_columns()
    documents_sql = f"""
WITH RECURSIVE {root},
up(id, parent_id, kind) AS (
  SELECT id, 0, CAST('root' AS {kind_type}) FROM root
  UNION
  SELECT l.to_id, up.id, l.kind FROM up JOIN links l ON l.from_id = up.id
),
down(id, parent_id, kind) AS (
  SELECT id, 0, CAST('root' AS {kind_type}) FROM root
  UNION
  {down_steps(True)}
)
SELECT 'up' AS side, t.parent_id, t.kind, {cols}, i.code AS issuer_code, i.name AS issuer_name
  FROM up t JOIN documents d ON d.id = t.id JOIN organizations i ON i.id = d.issuer_id
 WHERE t.id NOT IN (SELECT id FROM root)
UNION ALL
SELECT 'down', t.parent_id, t.kind, {cols}, i.code, i.name
  FROM down t JOIN documents d ON d.id = t.id JOIN organizations i ON i.id = d.issuer_id
 WHERE t.id NOT IN (SELECT id FROM root)
UNION ALL
SELECT 'root', 0, NULL, {cols}, i.code, i.name
  FROM root t JOIN documents d ON d.id = t.id JOIN organizations i ON i.id = d.issuer_id"""
    outcomes_sql = f"""
WITH RECURSIVE {root},
down(id) AS (
  SELECT id FROM root
  UNION
  {down_steps(False)}
)
SELECT o.id, o.document_id, o.text, o.quantity, o.unit, o.date, r.report_id, rd.code
  FROM outcomes o
  LEFT JOIN outcome_reports r ON r.outcome_id = o.id
  LEFT JOIN documents rd ON rd.id = r.report_id
 WHERE o.document_id IN (SELECT id FROM down)
 ORDER BY o.date, o.id, r.report_id"""
    return documents_sql, outcomes_sql


class Raw:
    """Hand-written SQL over the DB-API connection vanban's engine hands out (same driver, same
    connection settings), each call in one read transaction."""

    def __init__(self, engine: Any) -> None:
        self.dialect = engine.dialect.name
        self.pooled = engine.raw_connection()
        self.conn = self.pooled.driver_connection

    def prepare(self, sql: str) -> str:
        if self.dialect == "sqlite":
            return sql
        return re.sub(r"(?<![:\w]):([a-z_]+)", r"%(\1)s", sql)

    def run(self, statements: Sequence[tuple[str, dict[str, Any]]]) -> list[list[tuple[Any, ...]]]:
        cur = self.conn.cursor()
        results: list[list[tuple[Any, ...]]] = []
        if self.dialect == "sqlite":
            cur.execute("BEGIN")
        try:
            for sql, params in statements:
                cur.execute(sql, params)
                results.append([tuple(r) for r in cur.fetchall()])
        finally:
            if self.dialect == "sqlite":
                cur.execute("COMMIT")
            else:
                self.conn.commit()
            cur.close()
        return results

    def close(self) -> None:
        self.pooled.close()


# ---------------------------------------------------------------------------------- comparing


def _day_text(value: Any) -> str | None:
    return None if value is None else str(value)[:10]


def same_status(report: Any, hand: list[list[tuple[Any, ...]]], n_doc_cols: int) -> tuple[bool, str]:
    summary_rows, item_rows = hand
    hand_summary: dict[str, int] = {}
    for _wf, status, _type, n in summary_rows:
        hand_summary[status] = hand_summary.get(status, 0) + int(n)
    if hand_summary != report.summary:
        return False, "summary differs"
    mine = [
        (r.document.id, _day_text(r.deadline), r.lead, r.implementing, r.outcomes, bool(r.reported))
        for r in report.items
    ]
    base = n_doc_cols + 2
    theirs = [
        (
            row[0],
            _day_text(row[base]),
            row[base + 1],
            int(row[base + 2]),
            int(row[base + 3]),
            bool(row[base + 4]),
        )
        for row in item_rows
    ]
    if mine != theirs:
        for a, b in zip(mine, theirs, strict=False):
            if a != b:
                return False, f"first difference: vanban {a} / hand-written {b}"
        return False, f"{len(mine)} rows / {len(theirs)} rows"
    return True, f"{len(mine)} items"


def _flatten(nodes: Sequence[Any]) -> Iterator[Any]:
    for node in nodes:
        yield node
        yield from _flatten(node.children)


def same_trace(trace: Any, hand: list[list[tuple[Any, ...]]]) -> tuple[bool, str]:
    doc_rows, outcome_rows = hand
    up = {n.document.id for n in _flatten(trace.upstream)}
    down = {n.document.id for n in _flatten(trace.downstream)}
    hand_up = {row[3] for row in doc_rows if row[0] == "up"}
    hand_down = {row[3] for row in doc_rows if row[0] == "down"}
    roots = [row[3] for row in doc_rows if row[0] == "root"]
    if roots != [trace.root.document.id]:
        return False, "root differs"
    if up != hand_up or down != hand_down:
        return False, f"documents differ: up {len(up)}/{len(hand_up)}, down {len(down)}/{len(hand_down)}"
    mine = {(o.id, tuple(o.reported_in)) for o in trace.outcomes}
    reported: dict[int, list[int]] = {}
    for row in outcome_rows:
        reported.setdefault(row[0], [])
        if row[6] is not None:
            reported[row[0]].append(row[6])
    theirs = {(oid, tuple(sorted(ids))) for oid, ids in reported.items()}
    if mine != theirs:
        return False, f"outcomes differ: {len(mine)}/{len(theirs)}"
    return True, f"{len(up)} up, {len(down)} down, {len(mine)} outcomes"


# ---------------------------------------------------------------------------------- the run


@dataclass
class StageResult:
    closed: int
    documents: int
    open_items: int
    status_vanban: list[float] = field(default_factory=list)
    status_hand: list[float] = field(default_factory=list)
    trace_vanban: list[float] = field(default_factory=list)
    trace_hand: list[float] = field(default_factory=list)
    summary_part: list[float] = field(default_factory=list)
    items_part: list[float] = field(default_factory=list)
    hand_summary_part: list[float] = field(default_factory=list)
    hand_items_part: list[float] = field(default_factory=list)
    status_same: str = ""
    trace_same: str = ""
    build_s: float = 0.0
    as_of_vanban: list[float] = field(default_factory=list)
    as_of_read: list[float] = field(default_factory=list)
    as_of_items: int = 0

    def ms(self, values: list[float]) -> float:
        return median(values) * 1000

    def as_json(self) -> dict[str, Any]:
        return {
            "closed_documents": self.closed,
            "documents": self.documents,
            "open_items_of_office": self.open_items,
            "build_s": round(self.build_s, 1),
            "status_ms": {
                "vanban": round(self.ms(self.status_vanban), 2),
                "hand_written": round(self.ms(self.status_hand), 2),
                "ratio": round(self.ms(self.status_vanban) / self.ms(self.status_hand), 2),
                "vanban_summary_query": round(self.ms(self.summary_part), 2),
                "vanban_open_items_query": round(self.ms(self.items_part), 2),
                "hand_written_summary_query": round(self.ms(self.hand_summary_part), 2),
                "hand_written_open_items_query": round(self.ms(self.hand_items_part), 2),
                "same_rows": self.status_same,
            },
            "trace_ms": {
                "vanban": round(self.ms(self.trace_vanban), 2),
                "hand_written": round(self.ms(self.trace_hand), 2),
                "ratio": round(self.ms(self.trace_vanban) / self.ms(self.trace_hand), 2),
                "same_rows": self.trace_same,
            },
            **(
                {
                    "as_of_ms": {
                        "vanban": round(self.ms(self.as_of_vanban), 1),
                        "reading_its_rows": round(self.ms(self.as_of_read), 1),
                        "ratio": round(self.ms(self.as_of_vanban) / self.ms(self.as_of_read), 2),
                        "open_items": self.as_of_items,
                    }
                }
                if self.as_of_vanban
                else {}
            ),
        }


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = perf_counter()
    value = fn()
    return perf_counter() - start, value


def measure(
    engine: Any, office: Any, leader_office_id: int, root: Any, repeat: int, result: StageResult
) -> None:
    from vanban.store.queries import StatusFilter, open_items, status_summary

    raw = Raw(engine)
    try:
        summary_sql, items_sql = status_sql(office.workflows)
        docs_sql, outcomes_sql = trace_sql(engine.dialect.name)
        status_statements = [
            (raw.prepare(summary_sql), {"office": leader_office_id}),
            (raw.prepare(items_sql), {"office": leader_office_id}),
        ]
        trace_params = {"office": leader_office_id, "code": root.code, "year": root.year}
        trace_statements = [(raw.prepare(docs_sql), trace_params), (raw.prepare(outcomes_sql), trace_params)]
        flt = StatusFilter(
            office_id=leader_office_id,
            open_states=[(wf.name, sorted(wf.open_states())) for wf in office.workflows],
        )
        n_cols = len(_doc_columns().split(","))

        def vanban_status() -> Any:
            return office.status(as_of=TODAY)

        def vanban_trace() -> Any:
            return office.trace(root.code, year=root.year)

        # Warm up (caches, prepared statements), and check both sides return the same rows.
        for _ in range(2):
            report = vanban_status()
            hand_status = raw.run(status_statements)
            trace = vanban_trace()
            hand_trace = raw.run(trace_statements)
        ok, why = same_status(report, hand_status, n_cols)
        result.status_same = ("yes, " if ok else "NO: ") + why
        result.open_items = len(report.items)
        ok, why = same_trace(trace, hand_trace)
        result.trace_same = ("yes, " if ok else "NO: ") + why

        # Alternate every measurement; the parts say where status spends its time: vanban's two
        # queries alone (through its store, in one read transaction) and the two hand-written ones.
        for _ in range(repeat):
            result.status_vanban.append(_timed(vanban_status)[0])
            result.status_hand.append(_timed(lambda: raw.run(status_statements))[0])
            with engine.connect() as conn, conn.begin():
                result.summary_part.append(_timed(partial(status_summary, conn, flt))[0])
                result.items_part.append(_timed(partial(open_items, conn, flt))[0])
            result.hand_summary_part.append(_timed(lambda: raw.run(status_statements[:1]))[0])
            result.hand_items_part.append(_timed(lambda: raw.run(status_statements[1:]))[0])
            result.trace_vanban.append(_timed(vanban_trace)[0])
            result.trace_hand.append(_timed(lambda: raw.run(trace_statements))[0])
    finally:
        raw.close()


AS_OF = TODAY - timedelta(days=30)


def history_sql(dialect: str) -> list[str]:
    """The rows status(as_of=…) rebuilds from, read by hand: its floor (vanban then folds them)."""
    if dialect == "postgresql":
        cause, to, kind = "(data->>'cause')::int", "(data->>'to')::int", "data->>'kind'"
    else:
        cause, to, kind = (f"JSON_EXTRACT(data, '$.{k}')" for k in ("cause", "to", "kind"))
    no_cause = "'create','issue','register','receive','seal','link','assignment','outcome','cite','edit'"
    return [
        "SELECT id, direction, workflow, type_key, date, arrival_date, deadline, unit_code, year,"
        " arrival_year FROM documents WHERE office_id = :office AND reference_only = false ORDER BY id",
        f"SELECT id, document_id, at, trigger, to_state,"
        f" CASE WHEN trigger NOT IN ({no_cause}) THEN {cause} END,"
        f" CASE WHEN trigger = 'link' THEN {to} END, CASE WHEN trigger = 'link' THEN {kind} END"
        " FROM events WHERE office_id = :office AND document_id IS NOT NULL ORDER BY id",
        "SELECT l.from_id, l.to_id, l.kind FROM links l JOIN documents d ON d.id = l.from_id"
        " WHERE d.office_id = :office ORDER BY l.id",
        "SELECT a.id, a.document_id, a.lead, a.deadline, a.assigned_at FROM assignments a"
        " JOIN documents d ON d.id = a.document_id WHERE d.office_id = :office"
        " AND d.reference_only = false ORDER BY a.id",
        "SELECT o.id, o.document_id, o.date FROM outcomes o JOIN documents d ON d.id = o.document_id"
        " WHERE d.office_id = :office AND d.reference_only = false ORDER BY o.id",
    ]


def measure_as_of(engine: Any, office: Any, leader_office_id: int, repeat: int, result: StageResult) -> None:
    """status(as_of=30 days ago), rebuilt from the events, beside reading the rows it reads."""
    raw = Raw(engine)
    try:
        statements = [
            (raw.prepare(sql), {"office": leader_office_id}) for sql in history_sql(engine.dialect.name)
        ]
        result.as_of_items = len(office.status(as_of=AS_OF).items)
        raw.run(statements)
        for _ in range(repeat):
            result.as_of_vanban.append(_timed(lambda: office.status(as_of=AS_OF))[0])
            result.as_of_read.append(_timed(lambda: raw.run(statements))[0])
    finally:
        raw.close()


def split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def run_engine(engine_name: str, args: argparse.Namespace) -> dict[str, Any]:
    from sqlalchemy import func, select

    from vanban import Office
    from vanban.store.engine import make_engine
    from vanban.store.migrate import upgrade
    from vanban.store.tables import documents

    stages = sorted(args.closed)
    gen = Generator(
        args.offices, args.open_per_office, args.per_year, args.chain_depth, args.chain_fanout, args.seed
    )
    results: list[StageResult] = []
    with scratch_database(engine_name, keep=args.keep) as scratch:
        log(f"[{engine_name}] database {scratch.name}")
        engine = make_engine(scratch.url)
        upgrade(engine)
        office = None
        try:
            previous = 0
            for number, closed in enumerate(stages):
                start = perf_counter()
                setup = gen.setup_rows() if number == 0 else None
                batch = gen.references() if number == 0 else Batch()
                batch.extend(gen.stage(split(closed - previous, args.offices), first=number == 0))
                load(engine, setup, batch, events=args.as_of)
                analyze(engine)
                previous = closed
                built = perf_counter() - start
                with engine.connect() as conn:
                    total = conn.execute(select(func.count()).select_from(documents)).scalar_one()
                log(
                    f"[{engine_name}] stage {number + 1}: {total:,} documents in the database,"
                    f" built in {built:.1f} s"
                )
                if office is None:
                    office = Office(engine, user=gen.offices[0].leader)
                assert gen.chain_root is not None
                result = StageResult(closed=closed, documents=total, open_items=0, build_s=built)
                measure(engine, office, gen.offices[0].id, gen.chain_root, args.repeat, result)
                if args.as_of:
                    measure_as_of(engine, office, gen.offices[0].id, args.repeat, result)
                    log(
                        f"[{engine_name}] status as of {AS_OF}: {result.ms(result.as_of_vanban):.0f} ms"
                        f" (reading its rows by hand {result.ms(result.as_of_read):.0f} ms,"
                        f" {result.as_of_items} open items then)"
                    )
                log(
                    f"[{engine_name}] status {result.ms(result.status_vanban):.1f} ms"
                    f" (hand-written {result.ms(result.status_hand):.1f} ms), trace"
                    f" {result.ms(result.trace_vanban):.1f} ms"
                    f" (hand-written {result.ms(result.trace_hand):.1f} ms)"
                )
                results.append(result)
        finally:
            engine.dispose()
    return {
        "engine": engine_name,
        "offices": args.offices,
        "open_per_office": args.open_per_office,
        "chain": {"depth": args.chain_depth, "fanout": args.chain_fanout, "documents": gen.chain_size},
        "trace_root": gen.chain_root.code if gen.chain_root else None,
        "stages": [r.as_json() for r in results],
        "_results": results,
    }


def print_tables(runs: list[dict[str, Any]], repeat: int) -> None:
    rows: list[list[Any]] = []
    parts: list[list[Any]] = []
    for run in runs:
        for r in run["_results"]:
            sv, sh, tv, th = (
                r.ms(r.status_vanban),
                r.ms(r.status_hand),
                r.ms(r.trace_vanban),
                r.ms(r.trace_hand),
            )
            rows.append(
                [
                    run["engine"],
                    r.closed,
                    r.documents,
                    r.open_items,
                    sv,
                    sh,
                    f"{sv / sh:.2f}×",
                    tv,
                    th,
                    f"{tv / th:.2f}×",
                ]
            )
            parts.append(
                [
                    run["engine"],
                    r.closed,
                    r.ms(r.summary_part),
                    r.ms(r.hand_summary_part),
                    r.ms(r.items_part),
                    r.ms(r.hand_items_part),
                ]
            )
    print(
        "Status of one office (as its leader) and trace of a deep chain:"
        f" medians of {repeat} alternating calls, ms."
    )
    print(
        table(
            [
                "engine",
                "closed",
                "documents",
                "open items",
                "status",
                "hand",
                "ratio",
                "trace",
                "hand",
                "ratio",
            ],
            rows,
        )
    )
    print()
    print("Where status spends its time: each query alone in its own read transaction, ms.")
    print(table(["engine", "closed", "summary: vanban", "hand", "open items: vanban", "hand"], parts))
    print()
    for run in runs:
        last = run["_results"][-1]
        ratio = last.ms(last.status_vanban) / last.ms(last.status_hand)
        verdict = [f"status within {RATIO_GOAL:g}× of hand-written: {'yes' if ratio <= RATIO_GOAL else 'no'}"]
        if run["engine"] == "sqlite":
            fast = last.ms(last.status_vanban) < STATUS_GOAL_MS
            verdict.append(f"under {STATUS_GOAL_MS:g} ms: {'yes' if fast else 'no'}")
        print(f"goals at {last.documents:,} documents on {run['engine']}: " + "; ".join(verdict))
    for run in runs:
        results = run["_results"]
        print(
            f"{run['engine']}: trace root {run['trace_root']}, chain of {run['chain']['documents']} documents"
        )
        for r in results:
            print(
                f"  {r.closed:>7,} closed: status same rows: {r.status_same}; trace same rows: {r.trace_same}"
            )
        if len(results) > 1:
            lo, hi = results[0], results[-1]

            def grow(
                values: Callable[[StageResult], list[float]], lo: StageResult = lo, hi: StageResult = hi
            ) -> str:
                return f"×{hi.ms(values(hi)) / lo.ms(values(lo)):.2f}"

            print(
                f"  from {lo.closed:,} to {hi.closed:,} closed documents: status vanban"
                f" {grow(lambda r: r.status_vanban)}, hand-written {grow(lambda r: r.status_hand)};"
                f" open-items query vanban {grow(lambda r: r.items_part)},"
                f" hand-written {grow(lambda r: r.hand_items_part)};"
                f" summary query vanban {grow(lambda r: r.summary_part)},"
                f" hand-written {grow(lambda r: r.hand_summary_part)}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--engine", default="sqlite", help="sqlite, postgresql, mariadb, a comma list, or all"
    )
    parser.add_argument(
        "--closed",
        default="10000,100000",
        type=lambda text: [int(x) for x in text.split(",")],
        help="closed documents in the database at each stage, comma separated (default 10000,100000)",
    )
    parser.add_argument("--offices", type=int, default=50, help="offices in the database (default 50)")
    parser.add_argument(
        "--open-per-office", type=int, default=100, help="open documents per office (default 100)"
    )
    parser.add_argument(
        "--per-year", type=int, default=200, help="closed documents per office and year (default 200)"
    )
    parser.add_argument("--chain-depth", type=int, default=6, help="levels below the trace root (default 6)")
    parser.add_argument("--chain-fanout", type=int, default=2, help="documents implementing each (default 2)")
    parser.add_argument(
        "--repeat", type=int, default=15, help="timed calls of each query per stage (default 15)"
    )
    parser.add_argument(
        "--as-of",
        action="store_true",
        help="also write the events vanban would have written, and time status as of 30 days ago",
    )
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout, nothing else")
    parser.add_argument(
        "--keep", action="store_true", help="keep the scratch database (its name goes to stderr)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 3 when vanban and the hand-written SQL return different rows",
    )
    args = parser.parse_args(argv)
    if args.offices < 1 or args.repeat < 1 or args.per_year < 1 or min(args.closed) < 0:
        parser.error("sizes must be positive")

    # Today is TODAY for vanban too: status(as_of=TODAY) is then today's register, deadlines judged
    # that day (an earlier day would be rebuilt from the events).
    from vanban.domain import dates

    moment = datetime(TODAY.year, TODAY.month, TODAY.day, 3, 0, tzinfo=UTC)
    dates.utc_now = lambda: moment

    engines, skipped = engines_to_run(args.engine)
    runs: list[dict[str, Any]] = [run_engine(name, args) for name in engines]

    if args.json:
        dump_json(
            {
                "benchmark": "status",
                "date": str(datetime.now().date()),
                "machine": machine(),
                "goals": {"ratio_at_most": RATIO_GOAL, "sqlite_status_ms_under": STATUS_GOAL_MS},
                "repeat": args.repeat,
                "runs": [{k: v for k, v in run.items() if not k.startswith("_")} for run in runs],
                "skipped": skipped,
            }
        )
        return exit_code(runs, args.check)

    print_tables(runs, args.repeat)
    for name, why in skipped.items():
        print(f"{name}: skipped ({why})")
    return exit_code(runs, args.check)


def exit_code(runs: list[dict[str, Any]], check: bool) -> int:
    """0, or 3 with --check when vanban and the hand-written SQL disagree: the comparison is void."""
    same = all(
        r.status_same.startswith("yes") and r.trace_same.startswith("yes")
        for run in runs
        for r in run["_results"]
    )
    if not same:
        log("WARNING: vanban and the hand-written SQL returned different rows (see 'same rows')")
    return 3 if check and not same else 0


if __name__ == "__main__":
    sys.exit(main())
