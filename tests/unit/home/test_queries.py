"""The Home tab reads what it shows: the statements sent for a person of 200 tests are the
same as for one of 10 (set-based reads, not one snapshot or readiness per test), on both
stores; and the set-based state agrees with the one-test state everywhere."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event, insert

from bot.approvals import approval_state
from bot.approvals.state import load_snapshot
from bot.exams.people import Roles, find_grader
from bot.exams.phase import TestState, states_of
from bot.home.overview import home_overview
from bot.opening.readiness import readiness, readiness_of
from models import tables
from models.db import session_scope
from models.tables import Candidate, CommitteeFinal, CommitteeMembership, Grade
from tests.support.factories import T0, add_grader, add_test
from tests.support.harness import make_settings

OLA = "ola@ntnu.no"
KARI = "kari@ntnu.no"
CONSULTANT = "konsulent@ntnu.no"
NOW = T0 + timedelta(days=2)
SETTINGS = make_settings("http://127.0.0.1:1", "sqlite://")


@contextmanager
def counted(engine):
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def add_tests(
    engine, prefix: str, count: int, *, opened: bool, grading_in: str = "sensorbot"
) -> list[str]:
    """`count` tests of Ola and Kari (committees 1 and 2, five candidates each, Ola's grades
    for some), all consulted by CONSULTANT; open for marking or past the deadline unopened."""
    ids = [f"{prefix}{n:03}-1" for n in range(count)]
    with session_scope(engine) as session:
        for n, test_id in enumerate(ids):
            session.exec(
                insert(tables.Test).values(
                    test_id=test_id,
                    course_code=test_id[:4],
                    department="IDI",
                    submission_deadline=T0,
                    grading_deadline=T0 + timedelta(days=21 + n),
                    grade_scale="letter",
                    opened_for_marking=T0 + timedelta(hours=4) if opened else None,
                    grading_in=grading_in,
                )
            )
            session.exec(insert(tables.TestConsultant).values(test_id=test_id, email=CONSULTANT))
            for committee in ("1", "2"):
                for grader in (OLA, KARI):
                    session.exec(
                        insert(CommitteeMembership).values(
                            test_id=test_id, grader_email=grader, committee=committee
                        )
                    )
                for c in range(5):
                    candidate = f"{committee}{c}"
                    session.exec(
                        insert(Candidate).values(
                            test_id=test_id,
                            candidate_id=candidate,
                            committee=committee,
                            status="submitted",
                        )
                    )
                    if c < 3:
                        session.exec(
                            insert(Grade).values(
                                test_id=test_id,
                                candidate_id=candidate,
                                grader_email=OLA,
                                value="B",
                                updated_at=NOW,
                            )
                        )
    return ids


@pytest.fixture
def people(engine):
    add_test(engine, "X-0", consultants=())  # only so that the department exists
    add_grader(engine, OLA, name="Ola")
    add_grader(engine, KARI, name="Kari")


def statements_for(engine, test_ids: list[str]) -> int:
    with session_scope(engine) as session:
        who = Roles(OLA, find_grader(session, OLA), frozenset(test_ids), False, False)
        with counted(engine) as statements:
            overview = home_overview(session, who, NOW)
    assert overview.grader_tests and overview.consultant_tests
    return len(statements)


@pytest.mark.parametrize("opened", [True, False], ids=["open", "awaiting_admin"])
def test_a_person_of_200_tests_costs_the_statements_of_one_of_10(engine, people, opened):
    few = statements_for(engine, add_tests(engine, "F", 10, opened=opened))
    many = statements_for(engine, add_tests(engine, "M", 200, opened=opened))
    assert many == few
    assert many <= 20  # a handful per section, not one per test


def test_tests_marked_in_inspera_read_their_reports_in_one_query_for_all(engine, people):
    few_ids = add_tests(engine, "F", 10, opened=True, grading_in="inspera")
    many_ids = add_tests(engine, "M", 200, opened=True, grading_in="inspera")
    with session_scope(engine) as session:
        for test_id in few_ids + many_ids:
            session.add(tables.GradingReport(test_id=test_id, committee="1", grader_email=KARI))
    few = statements_for(engine, few_ids)
    many = statements_for(engine, many_ids)
    assert many == few
    assert many <= 20


def test_set_based_states_and_readiness_agree_with_one_test_at_a_time(engine, people):
    ids = add_tests(engine, "O", 4, opened=True) + add_tests(engine, "W", 2, opened=False)
    add_grader(engine, "per@ntnu.no")
    with session_scope(engine) as session:
        # O000: every committee final; O001: one committee final; O002: a candidate of no
        # committee besides final committees; W000: a grader in no committee.
        for committee in ("1", "2"):
            session.add(CommitteeFinal(test_id="O000-1", committee=committee, approved_by=OLA))
            session.add(CommitteeFinal(test_id="O002-1", committee=committee, approved_by=OLA))
        session.add(CommitteeFinal(test_id="O001-1", committee="1", approved_by=OLA))
        session.add(Candidate(test_id="O002-1", candidate_id="99", status="submitted"))
        session.add(CommitteeMembership(test_id="W000-1", grader_email="per@ntnu.no"))
    with session_scope(engine) as session:
        tests = [session.get(tables.Test, test_id) for test_id in ids]
        states = states_of(session, tests, NOW)
        assert states["O000-1"] == TestState.graded
        assert {states[i] for i in ("O001-1", "O002-1", "O003-1")} == {TestState.open}
        for test in tests:
            assert (states[test.test_id] == TestState.graded) == (
                approval_state(session, test.test_id) is not None
                and load_snapshot(session, test.test_id).is_graded()
            )
        many = readiness_of(session, tests, now=NOW)
        assert many == {test.test_id: readiness(session, test, now=NOW) for test in tests}
        assert not many["W000-1"].ready and many["W001-1"].ready
