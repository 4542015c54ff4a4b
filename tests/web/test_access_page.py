"""The access log in the administration: quản trị only, newest first, a page at a time, times in
Vietnam time; what a stranger typed as a login shown as itself, never acting."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from webdesk import PASSWORDS, Desk, register_dump

from vanban.errors import AuthenticationError
from vanban.office import auth

LINE = re.compile(
    r"<tr(?: class=\"late\")?><td><time>(\d\d/\d\d/\d{4} \d\d:\d\d)</time></td><td>([^<]*)</td>"
    r"<td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>"
)


def lines(html: str) -> list[tuple[str, ...]]:
    return [tuple(m) for m in LINE.findall(html)]


def test_the_administrator_reads_who_signed_in_newest_first_in_vietnam_time(desk: Desk) -> None:
    office = desk.office
    with pytest.raises(AuthenticationError):
        auth.verify(office, "chutich\u202e<b>", "sai mật khẩu", "203.0.113.9")
    reader = desk.sign_in("tracuu")
    reader.post("/logout", data={"csrf": re.findall(r'name="csrf" value="([^"]+)"', reader.get("/").text)[0]})
    admin = desk.sign_in("quantri")
    assert 'href="/admin/access"' in admin.get("/admin").text
    page = admin.get("/admin/access")
    assert page.status_code == 200 and "<h1>Nhật ký đăng nhập</h1>" in page.text
    shown = lines(page.text)
    assert [(who, what) for _, who, what, _, _ in shown] == [
        ("quantri", "đăng nhập"),
        ("tracuu", "đăng xuất"),
        ("tracuu", "đăng nhập"),
        ("chutich⟨U+202E⟩&lt;b&gt;", "đăng nhập sai"),
    ]
    assert shown[3][3] == "203.0.113.9" and shown[0][3] == "testclient" and shown[0][4] == "trình duyệt"
    ((at, *_),) = auth.access_log(office.as_user("quantri"), "quantri")
    stored = datetime.fromisoformat(at)
    assert shown[0][0] == f"{stored + timedelta(hours=7):%d/%m/%Y %H:%M}"
    assert 'class="late"' in page.text  # a wrong password stands out
    one = lines(admin.get("/admin/access?login=tracuu").text)
    assert [what for _, _, what, _, _ in one] == ["đăng xuất", "đăng nhập"]
    assert 'value="tracuu"' in admin.get("/admin/access?login=tracuu").text  # the filter kept
    assert "Không có dòng nào của «khongco»." in admin.get("/admin/access?login=khongco").text


def test_the_access_log_is_paged_fifty_lines_at_a_time(desk: Desk) -> None:
    for i in range(55):
        auth.sign_in(desk.office, "tracuu", PASSWORDS["tracuu"], f"10.0.0.{i}")
    admin = desk.sign_in("quantri")
    first = admin.get("/admin/access").text
    assert len(lines(first)) == 50 and lines(first)[1][3] == "10.0.0.54"
    assert 'href="/admin/access?page=2" rel="next"' in first and 'rel="prev"' not in first
    second = admin.get("/admin/access?page=2").text
    # 56 lines: the first page holds quantri's sign-in and tracuu's 49 newest, the second the rest.
    assert [row[3] for row in lines(second)] == [f"10.0.0.{i}" for i in range(5, -1, -1)]
    assert 'href="/admin/access?page=1" rel="prev"' in second
    assert 'rel="next"' not in second
    filtered = admin.get("/admin/access?login=tracuu&page=2").text
    assert 'href="/admin/access?login=tracuu&amp;page=1"' in filtered
    assert admin.get("/admin/access?page=abc").status_code == 200  # read as the first page


def test_only_the_administrator_reads_the_access_log(desk: Desk) -> None:
    browsers = [desk.sign_in(login) for login in ("chutich", "tracuu")]  # vanthu is the first admin
    before = register_dump(desk.office)
    for browser in browsers:
        refused = browser.get("/admin/access")
        assert refused.status_code == 403 and "không được quản trị" in refused.text
        assert "<h1>Nhật ký đăng nhập</h1>" not in refused.text
    stranger = desk.browser().get("/admin/access", follow_redirects=False)
    assert stranger.status_code == 303 and stranger.headers["location"] == "/login?next=%2Fadmin%2Faccess"
    assert register_dump(desk.office) == before
