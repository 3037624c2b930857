"""What the Home tab shows a person (SPEC §3.8): as a grader, their tests with their own
progress; as a consultant, their tests with readiness, committee phases and unresolved
escalations. Plain values; the Block Kit is in `bot.ui.home`.

Everything is read for the person's own tests only (their memberships and consultant
rows), so the cost follows the person, not the store. A grader sees only their own
progress: in private marking the candidates still lacking *their* grade, in shared marking
the committee's (which every committee member already shares). Admins see their own
consultant tests like any consultant; the all-tests view is `sensorbot status`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.approvals import Phase, committee_statuses, grading_status
from bot.exams.lookup import grader_test_ids
from bot.exams.people import Roles
from bot.exams.phase import TestState, state_of
from bot.opening.readiness import Readiness, readiness
from models.tables import Escalation, EscalationStatus, Test

MAX_TESTS = 10  # per list; the rest are counted and pointed to `/sensur status`

_GROUP = {
    TestState.open: 0,
    TestState.awaiting_deadline: 1,
    TestState.awaiting_admin: 1,
    TestState.graded: 2,
    TestState.transferred: 2,
}
# Before opening, the committees have no phase worth showing yet.
_MARKING_STATES = (TestState.open, TestState.graded, TestState.transferred)


@dataclass(frozen=True)
class OwnProgress:
    """One of the grader's committees: how many submitted candidates they have graded."""

    committee: str
    graded: int
    submitted: int
    phase: Phase | None  # None before the test opens
    own_approved: bool


@dataclass(frozen=True)
class GraderTest:
    test: Test
    state: TestState
    committees: tuple[OwnProgress, ...]


@dataclass(frozen=True)
class CommitteePhase:
    committee: str
    phase: Phase


@dataclass(frozen=True)
class ConsultantTest:
    test: Test
    state: TestState
    readiness: Readiness | None  # only before the test opens; afterwards it stops nothing
    committees: tuple[CommitteePhase, ...]
    unresolved_escalations: int


@dataclass(frozen=True)
class HomeOverview:
    grader_tests: tuple[GraderTest, ...]
    more_grader_tests: int
    consultant_tests: tuple[ConsultantTest, ...]
    more_consultant_tests: int

    @property
    def empty(self) -> bool:
        return not self.grader_tests and not self.consultant_tests


def home_overview(
    session: Session,
    roles: Roles,
    now: datetime,
    *,
    limit: int = MAX_TESTS,
    only: str | None = None,
) -> HomeOverview:
    """The person's tests; with `only`, just that test, seen as grader if they grade it and
    as consultant if they may administer it (its consultants and admins)."""
    consultant_ids = set(roles.consultant_test_ids)
    if only is not None:
        consultant_ids = {only} if roles.may_administer(only) else set()
    grader_tests: list[GraderTest] = []
    more_grader = 0
    if roles.grader is not None:
        email = roles.grader.email
        graded_ids = grader_test_ids(session, email)
        if only is not None:
            graded_ids &= {only}
        ordered = _by_state(session, graded_ids, now)
        grader_tests = [
            _grader_test(session, test, state, email) for test, state in ordered[:limit]
        ]
        more_grader = max(0, len(ordered) - limit)
    ordered = _by_state(session, consultant_ids, now)
    shown = ordered[:limit]
    escalations = unresolved_escalations(session, [test.test_id for test, _ in shown])
    consultant_tests = [
        _consultant_test(session, test, state, now, escalations.get(test.test_id, 0))
        for test, state in shown
    ]
    return HomeOverview(
        tuple(grader_tests),
        more_grader,
        tuple(consultant_tests),
        max(0, len(ordered) - limit),
    )


def unresolved_escalations(session: Session, test_ids: Iterable[str]) -> dict[str, int]:
    """Escalations not yet resolved (open or acknowledged), per test."""
    ids = list(test_ids)
    if not ids:
        return {}
    rows = session.exec(
        select(col(Escalation.test_id), func.count())
        .where(
            col(Escalation.test_id).in_(ids),
            col(Escalation.status) != EscalationStatus.resolved.value,
        )
        .group_by(col(Escalation.test_id))
    ).all()
    # The IN filter leaves no case without a test.
    return {test_id: int(count) for test_id, count in rows if test_id is not None}


def _by_state(
    session: Session, test_ids: Iterable[str], now: datetime
) -> list[tuple[Test, TestState]]:
    """The tests, open ones first, then those awaiting opening, then the finished ones;
    each group by grading deadline."""
    ids = list(test_ids)
    if not ids:
        return []
    tests = session.exec(select(Test).where(col(Test.test_id).in_(ids))).all()
    with_state = [(test, state_of(session, test, now)) for test in tests]
    return sorted(
        with_state, key=lambda item: (_GROUP[item[1]], item[0].grading_deadline, item[0].test_id)
    )


def _grader_test(session: Session, test: Test, state: TestState, email: str) -> GraderTest:
    marking = state in _MARKING_STATES
    committees = tuple(
        OwnProgress(
            committee=c.committee,
            graded=c.submitted - len(c.missing),
            submitted=c.submitted,
            phase=c.phase if marking else None,
            own_approved=c.own_approved_at is not None,
        )
        for c in grading_status(session, test, email)
    )
    return GraderTest(test, state, committees)


def _consultant_test(
    session: Session, test: Test, state: TestState, now: datetime, escalations: int
) -> ConsultantTest:
    marking = state in _MARKING_STATES
    return ConsultantTest(
        test,
        state,
        None if marking else readiness(session, test, now=now),
        tuple(
            CommitteePhase(s.committee, s.phase) for s in committee_statuses(session, test.test_id)
        )
        if marking
        else (),
        escalations,
    )
