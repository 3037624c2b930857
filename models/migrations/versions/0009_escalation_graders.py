"""escalation graders: one case for several graders, and who acted on it as Slack users

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 11:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import models.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("escalation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "graders_json",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="[]",
            )
        )
        batch_op.add_column(
            sa.Column(
                "acknowledged_by_user", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column(
                "resolved_by_user", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True
            )
        )
    op.create_table(
        "escalation_grader",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("escalation_id", sa.Integer(), nullable=False),
        sa.Column("grader_email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("grader_name", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=True),
        sa.Column("grader_slack_user", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("joined_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["escalation_id"], ["escalation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("escalation_id", "grader_email", name="uq_escalation_grader"),
    )
    with op.batch_alter_table("escalation_grader", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_escalation_grader_escalation_id"), ["escalation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_escalation_grader_grader_email"), ["grader_email"], unique=False
        )
    # Every existing case has its one grader.
    op.execute(
        "INSERT INTO escalation_grader "
        "(escalation_id, grader_email, grader_name, grader_slack_user, joined_at) "
        "SELECT id, grader_email, grader_name, grader_slack_user, created_at FROM escalation"
    )


def downgrade() -> None:
    with op.batch_alter_table("escalation_grader", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_escalation_grader_grader_email"))
        batch_op.drop_index(batch_op.f("ix_escalation_grader_escalation_id"))
    op.drop_table("escalation_grader")
    with op.batch_alter_table("escalation", schema=None) as batch_op:
        batch_op.drop_column("resolved_by_user")
        batch_op.drop_column("acknowledged_by_user")
        batch_op.drop_column("graders_json")
