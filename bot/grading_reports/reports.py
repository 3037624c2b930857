"""Graders of a test marked in Inspera (SPEC §2.6) tell the bot their part is done: "I have
approved my grading in Inspera", per committee. Sensorbot stores no grades for such a test,
so these reports are what reminders, overdue notices, the Home tab and the consultants go by.

Only a grader of the committee (a membership in the store, for grading or for a complaint)
may report it or take it back, and only while the test is open and not graded or
transferred. Each step takes the test's lock first (the approvals' `lock_test`), so a report
and a consultant's confirmation are applied one after the other. Both are audited.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import and_, delete
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from bot.approvals.prompts import lock_test
from bot.complaints.candidates import is_complaint_committee
from bot.exams import audit
from bot.exams.phase import TestState, is_open, state_of
from models.tables import (
    CommitteeMembership,
    CommitteePurpose,
    Grader,
    GradingIn,
    GradingReport,
    Test,
)

# A committee the grader has not reported done, as reminders carry it (`progress[].phase`).
UNREPORTED = "unreported"
REPORTED = "grading_reported"
TAKEN_BACK = "grading_report_taken_back"


class ReportRefusal(StrEnum):
    unknown_test = "unknown_test"
    not_in_inspera = "not_in_inspera"  # the test's grades are set in Sensorbot
    not_a_grader = "not_a_grader"  # not a grader of that committee
    not_open = "not_open"  # not open for marking yet
    graded = "graded"  # the final grades are confirmed: nothing to report any more
    transferred = "transferred"
    not_reported = "not_reported"  # taking back what was never reported


@dataclass(frozen=True)
class ReportResult:
    """What a report or a take-back did: `changed` when the store changed; a refusal says
    why nothing did."""

    test_id: str
    committee: str
    refusal: ReportRefusal | None = None
    changed: bool = False


@dataclass(frozen=True)
class CommitteeReport:
    """One grader of one committee, and when they reported it done (None: not yet)."""

    committee: str
    grader_email: str
    grader_name: str | None
    reported_at: datetime | None
    complaint: bool = False  # a complaint committee (its round comes after the result)


def grader_committees(session: Session, test_id: str, grader_email: str) -> list[str]:
    """The named committees the grader is in on the test, in name order."""
    rows = session.exec(
        select(col(CommitteeMembership.committee)).where(
            col(CommitteeMembership.test_id) == test_id,
            col(CommitteeMembership.grader_email) == grader_email,
            col(CommitteeMembership.committee).is_not(None),
        )
    ).all()
    return sorted({committee for committee in rows if committee is not None})


def report_done(
    session: Session, test_id: str, grader_email: str, committee: str, now: datetime
) -> ReportResult:
    """Record that the grader approved their grading of `committee` in Inspera (once)."""
    refusal = _refusal(session, test_id, grader_email, committee, now)
    if refusal is not None:
        return ReportResult(test_id, committee, refusal)
    if _report(session, test_id, grader_email, committee) is not None:
        return ReportResult(test_id, committee)  # reported before: nothing new
    session.add(
        GradingReport(
            test_id=test_id, committee=committee, grader_email=grader_email, reported_at=now
        )
    )
    audit.record(
        session, grader_email, REPORTED, test_id=test_id, subject=committee, new=now.isoformat()
    )
    return ReportResult(test_id, committee, changed=True)


def take_back(
    session: Session, test_id: str, grader_email: str, committee: str, now: datetime
) -> ReportResult:
    """Withdraw the grader's report for `committee` (they are not done after all)."""
    refusal = _refusal(session, test_id, grader_email, committee, now)
    if refusal is not None:
        return ReportResult(test_id, committee, refusal)
    report = _report(session, test_id, grader_email, committee)
    if report is None:
        return ReportResult(test_id, committee, ReportRefusal.not_reported)
    session.exec(delete(GradingReport).where(col(GradingReport.id) == report.id))
    audit.record(
        session,
        grader_email,
        TAKEN_BACK,
        test_id=test_id,
        subject=committee,
        old=report.reported_at.isoformat(),
    )
    return ReportResult(test_id, committee, changed=True)


def _refusal(
    session: Session, test_id: str, grader_email: str, committee: str, now: datetime
) -> ReportRefusal | None:
    test = lock_test(session, test_id)
    if test is None:
        return ReportRefusal.unknown_test
    if test.grading_in != GradingIn.inspera:
        return ReportRefusal.not_in_inspera
    if committee not in grader_committees(session, test_id, grader_email):
        return ReportRefusal.not_a_grader
    if is_complaint_committee(session, test_id, committee):
        # The complaint round comes after the result: a transferred test's complaint graders
        # report too, for as long as the test is open at all.
        return None if is_open(test, now) else ReportRefusal.not_open
    match state_of(session, test, now):
        case TestState.graded:
            return ReportRefusal.graded
        case TestState.transferred:
            return ReportRefusal.transferred
        case TestState.open:
            return None
    return ReportRefusal.not_open


