"""the Inspera connector: a test's Inspera id, readings, differences, webhook deliveries,
final grades confirmed in Inspera

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 11:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import models.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_text = sqlmodel.sql.sqltypes.AutoString
_utc = models.types.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table("test", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inspera_test_id", _text(length=64), nullable=True))
        batch_op.create_index("ix_test_inspera_test_id", ["inspera_test_id"], unique=False)

    op.create_table(
        "inspera_sync",
        sa.Column("test_id", _text(length=128), nullable=False),
        sa.Column("attempted_at", _utc(timezone=True), nullable=False),
        sa.Column("synced_at", _utc(timezone=True), nullable=True),
        sa.Column("error_kind", _text(length=32), nullable=True),
        sa.Column("error_detail", _text(length=1000), nullable=True),
        sa.Column("error_at", _utc(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["test_id"], ["test.test_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("test_id"),
    )
    op.create_table(
        "inspera_grader",
        sa.Column("test_id", _text(length=128), nullable=False),
        sa.Column("user_id", _text(length=64), nullable=False),
        sa.Column("name", _text(length=256), nullable=False),
        sa.Column("email", _text(length=320), nullable=True),
        sa.Column("committees", _text(), nullable=False),
        sa.Column("grader_email", _text(length=320), nullable=True),
        sa.ForeignKeyConstraint(["test_id"], ["test.test_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("test_id", "user_id"),
    )
    op.create_table(
        "inspera_difference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("test_id", _text(length=128), nullable=False),
        sa.Column("kind", _text(length=32), nullable=False),
        sa.Column("fingerprint", _text(length=64), nullable=False),
        sa.Column("episode", sa.Integer(), nullable=False),
        sa.Column("detail", _text(), nullable=False),
        sa.Column("found_at", _utc(timezone=True), nullable=False),
        sa.Column("seen_at", _utc(timezone=True), nullable=False),
        sa.Column("resolved_at", _utc(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["test_id"], ["test.test_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("test_id", "fingerprint", "episode", name="uq_inspera_difference"),
    )
    with op.batch_alter_table("inspera_difference", schema=None) as batch_op:
        batch_op.create_index(
            "ix_inspera_difference_open", ["test_id", "resolved_at"], unique=False
        )
    op.create_table(
        "inspera_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", _text(length=64), nullable=False),
        sa.Column("event", _text(length=64), nullable=False),
        sa.Column("context_object_id", _text(length=64), nullable=True),
        sa.Column("event_at", _utc(timezone=True), nullable=True),
        sa.Column("received_at", _utc(timezone=True), nullable=False),
        sa.Column("handled_at", _utc(timezone=True), nullable=True),
        sa.Column("outcome", _text(length=255), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("digest", name="uq_inspera_delivery_digest"),
    )
    with op.batch_alter_table("inspera_delivery", schema=None) as batch_op:
        batch_op.create_index(
            "ix_inspera_delivery_unhandled", ["handled_at", "received_at"], unique=False
        )
    op.create_table(
        "inspera_final_grades",
        sa.Column("inspera_test_id", _text(length=64), nullable=False),
        sa.Column("confirmed_at", _utc(timezone=True), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["delivery_id"], ["inspera_delivery.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("inspera_test_id"),
    )


def downgrade() -> None:
    op.drop_table("inspera_final_grades")
    with op.batch_alter_table("inspera_delivery", schema=None) as batch_op:
        batch_op.drop_index("ix_inspera_delivery_unhandled")
    op.drop_table("inspera_delivery")
    with op.batch_alter_table("inspera_difference", schema=None) as batch_op:
        batch_op.drop_index("ix_inspera_difference_open")
    op.drop_table("inspera_difference")
    op.drop_table("inspera_grader")
    op.drop_table("inspera_sync")
    with op.batch_alter_table("test", schema=None) as batch_op:
        batch_op.drop_index("ix_test_inspera_test_id")
        batch_op.drop_column("inspera_test_id")
