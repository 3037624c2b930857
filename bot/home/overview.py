"""What the Home tab shows a person (SPEC §3.8): what waits for them first, then as a grader
their tests with their own progress, and as a consultant their tests with readiness,
committee phases and unresolved escalations. Plain values; the Block Kit is in `bot.ui.home`.

Everything is read for the person's own tests only (their memberships and consultant
rows), so the cost follows the person, not the store, and it is read set-wise, whatever the
number of tests: the dates and state of all their tests in two queries, the rows of the
tests shown in one, their approval facts in one query per table (`load_snapshots`), their
readiness in four (`readiness_of`). A grader sees only their own progress: in private
marking the candidates still lacking *their* grade, in shared marking the committee's
(which every committee member already shares). Admins see their own consultant tests like
any consultant; the all-tests view is `sensorbot status`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from bot.approvals import CommitteeStatus, Phase
from bot.approvals.state import ApprovalSnapshot, load_snapshots
from bot.exams.lookup import grader_test_ids
from bot.exams.people import Roles
from bot.exams.phase import TestState, states_of
from bot.explanations.requests import OpenExplanations, open_explanations
from bot.opening.readiness import Readiness, complaint_readiness_of, readiness_of
from models.tables import ApprovalPrompt, Escalation, EscalationStatus, OwnApproval, Test

MAX_TESTS = 10  # per list; the rest are counted and pointed to `/sensur status`

_GROUP = {
    TestState.open: 0,
    TestState.awaiting_deadline: 1,
    TestState.awaiting_admin: 1,
    TestState.graded: 2,
    TestState.transferred: 2,
}
# Before opening, the committees have no phase worth showing yet.
_MARKING_STATES = (TestState.open, TestState.graded, TestState.transferred)
_OWN_PROMPT = "own"  # `bot.approvals.PromptKind.own`, as stored


@dataclass(frozen=True)
class Turn:
    """Whose turn it is in a committee: the person reading, and the others by name (a grader
    the store has no name for is counted, never shown by e-mail)."""

    you: bool = False
    names: tuple[str, ...] = ()
    unnamed: int = 0

    @property
    def nobody(self) -> bool:
        return not self.you and not self.names and not self.unnamed


@dataclass(frozen=True)
class OwnProgress:
    """One of the grader's committees: how many submitted candidates they have graded."""

    committee: str
    graded: int
    submitted: int
    phase: Phase | None  # None before the test opens
    own_approved: bool
    turn: Turn = Turn()


@dataclass(frozen=True)
class GraderTest:
    test: Test
    state: TestState
    committees: tuple[OwnProgress, ...]


@dataclass(frozen=True)
class CommitteePhase:
    committee: str
    phase: Phase
    turn: Turn = Turn()


@dataclass(frozen=True)
class ConsultantTest:
    test: Test
    state: TestState
    # Before the test opens; afterwards only its complaint committees' blockers, if any.
    readiness: Readiness | None
    committees: tuple[CommitteePhase, ...]
    unresolved_escalations: int


class ActionKind(StrEnum):
    """What the person can do next on a test, most urgent kinds first."""

    grade = "grade"  # send grades: candidates still lack theirs
    approve_own = "approve_own"  # all graded: approve own grading (godkjenne egen sensur)
    agree = "agree"  # the committee agrees on the grades that differ
    approve_final = "approve_final"  # approve the final grades (godkjenne felles sensur)
    open_test = "open_test"  # consultant: nothing blocks it, open it for marking
    fix_setup = "fix_setup"  # consultant: the deadline passed and blockers keep it closed
    escalations = "escalations"  # consultant: graders asked for help
    transfer = "transfer"  # consultant: every committee final, transfer to FS


@dataclass(frozen=True)
class ActionItem:
    kind: ActionKind
    test: Test
    committees: tuple[str, ...] = ()
    count: int = 0  # candidates missing or to agree on, escalations, blockers
    prompt_id: int | None = None  # the own-approval prompt the button presses


@dataclass(frozen=True)
class HomeOverview:
    grader_tests: tuple[GraderTest, ...]
    more_grader_tests: int
    consultant_tests: tuple[ConsultantTest, ...]
    more_consultant_tests: int
    actions: tuple[ActionItem, ...] = ()
    explanations: OpenExplanations = OpenExplanations()

    @property
    def empty(self) -> bool:
        return not self.grader_tests and not self.consultant_tests


