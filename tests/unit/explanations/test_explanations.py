"""Explanation requests: the scheduler's steps (told, reminders on working days, overdue),
recording "Explanation given", and a person's open requests — on SQLite and PostgreSQL.

Ola and Kari grade committee 1 of TDT4100-2026H, Per committee 2. Candidate 101 (committee 1)
asks for an explanation on Monday 26 April 2027; it is due at the end of Monday 10 May.
Ascension Day (Thursday 6 May) falls in between: the reminders come on Tuesday 4 May (3
working days before) and Friday 7 May (1 working day before), not on Friday 7 and Sunday 9.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from sqlmodel import select

from bot.exams.audit import entries
from bot.exams.deadlines import LAW
from bot.exams.people import roles_for
from bot.explanations.requests import (
    GIVEN_ACTION,
    GivenRefusal,
    open_explanations,
    record_given,
)
from bot.explanations.steps import EXPLANATION_STEPS, reminder_day
from bot.scheduling.scheduler import detect
from models.db import session_scope
from models.tables import OutboxEntry
from tests.support.explanations import add_explanation_request
from tests.support.factories import add_candidates, add_grader, add_membership
from tests.support.harness import make_settings
from tests.support.scheduling import CONSULTANT, TEST_ID, marking_setup, oslo

REQUESTED = oslo(2027, 4, 26, 10, 0)
DUE = oslo(2027, 5, 10, 23, 59)
PUBLISHED = oslo(2027, 4, 22, 12, 0)


@pytest.fixture
def settings(store_url):
    return make_settings("http://127.0.0.1:1/api/", store_url)


@pytest.fixture
def setup(engine):
    marking_setup(
        engine,
        graders=(("ola@ntnu.no", "1"), ("kari@ntnu.no", "1"), ("per@ntnu.no", "2")),
        submitted={"1": ["101", "102"], "2": ["201"]},
        submission_deadline=oslo(2027, 3, 10, 9, 0),
        results_published=PUBLISHED,
    )
    return engine


def _pass(engine, settings, now) -> Counter:
    """One pass's detection at `now`; the kinds and recipients of what it enqueued."""
    before = {row.key for row in _rows(engine)}
    detect(engine, settings, now, EXPLANATION_STEPS)
    return Counter((r.kind, r.to_email) for r in _rows(engine) if r.key not in before)


def _rows(engine) -> list[OutboxEntry]:
    with session_scope(engine) as session:
        return list(session.exec(select(OutboxEntry)).all())


def test_a_new_request_is_told_to_the_graders_of_the_candidates_committee_once(setup, settings):
    add_explanation_request(setup, TEST_ID, "101", REQUESTED, due_at=DUE)

    told = _pass(setup, settings, REQUESTED + timedelta(minutes=1))
    again = _pass(setup, settings, REQUESTED + timedelta(minutes=2))

    assert told == {
        ("explanation_request", "ola@ntnu.no"): 1,
        ("explanation_request", "kari@ntnu.no"): 1,
    }
    assert not again
    with session_scope(setup) as session:
        audited = [(e.actor, e.action, e.new_value) for e in entries(session, test_id=TEST_ID)]
    assert audited == [("sensorbot", "explanation_told", "kari@ntnu.no, ola@ntnu.no")]


def test_a_late_request_is_stored_told_and_flagged_once_to_the_consultants(setup, settings):
    add_explanation_request(setup, TEST_ID, "101", REQUESTED, due_at=DUE, late=True)

    told = _pass(setup, settings, REQUESTED + timedelta(minutes=1))
    again = _pass(setup, settings, REQUESTED + timedelta(hours=1))

    assert told[("explanation_late", CONSULTANT)] == 1
    assert told[("explanation_request", "ola@ntnu.no")] == 1
    assert not again
    (late,) = [r for r in _rows(setup) if r.kind == "explanation_late"]
    assert '"results_published": "2027-04-22T10:00:00+00:00"' in late.payload
    assert '"requested_at": "2027-04-26T08:00:00+00:00"' in late.payload


def test_a_request_whose_candidate_has_no_committee_goes_to_the_consultants(setup, settings):
    add_candidates(setup, TEST_ID, None, ["999"])
    add_explanation_request(setup, TEST_ID, "999", REQUESTED, due_at=DUE)

    told = _pass(setup, settings, REQUESTED + timedelta(minutes=1))

    assert told == {("explanation_unassigned", CONSULTANT): 1}


def test_complaint_graders_are_not_the_committee_that_owes_the_explanation(setup, settings):
    from models.tables import CommitteeMembership, CommitteePurpose

    add_grader(setup, "lise@ntnu.no", name="Lise")
    with session_scope(setup) as session:
        session.add(
            CommitteeMembership(
                test_id=TEST_ID,
                grader_email="lise@ntnu.no",
                committee="1",
                purpose=CommitteePurpose.complaint,
            )
        )
    add_explanation_request(setup, TEST_ID, "101", REQUESTED, due_at=DUE)

    told = _pass(setup, settings, REQUESTED + timedelta(minutes=1))

    assert ("explanation_request", "lise@ntnu.no") not in told


