"""Sign-in, sessions, CSRF and the limits: what keeps one person from acting as another."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from webdesk import PASSWORDS, Desk, csrf_of

from vanban.office import auth
from vanban.web.security import SESSION_COOKIE


def test_the_session_id_changes_at_sign_in_and_the_cookie_is_httponly_and_strict(desk: Desk) -> None:
    browser = desk.sign_in("vanthu")
    first = browser.cookies[SESSION_COOKIE]
    desk.sign_in("vanthu", browser)
    second = browser.cookies[SESSION_COOKIE]
    assert first != second
    assert auth.session(desk.office, first) is None  # the old one ended on the server
    page = browser.get("/login")
    answer = browser.post(
        "/login",
        data={"csrf": csrf_of(page.text), "login": "vanthu", "password": PASSWORDS["vanthu"]},
        follow_redirects=False,
    )
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_signing_out_ends_the_session_on_the_server(desk: Desk) -> None:
    browser = desk.sign_in("vanthu")
    session_id = browser.cookies[SESSION_COOKIE]
    page = browser.get("/documents?direction=out")
    out = browser.post("/logout", data={"csrf": csrf_of(page.text)}, follow_redirects=False)
    assert out.status_code == 303
    assert auth.session(desk.office, session_id) is None
    stolen = desk.browser()
    stolen.cookies.set(SESSION_COOKIE, session_id)
    assert stolen.get("/documents", follow_redirects=False).headers["location"].startswith("/login")


@pytest.mark.parametrize("token", [None, "", "wrong-token"])
def test_a_form_without_or_with_a_wrong_csrf_token_is_refused_with_403_and_changes_nothing(
    desk: Desk, token: str | None
) -> None:
    clerk = desk.sign_in("vanthu")
    data = {"type": "KH", "subject": "Giả mạo"}
    if token is not None:
        data["csrf"] = token
    answer = clerk.post("/documents/new", data=data)
    assert answer.status_code == 403
    assert "Biểu mẫu đã hết hạn" in answer.text
    assert desk.office.documents() == []
    assert clerk.post("/logout", data=data, follow_redirects=False).status_code == 403


def test_the_sign_in_form_needs_its_own_csrf_token(desk: Desk) -> None:
    browser = desk.browser()
    answer = browser.post("/login", data={"login": "vanthu", "password": PASSWORDS["vanthu"]})
    assert answer.status_code == 403
    assert SESSION_COOKIE not in browser.cookies


def test_failed_sign_ins_are_limited_per_account(desk: Desk) -> None:
    browser = desk.browser()
    token = csrf_of(browser.get("/login").text)
    for _ in range(auth.MAX_FAILURES_PER_LOGIN):
        wrong = browser.post(
            "/login", data={"csrf": token, "login": "chutich", "password": "sai mật khẩu rồi"}
        )
        assert wrong.status_code == 401
        assert "không đúng" in wrong.text
    locked = browser.post(
        "/login", data={"csrf": token, "login": "chutich", "password": PASSWORDS["chutich"]}
    )
    assert locked.status_code == 429 and "tạm khóa" in locked.text
    assert desk.sign_in("vanthu")  # another account is not locked


def test_failed_sign_ins_are_limited_per_address(desk: Desk) -> None:
    browser = desk.browser()
    token = csrf_of(browser.get("/login").text)
    for n in range(auth.MAX_FAILURES_PER_ADDRESS):
        browser.post("/login", data={"csrf": token, "login": f"khong-co-{n}", "password": "sai mật khẩu rồi"})
    locked = browser.post("/login", data={"csrf": token, "login": "vanthu", "password": PASSWORDS["vanthu"]})
    assert locked.status_code == 429


def test_passwords_never_appear_in_events_responses_or_logs(desk: Desk, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    browser = desk.sign_in("vanthu")
    page = browser.get("/account")
    new = "mật khẩu mới rất dài 2026"
    changed = browser.post(
        "/account/password",
        data={"csrf": csrf_of(page.text), "current": PASSWORDS["vanthu"], "password": new, "again": new},
        follow_redirects=False,
    )
    assert changed.status_code == 303
    wrong = desk.browser()
    answer = wrong.post(
        "/login",
        data={"csrf": csrf_of(wrong.get("/login").text), "login": "vanthu", "password": PASSWORDS["vanthu"]},
    )
    assert answer.status_code == 401
    secrets = [*PASSWORDS.values(), new]
    events = repr(desk.office.office_events())
    assert "password_set" in events
    for secret in secrets:
        assert secret not in events
        assert secret not in answer.text and secret not in changed.text
        assert secret not in caplog.text


def test_a_new_password_ends_the_old_sessions(desk: Desk) -> None:
    browser = desk.sign_in("chutich")
    auth.set_password(desk.office, "chutich", "một mật khẩu khác hẳn")
    assert browser.get("/status", follow_redirects=False).status_code == 303


def test_the_first_run_page_sets_the_first_password_once_and_locks_for_good(office: Any) -> None:
    from starlette.testclient import TestClient

    from vanban.web import create_app

    browser = TestClient(create_app(office))
    assert browser.get("/login", follow_redirects=False).headers["location"] == "/first-run"
    page = browser.get("/first-run")
    assert "Trần Thị Văn Thư" in page.text
    token = csrf_of(page.text)
    short = browser.post("/first-run", data={"csrf": token, "password": "ngắn", "again": "ngắn"})
    assert short.status_code == 422 and "quá ngắn" in short.text
    assert not auth.has_passwords(office)
    done = browser.post(
        "/first-run",
        data={"csrf": token, "password": "mật khẩu đầu tiên", "again": "mật khẩu đầu tiên"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert not auth.first_run_open(office)
    again = browser.post(
        "/first-run",
        data={"csrf": token, "password": "kẻ khác chiếm quyền", "again": "kẻ khác chiếm quyền"},
    )
    assert again.status_code == 409
    assert browser.get("/first-run", follow_redirects=False).headers["location"] == "/login"
    auth.verify(office, "vanthu", "mật khẩu đầu tiên", "test")


def test_after_signing_in_only_a_path_of_this_site_is_followed(desk: Desk) -> None:
    browser = desk.browser()
    page = browser.get("/login?next=//evil.example/")
    answer = browser.post(
        "/login",
        data={
            "csrf": csrf_of(page.text),
            "login": "vanthu",
            "password": PASSWORDS["vanthu"],
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/"
