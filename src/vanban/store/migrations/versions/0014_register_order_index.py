"""documents: an index in the register's own order

A register is listed as its book reads (outgoing before incoming, then by date and number):
the clerk's ``list`` and the web desk's «Sổ văn bản đi/đến», whose first page is 50 documents.
Without an index in that order every document of the office was read and sorted for that page:
at 1,000,000 documents over 100 offices on PostgreSQL, ``Office.documents(direction="out",
limit=51)`` took 60 ms (p95 115 ms), and 2.3 ms with this index (bench/README.md).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from vanban.store.migrate import migration_names

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_NAME = "ix_documents_office_register"


def upgrade() -> None:
    names = migration_names()
    op.create_index(
        names.table(_NAME),
        names.table("documents"),
        ["office_id", sa.text("direction DESC"), "date", "number", "id"],
        unique=False,
        schema=names.schema,
    )


def downgrade() -> None:
    names = migration_names()
    op.drop_index(names.table(_NAME), table_name=names.table("documents"), schema=names.schema)
