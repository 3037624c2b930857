"""What keeps a test from opening for marking: Inspera's readiness checks (SPEC §2.2).

Blockers stop the test from being opened; notices are worth a look but stop nothing. At
NTNU every graded test has its candidates divided into committees, so every test is
treated as a committee test. Each check is one aggregate query over the test's rows (the
`(test_id, committee)` indexes), so the cost does not grow with the rest of the store. A
candidate blocker also names its first `SHOWN_CANDIDATES` candidates (one more query for
each blocker found, with a LIMIT), so a consultant sees whom to fix, not only how many.

    status = readiness(session, test)
    if not status.ready:
        for blocker in status.blockers: ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import and_, case, distinct, exists, func
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from models.tables import Candidate, CandidateStatus, CommitteeMembership, Test
from models.types import utcnow

# Candidate numbers a blocker names; the rest are counted ("… and 3 more").
SHOWN_CANDIDATES = 10


class BlockerKind(StrEnum):
    test_not_ended = "test_not_ended"
    # graders on the test who are in no committee
    graders_without_committee = "graders_without_committee"
    # submitted candidates in no committee
    candidates_without_committee = "candidates_without_committee"
    # submitted candidates in a committee that has no grader
    candidates_without_grader = "candidates_without_grader"
    candidates_open_for_redelivery = "candidates_open_for_redelivery"


class NoticeKind(StrEnum):
    candidates_not_submitted = "candidates_not_submitted"
    # graders in a committee that has no candidates
    graders_in_empty_committees = "graders_in_empty_committees"


@dataclass(frozen=True)
class Blocker:
    kind: BlockerKind
    count: int = 0  # graders or candidates concerned (0 for test_not_ended)
    committees: int = 0  # committees concerned, where the check is about committees
    # The first SHOWN_CANDIDATES candidate numbers concerned, in number order (candidate
    # blockers only; `count` says how many there are in all).
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Notice:
    kind: NoticeKind
    count: int = 0
    committees: int = 0


@dataclass(frozen=True)
class Readiness:
    test_id: str
    blockers: tuple[Blocker, ...]
    notices: tuple[Notice, ...]

    @property
    def ready(self) -> bool:
        """True when nothing keeps the test from being opened for marking."""
        return not self.blockers

    def blocker(self, kind: BlockerKind) -> Blocker | None:
        return next((b for b in self.blockers if b.kind == kind), None)

    def notice(self, kind: NoticeKind) -> Notice | None:
        return next((n for n in self.notices if n.kind == kind), None)


def readiness(session: Session, test: Test, *, now: datetime | None = None) -> Readiness:
    """The blockers and notices of `test` at `now` (default: the current time)."""
    now = now or utcnow()
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    test_id = test.test_id
    candidates = _candidate_counts(session, test_id)
    without_grader, committees_without_grader = _candidates_without_grader(session, test_id)
    empty_graders, empty_committees = _graders_in_empty_committees(session, test_id)
    graders_without_committee = _graders_without_committee(session, test_id)

    blockers = [
        Blocker(BlockerKind.test_not_ended) if now < test.submission_deadline else None,
        _blocker(BlockerKind.graders_without_committee, graders_without_committee),
        _blocker(BlockerKind.candidates_without_committee, candidates["without_committee"]),
        _blocker(BlockerKind.candidates_without_grader, without_grader, committees_without_grader),
        _blocker(BlockerKind.candidates_open_for_redelivery, candidates["redelivery"]),
    ]
    notices = [
        Notice(NoticeKind.candidates_not_submitted, candidates["absent"])
        if candidates["absent"]
        else None,
        Notice(NoticeKind.graders_in_empty_committees, empty_graders, empty_committees)
        if empty_graders
        else None,
    ]
    return Readiness(
        test_id,
        tuple(_named(session, test_id, b) for b in blockers if b is not None),
        tuple(n for n in notices if n is not None),
    )


def _blocker(kind: BlockerKind, count: int, committees: int = 0) -> Blocker | None:
    return Blocker(kind, count, committees) if count else None


def _named(session: Session, test_id: str, blocker: Blocker) -> Blocker:
    """The blocker with its first candidate numbers, when it is about candidates."""
    condition = _CANDIDATES_OF.get(blocker.kind)
    if condition is None:
        return blocker
    ids = session.exec(
        select(Candidate.candidate_id)
        .where(Candidate.test_id == test_id, *condition())
        # Number order for numbers ("9" before "10004"), text order among equals.
        .order_by(func.length(col(Candidate.candidate_id)), col(Candidate.candidate_id))
        .limit(SHOWN_CANDIDATES)
    ).all()
    return Blocker(blocker.kind, blocker.count, blocker.committees, tuple(ids))


def _count_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _candidate_counts(session: Session, test_id: str) -> dict[str, int]:
    row = session.exec(
        select(
            _count_where(and_(*_submitted_without_committee())),
            _count_where(and_(*_open_for_redelivery())),
            _count_where(col(Candidate.status) == CandidateStatus.absent.value),
        ).where(Candidate.test_id == test_id)
    ).one()
    return {"without_committee": int(row[0]), "redelivery": int(row[1]), "absent": int(row[2])}


def _in_committee_without_grader() -> list[ColumnElement[bool]]:
    committee_has_grader = exists().where(
        col(CommitteeMembership.test_id) == col(Candidate.test_id),
        col(CommitteeMembership.committee) == col(Candidate.committee),
    )
    return [
        col(Candidate.status) == CandidateStatus.submitted.value,
        col(Candidate.committee).is_not(None),
        ~committee_has_grader,
    ]


def _submitted_without_committee() -> list[ColumnElement[bool]]:
    return [
        col(Candidate.status) == CandidateStatus.submitted.value,
        col(Candidate.committee).is_(None),
    ]


def _open_for_redelivery() -> list[ColumnElement[bool]]:
    return [col(Candidate.status) == CandidateStatus.redelivery.value]


# Which candidates each candidate blocker is about (the same conditions it counts).
_CANDIDATES_OF: dict[BlockerKind, Callable[[], list[ColumnElement[bool]]]] = {
    BlockerKind.candidates_without_committee: _submitted_without_committee,
    BlockerKind.candidates_without_grader: _in_committee_without_grader,
    BlockerKind.candidates_open_for_redelivery: _open_for_redelivery,
}


def _candidates_without_grader(session: Session, test_id: str) -> tuple[int, int]:
    row = session.exec(
        select(func.count(), func.count(distinct(col(Candidate.committee)))).where(
            Candidate.test_id == test_id, *_in_committee_without_grader()
        )
    ).one()
    return int(row[0]), int(row[1])


def _graders_without_committee(session: Session, test_id: str) -> int:
    other = aliased(CommitteeMembership)
    in_some_committee = exists().where(
        col(other.test_id) == col(CommitteeMembership.test_id),
        col(other.grader_email) == col(CommitteeMembership.grader_email),
        col(other.committee).is_not(None),
    )
    return int(
        session.exec(
            select(func.count(distinct(col(CommitteeMembership.grader_email)))).where(
                CommitteeMembership.test_id == test_id, ~in_some_committee
            )
        ).one()
    )


def _graders_in_empty_committees(session: Session, test_id: str) -> tuple[int, int]:
    committee_has_candidates = exists().where(
        col(Candidate.test_id) == col(CommitteeMembership.test_id),
        col(Candidate.committee) == col(CommitteeMembership.committee),
    )
    row = session.exec(
        select(
            func.count(distinct(col(CommitteeMembership.grader_email))),
            func.count(distinct(col(CommitteeMembership.committee))),
        ).where(
            CommitteeMembership.test_id == test_id,
            col(CommitteeMembership.committee).is_not(None),
            ~committee_has_candidates,
        )
    ).one()
    return int(row[0]), int(row[1])
