"""What import keeps and refs shows of the references read: lettered numbers, acts cited by name and date."""

from __future__ import annotations

import datetime as dt
import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from docx_helpers import rendered, typed_sheet
from vanban.cli import main
from vanban.domain.model import LinkKind
from vanban.domain.sheet import Sheet
from vanban.errors import NotFoundError
from vanban.office import Office
from vanban.office.importing import import_file

if TYPE_CHECKING:
    from conftest import Cli


def _letter(code: str, body: list[str], *, number_date: dt.date = dt.date(2025, 10, 20)) -> Sheet:
    """A công văn of the city arriving at the commune, citing what ``body`` cites."""
    return Sheet(
        issuing_body="ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
        governing_body=None,
        type_key="CV",
        code=code,
        place="Hải Phòng",
        date=number_date,
        subject="V/v rà soát đất công trên địa bàn",
        to=["Ủy ban nhân dân các xã, phường"],
        body=body,
        recipients=["Như trên"],
        archive="VT, TNMT",
        signer_title="CHỦ TỊCH",
        signer_name="Lê Văn Thành",
    )


def _write(folder: Path, name: str, sheet: Sheet) -> Path:
    path = folder / name
    path.write_bytes(rendered(sheet))
    return path


LAW = "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024; Ủy ban nhân dân thành phố đề nghị các xã rà soát."
LETTERED = (
    "Thực hiện Báo cáo số 12a/BC-UBND ngày 15/8/2025 của Ủy ban nhân dân thành phố, các xã rà soát lại."
)


def test_an_act_cited_by_name_and_date_is_kept_once_as_a_reference_only_document_without_a_code(
    office: Office, tmp_path: Path
) -> None:
    first = import_file(office, _write(tmp_path, "a.docx", _letter("2101/UBND-TNMT", [LAW])))
    second = import_file(office, _write(tmp_path, "b.docx", _letter("2102/UBND-TNMT", [LAW])))

    assert first.ok and second.ok, (first.reason, second.reason)
    (law_link,) = first.links
    assert (law_link.kind, law_link.code, law_link.cited) == (
        LinkKind.BASED_ON,
        "Luật Đất đai ngày 18/01/2024",
        True,
    )
    (again,) = second.links
    assert again.document_id == law_link.document_id
    assert not again.cited
    law = office.trace("2101/UBND-TNMT").upstream[0].document
    assert (law.code, law.number, law.subject, law.date, law.type_key) == (
        None,
        None,
        "Luật Đất đai",
        dt.date(2024, 1, 18),
        "L",
    )
    assert law.reference_only
    assert law.issuer_name == "Quốc hội"


def test_a_number_that_carries_a_letter_is_kept_as_written_beside_its_numeric_part(
    office: Office, tmp_path: Path
) -> None:
    result = import_file(office, _write(tmp_path, "c.docx", _letter("2103/UBND-TNMT", [LETTERED])))

    assert result.ok, result.reason
    assert [(link.code, link.kind) for link in result.links] == [("12a/BC-UBND", LinkKind.IMPLEMENTS)]
    report = office.get("12a/BC-UBND")
    assert (report.number, report.number_text, report.written_number, report.code) == (
        12,
        "12a",
        "12a",
        "12a/BC-UBND",
    )
    with pytest.raises(NotFoundError):
        office.get("12/BC-UBND")  # another document, which the register does not hold


def test_a_lettered_number_received_by_hand_is_kept_and_shown_in_json(office: Office, db_url: str) -> None:
    office.receive(
        "05b/TB-UBND",
        sender="UBND",
        on=dt.date(2025, 2, 4),
        arrived=dt.date(2025, 2, 5),
        subject="Thông báo lịch tiếp công dân",
    )
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(["--db", db_url, "--as", "vanthu", "--json", "show", "05b/TB-UBND"])
        except SystemExit as exit_:
            code = exit_.code
    assert not code, err.getvalue()
    shown = json.loads(out.getvalue())
    document = shown.get("document", shown)
    assert (document["code"], document["number"], document["number_text"]) == ("05b/TB-UBND", 5, "05b")


