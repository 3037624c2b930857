"""The FS hand-off as a service (no Slack), on SQLite and PostgreSQL: started once when a test
is graded (in Sensorbot or in Inspera), the test transfer's result recorded (fine, or the
candidates FS refused, checked against the test's candidates), the transfer confirmed, and
the scheduler's steps that start hand-offs and remind."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot import approvals
from bot.approvals import NoticeKind, RefusalReason
from bot.approvals.outcome import ApprovalOutcome
from bot.exams import audit
from bot.exams.people import Roles
from bot.handoff import (
    ChecklistState,
    TrialResult,
    checklist_view,
    press_transferred,
    record_trial,
    start_graded_handoffs,
)
from bot.handoff.steps import remind_untransferred_tests, start_fs_handoffs, waited_since
from bot.scheduling.steps import PassContext
from models import tables
from models.db import session_scope
from models.tables import FsHandoff, GradingIn
from tests.support.factories import (
    T0,
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    put_grades,
)
from tests.support.harness import make_settings
from tests.support.scheduling import OSLO, oslo

TEST = "TDT4100-2026H"
KARI, OLA = "kari@ntnu.no", "ola@ntnu.no"
CONSULTANT = "konsulent@ntnu.no"
AGREE = {"101": "A", "102": "B", "103": "C"}


def consultant() -> Roles:
    return Roles(CONSULTANT, None, frozenset({TEST}), False, False)


def grader() -> Roles:
    return Roles(KARI, None, frozenset(), False, False)


def graded_in_sensorbot(engine, **fields) -> int:
    """Kari and Ola grade 101–103 in committee 1 (104 absent) and approve; Kari's final
    approval makes the test graded. The checklist's prompt id."""
    add_test(engine, TEST, consultants=(CONSULTANT,), final_approval="one", **fields)
    for email, name in ((KARI, "Kari Nordmann"), (OLA, "Ola Hansen")):
        add_grader(engine, email, name=name)
        add_membership(engine, TEST, email, "1")
    add_candidates(engine, TEST, "1", ["101", "102", "103"])
    add_candidates(engine, TEST, "1", ["104"], status="absent")
    for email in (KARI, OLA):
        put_grades(engine, TEST, email, AGREE)
        with session_scope(engine) as session:
            approvals.approve_own(session, TEST, email, "1")
    with session_scope(engine) as session:
        final = approvals.approve_final(session, TEST, "1", KARI)
    (checklist,) = [n for n in final.notices if n.kind == NoticeKind.transfer_prompt]
    assert checklist.recipient == CONSULTANT and checklist.params == {"export": True}
    assert checklist.prompt_id is not None
    return checklist.prompt_id


def graded_in_inspera(engine, **fields) -> None:
    add_test(
        engine,
        TEST,
        consultants=(CONSULTANT,),
        grading_in=GradingIn.inspera,
        opened_for_marking=T0,
        **fields,
    )
    for email in (KARI, OLA):
        add_grader(engine, email)
        add_membership(engine, TEST, email, "1")
    add_candidates(engine, TEST, "1", ["101", "102"])


def confirm_in_inspera(engine) -> None:
    """What the consultant's "final grades confirmed in Inspera" records."""
    with session_scope(engine) as session:
        test = session.get(tables.Test, TEST)
        test.final_grades_confirmed_at = T0 + timedelta(days=10)
        session.add(test)


def press(engine, step, *args) -> ApprovalOutcome:
    with session_scope(engine) as session:
        return step(session, *args)


def handoff(engine) -> FsHandoff | None:
    with session_scope(engine) as session:
        return session.get(FsHandoff, TEST)


def view(engine, prompt_id):
    with session_scope(engine) as session:
        return checklist_view(session, prompt_id)


