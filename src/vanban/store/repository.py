"""Repositories: load and save the register's records over one connection (Core, no ORM).

Each repository works inside the transaction of the unit of work that owns the connection. This
module holds what they all share: the Session they work through and their base, Repository. The
repositories live beside their records: ``orgs`` (organizations, units, users), ``documents``,
``series`` (the number counters), ``events`` (and the hash chain), ``links`` (links between
documents, assignments, outcomes).
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy import Connection

from vanban.store.prepared import Driver


class Session(Protocol):
    """What repositories work through: a unit of work's transaction."""

    driver: Driver  # the driver connection, for the statements of the hot path
    read_only: bool
    # (office id, seq, hash) of the chain head this transaction holds, once read under its lock.
    chain_head: tuple[int, int, str] | None
    channel: str | None  # where the acting user acts from: the events it writes say so

    @property
    def now(self) -> datetime:
        """The time of the transaction: the events and rows it writes carry it."""
        ...

    @property
    def conn(self) -> Connection:
        """A SQLAlchemy Connection in the same transaction (made when first asked for)."""
        ...


class Repository:
    """The base of every repository: the session it works in and its driver connection."""

    __slots__ = ("driver", "session")

    def __init__(self, session: Session) -> None:
        self.session = session
        self.driver = session.driver

    @property
    def conn(self) -> Connection:
        return self.session.conn
