"""Who and which committees a test's readiness findings are about, for the consultants'
messages (the "ended but not opened" nudge, the overdue escalation of a test never opened):
readiness counts, and a consultant acting on it needs the graders by name and the
committees by number ("Kommisjon 1 og 2").

Each list is one query with a LIMIT, run only for a finding that was found, so a nudge
costs a few queries per test whatever its size.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.messages import findings
from bot.opening.readiness import BlockerKind, NoticeKind, Readiness
from models.tables import (
    Candidate,
    CandidateStatus,
    CommitteeMembership,
    CommitteePurpose,
    Grader,
)

# Graders or committees a finding names; the rest are counted ("… og 3 til").
SHOWN = 10


def named_findings(session: Session, status: Readiness) -> dict[str, list[dict[str, Any]]]:
    """`bot.messages.findings` of `status`, each finding about graders with their names
    (`graders`) and each about committees with theirs (`committee_names`)."""
    found = findings(status)
    test_id = status.test_id
    for item in found["blockers"] + found["notices"]:
        kind = item["kind"]
        if kind == BlockerKind.graders_without_committee:
            item["graders"] = _graders_in_no_committee(session, test_id)
        elif kind == BlockerKind.candidates_without_grader:
            item["committee_names"] = _committees_without_grader(session, test_id)
        elif kind == NoticeKind.graders_in_empty_committees:
            item["committee_names"] = _committees_without_candidates(session, test_id)
    return found


def _names(session: Session, emails: list[str]) -> list[str]:
    """The graders by name, by e-mail only when the roster has no name, in e-mail order."""
    named = dict(
        session.exec(
            select(col(Grader.email), col(Grader.name)).where(col(Grader.email).in_(emails))
        ).all()
    )
    return [named.get(email) or email for email in emails]


def _first(session: Session, column: Any, *conditions: Any) -> list[str]:
    """The first `SHOWN` distinct values of `column` where `conditions` hold, in order."""
    rows = session.exec(
        select(column).distinct().where(*conditions).order_by(column).limit(SHOWN)
    ).all()
    return [value for value in rows if value is not None]


def _graders_in_no_committee(session: Session, test_id: str) -> list[str]:
    other = aliased(CommitteeMembership)
    in_some_committee = exists().where(
        col(other.test_id) == col(CommitteeMembership.test_id),
        col(other.grader_email) == col(CommitteeMembership.grader_email),
        col(other.committee).is_not(None),
    )
    emails = _first(
        session,
        col(CommitteeMembership.grader_email),
        col(CommitteeMembership.test_id) == test_id,
        ~in_some_committee,
    )
    return _names(session, emails)


def _committees_without_grader(session: Session, test_id: str) -> list[str]:
    has_grader = exists().where(
        col(CommitteeMembership.test_id) == col(Candidate.test_id),
        col(CommitteeMembership.committee) == col(Candidate.committee),
    )
    return _first(
        session,
        col(Candidate.committee),
        col(Candidate.test_id) == test_id,
        col(Candidate.status) == CandidateStatus.submitted.value,
        col(Candidate.committee).is_not(None),
        ~has_grader,
    )


def _committees_without_candidates(session: Session, test_id: str) -> list[str]:
    has_candidates = exists().where(
        col(Candidate.test_id) == col(CommitteeMembership.test_id),
        col(Candidate.committee) == col(CommitteeMembership.committee),
    )
    return _first(
        session,
        col(CommitteeMembership.committee),
        col(CommitteeMembership.test_id) == test_id,
        col(CommitteeMembership.committee).is_not(None),
        CommitteeMembership.purpose != CommitteePurpose.complaint,
        ~has_candidates,
    )
