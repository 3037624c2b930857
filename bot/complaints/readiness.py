"""What keeps a complaint committee from grading its complaints (SPEC §3.11), for the
consultants' readiness lists: a committee with open complaints and nobody on it, and
graders on it whom Slack has nobody for (their notice could not be delivered, and no later
message reached them).

A complaint committee that breaks § 11-11 (fewer than two graders, no external grader, a
grader who graded the candidate before) cannot be stored — the roster import refuses it —
so it is not checked here.

Set-wise over the tests asked about, a few queries whatever their number; the readiness
of `bot.opening.readiness` turns these into blockers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.messages import MessageKind
from models.tables import (
    CommitteeMembership,
    CommitteePurpose,
    Complaint,
    ComplaintStatus,
    Grader,
    OutboxEntry,
    OutboxStatus,
)

# The messages that say whether Slack has a complaint grader.
_TOLD_KINDS = [
    MessageKind.complaint_opened.value,
    MessageKind.complaint_reminder.value,
    MessageKind.complaint_overdue.value,
]
# Graders a gap names; the rest are counted.
SHOWN_GRADERS = 10


class GapKind(StrEnum):
    without_graders = "without_graders"  # `count`: the open complaints waiting
    not_in_slack = "not_in_slack"  # `count`: the graders Slack has nobody for


@dataclass(frozen=True)
class ComplaintCommitteeGap:
    kind: GapKind
    count: int
    committees: tuple[str, ...]  # in name order
    graders: tuple[str, ...] = ()  # by name (by e-mail when the roster has none)


def complaint_gaps(
    session: Session, test_ids: Collection[str]
) -> dict[str, list[ComplaintCommitteeGap]]:
    """The gaps of each test's complaint committees with open complaints (tests without
    any are left out)."""
    waiting = _open_complaints(session, test_ids)
    if not waiting:
        return {}
    tests = sorted({test_id for test_id, _ in waiting})
    members = _members(session, tests)
    unreachable = _unreachable(session, tests)
    names = _names(session, {e for emails in unreachable.values() for e in emails})
    gaps: dict[str, list[ComplaintCommitteeGap]] = defaultdict(list)
    for test_id in tests:
        committees = sorted(c for t, c in waiting if t == test_id)
        empty = [c for c in committees if not members.get((test_id, c))]
        if empty:
            count = sum(waiting[(test_id, c)] for c in empty)
            gaps[test_id].append(
                ComplaintCommitteeGap(GapKind.without_graders, count, tuple(empty))
            )
        missed = {
            c: [e for e in members.get((test_id, c), []) if e in unreachable.get(test_id, ())]
            for c in committees
        }
        emails = sorted({e for found in missed.values() for e in found})
        if emails:
            gaps[test_id].append(
                ComplaintCommitteeGap(
                    GapKind.not_in_slack,
                    len(emails),
                    tuple(c for c in committees if missed[c]),
                    tuple(names.get(e) or e for e in emails[:SHOWN_GRADERS]),
                )
            )
    return dict(gaps)


def _open_complaints(session: Session, test_ids: Collection[str]) -> dict[tuple[str, str], int]:
    if not test_ids:
        return {}
    rows = session.exec(
        select(col(Complaint.test_id), col(Complaint.complaint_committee), func.count())
        .where(
            col(Complaint.test_id).in_(sorted(test_ids)),
            col(Complaint.status) == ComplaintStatus.open.value,
        )
        .group_by(col(Complaint.test_id), col(Complaint.complaint_committee))
    ).all()
    return {(test_id, committee): int(count) for test_id, committee, count in rows}


def _members(session: Session, test_ids: list[str]) -> dict[tuple[str, str], list[str]]:
    rows = session.exec(
        select(
            col(CommitteeMembership.test_id),
            col(CommitteeMembership.committee),
            col(CommitteeMembership.grader_email),
        ).where(
            col(CommitteeMembership.test_id).in_(test_ids),
            CommitteeMembership.purpose == CommitteePurpose.complaint,
        )
    ).all()
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for test_id, committee, email in rows:
        if committee is not None:
            members[(test_id, committee)].append(email)
    return members


def _unreachable(session: Session, test_ids: list[str]) -> dict[str, set[str]]:
    """Per test, the complaint graders Slack had nobody for and who were not reached by a
    later complaint message."""
    rows = session.exec(
        select(col(OutboxEntry.test_id), col(OutboxEntry.to_email), col(OutboxEntry.status)).where(
            col(OutboxEntry.test_id).in_(test_ids),
            col(OutboxEntry.kind).in_(_TOLD_KINDS),
            col(OutboxEntry.status).in_(
                [OutboxStatus.undeliverable.value, OutboxStatus.sent.value]
            ),
        )
    ).all()
    missed: dict[str, set[str]] = defaultdict(set)
    reached: dict[str, set[str]] = defaultdict(set)
    for test_id, email, status in rows:
        if test_id is None or email is None:
            continue
        target = missed if status == OutboxStatus.undeliverable.value else reached
        target[test_id].add(email)
    return {test_id: emails - reached[test_id] for test_id, emails in missed.items()}


def _names(session: Session, emails: set[str]) -> dict[str, str | None]:
    if not emails:
        return {}
    rows = session.exec(
        select(col(Grader.email), col(Grader.name)).where(col(Grader.email).in_(sorted(emails)))
    ).all()
    return dict(rows)
