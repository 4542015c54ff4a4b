"""The events' repository: the append-only history of the register, written in one statement per
unit of work and chained (each office's hash chain and its head)."""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Sequence
from dataclasses import fields as dataclass_fields
from typing import Any

from sqlalchemy import Row, Text, bindparam, insert, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.engine import Dialect
from sqlalchemy.types import JSON, TypeDecorator

from vanban.domain.integrity import GENESIS, ChainedEvent, seal
from vanban.domain.model import Event
from vanban.domain.records import EventRecord
from vanban.store.engine import json_utf8
from vanban.store.prepared import Prepared
from vanban.store.repository import Repository, Session
from vanban.store.tables import chain_heads, events


class EventRepository(Repository):
    """Append-only: there is no update or delete here, and the database refuses both."""

    __slots__ = ("_pending",)

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._pending: builtins.list[EventRecord] = []

    def add(self, event: EventRecord) -> None:
        """Queue an event; the unit of work writes the queue in one statement before it commits."""
        self._pending.append(event)

    def flush(self) -> None:
        """Write the queued events in one statement, each at the unit of work's time, chained.

        Each office's chain head is locked first (FOR UPDATE; on SQLite the transaction already
        holds the write lock), so that the events of two clerks follow one another in the chain.
        """
        if self._pending:
            pending, self._pending = self._pending, []
            at = self.session.now
            # An EventRecord's fields are the events table's columns; its time comes now.
            channel = self.session.channel
            rows: builtins.list[dict[str, Any]] = []
            for event in pending:
                row: dict[str, Any] = dict(zip(_RECORD_FIELDS, event, strict=True))
                row["at"] = at
                row["channel"] = channel
                # Stored as this very text, which the hash covers (domain.integrity): its UTF-8
                # bytes are hashed as they come, then decoded to be stored.
                row["data"] = json_utf8(event.data) if event.data else b"{}"
                rows.append(row)
            offices = {row["office_id"] for row in rows}
            for office_id in sorted(offices):
                mine = rows if len(offices) == 1 else [r for r in rows if r["office_id"] == office_id]
                self._chain(office_id, mine)
            for row in rows:
                row["data"] = row["data"].decode()
            if len(rows) == 1 or self.driver.dialect.name == "sqlite":
                _INSERT_EVENT.execute_each(self.driver, rows)  # sqlite3 loops in C
            else:
                # One multi-row INSERT: one round trip, where executemany takes a pipeline sync.
                flat = {f"{key}_{i}": value for i, row in enumerate(rows) for key, value in row.items()}
                _insert_events(len(rows)).execute(self.driver, flat)

    def _chain(self, office_id: int, rows: builtins.list[dict[str, Any]]) -> None:
        """Give ``rows`` their places after the office's chain head, locked; inserting them moves
        the head on (a trigger, migration 0005)."""
        kept = self.session.chain_head
        if kept is not None and kept[0] == office_id:
            head: tuple[Any, ...] = kept[1:]
        else:
            found = _LOCK_HEAD.first(self.driver, {"o": office_id})
            if found is None:
                found = (0, GENESIS)
                _INSERT_HEAD.execute(self.driver, {"o": office_id, "s": 0, "h": GENESIS})
            head = found
        seq, last = seal(head[1], head[0], rows)
        if kept is not None:
            self.session.chain_head = (office_id, seq, last)

    def chain(self, office_id: int) -> Iterator[ChainedEvent]:
        """The office's events in chain order, as the chain check reads them."""
        self.flush()
        # The data's text as stored (json keeps it so on PostgreSQL; MariaDB and SQLite keep text).
        columns = [sql_cast(events.c.data, Text) if c == "data" else events.c[c] for c in _CHAINED]
        query = select(*columns).where(events.c.office_id == office_id).order_by(events.c.seq, events.c.id)
        for row in self.conn.execute(query):
            yield ChainedEvent(*row)

    def head(self, office_id: int) -> tuple[int, str] | None:
        """The office's chain head as stored: (last seq, last hash), None when it has none."""
        found = self.conn.execute(
            select(chain_heads.c.seq, chain_heads.c.hash).where(chain_heads.c.office_id == office_id)
        ).first()
        return (int(found[0]), str(found[1])) if found is not None else None

    def chained_offices(self) -> builtins.list[int]:
        """The offices that have a chain head or events."""
        heads = set(self.conn.execute(select(chain_heads.c.office_id)).scalars())
        return sorted(heads | set(self.conn.execute(select(events.c.office_id).distinct()).scalars()))

    def for_document(self, document_id: int) -> builtins.list[Event]:
        self.flush()
        rows = self.conn.execute(
            select(events).where(events.c.document_id == document_id).order_by(events.c.id)
        )
        return [_event(r) for r in rows]

    def with_triggers(self, office_id: int, triggers: Sequence[str]) -> builtins.list[Event]:
        """The office's events fired by these triggers, in order."""
        self.flush()
        query = select(events).where(events.c.office_id == office_id, events.c.trigger.in_(list(triggers)))
        return [_event(r) for r in self.conn.execute(query.order_by(events.c.id))]

    def for_office(self, office_id: int, *, documentless: bool = False) -> builtins.list[Event]:
        self.flush()
        query = select(events).where(events.c.office_id == office_id)
        if documentless:
            query = query.where(events.c.document_id.is_(None))
        return [_event(r) for r in self.conn.execute(query.order_by(events.c.id))]


_RECORD_FIELDS = EventRecord._fields
# The columns an event is written with: its record's, then what the store adds (flush).
_EVENT_COLUMNS = (*_RECORD_FIELDS, "at", "channel", "seq", "hash")
# The columns the chain check reads, in the order of ChainedEvent's fields (built by position).
_CHAINED = tuple(f.name for f in dataclass_fields(ChainedEvent))
_HEAD_OF = chain_heads.c.office_id == bindparam("o")
_LOCK_HEAD = Prepared(select(chain_heads.c.seq, chain_heads.c.hash).where(_HEAD_OF).with_for_update())
_INSERT_HEAD = Prepared(
    insert(chain_heads).values(office_id=bindparam("o"), seq=bindparam("s"), hash=bindparam("h"))
)


class _JsonText(TypeDecorator[str]):
    """A JSON column's value sent as the JSON text already made, unchanged (the hash covers it)."""

    impl = JSON
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> None:
        return None


def _event_type(column: str) -> Any:
    """How an event's value is sent: data as the JSON text already made."""
    return _JsonText() if column == "data" else events.c[column].type


_INSERT_EVENT = Prepared(
    insert(events).values({c: bindparam(c, type_=_event_type(c)) for c in _EVENT_COLUMNS})
)
_INSERT_EVENTS: dict[int, Prepared] = {}


def _insert_events(count: int) -> Prepared:
    """INSERT INTO events … VALUES (…), (…): ``count`` rows in one statement, built once per count."""
    found = _INSERT_EVENTS.get(count)
    if found is None:
        rows = [
            {c: bindparam(f"{c}_{i}", type_=_event_type(c)) for c in _EVENT_COLUMNS} for i in range(count)
        ]
        found = _INSERT_EVENTS[count] = Prepared(insert(events).values(rows))
    return found


def _event(row: Row[Any]) -> Event:
    return Event(
        id=row.id,
        document_id=row.document_id,
        office_id=row.office_id,
        actor=row.actor,
        at=row.at,
        trigger=row.trigger,
        from_state=row.from_state,
        to_state=row.to_state,
        note=row.note,
        data=dict(row.data or {}),
        seq=row.seq,
        hash=row.hash,
        channel=row.channel,
    )
