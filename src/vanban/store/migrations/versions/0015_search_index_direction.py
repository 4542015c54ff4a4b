"""search index: each row holds its document's direction, on every engine

The web desk always searches within one register (outgoing or incoming). The index held the
office and the day beside the words but not the direction, so such a search joined every
candidate match to its document to keep the register's: at 1,000,000 documents on PostgreSQL
p50/p95 13.98/31.68 ms against 8.62/18.80 ms unfiltered (bench/README.md). With the direction
in the row (an UNINDEXED column of SQLite's FTS5 table, a column on PostgreSQL and MariaDB) it
stays in the index. The index is made again and filled from the register.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

from vanban.store import search

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    search.drop(op.get_bind())
    search.install(op.get_bind(), keyed=True, prefixed=True, directed=True)


def downgrade() -> None:
    search.drop(op.get_bind())
    search.install(op.get_bind(), keyed=True, prefixed=True, directed=False)
