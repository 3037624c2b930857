"""One test's approval state, read in a handful of queries, and what it means per committee.

A committee's phase is derived from stored facts, never typed in:

private marking   grading → aligning → final_approval → final
shared marking    grading → final_approval → final

`grading`: some grader has not approved their own grading (private), or some submitted
candidate has no committee grade yet (shared). `aligning`: every grader approved and some
candidate still has no agreed grade because the graders' grades differ. `final_approval`:
every candidate has its committee grade; waiting for final approval by one or all graders.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from bot.approvals.people import Person, slack_users
from bot.spreadsheets import collection_paused
from models.tables import (
    AgreedGrade,
    Candidate,
    CandidateStatus,
    CommitteeFinal,
    CommitteeMembership,
    CommitteePurpose,
    CommitteeReopening,
    Complaint,
    FinalApproval,
    FinalApprovalVote,
    Grade,
    Grader,
    GradeScale,
    MarkingMode,
    OwnApproval,
    OwnGradingApproval,
    Test,
)

LETTER_GRADES = ("A", "B", "C", "D", "E", "F")
PASS_FAIL_GRADES = ("Pass", "NotPass")


def grade_options(scale: GradeScale | str) -> tuple[str, ...]:
    """The grades a committee can give on this scale, best first (SPEC §2.4)."""
    return PASS_FAIL_GRADES if scale == GradeScale.passfail else LETTER_GRADES


def candidate_order(candidate_id: str) -> tuple[int, int | str]:
    """Candidate numbers in numeric order, other ids after them alphabetically."""
    return (0, int(candidate_id)) if candidate_id.isdigit() else (1, candidate_id)


def in_candidate_order(candidate_ids: Iterable[str]) -> tuple[str, ...]:
    """`candidate_ids` sorted by `candidate_order`, a sheet's 20,000 at a time: the numbers
    by their value, then the other ids."""
    numbers: list[str] = []
    others: list[str] = []
    for candidate_id in candidate_ids:
        (numbers if candidate_id.isdigit() else others).append(candidate_id)
    return (*sorted(numbers, key=int), *sorted(others))


class Phase(StrEnum):
    grading = "grading"
    aligning = "aligning"
    final_approval = "final_approval"
    final = "final"


class GradeEntry(NamedTuple):  # a tuple: a snapshot holds one per grade, tens of thousands
    value: str | None
    updated_at: datetime
    row_id: int
    grader: str
    points: float | None = None
    explanation: str | None = None


@dataclass(frozen=True)
class CommitteeStatus:
    """Where one committee stands, with who the next step waits for."""

    test_id: str
    committee: str
    round: int
    shared: bool
    phase: Phase
    graders: tuple[str, ...]
    submitted: tuple[str, ...]
    # Submitted candidates without a grade, per grader. Shared marking: without a committee
    # grade, the same list for every grader.
    missing: Mapping[str, tuple[str, ...]]
    own_approved: Mapping[str, datetime]
    # Private marking, once every grader approved: candidates the graders graded differently.
    differences: tuple[str, ...]
    # Submitted candidates without an agreed grade (private marking, after own approvals).
    unresolved: tuple[str, ...]
    final_votes: Mapping[str, datetime]
    final_at: datetime | None
    final_by: str | None

    def complete_for(self, grader: str) -> bool:
        return not self.missing.get(grader, self.submitted)

    @property
    def waiting_for(self) -> tuple[str, ...]:
        """The graders whose action the committee waits for now."""
        if self.phase == Phase.grading:
            if self.shared:
                return self.graders
            return tuple(g for g in self.graders if g not in self.own_approved)
        if self.phase == Phase.aligning:
            return self.graders
        if self.phase == Phase.final_approval:
            return tuple(g for g in self.graders if g not in self.final_votes)
        return ()


class CandidateFact(NamedTuple):
    """What the approvals read of a candidate (read as columns: many tests' candidates are
    read at once for a Home tab)."""

    candidate_id: str
    committee: str | None
    status: str


@dataclass
class _TestRows:
    """The stored facts of one test's approvals, as one snapshot is built from them."""

    memberships: list[tuple[str, str]] = field(default_factory=list)  # (committee, grader)
    complaint_committees: set[str] = field(default_factory=set)
    complaints: list[tuple[str, str]] = field(default_factory=list)  # (candidate, committee)
    # Plain tuples of plain values, which Python's collector stops tracking, so that many
    # tests' rows read at once do not make it sweep the whole heap (CandidateFact fields).
    candidates: list[tuple[str, str | None, str]] = field(default_factory=list)
    # (candidate, then GradeEntry's fields)
    grades: list[tuple[Any, ...]] = field(default_factory=list)
    own_approvals: list[OwnGradingApproval] = field(default_factory=list)
    agreed: list[AgreedGrade] = field(default_factory=list)
    votes: list[FinalApprovalVote] = field(default_factory=list)
    finals: list[CommitteeFinal] = field(default_factory=list)
    rounds: dict[str, int] = field(default_factory=dict)
    grader_names: dict[str, str] = field(default_factory=dict)


