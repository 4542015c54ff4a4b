"""sign-in: password hashes, server-side sessions, API tokens, failed attempts

The web desk and the API prove who acts (issue 14). A password is kept only as its Argon2 hash,
a session id and an API token only as their SHA-256, so that reading the database gives nobody
a way in. A register without any password keeps working as before (the command line of a
single clerk).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from vanban.store.migrate import migration_names

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_MYSQL: dict[str, Any] = {
    "mysql_charset": "utf8mb4",
    "mysql_collate": "utf8mb4_bin",
    "mysql_engine": "InnoDB",
}


def upgrade() -> None:
    names = migration_names()
    named, schema = names.table, names.schema
    users = f"{schema}.{named('users')}.id" if schema else f"{named('users')}.id"

    def user_fk(table: str) -> sa.ForeignKeyConstraint:
        return sa.ForeignKeyConstraint(["user_id"], [users], name=op.f(named(f"fk_{table}_user_id_users")))

    op.create_table(
        named("user_passwords"),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=255), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        user_fk("user_passwords"),
        sa.PrimaryKeyConstraint("user_id", name=op.f(named("pk_user_passwords"))),
        schema=schema,
        **_MYSQL,
    )
    op.create_table(
        named("sessions"),
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        user_fk("sessions"),
        sa.PrimaryKeyConstraint("id_hash", name=op.f(named("pk_sessions"))),
        schema=schema,
        **_MYSQL,
    )
    op.create_index(named("ix_sessions_user_id"), named("sessions"), ["user_id"], schema=schema)
    op.create_table(
        named("api_tokens"),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        user_fk("api_tokens"),
        sa.PrimaryKeyConstraint("id", name=op.f(named("pk_api_tokens"))),
        sa.UniqueConstraint("token_hash", name=op.f(named("uq_api_tokens_token_hash"))),
        schema=schema,
        **_MYSQL,
    )
    op.create_table(
        named("login_attempts"),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(named("pk_login_attempts"))),
        schema=schema,
        **_MYSQL,
    )
    op.create_index(named("ix_login_attempts_login"), named("login_attempts"), ["login", "at"], schema=schema)
    op.create_index(
        named("ix_login_attempts_address"), named("login_attempts"), ["address", "at"], schema=schema
    )


def downgrade() -> None:
    names = migration_names()
    for table in ("login_attempts", "api_tokens", "sessions", "user_passwords"):
        op.drop_table(names.table(table), schema=names.schema)
