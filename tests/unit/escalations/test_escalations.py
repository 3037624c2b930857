"""The escalation service on the store alone (SQLite and PostgreSQL): one case per grader
and test even under simultaneous clicks, one case for the graders who escalate the same
blockers of a test, the state changes, re-raising, who may act."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from bot.diagnosis.access import Finding, FindingKind
from bot.escalations import cases as escalations
from bot.exams import audit
from bot.exams.people import roles_for
from models.db import session_scope
from models.tables import Escalation, EscalationStatus
from tests.support.factories import T0, add_test
from tests.support.harness import make_settings

GRADER = "ola@ntnu.no"
FINDINGS = (Finding(FindingKind.no_committee), Finding(FindingKind.awaiting_opening))


def open_case(engine, test_id="A-1", grader=GRADER, now=T0, findings=FINDINGS, user="UOLA"):
    with session_scope(engine) as session:
        return escalations.create_or_existing(
            session,
            test_id=test_id,
            grader_email=grader,
            grader_slack_user=user,
            grader_name=grader.split("@")[0].title(),
            findings=findings,
            now=now,
        )


OTHER = (Finding(FindingKind.no_access_agreement),)


def count_cases(engine) -> int:
    with session_scope(engine) as session:
        return len(session.exec(select(Escalation)).all())


@pytest.fixture
def test_a(engine):
    add_test(engine, "A-1", consultants=("konsulent@ntnu.no",))
    add_test(engine, "B-1", consultants=("annen@ntnu.no",))


def test_create_then_the_same_case_again(engine, test_a):
    first = open_case(engine)
    assert first.created and first.escalation.status == EscalationStatus.open
    assert escalations.findings_of(first.escalation) == FINDINGS
    again = open_case(engine, grader="OLA@ntnu.no")
    assert not again.created
    assert again.escalation.id == first.escalation.id
    assert count_cases(engine) == 1
    with session_scope(engine) as session:
        (entry,) = audit.entries(session, action="escalation.created")
    assert (entry.actor, entry.test_id, entry.subject) == (
        GRADER,
        "A-1",
        f"escalation:{first.escalation.id}",
    )
    assert entry.new_value == "no_committee, awaiting_opening"


def test_other_tests_other_blockers_and_the_exam_office_are_separate_cases(engine, test_a):
    ids = {
        open_case(engine).escalation.id,
        open_case(engine, test_id="B-1").escalation.id,
        open_case(engine, grader="kari@ntnu.no", findings=OTHER).escalation.id,
        open_case(engine, test_id=None).escalation.id,
        open_case(engine, test_id=None, grader="kari@ntnu.no").escalation.id,
    }
    assert len(ids) == 5
    assert open_case(engine, test_id=None).already


def test_a_second_grader_with_the_same_blockers_joins_the_open_case(engine, test_a):
    first = open_case(engine)
    # Other counts, the same kinds of blocker: the same fix helps both.
    later = (Finding(FindingKind.no_committee), Finding(FindingKind.awaiting_opening, count=3))
    joined = open_case(
        engine, grader="kari@ntnu.no", user="UKARI", findings=later, now=T0 + timedelta(hours=1)
    )
    assert joined.joined and not joined.created and not joined.already
    assert joined.escalation.id == first.escalation.id
    assert [(g.email, g.slack_user) for g in escalations.graders_of(joined.escalation)] == [
        (GRADER, "UOLA"),
        ("kari@ntnu.no", "UKARI"),
    ]
    assert escalations.findings_of(joined.escalation) == later  # the latest seen
    assert open_case(engine, grader="kari@ntnu.no", user="UKARI").already  # idempotent
    assert count_cases(engine) == 1
    with session_scope(engine) as session:
        (entry,) = audit.entries(session, action="escalation.joined")
    assert (entry.actor, entry.test_id, entry.new_value) == ("kari@ntnu.no", "A-1", "kari@ntnu.no")


def test_a_grader_on_a_case_is_not_put_on_another_for_the_same_test(engine, test_a):
    first = open_case(engine)
    again = open_case(engine, findings=OTHER)  # what stands in their way changed since
    assert again.already and again.escalation.id == first.escalation.id


def test_simultaneous_graders_with_the_same_blockers_make_one_case_listing_all(engine, test_a):
    graders = [f"sensor{i}@ntnu.no" for i in range(5)]
    barrier = threading.Barrier(len(graders))
    results, errors = [], []

    def click(grader):
        try:
            barrier.wait()
            results.append(open_case(engine, grader=grader, user=f"U{grader[6]}"))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=click, args=(g,)) for g in graders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(r.created for r in results) == 1 and sum(r.joined for r in results) == 4
    assert count_cases(engine) == 1
    with session_scope(engine) as session:
        (case,) = session.exec(select(Escalation)).all()
    assert sorted(g.email for g in escalations.graders_of(case)) == graders


def test_the_store_itself_refuses_a_second_unresolved_case(engine, test_a):
    open_case(engine)
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(
            Escalation(
                test_id="A-1",
                grader_email=GRADER,
                grader_slack_user="UOLA",
                active_key=escalations.active_key("A-1", GRADER, FINDINGS),
            )
        )


def test_simultaneous_clicks_create_one_case(engine, test_a):
    clicks = 6
    barrier = threading.Barrier(clicks)
    results, errors = [], []

    def click():
        try:
            barrier.wait()
            results.append(open_case(engine))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=click) for _ in range(clicks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(r.created for r in results) == 1
    assert len({r.escalation.id for r in results}) == 1
    assert count_cases(engine) == 1


def test_acknowledge_then_resolve_each_once(engine, test_a):
    case = open_case(engine).escalation
    later = T0 + timedelta(hours=2)
    with session_scope(engine) as session:
        acked = escalations.acknowledge(
            session, case.id, actor="konsulent@ntnu.no", now=later, actor_user="UKARI"
        )
    assert acked.changed
    assert acked.escalation.acknowledged_by_user == "UKARI"
    assert acked.escalation.status == EscalationStatus.acknowledged
    assert (acked.escalation.acknowledged_by, acked.escalation.acknowledged_at) == (
        "konsulent@ntnu.no",
        later,
    )
    with session_scope(engine) as session:
        assert not escalations.acknowledge(session, case.id, actor="x@ntnu.no", now=later).changed
    with session_scope(engine) as session:
        resolved = escalations.resolve(session, case.id, actor="konsulent@ntnu.no", now=later)
    assert resolved.changed
    assert resolved.escalation.status == EscalationStatus.resolved
    assert resolved.escalation.acknowledged_by == "konsulent@ntnu.no"
    with session_scope(engine) as session:
        assert not escalations.resolve(session, case.id, actor="x@ntnu.no", now=later).changed
        assert not escalations.acknowledge(session, case.id, actor="x@ntnu.no", now=later).changed
        entries = audit.entries(session, test_id="A-1")
    assert [(e.action, e.actor, e.old_value, e.new_value) for e in entries[1:]] == [
        ("escalation.acknowledged", "konsulent@ntnu.no", "open", "acknowledged"),
        ("escalation.resolved", "konsulent@ntnu.no", "acknowledged", "resolved"),
    ]


def test_resolving_an_open_case_directly_frees_the_grader_to_escalate_again(engine, test_a):
    case = open_case(engine).escalation
    with session_scope(engine) as session:
        assert escalations.resolve(session, case.id, actor="konsulent@ntnu.no", now=T0).changed
    again = open_case(engine)
    assert again.created and again.escalation.id != case.id


def test_simultaneous_acknowledgements_change_it_once(engine, test_a):
    case = open_case(engine).escalation
    barrier = threading.Barrier(4)
    changed = []

    def click(actor):
        barrier.wait()
        with session_scope(engine) as session:
            changed.append(escalations.acknowledge(session, case.id, actor=actor, now=T0).changed)

    threads = [threading.Thread(target=click, args=(f"k{i}@ntnu.no",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(changed) == [False, False, False, True]
    with session_scope(engine) as session:
        assert len(audit.entries(session, action="escalation.acknowledged")) == 1


def test_unknown_case_cannot_be_acknowledged(engine, test_a):
    with pytest.raises(LookupError), session_scope(engine) as session:
        escalations.acknowledge(session, 999, actor="x@ntnu.no", now=T0)


def test_due_for_reraise_once_after_the_configured_hours(engine, test_a):
    old = open_case(engine, now=T0).escalation
    young = open_case(engine, test_id="B-1", now=T0 + timedelta(hours=2)).escalation
    acked = open_case(engine, grader="kari@ntnu.no", now=T0, findings=OTHER).escalation
    resolved = open_case(
        engine, grader="per@ntnu.no", now=T0, findings=(Finding(FindingKind.not_on_test),)
    ).escalation
    with session_scope(engine) as session:
        escalations.acknowledge(session, acked.id, actor="konsulent@ntnu.no", now=T0)
        escalations.resolve(session, resolved.id, actor="konsulent@ntnu.no", now=T0)

    def due(now, hours=24):
        with session_scope(engine) as session:
            return [e.id for e in escalations.due_for_reraise(session, now, hours)]

    assert due(T0 + timedelta(hours=23, minutes=59)) == []
    assert due(T0 + timedelta(hours=24)) == [old.id]
    assert due(T0 + timedelta(hours=26)) == [old.id, young.id]
    assert due(T0 + timedelta(hours=3), hours=1) == [old.id, young.id]

    now = T0 + timedelta(hours=24)
    with session_scope(engine) as session:
        assert escalations.mark_reraised(session, old.id, now)
    with session_scope(engine) as session:
        assert not escalations.mark_reraised(session, old.id, now + timedelta(hours=1))
        assert not escalations.mark_reraised(session, acked.id, now)
    assert due(T0 + timedelta(days=5)) == [young.id]
    with session_scope(engine) as session:
        (entry,) = audit.entries(session, action="escalation.reraised")
        reraised = session.get(Escalation, old.id)
    assert (entry.actor, entry.subject) == ("sensorbot", f"escalation:{old.id}")
    assert reraised.reraised_at == now


def test_delivery_is_recorded_and_audited(engine, test_a):
    case = open_case(engine).escalation
    copies = [
        escalations.PostedCopy("konsulent@ntnu.no", "DUK", "1.000001", "nb"),
        escalations.PostedCopy(None, "CIDI", "1.000002", "nb"),
    ]
    with session_scope(engine) as session:
        escalations.record_delivery(session, case, copies, unreachable=["borte@ntnu.no"])
    with session_scope(engine) as session:
        stored = escalations.copies_of(session, case.id)
        (entry,) = audit.entries(session, action="escalation.delivered")
    assert [(c.recipient_email, c.channel, c.ts) for c in stored] == [
        ("konsulent@ntnu.no", "DUK", "1.000001"),
        (None, "CIDI", "1.000002"),
    ]
    assert (entry.old_value, entry.new_value) == ("borte@ntnu.no", "konsulent@ntnu.no, CIDI")


def test_who_may_act_on_a_case(engine, test_a):
    settings = make_settings(
        "http://unused/",
        "sqlite://",
        SENSORBOT_ADMIN_EMAILS="boss@ntnu.no",
        SENSORBOT_EXAM_OFFICE_EMAILS="eksamen@ntnu.no, kontor@ntnu.no",
    )
    case = open_case(engine).escalation
    office_case = open_case(engine, test_id=None).escalation
    with session_scope(engine) as session:
        escalations.record_delivery(
            session,
            office_case,
            [escalations.PostedCopy("eksamen@ntnu.no", "DUE", "1.1", "nb")],
            unreachable=[],
        )

    def may(email, escalation):
        with session_scope(engine) as session:
            return escalations.may_act(session, escalation, roles_for(session, email, settings))

    assert may("konsulent@ntnu.no", case)
    assert may("boss@ntnu.no", case) and may("boss@ntnu.no", office_case)
    assert not may("annen@ntnu.no", case)  # consultant of another test
    assert not may(GRADER, case)
    assert not may("eksamen@ntnu.no", case)  # the exam office did not receive this one
    assert may("eksamen@ntnu.no", office_case)
    assert not may("kontor@ntnu.no", office_case)  # exam office, but not a recipient
    assert not may("konsulent@ntnu.no", office_case)
