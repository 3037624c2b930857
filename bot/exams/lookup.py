"""Finding tests: by test id or course code, and the tests a person is on."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from models.tables import CommitteeMembership, Test, TestConsultant


@dataclass(frozen=True)
class TestQuery:
    """The answer to "which test does `TEST` mean?" (SPEC §9.3: a test id, or a course code
    when that is unambiguous)."""

    text: str
    matches: tuple[Test, ...]

    @property
    def test(self) -> Test | None:
        return self.matches[0] if len(self.matches) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.matches) > 1


def find_test(session: Session, text: str, among: set[str] | None = None) -> TestQuery:
    """A test id (case-insensitive), else a course code. With `among`, a course code is
    first narrowed to those test ids (the person's own tests), so that a grader on only one
    of a course's tests gets that one."""
    wanted = text.strip()
    test = session.get(Test, wanted)
    if test is None:
        test = session.exec(select(Test).where(func.upper(Test.test_id) == wanted.upper())).first()
    if test is not None:
        return TestQuery(wanted, (test,))
    by_course = session.exec(
        select(Test)
        .where(func.upper(Test.course_code) == wanted.upper())
        .order_by(col(Test.submission_deadline).desc())
    ).all()
    if among is not None:
        own = [t for t in by_course if t.test_id in among]
        if own:
            by_course = own
    return TestQuery(wanted, tuple(by_course))


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
