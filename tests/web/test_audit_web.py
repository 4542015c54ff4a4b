"""The web desk and the API say where their users acted: events through the pages are «web»,
through the API «api»; signing in and out through the pages lands in the access log."""

from __future__ import annotations

from typing import Any

from webdesk import PASSWORDS, Desk, csrf_of

from vanban.office import auth


def test_a_draft_made_on_the_pages_and_one_made_through_the_api_record_their_channel(desk: Desk) -> None:
    clerk = desk.sign_in("vanthu")
    form = clerk.get("/documents/new")
    made = clerk.post(
        "/documents/new",
        data={"csrf": csrf_of(form.text), "type": "KH", "subject": "Kế hoạch trên trình duyệt"},
        follow_redirects=False,
    )
    assert made.status_code == 303
    page_doc = int(made.headers["location"].rsplit("/", 1)[1])
    api = desk.browser().post(
        "/api/v1/documents", json={"type": "KH", "subject": "Kế hoạch qua API"}, headers=desk.token("vanthu")
    )
    assert api.status_code == 201
    office = desk.office
    assert [(e.actor, e.channel) for e in office.history(page_doc)] == [("vanthu", "web")]
    assert [(e.actor, e.channel) for e in office.history(api.json()["id"])] == [("vanthu", "api")]
    history = desk.browser().get(f"/api/v1/documents/{page_doc}/history", headers=desk.token("vanthu"))
    assert [(e["actor"], e["channel"]) for e in history.json()] == [("vanthu", "web")]


def test_signing_in_a_wrong_password_and_signing_out_on_the_pages_are_in_the_access_log(desk: Desk) -> None:
    browser = desk.browser()
    page = browser.get("/login")
    wrong = browser.post(
        "/login",
        data={"csrf": csrf_of(page.text), "login": "chutich", "password": "không phải mật khẩu", "next": "/"},
    )
    assert wrong.status_code == 401
    chairman = desk.sign_in("chutich", browser)
    home = chairman.get("/account")
    out = chairman.post("/logout", data={"csrf": csrf_of(home.text)}, follow_redirects=False)
    assert out.status_code == 303
    log: list[Any] = auth.access_log(desk.office.as_user("quantri"), "chutich")
    assert [(what, channel) for _at, what, _who, _where, channel in log] == [
        ("sign_out", "web"),
        ("sign_in", "web"),
        ("sign_in_failed", "web"),
    ]
    assert all(where == "testclient" for _at, _w, _who, where, _c in log)
    assert PASSWORDS["chutich"] not in repr(log) and "không phải mật khẩu" not in repr(log)
