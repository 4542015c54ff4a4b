"""status index covers the summary

The leadership summary counts an office's documents by workflow, status and type (held ones
only): with type_key and reference_only in the index the count reads the index alone, and the
open items are sought by (office_id, workflow, status) as before.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

from vanban.store.migrate import migration_names

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_NAME = "ix_documents_office_status"


def upgrade() -> None:
    names = migration_names()
    index, table = names.table(_NAME), names.table("documents")
    op.drop_index(index, table_name=table, schema=names.schema)
    op.create_index(
        index,
        table,
        ["office_id", "workflow", "status", "type_key", "reference_only"],
        unique=False,
        schema=names.schema,
    )


def downgrade() -> None:
    names = migration_names()
    index, table = names.table(_NAME), names.table("documents")
    op.drop_index(index, table_name=table, schema=names.schema)
    op.create_index(index, table, ["office_id", "workflow", "status"], unique=False, schema=names.schema)
