"""search index: each engine's full-text index of the documents, kept by triggers, filled now

Search without diacritics over code, subject, sender, signer, body (the text of imported Word
files), notes and outcomes: SQLite FTS5, PostgreSQL tsvector under GIN, MariaDB FULLTEXT; the
statements are those of vanban.store.search, which also reads the index.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from vanban.store import search

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The layout this revision made (words not keyed by office): a register at 0010 has it,
    # whether it was migrated then or now, and 0011 converts it.
    search.install(op.get_bind(), keyed=False, directed=False)


def downgrade() -> None:
    search.drop(op.get_bind())
