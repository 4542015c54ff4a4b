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


# Tables a page view may touch without changing the register (sessions live, attempts counted).
SESSION_TABLES = ("sessions", "login_attempts")


def register_dump(office: Any) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Every table of the register but the session ones, in key order: "nothing changed" compares it."""
    from sqlalchemy import select

    from vanban.store.tables import metadata

    with office.engine.connect() as conn:
        return [
            (table.name, [tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key))])
            for table in metadata.sorted_tables
            if table.name not in SESSION_TABLES
        ]
