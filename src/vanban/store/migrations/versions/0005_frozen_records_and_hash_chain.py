"""recorded documents frozen; events hash-chained per office

A document issued with its number (outgoing) or registered with its số đến (incoming) is the
office's legal record (Nghị định 30, Điều 16, 22): triggers now refuse an UPDATE of its record
fields, or a DELETE of it, on every engine; its status, deadline and lifecycle stay free. Every
event gets its place in its office's chain (seq) and a hash chaining it to the one before
(domain.integrity); chain_heads keeps each office's last seq and hash (moved on by a trigger as
each event is inserted), and is the row a writing transaction locks so that two clerks never
fork the chain. Existing events are chained in the
order they were written, and each document already recorded gets a "seal" event carrying its
record fields, so that verify covers the register as it stands.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

from vanban.store.migrate import drop_column, migration_names
from vanban.store.tables import Names

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The record fields as of this migration (domain.integrity.FROZEN_FIELDS; a test keeps them equal).
FROZEN = (
    "office_id",
    "direction",
    "type_key",
    "issuer_id",
    "unit_code",
    "number",
    "number_text",
    "year",
    "notation",
    "code",
    "series_key",
    "date",
    "place",
    "subject",
    "body",
    "signer_name",
    "signer_title",
    "signer_authority",
    "recipients",
    "urgency",
    "secrecy",
    "arrival_number",
    "arrival_year",
    "arrival_date",
    "reference_only",
)
# What the database reports when it refuses: store.engine.translate turns it into Vietnamese.
FROZEN_MESSAGE = "vanban_frozen_record"
APPEND_ONLY_MESSAGE = "events are append-only"

_TYPES: dict[str, Any] = {
    "office_id": sa.Integer,
    "issuer_id": sa.Integer,
    "number": sa.Integer,
    "year": sa.Integer,
    "date": sa.Date,
    "recipients": sa.JSON,
    "arrival_number": sa.Integer,
    "arrival_year": sa.Integer,
    "arrival_date": sa.Date,
    "reference_only": sa.Boolean,
}


def _recorded(old: str, dialect: str) -> str:
    """The condition of domain.integrity.is_recorded, on the row before the change."""
    plain = f"NOT {old}.reference_only" if dialect == "postgresql" else f"{old}.reference_only = 0"
    return (
        f"{plain} AND (({old}.direction = 'out' AND {old}.number IS NOT NULL) "
        f"OR ({old}.direction = 'in' AND {old}.arrival_number IS NOT NULL))"
    )


def _changed(dialect: str) -> str:
    if dialect == "sqlite":
        parts = [f"OLD.{c} IS NOT NEW.{c}" for c in FROZEN]
    elif dialect == "postgresql":
        # json has no equality: its text is compared (vanban writes it the same way every time).
        parts = [
            f"OLD.{c}::text IS DISTINCT FROM NEW.{c}::text"
            if c == "recipients"
            else f"OLD.{c} IS DISTINCT FROM NEW.{c}"
            for c in FROZEN
        ]
    else:
        parts = [f"NOT (OLD.{c} <=> NEW.{c})" for c in FROZEN]
    return "(" + " OR ".join(parts) + ")"


def _named() -> tuple[Names, Any, Callable[[str], str]]:
    """The configured names (store.tables.Names), the dialect, and a table's name quoted for SQL."""
    names = migration_names()
    dialect = op.get_bind().dialect

    def quoted(table: str) -> str:
        return names.qualified(dialect, names.table(table))

    return names, dialect, quoted


