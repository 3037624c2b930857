"""Explanation requests in the store: what one is about, the graders who owe it, recording
it given, and the open requests a person sees.

The graders of a request are the graders of the candidate's committee in the ordinary
marking (`CommitteeMembership.purpose = grading`), read from the store on every press.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, literal, union_all, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from bot.exams import audit
from bot.exams.people import Roles
from models.tables import (
    Candidate,
    CommitteeMembership,
    CommitteePurpose,
    ExplanationRequest,
    Grader,
    Test,
    table_of,
)

GIVEN_ACTION = "explanation_given"  # the audit entry's action
MAX_LISTED = 10  # open requests listed per role on the Home tab; the rest are counted
_IN_CHUNK = 500
_REQUESTS = table_of(ExplanationRequest)

_CANDIDATE = and_(
    col(Candidate.test_id) == col(ExplanationRequest.test_id),
    col(Candidate.candidate_id) == col(ExplanationRequest.candidate_id),
)
_COMMITTEE = and_(
    col(CommitteeMembership.test_id) == col(Candidate.test_id),
    col(CommitteeMembership.committee) == col(Candidate.committee),
    col(CommitteeMembership.purpose) == CommitteePurpose.grading.value,
)


@dataclass(frozen=True)
class RequestView:
    """A request as its messages show it (no grade: the explanation is given in Inspera)."""

    request_id: int
    test_id: str
    course_code: str
    title: str | None
    candidate_id: str
    committee: str | None
    requested_at: datetime
    due_at: datetime
    late: bool
    results_published: datetime | None
    given_at: datetime | None
    given_by: str | None  # the grader's e-mail
    given_by_name: str | None  # their name in the roster, when it has one


def request_view(session: Session, request_id: int) -> RequestView | None:
    row = session.exec(
        select(ExplanationRequest, Test, Candidate.committee)
        .join(Test, col(Test.test_id) == col(ExplanationRequest.test_id))
        .outerjoin(Candidate, _CANDIDATE)
        .where(col(ExplanationRequest.id) == request_id)
    ).first()
    if row is None:
        return None
    request, test, committee = row
    giver = session.get(Grader, request.given_by) if request.given_by else None
    return RequestView(
        request_id=request_id,
        test_id=test.test_id,
        course_code=test.course_code,
        title=test.title,
        candidate_id=request.candidate_id,
        committee=committee,
        requested_at=request.requested_at,
        due_at=request.due_at,
        late=request.late,
        results_published=test.results_published,
        given_at=request.given_at,
        given_by=request.given_by,
        given_by_name=giver.name if giver is not None else None,
    )


def committee_graders(session: Session, request_ids: Collection[int]) -> dict[int, list[str]]:
    """The graders (e-mails) of each request's candidate's committee; a request whose
    candidate is in no committee, or in one without graders, has none."""
    ids = sorted(set(request_ids))
    found: dict[int, list[str]] = {request_id: [] for request_id in ids}
    for start in range(0, len(ids), _IN_CHUNK):
        rows = session.exec(
            select(ExplanationRequest.id, CommitteeMembership.grader_email)
            .join(Candidate, _CANDIDATE)
            .join(CommitteeMembership, _COMMITTEE)
            .where(col(ExplanationRequest.id).in_(ids[start : start + _IN_CHUNK]))
            .order_by(col(CommitteeMembership.grader_email))
        ).all()
        for request_id, email in rows:
            if request_id is not None:
                found[request_id].append(email)
    return found


# -- "Explanation given" -------------------------------------------------------------------


class GivenRefusal(StrEnum):
    gone = "gone"  # no such request (any more)
    not_a_grader = "not_a_grader"  # the presser does not grade the candidate's committee
    already_given = "already_given"  # someone recorded it before


@dataclass(frozen=True)
class GivenOutcome:
    """What pressing "Explanation given" did: recorded (`refusal` None, with the other
    graders to tell), or why not. `view` is the request as it now stands."""

    view: RequestView | None
    refusal: GivenRefusal | None = None
    others: tuple[str, ...] = ()


def record_given(
    session: Session, request_id: int, grader_email: str | None, now: datetime
) -> GivenOutcome:
    """Record that `grader_email` gave the explanation, if they grade the candidate's
    committee and nobody recorded it yet. Two presses at the same moment: the UPDATE's
    `given_at IS NULL` lets one of them through."""
    view = request_view(session, request_id)
    if view is None:
        return GivenOutcome(None, GivenRefusal.gone)
    graders = committee_graders(session, [request_id])[request_id]
    if grader_email is None or grader_email not in graders:
        return GivenOutcome(view, GivenRefusal.not_a_grader)
    recorded = session.exec(
        update(_REQUESTS)
        .where(_REQUESTS.c.id == request_id, _REQUESTS.c.given_at.is_(None))
        .values(given_at=now, given_by=grader_email)
        .returning(_REQUESTS.c.id)
    ).all()
    if not recorded:
        return GivenOutcome(request_view(session, request_id), GivenRefusal.already_given)
    audit.record(
        session,
        grader_email,
        GIVEN_ACTION,
        test_id=view.test_id,
        subject=f"candidate {view.candidate_id} (request {request_id})",
        new=now.isoformat(),
    )
    others = tuple(email for email in graders if email != grader_email)
    return GivenOutcome(request_view(session, request_id), None, others)


# -- what a person has open ------------------------------------------------------------------


@dataclass(frozen=True)
class OpenRequest:
    request_id: int
    test_id: str
    title: str | None
    candidate_id: str
    due_at: datetime
    late: bool


@dataclass(frozen=True)
class OpenExplanations:
    """Requests not given yet: of the person's committees, and of the tests they are a
    consultant for; by due date, at most `MAX_LISTED` each, the rest counted."""

    as_of: datetime | None = None  # when it was read: due before it is overdue
    as_grader: tuple[OpenRequest, ...] = ()
    more_as_grader: int = 0
    as_consultant: tuple[OpenRequest, ...] = ()
    more_as_consultant: int = 0

    @property
    def empty(self) -> bool:
        return not self.as_grader and not self.as_consultant


def open_explanations(
    session: Session,
    roles: Roles,
    now: datetime,
    *,
    only: str | None = None,
    limit: int = MAX_LISTED,
) -> OpenExplanations:
    """The person's open requests in one query: as a grader through their committees, as a
    consultant through their tests; with `only`, those of one test."""
    parts = []
    if roles.grader is not None:
        parts.append(
            _open_columns("grader")
            .join(Candidate, _CANDIDATE)
            .join(CommitteeMembership, _COMMITTEE)
            .where(col(CommitteeMembership.grader_email) == roles.grader.email)
        )
    consultant_ids = sorted(roles.consultant_test_ids)
    if only is not None:
        consultant_ids = [only] if only in consultant_ids else []
    if consultant_ids:
        parts.append(
            _open_columns("consultant").where(col(ExplanationRequest.test_id).in_(consultant_ids))
        )
    if not parts:
        return OpenExplanations(now)
    if only is not None:
        parts = [part.where(col(ExplanationRequest.test_id) == only) for part in parts]
    statement = union_all(*parts).order_by("due_at", "request_id")
    listed: dict[str, list[OpenRequest]] = {"grader": [], "consultant": []}
    for row in session.execute(statement):
        listed[row.role].append(_open_request(row))
    grading, consulting = listed["grader"], listed["consultant"]
    return OpenExplanations(
        now,
        tuple(grading[:limit]),
        max(0, len(grading) - limit),
        tuple(consulting[:limit]),
        max(0, len(consulting) - limit),
    )


def open_requests_of_test(session: Session, test_id: str) -> tuple[OpenRequest, ...]:
    """Every request of the test not given yet, by due date (`sensorbot status TEST`)."""
    statement = (
        _open_columns("test")
        .where(col(ExplanationRequest.test_id) == test_id)
        .order_by(col(ExplanationRequest.due_at), col(ExplanationRequest.id))
    )
    return tuple(_open_request(row) for row in session.execute(statement))


def _open_request(row: Any) -> OpenRequest:
    return OpenRequest(
        row.request_id, row.test_id, row.title, row.candidate_id, row.due_at, row.late
    )


def _open_columns(role: str):
    return (
        sa_select(
            col(ExplanationRequest.id).label("request_id"),
            col(ExplanationRequest.test_id).label("test_id"),
            col(Test.title).label("title"),
            col(ExplanationRequest.candidate_id).label("candidate_id"),
            col(ExplanationRequest.due_at).label("due_at"),
            col(ExplanationRequest.late).label("late"),
            literal(role).label("role"),
        )
        .join(Test, col(Test.test_id) == col(ExplanationRequest.test_id))
        .where(col(ExplanationRequest.given_at).is_(None))
    )
