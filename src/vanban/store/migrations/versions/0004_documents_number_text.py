"""documents.number_text: a number that carries a letter

A cited or received document may be numbered "12a/BC-UBND" or "05b/TB-UBND": the number was an
integer only, so such a code could not be kept. ``number`` stays the numeric part (ordering,
series); ``number_text`` keeps the number as written when it carries a letter, NULL otherwise.
No row before this revision can have one, so nothing is filled in.

Acts cited by name and date without a number ("Luật Đất đai ngày 18/01/2024") need no column:
they are reference-only documents whose code is NULL, the title in ``subject``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from vanban.store.migrate import drop_column, migration_names

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    names = migration_names()
    # Nullable, no default: added in place on every engine.
    op.add_column(
        names.table("documents"),
        sa.Column("number_text", sa.String(length=12), nullable=True),
        schema=names.schema,
    )


def downgrade() -> None:
    drop_column("documents", "number_text")
