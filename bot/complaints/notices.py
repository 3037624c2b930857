"""The complaint committee's own messages (SPEC §3.11, § 11-11): the notice that names its
complaint candidates, reminders before the complaints' due date, and the overdue notices.

A complaint committee grades after the ordinary round, often weeks after the grading
deadline, so its messages run against `Complaint.due_at` (graded "without undue delay"),
never against the test's grading deadline:

- **Notice.** Each complaint of an open test is an occasion of its own
  (`complaint-opened:<complaint id>`), claimed once; the complaints claimed in one pass are
  told per committee, in one DM to each of its graders, keyed by committee, grader and the
  set of complaints. A complaint registered later for the same committee is a new set: one
  more notice, naming only the new candidates. A roster import that adds graders to the
  test has its complaints handled again (`bot.opening.notices.recheck_openings`); a grader
  hears only of complaints no notice has told them of yet, so only the new grader does.
- **Reminders** go `SENSORBOT_REMINDER_DAYS` local days before the committee's earliest
  open complaint is due, at 09:00 (`bot.scheduling.occasions`), to its graders with
  unfinished work; **overdue** at that moment, once to the graders and once to the
  consultants. Occasions are per committee (`complaint-reminder:7:<committee>`) and
  remember the due date they were handled for, so a new, earlier complaint makes them due
  again.

Unfinished work: for a test marked in Inspera, a complaint grader who has not reported the
committee done (`GradingReport`); for a test whose grades are set in Sensorbot, every
grader while a complaint of the committee is still `open` (the committee grades and
approves together, so nobody is done before the committee is).

No message carries an original grade, who gave it, an explanation or the complaint's
reasons (blind, § 11-11): only candidate numbers, the committee and the due date.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, cast, exists, func, literal
from sqlmodel import Session, col, select

from bot.approvals.state import candidate_order
from bot.opening.notices import report_unreachable_graders, unreachable_graders
from bot.scheduling.occasions import (
    CATCH_UP,
    COMPLAINT_OPENED_PREFIX,
    claim_occasion,
    reminder_bands,
)
from bot.scheduling.outbox import OutgoingMessage
from bot.scheduling.steps import (
    MessageKind,
    PassContext,
    consultant_recipients,
    grader_label,
    grader_recipient,
    graders_by_email,
    message,
)
from models.tables import (
    CommitteeMembership,
    CommitteePurpose,
    Complaint,
    ComplaintStatus,
    GradingIn,
    GradingReport,
    HandledOccasion,
    OutboxEntry,
    Test,
)

# Complaints (notices) or committees (reminders, overdue) handled per pass; more wait.
PER_PASS = 200
_REMINDER_PREFIX = "complaint-reminder:"
_OVERDUE_PREFIX = "complaint-overdue:"
_OCCASION_LENGTH = 64  # HandledOccasion.occasion
# The overdue range ends at the pass's moment, that moment included.
_INSTANT = timedelta(microseconds=1)


def committee_occasion(prefix: str, committee: str) -> str:
    """`prefix` and the committee, or a digest of the committee when that would not fit."""
    occasion = f"{prefix}{committee}"
    if len(occasion) <= _OCCASION_LENGTH:
        return occasion
    return f"{prefix}#{hashlib.sha256(committee.encode()).hexdigest()[:24]}"


# -- the notice ------------------------------------------------------------------------


def notify_complaint_committees(ctx: PassContext) -> list[OutgoingMessage]:
    """One notice per grader of each complaint committee with complaints not told yet, on
    tests open for marking. A complaint long past its due date (an old roster imported with
    its dates) wakes nobody."""
    handled = exists().where(
        col(HandledOccasion.test_id) == col(Complaint.test_id),
        col(HandledOccasion.occasion)
        == literal(COMPLAINT_OPENED_PREFIX) + cast(col(Complaint.id), String),
    )
    rows = ctx.session.exec(
        select(Complaint, Test)
        .join(Test, col(Test.test_id) == col(Complaint.test_id))
        .where(
            col(Test.opened_for_marking) <= ctx.now,
            col(Complaint.status) == ComplaintStatus.open.value,
            col(Complaint.due_at) > ctx.now - CATCH_UP,
            ~handled,
        )
        .order_by(col(Complaint.test_id), col(Complaint.complaint_committee), col(Complaint.id))
        .limit(PER_PASS)
    ).all()
    claimed: dict[tuple[str, str], list[Complaint]] = defaultdict(list)
    tests: dict[str, Test] = {}
    for complaint, test in rows:
        occasion = f"{COMPLAINT_OPENED_PREFIX}{complaint.id}"
        if claim_occasion(ctx.session, test.test_id, occasion, ctx.now):
            claimed[(test.test_id, complaint.complaint_committee)].append(complaint)
            tests[test.test_id] = test
    messages: list[OutgoingMessage] = []
    for (test_id, committee), complaints in claimed.items():
        messages += complaint_notices(
            ctx.session, tests[test_id], committee, complaints, ctx.now, ctx.settings.inspera_url
        )
    return messages


def complaint_notices(
    session: Session,
    test: Test,
    committee: str,
    complaints: Sequence[Complaint],
    now: datetime,
    inspera_url: str,
) -> list[OutgoingMessage]:
    """The notice to each grader of the complaint committee about those of these complaints
    they have not been told of (a grader a roster import added later hears of them all,
    the others of none again)."""
    emails = complaint_graders(session, test.test_id, [committee]).get(committee, [])
    graders = graders_by_email(session, emails)
    told = _told(session, test.test_id, committee)
    notices = []
    for email in emails:
        untold = [c for c in complaints if c.candidate_id not in told.get(email, set())]
        if not untold:
            continue
        complaint_set = "+".join(str(c.id) for c in sorted(untold, key=lambda c: c.id or 0))
        params = {
            **_facts(committee, untold, test),
            "inspera_url": inspera_url,
            "as_of": now.isoformat(),
        }
        recipient = grader_recipient(email, graders.get(email))
        occasion = (committee, complaint_set)
        notices.append(message(MessageKind.complaint_opened, test, recipient, occasion, params))
    return notices


def _told(session: Session, test_id: str, committee: str) -> dict[str, set[str]]:
    """The candidates each grader has had a notice about from this complaint committee
    (delivered or not). Read only when complaints are claimed, never on an idle pass."""
    rows = session.exec(
        select(col(OutboxEntry.to_email), col(OutboxEntry.payload)).where(
            col(OutboxEntry.test_id) == test_id,
            col(OutboxEntry.kind) == MessageKind.complaint_opened.value,
        )
    ).all()
    told: dict[str, set[str]] = defaultdict(set)
    for email, payload in rows:
        facts = json.loads(payload)
        if email is not None and facts.get("committee") == committee:
            told[email] |= set(facts.get("candidates", []))
    return told


def _facts(committee: str, complaints: Iterable[Complaint], test: Test) -> dict[str, Any]:
    """What every complaint message says: the committee, the candidates by number, the
    earliest due date and where the grades are set. Nothing of the original grading."""
    listed = list(complaints)
    return {
        "committee": committee,
        "candidates": sorted((c.candidate_id for c in listed), key=candidate_order),
        "due_at": min(c.due_at for c in listed).isoformat(),
        "grading_in": str(test.grading_in),
    }


def complaint_graders(
    session: Session, test_id: str, committees: Iterable[str]
) -> dict[str, list[str]]:
    """The graders of each complaint committee of the test, in e-mail order."""
    wanted = sorted(set(committees))
    if not wanted:
        return {}
    rows = session.exec(
        select(col(CommitteeMembership.committee), col(CommitteeMembership.grader_email))
        .where(
            col(CommitteeMembership.test_id) == test_id,
            col(CommitteeMembership.committee).in_(wanted),
            CommitteeMembership.purpose == CommitteePurpose.complaint,
        )
        .order_by(col(CommitteeMembership.grader_email))
    ).all()
    graders: dict[str, list[str]] = defaultdict(list)
    for committee, email in rows:
        if committee is not None:
            graders[committee].append(email)
    return dict(graders)


def report_unreachable_complaint_graders(ctx: PassContext) -> list[OutgoingMessage]:
    """Complaint graders Slack has nobody for, told to the consultants as for the opened
    notice, once every complaint notice of their test has been tried."""
    return report_unreachable_graders(ctx, MessageKind.complaint_opened)


# -- what is left, per committee --------------------------------------------------------


@dataclass(frozen=True)
class ComplaintRound:
    """A complaint committee with open complaints: its earliest due date, the candidates
    still open, and the graders who have work left."""

    test: Test
    committee: str
    due_at: datetime
    complaints: tuple[Complaint, ...]
    unfinished: tuple[str, ...]  # grader e-mails


@dataclass(frozen=True)
class _Due:
    """A complaint committee's earliest open complaint, and the occasion it makes."""

    test_id: str
    committee: str
    due_at: datetime
    occasion: str


