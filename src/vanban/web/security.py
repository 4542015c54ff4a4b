"""Who is acting, once per request: a session cookie (pages) or a Bearer token (API).

Sessions live in the database (office.auth): the cookie carries a random id, HttpOnly and
SameSite=Strict; the server keeps only its hash, so signing out or a new password ends it for
real. Every form that changes something carries the session's CSRF token; the sign-in and
first-run forms, before any session, a token also set in a cookie (double submit).
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Path
from starlette.requests import Request
from starlette.responses import Response

from vanban.domain.model import Role, User
from vanban.errors import AuthenticationError, VanbanError
from vanban.office import auth

if TYPE_CHECKING:
    from vanban.office import Office

# A document id in a path: within the database's integer (PostgreSQL refuses more than 2³¹−1).
DocId = Annotated[int, Path(ge=1, le=2_147_483_647, description="Số thứ tự (id) của văn bản.")]

SESSION_COOKIE = "vanban_session"
PRE_CSRF_COOKIE = "vanban_csrf"


class CsrfError(VanbanError):
    """A form that changes something came without the right CSRF token."""


class LoginRequired(AuthenticationError):
    """A page asked for without a live session: the browser goes to the sign-in page."""


@dataclass(frozen=True, slots=True)
class Actor:
    """The signed-in user of one request, with the office acting as them."""

    office: Office
    user: User
    csrf: str | None  # None for a Bearer token (no cookie, so no cross-site form to fear)
    session_id: str | None

    @property
    def login(self) -> str:
        return self.user.login

    def has(self, *roles: Role) -> bool:
        return any(r in self.user.roles for r in roles)

    @property
    def can_write(self) -> bool:
        return self.has(Role.VAN_THU, Role.CHUYEN_VIEN, Role.LANH_DAO)


def base_office(request: Request) -> Office:
    office: Office = request.app.state.office
    return office


def client_address(request: Request) -> str:
    return request.client.host if request.client else "?"


def session_actor(request: Request, *, channel: str = "web") -> Actor | None:
    """The actor of the session cookie, None when there is none or it has ended; its events say
    they came through ``channel`` (the pages: web; the API called from a signed-in page: api)."""
    trusted: str | None = request.app.state.trusted_login
    office = base_office(request)
    if trusted is not None:  # serve --get: one request in process, as a login proven already
        acting = office.as_user(trusted)
        return Actor(acting, acting.me(), "in-process", None)
    session_id = request.cookies.get(SESSION_COOKIE)
    if not session_id or len(session_id) > 200:
        return None
    found = auth.session(office, session_id)
    if found is None:
        return None
    acting = office.as_user(found.login, channel=channel)
    return Actor(acting, found.user or acting.me(), found.csrf, session_id)


def token_actor(request: Request) -> Actor | None:
    """The actor of an ``Authorization: Bearer`` token; a bad token is a 401, not anonymity."""
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationError("Tiêu đề Authorization phải là «Bearer <khóa API>».")
    login = auth.token_login(base_office(request), token.strip())
    if login is None:
        raise AuthenticationError(
            "Khóa API không hợp lệ hoặc đã bị thu hồi.",
            hint="Tạo khóa mới: vanban token create TÊN_ĐĂNG_NHẬP.",
        )
    acting = base_office(request).as_user(login, channel="api")
    return Actor(acting, acting.me(), None, None)


def check_csrf(given: object, expected: str | None) -> None:
    """Refuse a form whose CSRF token is missing or wrong (compared in constant time)."""
    if expected is None:
        return
    if not isinstance(given, str) or not given or not hmac.compare_digest(given, expected):
        raise CsrfError(
            "Biểu mẫu đã hết hạn hoặc không đến từ trang của vanban.",
            hint="Tải lại trang rồi gửi lại.",
        )


def pre_session_token(request: Request, response: Response) -> str:
    """The CSRF token of a form shown before signing in, kept in a cookie of its own."""
    token = request.cookies.get(PRE_CSRF_COOKIE)
    if not token or len(token) > 100:
        token = secrets.token_urlsafe(32)
    set_cookie(request, response, PRE_CSRF_COOKIE, token, max_age=3600)
    return token


def set_cookie(request: Request, response: Response, name: str, value: str, *, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