def home_overview(
    session: Session,
    roles: Roles,
    now: datetime,
    *,
    limit: int = MAX_TESTS,
    only: str | None = None,
) -> HomeOverview:
    """The person's tests; with `only`, just that test, seen as grader if they grade it and
    as consultant if they may administer it (its consultants and admins)."""
    consultant_ids = set(roles.consultant_test_ids)
    if only is not None:
        consultant_ids = {only} if roles.may_administer(only) else set()
    email = roles.grader.email if roles.grader is not None else None
    graded_ids = grader_test_ids(session, email) if email is not None else set()
    if only is not None:
        graded_ids &= {only}
    ordered = _by_state(session, graded_ids | consultant_ids, now)
    listed_grader = [item for item in ordered if item[0].test_id in graded_ids]
    listed_consultant = [item for item in ordered if item[0].test_id in consultant_ids]
    shown = [dates.test_id for dates, _ in listed_grader[:limit] + listed_consultant[:limit]]
    tests = _tests(session, shown)
    # (A test removed by a roster import between the two reads is left out.)
    as_grader = [(tests[d.test_id], s) for d, s in listed_grader[:limit] if d.test_id in tests]
    as_consultant = [
        (tests[d.test_id], s) for d, s in listed_consultant[:limit] if d.test_id in tests
    ]
    grading = {test.test_id: state for test, state in as_grader}
    consulting = {test.test_id: state for test, state in as_consultant}
    own: dict[str, tuple[OwnProgress, ...]] = {}
    phases: dict[str, tuple[CommitteePhase, ...]] = {}
    # A grader's committees are shown before opening too; a consultant's only once open.
    read = [test for test, _ in as_grader]
    read += [test for test, state in as_consultant if state in _MARKING_STATES]
    for snapshot in load_snapshots(session, read):  # one test's facts in memory at a time
        test_id = snapshot.test_id
        if email is not None and test_id in grading:
            own[test_id] = _own_progress(snapshot, grading[test_id], email)
        if consulting.get(test_id) in _MARKING_STATES:
            phases[test_id] = _committee_phases(snapshot, roles.email)
    grader_tests = tuple(
        GraderTest(test, state, own.get(test.test_id, ())) for test, state in as_grader
    )
    prompts = own_prompts(session, email, list(grading)) if email is not None else {}
    escalations = unresolved_escalations(session, list(consulting))
    before_opening = [test for test, state in as_consultant if state not in _MARKING_STATES]
    ready = readiness_of(session, before_opening, now=now)
    # Once open, only a complaint committee's blockers are worth listing.
    ready |= complaint_readiness_of(
        session, [t.test_id for t, s in as_consultant if s in _MARKING_STATES]
    )
    consultant_tests = tuple(
        ConsultantTest(
            test,
            state,
            ready.get(test.test_id),
            phases.get(test.test_id, ()),
            escalations.get(test.test_id, 0),
        )
        for test, state in as_consultant
    )
    actions = _grader_actions(grader_tests, prompts) + _consultant_actions(consultant_tests)
    return HomeOverview(
        grader_tests,
        max(0, len(listed_grader) - limit),
        consultant_tests,
        max(0, len(listed_consultant) - limit),
        tuple(sorted(actions, key=_urgency)),
        open_explanations(session, roles, now, only=only),
    )


def unresolved_escalations(session: Session, test_ids: Iterable[str]) -> dict[str, int]:
    """Escalations not yet resolved (open or acknowledged), per test."""
    ids = list(test_ids)
    if not ids:
        return {}
    rows = session.exec(
        select(col(Escalation.test_id), func.count())
        .where(
            col(Escalation.test_id).in_(ids),
            col(Escalation.status) != EscalationStatus.resolved.value,
        )
        .group_by(col(Escalation.test_id))
    ).all()
    # The IN filter leaves no case without a test.
    return {test_id: int(count) for test_id, count in rows if test_id is not None}


def own_prompts(session: Session, email: str, test_ids: Collection[str]) -> dict[str, int]:
    """The newest own-approval prompt sent to the grader, per test: the Home tab's approve
    button presses the same prompt (whether it still applies is decided when pressed)."""
    if not test_ids:
        return {}
    rows = session.exec(
        select(col(ApprovalPrompt.test_id), func.max(col(ApprovalPrompt.id)))
        .where(
            col(ApprovalPrompt.test_id).in_(test_ids),
            col(ApprovalPrompt.recipient_email) == email,
            col(ApprovalPrompt.kind) == _OWN_PROMPT,
            col(ApprovalPrompt.claimed_at).is_not(None),
        )
        .group_by(col(ApprovalPrompt.test_id))
    ).all()
    return {test_id: int(prompt_id) for test_id, prompt_id in rows if prompt_id is not None}


class _Dates(NamedTuple):
    """The columns a test's state and place in the list come from (read for every test of the
    person; the whole row only for the tests shown)."""

    test_id: str
    submission_deadline: datetime
    grading_deadline: datetime
    opened_for_marking: datetime | None
    transferred_at: datetime | None
    grading_in: str
    final_grades_confirmed_at: datetime | None
    inspera_test_id: str | None


