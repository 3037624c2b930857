"""where grades are set, grading reports, the FS hand-off checklist, explanations and
complaints

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 14:00:00

Tests stored before `grading_in` existed keep `sensorbot`, the way they were run, until a
re-import says otherwise.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import models.types

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_text = sqlmodel.sql.sqltypes.AutoString
_utc = models.types.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table("test", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("grading_in", sa.String(16), nullable=False, server_default="sensorbot")
        )
        batch_op.add_column(
            sa.Column("oral_or_practical", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("results_published", _utc(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("final_grades_confirmed_at", _utc(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("final_grades_confirmed_by", _text(length=320), nullable=True)
        )
    with op.batch_alter_table("committee_membership", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("purpose", sa.String(16), nullable=False, server_default="grading")
        )

    op.create_table(
        "grading_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("test_id", _text(length=128), nullable=False),
        sa.Column("committee", _text(length=128), nullable=False),
        sa.Column("grader_email", _text(length=320), nullable=False),
        sa.Column("reported_at", _utc(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["grader_email"], ["grader.email"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["test_id"], ["test.test_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("test_id", "committee", "grader_email", name="uq_grading_report"),
    )
    op.create_table(
        "fs_handoff",
        sa.Column("test_id", _text(length=128), nullable=False),
        sa.Column("started_at", _utc(timezone=True), nullable=False),
        sa.Column("trial_result", _text(length=16), nullable=True),
        sa.Column("refused_candidates", _text(), nullable=False),
        sa.Column("trial_recorded_at", _utc(timezone=True), nullable=True),
        sa.Column("trial_recorded_by", _text(length=320), nullable=True),
        sa.ForeignKeyConstraint(["test_id"], ["test.test_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("test_id"),
    )
    op.create_table(
        "explanation_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("test_id", _text(length=128), nullable=False),
        sa.Column("candidate_id", _text(length=64), nullable=False),
        sa.Column("requested_at", _utc(timezone=True), nullable=False),
        sa.Column("due_at", _utc(timezone=True), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("registered_at", _utc(timezone=True), nullable=False),
        sa.Column("given_at", _utc(timezone=True), nullable=True),
        sa.Column("given_by", _text(length=320), nullable=True),
        sa.ForeignKeyConstraint(["test_id"], ["test.test_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("test_id", "candidate_id", "requested_at", name="uq_explanation"),
    )
    op.create_index("ix_explanation_open", "explanation_request", ["given_at", "due_at"])
    op.create_table(
        "complaint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("test_id", _text(length=128), nullable=False),
        sa.Column("candidate_id", _text(length=64), nullable=False),
        sa.Column("complaint_committee", _text(length=128), nullable=False),
        sa.Column("received_at", _utc(timezone=True), nullable=False),
        sa.Column("explanation_received_at", _utc(timezone=True), nullable=True),
        sa.Column("due_at", _utc(timezone=True), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("registered_at", _utc(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("held_at", _utc(timezone=True), nullable=True),
        sa.Column("final_grade", _text(length=16), nullable=True),
        sa.Column("final_at", _utc(timezone=True), nullable=True),
        sa.Column("confirmed_by", _text(length=320), nullable=True),
        sa.ForeignKeyConstraint(["test_id"], ["test.test_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("test_id", "candidate_id", name="uq_complaint"),
    )


def downgrade() -> None:
    op.drop_table("complaint")
    op.drop_index("ix_explanation_open", table_name="explanation_request")
    op.drop_table("explanation_request")
    op.drop_table("fs_handoff")
    op.drop_table("grading_report")
    with op.batch_alter_table("committee_membership", schema=None) as batch_op:
        batch_op.drop_column("purpose")
    with op.batch_alter_table("test", schema=None) as batch_op:
        batch_op.drop_column("final_grades_confirmed_by")
        batch_op.drop_column("final_grades_confirmed_at")
        batch_op.drop_column("results_published")
        batch_op.drop_column("oral_or_practical")
        batch_op.drop_column("grading_in")
