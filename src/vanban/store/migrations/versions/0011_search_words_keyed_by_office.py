"""search index: words keyed by office on PostgreSQL and MariaDB ("o12xso"), the code key a word on SQLite

With many offices in one database, a common word's (or a prefix's) list of documents in the
index was every office's; the engine read it whole and kept the office's few. Each word of a
server's index row is now keyed by the document's office (store.search.word_key), so a search
reads only its office's lists. On SQLite (one office per register) the code's key becomes a
word of the FTS5 table, so the document whose code is the query is found by the index while
only the newest matches are read. The index is made again and filled from the register.

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
    search.drop(op.get_bind())
    # The layout of 0011 (0013 and 0015 change it).
    search.install(op.get_bind(), keyed=True, prefixed=False, directed=False)


def downgrade() -> None:
    search.drop(op.get_bind())
    search.install(op.get_bind(), keyed=False, directed=False)
