"""Sign-in records: password hashes, sessions, API tokens and failed attempts (Core, no ORM).

Only hashes are written here; the secrets themselves never reach the database.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from vanban.store.prepared import Read
from vanban.store.tables import access_log, api_tokens, login_attempts, sessions, user_passwords, users

if TYPE_CHECKING:
    from vanban.store.uow import UnitOfWork


# Asked on every request of the web desk and the API: compiled once, run on the driver's cursor
# (store.prepared), where building and compiling the statement each time cost ~0.4 ms.
_SESSION = Read(
    select(users.c.login, sessions.c.csrf)
    .select_from(sessions.join(users, users.c.id == sessions.c.user_id))
    .where(sessions.c.id_hash == bindparam("h"), sessions.c.expires_at > bindparam("now"))
)
_TOKEN_LOGIN = Read(
    select(users.c.login)
    .select_from(api_tokens.join(users, users.c.id == api_tokens.c.user_id))
    .where(api_tokens.c.token_hash == bindparam("h"), api_tokens.c.revoked_at.is_(None))
)


class AuthRepository:
    """The sign-in tables, inside the unit of work's transaction."""

    __slots__ = ("_uow",)

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    @property
    def conn(self) -> Connection:
        return self._uow.conn

    def has_passwords(self) -> bool:
        return self.conn.execute(select(func.count()).select_from(user_passwords)).scalar_one() > 0

    def password(self, login: str) -> tuple[int, str | None] | None:
        """(user id, password hash or None) of a login; None when there is no such user."""
        row = self.conn.execute(
            select(users.c.id, user_passwords.c.hash)
            .select_from(users.outerjoin(user_passwords, user_passwords.c.user_id == users.c.id))
            .where(users.c.login == login)
        ).first()
        return (int(row[0]), row[1]) if row else None

    def set_password(self, user_id: int, hashed: str, now: datetime) -> None:
        done = self.conn.execute(
            update(user_passwords).where(user_passwords.c.user_id == user_id).values(hash=hashed, set_at=now)
        )
        if done.rowcount == 0:
            self.conn.execute(insert(user_passwords).values(user_id=user_id, hash=hashed, set_at=now))

    def add_session(self, id_hash: str, user_id: int, csrf: str, now: datetime, expires: datetime) -> None:
        self.conn.execute(
            insert(sessions).values(
                id_hash=id_hash, user_id=user_id, csrf=csrf, created_at=now, expires_at=expires
            )
        )

    def session(self, id_hash: str, now: datetime) -> tuple[str, str] | None:
        """(login, CSRF token) of a live session."""
        rows = _SESSION.rows(self._uow.driver, {"h": id_hash, "now": now})
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    def delete_session(self, id_hash: str) -> None:
        self.conn.execute(delete(sessions).where(sessions.c.id_hash == id_hash))

    def delete_sessions_of(self, user_id: int, *, keep: str | None = None) -> None:
        query = delete(sessions).where(sessions.c.user_id == user_id)
        if keep is not None:
            query = query.where(sessions.c.id_hash != keep)
        self.conn.execute(query)

    def delete_expired_sessions(self, now: datetime) -> None:
        self.conn.execute(delete(sessions).where(sessions.c.expires_at <= now))

    def add_token(self, user_id: int, name: str, token_hash: str, now: datetime) -> int:
        result = self.conn.execute(
            insert(api_tokens).values(user_id=user_id, name=name, token_hash=token_hash, created_at=now)
        )
        (new_id,) = result.inserted_primary_key or (0,)
        return int(new_id)

    def token_login(self, token_hash: str) -> str | None:
        """The login of a token not revoked."""
        rows = _TOKEN_LOGIN.rows(self._uow.driver, {"h": token_hash})
        return str(rows[0][0]) if rows else None

    def revoke_token(self, token_id: int, user_id: int, now: datetime) -> bool:
        done = self.conn.execute(
            update(api_tokens)
            .where(
                api_tokens.c.id == token_id,
                api_tokens.c.user_id == user_id,
                api_tokens.c.revoked_at.is_(None),
            )
            .values(revoked_at=now)
        )
        return done.rowcount > 0

    def tokens(self, user_id: int) -> list[tuple[int, str, datetime, datetime | None]]:
        """(id, name, created, revoked) of a user's tokens."""
        rows = self.conn.execute(
            select(api_tokens.c.id, api_tokens.c.name, api_tokens.c.created_at, api_tokens.c.revoked_at)
            .where(api_tokens.c.user_id == user_id)
            .order_by(api_tokens.c.id)
        )
        return [(int(r[0]), r[1], r[2], r[3]) for r in rows]

    def add_failure(self, login: str, address: str, now: datetime) -> None:
        self.conn.execute(insert(login_attempts).values(login=login[:64], address=address[:64], at=now))

    def failures(self, login: str, address: str, since: datetime) -> tuple[int, int]:
        """Failed sign-ins since ``since``: (for this login, from this address)."""
        by_login = self.conn.execute(
            select(func.count())
            .select_from(login_attempts)
            .where(login_attempts.c.login == login[:64], login_attempts.c.at > since)
        ).scalar_one()
        by_address = self.conn.execute(
            select(func.count())
            .select_from(login_attempts)
            .where(login_attempts.c.address == address[:64], login_attempts.c.at > since)
        ).scalar_one()
        return int(by_login), int(by_address)

    def log_access(
        self, what: str, login: str, user_id: int | None, address: str, channel: str, now: datetime
    ) -> None:
        """Append one line to the access log (sign-in, refused sign-in, sign-out)."""
        self.conn.execute(
            insert(access_log).values(
                at=now, what=what, login=login[:64], user_id=user_id, address=address[:64], channel=channel
            )
        )

    def access_log(
        self, login: str | None, limit: int, offset: int = 0
    ) -> list[tuple[datetime, str, str, str, str]]:
        """(time, what, login, address, channel) of the newest lines, of one login or all, the
        ``offset`` newest skipped (a page further back)."""
        log = access_log.c
        query = select(log.at, log.what, log.login, log.address, log.channel)
        if login is not None:
            query = query.where(log.login == login[:64])
        rows = self.conn.execute(query.order_by(log.id.desc()).limit(limit).offset(offset))
        return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def session_user(self, id_hash: str) -> tuple[int, str] | None:
        """(user id, login) of a session, live or not."""
        row = self.conn.execute(
            select(users.c.id, users.c.login)
            .select_from(sessions.join(users, users.c.id == sessions.c.user_id))
            .where(sessions.c.id_hash == id_hash)
        ).first()
        return (int(row[0]), str(row[1])) if row else None

    def clear_failures(self, login: str) -> None:
        self.conn.execute(delete(login_attempts).where(login_attempts.c.login == login[:64]))
