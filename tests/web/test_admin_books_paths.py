"""The gaps of the web desk filled: where a series continues (quản trị), a user refused whole, the
register books of any year, the draft form keeping what was typed, and paths no request escapes by."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient
from webdesk import Desk, csrf_of, register_dump

SIGNED_IN_ONLY = ["/reports/new", "/documents.xlsx?direction=in", "/admin", "/books?year=2025"]
HOSTILE = [
    "/documents/1/docx/../../../../etc/passwd",
    "/documents/..%2F..%2F..%2Fetc%2Fpasswd/docx",
    "/books/out/..%2F..%2F..%2Fetc%2Fpasswd.docx",
    "/books/in/2025.exe",
    "/books/../../etc/passwd",
    "/static/..%2Fpages%2Fadmin.py",
    "/static/../app.py",
    "/documents.xlsx/../../etc/passwd",
]


@pytest.mark.parametrize("path", SIGNED_IN_ONLY)
def test_the_new_pages_without_a_session_lead_to_the_sign_in_page(desk: Desk, path: str) -> None:
    answer = desk.browser().get(path, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login?next=")


def test_no_download_names_a_file_outside_its_document(desk: Desk) -> None:
    desk.office.register("KH", subject="Kế hoạch", on=date(2025, 9, 29), signer="chutich")
    clerk = desk.sign_in("vanthu")
    for path in HOSTILE:
        answer = clerk.get(path)
        assert answer.status_code in (404, 405, 422), (path, answer.status_code)
        assert "root:" not in answer.text and "from __future__" not in answer.text, path


def test_the_administration_page_has_a_plain_title_and_its_series_section_once(desk: Desk) -> None:
    page = desk.sign_in("quantri").get("/admin").text
    assert "<title>Quản trị · vanban</title>" in page
    assert page.count('id="h-series"') == 1
    assert page.count('action="/admin/series"') == 1


def test_the_administrator_sets_where_a_series_continues(desk: Desk) -> None:
    admin = desk.sign_in("quantri")
    page = admin.get("/admin").text
    assert '<option value="DEN">Văn bản đến (số đến)</option>' in page
    year = date.today().year
    answer = admin.post(
        "/admin/series",
        data={"csrf": csrf_of(page), "series_type": "KH", "series_year": str(year), "next_number": "90"},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    assert desk.office.next_in_series("KH", year=year).last_number == 89
    issued = desk.office.register("KH", subject="Kế hoạch tiếp theo", on=date.today(), signer="chutich")
    assert issued.number == 90


@pytest.mark.parametrize(
    ("number", "said"),
    [
        ("không", "số tiếp theo"),
        ("0", "số tiếp theo"),
        ("9" * 30, "số tiếp theo"),
        ("1 OR 1=1", "số tiếp theo"),
    ],
)
def test_a_series_number_that_cannot_be_used_is_refused_and_nothing_changes(
    desk: Desk, number: str, said: str
) -> None:
    admin = desk.sign_in("quantri")
    token = csrf_of(admin.get("/admin").text)
    before = register_dump(desk.office)
    answer = admin.post(
        "/admin/series",
        data={
            "csrf": token,
            "series_type": "KH",
            "series_year": str(date.today().year),
            "next_number": number,
        },
    )
    assert answer.status_code == 422 and said in answer.text.lower()
    assert register_dump(desk.office) == before


def test_the_chairman_and_the_reader_cannot_set_a_series(desk: Desk) -> None:
    for login in ("chutich", "tracuu"):
        person = desk.sign_in(login)
        token = csrf_of(person.get("/account").text)
        before = register_dump(desk.office)
        answer = person.post(
            "/admin/series",
            data={"csrf": token, "series_type": "KH", "series_year": "2025", "next_number": "90"},
        )
        assert answer.status_code == 403
        assert register_dump(desk.office) == before


def add_user_by_form(admin: TestClient, **fields: Any) -> Any:
    """The answer to the administration page's user form sent with ``fields`` by ``admin``."""
    token = csrf_of(admin.get("/admin").text)
    return admin.post("/admin/users", data={"csrf": token, **fields}, follow_redirects=True)


def test_a_user_with_a_too_short_password_is_not_added_and_the_password_field_says_why(desk: Desk) -> None:
    admin = desk.sign_in("quantri")
    before = register_dump(desk.office)
    answer = add_user_by_form(
        admin, login="ketoan", name="Lê Thị Kế Toán", roles=["tra_cuu"], password="ngan"
    )
    assert answer.status_code == 422
    assert 'id="e-password"' in answer.text and "quá ngắn" in answer.text
    assert 'value="ketoan"' in answer.text and "ngan" not in answer.text.replace("ngắn", "")
    assert register_dump(desk.office) == before