def test_the_last_final_approval_starts_the_hand_off_once_with_the_export(engine):
    checklist = graded_in_sensorbot(engine)
    assert handoff(engine) is not None
    shown = view(engine, checklist)
    assert shown.state == ChecklistState.open and shown.graded_in_sensorbot
    assert (shown.graded, shown.trial_result, shown.graders) == (3, None, 2)
    with session_scope(engine) as session:
        test = session.get(tables.Test, TEST)
        assert (
            start_graded_handoffs(session, [test], T0 + timedelta(days=5), ApprovalOutcome()) == []
        )
        (entry,) = audit.entries(session, action="fs_handoff_started")
        assert entry.actor == "sensorbot"


def test_only_a_consultant_records_and_transfer_waits_for_the_test_transfer(engine):
    checklist = graded_in_sensorbot(engine)
    refused = press(engine, record_trial, checklist, grader(), TrialResult.fine)
    assert refused.refusal.reason == RefusalReason.not_consultant
    early = press(engine, press_transferred, checklist, consultant())
    assert early.refusal.reason == RefusalReason.trial_missing
    assert handoff(engine).trial_result is None

    fine = press(engine, record_trial, checklist, consultant(), TrialResult.fine)
    assert fine.changed and fine.prompt_updates == [checklist]
    assert view(engine, checklist).trial_result == TrialResult.fine
    assert press(engine, press_transferred, checklist, grader()).refusal.reason == (
        RefusalReason.not_consultant
    )


def test_refused_candidates_are_checked_against_the_test_and_listed_back(engine):
    checklist = graded_in_sensorbot(engine)
    unknown = press(
        engine, record_trial, checklist, consultant(), TrialResult.refused, "101, 999\nx7"
    )
    assert unknown.refusal.reason == RefusalReason.unknown_candidates
    assert unknown.refusal.params["candidates"] == ("999", "x7")
    stored = handoff(engine)
    assert (stored.trial_result, stored.refused_candidates) == (None, "[]")
    empty = press(engine, record_trial, checklist, consultant(), TrialResult.refused, " ,; ")
    assert empty.refusal.reason == RefusalReason.no_candidates

    done = press(
        engine, record_trial, checklist, consultant(), TrialResult.refused, "103\n101 103;"
    )
    assert done.changed
    stored = handoff(engine)
    assert (stored.trial_result, json.loads(stored.refused_candidates)) == (
        "refused",
        ["103", "101"],
    )
    assert view(engine, checklist).refused == ("103", "101")
    with session_scope(engine) as session:
        (entry,) = audit.entries(session, action="fs_test_transfer")
        assert (entry.actor, entry.new_value) == (CONSULTANT, "refused: 103, 101")


def test_transferred_sets_the_dates_tells_the_graders_the_windows_and_happens_once(engine):
    checklist = graded_in_sensorbot(engine)
    press(engine, record_trial, checklist, consultant(), TrialResult.fine)
    before = datetime.now(UTC)
    done = press(engine, press_transferred, checklist, consultant())
    assert sorted((n.recipient, n.kind) for n in done.notices) == [
        (KARI, NoticeKind.transferred),
        (OLA, NoticeKind.transferred),
    ]
    with session_scope(engine) as session:
        test = session.get(tables.Test, TEST)
        assert test.transferred_by == CONSULTANT and test.transferred_at >= before
        assert test.results_published == test.transferred_at
        published = test.results_published
        (entry,) = audit.entries(session, action="transferred_to_fs")
        assert entry.actor == CONSULTANT
    windows = done.notices[0].params
    assert windows == {
        "results_published": published.isoformat(),
        "oral_or_practical": False,
        "explanation_asked_by": (published + timedelta(weeks=1)).isoformat(),
        "complaint_by": (published + timedelta(weeks=3)).isoformat(),
    }
    assert view(engine, checklist).state == ChecklistState.transferred
    again = press(engine, press_transferred, checklist, consultant())
    assert again.refusal.reason == RefusalReason.already_transferred
    assert press(engine, record_trial, checklist, consultant(), TrialResult.fine).refusal


