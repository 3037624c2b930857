"""The state of a test (SPEC §4), derived from its data rather than stored.

`awaiting_deadline` → `awaiting_admin` (ended, not opened) → `open` → `graded` →
`transferred` (consultant confirmed the hand-off to FS). A test whose grades are set in
Sensorbot is graded when every committee is final-approved, which is the approvals
capability's to say (`graded_test_ids`); a test marked in Inspera when its final grades are
confirmed there, as a consultant confirmed or Inspera's `confirm_final_grades` said
(SPEC §2.6). Both are asked only about open tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from sqlmodel import Session, col, select

from bot.approvals import graded_test_ids
from models.inspera import InsperaFinalGrades
from models.tables import GradingIn, Test


class TestState(StrEnum):
    __test__ = False  # a domain name that pytest would otherwise try to collect

    awaiting_deadline = "awaiting_deadline"
    awaiting_admin = "awaiting_admin"
    open = "open"
    graded = "graded"
    transferred = "transferred"


class ExamDates(Protocol):
    """What a test's state is derived from: a `Test`, or just these columns of it."""

    @property
    def test_id(self) -> str: ...
    @property
    def submission_deadline(self) -> datetime: ...
    @property
    def opened_for_marking(self) -> datetime | None: ...
    @property
    def transferred_at(self) -> datetime | None: ...
    @property
    def grading_in(self) -> GradingIn | str: ...
    @property
    def final_grades_confirmed_at(self) -> datetime | None: ...
    @property
    def inspera_test_id(self) -> str | None: ...


def is_open(test: ExamDates, now: datetime) -> bool:
    """Opened for marking at or before `now`. A future `opened_for_marking` (written ahead
    in the roster) opens the test when that time comes, and its notices go out then."""
    return test.opened_for_marking is not None and test.opened_for_marking <= now


def state_of(session: Session, test: Test, now: datetime) -> TestState:
    return states_of(session, [test], now)[test.test_id]


def states_of(session: Session, tests: Iterable[ExamDates], now: datetime) -> dict[str, TestState]:
    """The state of each test, whether every committee is final asked in one query for all
    the open ones (a Home tab's many tests cost what one does)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    tests = list(tests)
    marking = [t for t in tests if t.transferred_at is None and is_open(t, now)]
    in_inspera = [t for t in marking if t.grading_in == GradingIn.inspera]
    graded = graded_test_ids(
        session, [t.test_id for t in marking if t.grading_in != GradingIn.inspera]
    ) | confirmed_in_inspera(session, in_inspera)
    return {test.test_id: _state(test, now, test.test_id in graded) for test in tests}


def confirmed_in_inspera(session: Session, tests: Iterable[ExamDates]) -> set[str]:
    """The tests among `tests` whose final grades are confirmed in Inspera: by a
    consultant's confirmation, or by Inspera's `confirm_final_grades` for the test's
    Inspera id (one query for all that need asking)."""
    tests = list(tests)
    confirmed = {t.test_id for t in tests if t.final_grades_confirmed_at is not None}
    by_inspera_id = {
        t.inspera_test_id: t.test_id
        for t in tests
        if t.test_id not in confirmed and t.inspera_test_id is not None
    }
    if by_inspera_id:
        told = session.exec(
            select(col(InsperaFinalGrades.inspera_test_id)).where(
                col(InsperaFinalGrades.inspera_test_id).in_(by_inspera_id)
            )
        )
        confirmed.update(by_inspera_id[inspera_id] for inspera_id in told)
    return confirmed


def _state(test: ExamDates, now: datetime, graded: bool) -> TestState:
    if test.transferred_at is not None:
        return TestState.transferred
    if is_open(test, now):
        return TestState.graded if graded else TestState.open
    if now < test.submission_deadline:
        return TestState.awaiting_deadline
    return TestState.awaiting_admin
