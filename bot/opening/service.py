"""Opening a test for marking: refused while readiness blockers exist (SPEC §2.2).

Opening only records the time; the scheduler's next pass sees an open test without its
notices and sends them (`bot.opening.notices`), exactly as when a roster import fills in
`opened_for_marking`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import distinct, func, or_, update
from sqlmodel import Session, col, select

from bot.exams import audit
from bot.opening.readiness import Readiness, readiness
from models.tables import CommitteeMembership, Test

OPENED_ACTION = "test.opened"


@dataclass(frozen=True)
class Opened:
    test_id: str
    opened_at: datetime
    graders: int


@dataclass(frozen=True)
class AlreadyOpen:
    test_id: str
    opened_at: datetime


@dataclass(frozen=True)
class Refused:
    test_id: str
    readiness: Readiness


OpenResult = Opened | AlreadyOpen | Refused


def open_test(session: Session, test: Test, actor: str, now: datetime) -> OpenResult:
    """Open `test` at `now` on behalf of `actor` (audited), unless it is open already or
    blockers keep it closed. Whoever calls this has checked that `actor` may."""
    if test.opened_for_marking is not None and test.opened_for_marking <= now:
        return AlreadyOpen(test.test_id, test.opened_for_marking)
    status = readiness(session, test, now=now)
    if not status.ready:
        return Refused(test.test_id, status)
    previous = test.opened_for_marking
    # Conditional, so that two consultants opening at the same moment open it once.
    opened = session.exec(
        update(Test)
        .where(
            col(Test.test_id) == test.test_id,
            or_(col(Test.opened_for_marking).is_(None), col(Test.opened_for_marking) > now),
        )
        .values(opened_for_marking=now)
    ).rowcount
    session.refresh(test)
    if not opened:
        # Nothing updated: the test was opened already, at or before now.
        assert test.opened_for_marking is not None
        return AlreadyOpen(test.test_id, test.opened_for_marking)
    audit.record(
        session,
        actor,
        OPENED_ACTION,
        test_id=test.test_id,
        old=previous.isoformat() if previous else None,
        new=now.isoformat(),
    )
    return Opened(test.test_id, now, _grader_count(session, test.test_id))


def _grader_count(session: Session, test_id: str) -> int:
    return session.exec(
        select(func.count(distinct(col(CommitteeMembership.grader_email)))).where(
            CommitteeMembership.test_id == test_id
        )
    ).one()
