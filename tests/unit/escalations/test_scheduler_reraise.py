"""Escalations nobody acknowledged are raised again once, by the scheduler, through the
outbox; the re-raised copies update with the case like the first ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.exams import audit
from bot.scheduling.scheduler import Scheduler
from models.db import session_scope
from models.tables import Department, Escalation
from tests.support.blocks import buttons, visible_text
from tests.support.factories import (
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    choose_language,
)

ESCALATE, ACK = "escalation_send", "escalation_acknowledge"


@pytest.fixture
def bot_settings_overrides():
    # English for an English Slack locale whether or not the locale alone picks it.
    return {"SENSORBOT_DEFAULT_LANGUAGE": "en"}


@pytest.fixture
def engine(running_bot):
    return running_bot.runtime.engine


@pytest.fixture
def case(running_bot, fake_slack, engine) -> Escalation:
    """Ola, on A-1 but in no committee, has sent his case to A-1's two consultants."""
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="nb-NO", real_name="Ola Nordmann")
    fake_slack.add_user("UKARI", email="konsulent@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UPER", email="konsulent2@ntnu.no", locale="en-GB")
    choose_language(engine, "UPER", "en")
    past = datetime.now(UTC) - timedelta(days=1)
    add_test(
        engine,
        "A-1",
        consultants=("konsulent@ntnu.no", "konsulent2@ntnu.no"),
        submission_deadline=past,
    )
    with session_scope(engine) as session:
        session.get(Department, "IDI").escalation_channel = "CIDI"
    add_grader(engine, "ola@ntnu.no")
    add_membership(engine, "A-1", "ola@ntnu.no", None)
    add_candidates(engine, "A-1", None, ["1"])
    answer = running_bot.slack.click(
        "UOLA",
        ESCALATE,
        "test:A-1",
        channel_id="DUOLA",
        message_ts="1.1",
        response_url=fake_slack.response_url("escalated"),
    )
    assert answer.status == 200
    fake_slack.wait_for_call("response_url", match=lambda a: a["_key"] == "escalated")
    with session_scope(engine) as session:
        (escalation,) = session.exec(select(Escalation)).all()
    return escalation


def _posts(fake_slack, user_or_channel: str) -> list[dict]:
    """Copies of the case (A-1 is also nudged for not being open; those are left out)."""
    return [
        m
        for m in fake_slack.messages_to(user_or_channel)
        if not m["ephemeral"] and not _outbox_key(m).startswith("nudge:")
    ]


def _outbox_key(message: dict) -> str:
    return ((message.get("metadata") or {}).get("event_payload") or {}).get("key", "")


def test_an_unacknowledged_case_is_raised_again_once_after_the_configured_hours(
    running_bot, fake_slack, case, engine
):
    scheduler = Scheduler(running_bot.runtime)
    scheduler.run_pass(case.created_at + timedelta(hours=23, minutes=59))
    assert [len(_posts(fake_slack, who)) for who in ("UKARI", "UPER", "CIDI")] == [1, 1, 1]

    scheduler.run_pass(case.created_at + timedelta(hours=24))
    Scheduler(running_bot.runtime).run_pass(case.created_at + timedelta(hours=48))

    kari, per, channel = (_posts(fake_slack, who) for who in ("UKARI", "UPER", "CIDI"))
    assert [len(kari), len(per), len(channel)] == [2, 2, 2]
    assert "Påminnelse: ingen har tatt tak i denne saken siden" in visible_text(kari[1])
    assert "På prøven, men ikke i noen kommisjon" in visible_text(kari[1])
    assert "Reminder: nobody has taken up this case since" in visible_text(per[1])
    assert "kommisjon" not in visible_text(channel[1])  # the findings stay in the DMs
    assert [b[0] for b in buttons(kari[1])] == [ACK, "escalation_resolve"]
    with session_scope(engine) as session:
        actions = [e.action for e in audit.entries(session, test_id="A-1")]
    assert actions.count("escalation.reraised") == 1


def test_acknowledging_updates_the_raised_again_copies_too(running_bot, fake_slack, case):
    Scheduler(running_bot.runtime).run_pass(case.created_at + timedelta(hours=25))
    (_, raised_again) = _posts(fake_slack, "UPER")
    answer = running_bot.slack.click(
        "UPER",
        ACK,
        str(case.id),
        channel_id="DUPER",
        message_ts=raised_again["ts"],
        response_url=fake_slack.response_url("ack"),
    )
    assert answer.status == 200
    fake_slack.wait_for(lambda: len(fake_slack.calls("chat.update")) == 6)
    for who in ("UKARI", "UPER", "CIDI"):
        for copy in _posts(fake_slack, who):
            assert buttons(copy) == [("escalation_resolve", str(case.id))], who


def test_an_acknowledged_case_is_not_raised_again(running_bot, fake_slack, case):
    (first,) = _posts(fake_slack, "UKARI")
    running_bot.slack.click(
        "UKARI",
        ACK,
        str(case.id),
        channel_id="DUKARI",
        message_ts=first["ts"],
        response_url=fake_slack.response_url("ack"),
    )
    fake_slack.wait_for(lambda: len(fake_slack.calls("chat.update")) == 3)
    Scheduler(running_bot.runtime).run_pass(case.created_at + timedelta(hours=30))
    assert [len(_posts(fake_slack, who)) for who in ("UKARI", "UPER", "CIDI")] == [1, 1, 1]


def test_a_case_raised_again_lists_every_grader_on_it(running_bot, fake_slack, case, engine):
    fake_slack.add_user("UKNUT", email="knut@ntnu.no", locale="nb-NO", real_name="Knut")
    add_grader(engine, "knut@ntnu.no")
    add_membership(engine, "A-1", "knut@ntnu.no", None)
    running_bot.slack.click(
        "UKNUT", ESCALATE, "test:A-1", response_url=fake_slack.response_url("joined")
    )
    fake_slack.wait_for_call("response_url", match=lambda a: a["_key"] == "joined")
    Scheduler(running_bot.runtime).run_pass(case.created_at + timedelta(hours=25))
    (_, raised_again) = _posts(fake_slack, "UKARI")
    text = visible_text(raised_again)
    assert "2 sensorer trenger hjelp: A-1" in text
    assert "<@UOLA> og <@UKNUT> kommer ikke til besvarelsene" in text