def _by_state(
    session: Session, test_ids: Collection[str], now: datetime
) -> list[tuple[_Dates, TestState]]:
    """The tests, open ones first, then those awaiting opening, then the finished ones;
    each group by grading deadline."""
    if not test_ids:
        return []
    dates = [
        _Dates(*row)
        for row in session.execute(
            sa_select(
                col(Test.test_id),
                col(Test.submission_deadline),
                col(Test.grading_deadline),
                col(Test.opened_for_marking),
                col(Test.transferred_at),
                col(Test.grading_in),
                col(Test.final_grades_confirmed_at),
                col(Test.inspera_test_id),
            ).where(col(Test.test_id).in_(test_ids))
        )
    ]
    states = states_of(session, dates, now)
    return sorted(
        ((test, states[test.test_id]) for test in dates),
        key=lambda item: (_GROUP[item[1]], item[0].grading_deadline, item[0].test_id),
    )


def _tests(session: Session, test_ids: Collection[str]) -> dict[str, Test]:
    if not test_ids:
        return {}
    tests = session.exec(select(Test).where(col(Test.test_id).in_(test_ids)))
    return {test.test_id: test for test in tests}


def _turn(snapshot: ApprovalSnapshot, status: CommitteeStatus, reader: str | None) -> Turn:
    waiting = status.waiting_for
    others = [email for email in waiting if email != reader]
    names = tuple(
        snapshot.grader_names[email] for email in others if email in snapshot.grader_names
    )
    return Turn(you=reader in waiting, names=names, unnamed=len(others) - len(names))


def _own_progress(
    snapshot: ApprovalSnapshot, state: TestState, email: str
) -> tuple[OwnProgress, ...]:
    marking = state in _MARKING_STATES  # before opening, no phase and nobody's turn
    committees = []
    for committee in snapshot.committees_of(email):
        status = snapshot.status(committee)
        committees.append(
            OwnProgress(
                committee=committee,
                graded=len(status.submitted) - len(status.missing.get(email, ())),
                submitted=len(status.submitted),
                phase=status.phase if marking else None,
                own_approved=email in status.own_approved,
                turn=_turn(snapshot, status, email) if marking else Turn(),
            )
        )
    return tuple(committees)


def _committee_phases(snapshot: ApprovalSnapshot, reader: str | None) -> tuple[CommitteePhase, ...]:
    return tuple(
        CommitteePhase(s.committee, s.phase, _turn(snapshot, s, reader))
        for s in snapshot.statuses()
    )


def _grader_actions(tests: Iterable[GraderTest], prompts: Mapping[str, int]) -> list[ActionItem]:
    """Per test, what the grader can do now, committees together."""
    items = []
    for item in tests:
        if item.state != TestState.open:
            continue
        by_kind: dict[ActionKind, list[OwnProgress]] = {}
        for own in item.committees:
            kind = _grader_action(own)
            if kind is not None:
                by_kind.setdefault(kind, []).append(own)
        if ActionKind.grade in by_kind and item.test.own_approval == OwnApproval.all_committees:
            # Own grading is approved for all committees at once, when all are graded.
            by_kind.pop(ActionKind.approve_own, None)
        for kind, committees in by_kind.items():
            count = sum(own.submitted - own.graded for own in committees)
            items.append(
                ActionItem(
                    kind,
                    item.test,
                    tuple(own.committee for own in committees),
                    count=count if kind == ActionKind.grade else 0,
                    prompt_id=prompts.get(item.test.test_id)
                    if kind == ActionKind.approve_own
                    else None,
                )
            )
    return items


def _grader_action(own: OwnProgress) -> ActionKind | None:
    if not own.turn.you:
        return None
    if own.phase == Phase.grading:
        return ActionKind.grade if own.graded < own.submitted else ActionKind.approve_own
    if own.phase == Phase.aligning:
        return ActionKind.agree
    if own.phase == Phase.final_approval:
        return ActionKind.approve_final
    return None


def _consultant_actions(tests: Iterable[ConsultantTest]) -> list[ActionItem]:
    items = []
    for item in tests:
        if item.state == TestState.awaiting_admin and item.readiness is not None:
            if item.readiness.ready:
                items.append(ActionItem(ActionKind.open_test, item.test))
            else:
                count = len(item.readiness.blockers)
                items.append(ActionItem(ActionKind.fix_setup, item.test, count=count))
        if item.state == TestState.graded:
            items.append(ActionItem(ActionKind.transfer, item.test))
        if item.unresolved_escalations:
            count = item.unresolved_escalations
            items.append(ActionItem(ActionKind.escalations, item.test, count=count))
    return items


_ORDER = {kind: index for index, kind in enumerate(ActionKind)}


def _urgency(item: ActionItem) -> tuple[datetime, int, str]:
    return (item.test.grading_deadline, _ORDER[item.kind], item.test.test_id)
