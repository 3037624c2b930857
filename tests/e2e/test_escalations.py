"""Escalations through real HTTP with the fake Slack: the grader's button (replaced by what
was sent), the consultants' DMs and channel notice, one case for graders with the same
blockers, Acknowledge and Resolved updating every copy, each grader told at each step and
after Resolved how it really stands, people named by mention, duplicates suppressed,
outsiders refused.

English readers have an English Slack locale under an English default language, so they
read English whether or not a Slack locale alone picks the language."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.exams import audit
from models import tables
from models.db import session_scope
from models.tables import Department, Escalation, EscalationStatus
from tests.support.blocks import buttons, visible_text
from tests.support.factories import (
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    choose_language,
)

ESCALATE, ACK, RESOLVE = "escalation_send", "escalation_acknowledge", "escalation_resolve"
_keys = itertools.count(1)


@pytest.fixture
def bot_settings_overrides():
    return {
        "SENSORBOT_EXAM_OFFICE_EMAILS": "eksamen@ntnu.no",
        "SENSORBOT_ADMIN_EMAILS": "boss@ntnu.no",
        "SENSORBOT_DEFAULT_LANGUAGE": "en",
    }


@pytest.fixture
def people(engine, fake_slack):
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="nb-NO", real_name="Ola Nordmann")
    fake_slack.add_user("UKNUT", email="knut@ntnu.no", locale="nb-NO", real_name="Knut Sensor")
    fake_slack.add_user("UKARI", email="konsulent@ntnu.no", locale="nb-NO", name="Kari")
    fake_slack.add_user("UPER", email="konsulent2@ntnu.no", locale="en-GB", name="Per")
    choose_language(engine, "UPER", "en")
    fake_slack.add_user("UANNE", email="annen@ntnu.no", locale="en-US", name="Anne")
    choose_language(engine, "UANNE", "en")
    fake_slack.add_user("UBOSS", email="boss@ntnu.no", locale="en-US", name="Boss")
    choose_language(engine, "UBOSS", "en")
    fake_slack.add_user("UNOBODY", email="nobody@ntnu.no", locale="en-US", name="Nobody")
    choose_language(engine, "UNOBODY", "en")


@pytest.fixture
def exam_office_in_slack(fake_slack):
    fake_slack.add_user("UOFFICE", email="eksamen@ntnu.no", locale="nb-NO", name="Eksamen")


@pytest.fixture
def engine(running_bot):
    return running_bot.runtime.engine


@pytest.fixture
def stuck(engine):
    """Ola is on A-1, whose deadline passed, but in no committee; IDI has a channel."""
    past = datetime.now(UTC) - timedelta(days=1)
    consultants = ("konsulent@ntnu.no", "konsulent2@ntnu.no")
    add_test(engine, "A-1", consultants=consultants, submission_deadline=past)
    add_test(engine, "B-1", consultants=("annen@ntnu.no",), department="IMF")
    with session_scope(engine) as session:
        session.get(Department, "IDI").escalation_channel = "CIDI"
    add_grader(engine, "ola@ntnu.no")
    add_membership(engine, "A-1", "ola@ntnu.no", None)
    add_candidates(engine, "A-1", None, ["10007", "10004"])


def click(running_bot, fake_slack, user, action, value, *, channel=None, ts=None) -> str:
    """Press a button; returns the response_url key its ephemeral answers arrive under."""
    key = f"click-{next(_keys)}"
    answer = running_bot.slack.click(
        user,
        action,
        value,
        channel_id=channel,
        message_ts=ts,
        response_url=fake_slack.response_url(key),
    )
    assert answer.status == 200
    return key


def answer(fake_slack, key, *, replaces: bool = False) -> dict:
    """The ephemeral answer to a click: below the message, or (`replaces`) in its place."""
    reply = fake_slack.wait_for_call("response_url", match=lambda a: a.get("_key") == key).params
    assert reply["response_type"] == "ephemeral" and reply["replace_original"] is replaces
    return reply


def escalate_reply(running_bot, fake_slack, user="UOLA", value="test:A-1") -> dict:
    """Press the escalate button of `/sensur why`'s answer; that answer comes back as it now
    stands, what became of the case where the button was."""
    key = click(running_bot, fake_slack, user, ESCALATE, value)
    return answer(fake_slack, key, replaces=True)


def escalate(running_bot, fake_slack, user="UOLA", value="test:A-1") -> str:
    return visible_text(escalate_reply(running_bot, fake_slack, user, value))


def dms(fake_slack, user) -> list[dict]:
    return [m for m in fake_slack.messages_to(user) if not m["ephemeral"]]


def the_case(engine) -> Escalation:
    with session_scope(engine) as session:
        (case,) = session.exec(select(Escalation)).all()
        return case


def test_escalate_acknowledge_resolve_with_the_grader_told_each_time(
    running_bot, fake_slack, people, stuck, engine
):
    reply = escalate_reply(running_bot, fake_slack)
    assert "Sendt til <@UPER> og <@UKARI>" in reply["text"]  # ordered by e-mail
    assert "<#CIDI>" in reply["text"]
    # The answer the button was in now says it was sent; it cannot be pressed twice.
    assert buttons(reply) == []
    assert ":white_check_mark: Sendt til <@UPER> og <@UKARI>" in visible_text(reply)

    case = the_case(engine)
    assert case.status == EscalationStatus.open and case.grader_email == "ola@ntnu.no"
    (kari_copy,) = dms(fake_slack, "UKARI")
    (per_copy,) = dms(fake_slack, "UPER")
    (channel_copy,) = fake_slack.messages_to("CIDI")
    kari_text = visible_text(kari_copy)
    assert "En sensor trenger hjelp: A-1" in kari_text
    assert "<@UOLA> kommer ikke til besvarelsene på *A-1*" in kari_text
    assert "ola@ntnu.no" not in kari_text  # the grader by mention, not by e-mail
    assert "På prøven, men ikke i noen kommisjon" in kari_text
    assert "Innleverte kandidater uten kommisjon: 10004 og 10007." in kari_text
    assert "A grader needs help: A-1" in visible_text(per_copy)
    channel_text = visible_text(channel_copy)
    assert "Ola Nordmann" in channel_text and "A-1" in channel_text
    assert "kommisjon" not in channel_text  # the findings stay in the DMs
    expected_buttons = [(ACK, str(case.id)), (RESOLVE, str(case.id))]
    # The first DM a consultant ever gets from the bot also offers the other language.
    assert buttons(kari_copy) == [*expected_buttons, ("language.set", "en")]
    assert buttons(per_copy) == [*expected_buttons, ("language.set", "nb")]
    assert buttons(channel_copy) == expected_buttons

    click(running_bot, fake_slack, "UKARI", ACK, str(case.id), channel="DUKARI", ts=kari_copy["ts"])
    told = fake_slack.wait_for(
        lambda: [m for m in dms(fake_slack, "UOLA") if "tatt tak" in m["text"]]
    )
    assert told[0]["text"] == "<@UKARI> har tatt tak i saken din om A-1."
    fake_slack.wait_for(lambda: len(fake_slack.calls("chat.update")) == 3)
    for user_or_channel, words in (
        ("UKARI", "Status: <@UKARI> tok saken"),
        ("UPER", "Status: <@UKARI> took it up"),
        ("CIDI", "Status: <@UKARI> took it up"),  # a channel reads the default language
    ):
        (copy,) = [m for m in fake_slack.messages_to(user_or_channel) if not m["ephemeral"]]
        assert words in visible_text(copy)
        assert buttons(copy) == [(RESOLVE, str(case.id))]

    click(
        running_bot, fake_slack, "UPER", RESOLVE, str(case.id), channel="DUPER", ts=per_copy["ts"]
    )
    told = fake_slack.wait_for(lambda: [m for m in dms(fake_slack, "UOLA") if "løst" in m["text"]])
    assert "<@UPER> har markert saken din om A-1 som løst" in told[0]["text"]
    # Nothing was fixed: the grader is told so, not that it is solved.
    told_text = visible_text(told[0])
    assert "Jeg sjekket på nytt, og dette står fortsatt i veien:" in told_text
    assert "Du er satt opp på prøven, men ikke i noen kommisjon" in told_text
    assert "`/sensur hvorfor A-1`" in told_text
    fake_slack.wait_for(lambda: len(fake_slack.calls("chat.update")) == 6)
    (per_copy,) = dms(fake_slack, "UPER")
    assert "Status: resolved by <@UPER>" in visible_text(per_copy)
    assert "@ntnu.no" not in visible_text(per_copy)
    assert buttons(per_copy) == []

    case = the_case(engine)
    assert case.status == EscalationStatus.resolved
    assert (case.acknowledged_by, case.resolved_by) == ("konsulent@ntnu.no", "konsulent2@ntnu.no")
    with session_scope(engine) as session:
        actions = [e.action for e in audit.entries(session, test_id="A-1")]
    assert actions == [
        "escalation.created",
        "escalation.delivered",
        "escalation.acknowledged",
        "escalation.resolved",
    ]


def test_escalating_again_while_open_creates_nothing_new(
    running_bot, fake_slack, people, stuck, engine
):
    escalate(running_bot, fake_slack)
    again = escalate(running_bot, fake_slack)
    assert "Du har allerede en sak om A-1 hos studiekonsulenten" in again
    assert "Status: ny" in again
    case = the_case(engine)
    (kari_copy,) = dms(fake_slack, "UKARI")
    click(running_bot, fake_slack, "UKARI", ACK, str(case.id), channel="DUKARI", ts=kari_copy["ts"])
    fake_slack.wait_for(lambda: dms(fake_slack, "UOLA"))
    third = escalate(running_bot, fake_slack)
    assert "Status: <@UKARI> tok saken" in third
    assert len(dms(fake_slack, "UKARI")) == 1 and len(dms(fake_slack, "UPER")) == 1
    assert len(fake_slack.messages_to("CIDI")) == 1


def test_a_second_acknowledge_changes_nothing_and_says_so(
    running_bot, fake_slack, people, stuck, engine
):
    escalate(running_bot, fake_slack)
    case = the_case(engine)
    click(running_bot, fake_slack, "UKARI", ACK, str(case.id))
    fake_slack.wait_for(lambda: [m for m in dms(fake_slack, "UOLA") if "tatt tak" in m["text"]])
    # Each copy's conversation is paced, so its update may follow the grader's DM.
    fake_slack.wait_for(lambda: len(fake_slack.calls("chat.update")) == 3)
    key = click(running_bot, fake_slack, "UPER", ACK, str(case.id))
    assert "there is nothing more for you to do" in visible_text(answer(fake_slack, key))
    assert len(fake_slack.calls("chat.update")) == 3
    assert len([m for m in dms(fake_slack, "UOLA") if "tatt tak" in m["text"]]) == 1


@pytest.mark.parametrize("outsider", ["UANNE", "UOLA", "UNOBODY"])
def test_anyone_but_the_tests_consultants_is_refused(
    running_bot, fake_slack, people, stuck, engine, outsider
):
    escalate(running_bot, fake_slack)
    case = the_case(engine)
    (channel_copy,) = fake_slack.messages_to("CIDI")
    for action in (ACK, RESOLVE):
        key = click(
            running_bot,
            fake_slack,
            outsider,
            action,
            str(case.id),
            channel="CIDI",
            ts=channel_copy["ts"],
        )
        text = visible_text(answer(fake_slack, key))
        assert (
            "only the study consultants for this test" in text or "bare studiekonsulentene" in text
        )
    assert the_case(engine).status == EscalationStatus.open
    assert fake_slack.calls("chat.update") == []
    assert len(dms(fake_slack, "UOLA")) == 0
    with session_scope(engine) as session:
        assert [e.action for e in audit.entries(session, test_id="A-1")] == [
            "escalation.created",
            "escalation.delivered",
        ]


def test_an_admin_may_act(running_bot, fake_slack, people, stuck, engine):
    escalate(running_bot, fake_slack)
    click(running_bot, fake_slack, "UBOSS", RESOLVE, str(the_case(engine).id))
    told = fake_slack.wait_for(lambda: dms(fake_slack, "UOLA"))
    assert "<@UBOSS> har markert saken din om A-1 som løst" in told[0]["text"]
    assert the_case(engine).resolved_by == "boss@ntnu.no"


def test_a_consultant_not_in_slack_is_named_to_the_grader(running_bot, fake_slack, people, engine):
    add_test(engine, "C-1", consultants=("konsulent@ntnu.no", "borte@ntnu.no"))
    add_grader(engine, "ola@ntnu.no")
    add_membership(engine, "C-1", "ola@ntnu.no", None)
    reply = escalate(running_bot, fake_slack, value="test:C-1")
    assert "Sendt til <@UKARI>" in reply
    assert "Jeg fant ikke borte@ntnu.no i Slack" in reply
    assert len(dms(fake_slack, "UKARI")) == 1
    with session_scope(engine) as session:
        (entry,) = audit.entries(session, action="escalation.delivered")
    assert (entry.old_value, entry.new_value) == ("borte@ntnu.no", "konsulent@ntnu.no")


def test_no_consultant_in_slack_falls_back_to_the_exam_office(
    running_bot, fake_slack, people, exam_office_in_slack, engine
):
    add_test(engine, "D-1", consultants=("borte@ntnu.no",))
    add_grader(engine, "ola@ntnu.no")
    add_membership(engine, "D-1", "ola@ntnu.no", None)
    reply = escalate(running_bot, fake_slack, value="test:D-1")
    assert "saken gikk til Eksamenskontoret" in reply
    assert "Sendt til <@UOFFICE>" in reply
    (office_copy,) = dms(fake_slack, "UOFFICE")
    assert "En sensor trenger hjelp: D-1" in visible_text(office_copy)
    # The exam office received it, so it may act on it.
    click(running_bot, fake_slack, "UOFFICE", ACK, str(the_case(engine).id))
    told = fake_slack.wait_for(lambda: dms(fake_slack, "UOLA"))
    assert "<@UOFFICE> har tatt tak i saken din om D-1" in told[0]["text"]
    assert the_case(engine).status == EscalationStatus.acknowledged


def test_nobody_reachable_still_records_the_case(running_bot, fake_slack, people, engine):
    add_test(engine, "D-1", consultants=("borte@ntnu.no",))
    add_grader(engine, "ola@ntnu.no")
    add_membership(engine, "D-1", "ola@ntnu.no", None)
    reply = escalate(running_bot, fake_slack, value="test:D-1")
    assert "Send gjerne en e-post til borte@ntnu.no og eksamen@ntnu.no" in reply
    assert the_case(engine).status == EscalationStatus.open


def test_an_unknown_person_escalates_to_the_exam_office(
    running_bot, fake_slack, people, exam_office_in_slack, engine
):
    reply = escalate(running_bot, fake_slack, user="UNOBODY", value="exam_office")
    assert "Sent to <@UOFFICE>" in reply
    (office_copy,) = dms(fake_slack, "UOFFICE")
    text = visible_text(office_copy)
    assert "<@UNOBODY>" in text and "Ikke registrert som sensor" in text
    assert "nobody@ntnu.no" not in text
    case = the_case(engine)
    assert case.test_id is None
    click(running_bot, fake_slack, "UOFFICE", RESOLVE, str(case.id))
    told = fake_slack.wait_for(lambda: dms(fake_slack, "UNOBODY"))
    assert "your registration as a grader as resolved" in told[0]["text"]


def test_nothing_is_sent_once_the_problem_is_gone(running_bot, fake_slack, people, stuck, engine):
    add_membership(engine, "A-1", "ola@ntnu.no", "1")
    with session_scope(engine) as session:
        session.get(tables.Test, "A-1").opened_for_marking = datetime.now(UTC) - timedelta(
            minutes=1
        )
    reply = escalate(running_bot, fake_slack)
    assert "Jeg finner ikke noe studiekonsulenten må ordne for A-1" in reply
    assert dms(fake_slack, "UKARI") == []
    with session_scope(engine) as session:
        assert session.exec(select(Escalation)).all() == []


def test_a_button_with_a_forged_value_changes_nothing(
    running_bot, fake_slack, people, stuck, engine
):
    key = click(running_bot, fake_slack, "UOLA", ESCALATE, "x")
    assert "klarte ikke å lese denne knappen" in visible_text(answer(fake_slack, key))
    key = click(running_bot, fake_slack, "UKARI", ACK, "not-a-number")
    assert "klarte ikke å lese denne knappen" in visible_text(answer(fake_slack, key))
    key = click(running_bot, fake_slack, "UKARI", ACK, "424242")
    assert "finnes ikke lenger" in visible_text(answer(fake_slack, key))
    # A test the grader is not on: they are told so, and it goes to that test's consultant.
    reply = escalate(running_bot, fake_slack, value="test:B-1")
    assert "Sendt til <@UANNE>" in reply


def test_graders_with_the_same_blockers_share_one_case_listing_both(
    running_bot, fake_slack, people, stuck, engine
):
    add_grader(engine, "knut@ntnu.no")
    add_membership(engine, "A-1", "knut@ntnu.no", None)
    escalate(running_bot, fake_slack)
    fake_slack.wait_for(lambda: len(fake_slack.messages_to("CIDI")) == 1)
    joined = escalate(running_bot, fake_slack, user="UKNUT")
    assert "En annen sensor sendte" in joined and "Jeg har lagt deg til i saken" in joined
    assert "ola" not in joined.lower()  # another grader is not named to them
    # No new case and no new posts: the three copies are updated to list both graders.
    case = the_case(engine)
    fake_slack.wait_for(lambda: len(fake_slack.calls("chat.update")) == 3)
    assert len(dms(fake_slack, "UKARI")) == 1 and len(fake_slack.messages_to("CIDI")) == 1
    (kari_copy,) = dms(fake_slack, "UKARI")
    kari_text = visible_text(kari_copy)
    assert "2 sensorer trenger hjelp: A-1" in kari_text
    assert "<@UOLA> og <@UKNUT> kommer ikke til besvarelsene på *A-1*" in kari_text
    assert "2 sensorer på prøven er ikke i noen kommisjon." in kari_text  # the latest counts
    assert "@ntnu.no" not in kari_text
    (per_copy,) = dms(fake_slack, "UPER")
    assert "2 graders need help: A-1" in visible_text(per_copy)
    (channel_copy,) = fake_slack.messages_to("CIDI")
    assert "*A-1*: Ola Nordmann and Knut Sensor cannot get to" in visible_text(channel_copy)
    # Pressing again changes nothing.
    assert "Du har allerede en sak om A-1" in escalate(running_bot, fake_slack, user="UKNUT")
    assert len(fake_slack.calls("chat.update")) == 3
    with session_scope(engine) as session:
        entries = [(e.action, e.actor) for e in audit.entries(session, test_id="A-1")]
    assert entries == [
        ("escalation.created", "ola@ntnu.no"),
        ("escalation.delivered", "sensorbot"),
        ("escalation.joined", "knut@ntnu.no"),
    ]
    # Both are told when it is taken up, and when it is resolved.
    click(running_bot, fake_slack, "UKARI", ACK, str(case.id))
    for grader in ("UOLA", "UKNUT"):
        told = fake_slack.wait_for(lambda g=grader: dms(fake_slack, g))
        assert told[0]["text"] == "<@UKARI> har tatt tak i saken din om A-1."
    fake_slack.wait_for(lambda: len(fake_slack.calls("chat.update")) == 6)


def test_after_resolved_each_grader_is_told_how_it_really_stands(
    running_bot, fake_slack, people, stuck, engine
):
    escalate(running_bot, fake_slack)
    case = the_case(engine)
    # The consultant puts Ola and the candidates in a committee: nothing blocks any more.
    with session_scope(engine) as session:
        for membership in session.exec(select(tables.CommitteeMembership)).all():
            membership.committee = "1"
        for candidate in session.exec(select(tables.Candidate)).all():
            candidate.committee = "1"
    click(running_bot, fake_slack, "UKARI", RESOLVE, str(case.id))
    told = fake_slack.wait_for(lambda: dms(fake_slack, "UOLA"))
    text = visible_text(told[0])
    assert "<@UKARI> har markert saken din om A-1 som løst." in text
    assert "Jeg sjekket på nytt, og nå står ingenting i veien." in text
    assert "Prøven venter bare på å bli åpnet for vurdering" in text
    assert "fortsatt i veien" not in text
    fake_slack.wait_for(lambda: len(fake_slack.calls("chat.update")) == 3)
