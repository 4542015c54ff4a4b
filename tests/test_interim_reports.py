"""Interim and final reports: a báo cáo định kỳ on a plan running to 31/12 leaves it open; only
a báo cáo kết quả (reports_on) closes it. The kinds and which one closes are domain/links.py's."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from databases import dump
from vanban import LinkKind, Office
from vanban.docx.read import read_blocks
from vanban.domain.references import extract_references, interim_title
from vanban.domain.types import BAO_CAO
from vanban.errors import VanbanError
from vanban.office.reporting import draft_report
from vanban.office.views import status_json, trace_json

if TYPE_CHECKING:
    from conftest import Cli


def _plan(office: Office) -> tuple[int, int]:
    """A plan for the year (deadline 31/12) and a công văn carrying it out, with one result."""
    plan = office.register(
        "KH",
        subject="Chuyển đổi số năm 2025",
        on=date(2025, 1, 10),
        deadline=date(2025, 12, 31),
        signer="chutich",
    )
    letter = office.register(
        "CV", unit="VHXH", subject="Triển khai Kế hoạch chuyển đổi số", on=date(2025, 1, 15), signer="chutich"
    )
    office.link(letter.id, plan.id, LinkKind.IMPLEMENTS)
    office.add_outcome(
        letter.id, text="Lớp hướng dẫn kỹ năng số", quantity=150, unit="lượt người", on=date(2025, 5, 1)
    )
    return plan.id, letter.id


def _report(office: Office, plan: int, kind: LinkKind, on: date, subject: str) -> int:
    report = office.draft(BAO_CAO, subject=subject)
    office.link(report.id, plan, kind)
    return office.issue(report.id, on=on, signer="chutich").id


def test_an_interim_report_leaves_the_plan_open_and_a_final_one_closes_it(office: Office) -> None:
    plan, letter = _plan(office)
    interim = _report(office, plan, LinkKind.REPORTS_PROGRESS, date(2025, 6, 30), "Sơ kết 6 tháng")

    assert office.get(plan).status == "issued"
    assert office.get(letter).status == "issued"
    (outcome,) = office.outcomes(letter)
    assert outcome.reported_in == (interim,), "the results so far are reported in the interim report"
    row = next(r for r in office.status(as_of=date(2025, 7, 1)).items if r.document.id == plan)
    assert (row.reported, row.interim_reports) == (False, 1)
    assert row.report_label == "đã báo cáo tiến độ, chưa báo cáo kết quả"

    final = _report(office, plan, LinkKind.REPORTS_ON, date(2025, 12, 20), "Tổng kết năm 2025")
    assert office.get(plan).status == "reported"
    assert office.get(letter).status == "reported"
    moved = [e for e in office.history(plan) if e.trigger == "report"]
    assert [e.data.get("cause") for e in moved] == [final]


def test_two_interim_reports_are_counted_and_the_plan_stays_open(office: Office) -> None:
    plan, _ = _plan(office)
    _report(office, plan, LinkKind.REPORTS_PROGRESS, date(2025, 3, 31), "Quý I")
    _report(office, plan, LinkKind.REPORTS_PROGRESS, date(2025, 6, 30), "Quý II")
    item = next(i for i in status_json(office, office.status())["items"] if i["id"] == plan)
    assert (item["reported"], item["interim_reports"]) == (False, 2)


def test_a_draft_interim_report_counts_for_nothing_until_issued(office: Office) -> None:
    plan, _ = _plan(office)
    draft = office.draft(BAO_CAO, subject="Sơ kết")
    office.link(draft.id, plan, LinkKind.REPORTS_PROGRESS)
    row = next(r for r in office.status().items if r.document.id == plan)
    assert row.interim_reports == 0 and row.report_label == "chưa báo cáo"


def test_the_trace_shows_each_report_with_its_kind(office: Office) -> None:
    plan, _ = _plan(office)
    interim = _report(office, plan, LinkKind.REPORTS_PROGRESS, date(2025, 6, 30), "Sơ kết 6 tháng")
    final = _report(office, plan, LinkKind.REPORTS_ON, date(2025, 12, 20), "Tổng kết năm 2025")
    below = trace_json(office, office.trace(plan))["downstream"]
    kinds = {node["document"]["id"]: node["kind"] for node in below}
    assert kinds[interim] == "reports_progress" and kinds[final] == "reports_on"
    # From a report down, the plan hangs under it with the kind that links them.
    (node,) = trace_json(office, office.trace(interim))["downstream"]
    assert (node["kind"], node["document"]["id"]) == ("reports_progress", plan)


def test_an_interim_link_needs_a_report_and_refuses_without_changing_anything(office: Office) -> None:
    plan, letter = _plan(office)
    before = dump(office)
    with pytest.raises(VanbanError) as refused:
        office.link(letter, plan, LinkKind.REPORTS_PROGRESS)
    assert "không «báo cáo tiến độ» văn bản khác được" in refused.value.message
    assert dump(office) == before


# ---------------------------------------------------------------------------- report-draft


@pytest.fixture
def request_doc(office: Office) -> tuple[Office, int, int]:
    plan, _ = _plan(office)
    asked = office.receive(
        "12/SKHCN-TTTT",
        sender="SKHCN",
        on=date(2025, 6, 20),
        arrived=date(2025, 6, 20),
        subject="Báo cáo kết quả triển khai chuyển đổi số 6 tháng đầu năm 2025",
    )
    return office, plan, asked.id


def test_an_interim_draft_says_tien_do_and_registered_leaves_the_plan_open(
    request_doc: tuple[Office, int, int], tmp_path: Path
) -> None:
    office, plan, asked = request_doc
    out = tmp_path / "so-ket.docx"
    draft = draft_report(
        office, asked, out=out, directives=[plan], date_to=date(2025, 6, 30), register=True, interim=True
    )
    assert draft.interim and draft.report_kind is LinkKind.REPORTS_PROGRESS
    assert draft.sheet.subject == "Tiến độ triển khai chuyển đổi số 6 tháng đầu năm 2025"
    blocks = read_blocks(out)
    assert any(b.endswith("báo cáo tiến độ triển khai đến ngày 30/6/2025 như sau:") for b in blocks)
    assert "II. KẾT QUẢ TRIỂN KHAI ĐẾN NGÀY 30/6/2025" in blocks
    assert draft.document is not None
    assert (LinkKind.REPORTS_PROGRESS, office.get(plan).label) in draft.links
    office.issue(draft.document.id, on=date(2025, 7, 2), signer="chutich")
    assert office.get(plan).status == "issued"
    assert office.get(asked).status == "done", "the request asked for a report and got one"


def test_a_final_draft_registered_closes_the_plan_when_issued(
    request_doc: tuple[Office, int, int], tmp_path: Path
) -> None:
    office, plan, asked = request_doc
    draft = draft_report(office, asked, out=tmp_path / "bc.docx", directives=[plan], register=True)
    assert not draft.interim and draft.report_kind is LinkKind.REPORTS_ON
    assert draft.sheet.subject == "Kết quả triển khai chuyển đổi số 6 tháng đầu năm 2025"
    assert draft.document is not None
    office.issue(draft.document.id, on=date(2025, 7, 2), signer="chutich")
    assert office.get(plan).status == "reported"


def test_report_draft_interim_on_the_command_line(
    request_doc: tuple[Office, int, int], db_url: str, tmp_path: Path, cli: Cli
) -> None:
    _, plan, asked = request_doc
    db = db_url
    out = tmp_path / "so-ket.docx"
    data = cli.ok_json(
        db, "report-draft", "--responds-to", f"#{asked}", "--directive", f"#{plan}",
        "--out", str(out), "--register", "--interim", "--to", "30/6/2025",
    )  # fmt: skip
    assert data["interim"] is True
    assert {"kind": "reports_progress", "code": "01/KH-UBND"} in data["links"]
    human = cli.ok(db, "report-draft", "--responds-to", "12/SKHCN-TTTT", "--out", str(out), "--interim")
    assert "Đã ghi dự thảo báo cáo tiến độ (định kỳ, sơ kết) trả lời 12/SKHCN-TTTT" in human.out
    shown = cli.ok(db, "link", "--help").out
    assert "báo cáo tiến độ (reports_progress)" in " ".join(shown.split())


def test_link_reads_an_interim_kind_by_its_vietnamese_words(
    request_doc: tuple[Office, int, int], db_url: str, cli: Cli
) -> None:
    office, plan, _ = request_doc
    report = office.draft(BAO_CAO, subject="Báo cáo định kỳ quý II")
    db = db_url
    ran = cli.ok(db, "link", f"#{report.id}", f"#{plan}", "--kind", "bao cao dinh ky")
    assert "báo cáo tiến độ" in ran.out
    before = dump(office)
    bad = cli.run(db, "link", f"#{report.id}", "01/KH-UBND", "--kind", "báo cáo giữa kỳ")
    assert bad.code == 2 and "báo cáo tiến độ (reports_progress)" in bad.err
    assert dump(office) == before


# ---------------------------------------------------------------------------- reading a report's text


@pytest.mark.parametrize(
    ("title", "interim"),
    [
        ("Sơ kết 6 tháng thực hiện Kế hoạch phát triển kinh tế - xã hội", True),
        ("Tình hình thực hiện công tác cải cách hành chính quý III năm 2025", True),
        ("Báo cáo định kỳ công tác văn thư", True),
        ("Tiến độ chuẩn bị bầu cử đại biểu Quốc hội", True),
        ("Kết quả thực hiện 6 tháng đầu năm 2025", True),
        ("Tổng kết công tác năm 2025 và sơ kết giai đoạn", False),
        ("Kết quả triển khai phong trào “Bình dân học vụ số” năm 2025", False),
        ("Hoạt động của các Tổ công nghệ số 4 tháng cuối năm", False),
    ],
)
def test_a_report_title_proposes_interim_or_final(title: str, interim: bool) -> None:
    assert interim_title(title) is interim


def test_a_half_year_report_citing_a_plan_proposes_an_interim_link_and_the_sample_a_final_one() -> None:
    half = (
        "BÁO CÁO\nSơ kết 6 tháng đầu năm 2025\n\n"
        "Thực hiện Kế hoạch số 45/KH-UBND ngày 10/02/2025 của UBND xã, UBND xã báo cáo như sau:"
    )
    (ref,) = extract_references(half, document_type="BC")
    assert ref.kind is LinkKind.REPORTS_PROGRESS
    sample = Path(__file__).parent / "data" / "references" / "sample_000_1e0a88835e5a2df8.txt"
    kinds = {r.code and str(r.code): r.kind for r in extract_references(sample.read_text(encoding="utf-8"))}
    assert kinds["90/KH-UBND"] is LinkKind.REPORTS_ON
    assert LinkKind.REPORTS_PROGRESS not in kinds.values()