def test_the_reminder_day_is_counted_in_working_days():
    due = date(2027, 5, 10)
    assert reminder_day(LAW, due, 3) == date(2027, 5, 4)  # Ascension Day not counted
    assert reminder_day(LAW, due, 1) == date(2027, 5, 7)  # not Sunday 9 May
    assert reminder_day(LAW, date(2027, 5, 8), 1) == date(2027, 5, 7)  # due on a Saturday


def test_reminders_come_3_and_1_working_days_before_at_nine_once_each(setup, settings):
    add_explanation_request(setup, TEST_ID, "101", REQUESTED, due_at=DUE)
    _pass(setup, settings, REQUESTED)
    sent: dict[str, Counter] = {}
    day = date(2027, 4, 27)
    while day <= date(2027, 5, 10):
        for hour, minute in ((8, 59), (9, 0), (15, 0)):
            found = _pass(setup, settings, oslo(day.year, day.month, day.day, hour, minute))
            reminders = Counter({k: n for k, n in found.items() if k[0] == "explanation_reminder"})
            if reminders:
                sent[f"{day} {hour:02}:{minute:02}"] = reminders
        day += timedelta(days=1)

    both = Counter(
        {("explanation_reminder", "ola@ntnu.no"): 1, ("explanation_reminder", "kari@ntnu.no"): 1}
    )
    assert sent == {"2027-05-04 09:00": both, "2027-05-07 09:00": both}
    keys = sorted(r.key for r in _rows(setup) if r.kind == "explanation_reminder")
    assert keys[0].startswith(f"explanation_reminder:{TEST_ID}:")


def test_after_a_stop_only_the_latest_reminder_due_is_sent(setup, settings):
    add_explanation_request(setup, TEST_ID, "101", REQUESTED, due_at=DUE)
    _pass(setup, settings, REQUESTED)

    found = _pass(setup, settings, oslo(2027, 5, 7, 10, 0))  # down from 4 to 7 May

    keys = sorted(r.key for r in _rows(setup) if r.kind == "explanation_reminder")
    assert sum(found.values()) == 2
    assert all(":1:" in key for key in keys)


def test_no_reminder_the_day_a_request_is_told_nor_on_a_non_working_day(setup, settings):
    # Registered on the day of the 3-day reminder: the notice has the due date.
    add_explanation_request(
        setup, TEST_ID, "102", REQUESTED, due_at=DUE, registered_at=oslo(2027, 5, 4, 8, 0)
    )
    _pass(setup, settings, oslo(2027, 5, 4, 8, 30))
    assert not _pass(setup, settings, oslo(2027, 5, 4, 9, 30))
    assert not _pass(setup, settings, oslo(2027, 5, 6, 9, 30))  # Ascension Day
    assert sum(_pass(setup, settings, oslo(2027, 5, 7, 9, 30)).values()) == 2


def test_overdue_reaches_the_graders_and_consultants_once(setup, settings):
    add_explanation_request(setup, TEST_ID, "101", REQUESTED, due_at=DUE)
    _pass(setup, settings, REQUESTED)

    before = _pass(setup, settings, DUE - timedelta(minutes=1))
    at_due = _pass(setup, settings, DUE)
    later = _pass(setup, settings, DUE + timedelta(days=1))

    assert not [k for k in before if k[0].startswith("explanation_overdue")]
    assert at_due == {
        ("explanation_overdue", "ola@ntnu.no"): 1,
        ("explanation_overdue", "kari@ntnu.no"): 1,
        ("explanation_overdue_consultant", CONSULTANT): 1,
    }
    assert not later
    with session_scope(setup) as session:
        audited = [e.new_value for e in entries(session, action="explanation_overdue")]
    assert audited == [f"kari@ntnu.no, {CONSULTANT}, ola@ntnu.no"]
    (flag,) = [r for r in _rows(setup) if r.kind == "explanation_overdue_consultant"]
    assert '"graders": ["Kari", "Ola"]' in flag.payload


def test_an_old_request_wakes_nobody(setup, settings):
    add_explanation_request(setup, TEST_ID, "101", REQUESTED, due_at=DUE)
    assert not _pass(setup, settings, DUE + timedelta(days=8))


