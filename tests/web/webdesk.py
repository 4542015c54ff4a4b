"""The web desk as the tests drive it: a browser per person, signed in through the login form."""

from __future__ import annotations

import re
from typing import Any

from starlette.testclient import TestClient

PASSWORDS = {
    "vanthu": "mật khẩu văn thư 2025",
    "chutich": "mật khẩu chủ tịch 2025",
    "tracuu": "mật khẩu tra cứu 2025",
    "quantri": "mật khẩu quản trị 2025",
}


def csrf_of(html: str) -> str:
    """The CSRF token of the first form of a page."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


class Desk:
    """The web desk of a register: a browser per person, signed in through the login form."""

    def __init__(self, office: Any) -> None:
        from vanban.web import create_app

        self.office = office
        self.app = create_app(office)

    def browser(self) -> TestClient:
        return TestClient(self.app, base_url="http://testserver")

    def sign_in(self, login: str, client: TestClient | None = None) -> TestClient:
        client = client or self.browser()
        page = client.get("/login")
        answer = client.post(
            "/login",
            data={"csrf": csrf_of(page.text), "login": login, "password": PASSWORDS[login], "next": "/"},
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text
        return client

    def token(self, login: str) -> dict[str, str]:
        from vanban.office import auth

        _, token = auth.create_token(self.office.as_user("quantri"), login)
        return {"Authorization": f"Bearer {token}"}
