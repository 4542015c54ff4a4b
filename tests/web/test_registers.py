"""Sổ văn bản đi and đến: the filters of ``list``, search, the export to Excel of what is shown,
and htmx updating the results in place."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import load_workbook
from webdesk import Desk, register_dump


def incoming(desk: Desk) -> None:
    office = desk.office
    office.add_org("SNV", "Sở Nội vụ thành phố Hải Phòng")
    office.receive("12/SKHCN-VP", sender="SKHCN", on=date(2025, 9, 29), subject="Về việc chuyển đổi số")
    office.receive("34/SNV-CCVC", sender="SNV", on=date(2025, 10, 3), subject="Về việc tuyển dụng công chức")
    office.receive("56/SKHCN-VP", sender="SKHCN", on=date(2025, 11, 4), subject="Về việc Ngày Chuyển đổi số")


def test_the_incoming_register_filters_by_sender_and_dates(desk: Desk) -> None:
    incoming(desk)
    clerk = desk.sign_in("vanthu")
    by_sender = clerk.get("/documents?direction=in&sender=SNV").text
    assert "34/SNV-CCVC" in by_sender and "12/SKHCN-VP" not in by_sender
    by_dates = clerk.get("/documents?direction=in&date_from=1/10/2025&date_to=31/10/2025").text
    assert "34/SNV-CCVC" in by_dates and "12/SKHCN-VP" not in by_dates and "56/SKHCN-VP" not in by_dates
    assert 'value="1/10/2025"' in by_dates  # what was typed stays in the form


def test_a_date_filter_that_cannot_be_read_is_said_next_to_its_field(desk: Desk) -> None:
    incoming(desk)
    answer = desk.sign_in("vanthu").get("/documents?direction=in&date_from=32/13/2025")
    assert answer.status_code == 422
    assert 'id="e-date_from"' in answer.text and "32/13/2025" in answer.text


def test_the_export_holds_what_the_page_shows_with_real_date_cells(desk: Desk) -> None:
    incoming(desk)
    clerk = desk.sign_in("vanthu")
    page = clerk.get("/documents?direction=in&q=chuyen doi so").text
    assert 'href="/documents.xlsx?direction=in&amp;q=chuyen+doi+so"' in page
    before = register_dump(desk.office)
    answer = clerk.get("/documents.xlsx?direction=in&q=chuyen+doi+so")
    assert answer.status_code == 200 and answer.content[:2] == b"PK"
    assert "so-van-ban-den.xlsx" in answer.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    codes = {v for row in rows for v in row if isinstance(v, str) and "/" in v and "-" in v}
    assert codes == {"12/SKHCN-VP", "56/SKHCN-VP"}
    dated = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, datetime)]
    assert dated and all(c.number_format in ("dd/mm/yyyy", "DD/MM/YYYY") for c in dated)
    assert register_dump(desk.office) == before


def test_the_export_of_a_filter_that_cannot_be_read_is_refused_in_vietnamese(desk: Desk) -> None:
    answer = desk.sign_in("vanthu").get("/documents.xlsx?direction=in&year=20x5")
    assert answer.status_code == 422 and "Năm «20x5» không hợp lệ" in answer.text


def test_the_export_needs_a_session(desk: Desk) -> None:
    answer = desk.browser().get("/documents.xlsx?direction=in", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_htmx_gets_only_the_results_and_a_plain_request_the_whole_page(desk: Desk) -> None:
    incoming(desk)
    clerk = desk.sign_in("vanthu")
    partial = clerk.get("/documents?direction=in&sender=SNV", headers={"HX-Request": "true"})
    assert partial.text.lstrip().startswith('<div id="ket-qua"') and "<html" not in partial.text
    assert "34/SNV-CCVC" in partial.text and "12/SKHCN-VP" not in partial.text
    assert partial.headers["vary"] == "HX-Request"
    assert partial.headers["HX-Push-Url"] == "/documents?direction=in&sender=SNV"
    restored = clerk.get(
        "/documents?direction=in&sender=SNV",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restored.text
    full = clerk.get("/documents?direction=in&sender=SNV").text
    assert "<html" in full and 'hx-push-url="true"' in full and 'action="/documents"' in full
