"""The tests a person is on, and who the consultants of a test are. Which test a person
means is `bot.exams.which`."""

from __future__ import annotations

from sqlmodel import Session, select

from models.tables import CommitteeMembership, TestConsultant


def grader_test_ids(session: Session, grader_email: str) -> set[str]:
    return set(
        session.exec(
            select(CommitteeMembership.test_id).where(
                CommitteeMembership.grader_email == grader_email
            )
        ).all()
    )


def consultant_emails(session: Session, test_id: str) -> list[str]:
    return list(
        session.exec(
            select(TestConsultant.email)
            .where(TestConsultant.test_id == test_id)
            .order_by(TestConsultant.email)
        ).all()
    )
