"""Importing Word files: each file one transaction, every reference linked, bad files skipped by name."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import pickle
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import Cli

from docx_helpers import GOVERNING, ISSUING, cong_van_sheet, make_docx, rendered, runs_xml, typed_sheet
from vanban.domain.model import Direction, LinkKind
from vanban.domain.sheet import Sheet
from vanban.errors import NotFoundError
from vanban.office import Office
from vanban.office.importing import (
    collect_files,
    display_name,
    import_file,
    import_files,
    parse_file,
)

MOVEMENT = "phong trào “Bình dân học vụ số”, “Ngày hội toàn dân học tập số” và “Ngày chuyển đổi số quốc gia”"
REQUEST_SUBJECT = f"Báo cáo kết quả triển khai {MOVEMENT}"


def sample_report(**changes: object) -> Sheet:
    """The báo cáo of shared/samples (xã Phú Thái answering Công văn 516/SKHCN-TTTT), shortened."""
    sheet = Sheet(
        issuing_body=ISSUING,
        governing_body=GOVERNING,
        type_key="BC",
        code="112/BC-UBND",
        place="Phú Thái",
        date=dt.date(2025, 11, 19),
        subject=f"Kết quả triển khai {MOVEMENT} năm 2025",
        body=[
            "Thực hiện Công văn số 516/SKHCN-TTTT ngày 12 tháng 11 năm 2025 của Sở Khoa học và Công nghệ "
            f"thành phố Hải Phòng về việc báo cáo kết quả triển khai {MOVEMENT}; Ủy ban nhân dân xã Phú Thái "
            "báo cáo kết quả triển khai như sau:",
            "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
            "1. Công tác chỉ đạo, lãnh đạo",
            "Ủy ban nhân dân xã đã ban hành các văn bản chỉ đạo:",
            "- Kế hoạch số 90/KH-UBND ngày 29/9/2025 của UBND xã về Tổ chức các hoạt động hưởng ứng Ngày hội "
            "Đổi mới sáng tạo quốc gia 01 – 10 và ngày Chuyển đổi số quốc gia 10 – 10 trên địa bàn xã Phú "
            "Thái năm 2025.",
            "- Quyết định số 968/QĐ-UBND ngày 03/10/2025 về việc kiện toàn Tổ công tác Đề án 06/CP và Công "
            "nghệ số cộng đồng tại các thôn trên địa bàn xã.",
            "- Kế hoạch số 95/KH-UBND ngày 01/10/2025 của UBND xã về Hoạt động của các Tổ công nghệ số cộng "
            "đồng trên địa bàn xã Phú Thái 4 tháng cuối năm.",
            "Đồng thời ban hành các công văn triển khai tới các cơ quan, đơn vị, thôn, tổ công nghệ số cộng "
            "đồng trên địa bàn xã:",
            "- Công văn số 542/UBND-VHXH ngày 26/9/2025 về việc triển khai các hoạt động hưởng ứng Ngày hội "
            "Đổi mới sáng tạo quốc gia 01-10.",
            "- Công văn số 675/UBND-VHXH ngày 10/10/2025 về việc triển khai các hoạt động hưởng ứng Ngày "
            "Chuyển đổi số quốc gia 10 – 10.",
            "II. KẾT QUẢ TRIỂN KHAI",
            "Xã Phú Thái đã tổ chức lớp học trải nghiệm trực tiếp tại Nhà văn hóa các thôn, với tổng số trên "
            "150 lượt người tham gia. Hội nghị đã thu hút hơn 200 người tham dự.",
            "III. KHÓ KHĂN, VƯỚNG MẮC",
            "Kinh phí triển khai còn hạn chế.",
            f"Trên đây là Báo cáo kết quả triển khai {MOVEMENT} trên địa bàn xã Phú Thái./.",
        ],
        recipients=["Sở KH&CN", "Lãnh đạo UBND xã"],
        archive="VT, VHXH",
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Phúc Công",
    )
    for name, value in changes.items():
        setattr(sheet, name, value)
    return sheet


def request_letter(**changes: object) -> Sheet:
    """Công văn 516/SKHCN-TTTT of the Sở, asking the communes to report."""
    sheet = Sheet(
        issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        governing_body="UBND THÀNH PHỐ HẢI PHÒNG",
        type_key="CV",
        code="516/SKHCN-TTTT",
        place="Hải Phòng",
        date=dt.date(2025, 11, 12),
        subject=f"V/v báo cáo kết quả triển khai {MOVEMENT}",
        to=["Ủy ban nhân dân các xã, phường"],
        body=[
            "Thực hiện Kế hoạch số 45/KH-UBND ngày 20/9/2025 của Ủy ban nhân dân thành phố về triển khai "
            "phong trào “Bình dân học vụ số”, Sở Khoa học và Công nghệ đề nghị Ủy ban nhân dân các xã, "
            "phường báo cáo kết quả triển khai trước ngày 20/11/2025./.",
        ],
        recipients=["Như trên", "Giám đốc Sở"],
        archive="VT, TTTT",
        signer_authority="KT.",
        signer_deputy_title="GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        signer_name="Trần Văn Sở",
    )
    for name, value in changes.items():
        setattr(sheet, name, value)
    return sheet


def write(folder: Path, name: str, sheet: Sheet) -> Path:
    path = folder / name
    path.write_bytes(rendered(sheet))
    return path


def kinds(office: Office, ref: str) -> dict[str, LinkKind]:
    """The links going out of a document: target code → kind."""
    trace = office.trace(ref)
    return {str(node.document.code): node.kind for node in trace.upstream}


def _chain(office: Office) -> None:
    """516 received from the Sở; 90/KH-UBND issued by the commune."""
    office.receive(
        "516/SKHCN-TTTT",
        sender="SKHCN",
        on=dt.date(2025, 11, 12),
        arrived=dt.date(2025, 11, 12),
        subject=REQUEST_SUBJECT,
    )
    office.set_series("KH", year=2025, next_number=90)
    office.register(
        "KH",
        subject="Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số",
        on=dt.date(2025, 9, 29),
        signer="chutich",
    )


# ---------------------------------------------------------------------------- what is linked


def test_the_sample_bao_cao_imported_as_issued_links_each_reference_with_its_kind(
    office: Office, tmp_path: Path
) -> None:
    _chain(office)
    result = import_file(office, write(tmp_path, "bao-cao.docx", sample_report()), outgoing=True)
    assert result.ok, result.reason
    assert result.document is not None and result.document.code == "112/BC-UBND"
    assert kinds(office, "112/BC-UBND") == {
        "516/SKHCN-TTTT": LinkKind.RESPONDS_TO,
        "90/KH-UBND": LinkKind.REPORTS_ON,
        "968/QĐ-UBND": LinkKind.REPORTS_ON,
        "95/KH-UBND": LinkKind.REPORTS_ON,
        "542/UBND-VHXH": LinkKind.REPORTS_ON,
        "675/UBND-VHXH": LinkKind.REPORTS_ON,
    }
    # The answer closes the request and the plan it reports on is reported, as with vanban link.
    assert office.get("516/SKHCN-TTTT").status == "done"
    assert office.get("90/KH-UBND").status == "reported"


def test_codes_the_register_does_not_hold_become_reference_only_documents(
    office: Office, tmp_path: Path
) -> None:
    _chain(office)
    result = import_file(office, write(tmp_path, "bao-cao.docx", sample_report()), outgoing=True)
    cited = {link.code for link in result.links if link.cited}
    assert cited == {"968/QĐ-UBND", "95/KH-UBND", "542/UBND-VHXH", "675/UBND-VHXH"}
    for code in cited:
        doc = office.get(code)
        assert doc.reference_only
        assert doc.issuer_name == "Ủy ban nhân dân xã Phú Thái"
        assert doc.year == 2025
    assert office.get("968/QĐ-UBND").date == dt.date(2025, 10, 3)
    # Held documents are linked, never cited again.
    assert len(office.documents(type_key="CV", direction=Direction.IN)) == 1
    assert not office.get("516/SKHCN-TTTT").reference_only
    with pytest.raises(NotFoundError):
        office.get("06/CP")


def test_an_incoming_letter_from_a_known_sender_gets_its_arrival_number_and_links(
    office: Office, tmp_path: Path
) -> None:
    path = write(tmp_path, "516.docx", request_letter())
    result = import_file(office, path, arrived=dt.date(2025, 11, 13))
    assert result.ok, result.reason
    assert [(a.name, a.sha256, a.stored) for a in office.attachments("516/SKHCN-TTTT")] == [
        ("516.docx", hashlib.sha256(path.read_bytes()).hexdigest(), False)
    ]
    doc = result.document
    assert doc is not None
    assert (doc.direction, doc.code, doc.type_key, doc.date) == (
        Direction.IN,
        "516/SKHCN-TTTT",
        "CV",
        dt.date(2025, 11, 12),
    )
    assert doc.subject == f"báo cáo kết quả triển khai {MOVEMENT}"
    assert doc.issuer_name == "Sở Khoa học và Công nghệ thành phố Hải Phòng"  # the one added by hand
    assert result.sender_created is None
    assert (doc.arrival_number, doc.arrival_date, doc.status) == (1, dt.date(2025, 11, 13), "registered")
    assert kinds(office, "516/SKHCN-TTTT") == {"45/KH-UBND": LinkKind.IMPLEMENTS}
    plan = office.get("45/KH-UBND")
    assert plan.reference_only
    # "của Ủy ban nhân dân thành phố": not this commune, whose code is UBND too.
    assert plan.issuer_name == "Ủy ban nhân dân thành phố"
    history = office.history("516/SKHCN-TTTT")
    assert history[0].note == "Nhập từ tệp «516.docx»"
    assert len(history[0].data["sha256"]) == 64


def test_an_unknown_sender_is_added_from_the_issuing_body_line(office: Office, tmp_path: Path) -> None:
    letter = request_letter(issuing_body="SỞ NỘI VỤ", code="88/SNV-CCHC", body=["Đề nghị báo cáo./."])
    result = import_file(office, write(tmp_path, "snv.docx", letter), arrived=dt.date(2025, 11, 20))
    assert result.ok, result.reason
    assert result.sender_created is not None
    assert (result.sender_created.code, result.sender_created.name) == ("SNV", "Sở Nội vụ")
    added = next(o for o in office.orgs() if o.code == "SNV")
    assert added.parent_name == "UBND THÀNH PHỐ HẢI PHÒNG"
    assert any(e.trigger == "org_add" and e.data.get("code") == "SNV" for e in office.office_events())
    again = import_file(
        office,
        write(tmp_path, "snv-2.docx", dataclasses.replace(letter, code="89/SNV-CCHC")),
        arrived=dt.date(2025, 11, 20),
    )
    assert again.ok and again.sender_created is None
    assert again.document is not None and again.document.issuer_id == added.id


def test_a_name_in_capitals_is_written_as_in_running_text() -> None:
    assert display_name("ỦY BAN NHÂN DÂN XÃ AN LƯ", "UBND") == "Ủy ban nhân dân xã An Lư"
    assert (
        display_name("SỞ KHOA HỌC VÀ CÔNG NGHỆ THÀNH PHỐ HẢI PHÒNG", "SKHCN")
        == "Sở Khoa học và Công nghệ thành phố Hải Phòng"
    )
    assert display_name("BAN QUẢN LÝ DỰ ÁN", "BQLDA") == "BAN QUẢN LÝ DỰ ÁN"


# ---------------------------------------------------------------------------- bad files


def _bad_files(folder: Path) -> dict[str, Path]:
    text = folder / "ghi-chu.docx"
    text.write_text("Đây không phải tệp Word.", encoding="utf-8")
    broken = folder / "hong.docx"
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(rendered(cong_van_sheet()))) as source,
        zipfile.ZipFile(buffer, "w") as out,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            out.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    broken.write_bytes(buffer.getvalue())
    bomb = folder / "bom.docx"
    bomb.write_bytes(make_docx(runs_xml("Số: 90/KH-UBND" + " " * (4 * 1024 * 1024))))
    draft = folder / "du-thao.docx"
    draft.write_bytes(rendered(_draft_sheet()))
    return {"ghi-chu.docx": text, "hong.docx": broken, "bom.docx": bomb, "du-thao.docx": draft}


def _draft_sheet() -> Sheet:
    sheet = typed_sheet("KH")
    sheet.code = None
    sheet.notation = "KH-UBND"
    return sheet


def test_a_bad_file_among_good_ones_is_skipped_by_name_and_nothing_of_it_is_in_the_register(
    office: Office, tmp_path: Path
) -> None:
    bad = _bad_files(tmp_path)
    first = write(tmp_path, "a.docx", request_letter())
    last = write(tmp_path, "z.docx", request_letter(code="517/SKHCN-TTTT", body=["Đề nghị báo cáo./."]))
    files = [first, *bad.values(), last]
    summary = import_files(office, files, arrived=dt.date(2025, 11, 20), jobs=2)
    assert [r.ok for r in summary.results] == [True, False, False, False, False, True]
    for result in summary.skipped:
        assert f"«{result.name}»" in (result.error or "")
    reasons = {r.name: r.reason for r in summary.skipped}
    assert "không phải là văn bản Word" in str(reasons["ghi-chu.docx"])
    assert "bị hỏng" in str(reasons["hong.docx"])
    assert "bom nén" in str(reasons["bom.docx"])
    assert "không có số, ký hiệu" in str(reasons["du-thao.docx"])
    assert summary.exit_code == 1
    assert [d.code for d in office.documents(direction=Direction.IN)] == ["516/SKHCN-TTTT", "517/SKHCN-TTTT"]
    assert [d.arrival_number for d in office.documents(direction=Direction.IN)] == [1, 2]
    with pytest.raises(NotFoundError):
        office.get("90/KH-UBND")


def test_a_file_refused_half_way_leaves_nothing_behind(office: Office, tmp_path: Path) -> None:
    office.receive(
        "12/KH-SKHCN", sender="SKHCN", on=dt.date(2025, 11, 1), arrived=dt.date(2025, 11, 20), subject="X"
    )
    events_before = len(office.office_events())
    # A new sender and a new reference would be written before the số đến is refused:
    # 15/11 is earlier than số đến 1 of 20/11.
    letter = request_letter(issuing_body="SỞ NỘI VỤ", code="88/SNV-CCHC", date=dt.date(2025, 11, 10))
    result = import_file(office, write(tmp_path, "snv.docx", letter), arrived=dt.date(2025, 11, 15))
    assert not result.ok
    assert "số đến" in (result.error or "")
    assert result.exit_code == 1
    assert all(o.code != "SNV" for o in office.orgs())
    assert len(office.office_events()) == events_before
    for code in ("88/SNV-CCHC", "45/KH-UBND"):
        with pytest.raises(NotFoundError):
            office.get(code)


def test_importing_the_same_document_twice_is_refused_as_a_duplicate(office: Office, tmp_path: Path) -> None:
    path = write(tmp_path, "516.docx", request_letter())
    assert import_file(office, path, arrived=dt.date(2025, 11, 13)).ok
    again = import_file(office, path, arrived=dt.date(2025, 11, 14))
    assert not again.ok
    assert "đã vào sổ với số đến 1" in (again.error or "")
    assert again.exit_code == 1
    report = write(tmp_path, "bc.docx", sample_report())
    assert import_file(office, report, outgoing=True).ok
    twice = import_file(office, report, outgoing=True)
    assert not twice.ok
    assert "112/BC-UBND năm 2025 đã có trong sổ" in (twice.error or "")
    assert len(office.documents(type_key="BC")) == 1


def test_a_document_of_the_office_itself_is_not_an_incoming_one(office: Office, tmp_path: Path) -> None:
    result = import_file(office, write(tmp_path, "bc.docx", sample_report()), arrived=dt.date(2025, 11, 20))
    assert not result.ok
    assert "--outgoing" in (result.hint or "")


# ---------------------------------------------------------------------------- outgoing


def test_outgoing_registers_the_number_it_carries_and_moves_the_series_up(
    office: Office, tmp_path: Path
) -> None:
    plan = typed_sheet("KH", number=90)
    plan.date = dt.date(2025, 9, 29)
    result = import_file(office, write(tmp_path, "kh-90.docx", plan), outgoing=True)
    assert result.ok, result.reason
    doc = result.document
    assert doc is not None
    assert (doc.direction, doc.code, doc.number, doc.status, doc.series_key) == (
        Direction.OUT,
        "90/KH-UBND",
        90,
        "issued",
        "KH",
    )
    assert result.series_advanced == ("KH", 0, 90)
    assert next(s for s in office.series(2025) if s.key == "KH").last_number == 90
    assert any(e.trigger == "series_advance" and e.data["to"] == 90 for e in office.office_events())
    draft = office.draft("KH", subject="Kế hoạch tiếp theo")
    assert office.issue(draft.id, on=dt.date(2025, 10, 1), signer="chutich").code == "91/KH-UBND"
    # An earlier number fills its place and never lowers the series.
    older = typed_sheet("KH", number=85)
    older.date = dt.date(2025, 9, 1)
    earlier = import_file(office, write(tmp_path, "kh-85.docx", older), outgoing=True)
    assert earlier.ok and earlier.series_advanced is None
    assert next(s for s in office.series(2025) if s.key == "KH").last_number == 91
    history = office.history("90/KH-UBND")
    assert [e.trigger for e in history[:2]] == ["create", "issue"]
    assert history[1].data["imported"] is True


def test_outgoing_refuses_a_document_dated_after_today_and_writes_nothing(
    office: Office, tmp_path: Path, clock: Any
) -> None:
    from databases import dump

    clock(dt.date(2025, 12, 6))
    plan = typed_sheet("KH", number=90)
    plan.date = dt.date(2025, 12, 20)
    before = dump(office)
    result = import_file(office, write(tmp_path, "kh-90.docx", plan), outgoing=True)
    assert not result.ok and result.exit_code == 2
    assert "Ngày ban hành 20/12/2025 còn chưa tới" in (result.reason or "") and "--date" in (
        result.hint or ""
    )
    assert dump(office) == before


def test_outgoing_refuses_a_document_of_another_office(office: Office, tmp_path: Path) -> None:
    result = import_file(office, write(tmp_path, "516.docx", request_letter()), outgoing=True)
    assert not result.ok
    assert result.error == (
        "Tệp «516.docx»: Văn bản 516/SKHCN-TTTT không phải của Ủy ban nhân dân xã Phú Thái: "
        "ký hiệu mang mã «SKHCN», không phải «UBND»."
    )
    other = typed_sheet("KH", number=7)
    other.issuing_body = "ỦY BAN NHÂN DÂN\nXÃ AN LƯ"
    refused = import_file(office, write(tmp_path, "an-lu.docx", other), outgoing=True)
    assert not refused.ok
    assert "ỦY BAN NHÂN DÂN XÃ AN LƯ" in (refused.error or "")
    assert office.documents() == []


def test_a_code_cited_earlier_becomes_the_document_when_it_is_imported(
    office: Office, tmp_path: Path
) -> None:
    _chain(office)
    assert import_file(office, write(tmp_path, "bc.docx", sample_report()), outgoing=True).ok
    cited = office.get("968/QĐ-UBND")
    assert cited.reference_only
    decision = typed_sheet("QĐ", number=968)
    decision.date = dt.date(2025, 10, 3)
    result = import_file(office, write(tmp_path, "qd.docx", decision), outgoing=True)
    assert result.ok, result.reason
    assert result.document is not None and result.document.id == cited.id
    upgraded = office.get("968/QĐ-UBND")
    assert not upgraded.reference_only
    assert upgraded.status == "issued"
    assert kinds(office, "112/BC-UBND")["968/QĐ-UBND"] is LinkKind.REPORTS_ON


# ---------------------------------------------------------------------------- workers


def test_what_a_worker_hands_back_survives_pickling(tmp_path: Path) -> None:
    parsed = parse_file(str(write(tmp_path, "bc.docx", sample_report())))
    copy = pickle.loads(pickle.dumps(parsed))
    assert copy == parsed
    assert copy.meta is not None and copy.meta.code == "112/BC-UBND"
    assert [str(r.code) for r in copy.meta.references][:2] == ["516/SKHCN-TTTT", "90/KH-UBND"]


def test_files_parsed_in_worker_processes_are_registered_in_the_order_given(
    office: Office, tmp_path: Path
) -> None:
    files = [
        write(tmp_path, f"{n:02d}.docx", request_letter(code=f"{500 + n}/SKHCN-TTTT", body=["Đề nghị./."]))
        for n in range(12, 0, -1)
    ]
    summary = import_files(office, files, arrived=dt.date(2025, 11, 20), jobs=2)
    assert all(r.ok for r in summary.results)
    numbers = [r.document.arrival_number for r in summary.results if r.document]
    assert numbers == list(range(1, 13))
    assert summary.results[0].document is not None
    assert summary.results[0].document.code == "512/SKHCN-TTTT"


def test_a_folder_gives_its_word_files_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "con").mkdir()
    for name in ("b.docx", "a.DOCX", "con/c.docx", "~$a.docx", ".an.docx", "ghi-chu.txt"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.relative_to(tmp_path).as_posix() for p in collect_files([tmp_path])] == [
        "a.DOCX",
        "b.docx",
        "con/c.docx",
    ]
    assert collect_files([tmp_path / "ghi-chu.txt", tmp_path / "b.docx", tmp_path]) == [
        tmp_path / "ghi-chu.txt",
        tmp_path / "b.docx",
        tmp_path / "a.DOCX",
        tmp_path / "con" / "c.docx",
    ]


# ---------------------------------------------------------------------------- command line


def test_the_import_command_prints_one_json_summary_and_exits_1_when_a_file_was_skipped(
    office: Office, db_url: str, tmp_path: Path, cli: Cli
) -> None:
    write(tmp_path, "516.docx", request_letter())
    (tmp_path / "hong.docx").write_bytes(b"PK\x03\x04 not really")
    code, out, err = cli.run(
        db_url, "--as", "vanthu", "--json", "import", str(tmp_path), "--arrived", "20/11/2025", "--jobs", "1"
    )
    assert code == 1
    summary = json.loads(out)
    assert summary["imported"] == 1
    assert [Path(s["file"]).name for s in summary["skipped"]] == ["hong.docx"]
    assert "«hong.docx»" in summary["skipped"][0]["reason"]
    first, second = summary["files"]
    assert first["imported"] is True
    assert first["document"]["code"] == "516/SKHCN-TTTT"
    assert first["document"]["arrival_number"] == 1
    assert first["links"] == [
        {"kind": "implements", "code": "45/KH-UBND", "id": first["links"][0]["id"], "cited": True}
    ]
    assert second == {
        "file": str(tmp_path / "hong.docx"),
        "imported": False,
        "reason": summary["skipped"][0]["reason"],
        "hint": summary["skipped"][0]["hint"],
    }
    assert "hong.docx" in err


def test_the_import_command_exits_0_and_prints_a_vietnamese_summary_when_every_file_is_imported(
    office: Office, db_url: str, tmp_path: Path, cli: Cli
) -> None:
    _chain(office)
    report = write(tmp_path, "bao-cao.docx", sample_report())
    code, out, err = cli.run(db_url, "--as", "vanthu", "import", "--outgoing", str(report))
    assert code == 0, err
    assert "Đã vào sổ 1 văn bản" in out
    assert "112/BC-UBND" in out
    assert "trả lời 516/SKHCN-TTTT" in out
    assert "Đã nhập 1/1 tệp." in out
    assert err == ""


def test_the_import_command_refuses_a_missing_path_as_bad_input(
    db_url: str, office: Office, cli: Cli
) -> None:
    code, out, err = cli.run(db_url, "--as", "vanthu", "import", "/khong/co/thu-muc")
    assert code == 2
    assert out == ""
    assert "Không có tệp hay thư mục «/khong/co/thu-muc»" in err
    code, out, err = cli.run(db_url, "--as", "vanthu", "import", "--jobs", "0", "/khong/co/thu-muc")
    assert (code, out) == (2, "")
    assert "--jobs" in err


# ---------------------------------------------------------------------------- round trip


def test_every_type_rendered_by_one_office_reads_back_the_same_when_another_office_imports_it(
    office: Office, db_url: str, tmp_path: Path, cli: Cli
) -> None:
    from vanban.domain.types import ADMINISTRATIVE_TYPES

    folder = tmp_path / "den"
    folder.mkdir()
    sent: dict[str, dict[str, Any]] = {}
    on = dt.date(2025, 10, 6)
    # Công văn and thư công share the notation "UBND-<unit>" but not their series: apart by unit.
    office.add_unit("VP", "Văn phòng")
    for doc_type in ADMINISTRATIVE_TYPES:
        report = doc_type.key == "BC"
        body = (
            "Thực hiện Kế hoạch số 90/KH-UBND ngày 29/9/2025 của UBND xã về Tổ chức các hoạt động hưởng ứng "
            "Ngày Chuyển đổi số quốc gia, Ủy ban nhân dân xã triển khai như sau:\n"
            "Tuyên truyền trên hệ thống loa truyền thanh./."
        )
        doc = office.register(
            doc_type.key,
            subject=f"Tổ chức Ngày Chuyển đổi số quốc gia ({doc_type.name.lower()})",
            on=on,
            unit="VP" if doc_type.key == "THC" else "VHXH",
            signer="Nguyễn Phúc Công",
            title="Chủ tịch",
            authority="TM.",
            recipients=["Các thôn"],
            body=body,
        )
        assert doc.code is not None
        office.link(doc.id, "30/2020/NĐ-CP", LinkKind.BASED_ON)
        office.link(doc.id, "90/KH-UBND", LinkKind.REPORTS_ON if report else LinkKind.IMPLEMENTS)
        out = folder / f"{doc.code.replace('/', '-')}.docx"
        code, _, err = cli.run(db_url, "--as", "vanthu", "render", doc.code, "--out", str(out))
        assert code == 0, err
        sent[doc.code] = {
            "type": doc.type_key,
            "date": doc.date,
            "subject": doc.subject,
            "links": kinds(office, doc.code),
        }

    other = tmp_path / "an-lu.sqlite"
    Office.init(other, org="UBND", name="Ủy ban nhân dân xã An Lư", place="An Lư", login="vanthu").close()
    code, out, err = cli.run(
        str(other), "--as", "vanthu", "--json", "import", str(folder), "--arrived", "2025-10-07"
    )
    assert code == 0, err
    summary = json.loads(out)
    assert summary["imported"] == len(sent) and summary["skipped"] == []
    received = Office(other, user="vanthu")
    try:
        for entry in summary["files"]:
            doc = entry["document"]
            expected = sent[doc["code"]]
            assert doc["direction"] == "in"
            assert (doc["type"], doc["date"], doc["subject"]) == (
                expected["type"],
                expected["date"].isoformat(),
                expected["subject"],
            ), doc["code"]
            assert doc["issuer_name"] == "Ủy ban nhân dân xã Phú Thái"
            assert kinds(received, doc["code"]) == expected["links"], doc["code"]
        # The plan both cite is the sender's, never the receiving commune's own 90/KH-UBND.
        assert received.get("90/KH-UBND").issuer_name == "Ủy ban nhân dân xã Phú Thái"
    finally:
        received.close()
