"""attachment content: the files kept in the register, content-addressed, append-only

``vanban attach`` keeps the scanned signed copy and the đính kèm files of a document in the
database itself (why: domain.attachments): ``attachments`` gains the file's size, who added it
and when; ``attachment_chunks`` holds the content by SHA-256 in pieces of 1 MB. Rows of both are
only ever added: triggers refuse an UPDATE or DELETE on every engine, as for events, and the
attach event carries the SHA-256 so that ``verify`` finds a file changed or swapped behind
vanban's back. Attachments recorded before (the Word file a document was imported from, by name
and hash only) keep no size: their content was never kept.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

from vanban.store.migrate import drop_column, migration_names

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# What the database reports when it refuses: store.engine.translate turns it into Vietnamese.
APPEND_ONLY_MESSAGE = "attachments are append-only"
GUARDED = ("attachments", "attachment_chunks")


def create_guards(dialect: str) -> None:
    """The database refuses to change or remove an attachment or its content."""
    names = migration_names()
    bind = op.get_bind()
    if dialect == "postgresql":
        function = names.qualified(bind.dialect, names.table("vanban_attachments_append_only"))
        op.execute(
            f"CREATE FUNCTION {function}() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$ LANGUAGE plpgsql"
        )
    for table in GUARDED:
        quoted = names.qualified(bind.dialect, names.table(table))
        if dialect == "postgresql":
            op.execute(
                f"CREATE TRIGGER {names.table(f'{table}_append_only')} BEFORE UPDATE OR DELETE ON {quoted} "
                f"FOR EACH ROW EXECUTE FUNCTION {function}()"
            )
            continue
        for action in ("UPDATE", "DELETE"):
            name = names.table(f"{table}_no_{action.lower()}")
            if dialect == "sqlite":
                op.execute(
                    f"CREATE TRIGGER {name} BEFORE {action} ON {quoted} "
                    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
                )
            else:
                op.execute(
                    f"CREATE TRIGGER {name} BEFORE {action} ON {quoted} FOR EACH ROW "
                    f"SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{APPEND_ONLY_MESSAGE}'"
                )


def drop_guards(dialect: str) -> None:
    names = migration_names()
    bind = op.get_bind()
    for table in GUARDED:
        if dialect == "postgresql":
            quoted = names.qualified(bind.dialect, names.table(table))
            op.execute(f"DROP TRIGGER IF EXISTS {names.table(f'{table}_append_only')} ON {quoted}")
        else:
            for action in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {names.table(f'{table}_no_{action}')}")
    if dialect == "postgresql":
        function = names.qualified(bind.dialect, names.table("vanban_attachments_append_only"))
        op.execute(f"DROP FUNCTION IF EXISTS {function}()")


def upgrade() -> None:
    names = migration_names()
    named, schema = names.table, names.schema
    # Nullable, no default: added in place on every engine.
    for column in (
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.Column("added_by", sa.String(length=64), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=True),
    ):
        op.add_column(named("attachments"), column, schema=schema)
    op.create_table(
        named("attachment_chunks"),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column(
            "data", sa.LargeBinary().with_variant(mysql.MEDIUMBLOB(), "mysql", "mariadb"), nullable=False
        ),
        sa.PrimaryKeyConstraint("sha256", "seq", name=op.f(named("pk_attachment_chunks"))),
        schema=schema,
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    create_guards(op.get_bind().dialect.name)


def downgrade() -> None:
    names = migration_names()
    named, schema = names.table, names.schema
    bind = op.get_bind()
    drop_guards(bind.dialect.name)
    op.drop_table(named("attachment_chunks"), schema=schema)
    for column in ("added_at", "added_by", "size"):
        drop_column("attachments", column)