def test_the_books_of_any_year_come_with_real_date_cells(desk: Desk) -> None:
    desk.office.receive(
        "12/SKHCN-VP",
        sender="SKHCN",
        on=date(2024, 12, 20),
        subject="Về việc tổng kết năm",
        arrived=date(2024, 12, 22),
    )
    clerk = desk.sign_in("vanthu")
    page = clerk.get("/books?year=2024").text
    assert 'href="/books/in/2024.xlsx"' in page and f"/books/in/{date.today().year}.xlsx" not in page
    book = clerk.get("/books/in/2024.xlsx")
    assert book.status_code == 200
    sheet = load_workbook(io.BytesIO(book.content))["Sổ"]
    cells = [c for row in sheet.iter_rows() for c in row]
    values = [c.value for c in cells]
    assert all(c.number_format == "dd/mm/yyyy" for c in cells if isinstance(c.value, datetime))
    assert datetime(2024, 12, 20) in values and "12/SKHCN-VP" in " ".join(str(v) for v in values)
    assert clerk.get("/books/in/2024.docx").content[:2] == b"PK"


def test_a_year_that_cannot_be_read_is_said_next_to_its_field(desk: Desk) -> None:
    answer = desk.sign_in("vanthu").get("/books?year=<script>")
    assert answer.status_code == 422 and 'id="e-year"' in answer.text
    assert "<script>" not in answer.text and "&lt;script&gt;" in answer.text


def test_a_draft_without_a_subject_says_so_next_to_the_field_keeping_what_was_typed(desk: Desk) -> None:
    clerk = desk.sign_in("vanthu")
    token = csrf_of(clerk.get("/documents/new").text)
    before = register_dump(desk.office)
    answer = clerk.post(
        "/documents/new",
        data={"csrf": token, "type": "QĐ", "subject": "", "unit": "VHXH", "deadline": "31/2/2026"},
    )
    assert answer.status_code == 422
    assert 'id="e-subject"' in answer.text and "Nhập trích yếu" in answer.text
    assert 'id="e-deadline"' in answer.text and "tháng 2 năm 2026 chỉ có 28 ngày" in answer.text
    assert '<option value="QĐ" selected>' in answer.text and 'value="VHXH"' in answer.text
    assert register_dump(desk.office) == before


def test_a_refused_unit_keeps_what_was_typed_in_its_own_form_only(desk: Desk) -> None:
    admin = desk.sign_in("quantri")
    token = csrf_of(admin.get("/admin").text)
    before = register_dump(desk.office)
    answer = admin.post("/admin/units", data={"csrf": token, "code": "VHXH", "name": "Trùng mã đơn vị"})
    assert answer.status_code == 422
    assert (
        answer.text.count('value="Trùng mã đơn vị"') == 1
        and 'id="u-name" name="name" required value="Trùng' in answer.text
    )
    assert register_dump(desk.office) == before


@pytest.mark.parametrize("path", ["/reports/new", "/admin/series", "/documents/receive/confirm"])
def test_the_new_forms_posted_without_a_session_lead_to_the_sign_in_page(desk: Desk, path: str) -> None:
    before = register_dump(desk.office)
    answer = desk.browser().post(path, data={"request": "1", "next_number": "90"}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert register_dump(desk.office) == before


def test_an_administrator_adds_a_leader_with_the_title_he_signs_with(desk: Desk) -> None:
    answer = add_user_by_form(
        desk.sign_in("quantri"), login="pct", name="Trần Văn Phó", title="Phó Chủ tịch", roles=["lanh_dao"]
    )
    assert answer.status_code == 200
    assert "<td>Trần Văn Phó</td><td>Phó Chủ tịch</td>" in answer.text
    assert [u.title for u in desk.office.users() if u.login == "pct"] == ["Phó Chủ tịch"]


def test_an_overlong_title_is_refused_next_to_the_users_form_keeping_what_was_typed(desk: Desk) -> None:
    admin = desk.sign_in("quantri")
    before = register_dump(desk.office)
    answer = add_user_by_form(admin, login="pct", name="Trần Văn Phó", title="x" * 121, roles=["lanh_dao"])
    assert answer.status_code == 422
    assert "tối đa 120" in answer.text and 'value="pct"' in answer.text
    assert register_dump(desk.office) == before