def test_an_imported_announcement_wins_and_an_oral_exam_has_no_complaint_window(engine):
    announced = datetime(2027, 1, 4, 12, 0, tzinfo=UTC)
    checklist = graded_in_sensorbot(engine, results_published=announced, oral_or_practical=True)
    press(engine, record_trial, checklist, consultant(), TrialResult.fine)
    done = press(engine, press_transferred, checklist, consultant())
    with session_scope(engine) as session:
        assert session.get(tables.Test, TEST).results_published == announced
    assert done.notices[0].params == {
        "results_published": announced.isoformat(),
        "oral_or_practical": True,
        "explanation_asked_by": None,
        "complaint_by": None,
    }


def test_an_inspera_test_starts_its_hand_off_without_an_export_once_confirmed(engine):
    graded_in_inspera(engine)
    now = T0 + timedelta(days=11)
    outcome = ApprovalOutcome()
    with session_scope(engine) as session:
        test = session.get(tables.Test, TEST)
        assert start_graded_handoffs(session, [test], now, outcome) == []
    confirm_in_inspera(engine)
    with session_scope(engine) as session:
        test = session.get(tables.Test, TEST)
        assert start_graded_handoffs(session, [test], now, outcome) == [TEST]
    (notice,) = outcome.notices
    assert (notice.recipient, notice.kind, notice.params) == (
        CONSULTANT,
        NoticeKind.transfer_prompt,
        {"export": False},
    )
    shown = view(engine, notice.prompt_id)
    assert shown.state == ChecklistState.open and not shown.graded_in_sensorbot


def test_a_reopened_committee_outdates_the_checklist_and_restarts_the_hand_off(engine):
    checklist = graded_in_sensorbot(engine)
    press(engine, record_trial, checklist, consultant(), TrialResult.fine)
    with session_scope(engine) as session:
        approvals.reopen_committee(session, TEST, "1", consultant(), "Recount 103")
    assert handoff(engine) is None
    assert view(engine, checklist).state == ChecklistState.out_of_date
    assert press(engine, press_transferred, checklist, consultant()).refusal.reason == (
        RefusalReason.out_of_date
    )


# -- the scheduler's steps -----------------------------------------------------------------


def context(session, now, **settings) -> PassContext:
    return PassContext(
        session, now, make_settings("http://127.0.0.1:9/api/", "sqlite://", **settings)
    )


def test_the_step_starts_the_hand_off_of_a_test_confirmed_elsewhere_once(engine):
    graded_in_inspera(engine)
    now = oslo(2026, 12, 21, 10, 0)
    with session_scope(engine) as session:
        assert start_fs_handoffs(context(session, now)) == []
    confirm_in_inspera(engine)
    with session_scope(engine) as session:
        (message,) = start_fs_handoffs(context(session, now))
    assert message.kind == "approval_prompt" and message.recipient.email == CONSULTANT
    with session_scope(engine) as session:
        assert start_fs_handoffs(context(session, now)) == []


def test_the_step_finds_a_sensorbot_test_by_its_final_grades_but_not_an_inspera_one(engine):
    graded_in_sensorbot(engine, opened_for_marking=T0)
    now = oslo(2026, 12, 21, 10, 0)
    with session_scope(engine) as session:
        session.delete(session.get(FsHandoff, TEST))  # as if the approval had not started it

    def step_when_marked_in(grading_in: GradingIn) -> None:
        with session_scope(engine) as session:
            test = session.get(tables.Test, TEST)
            test.grading_in = grading_in
            session.add(test)
        with session_scope(engine) as session:
            start_fs_handoffs(context(session, now))

    # Marked in Inspera, a committee's final grades here do not make the test graded.
    step_when_marked_in(GradingIn.inspera)
    assert handoff(engine) is None
    step_when_marked_in(GradingIn.sensorbot)
    started = handoff(engine)
    assert started is not None and started.started_at == now


def started_on(engine, when: datetime) -> None:
    graded_in_inspera(engine)
    confirm_in_inspera(engine)
    with session_scope(engine) as session:
        start_graded_handoffs(session, [session.get(tables.Test, TEST)], when, ApprovalOutcome())
        handoff = session.get(FsHandoff, TEST)
        handoff.started_at = when
        session.add(handoff)


