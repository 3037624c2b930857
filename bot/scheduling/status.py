"""What `sensorbot status` shows: tests with their state, blockers and deadline, and what
the outbox holds for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bot.exams.phase import TestState, state_of
from bot.explanations.requests import OpenRequest, open_requests_of_test
from bot.grading_reports import CommitteeReport, report_board
from bot.opening.readiness import Readiness, complaint_readiness_of, readiness
from bot.scheduling import outbox
from bot.scheduling.occasions import CATCH_UP
from models.tables import OutboxEntry, Test


@dataclass(frozen=True)
class StatusOfTest:
    test: Test
    state: TestState
    readiness: Readiness
    outbox: outbox.OutboxCounts
    explanations: tuple[OpenRequest, ...] = ()  # not given yet; read for one test's detail
    # A test marked in Inspera, shown alone: who of each committee reported done.
    reports: tuple[CommitteeReport, ...] = ()
    # What keeps its complaint committees from grading (none, or not read: None).
    complaint_readiness: Readiness | None = None


@dataclass(frozen=True)
class StatusReport:
    tests: list[StatusOfTest]
    outbox: outbox.OutboxCounts
    problems: list[OutboxEntry]


def status_of_test(session: Session, test: Test, now: datetime) -> StatusOfTest:
    return StatusOfTest(
        test,
        state_of(session, test, now),
        readiness(session, test, now=now),
        outbox.counts(session, test.test_id),
        open_requests_of_test(session, test.test_id),
        tuple(report_board(session, [test.test_id]).get(test.test_id, ())),
        complaint_readiness_of(session, [test.test_id]).get(test.test_id),
    )


def status_report(
    session: Session, now: datetime, *, test: Test | None = None, everything: bool = False
) -> StatusReport:
    """One test, or the tests still in play (grading deadline at most a week ago), or with
    `everything` all tests; by grading deadline."""
    if test is not None:
        return StatusReport(
            [status_of_test(session, test, now)],
            outbox.counts(session, test.test_id),
            outbox.problems(session, test.test_id),
        )
    statement = select(Test).order_by(col(Test.grading_deadline), col(Test.test_id))
    if not everything:
        statement = statement.where(col(Test.grading_deadline) > now - CATCH_UP)
    tests = session.exec(statement).all()
    by_test = outbox.counts_by_test(session, [t.test_id for t in tests])
    return StatusReport(
        [
            StatusOfTest(
                t, state_of(session, t, now), readiness(session, t, now=now), by_test[t.test_id]
            )
            for t in tests
        ],
        outbox.counts(session),
        outbox.problems(session),
    )
