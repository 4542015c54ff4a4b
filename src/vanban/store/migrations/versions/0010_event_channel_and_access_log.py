"""events say where the actor acted (web, api, cli); sign-ins, failed sign-ins and sign-outs logged

Every event now records the channel its actor came through beside the actor's login; the hash
chain covers it (domain.integrity.canonical_event: a channel ends the hashed fields, so the
events sealed before, which have none, keep their hashes).

Signing in, a refused sign-in and signing out go to a table of their own, ``access_log``,
append-only like the events (the database refuses UPDATE and DELETE) but not in an office's
hash chain: a failed sign-in of a login nobody has belongs to no office, and whoever can reach
the sign-in page must not be able to write into the register's evidence or wait on its lock.
No password is ever written there.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from vanban.store.migrate import drop_column, migration_names

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# The message the events' triggers give, which store.engine.translate says in Vietnamese.
APPEND_ONLY_MESSAGE = "events are append-only"


def upgrade() -> None:
    names = migration_names()
    named, schema = names.table, names.schema
    users_id = f"{schema}.{named('users')}.id" if schema else f"{named('users')}.id"
    op.add_column(named("events"), sa.Column("channel", sa.String(length=8), nullable=True), schema=schema)
    op.create_table(
        named("access_log"),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("what", sa.String(length=20), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], [users_id], name=op.f(named("fk_access_log_user_id_users"))),
        sa.PrimaryKeyConstraint("id", name=op.f(named("pk_access_log"))),
        schema=schema,
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(named("ix_access_log_login"), named("access_log"), ["login", "at"], schema=schema)
    _create_append_only_triggers()


def _create_append_only_triggers() -> None:
    names = migration_names()
    bind = op.get_bind()
    dialect = bind.dialect.name
    table = names.qualified(bind.dialect, names.table("access_log"))
    if dialect == "postgresql":
        function = names.qualified(bind.dialect, names.table("vanban_access_log_append_only"))
        op.execute(
            f"CREATE FUNCTION {function}() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            f"CREATE TRIGGER {names.table('access_log_append_only')} BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
        return
    for action in ("UPDATE", "DELETE"):
        name = names.table(f"access_log_no_{action.lower()}")
        if dialect == "sqlite":
            body = f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
        else:
            body = f"FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{APPEND_ONLY_MESSAGE}'"
        op.execute(f"CREATE TRIGGER {name} BEFORE {action} ON {table} {body}")


def downgrade() -> None:
    names = migration_names()
    named, schema = names.table, names.schema
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        table = names.qualified(bind.dialect, named("access_log"))
        function = names.qualified(bind.dialect, named("vanban_access_log_append_only"))
        op.execute(f"DROP TRIGGER IF EXISTS {named('access_log_append_only')} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    op.drop_table(named("access_log"), schema=schema)
    drop_column("events", "channel")