def _report(
    session: Session, test_id: str, grader_email: str, committee: str
) -> GradingReport | None:
    return session.exec(
        select(GradingReport).where(
            col(GradingReport.test_id) == test_id,
            col(GradingReport.committee) == committee,
            col(GradingReport.grader_email) == grader_email,
        )
    ).first()


def reports_of(
    session: Session, test_ids: Iterable[str]
) -> dict[str, dict[tuple[str, str], datetime]]:
    """Per test, when each (committee, grader) reported done; one query for all the tests."""
    ids = sorted(set(test_ids))
    found: dict[str, dict[tuple[str, str], datetime]] = defaultdict(dict)
    if not ids:
        return found
    rows = session.exec(
        select(
            col(GradingReport.test_id),
            col(GradingReport.committee),
            col(GradingReport.grader_email),
            col(GradingReport.reported_at),
        ).where(col(GradingReport.test_id).in_(ids))
    ).all()
    for test_id, committee, email, reported_at in rows:
        found[test_id][(committee, email)] = reported_at
    return found


def report_board(session: Session, test_ids: Iterable[str]) -> dict[str, list[CommitteeReport]]:
    """Per test, every grader of every named committee with their name and report, in
    committee and e-mail order: one query for all the tests (the Home tab's many tests cost
    what one does)."""
    ids = sorted(set(test_ids))
    board: dict[str, list[CommitteeReport]] = defaultdict(list)
    if not ids:
        return board
    reported = and_(
        col(GradingReport.test_id) == col(CommitteeMembership.test_id),
        col(GradingReport.committee) == col(CommitteeMembership.committee),
        col(GradingReport.grader_email) == col(CommitteeMembership.grader_email),
    )
    rows = session.execute(
        sa_select(
            col(CommitteeMembership.test_id),
            col(CommitteeMembership.committee),
            col(CommitteeMembership.grader_email),
            col(Grader.name),
            col(GradingReport.reported_at),
            col(CommitteeMembership.purpose),
        )
        .join(Grader, col(Grader.email) == col(CommitteeMembership.grader_email))
        .outerjoin(GradingReport, reported)
        .where(
            col(CommitteeMembership.test_id).in_(ids),
            col(CommitteeMembership.committee).is_not(None),
        )
    ).all()
    for test_id, committee, email, name, reported_at, purpose in sorted(
        rows, key=lambda row: (row[0], row[1], row[2])
    ):
        if committee is not None:
            complaint = purpose == CommitteePurpose.complaint
            board[test_id].append(CommitteeReport(committee, email, name, reported_at, complaint))
    return board


def unreported_graders(session: Session, test: Test) -> dict[str, tuple[str, ...]]:
    """Per committee of the test, the graders who have not reported it done (committees
    everybody reported are left out)."""
    missing: dict[str, list[str]] = defaultdict(list)
    for item in report_board(session, [test.test_id])[test.test_id]:
        if item.reported_at is None:
            missing[item.committee].append(item.grader_email)
    return {committee: tuple(emails) for committee, emails in missing.items()}


@dataclass(frozen=True)
class GraderReports:
    """A grader's committees on a test, with what they reported, and the test's state:
    `closed` once it is graded or transferred (nothing to report any more)."""

    test: Test
    reports: tuple[CommitteeReport, ...]
    state: TestState

    @property
    def closed(self) -> bool:
        return self.state in (TestState.graded, TestState.transferred)


def grader_reports(
    session: Session, test_id: str, grader_email: str, now: datetime
) -> GraderReports | None:
    """What the grader reported on the test, as the reply to a report shows it."""
    test = session.get(Test, test_id)
    if test is None:
        return None
    board = report_board(session, [test_id])[test_id]
    mine = tuple(item for item in board if item.grader_email == grader_email)
    return GraderReports(test, mine, state_of(session, test, now))


def has_unreported(session: Session, test_id: str, grader_email: str) -> bool:
    """Whether the grader has a committee of the test (marked in Inspera) not reported done."""
    test = session.get(Test, test_id)
    if test is None or test.grading_in != GradingIn.inspera:
        return False
    return any(grader_email in emails for emails in unreported_graders(session, test).values())
