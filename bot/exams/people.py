"""Who a person is in the store: grader, consultant of which tests, admin, exam office."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot.settings import Settings
from models.tables import Grader, TestConsultant


@dataclass(frozen=True)
class Roles:
    email: str | None
    grader: Grader | None
    consultant_test_ids: frozenset[str]
    is_admin: bool
    is_exam_office: bool

    @property
    def is_consultant(self) -> bool:
        return bool(self.consultant_test_ids)

    def may_administer(self, test_id: str) -> bool:
        """Consultants of that test and admins act on a test; nobody else."""
        return self.is_admin or test_id in self.consultant_test_ids

    @property
    def administered_test_ids(self) -> frozenset[str] | None:
        """The tests this person may administer; None: every test (admins)."""
        return None if self.is_admin else self.consultant_test_ids


def find_grader(session: Session, email: str) -> Grader | None:
    """The grader whose e-mail or Inspera e-mail is `email` (case-insensitive): both are
    kept in lower case (the roster lowers e-mails, `inspera_email` lowers whatever it is
    given), so each is one lookup by index, not a scan lowering every row."""
    email = email.strip().lower()
    grader = session.get(Grader, email)
    if grader is not None:
        return grader
    statement = select(Grader).where(col(Grader.inspera_email) == email).limit(1)
    return session.exec(statement).first()


def roles_for(session: Session, email: str | None, settings: Settings) -> Roles:
    if not email:
        return Roles(None, None, frozenset(), False, False)
    email = email.strip().lower()
    consultant_tests = session.exec(
        select(TestConsultant.test_id).where(TestConsultant.email == email)
    ).all()
    return Roles(
        email=email,
        grader=find_grader(session, email),
        consultant_test_ids=frozenset(consultant_tests),
        is_admin=email in settings.admin_email_list,
        is_exam_office=email in settings.exam_office_email_list,
    )
