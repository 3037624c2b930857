"""where a grade upload's confirmation is

An applied upload's confirmation (the preview turned into "3 grades updated", with Undo
and Reset) is remembered by channel and ts, so that it can be shown again without those
buttons once the upload's grades are locked by an approval.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 11:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("grade_upload", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("message_channel", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch_op.add_column(
            sa.Column("message_ts", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("grade_upload", schema=None) as batch_op:
        batch_op.drop_column("message_ts")
        batch_op.drop_column("message_channel")