def _due_committees(
    session: Session, now: datetime, prefix: str, *, due_from: datetime, due_before: datetime
) -> list[_Due]:
    """Complaint committees of open tests whose earliest open complaint is due in
    [due_from, due_before) and whose occasion is not handled for that due date yet,
    earliest first. Only keys are read here; a committee's round is loaded once claimed."""
    earliest = (
        select(
            col(Complaint.test_id).label("test_id"),
            col(Complaint.complaint_committee).label("committee"),
            func.min(col(Complaint.due_at)).label("due_at"),
        )
        .where(col(Complaint.status) == ComplaintStatus.open.value)
        .group_by(col(Complaint.test_id), col(Complaint.complaint_committee))
        .subquery()
    )
    rows = session.exec(
        select(earliest.c.test_id, earliest.c.committee, earliest.c.due_at)
        .join(Test, col(Test.test_id) == earliest.c.test_id)
        .where(
            col(Test.opened_for_marking) <= now,
            earliest.c.due_at >= due_from,
            earliest.c.due_at < due_before,
        )
        .order_by(earliest.c.due_at, earliest.c.test_id, earliest.c.committee)
    ).all()
    due = [
        _Due(test_id, committee, due_at, committee_occasion(prefix, committee))
        for test_id, committee, due_at in rows
    ]
    handled = _handled(session, {d.test_id for d in due}, prefix)
    return [d for d in due if (d.test_id, d.occasion, d.due_at) not in handled][:PER_PASS]