def test_a_grader_of_the_committee_records_it_given_once_and_it_is_audited(setup, settings):
    request_id = add_explanation_request(setup, TEST_ID, "101", REQUESTED, due_at=DUE)
    pressed = oslo(2027, 5, 3, 14, 0)

    with session_scope(setup) as session:
        outsider = record_given(session, request_id, "per@ntnu.no", pressed)
        nobody = record_given(session, request_id, None, pressed)
        given = record_given(session, request_id, "kari@ntnu.no", pressed)
        second = record_given(session, request_id, "ola@ntnu.no", pressed + timedelta(hours=1))
        gone = record_given(session, request_id + 1000, "ola@ntnu.no", pressed)
        audited = [(e.actor, e.action, e.subject) for e in entries(session, test_id=TEST_ID)]

    assert outsider.refusal == nobody.refusal == GivenRefusal.not_a_grader
    assert given.refusal is None and given.others == ("ola@ntnu.no",)
    assert given.view is not None and given.view.given_at == pressed
    assert second.refusal == GivenRefusal.already_given
    assert second.view is not None and second.view.given_by == "kari@ntnu.no"
    assert second.view.given_by_name == "Kari" and second.view.given_at == pressed
    assert gone.refusal == GivenRefusal.gone
    assert audited == [("kari@ntnu.no", GIVEN_ACTION, f"candidate 101 (request {request_id})")]


def test_a_given_explanation_gets_no_reminders_and_no_overdue_notice(setup, settings):
    request_id = add_explanation_request(setup, TEST_ID, "101", REQUESTED, due_at=DUE)
    _pass(setup, settings, REQUESTED)
    with session_scope(setup) as session:
        record_given(session, request_id, "ola@ntnu.no", oslo(2027, 5, 3, 14, 0))

    assert not _pass(setup, settings, oslo(2027, 5, 4, 9, 0))
    assert not _pass(setup, settings, oslo(2027, 5, 7, 9, 0))
    assert not _pass(setup, settings, DUE + timedelta(minutes=1))


def test_open_requests_of_a_grader_and_of_a_consultant(setup, settings):
    first = add_explanation_request(setup, TEST_ID, "101", REQUESTED, due_at=DUE, late=True)
    add_explanation_request(setup, TEST_ID, "201", REQUESTED, due_at=DUE + timedelta(days=1))
    given = add_explanation_request(setup, TEST_ID, "102", REQUESTED, due_at=DUE)
    add_grader(setup, CONSULTANT, name="Konsulent")  # a consultant who also grades, elsewhere
    marking_setup(setup, "TMA4100-2027V", graders=(), new_graders=False, submitted={})
    add_membership(setup, "TMA4100-2027V", CONSULTANT, "1")
    now = oslo(2027, 5, 3, 14, 0)
    with session_scope(setup) as session:
        record_given(session, given, "ola@ntnu.no", now)
        ola = open_explanations(session, roles_for(session, "ola@ntnu.no", settings), now)
        per = open_explanations(session, roles_for(session, "per@ntnu.no", settings), now)
        consultant = open_explanations(session, roles_for(session, CONSULTANT, settings), now)
        one = open_explanations(
            session, roles_for(session, CONSULTANT, settings), now, only="TMA4100-2027V"
        )

    assert [(r.request_id, r.candidate_id, r.late) for r in ola.as_grader] == [(first, "101", True)]
    assert not ola.as_consultant
    assert [r.candidate_id for r in per.as_grader] == ["201"]
    assert not consultant.as_grader
    assert [r.candidate_id for r in consultant.as_consultant] == ["101", "201"]
    assert one.empty


def test_open_requests_beyond_the_limit_are_counted(setup, settings):
    for number in range(3):
        add_explanation_request(
            setup, TEST_ID, "101", REQUESTED + timedelta(hours=number), due_at=DUE
        )
    with session_scope(setup) as session:
        roles = roles_for(session, "ola@ntnu.no", settings)
        listed = open_explanations(session, roles, REQUESTED, limit=2)
    assert (len(listed.as_grader), listed.more_as_grader) == (2, 1)


def test_sensorbot_status_of_a_test_lists_its_requests_not_given(setup, settings):
    from bot.scheduling.status import status_report
    from bot.scheduling.status_text import status_lines
    from models.tables import Test

    add_explanation_request(setup, TEST_ID, "101", REQUESTED, due_at=DUE, late=True)
    add_explanation_request(setup, TEST_ID, "201", REQUESTED, due_at=DUE + timedelta(days=2))
    given = add_explanation_request(setup, TEST_ID, "102", REQUESTED, due_at=DUE)
    now = DUE + timedelta(hours=1)
    with session_scope(setup) as session:
        record_given(session, given, "ola@ntnu.no", now)
        report = status_report(session, now, test=session.get(Test, TEST_ID))
        lines = status_lines(report, settings, now, detailed=True)

    start = lines.index("2 begrunnelser er ikke gitt:")
    assert lines[start + 1 : start + 3] == [
        "    • kandidat 101, frist mandag 10. mai 2027 (innen kl. 23.59) · over fristen"
        " · ba om den for sent",
        "    • kandidat 201, frist onsdag 12. mai 2027 (innen kl. 23.59)",
    ]
