"""The state of a test (SPEC §4), derived from its data rather than stored.

`awaiting_deadline` → `awaiting_admin` (ended, not opened) → `open` → `graded` (every
committee final-approved) → `transferred` (consultant confirmed the hand-off to FS). Whether
every committee is final is the approvals capability's to say (`graded_test_ids`), asked
only about open tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from sqlmodel import Session

from bot.approvals import graded_test_ids
from models.tables import Test


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
    graded = graded_test_ids(
        session, [t.test_id for t in tests if t.transferred_at is None and is_open(t, now)]
    )
    return {test.test_id: _state(test, now, test.test_id in graded) for test in tests}


def _state(test: ExamDates, now: datetime, graded: bool) -> TestState:
    if test.transferred_at is not None:
        return TestState.transferred
    if is_open(test, now):
        return TestState.graded if graded else TestState.open
    if now < test.submission_deadline:
        return TestState.awaiting_deadline
    return TestState.awaiting_admin