def _handled(session: Session, test_ids: set[str], prefix: str) -> set[tuple]:
    """(test, occasion, due date) of the occasions with `prefix` already handled for these
    tests: one query, so a pass claims only what is new."""
    if not test_ids:
        return set()
    rows = session.exec(
        select(
            col(HandledOccasion.test_id), col(HandledOccasion.occasion), HandledOccasion.deadline
        ).where(
            col(HandledOccasion.test_id).in_(sorted(test_ids)),
            col(HandledOccasion.occasion).startswith(prefix),
        )
    ).all()
    return {(test_id, occasion, deadline) for test_id, occasion, deadline in rows}


def _claimed_rounds(ctx: PassContext, due: Sequence[_Due]) -> list[ComplaintRound]:
    """The rounds of the committees whose occasion this pass claims."""
    rounds = []
    for d in due:
        if not claim_occasion(ctx.session, d.test_id, d.occasion, ctx.now, d.due_at):
            continue
        test = ctx.session.get(Test, d.test_id)
        if test is not None:
            rounds.append(complaint_round(ctx.session, test, d.committee, d.due_at))
    return rounds


def complaint_round(
    session: Session, test: Test, committee: str, due_at: datetime
) -> ComplaintRound:
    """The committee's open complaints and its graders with work left."""
    complaints = session.exec(
        select(Complaint).where(
            Complaint.test_id == test.test_id,
            Complaint.complaint_committee == committee,
            Complaint.status == ComplaintStatus.open,
        )
    ).all()
    graders = complaint_graders(session, test.test_id, [committee]).get(committee, [])
    if test.grading_in == GradingIn.inspera:
        reported = set(
            session.exec(
                select(col(GradingReport.grader_email)).where(
                    GradingReport.test_id == test.test_id, GradingReport.committee == committee
                )
            ).all()
        )
        graders = [email for email in graders if email not in reported]
    return ComplaintRound(test, committee, due_at, tuple(complaints), tuple(graders))


