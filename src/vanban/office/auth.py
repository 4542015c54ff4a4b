"""Proving who acts: passwords, sessions, API tokens, and the limit on failed sign-ins.

A register where nobody has a password works as it always did (a single clerk's command line).
Once anyone has one, the web desk, the API and the command line act only as someone who proves
it. Passwords are kept as Argon2 hashes (argon2-cffi); session ids and API tokens are random and
kept as their SHA-256. No secret is ever written to an event, a log or a response.

Whoever can write the database file or server directly is outside this protection: the history
of events is what shows what they did.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from vanban.domain.model import Role, User
from vanban.domain.records import EventRecord
from vanban.errors import (
    AuthenticationError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    RuleError,
    TooManyAttemptsError,
)
from vanban.office.ports import Store, UnitOfWork
from vanban.office.runner import translated

if TYPE_CHECKING:
    from vanban.office.service import Office

T = TypeVar("T")

SESSION_LIFETIME = timedelta(hours=12)
ATTEMPT_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_LOGIN = 5
MAX_FAILURES_PER_ADDRESS = 20
MIN_PASSWORD_LENGTH = 10
FIRST_RUN = "first_password"  # the event that locks the first-run page for good

_hashers = [PasswordHasher()]  # argon2-cffi's default: RFC 9106's low-memory profile
# Argon2 computations at once in one process. Each takes 64 MiB and a core's worth of work: 50
# users signing in at once on a web worker's 40 threads took 2.5 GiB and starved everything else
# of the process so long that uvicorn's supervisor killed the worker as hung (bench_web.py). The
# others wait their turn, and the rest of the process keeps answering.
_HASHING = threading.BoundedSemaphore(max(2, os.cpu_count() or 2))


def _hash(password: str) -> str:
    with _HASHING:
        return _hashers[0].hash(password)


def _verify(hashed: str, password: str) -> bool:
    with _HASHING:
        return _hashers[0].verify(hashed, password)


_dummy: list[str] = []  # verified for an unknown login: a wrong login costs what a wrong password does


def use_hasher(hasher: PasswordHasher) -> None:
    """Hash new passwords with other Argon2 parameters (a host's policy; the tests' cheapest ones).
    Hashes made before keep verifying and are rehashed at the next sign-in."""
    _hashers[0] = hasher
    _dummy.clear()


def _dummy_hash() -> str:
    if not _dummy:
        _dummy.append(_hash(secrets.token_urlsafe(16)))
    return _dummy[0]


def digest(secret: str) -> str:
    """What the database keeps of a session id or a token: its SHA-256."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Session:
    """A signed-in session: the raw id goes to the cookie only, never to the database."""

    login: str
    session_id: str
    csrf: str
    user: User | None = None  # looked up with the session (auth.session), for the page to show


def _run(store: Store, work: Callable[[UnitOfWork], T], *, read_only: bool = False) -> T:
    def unit() -> T:
        with store.unit_of_work(read_only=read_only) as uow:
            result = work(uow)
            uow.commit()
            return result

    return translated(store, unit)


def _checked(password: str) -> str:
    if not isinstance(password, str):
        raise InputError("Mật khẩu phải là chuỗi ký tự.")
    password = unicodedata.normalize("NFC", password)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(
            f"Mật khẩu quá ngắn (cần ít nhất {MIN_PASSWORD_LENGTH} ký tự).",
            hint="Dùng một câu dễ nhớ nhiều từ, ví dụ «mua xuan tren dong lua 2025».",
        )
    if len(password) > 1024:
        raise InputError("Mật khẩu quá dài (tối đa 1024 ký tự).")
    return password


def check_password(password: str) -> None:
    """Refuse a password too short or too long, before anything is written (a user added with
    one is refused whole)."""
    _checked(password)


def has_passwords(office: Office) -> bool:
    """Whether anyone has a password: from then on every action must be proven."""
    office.runner.check_schema()
    return _run(office.runner.store, lambda uow: uow.auth.has_passwords(), read_only=True)


