"""Opened-for-marking notices (SPEC §3.2): one DM per grader and test, and one message per
test to its consultants naming the graders Slack does not know.

A test counts as newly opened when `opened_for_marking` has come and its `opened` occasion
is not handled yet — however it was opened (`sensorbot open`, `/sensur open`, a roster
import), so nothing has to tell the scheduler. A roster import that adds graders to a test
forgets its handled opening (`recheck_openings`), so the next pass tells the new graders.
Tests whose grading deadline has passed get no notice: an old roster imported with its
opening dates must not wake everybody up.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, func, or_, update
from sqlmodel import Session, col, select

from bot.reminders.unfinished import committee_order
from bot.scheduling.occasions import COMPLAINT_OPENED_PREFIX, OPENED, claim_occasion
from bot.scheduling.outbox import OutgoingMessage
from bot.scheduling.steps import (
    MessageKind,
    PassContext,
    consultant_recipients,
    grader_recipient,
    graders_by_email,
    message,
)
from models.tables import (
    Candidate,
    CandidateStatus,
    CommitteeMembership,
    CommitteePurpose,
    HandledOccasion,
    OutboxEntry,
    OutboxStatus,
    Test,
)

# Tests handled per pass; more wait for the next pass, so one pass stays short.
TESTS_PER_PASS = 200
UNREPORTED_PER_PASS = 2000
_IN_CHUNK = 500


def notify_opened_tests(ctx: PassContext) -> list[OutgoingMessage]:
    """Notices for every test opened by now whose notices are not enqueued yet."""
    handled = exists().where(
        col(HandledOccasion.test_id) == col(Test.test_id), col(HandledOccasion.occasion) == OPENED
    )
    tests = ctx.session.exec(
        select(Test)
        .where(
            col(Test.opened_for_marking) <= ctx.now, col(Test.grading_deadline) > ctx.now, ~handled
        )
        .order_by(col(Test.opened_for_marking), col(Test.test_id))
        .limit(TESTS_PER_PASS)
    ).all()
    messages: list[OutgoingMessage] = []
    for test in tests:
        if claim_occasion(ctx.session, test.test_id, OPENED, ctx.now):
            messages += opened_notices(
                ctx.session, test, now=ctx.now, inspera_url=ctx.settings.inspera_url
            )
    return messages


def recheck_openings(session: Session, test_ids: Iterable[str]) -> None:
    """Graders were added to these tests: have the next pass handle their openings again.
    Notices are keyed per grader and test, so only the graders not told yet get one. The
    same for their complaints: a complaint committee's notice goes only to graders not
    told of those complaints yet."""
    ids = sorted(set(test_ids))
    for start in range(0, len(ids), _IN_CHUNK):
        session.exec(
            delete(HandledOccasion).where(
                or_(
                    col(HandledOccasion.occasion) == OPENED,
                    col(HandledOccasion.occasion).startswith(COMPLAINT_OPENED_PREFIX),
                ),
                col(HandledOccasion.test_id).in_(ids[start : start + _IN_CHUNK]),
            )
        )


# Where a test's grades are set (SPEC §2.6). Every test's grades are collected in Sensorbot
# for now; the roster's `grading_in` column will choose per test.
GRADES_IN_SENSORBOT = "sensorbot"


def opened_notices(
    session: Session, test: Test, *, now: datetime, inspera_url: str
) -> list[OutgoingMessage]:
    """One notice per grader on `test`, with that grader's committees and candidates, the
    deadline as seen at `now`, and the Inspera address graders log in at."""
    committees: dict[str, list[str | None]] = defaultdict(list)
    for email, committee in session.exec(
        select(CommitteeMembership.grader_email, CommitteeMembership.committee).where(
            CommitteeMembership.test_id == test.test_id,
            # A complaint committee has its own notice (bot.complaints.notices).
            CommitteeMembership.purpose != CommitteePurpose.complaint,
        )
    ).all():
        committees[email].append(committee)
    candidates = _candidates_by_committee(session, test.test_id)
    graders = graders_by_email(session, committees)
    rules = {
        "marking_mode": str(test.marking_mode),
        "own_approval": str(test.own_approval),
        "final_approval": str(test.final_approval),
        "guideline_published": test.guideline_published,
        "registration_only": test.registration_only,
        "grading_deadline": test.grading_deadline.isoformat(),
        "grading_in": GRADES_IN_SENSORBOT,
        "inspera_url": inspera_url,
        "as_of": now.isoformat(),
    }
    notices = []
    for email in sorted(committees):
        named = sorted({c for c in committees[email] if c is not None}, key=committee_order)
        per_committee = [
            {
                "committee": committee,
                "submitted_count": candidates[(committee, CandidateStatus.submitted.value)],
                "absent_count": candidates[(committee, CandidateStatus.absent.value)],
            }
            for committee in named
        ]
        recipient = grader_recipient(email, graders.get(email))
        params = {**rules, "per_committee": per_committee}
        notices.append(message(MessageKind.opened, test, recipient, (), params))
    return notices


def _candidates_by_committee(session: Session, test_id: str) -> Counter:
    rows = session.exec(
        select(Candidate.committee, Candidate.status, func.count())
        .where(Candidate.test_id == test_id)
        .group_by(Candidate.committee, Candidate.status)
    ).all()
    return Counter({(committee, status): count for committee, status, count in rows})


def report_unreachable_graders(
    ctx: PassContext, notice: MessageKind = MessageKind.opened
) -> list[OutgoingMessage]:
    """Once every notice of a test has been tried, one message to its consultants listing
    the graders Slack has nobody for. Later unreachable graders (added to an open test)
    get a message of their own. `notice`: the notices to report on (the complaint
    committees' have their own report)."""
    rows = ctx.session.exec(
        select(col(OutboxEntry.id), col(OutboxEntry.test_id), col(OutboxEntry.to_email))
        .where(
            col(OutboxEntry.kind) == notice.value,
            col(OutboxEntry.status) == OutboxStatus.undeliverable.value,
            col(OutboxEntry.reported_at).is_(None),
        )
        .order_by(col(OutboxEntry.test_id), col(OutboxEntry.id))
        .limit(UNREPORTED_PER_PASS)
        .with_for_update(skip_locked=True)
    ).all()
    unreported: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for entry_id, test_id, email in rows:
        # An opened notice is stored with its test and the grader's e-mail.
        if entry_id is not None and test_id is not None and email is not None:
            unreported[test_id].append((entry_id, email))
    messages: list[OutgoingMessage] = []
    for test_id, entries in unreported.items():
        if _notices_in_flight(ctx.session, test_id, notice):
            continue
        test = ctx.session.get(Test, test_id)
        if test is not None:
            messages += _unreachable_report(ctx, test, entries, notice)
        ctx.session.exec(
            update(OutboxEntry)
            .where(col(OutboxEntry.id).in_([entry_id for entry_id, _ in entries]))
            .values(reported_at=ctx.now)
        )
    return messages


def _notices_in_flight(session: Session, test_id: str, notice: MessageKind) -> bool:
    return session.exec(
        select(
            exists().where(
                col(OutboxEntry.test_id) == test_id,
                col(OutboxEntry.kind) == notice.value,
                col(OutboxEntry.status).in_(
                    [OutboxStatus.pending.value, OutboxStatus.sending.value]
                ),
            )
        )
    ).one()


def _unreachable_report(
    ctx: PassContext, test: Test, entries: list[tuple[int, str]], notice: MessageKind
) -> list[OutgoingMessage]:
    graders = graders_by_email(ctx.session, [email for _, email in entries])
    listed: list[dict[str, Any]] = []
    for _, email in entries:
        grader = graders.get(email)
        listed.append(
            {
                "email": email,
                "name": grader.name if grader and grader.name else None,
                "inspera_email": grader.inspera_email if grader else None,
            }
        )
    # The newest row names the set, so two passes reporting the same set make one message.
    occasion = (max(entry_id for entry_id, _ in entries),)
    params = {"graders": listed, "notice": notice.value}
    return [
        message(MessageKind.unreachable, test, recipient, occasion, params)
        for recipient in consultant_recipients(ctx.session, test, ctx.settings)
    ]


# The messages that say whether Slack has a grader: a notice Slack had nobody for, or one
# it took.
_TOLD_KINDS = [
    MessageKind.opened.value,
    MessageKind.reminder.value,
    MessageKind.overdue.value,
    MessageKind.complaint_opened.value,
    MessageKind.complaint_reminder.value,
    MessageKind.complaint_overdue.value,
]


def unreachable_graders(session: Session, test_id: str) -> set[str]:
    """Graders of the test Slack had nobody for, and who have not been reached since (a
    later message to them that Slack took): later reports to the consultants keep them
    marked."""
    rows = session.exec(
        select(col(OutboxEntry.to_email), col(OutboxEntry.status)).where(
            col(OutboxEntry.test_id) == test_id,
            col(OutboxEntry.kind).in_(_TOLD_KINDS),
            col(OutboxEntry.status).in_(
                [OutboxStatus.undeliverable.value, OutboxStatus.sent.value]
            ),
        )
    ).all()
    missed = {email for email, status in rows if status == OutboxStatus.undeliverable.value}
    reached = {email for email, status in rows if status == OutboxStatus.sent.value}
    return {email for email in missed - reached if email is not None}