# -- reminders and overdue ---------------------------------------------------------------


def remind_complaint_graders(ctx: PassContext) -> list[OutgoingMessage]:
    """The reminder due today for each complaint committee, to its graders with work left."""
    messages: list[OutgoingMessage] = []
    for band in reminder_bands(ctx.now, ctx.settings.tz, ctx.settings.reminder_day_list):
        prefix = f"{_REMINDER_PREFIX}{band.days}:"
        # A complaint due now is the overdue notice's.
        due_from = max(band.start, ctx.now + _INSTANT)
        due = _due_committees(ctx.session, ctx.now, prefix, due_from=due_from, due_before=band.end)
        for r in _claimed_rounds(ctx, due):
            messages += _to_graders(ctx, MessageKind.complaint_reminder, r, {"days": band.days})
    return messages


def escalate_overdue_complaints(ctx: PassContext) -> list[OutgoingMessage]:
    """When a complaint committee's earliest open complaint is due: its graders with work
    left once, and the consultants once (nothing when nobody has work left). Sent late for
    up to `CATCH_UP`, no later."""
    due = _due_committees(
        ctx.session,
        ctx.now,
        _OVERDUE_PREFIX,
        due_from=ctx.now - CATCH_UP,
        due_before=ctx.now + _INSTANT,
    )
    messages: list[OutgoingMessage] = []
    for r in _claimed_rounds(ctx, due):
        if r.unfinished:
            messages += _to_graders(ctx, MessageKind.complaint_overdue, r, {})
            messages += _to_consultants(ctx, r)
    return messages


def _to_graders(
    ctx: PassContext, kind: MessageKind, r: ComplaintRound, extra: dict[str, Any]
) -> list[OutgoingMessage]:
    graders = graders_by_email(ctx.session, r.unfinished)
    due_day = r.due_at.astimezone(ctx.settings.tz).date().isoformat()
    params = {**_facts(r.committee, r.complaints, r.test), "as_of": ctx.now.isoformat(), **extra}
    occasion = (r.committee, due_day, *extra.values())
    return [
        message(kind, r.test, grader_recipient(email, graders.get(email)), occasion, params)
        for email in r.unfinished
    ]


def _to_consultants(ctx: PassContext, r: ComplaintRound) -> list[OutgoingMessage]:
    graders = graders_by_email(ctx.session, r.unfinished)
    unreachable = unreachable_graders(ctx.session, r.test.test_id)
    due_day = r.due_at.astimezone(ctx.settings.tz).date().isoformat()
    params = {
        **_facts(r.committee, r.complaints, r.test),
        "as_of": ctx.now.isoformat(),
        "graders": [
            {
                "name": grader_label(email, graders.get(email)),
                "unreachable": email in unreachable,
            }
            for email in r.unfinished
        ],
    }
    return [
        message(
            MessageKind.complaint_overdue_escalation,
            r.test,
            recipient,
            (r.committee, due_day),
            params,
        )
        # In DMs only: who complained is not for the department channel.
        for recipient in consultant_recipients(ctx.session, r.test, ctx.settings)
    ]
