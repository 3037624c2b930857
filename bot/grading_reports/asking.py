"""Ask a test's consultants once (SPEC §2.6): when every grader of every committee of a test
marked in Inspera has reported their grading approved there, and the final grades are not
confirmed yet, one message to the consultants with a button to confirm them here.

One query over open `inspera` tests that are not confirmed, not asked yet (the handled
`all_reported` occasion), and have no grader of a committee left without a report. The
occasion stays handled: a take-back and a new report do not ask again.
"""

from __future__ import annotations

from sqlalchemy import and_, exists
from sqlmodel import col, select

from bot.exams.phase import confirmed_in_inspera
from bot.scheduling.occasions import claim_occasion
from bot.scheduling.outbox import OutgoingMessage
from bot.scheduling.steps import MessageKind, PassContext, consultant_recipients, message
from models.tables import (
    CommitteeMembership,
    CommitteePurpose,
    GradingIn,
    GradingReport,
    HandledOccasion,
    Test,
)

ALL_REPORTED = "all_reported"
TESTS_PER_PASS = 200


def ask_consultants_to_confirm(ctx: PassContext) -> list[OutgoingMessage]:
    """The message to the consultants of each test whose graders have all reported."""
    # The ordinary round's committees; a complaint committee comes after the final grades.
    membership = and_(
        col(CommitteeMembership.test_id) == col(Test.test_id),
        col(CommitteeMembership.committee).is_not(None),
        col(CommitteeMembership.purpose) == CommitteePurpose.grading.value,
    )
    reported = exists().where(
        col(GradingReport.test_id) == col(CommitteeMembership.test_id),
        col(GradingReport.committee) == col(CommitteeMembership.committee),
        col(GradingReport.grader_email) == col(CommitteeMembership.grader_email),
    )
    asked = exists().where(
        col(HandledOccasion.test_id) == col(Test.test_id),
        col(HandledOccasion.occasion) == ALL_REPORTED,
    )
    tests = ctx.session.exec(
        select(Test)
        .where(
            col(Test.grading_in) == GradingIn.inspera.value,
            col(Test.opened_for_marking) <= ctx.now,
            col(Test.transferred_at).is_(None),
            col(Test.final_grades_confirmed_at).is_(None),
            ~asked,
            exists().where(membership),
            ~exists().where(membership, ~reported),
        )
        .order_by(col(Test.test_id))
        .limit(TESTS_PER_PASS)
    ).all()
    confirmed = confirmed_in_inspera(ctx.session, tests)
    messages: list[OutgoingMessage] = []
    for test in tests:
        if not claim_occasion(ctx.session, test.test_id, ALL_REPORTED, ctx.now):
            continue
        if test.test_id in confirmed:
            continue  # Inspera said so first: nothing to ask
        params = {"as_of": ctx.now.isoformat()}
        for recipient in consultant_recipients(ctx.session, test, ctx.settings):
            messages.append(message(MessageKind.grading_reported, test, recipient, (), params))
    return messages
