"""The complaint committee's own round as scheduler steps, called directly (SQLite and
PostgreSQL): its notice, reminders and overdue notices against the complaints' due date,
its readiness blockers, what `/sensur why` reads, and the ordinary round leaving complaint
committees alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from sqlmodel import Session, select

from bot.complaints.diagnosis import complaint_work
from bot.complaints.notices import (
    committee_occasion,
    escalate_overdue_complaints,
    notify_complaint_committees,
    remind_complaint_graders,
)
from bot.opening.notices import opened_notices, recheck_openings
from bot.opening.readiness import BlockerKind, complaint_readiness_of, readiness
from bot.reminders.unfinished import unfinished_work
from bot.scheduling.outbox import OutgoingMessage, enqueue
from bot.scheduling.status import status_report
from bot.scheduling.status_text import status_lines
from bot.scheduling.steps import PassContext
from models import tables
from models.db import session_scope
from models.tables import Complaint, OutboxEntry, OutboxStatus
from tests.support.complaint_round import add_complaint, add_complaint_committee, report_done
from tests.support.factories import add_grader
from tests.support.harness import make_settings
from tests.support.scheduling import CONSULTANT, TEST_ID, marking_setup, oslo

OPENED_AT = oslo(2026, 9, 11, 9, 0)
RECEIVED_AT = oslo(2026, 10, 12, 10, 0)
DUE_AT = oslo(2026, 11, 2, 23, 59)
NOTICE_AT = oslo(2026, 10, 13, 10, 0)
SEVEN_DAYS_BEFORE = oslo(2026, 10, 26, 9, 0)

Step = Callable[[PassContext], list[OutgoingMessage]]


@pytest.fixture
def settings():
    return make_settings("http://127.0.0.1:9/api/", "sqlite://")


def _round(engine, grading_in: str = "inspera") -> None:
    marking_setup(
        engine,
        submission_deadline=oslo(2026, 9, 10, 9, 0),
        grading_deadline=oslo(2026, 10, 1, 23, 59),
        opened_for_marking=OPENED_AT,
        submitted={"1": ["101", "102", "103"]},
        grading_in=grading_in,
    )
    add_grader(engine, "per@uib.no", "external", name="Per Ekstern")
    add_grader(engine, "siri@ntnu.no", name="Siri Intern")
    add_complaint_committee(engine, TEST_ID, "K1", ["per@uib.no", "siri@ntnu.no"])
    add_complaint(engine, TEST_ID, "102", "K1", received_at=RECEIVED_AT, due_at=DUE_AT)


def _run(engine, settings, step: Step, now: datetime) -> list[OutgoingMessage]:
    """The step in its own transaction, its messages stored as a pass stores them."""
    with session_scope(engine) as session:
        messages = step(PassContext(session, now, settings))
        enqueue(session, messages, now)
        return messages


def _to(messages: list[OutgoingMessage]) -> list[str]:
    return sorted(m.recipient.describe() for m in messages)


def test_each_complaint_grader_is_told_once_of_the_committees_candidates(engine, settings):
    _round(engine)
    messages = _run(engine, settings, notify_complaint_committees, NOTICE_AT)
    assert _to(messages) == ["per@uib.no", "siri@ntnu.no"]
    params = messages[0].params
    assert params["committee"] == "K1" and params["candidates"] == ["102"]
    assert datetime.fromisoformat(params["due_at"]) == DUE_AT
    assert params["grading_in"] == "inspera"
    # Nothing of the original round: no grades, no graders, no committee 1.
    assert set(params) == {
        "test",
        "committee",
        "candidates",
        "due_at",
        "grading_in",
        "inspera_url",
        "as_of",
    }
    assert _run(engine, settings, notify_complaint_committees, NOTICE_AT) == []


def test_a_new_complaint_for_the_committee_is_a_notice_of_its_own(engine, settings):
    _round(engine)
    first = _run(engine, settings, notify_complaint_committees, NOTICE_AT)
    add_complaint(
        engine, TEST_ID, "7", "K1", received_at=NOTICE_AT, due_at=oslo(2026, 11, 4, 23, 59)
    )
    add_complaint(
        engine, TEST_ID, "103", "K1", received_at=NOTICE_AT, due_at=oslo(2026, 11, 4, 23, 59)
    )
    second = _run(engine, settings, notify_complaint_committees, oslo(2026, 10, 14, 10, 0))
    assert [m.params["candidates"] for m in second] == [["7", "103"]] * 2
    assert not {m.key for m in first} & {m.key for m in second}


def test_a_grader_added_later_hears_of_every_open_complaint_and_the_others_of_none_again(
    engine, settings
):
    _round(engine)
    _run(engine, settings, notify_complaint_committees, NOTICE_AT)
    add_grader(engine, "nils@uit.no", "external", name="Nils Ny")
    add_complaint_committee(engine, TEST_ID, "K1", ["nils@uit.no"])
    with session_scope(engine) as session:
        recheck_openings(session, [TEST_ID])
    messages = _run(engine, settings, notify_complaint_committees, oslo(2026, 10, 14, 10, 0))
    assert _to(messages) == ["nils@uit.no"]
    assert messages[0].params["candidates"] == ["102"]


def test_no_notice_before_the_test_is_open_nor_for_a_decided_or_long_overdue_complaint(
    engine, settings
):
    _round(engine)
    add_complaint(
        engine,
        TEST_ID,
        "101",
        "K1",
        received_at=RECEIVED_AT,
        due_at=DUE_AT,
        status="final",
    )
    assert _run(engine, settings, notify_complaint_committees, oslo(2026, 9, 10, 12, 0)) == []
    long_after = oslo(2026, 11, 20, 10, 0)  # more than a week after the due date
    assert _run(engine, settings, notify_complaint_committees, long_after) == []
    messages = _run(engine, settings, notify_complaint_committees, NOTICE_AT)
    assert {tuple(m.params["candidates"]) for m in messages} == {("102",)}


def test_reminders_go_at_nine_seven_days_before_to_the_unreported_grader(engine, settings):
    _round(engine)
    report_done(engine, TEST_ID, "K1", "siri@ntnu.no")
    assert _run(engine, settings, remind_complaint_graders, oslo(2026, 10, 26, 8, 59)) == []
    messages = _run(engine, settings, remind_complaint_graders, SEVEN_DAYS_BEFORE)
    assert _to(messages) == ["per@uib.no"]
    assert messages[0].params["days"] == 7
    assert _run(engine, settings, remind_complaint_graders, oslo(2026, 10, 26, 15, 0)) == []
    two_days = _run(engine, settings, remind_complaint_graders, oslo(2026, 10, 31, 9, 0))
    assert _to(two_days) == ["per@uib.no"] and two_days[0].params["days"] == 2


def test_a_sensorbot_test_reminds_every_grader_until_the_complaints_are_decided(engine, settings):
    _round(engine, grading_in="sensorbot")
    report_done(engine, TEST_ID, "K1", "siri@ntnu.no")  # counts only in Inspera
    messages = _run(engine, settings, remind_complaint_graders, SEVEN_DAYS_BEFORE)
    assert _to(messages) == ["per@uib.no", "siri@ntnu.no"]

    with session_scope(engine) as session:
        complaint = session.exec(select(Complaint)).one()
        complaint.status = "held"  # the committee is done; the consultant assesses again
        session.add(complaint)
    assert _run(engine, settings, remind_complaint_graders, oslo(2026, 10, 31, 9, 0)) == []


def test_an_earlier_complaint_makes_the_reminder_due_again(engine, settings):
    _round(engine)
    _run(engine, settings, remind_complaint_graders, SEVEN_DAYS_BEFORE)
    add_complaint(
        engine, TEST_ID, "103", "K1", received_at=RECEIVED_AT, due_at=oslo(2026, 11, 1, 23, 59)
    )
    again = _run(engine, settings, remind_complaint_graders, oslo(2026, 10, 26, 10, 0))
    assert _to(again) == ["per@uib.no", "siri@ntnu.no"]


def test_overdue_once_to_the_graders_and_the_consultants(engine, settings):
    _round(engine)
    assert _run(engine, settings, escalate_overdue_complaints, oslo(2026, 11, 2, 23, 0)) == []
    messages = _run(engine, settings, escalate_overdue_complaints, oslo(2026, 11, 3, 8, 0))
    kinds = sorted((m.kind, m.recipient.describe()) for m in messages)
    assert kinds == [
        ("complaint_overdue", "per@uib.no"),
        ("complaint_overdue", "siri@ntnu.no"),
        ("complaint_overdue_escalation", CONSULTANT),
    ]
    (escalation,) = [m for m in messages if m.kind == "complaint_overdue_escalation"]
    assert [g["name"] for g in escalation.params["graders"]] == ["Per Ekstern", "Siri Intern"]
    assert _run(engine, settings, escalate_overdue_complaints, oslo(2026, 11, 3, 9, 0)) == []


def test_an_overdue_complaint_of_a_committee_that_reported_done_escalates_nothing(engine, settings):
    _round(engine)
    for email in ("per@uib.no", "siri@ntnu.no"):
        report_done(engine, TEST_ID, "K1", email)
    assert _run(engine, settings, escalate_overdue_complaints, oslo(2026, 11, 3, 8, 0)) == []


def test_a_long_committee_name_still_fits_its_occasion():
    occasion = committee_occasion("complaint-reminder:7:", "K" * 100)
    assert len(occasion) <= 64 and occasion.startswith("complaint-reminder:7:#")
    assert committee_occasion("complaint-reminder:7:", "K1") == "complaint-reminder:7:K1"


def _blockers(session: Session) -> dict[BlockerKind, tuple[int, tuple[str, ...], tuple[str, ...]]]:
    status = complaint_readiness_of(session, [TEST_ID]).get(TEST_ID)
    if status is None:
        return {}
    return {b.kind: (b.count, b.committee_names, b.graders) for b in status.blockers}


def test_a_complaint_committee_without_graders_or_with_graders_not_in_slack_blocks(engine):
    _round(engine)
    with session_scope(engine) as session:
        assert _blockers(session) == {}
    add_complaint(engine, TEST_ID, "103", "K9", received_at=RECEIVED_AT, due_at=DUE_AT)
    with session_scope(engine) as session:
        session.add(
            OutboxEntry(
                key="complaint_opened:x:per@uib.no",
                kind="complaint_opened",
                test_id=TEST_ID,
                to_email="per@uib.no",
                status=OutboxStatus.undeliverable,
                next_attempt_at=NOTICE_AT,
            )
        )
    with session_scope(engine) as session:
        assert _blockers(session) == {
            BlockerKind.complaint_committee_without_graders: (1, ("K9",), ()),
            BlockerKind.complaint_graders_not_in_slack: (1, ("K1",), ("Per Ekstern",)),
        }
        # The test's own readiness (what keeps it from opening) is not changed by them.
        test = session.get(tables.Test, TEST_ID)
        assert test is not None
        assert readiness(session, test, now=NOTICE_AT).blockers == ()
        # `sensorbot status TEST` lists them under their own heading.
        report = status_report(session, NOTICE_AT, test=test)
    settings = make_settings("http://127.0.0.1:1", "sqlite://")
    lines = status_lines(report, settings, NOTICE_AT, detailed=True)
    heading = lines.index("  Dette holder klagesensuren tilbake:")
    assert [line for line in lines[heading + 1 :] if "K9" in line or "Per Ekstern" in line]


def test_why_reads_the_graders_open_complaints_per_test(engine):
    _round(engine)
    add_complaint(engine, TEST_ID, "7", "K1", received_at=RECEIVED_AT, due_at=oslo(2026, 11, 1))
    add_complaint(
        engine, TEST_ID, "103", "K1", received_at=RECEIVED_AT, due_at=DUE_AT, status="final"
    )
    with session_scope(engine) as session:
        work = complaint_work(session, "per@uib.no", [TEST_ID])
        assert work[TEST_ID].candidates == ("7", "102")
        assert work[TEST_ID].due_at == oslo(2026, 11, 1)
        assert complaint_work(session, "ola@ntnu.no", [TEST_ID]) == {}


def test_the_ordinary_notice_and_reminders_leave_complaint_committees_out(engine, settings):
    _round(engine, grading_in="sensorbot")
    with session_scope(engine) as session:
        test = session.get(tables.Test, TEST_ID)
        assert test is not None
        notices = opened_notices(session, test, now=OPENED_AT, inspera_url="")
        assert _to(notices) == ["kari@ntnu.no", "ola@ntnu.no"]
        work = unfinished_work(session, test)
        assert all("K1" not in w.committees for w in work)
        assert {w.grader_email for w in work} == {"ola@ntnu.no", "kari@ntnu.no"}
        assert readiness(session, test, now=OPENED_AT).notices == ()
