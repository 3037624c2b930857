"""Inspera addresses in lower case

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 15:10:00

`grader.inspera_email` is now written in lower case and looked up by an exact match that
its index serves; addresses stored before keep working once they are lowered too.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "UPDATE grader SET inspera_email = lower(inspera_email) "
        "WHERE inspera_email IS NOT NULL AND inspera_email <> lower(inspera_email)"
    )


def downgrade() -> None:
    """The original case of an address is not kept; lower case serves either way."""