def reminded(engine, now, **settings) -> list[str]:
    with session_scope(engine) as session:
        return [m.key for m in remind_untransferred_tests(context(session, now, **settings))]


def test_a_test_not_transferred_two_working_days_on_is_reminded_at_nine_once_a_day(engine):
    started_on(engine, oslo(2026, 12, 14, 10, 0))  # a Monday
    assert reminded(engine, oslo(2026, 12, 15, 9, 0)) == []  # one working day on
    assert reminded(engine, oslo(2026, 12, 16, 8, 59)) == []  # before 09:00
    expected = f"handoff_reminder:{TEST}:2026-12-16:{CONSULTANT}"
    assert reminded(engine, oslo(2026, 12, 16, 9, 0)) == [expected]
    assert reminded(engine, oslo(2026, 12, 16, 15, 0)) == [], "once a day"
    assert reminded(engine, oslo(2026, 12, 17, 9, 5)) == [expected.replace("16", "17")]
    assert reminded(engine, oslo(2026, 12, 19, 9, 0)) == [], "not on a Saturday"
    with session_scope(engine) as session:
        test = session.get(tables.Test, TEST)
        test.transferred_at = oslo(2026, 12, 18, 12, 0)
        session.add(test)
    assert reminded(engine, oslo(2026, 12, 21, 9, 0)) == []


def test_closed_days_and_weekends_are_not_counted():
    calendar = make_settings("http://x/", "sqlite://", SENSORBOT_CLOSED_DAYS="12-21").calendar
    # Tuesday 22 December: Monday 21 is closed, so the working day before is Friday 18.
    assert waited_since(datetime(2026, 12, 22).date(), calendar, OSLO) == oslo(2026, 12, 18, 0, 0)


def test_closed_days_count_as_closed_in_the_reminder_step(engine):
    started_on(engine, oslo(2026, 12, 18, 14, 0))  # a Friday
    closed = {"SENSORBOT_CLOSED_DAYS": "12-21"}  # Monday closed
    assert reminded(engine, oslo(2026, 12, 21, 9, 0), **closed) == []
    assert reminded(engine, oslo(2026, 12, 22, 9, 0), **closed) == []  # one working day on
    assert reminded(engine, oslo(2026, 12, 23, 9, 0), **closed) == [
        f"handoff_reminder:{TEST}:2026-12-23:{CONSULTANT}"
    ]


def test_a_hand_off_started_late_in_the_day_counts_from_that_local_day(engine):
    started_on(engine, oslo(2026, 12, 16, 23, 30))  # Wednesday late evening, Oslo
    assert reminded(engine, oslo(2026, 12, 17, 9, 0)) == []
    assert reminded(engine, oslo(2026, 12, 18, 9, 0)) == [
        f"handoff_reminder:{TEST}:2026-12-18:{CONSULTANT}"
    ]


def test_the_transfer_by_test_id_needs_a_hand_off_and_its_recorded_result(engine):
    from bot.handoff import mark_transferred

    checklist = graded_in_sensorbot(engine, opened_for_marking=T0)
    with session_scope(engine) as session:
        session.delete(session.get(FsHandoff, TEST))
    not_started = press(engine, mark_transferred, TEST, consultant())
    assert not_started.refusal.reason == RefusalReason.not_graded
    assert not_started.refusal.params["committees"] == ()
    with session_scope(engine) as session:
        start_graded_handoffs(
            session, [session.get(tables.Test, TEST)], T0 + timedelta(days=5), ApprovalOutcome()
        )
    assert press(engine, mark_transferred, TEST, consultant()).refusal.reason == (
        RefusalReason.trial_missing
    )
    assert press(engine, mark_transferred, TEST, grader()).refusal.reason == (
        RefusalReason.not_consultant
    )
    press(engine, record_trial, checklist, consultant(), TrialResult.fine)
    assert press(engine, mark_transferred, TEST, consultant()).changed
    assert press(engine, mark_transferred, "NOPE-2026H", consultant()).refusal.reason == (
        RefusalReason.unknown_test
    )
