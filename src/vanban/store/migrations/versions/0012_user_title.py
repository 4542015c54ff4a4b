"""users.title: the chức vụ a person signs with ("Chủ tịch", "Phó Chủ tịch")

Nghị định 30 (Điều 8, Phụ lục I) puts the signer's title under the authority line of the
signature block. The signer is recorded at the step that signs, from the acting user: their
name was known, their title was not, so a chairman signing through the lifecycle left the
title empty unless someone typed it. Users recorded before this revision have none (NULL): the
title typed at the signing step, or already on the document, is used as before.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from vanban.store.migrate import drop_column, migration_names

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    names = migration_names()
    # Nullable, no default: added in place on every engine.
    title = sa.Column("title", sa.String(length=120), nullable=True)
    op.add_column(names.table("users"), title, schema=names.schema)


def downgrade() -> None:
    drop_column("users", "title")
