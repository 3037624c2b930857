"""A test marked in Inspera is graded when its final grades are confirmed there, not when
committees approve in Sensorbot (SPEC §2.6)."""

from datetime import timedelta

from bot.exams.phase import TestState, state_of
from models.db import session_scope
from models.inspera import InsperaFinalGrades
from models.tables import Candidate, CommitteeFinal, GradingIn
from models.tables import Test as ExamTest
from tests.support.factories import T0, add_test

NOW = T0 + timedelta(days=3)


def _open_test(engine, test_id: str, grading_in: GradingIn, **fields):
    add_test(
        engine,
        test_id,
        grading_in=grading_in,
        opened_for_marking=T0 + timedelta(hours=1),
        **fields,
    )
    with session_scope(engine) as session:
        session.add(
            Candidate(test_id=test_id, candidate_id="101", committee="1", status="submitted")
        )
        session.add(CommitteeFinal(test_id=test_id, committee="1", approved_by="a@ntnu.no"))


def _state(engine, test_id: str) -> TestState:
    with session_scope(engine) as session:
        test = session.get(ExamTest, test_id)
        assert test is not None
        return state_of(session, test, NOW)


def test_final_committees_grade_a_sensorbot_test_but_not_an_inspera_one(engine):
    _open_test(engine, "A-2026H", GradingIn.sensorbot)
    _open_test(engine, "B-2026H", GradingIn.inspera)
    assert _state(engine, "A-2026H") == TestState.graded
    assert _state(engine, "B-2026H") == TestState.open


def test_an_inspera_test_is_graded_by_a_consultant_or_by_inspera(engine):
    _open_test(engine, "B-2026H", GradingIn.inspera, final_grades_confirmed_at=NOW)
    _open_test(engine, "C-2026H", GradingIn.inspera, inspera_test_id="9001")
    _open_test(engine, "D-2026H", GradingIn.inspera, inspera_test_id="9002")
    with session_scope(engine) as session:
        session.add(InsperaFinalGrades(inspera_test_id="9001", confirmed_at=NOW))
    assert _state(engine, "B-2026H") == TestState.graded
    assert _state(engine, "C-2026H") == TestState.graded
    assert _state(engine, "D-2026H") == TestState.open