def create_frozen_triggers(dialect: str) -> None:
    """The database refuses to change a recorded document's record, or to delete it."""
    names, bound, quoted = _named()
    documents = quoted("documents")
    update, delete = names.table("documents_frozen_update"), names.table("documents_frozen_delete")
    if dialect == "sqlite":
        op.execute(
            f"CREATE TRIGGER {update} BEFORE UPDATE ON {documents} "
            f"WHEN {_recorded('OLD', dialect)} AND {_changed(dialect)} "
            f"BEGIN SELECT RAISE(ABORT, '{FROZEN_MESSAGE}'); END"
        )
        op.execute(
            f"CREATE TRIGGER {delete} BEFORE DELETE ON {documents} "
            f"WHEN {_recorded('OLD', dialect)} "
            f"BEGIN SELECT RAISE(ABORT, '{FROZEN_MESSAGE}'); END"
        )
    elif dialect == "postgresql":
        function = names.qualified(bound, names.table("vanban_documents_frozen"))
        op.execute(
            f"CREATE FUNCTION {function}() RETURNS trigger AS $$ BEGIN "
            f"IF {_recorded('OLD', dialect)} AND (TG_OP = 'DELETE' OR {_changed(dialect)}) THEN "
            f"RAISE EXCEPTION '{FROZEN_MESSAGE}'; END IF; "
            "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            f"CREATE TRIGGER {names.table('documents_frozen')} BEFORE UPDATE OR DELETE ON {documents} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    else:
        op.execute(
            f"CREATE TRIGGER {update} BEFORE UPDATE ON {documents} FOR EACH ROW "
            f"IF {_recorded('OLD', dialect)} AND {_changed(dialect)} THEN "
            f"SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{FROZEN_MESSAGE}'; END IF"
        )
        op.execute(
            f"CREATE TRIGGER {delete} BEFORE DELETE ON {documents} FOR EACH ROW "
            f"IF {_recorded('OLD', dialect)} THEN "
            f"SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{FROZEN_MESSAGE}'; END IF"
        )


def create_head_trigger(dialect: str) -> None:
    """Each event written moves its office's chain head on, inside the database (no round trip)."""
    names, bound, quoted = _named()
    events, name = quoted("events"), names.table("events_chain_head")
    # An event written without a place in the chain (by hand) leaves the head where it was:
    # verify then reports it.
    move = (
        f"UPDATE {quoted('chain_heads')} SET seq = NEW.seq, hash = NEW.hash WHERE office_id = NEW.office_id"
    )
    if dialect == "sqlite":
        op.execute(
            f"CREATE TRIGGER {name} AFTER INSERT ON {events} WHEN NEW.seq IS NOT NULL BEGIN {move}; END"
        )
    elif dialect == "postgresql":
        function = names.qualified(bound, names.table("vanban_events_chain_head"))
        op.execute(
            f"CREATE FUNCTION {function}() RETURNS trigger AS $$ BEGIN "
            f"IF NEW.seq IS NOT NULL THEN {move}; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            f"CREATE TRIGGER {name} AFTER INSERT ON {events} FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    else:
        op.execute(
            f"CREATE TRIGGER {name} AFTER INSERT ON {events} FOR EACH ROW "
            f"IF NEW.seq IS NOT NULL THEN {move}; END IF"
        )


def drop_head_trigger(dialect: str) -> None:
    names, bound, quoted = _named()
    if dialect == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {names.table('events_chain_head')} ON {quoted('events')}")
        op.execute(
            f"DROP FUNCTION IF EXISTS {names.qualified(bound, names.table('vanban_events_chain_head'))}()"
        )
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {names.table('events_chain_head')}")


def drop_frozen_triggers(dialect: str) -> None:
    names, bound, quoted = _named()
    if dialect == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {names.table('documents_frozen')} ON {quoted('documents')}")
        op.execute(
            f"DROP FUNCTION IF EXISTS {names.qualified(bound, names.table('vanban_documents_frozen'))}()"
        )
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {names.table('documents_frozen_update')}")
        op.execute(f"DROP TRIGGER IF EXISTS {names.table('documents_frozen_delete')}")


def append_only_triggers(dialect: str, *, on: bool) -> None:
    """The append-only triggers of 0001, lifted while existing events get their seq and hash."""
    names, _, quoted = _named()
    events = quoted("events")
    if dialect == "postgresql":
        switch = "ENABLE" if on else "DISABLE"
        op.execute(f"ALTER TABLE {events} {switch} TRIGGER {names.table('events_append_only')}")
        return
    for action in ("UPDATE", "DELETE"):
        name = names.table(f"events_no_{action.lower()}")
        if not on:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        elif dialect == "sqlite":
            op.execute(
                f"CREATE TRIGGER {name} BEFORE {action} ON {events} "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
            )
        else:
            op.execute(
                f"CREATE TRIGGER {name} BEFORE {action} ON {events} FOR EACH ROW "
                f"SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{APPEND_ONLY_MESSAGE}'"
            )


def upgrade() -> None:
    from vanban.domain.integrity import GENESIS, is_recorded, record_of, seal
    from vanban.domain.model import utc_now
    from vanban.store.engine import json_text

    names = migration_names()
    named, schema = names.table, names.schema
    organizations_id = f"{schema}.{named('organizations')}.id" if schema else f"{named('organizations')}.id"
    op.add_column(named("events"), sa.Column("seq", sa.Integer(), nullable=True), schema=schema)
    op.add_column(named("events"), sa.Column("hash", sa.String(length=64), nullable=True), schema=schema)
    op.create_table(
        named("chain_heads"),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"], [organizations_id], name=named("fk_chain_heads_office_id_organizations")
        ),
        sa.PrimaryKeyConstraint("office_id", name=named("pk_chain_heads")),
        schema=schema,
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    bind = op.get_bind()
    dialect = bind.dialect.name
    columns = ("id", "office_id", "document_id", "actor", "trigger", "from_state", "to_state", "note")
    events = sa.table(
        named("events"),
        *(sa.column(c) for c in columns),
        sa.column("at", sa.DateTime),
        # The data's text as stored, sent as it is: the hash covers it (domain.integrity).
        sa.column("data"),
        sa.column("seq", sa.Integer),
        sa.column("hash", sa.String),
        schema=schema,
    )
    documents = sa.table(
        named("documents"),
        sa.column("id", sa.Integer),
        *(sa.column(c, _TYPES.get(c, sa.String)) for c in FROZEN),
        schema=schema,
    )
    heads = sa.table(
        named("chain_heads"), sa.column("office_id"), sa.column("seq"), sa.column("hash"), schema=schema
    )
    organizations = sa.table(
        named("organizations"), sa.column("id"), sa.column("own", sa.Boolean), schema=schema
    )

    append_only_triggers(dialect, on=False)
    offices = set(bind.execute(sa.select(organizations.c.id).where(organizations.c.own.is_(True))).scalars())
    offices |= set(bind.execute(sa.select(events.c.office_id).distinct()).scalars())
    offices |= set(bind.execute(sa.select(documents.c.office_id).distinct()).scalars())
    now = utc_now()
    fields: list[Any] = [events.c[c] for c in ("id", "office_id", "document_id", "actor", "at")]
    fields += [events.c[c] for c in ("trigger", "from_state", "to_state", "note")]
    fields.append(sa.cast(events.c.data, sa.Text).label("data"))
    set_chain = (
        sa.update(events)
        .where(events.c.id == sa.bindparam("_id"))
        .values(seq=sa.bindparam("_seq"), hash=sa.bindparam("_hash"))
    )
    for office_id in sorted(offices):
        rows = [
            dict(r._mapping)
            for r in bind.execute(
                sa.select(*fields).where(events.c.office_id == office_id).order_by(events.c.id)
            )
        ]
        seq, last = seal(GENESIS, 0, rows)
        if rows:
            bind.execute(set_chain, [{"_id": r["id"], "_seq": r["seq"], "_hash": r["hash"]} for r in rows])
        # The documents already recorded: their record, as it stands, sealed into the chain.
        recorded = [
            dict(r._mapping)
            for r in bind.execute(
                sa.select(documents).where(documents.c.office_id == office_id).order_by(documents.c.id)
            )
        ]
        seals = [
            {
                "office_id": office_id,
                "document_id": doc["id"],
                "actor": "vanban",
                "at": now,
                "trigger": "seal",
                "from_state": None,
                "to_state": None,
                "note": "Niêm phong bản ghi đã có khi nâng cấp (0005)",
                "data": json_text({"record": record_of(doc)}),
            }
            for doc in recorded
            if is_recorded(
                doc["direction"], doc["number"], doc["arrival_number"], bool(doc["reference_only"])
            )
        ]
        seq, last = seal(last, seq, seals)
        if seals:
            bind.execute(sa.insert(events), seals)
        bind.execute(sa.insert(heads).values(office_id=office_id, seq=seq, hash=last))
    append_only_triggers(dialect, on=True)
    create_head_trigger(dialect)
    create_frozen_triggers(dialect)


def downgrade() -> None:
    names, bound, _ = _named()
    named, schema = names.table, names.schema
    dialect = bound.name
    drop_frozen_triggers(dialect)
    drop_head_trigger(dialect)
    op.drop_table(named("chain_heads"), schema=schema)
    drop_column("events", "hash")
    drop_column("events", "seq")