def test_a_number_without_a_letter_has_its_written_form_in_json_too(office: Office) -> None:
    office.receive(
        "7/TB-UBND", sender="UBND", on=dt.date(2025, 2, 4), arrived=dt.date(2025, 2, 5), subject="Lịch họp"
    )
    doc = office.get("07/TB-UBND")
    assert (doc.number, doc.number_text, doc.written_number) == (7, None, "07")


def test_a_lettered_code_and_its_plain_twin_are_two_documents(office: Office) -> None:
    office.receive(
        "12a/BC-UBND", sender="UBND", on=dt.date(2025, 8, 15), arrived=dt.date(2025, 8, 16), subject="A"
    )
    office.receive(
        "12/BC-UBND", sender="UBND", on=dt.date(2025, 8, 10), arrived=dt.date(2025, 8, 16), subject="B"
    )

    assert office.get("12a/BC-UBND").subject == "A"
    assert office.get("12/BC-UBND").subject == "B"


def test_an_issued_document_with_a_lettered_number_is_imported_beside_the_plain_one_outside_the_series(
    office: Office, tmp_path: Path
) -> None:
    plain = typed_sheet("KH", number=12)
    lettered = typed_sheet("KH", number=12)
    lettered.code = "12a/KH-UBND"
    for sheet in (plain, lettered):
        sheet.date = dt.date(2025, 9, 29)

    first = import_file(office, _write(tmp_path, "kh-12.docx", plain), outgoing=True)
    second = import_file(office, _write(tmp_path, "kh-12a.docx", lettered), outgoing=True)

    assert first.ok and second.ok, (first.reason, second.reason)
    doc = office.get("12a/KH-UBND")
    assert (doc.number, doc.number_text, doc.status, doc.series_key) == (12, "12a", "issued", None)
    assert second.series_advanced is None
    assert next(s for s in office.series(2025) if s.key == "KH").last_number == 12


REPORT = (
    "BÁO CÁO\n"
    "Kết quả rà soát đất công\n"
    "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;\n"
    "Thực hiện Kế hoạch số 12a/KH-UBND ngày 05/3/2025 của UBND xã, xã đã rà soát 45 thửa đất.\n"
)


def test_refs_shows_an_act_by_its_title_and_a_lettered_number_as_written(cli: Cli) -> None:
    ran = cli.ok(None, "refs", "-", input=REPORT)

    assert "Luật Đất đai" in ran.out
    assert "12a/KH-UBND" in ran.out
    found = cli.ok_json(None, "refs", "-")  # nothing on stdin: nothing found
    assert found == []


def test_refs_json_gives_the_title_the_written_number_and_the_kind_the_title_of_the_report_implies(
    cli: Cli,
) -> None:
    ran = cli.ok(None, "--json", "refs", "-", input=REPORT)
    law, plan = json.loads(ran.out)

    assert (law["code"], law["title"], law["date"], law["kind"]) == (
        None,
        "Luật Đất đai",
        "2024-01-18",
        "based_on",
    )
    assert (plan["code"], plan["number"], plan["number_text"], plan["kind"]) == (
        "12a/KH-UBND",
        12,
        "12a",
        "reports_on",  # a báo cáo reports on what was carried out, read from its title
    )


def test_show_and_trace_name_an_act_cited_by_name_by_its_title_and_date(
    office: Office, db_url: str, tmp_path: Path, cli: Cli
) -> None:
    import_file(office, _write(tmp_path, "a.docx", _letter("2101/UBND-TNMT", [LAW])))

    traced = cli.ok(db_url, "--as", "vanthu", "trace", "2101/UBND-TNMT").out
    assert "căn cứ Luật Đất đai ngày 18/01/2024 (Chỉ dẫn chiếu)" in " ".join(traced.split())
    assert "chưa cấp số" not in traced
    law_id = office.trace("2101/UBND-TNMT").upstream[0].document.id
    shown = cli.ok(db_url, "--as", "vanthu", "show", f"#{law_id}").out
    assert "không có số" in shown
    assert "chưa cấp số" not in shown
