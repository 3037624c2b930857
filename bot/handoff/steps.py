"""The hand-off's part of a scheduler pass (SPEC §3.13).

`start_fs_handoffs` starts the hand-off of every graded test that has none yet, whatever
made it graded (a consultant's confirmation that the final grades are confirmed in Inspera,
approvals finished elsewhere): one query for the tests that may be graded, their states in
one more (`states_of`). `remind_untransferred_tests` reminds the consultants of a test not
transferred two working days after its hand-off started, on each working day at 09:00 local
time (or the first pass after it that day), until it is transferred; the day's occasion is
claimed once, so a day is reminded once across replicas.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, union
from sqlmodel import col, select

from bot.approvals.delivery import outcome_messages
from bot.approvals.outcome import ApprovalOutcome
from bot.exams.deadlines import WorkingCalendar
from bot.handoff.checklist import start_graded_handoffs
from bot.scheduling.occasions import claim_occasion, delivery_time_reached, local_day_start
from bot.scheduling.outbox import OutgoingMessage
from bot.scheduling.steps import MessageKind, PassContext, consultant_recipients, message
from models.inspera import InsperaFinalGrades
from models.tables import CommitteeFinal, FsHandoff, GradingIn, HandledOccasion, Test

TESTS_PER_PASS = 200
# A graded test not transferred after this many working days is reminded.
REMIND_AFTER_WORKING_DAYS = 2


def reminder_occasion(day: date) -> str:
    return f"fs_reminder:{day.isoformat()}"


def start_fs_handoffs(ctx: PassContext) -> list[OutgoingMessage]:
    """The checklist for each graded, untransferred test without a hand-off."""
    # The tests that may be graded, each kind found through an index rather than by
    # reading every test: a Sensorbot-marked test with a committee's final grades, or an
    # untransferred Inspera test whose final grades are confirmed here or by Inspera.
    untransferred_inspera = and_(
        col(Test.grading_in) == GradingIn.inspera.value, col(Test.transferred_at).is_(None)
    )
    may_be_graded = union(
        select(col(CommitteeFinal.test_id))
        .join(Test, col(Test.test_id) == col(CommitteeFinal.test_id))
        .where(col(Test.grading_in) != GradingIn.inspera.value),
        select(col(Test.test_id)).where(
            untransferred_inspera, col(Test.final_grades_confirmed_at).is_not(None)
        ),
        select(col(Test.test_id))
        .join(
            InsperaFinalGrades,
            col(InsperaFinalGrades.inspera_test_id) == col(Test.inspera_test_id),
        )
        .where(untransferred_inspera),
    )
    tests = ctx.session.exec(
        select(Test)
        .where(
            col(Test.test_id).in_(may_be_graded),
            col(Test.transferred_at).is_(None),
            col(Test.opened_for_marking) <= ctx.now,
            ~exists().where(col(FsHandoff.test_id) == col(Test.test_id)),
        )
        .order_by(col(Test.test_id))
        .limit(TESTS_PER_PASS)
    ).all()
    outcome = ApprovalOutcome()
    start_graded_handoffs(ctx.session, tests, ctx.now, outcome)
    return outcome_messages(ctx.session, outcome)


def remind_untransferred_tests(ctx: PassContext) -> list[OutgoingMessage]:
    """Today's reminder to the consultants of each test waiting for the FS transfer."""
    tz, calendar = ctx.settings.tz, ctx.settings.calendar
    today = ctx.now.astimezone(tz).date()
    if not delivery_time_reached(ctx.now, tz) or not calendar.is_working_day(today):
        return []
    occasion = reminder_occasion(today)
    handled = exists().where(
        col(HandledOccasion.test_id) == col(Test.test_id), col(HandledOccasion.occasion) == occasion
    )
    rows = ctx.session.exec(
        select(Test, FsHandoff)
        .join(FsHandoff, col(FsHandoff.test_id) == col(Test.test_id))
        .where(
            col(Test.transferred_at).is_(None),
            col(FsHandoff.started_at) < waited_since(today, calendar, tz),
            ~handled,
        )
        .order_by(col(FsHandoff.started_at), col(Test.test_id))
        .limit(TESTS_PER_PASS)
    ).all()
    messages: list[OutgoingMessage] = []
    for test, handoff in rows:
        if not claim_occasion(ctx.session, test.test_id, occasion, ctx.now):
            continue
        params = {
            "started_at": handoff.started_at.isoformat(),
            "trial_recorded": handoff.trial_result is not None,
            "graded_in_sensorbot": test.grading_in != GradingIn.inspera,
        }
        for recipient in consultant_recipients(ctx.session, test, ctx.settings):
            messages.append(
                message(MessageKind.handoff_reminder, test, recipient, (today.isoformat(),), params)
            )
    return messages


def waited_since(today: date, calendar: WorkingCalendar, tz: ZoneInfo) -> datetime:
    """A hand-off started before this moment has waited `REMIND_AFTER_WORKING_DAYS` working
    days by the end of `today` (a working day): the start of the working day that many
    working days back, `today` counted as the first."""
    day = calendar.working_days_before(today, REMIND_AFTER_WORKING_DAYS - 1)
    return local_day_start(day, tz)
