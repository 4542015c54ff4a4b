"""Sổ văn bản đi and đến: the filters of ``list``, search, the export to Excel of what is shown,
and htmx updating the results in place."""

from __future__ import annotations

import io
import re
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


def test_the_sender_filter_reads_the_sender_as_receive_does(desk: Desk) -> None:
    incoming(desk)
    clerk = desk.sign_in("vanthu")
    for typed in ("so noi vu", "Sở Nội vụ", "snv"):
        page = clerk.get("/documents", params={"direction": "in", "sender": typed}).text
        assert "34/SNV-CCVC" in page and "12/SKHCN-VP" not in page, typed
    # "so" begins both senders' names: refused next to the field, the candidates with their #id.
    answer = clerk.get("/documents", params={"direction": "in", "sender": "so"})
    assert answer.status_code == 422
    error = re.search(r'<p class="error" id="e-sender">([^<]*)</p>', answer.text)
    assert error and "khớp với 2 cơ quan" in error[1] and "SNV" in error[1] and "SKHCN" in error[1]
    assert re.search(r"#\d+ SNV", error[1])
    assert "34/SNV-CCVC" not in answer.text


def test_a_query_over_its_limit_is_refused_as_the_command_line_refuses_it(desk: Desk) -> None:
    import pytest

    from vanban.errors import InputError

    incoming(desk)
    clerk = desk.sign_in("vanthu")
    for query in ("a" * 201, "a" * 41):
        with pytest.raises(InputError) as refused:
            desk.office.search(query)
        said = refused.value.message
        answer = clerk.get("/documents", params={"direction": "in", "q": query})
        assert answer.status_code == 422
        assert said in answer.text.replace("&#34;", '"'), query
    assert (
        "Câu tìm dài 201 ký tự, tối đa 200."
        in clerk.get("/documents", params={"direction": "in", "q": "a" * 201}).text
    )


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


def status_options(html: str) -> list[tuple[str, str, bool]]:
    """(value, text, chosen) of the status filter's choices."""
    found = re.search(r'<select id="f-status" name="status".*?</select>', html, re.S)
    assert found, "the status filter is no choice"
    option = r'<option value="([^"]*)"( selected)?>([^<]*)</option>'
    return [(value, text, bool(chosen)) for value, chosen, text in re.findall(option, found[0])]


def test_the_status_filter_offers_the_register_s_states_by_name_and_keeps_the_one_chosen(desk: Desk) -> None:
    incoming(desk)
    desk.office.draft("KH", subject="Kế hoạch còn dự thảo")
    desk.office.register("KH", subject="Kế hoạch đã ban hành", on=date(2025, 9, 29), signer="chutich")
    clerk = desk.sign_in("vanthu")
    outgoing = status_options(clerk.get("/documents?direction=out").text)
    assert outgoing[0] == ("", "(tất cả)", False) and not any(chosen for *_, chosen in outgoing)
    assert ("drafted", "Dự thảo", False) in outgoing and ("issued", "Đã ban hành", False) in outgoing
    assert "received" not in [value for value, _, _ in outgoing]  # a state of the other register
    assert ("received", "Đã đến", False) in status_options(clerk.get("/documents?direction=in").text)
    for given in ("issued", "Đã ban hành", "da ban hanh"):
        page = clerk.get("/documents", params={"direction": "out", "status": given}).text
        assert [v for v, _, chosen in status_options(page) if chosen] == ["issued"]
        assert "Kế hoạch đã ban hành" in page and "Kế hoạch còn dự thảo" not in page
    results = clerk.get("/documents?direction=out&status=drafted", headers={"HX-Request": "true"})
    assert "Kế hoạch còn dự thảo" in results.text and "Kế hoạch đã ban hành" not in results.text
    assert results.headers["HX-Push-Url"] == "/documents?direction=out&status=drafted"


def test_a_status_the_register_has_not_is_refused_next_to_the_field(desk: Desk) -> None:
    incoming(desk)
    clerk = desk.sign_in("vanthu")
    for given in ("khong-co", "issued"):
        answer = clerk.get("/documents", params={"direction": "in", "status": given})
        assert answer.status_code == 422
        error = re.search(r'<p class="error" id="e-status">([^<]*)</p>', answer.text)
        assert error and f"Sổ văn bản đến không có trạng thái «{given}»" in error[1]
        assert "Đã vào sổ" in error[1]  # the choices named
        assert "12/SKHCN-VP" not in answer.text  # nothing listed under a filter that cannot hold
    export = clerk.get("/documents.xlsx?direction=in&status=khong-co")
    assert export.status_code == 422 and "không có trạng thái «khong-co»" in export.text


def test_a_search_marks_the_words_it_matched_in_each_subject_and_escapes_the_rest(desk: Desk) -> None:
    office = desk.office
    office.receive(
        "78/SKHCN-VP",
        sender="SKHCN",
        on=date(2025, 11, 5),
        subject="Về việc <b>Chuyển đổi</b> số & an toàn",
    )
    page = desk.sign_in("vanthu").get("/documents?direction=in&q=chuyen+doi+so").text
    assert "<mark>Chuyển</mark>" in page and "<mark>đổi</mark>" in page and "<mark>số</mark>" in page
    assert "&lt;b&gt;<mark>Chuyển</mark> <mark>đổi</mark>&lt;/b&gt; <mark>số</mark> &amp; an toàn" in page
    plain = desk.sign_in("vanthu").get("/documents?direction=in").text
    assert "<mark>" not in plain
