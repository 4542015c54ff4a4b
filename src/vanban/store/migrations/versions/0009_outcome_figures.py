"""outcomes.quantity_bound, outcomes.quantity_text: a figure as people write it

A report says "trên 150 lượt người", "hơn 200 người tham dự", "khoảng 30": the number alone
(``quantity``, still the one that adds up) lost the qualifier and the way it was written.
``quantity_bound`` keeps the bound (over, at_least, under, at_most, about; NULL for an exact
figure) and ``quantity_text`` the figure exactly as typed, qualifier, number and unit (NULL:
printed from ``quantity`` and ``unit`` as before). Outcomes recorded before this revision were
exact numbers, which NULL says: nothing is filled in.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from vanban.store.migrate import drop_column, migration_names

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_COLUMNS = (("quantity_bound", 10), ("quantity_text", 120))


def upgrade() -> None:
    names = migration_names()
    # Nullable, no default: added in place on every engine.
    for name, length in _COLUMNS:
        op.add_column(
            names.table("outcomes"),
            sa.Column(name, sa.String(length=length), nullable=True),
            schema=names.schema,
        )


def downgrade() -> None:
    for name, _ in reversed(_COLUMNS):
        drop_column("outcomes", name)