_Row = TypeVar("_Row", OwnGradingApproval, AgreedGrade, FinalApprovalVote, CommitteeFinal)


def _read_rows(
    session: Session, test_ids: Collection[str], viewer: str | None = None
) -> dict[str, _TestRows]:
    """Every test's approval facts in one query per table, whatever the number of tests.
    With `viewer`, the grades are only those of the graders who share a committee with
    them (the viewer's own included): all that questions about the viewer's committees
    read."""
    rows = {test_id: _TestRows() for test_id in test_ids}
    if not rows:
        return rows
    # Each member's name beside their membership, looked up by the grader's key per row: a
    # list of hundreds of addresses to match instead, PostgreSQL would scan every grader.
    name = (
        sa_select(col(Grader.name))
        .where(col(Grader.email) == col(CommitteeMembership.grader_email))
        .scalar_subquery()
    )
    for test_id, committee, email, purpose, grader_name in session.execute(
        sa_select(
            col(CommitteeMembership.test_id),
            col(CommitteeMembership.committee),
            col(CommitteeMembership.grader_email),
            col(CommitteeMembership.purpose),
            name,
        ).where(
            col(CommitteeMembership.test_id).in_(rows),
            col(CommitteeMembership.committee).is_not(None),
        )
    ):
        if committee is not None:  # the query has none; this tells the type checker
            rows[test_id].memberships.append((committee, email))
            if purpose == CommitteePurpose.complaint:
                rows[test_id].complaint_committees.add(committee)
            if grader_name:  # only names; `name()` falls back to the e-mail
                rows[test_id].grader_names[email] = grader_name
    for test_id, candidate_id, committee in session.exec(
        select(
            col(Complaint.test_id), col(Complaint.candidate_id), col(Complaint.complaint_committee)
        ).where(col(Complaint.test_id).in_(rows))
    ):
        rows[test_id].complaints.append((candidate_id, committee))

    def each(table: type[_Row]) -> Iterable[_Row]:
        return session.exec(select(table).where(col(table.test_id).in_(rows)))

    # Candidates and grades as columns on the connection (the queries above flushed the
    # session): the ORM's result handling costs more than the query, 20,000 rows a test.
    connection = session.connection()
    candidates = {test_id: test.candidates for test_id, test in rows.items()}
    for test_id, candidate_id, committee, status in connection.execute(
        sa_select(
            col(Candidate.test_id),
            col(Candidate.candidate_id),
            col(Candidate.committee),
            col(Candidate.status),
        ).where(col(Candidate.test_id).in_(rows))
    ).all():
        candidates[test_id].append((candidate_id, committee, status))
    grades = sa_select(
        col(Grade.test_id),
        col(Grade.candidate_id),
        col(Grade.value),
        col(Grade.updated_at),
        col(Grade.id),
        col(Grade.grader_email),
        col(Grade.points),
        col(Grade.explanation),
    ).where(col(Grade.test_id).in_(rows))
    if viewer is not None:
        co_graders = {
            test_id: _co_graders(test.memberships, viewer) for test_id, test in rows.items()
        }
        everyone = set().union(*co_graders.values())
        grades = grades.where(col(Grade.grader_email).in_(everyone))
    by_test = {test_id: test.grades for test_id, test in rows.items()}
    for test_id, *grade in connection.execute(grades).all():
        if viewer is None or grade[4] in co_graders[test_id]:
            by_test[test_id].append(tuple(grade))
    for own in each(OwnGradingApproval):
        rows[own.test_id].own_approvals.append(own)
    for agreed in each(AgreedGrade):
        rows[agreed.test_id].agreed.append(agreed)
    for vote in each(FinalApprovalVote):
        rows[vote.test_id].votes.append(vote)
    for final in each(CommitteeFinal):
        rows[final.test_id].finals.append(final)
    for test_id, committee, count in session.exec(
        select(CommitteeReopening.test_id, CommitteeReopening.committee, func.count())
        .where(col(CommitteeReopening.test_id).in_(rows))
        .group_by(CommitteeReopening.test_id, CommitteeReopening.committee)
    ):
        rows[test_id].rounds[committee] = int(count)
    return rows


