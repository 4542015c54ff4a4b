"""The transaction runner: each use case's work runs in one unit of work, as the acting user.

    runner.write(work)   # work(uow, user) in a transaction, committed; again on a deadlock
    runner.read(work)    # the same, read-only

The runner checks the schema version once, looks the acting user (and its office) up in the
same transaction, creates a series counter the work found missing and runs the work again,
and turns storage errors into vanban's own (``Store.translate``).
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from vanban.domain.model import User
from vanban.domain.workflow_files import default_workflows
from vanban.domain.workflows import Workflows
from vanban.errors import NotFoundError, SchemaError
from vanban.office.ports import Sender, Store, UnitOfWork

T = TypeVar("T")
Work = Callable[[UnitOfWork, User], T]

RETRIES = 12
# Where a user acts from, as the events say it (None: a program calling vanban's library).
CHANNELS = ("web", "api", "cli")


def configured_workflows() -> Workflows:
    """The office's own workflow folder ($VANBAN_WORKFLOWS) or the lifecycles vanban ships."""
    folder = os.environ.get("VANBAN_WORKFLOWS")
    if folder:
        from vanban.domain.workflow_files import load_workflows

        return load_workflows(Path(folder))
    return default_workflows()


def translated(store: Store, work: Callable[..., T], *args: Any) -> T:
    """``work(*args)`` with a database that cannot be reached (or refuses) said in Vietnamese."""
    try:
        return work(*args)
    except Exception as exc:
        found = store.translate(exc)
        if found is not None:
            raise found from exc
        raise


class SeriesMissing(Exception):
    """Raised by work that needs a series counter row not made yet: the runner creates it in a
    transaction of its own, then runs the work again."""

    def __init__(self, office_id: int, year: int, key: str) -> None:
        super().__init__(key)
        self.office_id, self.year, self.key = office_id, year, key


class Runner:
    """Runs use cases on one register (``store``) as one user (``login``; None: the first admin)."""

    def __init__(
        self, store: Store, login: str | None, workflows: Workflows, *, channel: str | None = None
    ) -> None:
        if channel is not None and channel not in CHANNELS:
            raise ValueError(f"channel must be one of {CHANNELS} or None, not {channel!r}")
        self.store = store
        self.login = login
        self.workflows = workflows
        self.channel = channel  # written into every event (domain.integrity covers it)
        self.checked = False  # the schema version was found right

    def as_user(self, login: str) -> Runner:
        """The same register, acting as another user (through the same channel)."""
        other = Runner(self.store, login, self.workflows, channel=self.channel)
        other.checked = self.checked
        return other

    def check_schema(self) -> None:
        """Refuse a database without vanban's schema, or at another version than this vanban's."""
        if self.checked:
            return
        revision = translated(self.store, self.store.revision)
        if revision is None:
            raise SchemaError(
                "Cơ sở dữ liệu chưa được khởi tạo.",
                hint='Chạy: vanban init --org UBND --name "Ủy ban nhân dân xã …" --place "…".',
            )
        if revision != self.store.head:
            raise SchemaError(
                f"Cơ sở dữ liệu ở phiên bản {revision}, vanban cần {self.store.head}.",
                hint="Chạy: vanban upgrade (sao lưu tệp trước khi nâng cấp).",
            )
        self.checked = True

    def write(self, work: Work[T], *, sender: Sender | None = None) -> T:
        """Run ``work`` in one transaction as the current user, again on a deadlock or busy database.

        With ``sender`` the organizations it names are looked up with the user (uow.senders).
        """
        self.check_schema()
        store = self.store
        for attempt in range(RETRIES):
            try:
                with store.unit_of_work() as uow:
                    uow.channel = self.channel
                    user = self._user(uow, sender)
                    result = work(uow, user)
                    uow.commit()
                    return result
            except SeriesMissing as missing:
                self._create_series(missing)
            except Exception as exc:
                # Inside a host's transaction a deadlock or busy database is the host's to retry.
                if not store.is_transient(exc) or attempt == RETRIES - 1 or store.in_host_transaction():
                    translated = store.translate(exc)
                    if translated is not None:
                        raise translated from exc
                    raise
                time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
        raise RuntimeError("unreachable")  # pragma: no cover

    def read(self, work: Work[T]) -> T:
        """Run ``work`` in one read-only transaction as the current user."""
        self.check_schema()
        try:
            with self.store.unit_of_work(read_only=True) as uow:
                return work(uow, self._user(uow))
        except Exception as exc:
            translated = self.store.translate(exc)
            if translated is not None:
                raise translated from exc
            raise

    def _create_series(self, missing: SeriesMissing) -> None:
        store = self.store
        try:
            with store.unit_of_work() as uow:
                if uow.series.lock(missing.office_id, missing.year, missing.key) is None:
                    uow.series.create(missing.office_id, missing.year, missing.key)
                uow.commit()
        except Exception as exc:
            # Another clerk created it first (or holds the lock): just what we wanted, retry; but
            # inside a host's transaction a lock is the host's to wait for (as in write).
            if not (store.is_conflict(exc) or (store.is_transient(exc) and not store.in_host_transaction())):
                raise

    def _user(self, uow: UnitOfWork, sender: Sender | None = None) -> User:
        if sender is not None and self.login is not None:
            both = uow.users.with_office_and_senders(self.login, *sender)
            found = both[:2] if both is not None else None
            uow.senders = both[2] if both is not None else None
        else:
            found = uow.users.with_office(self.login)
        if found is None:
            if self.login is None:
                raise SchemaError("Chưa có người dùng nào.", hint="Chạy vanban init trước.")
            raise NotFoundError(
                f"Không có người dùng «{self.login}».",
                hint="Xem danh sách bằng vanban user list, hoặc thêm bằng vanban user add.",
            )
        user, office = found
        uow.office = office
        return user
