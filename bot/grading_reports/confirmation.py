"""A consultant confirms that a test's final grades are confirmed in Inspera (SPEC §2.6):
the test is then graded (`bot.exams.phase`), its reminders stop, and the FS hand-off can
start. Inspera's own `confirm_final_grades` may have said so first; then nothing changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.approvals.prompts import lock_test
from bot.exams import audit
from bot.exams.people import Roles
from bot.exams.phase import is_open
from bot.inspera.stored import final_grades_confirmed
from models.tables import GradingIn

CONFIRMED = "final_grades_confirmed"


class ConfirmOutcome(StrEnum):
    confirmed = "confirmed"  # recorded now
    already_confirmed = "already_confirmed"  # by a consultant before, or by Inspera
    not_yours = "not_yours"  # not a consultant of the test (nor an admin)
    unknown_test = "unknown_test"
    not_in_inspera = "not_in_inspera"  # the test's grades are set in Sensorbot
    not_open = "not_open"


@dataclass(frozen=True)
class FinalGradesConfirmation:
    test_id: str
    outcome: ConfirmOutcome
    confirmed_at: datetime | None = None
    confirmed_by: str | None = None  # None when Inspera said so


def confirm_final_grades(
    session: Session, test_id: str, roles: Roles, now: datetime
) -> FinalGradesConfirmation:
    """Set `Test.final_grades_confirmed_at/_by`, if `roles` (read from the store) make the
    presser a consultant of the test and nobody confirmed it yet."""
    if not roles.may_administer(test_id):
        return FinalGradesConfirmation(test_id, ConfirmOutcome.not_yours)
    test = lock_test(session, test_id)
    if test is None:
        return FinalGradesConfirmation(test_id, ConfirmOutcome.unknown_test)
    if test.grading_in != GradingIn.inspera:
        return FinalGradesConfirmation(test_id, ConfirmOutcome.not_in_inspera)
    if test.final_grades_confirmed_at is not None:
        return FinalGradesConfirmation(
            test_id,
            ConfirmOutcome.already_confirmed,
            test.final_grades_confirmed_at,
            test.final_grades_confirmed_by,
        )
    by_inspera = final_grades_confirmed(session, test_id)
    if by_inspera is not None:
        return FinalGradesConfirmation(test_id, ConfirmOutcome.already_confirmed, by_inspera)
    if not is_open(test, now) or test.transferred_at is not None:
        return FinalGradesConfirmation(test_id, ConfirmOutcome.not_open)
    actor = roles.email or ""
    test.final_grades_confirmed_at = now
    test.final_grades_confirmed_by = actor
    session.add(test)
    audit.record(session, actor, CONFIRMED, test_id=test_id, new=now.isoformat())
    return FinalGradesConfirmation(test_id, ConfirmOutcome.confirmed, now, actor)
