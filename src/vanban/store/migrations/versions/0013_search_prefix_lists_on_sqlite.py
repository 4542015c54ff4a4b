"""search index on SQLite: FTS5 lists for every prefix of 1 to 4 letters, the code's key marked

A search's last word is a prefix ("dan" finds "dân" and "danh"). Without prefix lists FTS5
gathered every word beginning so, over every document, into one list before reading a match:
4 ms for "dan"* at 100,000 documents, however few results were wanted. With them a prefix of up
to 4 letters is one list, read newest first and left at the newest matches. The code's key is
marked ("zzk542ubndvhxh", store.search.KEY_MARK) so that looking up the key of a one-word query
no longer reads that word's list in every column. The index is made again and filled from the
register. PostgreSQL and MariaDB are unchanged.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

from vanban.store import search

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        search.drop(op.get_bind())
        search.install(op.get_bind(), keyed=True, prefixed=True, directed=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        search.drop(op.get_bind())
        search.install(op.get_bind(), keyed=True, prefixed=False, directed=False)
