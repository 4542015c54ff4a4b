"""The pages of the web desk, through the ASGI client, as the people of the office use them."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from webdesk import Desk, csrf_of, register_dump

from vanban.office import auth

PAGES = [
    "/",
    "/documents?direction=out",
    "/documents?direction=in",
    "/documents/new",
    "/documents/receive",
    "/documents/1",
    "/documents/1/docx",
    "/status",
    "/books",
    "/books/out/2025.xlsx",
    "/account",
    "/admin",
    "/admin/access",
]
FORMS = [
    "/logout",
    "/account/password",
    "/documents/new",
    "/documents/receive",
    "/documents/1/fire",
    "/documents/1/outcomes",
    "/documents/1/assign",
]


def code_shown(html: str) -> str:
    found = re.search(r'<p class="code"[^>]*>([^<]+)</p>', html)
    assert found, "the page shows no code"
    return found.group(1)


def draft_and_issue(desk: Desk, subject: str = "Kế hoạch tổ chức Ngày Chuyển đổi số") -> tuple[int, str]:
    clerk = desk.sign_in("vanthu")
    form = clerk.get("/documents/new")
    made = clerk.post(
        "/documents/new",
        data={"csrf": csrf_of(form.text), "type": "KH", "subject": subject},
        follow_redirects=False,
    )
    assert made.status_code == 303
    page = made.headers["location"]
    issued = clerk.post(
        f"{page}/fire",
        data={
            "csrf": csrf_of(form.text),
            "trigger": "issue",
            "signer": "Nguyễn Phúc Công",
            "title": "Chủ tịch",
        },
        follow_redirects=False,
    )
    assert issued.status_code == 303, issued.text
    return int(page.rsplit("/", 1)[1]), code_shown(clerk.get(page).text)


@pytest.mark.parametrize("path", PAGES)
def test_a_page_without_a_session_leads_to_the_sign_in_page(desk: Desk, path: str) -> None:
    answer = desk.browser().get(path, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("path", FORMS)
def test_a_form_posted_without_a_session_leads_to_the_sign_in_page_and_changes_nothing(
    desk: Desk, path: str
) -> None:
    before = len(desk.office.documents())
    answer = desk.browser().post(path, data={"type": "KH", "subject": "x"}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert len(desk.office.documents()) == before


def test_the_clerk_drafts_and_issues_a_document_and_sees_its_number_large_and_its_docx(desk: Desk) -> None:
    doc_id, code = draft_and_issue(desk)
    assert code == "01/KH-UBND"
    clerk = desk.sign_in("vanthu")
    page = clerk.get(f"/documents/{doc_id}").text
    assert "Đã ban hành" in page
    docx = clerk.get(f"/documents/{doc_id}/docx")
    assert docx.status_code == 200
    assert docx.content[:2] == b"PK"
    assert "01-KH-UBND.docx" in docx.headers["content-disposition"]
    # Every event of the document names the signed-in clerk.
    assert {e.actor for e in desk.office.history(doc_id)} == {"vanthu"}


def test_the_registers_list_what_was_issued_and_received_with_the_filters_of_list(desk: Desk) -> None:
    draft_and_issue(desk)
    clerk = desk.sign_in("vanthu")
    form = clerk.get("/documents/receive")
    received = clerk.post(
        "/documents/receive",
        data={
            "csrf": csrf_of(form.text),
            "code": "1234/SKHCN-VP",
            "sender": "SKHCN",
            "date": "29/9/2025",
            "subject": "Về việc triển khai chuyển đổi số",
        },
        follow_redirects=False,
    )
    assert received.status_code == 303, received.text
    outgoing = clerk.get("/documents?direction=out").text
    incoming = clerk.get("/documents?direction=in").text
    assert "01/KH-UBND" in outgoing and "1234/SKHCN-VP" not in outgoing
    assert "1234/SKHCN-VP" in incoming
    assert "01/KH-UBND" not in clerk.get("/documents?direction=out&type=QĐ").text
    wrong = clerk.get("/documents?direction=out&year=hai")
    assert wrong.status_code == 422 and "Năm «hai» không hợp lệ" in wrong.text


def test_a_receipt_with_a_wrong_date_says_so_next_to_the_field_keeping_what_was_typed(desk: Desk) -> None:
    clerk = desk.sign_in("vanthu")
    form = clerk.get("/documents/receive")
    answer = clerk.post(
        "/documents/receive",
        data={
            "csrf": csrf_of(form.text),
            "code": "77/SKHCN-VP",
            "sender": "SKHCN",
            "date": "31/2/2025",
            "subject": "Trích yếu đã gõ",
        },
    )
    assert answer.status_code == 422
    assert 'id="e-date"' in answer.text
    assert 'value="77/SKHCN-VP"' in answer.text and "Trích yếu đã gõ" in answer.text
    assert desk.office.documents(direction="in") == []


def test_the_document_page_takes_an_assignment_and_an_outcome(desk: Desk) -> None:
    doc_id, _ = draft_and_issue(desk)
    clerk = desk.sign_in("vanthu")
    page = clerk.get(f"/documents/{doc_id}")
    token = csrf_of(page.text)
    deadline = (date.today() + timedelta(days=20)).strftime("%d/%m/%Y")
    given = clerk.post(
        f"/documents/{doc_id}/assign",
        data={"csrf": token, "lead": "VHXH", "assign_deadline": deadline},
        follow_redirects=False,
    )
    assert given.status_code == 303
    added = clerk.post(
        f"/documents/{doc_id}/outcomes",
        data={
            "csrf": token,
            "outcome_text": "Tập huấn cho cán bộ",
            "quantity": "trên 1500",
            "quantity_unit": "lượt",
        },
        follow_redirects=False,
    )
    assert added.status_code == 303
    shown = clerk.get(f"/documents/{doc_id}").text
    assert "Chủ trì <strong>Văn hóa - Xã hội (VHXH)</strong>" in shown
    assert "Tập huấn cho cán bộ: trên 1.500 lượt" in shown  # the figure as written
    assert [a.lead for a in desk.office.assignments(doc_id)] == ["VHXH"]


def test_the_chairman_opens_an_overdue_item_from_the_chart(desk: Desk) -> None:
    office = desk.office
    late = office.receive(
        "55/SKHCN-VP",
        sender="SKHCN",
        on=date.today() - timedelta(days=30),
        subject="Báo cáo tình hình chuyển đổi số",
        deadline=date.today() - timedelta(days=3),
    )
    office.assign(late.id, lead="VHXH", deadline=date.today() - timedelta(days=3))
    chairman = desk.sign_in("chutich")
    assert chairman.get("/", follow_redirects=False).headers["location"] == "/status"
    view = chairman.get("/status").text
    assert "<svg" in view and "<strong>1</strong> quá hạn" in view
    label = re.escape("Văn hóa - Xã hội (VHXH): 0 trong hạn, 1 quá hạn")
    bar = re.search(rf'<a href="([^"]+)" aria-label="{label}">', view)
    assert bar, view
    behind = chairman.get(bar.group(1).replace("&amp;", "&")).text
    assert f'href="/documents/{late.id}"' in behind
    assert "55/SKHCN-VP" in chairman.get(f"/documents/{late.id}").text


def test_the_chart_says_its_counts_in_words_and_the_unassigned_bar_is_no_link(
    desk: Desk, clock: Callable[[date], None]
) -> None:
    clock(date(2026, 12, 6))
    office = desk.office
    office.receive("56/SKHCN-VP", sender="SKHCN", on=date(2026, 11, 20), subject="Chưa giao ai")
    late = office.receive("57/SKHCN-VP", sender="SKHCN", on=date(2026, 11, 20), subject="Giao VHXH")
    office.assign(late.id, lead="VHXH", deadline=date(2026, 12, 1))
    view = desk.sign_in("chutich").get("/status").text
    chart = view.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'class="value">1 trong hạn · 0 quá hạn</text>' in chart
    assert 'class="value">0 trong hạn · 1 quá hạn</text>' in chart
    assert "/0<" not in chart and "/1<" not in chart
    assert '<g role="img" aria-label="(chưa giao): 1 trong hạn, 0 quá hạn">' in chart
    assert re.findall(r'<a href="([^"]*)"', chart) == ["/status?unit=VHXH"]


def test_the_icon_is_served_to_anyone_and_linked_from_every_page(desk: Desk) -> None:
    browser = desk.browser()
    icon = browser.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.content.startswith(b"<svg")
    assert '<link rel="icon" href="/static/favicon.svg"' in browser.get("/login").text
    assert browser.get("/static/favicon.svg").content == icon.content


def test_the_chairman_sees_a_plan_with_only_an_interim_report_apart_and_still_open(desk: Desk) -> None:
    from vanban import LinkKind

    office = desk.office
    plan_id, _ = draft_and_issue(desk, "Kế hoạch chuyển đổi số năm nay")
    report = office.draft("BC", subject="Sơ kết 6 tháng")
    office.link(report.id, plan_id, LinkKind.REPORTS_PROGRESS)
    office.issue(report.id, signer="chutich")
    view = desk.sign_in("chutich").get("/status").text
    section = view.split('id="bao-cao-tien-do"', 1)[1].split("</section>", 1)[0]
    assert f'href="/documents/{plan_id}"' in section
    assert "<strong>1</strong> mới báo cáo tiến độ" in view and "<strong>0</strong> đã báo cáo" in view


def test_the_chairman_sees_what_a_final_report_closed_as_reported(desk: Desk) -> None:
    from vanban import LinkKind

    office = desk.office
    plan_id, plan_code = draft_and_issue(desk, "Kế hoạch chuyển đổi số năm nay")
    report = office.draft("BC", subject="Tổng kết năm")
    office.link(report.id, plan_id, LinkKind.REPORTS_ON)
    office.issue(report.id, signer="chutich")
    view = desk.sign_in("chutich").get("/status").text
    section = view.split('id="da-bao-cao"', 1)[1].split("</section>", 1)[0]
    assert f'href="/documents/{plan_id}"' in section and plan_code in section
    assert "<strong>1</strong> đã báo cáo" in view
    # Closed by the report: no longer among the open items.
    open_items = view.split('id="h-open"', 1)[1]
    assert f'href="/documents/{plan_id}"' not in open_items


def test_the_register_books_come_as_docx_and_xlsx(desk: Desk) -> None:
    draft_and_issue(desk)
    clerk = desk.sign_in("vanthu")
    year = date.today().year
    for ext in ("docx", "xlsx"):
        book = clerk.get(f"/books/out/{year}.{ext}")
        assert book.status_code == 200 and book.content[:2] == b"PK"
    assert clerk.get(f"/books/../{year}.docx").status_code == 404


def test_a_reader_sees_the_registers_is_not_offered_changes_and_is_refused_them(desk: Desk) -> None:
    doc_id, _ = draft_and_issue(desk)
    reader = desk.sign_in("tracuu")
    listing = reader.get("/documents?direction=out").text
    assert "01/KH-UBND" in listing and "Soạn văn bản mới" not in listing
    page = reader.get(f"/documents/{doc_id}").text
    assert "Ghi kết quả" not in page and 'action="/documents/' not in page
    assert reader.get("/documents/new").status_code == 403
    token = csrf_of(page)
    forced = reader.post("/documents/new", data={"csrf": token, "type": "KH", "subject": "Không được"})
    assert forced.status_code == 403
    outcome = reader.post(f"/documents/{doc_id}/outcomes", data={"csrf": token, "outcome_text": "x"})
    assert outcome.status_code == 403
    assert len(desk.office.documents()) == 1 and desk.office.outcomes(doc_id) == []


def test_a_role_lacking_a_transition_is_refused_with_403_and_nothing_changes(desk: Desk) -> None:
    clerk = desk.sign_in("vanthu")
    form = clerk.get("/documents/new")
    made = clerk.post("/documents/new", data={"csrf": csrf_of(form.text), "type": "KH", "subject": "Dự thảo"})
    doc_id = int(str(made.url).rsplit("/", 1)[1])
    chairman = desk.sign_in("chutich")
    page = chairman.get(f"/documents/{doc_id}").text
    assert 'value="issue"' not in page
    forced = chairman.post(f"/documents/{doc_id}/fire", data={"csrf": csrf_of(page), "trigger": "issue"})
    assert forced.status_code == 403
    assert desk.office.get(doc_id).status == "drafted" and desk.office.get(doc_id).number is None


def test_a_subject_with_a_script_is_shown_escaped(desk: Desk) -> None:
    doc_id, _ = draft_and_issue(desk, subject='Kế hoạch <script>alert("x")</script>')
    clerk = desk.sign_in("vanthu")
    for path in (f"/documents/{doc_id}", "/documents?direction=out"):
        html = clerk.get(path).text
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(" in html


def test_the_administrator_adds_a_user_with_a_password_and_a_unit(desk: Desk) -> None:
    admin = desk.sign_in("quantri")
    page = admin.get("/admin")
    assert page.status_code == 200 and "Nguyễn Phúc Công" in page.text
    token = csrf_of(page.text)
    added = admin.post(
        "/admin/users",
        data={
            "csrf": token,
            "login": "ketoan",
            "name": "Lê Thị Kế Toán",
            "roles": ["tra_cuu"],
            "password": "mật khẩu kế toán 2025",
        },
        follow_redirects=False,
    )
    assert added.status_code == 303
    assert (
        admin.post("/admin/units", data={"csrf": token, "code": "DC", "name": "Địa chính"}).status_code == 200
    )
    users = {u.login: u for u in desk.office.users()}
    assert [r.value for r in users["ketoan"].roles] == ["tra_cuu"]
    auth.verify(desk.office, "ketoan", "mật khẩu kế toán 2025", "test")
    assert "DC" in [u.code for u in desk.office.units()]
    again = admin.post(
        "/admin/users", data={"csrf": token, "login": "ketoan", "name": "Trùng", "roles": ["tra_cuu"]}
    )
    assert again.status_code == 422 and "đã có" in again.text and 'value="Trùng"' in again.text


def busy_register(desk: Desk, clock: Callable[[date], None]) -> dict[str, str]:
    """The register on 6/12/2026 with documents issued, received and assigned this year and last."""
    clock(date(2026, 12, 6))
    office = desk.office
    office.set_series("KH", year=2025, next_number=90)
    last_year = office.draft("KH", subject="Kế hoạch chuyển đổi số năm trước")
    office.issue(last_year.id, on=date(2025, 11, 3), signer="chutich")
    this_year = office.draft("KH", subject="Kế hoạch chuyển đổi số năm nay")
    issued = office.issue(this_year.id, on=date(2026, 12, 1), signer="chutich")
    office.assign(this_year.id, lead="VHXH", deadline=date(2026, 12, 3))
    office.receive("12/SKHCN-KHTC", sender="SKHCN", on=date(2026, 11, 28), subject="Về việc báo cáo số liệu")
    return {"this_year": issued.code or ""}


def test_the_administration_lists_this_years_series_in_use(desk: Desk, clock: Callable[[date], None]) -> None:
    busy_register(desk, clock)
    page = desk.sign_in("quantri").get("/admin")
    assert page.status_code == 200, page.text
    series = page.text.split('id="h-series"', 1)[1]
    assert "năm 2026" in series
    assert "<td>Kế hoạch</td><td>1</td><td>01/12/2026</td>" in series
    assert "Văn bản đến (số đến)" in series
    assert "<td>90</td>" not in series  # last year's series is not this year's


def test_every_page_opens_on_a_register_busy_this_year_and_last(
    desk: Desk, clock: Callable[[date], None]
) -> None:
    busy = busy_register(desk, clock)
    clerk = desk.sign_in("vanthu")
    for path in [
        *PAGES,
        "/books/out/2026.docx",
        "/books/in/2026.xlsx",
        "/status?overdue=true",
        "/status?unit=VHXH",
        "/documents?direction=out&overdue=1",
        "/documents/2",
        "/documents/3",
    ]:
        answer = clerk.get(path)
        assert answer.status_code == 200, (path, answer.text[:500])
    # Overdue by its assignment's deadline: «Chỉ việc quá hạn» lists it as the leadership view counts it.
    assert busy["this_year"] in clerk.get("/documents?direction=out&overdue=1").text
    assert "<strong>1</strong> quá hạn" in clerk.get("/status").text


def test_only_the_administrator_reaches_the_administration(desk: Desk) -> None:
    clerk_only = desk.sign_in("chutich")
    assert "/admin" not in clerk_only.get("/status").text
    assert clerk_only.get("/admin").status_code == 403
    forced = clerk_only.post("/admin/units", data={"csrf": "x", "code": "X", "name": "Y"})
    assert forced.status_code == 403
    assert "X" not in [u.code for u in desk.office.units()]


def receive_page_token(desk: Desk) -> tuple[Any, str]:
    clerk = desk.sign_in("vanthu")
    return clerk, csrf_of(clerk.get("/documents/receive").text)


def test_an_uploaded_docx_is_read_shown_for_confirmation_and_registered_with_its_links(
    desk: Desk, tmp_path: Path
) -> None:
    from test_import import request_letter, write

    clerk, token = receive_page_token(desk)
    path = write(tmp_path, "516.docx", request_letter())
    with path.open("rb") as f:
        shown = clerk.post(
            "/documents/receive/upload",
            data={"csrf": token},
            files={"file": ("516.docx", f, "application/octet-stream")},
        )
    assert shown.status_code == 200, shown.text
    assert "516/SKHCN-TTTT" in shown.text and "45/KH-UBND" in shown.text and "thực hiện" in shown.text
    assert desk.office.documents(direction="in") == []  # nothing registered before the clerk confirms
    upload = re.search(r'name="token" value="([^"]+)"', shown.text)
    assert upload
    done = clerk.post(
        "/documents/receive/confirm",
        data={"csrf": token, "token": upload.group(1), "arrived": "13/11/2025"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    doc = desk.office.get("516/SKHCN-TTTT")
    assert (doc.arrival_number, doc.arrival_date) == (1, date(2025, 11, 13))
    assert [a.name for a in desk.office.attachments(doc.id)] == ["516.docx"]
    again = clerk.post("/documents/receive/confirm", data={"csrf": token, "token": upload.group(1)})
    assert again.status_code == 422 and "hết hạn" in again.text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ghi-chu.txt", b"khong phai docx", "không phải"),
        ("lon.docx", b"0" * (20 * 1024 * 1024 + 1), "lớn hơn 20 MB"),
    ],
)
def test_an_upload_that_is_not_a_usable_docx_is_refused_with_a_clear_message(
    desk: Desk, name: str, content: bytes, message: str
) -> None:
    clerk, token = receive_page_token(desk)
    answer = clerk.post("/documents/receive/upload", data={"csrf": token}, files={"file": (name, content)})
    assert answer.status_code == 422
    assert 'id="e-file"' in answer.text and message in answer.text
    assert desk.office.documents(direction="in") == []


def test_a_zip_bomb_upload_is_refused(desk: Desk) -> None:
    from docx_helpers import make_docx, runs_xml

    clerk, token = receive_page_token(desk)
    bomb = make_docx(runs_xml("Số: 90/KH-UBND" + " " * (4 * 1024 * 1024)))
    answer = clerk.post("/documents/receive/upload", data={"csrf": token}, files={"file": ("bom.docx", bomb)})
    assert answer.status_code == 422 and 'id="e-file"' in answer.text


def test_an_upload_token_that_names_a_path_or_another_user_s_upload_is_refused(desk: Desk) -> None:
    clerk, token = receive_page_token(desk)
    for forged in ("../../etc/passwd", "A" * 43, ""):
        answer = clerk.post("/documents/receive/confirm", data={"csrf": token, "token": forged})
        assert answer.status_code == 422 and "hết hạn" in answer.text


def upload_letter(desk: Desk, tmp_path: Path) -> tuple[Any, str, str]:
    from test_import import request_letter, write

    clerk, token = receive_page_token(desk)
    path = write(tmp_path, "516.docx", request_letter())
    with path.open("rb") as f:
        shown = clerk.post("/documents/receive/upload", data={"csrf": token}, files={"file": ("516.docx", f)})
    upload = re.search(r'name="token" value="([^"]+)"', shown.text)
    assert upload and 'name="ref" value="0" checked' in shown.text
    assert 'value="516/SKHCN-TTTT"' in shown.text and 'value="12/11/2025"' in shown.text
    return clerk, token, upload.group(1)


def test_the_clerk_corrects_what_was_read_and_drops_a_proposed_link_before_registering(
    desk: Desk, tmp_path: Path
) -> None:
    clerk, token, upload = upload_letter(desk, tmp_path)
    done = clerk.post(
        "/documents/receive/confirm",
        data={
            "csrf": token,
            "token": upload,
            "reviewed": "1",
            "code": "516/SKHCN-TTTT",
            "date": "12/11/2025",
            "subject": "Báo cáo kết quả phong trào Bình dân học vụ số (sửa)",
            "arrived": "13/11/2025",
        },
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    doc = desk.office.get("516/SKHCN-TTTT")
    assert doc.subject == "Báo cáo kết quả phong trào Bình dân học vụ số (sửa)"
    trace = desk.office.trace(doc.id)
    assert trace.upstream == [] and trace.downstream == []  # the unticked link was not made


def test_a_wrong_date_on_the_confirmation_is_said_by_its_field_and_the_upload_is_kept(
    desk: Desk, tmp_path: Path
) -> None:
    clerk, token, upload = upload_letter(desk, tmp_path)
    before = register_dump(desk.office)
    wrong = clerk.post(
        "/documents/receive/confirm",
        data={"csrf": token, "token": upload, "reviewed": "1", "ref": "0", "code": "516/SKHCN-TTTT",
              "date": "31/11/2025", "subject": "Trích yếu đã sửa"},
    )  # fmt: skip
    assert wrong.status_code == 422
    assert 'id="e-date"' in wrong.text and "Trích yếu đã sửa" in wrong.text
    assert 'name="ref" value="0" checked' in wrong.text
    assert register_dump(desk.office) == before
    done = clerk.post(
        "/documents/receive/confirm",
        data={"csrf": token, "token": upload, "reviewed": "1", "ref": "0", "code": "516/SKHCN-TTTT",
              "date": "12/11/2025", "subject": "Trích yếu đã sửa"},
        follow_redirects=False,
    )  # fmt: skip
    assert done.status_code == 303
    doc = desk.office.get("516/SKHCN-TTTT")
    assert [n.document.code for n in desk.office.trace(doc.id).upstream] == ["45/KH-UBND"]
