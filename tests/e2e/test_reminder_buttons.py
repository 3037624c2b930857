"""The buttons on the opened notice and on a reminder, pressed as Slack sends the presses:
signed requests over real HTTP to the real app, after a scheduler pass delivered the
messages to the fake Slack.

Ola and Kari grade committee 1 of TDT4100-2026H in private marking. Ola has given every
candidate a grade; Kari has given none. Seven days before the grading deadline both get a
reminder: Ola's offers "approve your own grading", Kari's the grade sheet.
"""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import select

from bot.scheduling.scheduler import Scheduler
from models import tables
from tests.support.blocks import message_blocks
from tests.support.factories import choose_language, put_grades
from tests.support.scheduling import TEST_ID, marking_setup, oslo, posts_to

OPENED_AT = oslo(2026, 12, 11, 9, 0)
REMINDED_AT = oslo(2026, 12, 24, 9, 0)  # 7 days before the deadline, 2026-12-31 09:00


@pytest.fixture
def reminded(running_bot, fake_slack):
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UKARI", email="kari@ntnu.no", locale="en-GB")
    engine = running_bot.runtime.engine
    choose_language(engine, "UKARI", "en")
    marking_setup(engine, opened_for_marking=OPENED_AT, submitted={"1": ["101", "102"]})
    put_grades(engine, TEST_ID, "ola@ntnu.no", {"101": "A", "102": "C"})
    scheduler = Scheduler(running_bot.runtime)
    scheduler.run_pass(OPENED_AT)
    scheduler.run_pass(REMINDED_AT)
    return running_bot


def _posted(fake_slack, user: str, starts: str) -> dict:
    (message,) = [m for m in posts_to(fake_slack, user) if m["text"].startswith(starts)]
    return message


def _button(message: dict, action_id: str) -> dict:
    (actions,) = [b for b in message_blocks(message) if b["type"] == "actions"]
    (button,) = [e for e in actions["elements"] if e["action_id"] == action_id]
    return button


def _press(bot, fake_slack, user: str, message: dict, action_id: str) -> str:
    """Press `action_id` on the posted `message`; the key of the press's response_url."""
    key = f"{user}:{uuid.uuid4().hex[:6]}"
    answer = bot.slack.click(
        user,
        action_id,
        _button(message, action_id).get("value", ""),
        channel_id=message["channel"],
        message_ts=message["ts"],
        response_url=fake_slack.response_url(key),
    )
    assert answer.status == 200
    return key


def _response(fake_slack, key: str) -> dict:
    return fake_slack.wait_for_call("response_url", match=lambda p: p["_key"] == key).params


def test_approving_own_grading_from_the_reminder_records_the_approval(reminded, fake_slack):
    reminder = _posted(fake_slack, "UOLA", "Påminnelse")
    assert (
        "• *Kommisjon 1:* begge kandidatene har karakter – venter på at du godkjenner egen sensur"
        in (reminder["blocks"][0]["text"]["text"])
    )

    key = _press(reminded, fake_slack, "UOLA", reminder, "approvals.approve_own")

    _response(fake_slack, key)  # the button's message now shows the approved prompt
    with reminded.runtime.session() as session:
        approvals = session.exec(select(tables.OwnGradingApproval)).all()
    assert [(a.grader_email, a.committee) for a in approvals] == [("ola@ntnu.no", "1")]


def test_a_reminders_approve_button_pressed_by_someone_else_changes_nothing(reminded, fake_slack):
    reminder = _posted(fake_slack, "UOLA", "Påminnelse")
    value = _button(reminder, "approvals.approve_own")["value"]
    key = f"UKARI:{uuid.uuid4().hex[:6]}"
    answer = reminded.slack.click(
        "UKARI", "approvals.approve_own", value, response_url=fake_slack.response_url(key)
    )
    assert answer.status == 200
    _response(fake_slack, key)
    with reminded.runtime.session() as session:
        assert not session.exec(select(tables.OwnGradingApproval)).all()


def test_the_status_button_answers_as_the_typed_status_command(reminded, fake_slack):
    typed_key = "typed"
    command = reminded.slack.command(
        "UKARI", f"status {TEST_ID}", response_url=fake_slack.response_url(typed_key)
    )
    assert command.status == 200
    typed = _response(fake_slack, typed_key)

    reminder = _posted(fake_slack, "UKARI", "Reminder")
    assert [e["action_id"] for e in _button_row(reminder)] == ["notice.template", "notice_status"]
    clicked = _response(
        fake_slack, _press(reminded, fake_slack, "UKARI", reminder, "notice_status")
    )

    assert clicked["response_type"] == "ephemeral"
    assert (clicked.get("text"), clicked.get("blocks")) == (typed.get("text"), typed.get("blocks"))


def test_the_open_inspera_link_is_answered(reminded, fake_slack):
    notice = _posted(fake_slack, "UOLA", f"{TEST_ID} er åpnet")
    link = _button(notice, "notice_inspera")
    assert (link["url"], link["style"]) == ("https://ntnu.inspera.no", "primary")
    answer = reminded.slack.click("UOLA", "notice_inspera", "", channel_id=notice["channel"])
    assert answer.status == 200


def _button_row(message: dict) -> list[dict]:
    (actions,) = [b for b in message_blocks(message) if b["type"] == "actions"]
    return actions["elements"]
