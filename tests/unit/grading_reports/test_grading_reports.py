"""Grading reports of tests marked in Inspera, on SQLite and PostgreSQL: who may report and
take back, what is stored and audited, the set-based reads, the consultants' confirmation,
the one question to the consultants, and the unfinished work reminders go by."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.exams import audit
from bot.exams.people import roles_for
from bot.exams.phase import TestState, state_of
from bot.grading_reports import (
    ConfirmOutcome,
    ReportRefusal,
    confirm_final_grades,
    report_board,
    report_done,
    reports_of,
    take_back,
    unreported_graders,
)
from bot.grading_reports.asking import ask_consultants_to_confirm
from bot.home.overview import ActionKind, home_overview
from bot.reminders.unfinished import unfinished_work
from bot.scheduling.status import status_report
from bot.scheduling.status_text import status_lines
from bot.scheduling.steps import PassContext
from models import tables
from models.db import session_scope
from models.inspera import InsperaFinalGrades
from models.tables import (
    ApprovalPrompt,
    CommitteeMembership,
    CommitteePurpose,
    GradingReport,
)
from tests.support.factories import T0, add_grader, add_membership
from tests.support.harness import make_settings
from tests.support.scheduling import CONSULTANT, TEST_ID, marking_setup

OLA, KARI, PER = "ola@ntnu.no", "kari@ntnu.no", "per@ntnu.no"
OPENED = T0 + timedelta(days=1)
NOW = T0 + timedelta(days=3)
SETTINGS = make_settings("http://127.0.0.1:1", "sqlite://")


@pytest.fixture
def inspera_test(engine):
    """Ola in committees 1 and 2, Kari in 1, Per in 2; marked in Inspera, open."""
    for email in (OLA, KARI, PER):
        add_grader(engine, email, name=email.split("@")[0].title())
    marking_setup(
        engine,
        graders=[(OLA, "1"), (OLA, "2"), (KARI, "1"), (PER, "2")],
        new_graders=False,
        grading_in="inspera",
        opened_for_marking=OPENED,
        inspera_test_id="9001",
    )
    return engine


def _report(engine, email, committee, *, back=False, now=NOW):
    step = take_back if back else report_done
    with session_scope(engine) as session:
        return step(session, TEST_ID, email, committee, now)


def _stored(engine) -> list[tuple[str, str]]:
    with session_scope(engine) as session:
        rows = session.exec(select(GradingReport)).all()
        return sorted((r.committee, r.grader_email) for r in rows)


def test_a_grader_reports_their_committee_once_and_it_is_audited(inspera_test):
    first = _report(inspera_test, OLA, "1")
    again = _report(inspera_test, OLA, "1", now=NOW + timedelta(hours=1))

    assert (first.refusal, first.changed) == (None, True)
    assert (again.refusal, again.changed) == (None, False)
    assert _stored(inspera_test) == [("1", OLA)]
    with session_scope(inspera_test) as session:
        entries = audit.entries(session, test_id=TEST_ID, action="grading_reported")
        assert [(e.actor, e.subject, e.new_value) for e in entries] == [(OLA, "1", NOW.isoformat())]


@pytest.mark.parametrize(
    ("email", "committee"), [(KARI, "2"), ("nobody@ntnu.no", "1"), (OLA, "3"), (OLA, "")]
)
def test_only_a_grader_of_the_committee_may_report_it(inspera_test, email, committee):
    result = _report(inspera_test, email, committee)

    assert result.refusal == ReportRefusal.not_a_grader
    assert _stored(inspera_test) == []


def _add_complaint_grader(engine) -> None:
    """A grader of complaint committee K1 of the test."""
    add_grader(engine, "klage@ntnu.no", name="Klage")
    with session_scope(engine) as session:
        session.add(
            CommitteeMembership(
                test_id=TEST_ID,
                grader_email="klage@ntnu.no",
                committee="K1",
                purpose=CommitteePurpose.complaint,
            )
        )


def test_a_complaint_grader_may_report_their_committee(inspera_test):
    _add_complaint_grader(inspera_test)
    assert _report(inspera_test, "klage@ntnu.no", "K1").changed


def test_complaint_graders_report_after_the_test_is_transferred(inspera_test):
    """Complaints come after the result: the ordinary round is closed, theirs is not."""
    _add_complaint_grader(inspera_test)
    with session_scope(inspera_test) as session:
        test = session.get(tables.Test, TEST_ID)
        test.transferred_at = NOW
        session.add(test)

    assert _report(inspera_test, OLA, "1").refusal == ReportRefusal.transferred
    assert _report(inspera_test, "klage@ntnu.no", "K1").changed
    assert _report(inspera_test, "klage@ntnu.no", "K1", back=True).changed


def test_a_test_whose_grades_are_set_in_sensorbot_takes_no_report(engine):
    marking_setup(engine, opened_for_marking=OPENED)

    assert _report(engine, OLA, "1").refusal == ReportRefusal.not_in_inspera
    assert _report(engine, OLA, "1", back=True).refusal == ReportRefusal.not_in_inspera
    assert _stored(engine) == []


def test_nothing_is_reported_before_opening_or_of_an_unknown_test(engine):
    marking_setup(engine, grading_in="inspera")

    assert _report(engine, OLA, "1").refusal == ReportRefusal.not_open
    with session_scope(engine) as session:
        unknown = report_done(session, "NOPE-2026H", OLA, "1", NOW)
    assert unknown.refusal == ReportRefusal.unknown_test


def test_taking_back_deletes_the_report_and_is_audited(inspera_test):
    _report(inspera_test, OLA, "1")
    result = _report(inspera_test, OLA, "1", back=True)
    nothing = _report(inspera_test, OLA, "1", back=True)

    assert (result.refusal, result.changed) == (None, True)
    assert nothing.refusal == ReportRefusal.not_reported
    assert _stored(inspera_test) == []
    with session_scope(inspera_test) as session:
        (entry,) = audit.entries(session, test_id=TEST_ID, action="grading_report_taken_back")
        assert (entry.actor, entry.subject, entry.old_value) == (OLA, "1", NOW.isoformat())


def test_once_the_final_grades_are_confirmed_reports_are_refused(inspera_test):
    _report(inspera_test, KARI, "1")
    _confirm(inspera_test, CONSULTANT)

    assert _report(inspera_test, OLA, "1").refusal == ReportRefusal.graded
    assert _report(inspera_test, KARI, "1", back=True).refusal == ReportRefusal.graded
    assert _stored(inspera_test) == [("1", KARI)]


def test_a_transferred_test_takes_no_report(inspera_test):
    with session_scope(inspera_test) as session:
        test = session.get(tables.Test, TEST_ID)
        test.transferred_at = NOW
        session.add(test)

    assert _report(inspera_test, OLA, "1").refusal == ReportRefusal.transferred


def test_reports_and_the_unreported_are_read_per_committee_for_many_tests(inspera_test):
    marking_setup(
        inspera_test,
        "TMA4100-2026H",
        graders=[(OLA, "A")],
        new_graders=False,
        grading_in="inspera",
        opened_for_marking=OPENED,
    )
    _report(inspera_test, OLA, "1")
    _report(inspera_test, PER, "2")
    with session_scope(inspera_test) as session:
        test = session.get(tables.Test, TEST_ID)
        found = reports_of(session, [TEST_ID, "TMA4100-2026H"])
        missing = unreported_graders(session, test)
        board = report_board(session, [TEST_ID, "TMA4100-2026H"])

    assert found[TEST_ID] == {("1", OLA): NOW, ("2", PER): NOW}
    assert "TMA4100-2026H" not in found
    assert missing == {"1": (KARI,), "2": (OLA,)}
    assert [(r.committee, r.grader_name, r.reported_at) for r in board[TEST_ID]] == [
        ("1", "Kari", None),
        ("1", "Ola", NOW),
        ("2", "Ola", None),
        ("2", "Per", NOW),
    ]
    assert [(r.committee, r.grader_email) for r in board["TMA4100-2026H"]] == [("A", OLA)]


def _confirm(engine, email, now=NOW):
    with session_scope(engine) as session:
        roles = roles_for(session, email, SETTINGS)
        return confirm_final_grades(session, TEST_ID, roles, now)


def test_a_consultant_confirms_the_final_grades_and_the_test_is_graded(inspera_test):
    result = _confirm(inspera_test, CONSULTANT)
    again = _confirm(inspera_test, CONSULTANT, NOW + timedelta(hours=2))

    assert (result.outcome, result.confirmed_by) == (ConfirmOutcome.confirmed, CONSULTANT)
    assert (again.outcome, again.confirmed_at) == (ConfirmOutcome.already_confirmed, NOW)
    with session_scope(inspera_test) as session:
        test = session.get(tables.Test, TEST_ID)
        assert (test.final_grades_confirmed_at, test.final_grades_confirmed_by) == (
            NOW,
            CONSULTANT,
        )
        assert state_of(session, test, NOW) == TestState.graded
        (entry,) = audit.entries(session, test_id=TEST_ID, action="final_grades_confirmed")
        assert entry.actor == CONSULTANT


def test_a_grader_cannot_confirm_the_final_grades(inspera_test):
    assert _confirm(inspera_test, OLA).outcome == ConfirmOutcome.not_yours
    with session_scope(inspera_test) as session:
        assert session.get(tables.Test, TEST_ID).final_grades_confirmed_at is None


def test_inspera_confirmed_first_so_the_button_changes_nothing(inspera_test):
    confirmed_at = NOW - timedelta(hours=1)
    with session_scope(inspera_test) as session:
        session.add(InsperaFinalGrades(inspera_test_id="9001", confirmed_at=confirmed_at))

    result = _confirm(inspera_test, CONSULTANT)

    assert (result.outcome, result.confirmed_at, result.confirmed_by) == (
        ConfirmOutcome.already_confirmed,
        confirmed_at,
        None,
    )
    with session_scope(inspera_test) as session:
        assert session.get(tables.Test, TEST_ID).final_grades_confirmed_at is None


def _ask(engine, now=NOW):
    with session_scope(engine) as session:
        return ask_consultants_to_confirm(PassContext(session, now, SETTINGS))


def _report_all(engine):
    for email, committee in [(OLA, "1"), (OLA, "2"), (KARI, "1"), (PER, "2")]:
        _report(engine, email, committee)


def test_the_consultants_are_asked_once_when_every_grader_has_reported(inspera_test):
    for email, committee in [(OLA, "1"), (OLA, "2"), (KARI, "1")]:
        _report(inspera_test, email, committee)
    assert _ask(inspera_test) == []

    _report(inspera_test, PER, "2")
    (asked,) = _ask(inspera_test)
    assert (asked.kind, asked.recipient.email) == ("grading_reported", CONSULTANT)

    _report(inspera_test, PER, "2", back=True)
    _report(inspera_test, PER, "2")
    assert _ask(inspera_test) == []


def test_nobody_is_asked_when_the_final_grades_are_confirmed_already(inspera_test):
    _report_all(inspera_test)
    with session_scope(inspera_test) as session:
        session.add(InsperaFinalGrades(inspera_test_id="9001", confirmed_at=NOW))

    assert _ask(inspera_test) == []


def test_a_test_without_committees_asks_nobody(engine):
    marking_setup(engine, graders=[(OLA, None)], grading_in="inspera", opened_for_marking=OPENED)

    assert _ask(engine) == []


def test_unfinished_work_of_a_test_marked_in_inspera_is_what_is_not_reported(inspera_test):
    _report(inspera_test, OLA, "1")
    _report(inspera_test, KARI, "1")
    with session_scope(inspera_test) as session:
        work = unfinished_work(session, session.get(tables.Test, TEST_ID))
        prompts = session.exec(select(ApprovalPrompt)).all()

    assert [(w.grader_email, w.committees) for w in work] == [(OLA, ("2",)), (PER, ("2",))]
    assert work[0].progress == {
        "grading_in": "inspera",
        "progress": [{"committee": "2", "phase": "unreported"}],
    }
    assert prompts == []  # no approval prompt of the Sensorbot walk is made


def test_no_unfinished_work_once_the_final_grades_are_confirmed(inspera_test):
    _confirm(inspera_test, CONSULTANT)
    with session_scope(inspera_test) as session:
        assert unfinished_work(session, session.get(tables.Test, TEST_ID)) == []


def test_a_grader_in_no_committee_has_nothing_to_report(inspera_test):
    add_grader(inspera_test, "ny@ntnu.no", name="Ny")
    add_membership(inspera_test, TEST_ID, "ny@ntnu.no", None)
    with session_scope(inspera_test) as session:
        missing = unreported_graders(session, session.get(tables.Test, TEST_ID))
    assert "ny@ntnu.no" not in {e for emails in missing.values() for e in emails}


def test_sensorbot_status_of_the_test_says_where_grades_are_set_and_who_reported(inspera_test):
    _report(inspera_test, KARI, "1")
    _add_complaint_grader(inspera_test)
    with session_scope(inspera_test) as session:
        test = session.get(tables.Test, TEST_ID)
        report = status_report(session, NOW, test=test)
    lines = status_lines(report, SETTINGS, NOW, detailed=True)

    assert "  Karakterene settes og godkjennes i Inspera." in lines
    assert "    • Kommisjon 1: meldt ferdig: Kari · ikke meldt: Ola" in lines
    assert "    • Kommisjon 2: meldt ferdig: ingen · ikke meldt: Ola og Per" in lines
    assert "    • Klagekommisjon K1: meldt ferdig: ingen · ikke meldt: Klage" in lines


def _overview(engine, email):
    with session_scope(engine) as session:
        return home_overview(session, roles_for(session, email, SETTINGS), NOW)


def test_the_home_tab_asks_graders_to_report_and_consultants_to_confirm(inspera_test):
    _report(inspera_test, OLA, "1")
    ola = _overview(inspera_test, OLA)
    ((test,), (action,)) = (ola.grader_tests, ola.actions)
    assert [(r.committee, r.reported_at) for r in test.reports] == [("1", NOW), ("2", None)]
    assert (action.kind, action.committees) == (ActionKind.report_done, ("2",))
    assert not _overview(inspera_test, CONSULTANT).actions

    _report_all(inspera_test)
    assert not _overview(inspera_test, OLA).actions
    consultant = _overview(inspera_test, CONSULTANT)
    assert [a.kind for a in consultant.actions] == [ActionKind.confirm_final]
    assert consultant.consultant_tests[0].all_reported


def test_a_complaint_committee_is_neither_reminded_nor_awaited(inspera_test):
    _add_complaint_grader(inspera_test)
    _report_all(inspera_test)
    with session_scope(inspera_test) as session:
        assert unfinished_work(session, session.get(tables.Test, TEST_ID)) == []
    (asked,) = _ask(inspera_test)
    assert asked.recipient.email == CONSULTANT
