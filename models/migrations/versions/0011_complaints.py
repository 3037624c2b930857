"""an agreed grade per committee and candidate

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 15:00:00

A complaint committee agrees its own grade for a candidate whose original committee agreed
one before; both are kept, so the agreed grade is unique per committee and candidate.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agreed_grade", schema=None) as batch_op:
        batch_op.drop_constraint("uq_agreed_grade", type_="unique")
        batch_op.create_unique_constraint(
            "uq_agreed_grade", ["test_id", "committee", "candidate_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("agreed_grade", schema=None) as batch_op:
        batch_op.drop_constraint("uq_agreed_grade", type_="unique")
        batch_op.create_unique_constraint("uq_agreed_grade", ["test_id", "candidate_id"])
