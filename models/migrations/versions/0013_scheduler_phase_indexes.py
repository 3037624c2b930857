"""indexes for the scheduler's Inspera, FS hand-off and complaint steps

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 18:00:00

A scheduler pass with nothing due seeks the candidate tests instead of reading every test:
the tests of one `grading_in` not transferred yet (confirmed or not) for asking the
consultants and starting hand-offs, the hand-offs started before the reminder's window, and
the open complaints by committee rather than every complaint ever received.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_test_grading_phase",
        "test",
        ["grading_in", "transferred_at", "final_grades_confirmed_at"],
    )
    op.create_index("ix_fs_handoff_started_at", "fs_handoff", ["started_at"])
    op.create_index(
        "ix_complaint_open", "complaint", ["status", "test_id", "complaint_committee", "due_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_complaint_open", table_name="complaint")
    op.drop_index("ix_fs_handoff_started_at", table_name="fs_handoff")
    op.drop_index("ix_test_grading_phase", table_name="test")