def first_run_open(office: Office) -> bool:
    """Whether the first-run page may still set the first administrator's password."""
    office.runner.check_schema()

    def work(uow: UnitOfWork) -> bool:
        if uow.auth.has_passwords():
            return False
        user = uow.users.with_office(None)
        if user is None:
            return False
        events = uow.events.for_office(user[1].id, documentless=True)
        return not any(e.trigger == FIRST_RUN for e in events)

    return _run(office.runner.store, work, read_only=True)


def set_password(office: Office, login: str, password: str) -> None:
    """Set ``login``'s password, as the office's user: oneself, or a quản trị for anyone.

    While nobody has a password yet, whoever holds the register sets the first one. Every
    session of that user ends.
    """
    password = _checked(password)
    hashed = _hash(password)
    bootstrap = not has_passwords(office)

    def work(uow: UnitOfWork, user: User) -> None:
        target = uow.auth.password(login)
        if target is None:
            raise NotFoundError(
                f"Không có người dùng «{login}».", hint="Xem danh sách bằng vanban user list."
            )
        if not bootstrap and user.login != login and Role.QUAN_TRI not in user.roles:
            raise PermissionDeniedError(
                f"Người dùng «{user.login}» không được đặt mật khẩu cho «{login}».",
                hint="Chỉ người đó hoặc người có vai trò Quản trị mới đặt được.",
            )
        uow.auth.set_password(target[0], hashed, uow.now)
        uow.auth.delete_sessions_of(target[0])
        uow.events.add(EventRecord(user.office_id, user.login, "password_set", data={"login": login}))

    office.runner.write(work)


def first_run(office: Office, login: str, password: str) -> None:
    """Set the first administrator's password from the first-run page; refused for good after."""
    password = _checked(password)
    hashed = _hash(password)

    def work(uow: UnitOfWork, user: User) -> None:
        if uow.auth.has_passwords() or any(
            e.trigger == FIRST_RUN for e in uow.events.for_office(user.office_id, documentless=True)
        ):
            raise RuleError(
                "Mật khẩu quản trị đầu tiên đã được đặt; trang này đã khóa.",
                hint="Đăng nhập, hoặc đặt lại bằng lệnh vanban user passwd trên máy chủ.",
            )
        if Role.QUAN_TRI not in user.roles:
            raise PermissionDeniedError(f"«{login}» không phải người quản trị.")
        target = uow.auth.password(login)
        assert target is not None  # the runner found the user
        uow.auth.set_password(target[0], hashed, uow.now)
        uow.events.add(EventRecord(user.office_id, user.login, FIRST_RUN, data={"login": login}))

    office.runner.as_user(login).write(work)


def verify(office: Office, login: str, password: str, address: str, *, channel: str = "web") -> None:
    """Check ``login``'s password, counting failures per account and per address; a wrong one is
    written to the access log (``sign_in_failed``, never the password)."""
    store = office.runner.store
    office.runner.check_schema()
    login = unicodedata.normalize("NFC", login.strip())

    def look(uow: UnitOfWork) -> tuple[tuple[int, int], tuple[int, str | None] | None]:
        return uow.auth.failures(login, address, uow.now - ATTEMPT_WINDOW), uow.auth.password(login)

    (by_login, by_address), found = _run(store, look, read_only=True)
    if by_login >= MAX_FAILURES_PER_LOGIN or by_address >= MAX_FAILURES_PER_ADDRESS:
        raise TooManyAttemptsError(
            "Đăng nhập sai quá nhiều lần; tạm khóa.",
            hint=f"Thử lại sau {int(ATTEMPT_WINDOW.total_seconds() // 60)} phút.",
        )
    hashed = found[1] if found is not None else None
    try:
        ok = _verify(hashed or _dummy_hash(), unicodedata.normalize("NFC", password)) and hashed is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        user_id = found[0] if found is not None else None

        def fail(uow: UnitOfWork) -> None:
            uow.auth.add_failure(login, address, uow.now)
            uow.auth.log_access("sign_in_failed", login, user_id, address, channel, uow.now)

        _run(store, fail)
        raise AuthenticationError(
            "Tên đăng nhập hoặc mật khẩu không đúng.", hint="Kiểm tra lại chữ hoa, chữ thường và bộ gõ."
        )
    assert found is not None and hashed is not None
    if _hashers[0].check_needs_rehash(hashed):
        user_id, new_hash = found[0], _hash(password)

        def rehash(uow: UnitOfWork) -> None:
            uow.auth.set_password(user_id, new_hash, uow.now)

        _run(store, rehash)


