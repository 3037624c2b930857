"""What keeps a test from opening for marking: Inspera's readiness checks (SPEC §2.2).

Blockers stop the test from being opened; notices are worth a look but stop nothing. At
NTNU every graded test has its candidates divided into committees, so every test is
treated as a committee test. Each check is one aggregate query over the tests' rows (the
`(test_id, committee)` indexes), grouped by test, so the cost does not grow with the rest
of the store, and many tests (a consultant's Home tab, `readiness_of`) cost what one does.
A candidate blocker also names its first `SHOWN_CANDIDATES` candidates (one more query for
each kind of blocker found, numbered per test), so a consultant sees whom to fix, not only
how many.

    status = readiness(session, test)
    if not status.ready:
        for blocker in status.blockers: ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import and_, case, distinct, exists, func
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from models.tables import (
    Candidate,
    CandidateStatus,
    CommitteeMembership,
    CommitteePurpose,
    Test,
)
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
    # A complaint committee with open complaints and no graders, or with graders Slack has
    # nobody for (bot.complaints.readiness): `complaint_readiness_of`, not `readiness_of`.
    complaint_committee_without_graders = "complaint_committee_without_graders"
    complaint_graders_not_in_slack = "complaint_graders_not_in_slack"


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
    # The committees and graders (by name) a complaint committee's blocker is about.
    committee_names: tuple[str, ...] = ()
    graders: tuple[str, ...] = ()


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
    return readiness_of(session, [test], now=now)[test.test_id]


def readiness_of(
    session: Session, tests: Iterable[Test], *, now: datetime | None = None
) -> dict[str, Readiness]:
    """The readiness of each test, in the same few queries however many tests there are
    (a consultant's Home tab)."""
    now = now or utcnow()
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    tests = list(tests)
    ids = [test.test_id for test in tests]
    if not ids:
        return {}
    candidates = _candidate_counts(session, ids)
    without_grader = _candidates_without_grader(session, ids)
    empty = _graders_in_empty_committees(session, ids)
    graders_without_committee = _graders_without_committee(session, ids)
    found = {
        test.test_id: _readiness(
            test,
            now,
            candidates.get(test.test_id, _NO_CANDIDATES),
            without_grader.get(test.test_id, (0, 0)),
            empty.get(test.test_id, (0, 0)),
            graders_without_committee.get(test.test_id, 0),
        )
        for test in tests
    }
    return _named(session, found)


_COMPLAINT_BLOCKERS = {
    "without_graders": BlockerKind.complaint_committee_without_graders,
    "not_in_slack": BlockerKind.complaint_graders_not_in_slack,
}
# The kinds only `complaint_readiness_of` finds.
COMPLAINT_BLOCKER_KINDS = frozenset(_COMPLAINT_BLOCKERS.values())


def complaint_readiness_of(session: Session, test_ids: Iterable[str]) -> dict[str, Readiness]:
    """The complaint committees' blockers, for the tests that have any. Apart from
    `readiness_of`: they stop the complaint round, which runs when the test is long open,
    never the test's opening."""
    # Imported here: it reads the message kinds, whose module imports this one.
    from bot.complaints.readiness import complaint_gaps

    return {
        test_id: Readiness(
            test_id,
            tuple(
                Blocker(
                    _COMPLAINT_BLOCKERS[gap.kind.value],
                    gap.count,
                    len(gap.committees),
                    committee_names=gap.committees,
                    graders=gap.graders,
                )
                for gap in gaps
            ),
            (),
        )
        for test_id, gaps in complaint_gaps(session, set(test_ids)).items()
    }


_NO_CANDIDATES = {"without_committee": 0, "redelivery": 0, "absent": 0}


def _readiness(
    test: Test,
    now: datetime,
    candidates: dict[str, int],
    without_grader: tuple[int, int],
    empty: tuple[int, int],
    graders_without_committee: int,
) -> Readiness:
    candidates_without_grader, committees_without_grader = without_grader
    empty_graders, empty_committees = empty
    blockers = [
        Blocker(BlockerKind.test_not_ended) if now < test.submission_deadline else None,
        _blocker(BlockerKind.graders_without_committee, graders_without_committee),
        _blocker(BlockerKind.candidates_without_committee, candidates["without_committee"]),
        _blocker(
            BlockerKind.candidates_without_grader,
            candidates_without_grader,
            committees_without_grader,
        ),
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
        test.test_id,
        tuple(b for b in blockers if b is not None),
        tuple(n for n in notices if n is not None),
    )


def _blocker(kind: BlockerKind, count: int, committees: int = 0) -> Blocker | None:
    return Blocker(kind, count, committees) if count else None


def _named(session: Session, found: dict[str, Readiness]) -> dict[str, Readiness]:
    """Each candidate blocker with its first candidate numbers: one query per kind of
    blocker, for every test that has it, numbered per test."""
    names: dict[tuple[str, BlockerKind], list[str]] = {}
    for kind, condition in _CANDIDATES_OF.items():
        ids = [test_id for test_id, status in found.items() if status.blocker(kind)]
        if not ids:
            continue
        number = (
            func.row_number()
            .over(
                partition_by=col(Candidate.test_id),
                # Number order for numbers ("9" before "10004"), text order among equals.
                order_by=(func.length(col(Candidate.candidate_id)), col(Candidate.candidate_id)),
            )
            .label("number")
        )
        numbered = (
            select(col(Candidate.test_id), col(Candidate.candidate_id), number)
            .where(col(Candidate.test_id).in_(ids), *condition())
            .subquery()
        )
        for test_id, candidate_id in session.exec(
            select(numbered.c.test_id, numbered.c.candidate_id)
            .where(numbered.c.number <= SHOWN_CANDIDATES)
            .order_by(numbered.c.test_id, numbered.c.number)
        ):
            names.setdefault((test_id, kind), []).append(candidate_id)
    return {
        test_id: Readiness(
            test_id,
            tuple(
                Blocker(b.kind, b.count, b.committees, tuple(names.get((test_id, b.kind), ())))
                for b in status.blockers
            ),
            status.notices,
        )
        for test_id, status in found.items()
    }


def _count_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _candidate_counts(session: Session, test_ids: list[str]) -> dict[str, dict[str, int]]:
    rows = session.exec(
        select(
            col(Candidate.test_id),
            _count_where(and_(*_submitted_without_committee())),
            _count_where(and_(*_open_for_redelivery())),
            _count_where(col(Candidate.status) == CandidateStatus.absent.value),
        )
        .where(col(Candidate.test_id).in_(test_ids))
        .group_by(col(Candidate.test_id))
    ).all()
    return {
        row[0]: {"without_committee": int(row[1]), "redelivery": int(row[2]), "absent": int(row[3])}
        for row in rows
    }


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


def _candidates_without_grader(session: Session, test_ids: list[str]) -> dict[str, tuple[int, int]]:
    rows = session.exec(
        select(col(Candidate.test_id), func.count(), func.count(distinct(col(Candidate.committee))))
        .where(
            col(Candidate.test_id).in_(test_ids),
            *_in_committee_without_grader(),
        )
        .group_by(col(Candidate.test_id))
    ).all()
    return {row[0]: (int(row[1]), int(row[2])) for row in rows}


def _graders_without_committee(session: Session, test_ids: list[str]) -> dict[str, int]:
    other = aliased(CommitteeMembership)
    in_some_committee = exists().where(
        col(other.test_id) == col(CommitteeMembership.test_id),
        col(other.grader_email) == col(CommitteeMembership.grader_email),
        col(other.committee).is_not(None),
        # Implied by the first condition; said again so that PostgreSQL reads only these
        # tests' rows instead of the whole table.
        col(other.test_id).in_(test_ids),
    )
    rows = session.exec(
        select(
            col(CommitteeMembership.test_id),
            func.count(distinct(col(CommitteeMembership.grader_email))),
        )
        .where(col(CommitteeMembership.test_id).in_(test_ids), ~in_some_committee)
        .group_by(col(CommitteeMembership.test_id))
    ).all()
    return {row[0]: int(row[1]) for row in rows}


def _graders_in_empty_committees(
    session: Session, test_ids: list[str]
) -> dict[str, tuple[int, int]]:
    committee_has_candidates = exists().where(
        col(Candidate.test_id) == col(CommitteeMembership.test_id),
        col(Candidate.committee) == col(CommitteeMembership.committee),
        col(Candidate.test_id).in_(test_ids),  # said again, for the planner
    )
    rows = session.exec(
        select(
            col(CommitteeMembership.test_id),
            func.count(distinct(col(CommitteeMembership.grader_email))),
            func.count(distinct(col(CommitteeMembership.committee))),
        )
        .where(
            col(CommitteeMembership.test_id).in_(test_ids),
            col(CommitteeMembership.committee).is_not(None),
            # A complaint committee's candidates are its complaints, never Candidates rows.
            CommitteeMembership.purpose != CommitteePurpose.complaint,
            ~committee_has_candidates,
        )
        .group_by(col(CommitteeMembership.test_id))
    ).all()
    return {row[0]: (int(row[1]), int(row[2])) for row in rows}
