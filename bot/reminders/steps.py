"""Reminders before the grading deadline, overdue notices and escalation at it, and nudges
for tests that ended but are not open (SPEC §3.7). The time rules are in `bot.scheduling.occasions`;
who has unfinished work, and what it is, is `bot.reminders.unfinished.unfinished_work`.

Each step selects only the tests with an occasion due now and not yet handled — index
ranges on the deadlines, anti-joined with the handled occasions — so a pass with nothing
due reads next to nothing, however many tests and sent messages the store holds.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, or_
from sqlmodel import col, select

from bot.exams.phase import is_open
from bot.opening.named_findings import named_findings
from bot.opening.notices import unreachable_graders
from bot.opening.readiness import readiness
from bot.reminders.unfinished import unfinished_work
from bot.scheduling.occasions import (
    CATCH_UP,
    OVERDUE,
    claim_occasion,
    delivery_time_reached,
    local_day_start,
    nudge_occasion,
    reminder_bands,
    reminder_occasion,
)
from bot.scheduling.outbox import OutgoingMessage
from bot.scheduling.steps import (
    MessageKind,
    PassContext,
    consultant_recipients,
    escalation_recipients,
    grader_label,
    grader_recipient,
    graders_by_email,
    message,
)
from models.tables import HandledOccasion, Test

TESTS_PER_PASS = 200


def _handled(occasion: str, *, for_deadline: bool):
    condition = exists().where(
        col(HandledOccasion.test_id) == col(Test.test_id), col(HandledOccasion.occasion) == occasion
    )
    if for_deadline:
        condition = condition.where(col(HandledOccasion.deadline) == col(Test.grading_deadline))
    return condition


def remind_unfinished_graders(ctx: PassContext) -> list[OutgoingMessage]:
    """The reminder due today for each open test, to its graders with unfinished work."""
    tz = ctx.settings.tz
    messages: list[OutgoingMessage] = []
    for band in reminder_bands(ctx.now, tz, ctx.settings.reminder_day_list):
        occasion = reminder_occasion(band.days)
        tests = ctx.session.exec(
            select(Test)
            .where(
                Test.grading_deadline >= band.start,
                Test.grading_deadline < band.end,
                Test.grading_deadline > ctx.now,
                col(Test.opened_for_marking) <= ctx.now,
                ~_handled(occasion, for_deadline=True),
            )
            .order_by(col(Test.grading_deadline), col(Test.test_id))
            .limit(TESTS_PER_PASS)
        ).all()
        for test in tests:
            if claim_occasion(ctx.session, test.test_id, occasion, ctx.now, test.grading_deadline):
                messages += _reminders(ctx, test, band.days)
    return messages


def _reminders(ctx: PassContext, test: Test, days: int) -> list[OutgoingMessage]:
    work = unfinished_work(ctx.session, test)
    graders = graders_by_email(ctx.session, [w.grader_email for w in work])
    deadline_day = test.grading_deadline.astimezone(ctx.settings.tz).date().isoformat()
    params = {
        "days": days,
        "grading_deadline": test.grading_deadline.isoformat(),
        "as_of": ctx.now.isoformat(),
    }
    return [
        message(
            MessageKind.reminder,
            test,
            grader_recipient(w.grader_email, graders.get(w.grader_email)),
            (deadline_day, days),
            {**params, **w.progress},
        )
        for w in work
    ]


def escalate_overdue_tests(ctx: PassContext) -> list[OutgoingMessage]:
    """At the grading deadline: a DM to each grader with unfinished work on an open test,
    and one escalation per test to its consultants listing what is unfinished."""
    tests = ctx.session.exec(
        select(Test)
        .where(
            Test.grading_deadline <= ctx.now,
            Test.grading_deadline > ctx.now - CATCH_UP,
            ~_handled(OVERDUE, for_deadline=True),
        )
        .order_by(col(Test.grading_deadline), col(Test.test_id))
        .limit(TESTS_PER_PASS)
    ).all()
    messages: list[OutgoingMessage] = []
    for test in tests:
        if claim_occasion(ctx.session, test.test_id, OVERDUE, ctx.now, test.grading_deadline):
            messages += _overdue(ctx, test)
    return messages


def _overdue(ctx: PassContext, test: Test) -> list[OutgoingMessage]:
    work = unfinished_work(ctx.session, test)
    if not work:
        return []
    graders = graders_by_email(ctx.session, [w.grader_email for w in work])
    deadline_day = test.grading_deadline.astimezone(ctx.settings.tz).date().isoformat()
    opened = is_open(test, ctx.now)
    params: dict[str, Any] = {
        "grading_deadline": test.grading_deadline.isoformat(),
        "as_of": ctx.now.isoformat(),
    }
    messages = []
    if opened:
        # Graders of a test that never opened could not have worked on it: only the
        # consultants hear about that one.
        for w in work:
            recipient = grader_recipient(w.grader_email, graders.get(w.grader_email))
            messages.append(
                message(
                    MessageKind.overdue, test, recipient, (deadline_day,), {**params, **w.progress}
                )
            )
    unreachable = unreachable_graders(ctx.session, test.test_id)
    escalation = {
        **params,
        "opened": opened,
        "graders": [
            {
                "name": grader_label(w.grader_email, graders.get(w.grader_email)),
                "committees": list(w.committees),
                "unreachable": w.grader_email in unreachable,
            }
            for w in work
        ],
        **(
            named_findings(ctx.session, readiness(ctx.session, test, now=ctx.now))
            if not opened
            else {}
        ),
    }
    for recipient in escalation_recipients(ctx.session, test, ctx.settings):
        messages.append(
            message(MessageKind.overdue_escalation, test, recipient, (deadline_day,), escalation)
        )
    return messages


def nudge_unopened_tests(ctx: PassContext) -> list[OutgoingMessage]:
    """From the day after the submission deadline, daily at 09:00: consultants of a test
    that is still not open hear what keeps it from opening. Until its grading deadline;
    after that the overdue escalation speaks for it."""
    tz = ctx.settings.tz
    if not delivery_time_reached(ctx.now, tz):
        return []
    today = ctx.now.astimezone(tz).date()
    occasion = nudge_occasion(today)
    tests = ctx.session.exec(
        select(Test)
        .where(
            Test.submission_deadline < local_day_start(today, tz),
            or_(col(Test.opened_for_marking).is_(None), col(Test.opened_for_marking) > ctx.now),
            Test.grading_deadline > ctx.now,
            ~_handled(occasion, for_deadline=False),
        )
        .order_by(col(Test.submission_deadline), col(Test.test_id))
        .limit(TESTS_PER_PASS)
    ).all()
    messages: list[OutgoingMessage] = []
    for test in tests:
        if not claim_occasion(ctx.session, test.test_id, occasion, ctx.now):
            continue
        params = {
            "submission_deadline": test.submission_deadline.isoformat(),
            **named_findings(ctx.session, readiness(ctx.session, test, now=ctx.now)),
        }
        for recipient in consultant_recipients(ctx.session, test, ctx.settings):
            messages.append(
                message(MessageKind.nudge, test, recipient, (today.isoformat(),), params)
            )
    return messages