def sign_in(
    office: Office, login: str, password: str, address: str, *, old: str | None = None, channel: str = "web"
) -> Session:
    """A new session for ``login`` after checking its password; ``old`` (a previous session id)
    ends, so that the id always changes at sign-in. The access log keeps the sign-in."""
    login = unicodedata.normalize("NFC", login.strip())
    verify(office, login, password, address, channel=channel)
    session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)

    def work(uow: UnitOfWork) -> None:
        found = uow.auth.password(login)
        assert found is not None
        uow.auth.clear_failures(login)
        uow.auth.delete_expired_sessions(uow.now)
        if old:
            uow.auth.delete_session(digest(old))
        uow.auth.add_session(digest(session_id), found[0], csrf, uow.now, uow.now + SESSION_LIFETIME)
        uow.auth.log_access("sign_in", login, found[0], address, channel, uow.now)

    _run(office.runner.store, work)
    return Session(login, session_id, csrf)


def session(office: Office, session_id: str) -> Session | None:
    """The live session of this id with its user, None when unknown, ended or expired.

    The user is read in the same transaction: every page shows who is signed in and what their
    roles offer, and a second transaction just for that cost each request a round trip or three.
    """
    office.runner.check_schema()

    def work(uow: UnitOfWork) -> Session | None:
        found = uow.auth.session(digest(session_id), uow.now)
        if found is None:
            return None
        user = uow.users.with_office(found[0])
        return Session(found[0], session_id, found[1], user[0] if user is not None else None)

    return _run(office.runner.store, work, read_only=True)


def sign_out(office: Office, session_id: str, address: str = "?", *, channel: str = "web") -> None:
    """End a session on the server: its cookie is worth nothing from now on. The access log
    keeps the sign-out."""

    def work(uow: UnitOfWork) -> None:
        id_hash = digest(session_id)
        found = uow.auth.session_user(id_hash)
        uow.auth.delete_session(id_hash)
        if found is not None:
            uow.auth.log_access("sign_out", found[1], found[0], address, channel, uow.now)

    _run(office.runner.store, work)


def access_log(
    office: Office, login: str | None = None, *, limit: int = 200, offset: int = 0
) -> list[tuple[str, str, str, str, str]]:
    """The newest lines of the access log: (time ISO UTC, what, login, address, channel), the
    ``offset`` newest skipped (a page further back).

    A quản trị reads everyone's (``login`` None) or one login's; anyone else only their own.
    ``what`` is ``sign_in``, ``sign_in_failed`` or ``sign_out`` (office.views.ACCESS_LABELS).
    """
    limit = max(1, min(int(limit), 10_000))
    offset = max(0, min(int(offset), 10_000_000))

    def work(uow: UnitOfWork, user: User) -> list[tuple[str, str, str, str, str]]:
        if Role.QUAN_TRI not in user.roles and login != user.login:
            raise PermissionDeniedError(
                f"Người dùng «{user.login}» chỉ được xem nhật ký đăng nhập của chính mình.",
                hint=f"Xem của mình: vanban user access {user.login}.",
            )
        rows = uow.auth.access_log(login, limit, offset)
        return [(at.isoformat(), what, who, address, channel) for at, what, who, address, channel in rows]

    return office.runner.read(work)


