"""grade upload waits for its test

A grade sheet whose test cannot be told from the grader's tests or its file name is kept
without a test (status `needs_test`) until the grader picks one.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 20:42:12.736341
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("grade_upload", schema=None) as batch_op:
        batch_op.alter_column("test_id", existing_type=sa.VARCHAR(length=128), nullable=True)


def downgrade() -> None:
    # Sheets still waiting for a test cannot be kept without one.
    op.execute("DELETE FROM grade_upload WHERE test_id IS NULL")
    with op.batch_alter_table("grade_upload", schema=None) as batch_op:
        batch_op.alter_column("test_id", existing_type=sa.VARCHAR(length=128), nullable=False)
