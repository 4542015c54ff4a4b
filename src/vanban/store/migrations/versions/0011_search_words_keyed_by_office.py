"""search index on PostgreSQL and MariaDB: every word keyed by its office ("o12xso")

With many offices in one database, a common word's (or a prefix's) list of documents in the
index was every office's; the engine read it whole and kept the office's few. Each word of a
server's index row is now keyed by the document's office (store.search.word_key), so a search
reads only its office's lists. The index is made again and filled from the register; SQLite's
(one office per register) is unchanged.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from vanban.store import search

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        search.drop(conn)
        search.install(conn, keyed=True)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        search.drop(conn)
        search.install(conn, keyed=False)