def create_token(office: Office, login: str, name: str = "api") -> tuple[int, str]:
    """A new API token for ``login`` (oneself, or a quản trị for anyone): (id, the token, shown once)."""
    name = unicodedata.normalize("NFC", name.strip())[:80] or "api"
    token = "vb_" + secrets.token_urlsafe(32)

    def work(uow: UnitOfWork, user: User) -> int:
        target = uow.auth.password(login)
        if target is None:
            raise NotFoundError(
                f"Không có người dùng «{login}».", hint="Xem danh sách bằng vanban user list."
            )
        if user.login != login and Role.QUAN_TRI not in user.roles:
            raise PermissionDeniedError(
                f"Người dùng «{user.login}» không được tạo khóa API cho «{login}».",
                hint="Chỉ người đó hoặc người có vai trò Quản trị mới tạo được.",
            )
        token_id = uow.auth.add_token(target[0], name, digest(token), uow.now)
        data = {"login": login, "token_id": token_id, "name": name}
        uow.events.add(EventRecord(user.office_id, user.login, "token_create", data=data))
        return token_id

    return office.runner.write(work), token


def revoke_token(office: Office, login: str, token_id: int) -> None:
    """Revoke one of ``login``'s API tokens (oneself, or a quản trị for anyone)."""

    def work(uow: UnitOfWork, user: User) -> None:
        target = uow.auth.password(login)
        if target is None:
            raise NotFoundError(f"Không có người dùng «{login}».")
        if user.login != login and Role.QUAN_TRI not in user.roles:
            raise PermissionDeniedError(
                f"Người dùng «{user.login}» không được thu hồi khóa API của «{login}»."
            )
        if not uow.auth.revoke_token(token_id, target[0], uow.now):
            raise NotFoundError(
                f"«{login}» không có khóa API số {token_id} còn hiệu lực.",
                hint=f"Xem danh sách bằng vanban token list {login}.",
            )
        data = {"login": login, "token_id": token_id}
        uow.events.add(EventRecord(user.office_id, user.login, "token_revoke", data=data))

    office.runner.write(work)


def tokens(office: Office, login: str) -> list[tuple[int, str, str, bool]]:
    """(id, name, created ISO, revoked?) of ``login``'s tokens."""

    def work(uow: UnitOfWork, user: User) -> list[tuple[int, str, str, bool]]:
        target = uow.auth.password(login)
        if target is None:
            raise NotFoundError(f"Không có người dùng «{login}».")
        if user.login != login and Role.QUAN_TRI not in user.roles:
            raise PermissionDeniedError(f"Người dùng «{user.login}» không được xem khóa API của «{login}».")
        return [(i, n, c.isoformat(), r is not None) for i, n, c, r in uow.auth.tokens(target[0])]

    return office.runner.read(work)


def token_login(office: Office, token: str) -> str | None:
    """The login of a token not revoked; None for any other text."""
    office.runner.check_schema()
    if not token.startswith("vb_") or len(token) > 200:
        return None
    return _run(office.runner.store, lambda uow: uow.auth.token_login(digest(token)), read_only=True)


def prove(
    office: Office, login: str | None, *, token: str | None, password: Callable[[str], str]
) -> str | None:
    """The login the command line may act as, once anyone has a password.

    Without passwords in the register, ``login`` as given (None: the first admin). Otherwise a
    token (``VANBAN_TOKEN``) names its own user, who must be ``login`` when one is given, or
    ``password(login)`` is asked for and checked like a sign-in.
    """
    if not has_passwords(office):
        return login
    if token:
        owner = token_login(office, token)
        if owner is None:
            raise AuthenticationError("Khóa API (VANBAN_TOKEN) không hợp lệ hoặc đã bị thu hồi.")
        if login is not None and not hmac.compare_digest(owner, login):
            raise AuthenticationError(f"Khóa API (VANBAN_TOKEN) không phải của «{login}».")
        return owner
    if login is None:
        raise AuthenticationError(
            "Sổ này đã có mật khẩu: cần cho biết bạn là ai.",
            hint="Thêm --as TÊN_ĐĂNG_NHẬP (sẽ hỏi mật khẩu), hoặc đặt VANBAN_TOKEN.",
        )
    verify(office, login, password(login), "cli", channel="cli")

    def signed_in(uow: UnitOfWork) -> None:
        found = uow.auth.password(login)
        user_id = found[0] if found is not None else None
        uow.auth.log_access("sign_in", login, user_id, "cli", "cli", uow.now)

    _run(office.runner.store, signed_in)
    return login