def _co_graders(memberships: Iterable[tuple[str, str]], viewer: str) -> set[str]:
    """The graders who share a committee with `viewer` (the viewer too, when in one)."""
    theirs = {committee for committee, email in memberships if email == viewer}
    return {email for committee, email in memberships if committee in theirs}


def _by_committee(
    approvals: Iterable[OwnGradingApproval | FinalApprovalVote],
) -> defaultdict[str, dict[str, datetime]]:
    """committee → grader → when they approved, for own approvals or final approval votes."""
    by_committee: defaultdict[str, dict[str, datetime]] = defaultdict(dict)
    for row in approvals:
        by_committee[row.committee][row.grader_email] = row.approved_at
    return by_committee


class ApprovalSnapshot:
    """Everything about one test's approvals, read at once, with pure questions on top.

    Read it after `lock_test` in a unit of work that changes approvals, so that what it says
    is what the change builds on. `load_snapshots` reads many tests' in the same few queries.
    """

    def __init__(
        self,
        session: Session,
        test: Test,
        rows: _TestRows | None = None,
        *,
        viewer: str | None = None,
    ) -> None:
        self.test = test
        test_id = test.test_id
        # With a viewer, only the grades of the graders sharing a committee with them are
        # read: the snapshot answers questions about the viewer's committees only.
        self.viewer = viewer
        if rows is None:
            rows = _read_rows(session, [test_id], viewer)[test_id]
        self._graders_by_committee: dict[str, list[str]] = defaultdict(list)
        for committee, email in rows.memberships:
            self._graders_by_committee[committee].append(email)
        self._submitted: dict[str, list[str]] = defaultdict(list)
        # A complaint committee grades its complaints' candidates (SPEC §3.11), whatever
        # the Candidates sheet says; the candidates stay in their original committee too.
        self.complaint_committees = frozenset(rows.complaint_committees)
        self.candidates: dict[str, CandidateFact] = {}
        make = tuple.__new__  # the rows hold every field, in order
        for row in rows.candidates:
            candidate = make(CandidateFact, row)
            self.candidates[candidate.candidate_id] = candidate
            if (
                candidate.status == CandidateStatus.submitted
                and candidate.committee is not None
                and candidate.committee not in self.complaint_committees
            ):
                self._submitted[candidate.committee].append(candidate.candidate_id)
        for candidate_id, committee in rows.complaints:
            if committee in self.complaint_committees:
                self._submitted[committee].append(candidate_id)
        self._grades: dict[tuple[str, str], GradeEntry] = {
            (fields[3], candidate_id): make(GradeEntry, fields)
            for candidate_id, *fields in rows.grades
        }
        self.own_approvals = _by_committee(rows.own_approvals)
        self._agreed: dict[tuple[str, str], AgreedGrade] = {
            (row.committee, row.candidate_id): row for row in rows.agreed
        }
        self.votes = _by_committee(rows.votes)
        self.finals: dict[str, CommitteeFinal] = {row.committee: row for row in rows.finals}
        self.rounds: Counter[str] = Counter(rows.rounds)
        self.grader_names: dict[str, str] = rows.grader_names
        self._session = session
        self._slack_users: dict[str, str | None] | None = None  # e-mail → Slack user, on use
        # Answers worked out once: the snapshot does not change once read.
        self._sorted_submitted: dict[str, tuple[str, ...]] = {}
        self._statuses: dict[str, CommitteeStatus] = {}

    # -- the test's committees -----------------------------------------------------------

    @property
    def test_id(self) -> str:
        return self.test.test_id

    @property
    def shared(self) -> bool:
        return self.test.marking_mode == MarkingMode.shared

    @property
    def committee_names(self) -> tuple[str, ...]:
        """The grading round's committees with candidates to grade: the test is graded when
        these are final. Complaint committees are a round of their own, after it."""
        return tuple(
            sorted(
                (c for c in self._submitted if c not in self.complaint_committees),
                key=candidate_order,
            )
        )

    @property
    def complaint_committee_names(self) -> tuple[str, ...]:
        """Complaint committees with complaints to grade."""
        complaint = (c for c in self._submitted if c in self.complaint_committees)
        return tuple(sorted(complaint, key=candidate_order))

    @property
    def all_committee_names(self) -> tuple[str, ...]:
        """Every committee that is approved: the grading round's, then the complaint round's."""
        return self.committee_names + self.complaint_committee_names

    def is_complaint(self, committee: str) -> bool:
        return committee in self.complaint_committees

    def is_shared(self, committee: str) -> bool:
        """Shared marking for this committee: the test's setting, except that a complaint
        committee always grades privately, each grader on their own first."""
        return self.shared and not self.is_complaint(committee)

    def final_approval_by(self, committee: str) -> FinalApproval:
        """One or all: the test's setting, except that every grader of a complaint
        committee approves its final grades."""
        return FinalApproval.all if self.is_complaint(committee) else self.test.final_approval

    def approves_across(self, committee: str) -> bool:
        """Whether a grader's own approval of this committee covers all their committees of
        the grading round (the test's `own_approval`); a complaint committee's never does."""
        return self.test.own_approval == OwnApproval.all_committees and not self.is_complaint(
            committee
        )

    def across_committees_of(self, grader: str) -> tuple[str, ...]:
        return tuple(c for c in self.committees_of(grader) if self.approves_across(c))

    def graders(self, committee: str) -> tuple[str, ...]:
        return tuple(sorted(self._graders_by_committee.get(committee, ())))

    def submitted(self, committee: str) -> tuple[str, ...]:
        found = self._sorted_submitted.get(committee)
        if found is None:
            found = in_candidate_order(self._submitted.get(committee, ()))
            self._sorted_submitted[committee] = found
        return found

    def memberships_of(self, grader: str) -> frozenset[str]:
        """The committees the grader is in, with candidates to grade or not."""
        return frozenset(
            c for c, graders in self._graders_by_committee.items() if grader in graders
        )

    def committees_of(self, grader: str) -> tuple[str, ...]:
        """The grader's committees, complaint committees included."""
        return tuple(c for c in self.all_committee_names if grader in self._graders_by_committee[c])

    def complaint_candidates_of(self, viewer: str) -> frozenset[str]:
        """The candidates whose complaints `viewer` grades in a complaint committee."""
        return frozenset(
            candidate
            for committee in self.complaint_committee_names
            if viewer in self._graders_by_committee[committee]
            for candidate in self._submitted[committee]
        )

    def all_graders(self) -> tuple[str, ...]:
        return tuple(sorted({g for c in self.committee_names for g in self.graders(c)}))

    def person(
        self, email: str | None, viewer: str | None = None, *, consultant: bool = False
    ) -> Person:
        """Someone of the test as messages name them (never by e-mail); `you` when they are
        `viewer`, the person the message is for."""
        if email is None:
            return Person(consultant=consultant)
        if self._slack_users is None:
            # One query for everyone the test's messages name: graders, approvers, the
            # consultant who recorded the transfer.
            emails = set(self.all_graders()) | {row.approved_by for row in self.finals.values()}
            if self.test.transferred_by:
                emails.add(self.test.transferred_by)
            found = slack_users(self._session, self.test_id, emails)
            self._slack_users = {e: found.get(e) for e in emails}
        if email not in self._slack_users:
            self._slack_users[email] = slack_users(self._session, self.test_id, [email]).get(email)
        user_id = self._slack_users[email]
        return Person(
            name=self.grader_names.get(email),
            slack_user_id=user_id,
            consultant=consultant,
            you=viewer is not None and email == viewer,
        )

    def people(self, emails: Iterable[str], viewer: str | None = None) -> tuple[Person, ...]:
        return tuple(self.person(email, viewer) for email in emails)

    # -- rounds: how many times a committee was reopened -----------------------------------

    def round(self, committee: str) -> int:
        return self.rounds.get(committee, 0)

    def grader_round(self, grader: str) -> int:
        """Grows whenever one of the committees the grader approves at once (own approval
        across committees) is reopened."""
        return sum(self.round(c) for c in self.across_committees_of(grader))

    def test_round(self) -> int:
        """Grows whenever any committee of the test is reopened."""
        return sum(self.rounds.values())

    # -- grades ----------------------------------------------------------------------------

    def own_grades(self, grader: str, committee: str) -> dict[str, str | None]:
        """The grader's own grades for the committee's submitted candidates they graded."""
        return {c: entry.value for c, entry in self.own_entries(grader, committee).items()}

    def own_entries(self, grader: str, committee: str) -> dict[str, GradeEntry]:
        self._check_viewed(committee)
        entries = {}
        for candidate in self.submitted(committee):
            entry = self._grades.get((grader, candidate))
            if entry is not None:
                entries[candidate] = entry
        return entries

    def committee_grades(self, committee: str) -> dict[str, str | None]:
        """Shared marking: per candidate, the most recently changed grade among the
        committee's graders (the latest value wins, a reset included)."""
        return {c: entry.value for c, entry in self.committee_entries(committee).items()}

    def committee_entries(self, committee: str) -> dict[str, GradeEntry]:
        self._check_viewed(committee)
        entries = {}
        for candidate in self.submitted(committee):
            latest = self._latest(committee, candidate)
            if latest is not None:
                entries[candidate] = latest
        return entries

    def _check_viewed(self, committee: str) -> None:
        """A snapshot read for a viewer holds the grades of the viewer's committees only."""
        if self.viewer is not None and self.viewer not in self._graders_by_committee.get(
            committee, ()
        ):
            raise ValueError(f"grades of committee {committee} not read for this viewer")

    def _latest(self, committee: str, candidate: str) -> GradeEntry | None:
        entries = [
            entry
            for grader in self.graders(committee)
            if (entry := self._grades.get((grader, candidate))) is not None
        ]
        return max(entries, key=lambda e: (e.updated_at, e.row_id)) if entries else None

    def agreed_grade(self, committee: str, candidate: str) -> AgreedGrade | None:
        return self._agreed.get((committee, candidate))

    def agreed_grades(self, committee: str) -> dict[str, AgreedGrade]:
        return {
            c: row for c in self.submitted(committee) if (row := self.agreed_grade(committee, c))
        }

    # -- status ----------------------------------------------------------------------------

    def status(self, committee: str) -> CommitteeStatus:
        found = self._statuses.get(committee)
        if found is None:
            found = self._statuses[committee] = self._status(committee)
        return found

    def _status(self, committee: str) -> CommitteeStatus:
        self._check_viewed(committee)
        graders = self.graders(committee)
        submitted = self.submitted(committee)
        own_approved = dict(self.own_approvals.get(committee, {}))
        final = self.finals.get(committee)
        shared = self.is_shared(committee)
        if shared:
            grades = self.committee_grades(committee)
            lacking = tuple(c for c in submitted if grades.get(c) is None)
            missing = {g: lacking for g in graders}
        else:
            missing = {g: self._missing_own(g, submitted) for g in graders}
        all_approved = bool(graders) and all(g in own_approved for g in graders)
        differences: tuple[str, ...] = ()
        unresolved: tuple[str, ...] = ()
        if not shared and all_approved:
            differences = self._differences(committee)
            unresolved = tuple(c for c in submitted if self.agreed_grade(committee, c) is None)
        return CommitteeStatus(
            test_id=self.test_id,
            committee=committee,
            round=self.round(committee),
            shared=shared,
            phase=self._phase(shared, graders, missing, all_approved, unresolved, final),
            graders=graders,
            submitted=submitted,
            missing=missing,
            own_approved=own_approved,
            differences=differences,
            unresolved=unresolved,
            final_votes=dict(self.votes.get(committee, {})),
            final_at=final.final_at if final else None,
            final_by=final.approved_by if final else None,
        )

    def statuses(self, committees: Iterable[str] | None = None) -> list[CommitteeStatus]:
        chosen = self.committee_names if committees is None else committees
        return [self.status(c) for c in chosen]

    def _phase(
        self,
        shared: bool,
        graders: tuple[str, ...],
        missing: Mapping[str, tuple[str, ...]],
        all_approved: bool,
        unresolved: tuple[str, ...],
        final: CommitteeFinal | None,
    ) -> Phase:
        if final is not None:
            return Phase.final
        if shared:
            complete = bool(graders) and not any(missing.values())
            return Phase.final_approval if complete else Phase.grading
        if not all_approved:
            return Phase.grading
        return Phase.aligning if unresolved else Phase.final_approval

    def _missing_own(self, grader: str, submitted: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(
            c
            for c in submitted
            if (entry := self._grades.get((grader, c))) is None or entry.value is None
        )

    def _differences(self, committee: str) -> tuple[str, ...]:
        graders = self.graders(committee)
        differing = []
        for candidate in self.submitted(committee):
            values = {
                entry.value if (entry := self._grades.get((g, candidate))) else None
                for g in graders
            }
            if len(values) > 1 or None in values:
                differing.append(candidate)
        return tuple(differing)

    def equal_grade(self, committee: str, candidate: str) -> str | None:
        """The grade every grader of the committee gave the candidate, if they all agree."""
        values = {
            entry.value if (entry := self._grades.get((g, candidate))) else None
            for g in self.graders(committee)
        }
        if len(values) == 1:
            return next(iter(values))
        return None

    # -- the whole test ----------------------------------------------------------------------

    def is_graded(self) -> bool:
        """Every committee final, and no submitted candidate outside a committee."""
        if not self.committee_names:
            return False
        unassigned = any(
            c.status == CandidateStatus.submitted and c.committee is None
            for c in self.candidates.values()
        )
        return not unassigned and all(c in self.finals for c in self.committee_names)


def load_snapshot(session: Session, test_id: str) -> ApprovalSnapshot | None:
    shared = session.info.get(_SHARED_SNAPSHOTS)
    if shared is not None and test_id in shared.snapshots:
        return shared.snapshots[test_id]
    test = session.get(Test, test_id)
    viewer = None if shared is None else shared.viewer
    with collection_paused():  # tens of thousands of tuples that hold no cycles
        snapshot = None if test is None else ApprovalSnapshot(session, test, viewer=viewer)
    if shared is not None:
        shared.snapshots[test_id] = snapshot
    return snapshot


_SHARED_SNAPSHOTS = "approval_snapshots"


@dataclass
class _SharedSnapshots:
    viewer: str | None
    snapshots: dict[str, ApprovalSnapshot | None] = field(default_factory=dict)


@contextmanager
def one_snapshot_per_test(session: Session, viewer: str | None = None) -> Iterator[None]:
    """Within the block, each test's snapshot is read once and shared by every question
    asked of it: for a caller that only reads approvals in between (the preview of a
    grade sheet asks several, each reading 20,000 candidates). With `viewer`, only the
    grades of the viewer's committees are read, and only those committees may be asked
    about (a grader's own view of a test)."""
    outer = session.info.get(_SHARED_SNAPSHOTS)
    if outer is not None:  # within a block already: its snapshots serve this one too
        if outer.viewer is not None and outer.viewer != viewer:
            raise ValueError("snapshots read for one viewer cannot answer for another")
        yield
        return
    session.info[_SHARED_SNAPSHOTS] = _SharedSnapshots(viewer)
    try:
        yield
    finally:
        del session.info[_SHARED_SNAPSHOTS]


def load_snapshots(session: Session, tests: Iterable[Test]) -> Iterator[ApprovalSnapshot]:
    """The snapshots of many tests (a Home tab's), read in one query per table, not per test,
    and built one at a time as they are asked for. The collector is paused while the rows are
    read and each snapshot built, as for one test's (`load_snapshot`): thousands of tuples
    that hold no cycles, which it would otherwise walk every few hundred."""
    by_id = {test.test_id: test for test in tests}
    with collection_paused():
        rows = _read_rows(session, by_id)
    for test_id, test in by_id.items():
        with collection_paused():
            snapshot = ApprovalSnapshot(session, test, rows.pop(test_id))
        yield snapshot
