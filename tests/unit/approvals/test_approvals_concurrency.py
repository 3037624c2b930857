"""Approvals pressed at the same moment, each in its own thread and unit of work, on SQLite
and PostgreSQL: nothing is lost and nothing happens twice."""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlmodel import Session, select

from bot import approvals
from bot.approvals import ApprovalOutcome, NoticeKind, RefusalReason
from bot.exams import audit
from models.db import session_scope
from models.tables import AgreedGrade, CommitteeFinal, FinalApprovalVote, OwnGradingApproval
from tests.support.factories import add_candidates, add_grader, add_membership, add_test, put_grades

TEST = "TDT4100-2026H"
KARI, OLA, PER = "kari@ntnu.no", "ola@ntnu.no", "per@ntnu.no"


def at_the_same_moment(
    engine, *steps: Callable[[Session], ApprovalOutcome]
) -> list[ApprovalOutcome]:
    """Run each step in its own thread and unit of work, released together."""
    barrier = threading.Barrier(len(steps))
    results: list[ApprovalOutcome | None] = [None] * len(steps)
    errors: list[BaseException] = []

    def work(index: int, step: Callable[[Session], ApprovalOutcome]) -> None:
        try:
            barrier.wait(timeout=10)
            with session_scope(engine) as session:
                results[index] = step(session)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i, s)) for i, s in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert all(r is not None for r in results)
    return results


def all_notices(outcomes: list[ApprovalOutcome], kind: NoticeKind) -> list[str]:
    return sorted(n.recipient for o in outcomes for n in o.notices if n.kind == kind)


def rows(engine, table) -> list:
    with session_scope(engine) as session:
        return session.exec(select(table)).all()


def committee_of_two(engine, **settings) -> None:
    add_test(engine, TEST, **settings)
    for email in (KARI, OLA, PER):
        add_grader(engine, email)
    for grader in (KARI, OLA):
        add_membership(engine, TEST, grader, "1")
    add_candidates(engine, TEST, "1", ["101", "102", "103"])
    put_grades(engine, TEST, KARI, {"101": "A", "102": "B", "103": "E"})
    put_grades(engine, TEST, OLA, {"101": "A", "102": "B", "103": "C"})


def test_two_graders_approving_own_grading_at_once_start_alignment_once(engine):
    committee_of_two(engine)
    outcomes = at_the_same_moment(
        engine,
        lambda s: approvals.approve_own(s, TEST, KARI, "1"),
        lambda s: approvals.approve_own(s, TEST, OLA, "1"),
    )
    assert all(o.changed for o in outcomes)
    assert sorted(a.grader_email for a in rows(engine, OwnGradingApproval)) == [KARI, OLA]
    assert all_notices(outcomes, NoticeKind.alignment_prompt) == [KARI, OLA]
    assert sorted(a.candidate_id for a in rows(engine, AgreedGrade)) == ["101", "102"]
    with session_scope(engine) as session:
        assert len(audit.entries(session, action="alignment_started")) == 1


def test_a_double_click_approves_once(engine):
    committee_of_two(engine)
    outcomes = at_the_same_moment(
        engine,
        lambda s: approvals.approve_own(s, TEST, KARI, "1"),
        lambda s: approvals.approve_own(s, TEST, KARI, "1"),
    )
    assert sorted(o.changed for o in outcomes) == [False, True]
    (refused,) = [o for o in outcomes if not o.changed]
    assert refused.refusal.reason == RefusalReason.already_approved
    assert len(rows(engine, OwnGradingApproval)) == 1
    with session_scope(engine) as session:
        assert len(audit.entries(session, action="own_approval")) == 1


def test_the_last_two_final_approvals_at_once_make_the_committee_final_once(engine):
    committee_of_two(engine, final_approval="all")
    put_grades(engine, TEST, KARI, {"103": "C"})
    for grader in (KARI, OLA):
        with session_scope(engine) as session:
            assert approvals.approve_own(session, TEST, grader, "1").changed
    outcomes = at_the_same_moment(
        engine,
        lambda s: approvals.approve_final(s, TEST, "1", KARI),
        lambda s: approvals.approve_final(s, TEST, "1", OLA),
    )
    assert all(o.changed for o in outcomes)
    assert len(rows(engine, FinalApprovalVote)) == 2
    assert len(rows(engine, CommitteeFinal)) == 1
    assert all_notices(outcomes, NoticeKind.transfer_prompt) == ["konsulent@ntnu.no"]
    assert len(all_notices(outcomes, NoticeKind.committee_final)) == 1


def test_two_committees_becoming_final_at_once_tell_the_consultant_once(engine):
    add_test(engine, TEST, final_approval="one")
    for email in (KARI, OLA):
        add_grader(engine, email)
    for grader, committee, candidate in ((KARI, "1", "101"), (OLA, "2", "201")):
        add_membership(engine, TEST, grader, committee)
        add_candidates(engine, TEST, committee, [candidate])
        put_grades(engine, TEST, grader, {candidate: "B"})
        with session_scope(engine) as session:
            assert approvals.approve_own(session, TEST, grader, committee).changed
    outcomes = at_the_same_moment(
        engine,
        lambda s: approvals.approve_final(s, TEST, "1", KARI),
        lambda s: approvals.approve_final(s, TEST, "2", OLA),
    )
    assert all(o.changed for o in outcomes)
    assert all_notices(outcomes, NoticeKind.transfer_prompt) == ["konsulent@ntnu.no"]
    with session_scope(engine) as session:
        assert approvals.approval_state(session, TEST) == approvals.ApprovalState.graded
