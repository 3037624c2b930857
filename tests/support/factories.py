"""Small builders for store rows in tests (roster workbooks are tested in their own file)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import select

from bot.exams.people import Roles
from bot.i18n import Language
from bot.people import language as people_language
from models.db import session_scope
from models.tables import (
    ApprovalPrompt,
    Candidate,
    CommitteeMembership,
    Complaint,
    Department,
    Grader,
    Test,
    TestConsultant,
)
from models.types import utcnow

T0 = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)


def add_test(
    engine: Engine,
    test_id: str = "TDT4100-2026H",
    *,
    course_code: str | None = None,
    consultants: tuple[str, ...] = ("konsulent@ntnu.no",),
    department: str = "IDI",
    submission_deadline: datetime = T0,
    grading_deadline: datetime | None = None,
    **fields: object,
) -> Test:
    test = Test(
        test_id=test_id,
        course_code=course_code or test_id.split("-")[0],
        department=department,
        submission_deadline=submission_deadline,
        grading_deadline=grading_deadline or submission_deadline + timedelta(days=21),
        grade_scale=fields.pop("grade_scale", "letter"),
        **fields,
    )
    with session_scope(engine) as session:
        if session.get(Department, department) is None:
            session.add(Department(code=department))
        session.add(test)
        for email in consultants:
            session.add(TestConsultant(test_id=test_id, email=email))
    return test


def add_grader(engine: Engine, email: str, kind: str = "internal", **fields: object) -> Grader:
    grader = Grader(email=email, kind=kind, **fields)
    with session_scope(engine) as session:
        session.add(grader)
    return grader


def add_membership(engine: Engine, test_id: str, grader_email: str, committee: str | None):
    with session_scope(engine) as session:
        session.add(
            CommitteeMembership(test_id=test_id, grader_email=grader_email, committee=committee)
        )


def add_candidates(
    engine: Engine,
    test_id: str,
    committee: str | None,
    ids: list[str],
    status: str = "submitted",
) -> None:
    with session_scope(engine) as session:
        for candidate_id in ids:
            session.add(
                Candidate(
                    test_id=test_id, candidate_id=candidate_id, committee=committee, status=status
                )
            )


def put_grades(
    engine: Engine, test_id: str, grader_email: str, grades: dict[str, str | None]
) -> None:
    """Store a grader's grades as an applied grade sheet would (later values win)."""
    from sqlmodel import select

    from models.tables import Grade

    with session_scope(engine) as session:
        for candidate_id, value in grades.items():
            grade = session.exec(
                select(Grade).where(
                    Grade.test_id == test_id,
                    Grade.candidate_id == candidate_id,
                    Grade.grader_email == grader_email,
                )
            ).first() or Grade(
                test_id=test_id, candidate_id=candidate_id, grader_email=grader_email
            )
            grade.value = value
            grade.updated_at = utcnow()
            session.add(grade)


def choose_language(engine: Engine, slack_user_id: str, lang: Language) -> None:
    """The person has chosen `lang` (as with `/sensur språk`)."""
    with session_scope(engine) as session:
        people_language.choose_language(session, slack_user_id, lang, utcnow())


def add_complaint_committee(
    engine: Engine, test_id: str, committee: str, graders: tuple[str, ...]
) -> None:
    """A committee of the test with `purpose = complaint` (its candidates: its complaints)."""
    with session_scope(engine) as session:
        for email in graders:
            session.add(
                CommitteeMembership(
                    test_id=test_id, grader_email=email, committee=committee, purpose="complaint"
                )
            )


def add_complaint(
    engine: Engine, test_id: str, candidate_id: str, committee: str, received_at: datetime = T0
) -> None:
    """A complaint about the candidate's grade, graded by the complaint committee."""
    with session_scope(engine) as session:
        session.add(
            Complaint(
                test_id=test_id,
                candidate_id=candidate_id,
                complaint_committee=committee,
                received_at=received_at,
                due_at=received_at + timedelta(days=21),
            )
        )


def transfer_to_fs(engine: Engine, test_id: str, consultant: Roles) -> None:
    """The consultant walks a graded test's FS hand-off: the test transfer was fine, then
    the transfer itself."""
    from bot.approvals import PromptKind
    from bot.handoff import TrialResult, mark_transferred, record_trial

    with session_scope(engine) as session:
        checklist = session.exec(
            select(ApprovalPrompt.id).where(
                ApprovalPrompt.kind == PromptKind.transfer, ApprovalPrompt.test_id == test_id
            )
        ).first()
        assert checklist is not None, f"{test_id} has no FS hand-off checklist"
        assert record_trial(session, checklist, consultant, TrialResult.fine).changed
    with session_scope(engine) as session:
        assert mark_transferred(session, test_id, consultant).changed
