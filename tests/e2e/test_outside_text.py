"""Text from outside — a Slack display name, a roster's test title and committee names —
reaches Slack's mrkdwn only escaped: no live mention, link or formatting, whoever typed it.
Driven over real HTTP against the fake Slack."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.scheduling.scheduler import Scheduler
from models.db import session_scope
from models.tables import Department, Escalation
from tests.support.factories import (
    T0,
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    choose_language,
)
from tests.support.workbooks import workbook

HOSTILE_NAME = "<!channel> Mallory <https://evil.example|click>"
TITLE = "Intro & *Java* <!here> <https://evil.example|x>"
COMMITTEE = "R&D <b> *1* <!here>"
TEST = "TDT4100-2026H"
LIVE = ("<!channel>", "<!here>", "<https://evil.example", "*Java*", "*1*", "<b>")


def mrkdwn_texts(message: dict) -> list[str]:
    """What Slack reads as mrkdwn in a message: its fallback text and every mrkdwn object."""
    found = [str(message.get("text") or "")]

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "mrkdwn":
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(message.get("blocks") or [])
    return found


def assert_inert(message: dict, *, shows: str) -> None:
    """No live token of the outside text anywhere mrkdwn is read; its escaped form shown."""
    texts = mrkdwn_texts(message)
    for text in texts:
        for token in LIVE:
            assert token not in text, f"{token!r} is live in {text!r}"
    assert any(shows in text for text in texts), f"{shows!r} not shown in {texts}"


# -- the department channel ---------------------------------------------------------------


@pytest.fixture
def engine(running_bot):
    return running_bot.runtime.engine


def test_a_hostile_display_name_is_inert_in_the_channel_post_and_its_reraise(
    running_bot, fake_slack, engine
):
    fake_slack.add_user(
        "UMAL", email="mallory@ntnu.no", locale="en-GB", name=HOSTILE_NAME, real_name=HOSTILE_NAME
    )
    fake_slack.add_user("UKARI", email="konsulent@ntnu.no", locale="nb-NO")
    past = datetime.now(UTC) - timedelta(days=1)
    add_test(engine, "A-1", consultants=("konsulent@ntnu.no",), submission_deadline=past)
    with session_scope(engine) as session:
        session.get(Department, "IDI").escalation_channel = "CIDI"
    add_grader(engine, "mallory@ntnu.no")
    add_membership(engine, "A-1", "mallory@ntnu.no", None)
    add_candidates(engine, "A-1", None, ["1"])
    answer = running_bot.slack.click(
        "UMAL",
        "escalation_send",
        "test:A-1",
        channel_id="DUMAL",
        message_ts="1.1",
        response_url=fake_slack.response_url("escalated"),
    )
    assert answer.status == 200
    fake_slack.wait_for_call("response_url", match=lambda a: a["_key"] == "escalated")

    (post,) = fake_slack.messages_to("CIDI")
    assert_inert(post, shows="&lt;!channel&gt; Mallory &lt;https://evil.example|click&gt;")

    with session_scope(engine) as session:
        (case,) = session.exec(select(Escalation)).all()
    Scheduler(running_bot.runtime).run_pass(case.created_at + timedelta(hours=24))
    reraised = fake_slack.wait_for(
        lambda: [m for m in fake_slack.messages_to("CIDI") if m["ts"] != post["ts"]],
        description="the case raised again in the channel",
    )
    for message in reraised:
        assert_inert(message, shows="&lt;!channel&gt; Mallory")


# -- approvals, the Apply confirmation, why, status, approve ------------------------------


@pytest.fixture
def roster(running_bot, fake_slack, engine):
    add_test(engine, TEST, opened_for_marking=T0, title=TITLE, final_approval="all")
    add_grader(engine, "kari@ntnu.no", name="Kari Nordmann")
    add_membership(engine, TEST, "kari@ntnu.no", COMMITTEE)
    add_candidates(engine, TEST, COMMITTEE, ["10412", "10413"])
    fake_slack.add_user("UKARI", email="kari@ntnu.no", locale="en-GB")
    choose_language(engine, "UKARI", "en")
    return engine


def dms(fake_slack, containing: str) -> list[dict]:
    return [
        m
        for m in fake_slack.messages_to("UKARI")
        if not m["ephemeral"] and containing in str(m.get("text")) + str(m.get("blocks"))
    ]


def wait_for_dm(fake_slack, containing: str) -> dict:
    return fake_slack.wait_for(lambda: dms(fake_slack, containing), description=containing)[-1]


def command(bot, fake_slack, text: str) -> dict:
    key = f"UKARI:{uuid.uuid4().hex[:6]}"
    assert bot.slack.command("UKARI", text, response_url=fake_slack.response_url(key)).status == 200
    return fake_slack.wait_for_call("response_url", match=lambda p: p["_key"] == key).params


def apply_sheet(bot, fake_slack) -> dict:
    """Kari sends a complete sheet and presses Apply; returns the confirmation."""
    content = workbook([["Candidate ID", "Grade"], [10412, "A"], [10413, "B"]])
    fake_slack.add_file("F1", "karakterer.xlsx", content, filetype="xlsx", user="UKARI")
    event = {
        "type": "message",
        "subtype": "file_share",
        "channel": "DUKARI",
        "channel_type": "im",
        "user": "UKARI",
        "text": "",
        "ts": f"{time.time():.6f}",
        "files": [{"id": "F1", "name": "karakterer.xlsx"}],
    }
    assert bot.slack.event(event).status == 200
    preview = wait_for_dm(fake_slack, f"Grade sheet for {TEST}")
    (value,) = [
        element["value"]
        for block in preview["blocks"]
        for element in block.get("elements") or []
        if element.get("action_id") == "gradesheet_apply"
    ]
    bot.slack.click(
        "UKARI", "gradesheet_apply", value, channel_id="DUKARI", message_ts=preview["ts"]
    )
    return wait_for_dm(fake_slack, f"2 grades updated for {TEST}")


ESCAPED_COMMITTEE = "R&amp;D &lt;b&gt; \u22171\u2217 &lt;!here&gt;"
ESCAPED_TITLE = "Intro &amp; \u2217Java\u2217 &lt;!here&gt;"


def test_roster_names_are_inert_in_the_apply_confirmation_and_the_approval_prompt(
    running_bot, fake_slack, roster
):
    confirmation = apply_sheet(running_bot, fake_slack)
    assert_inert(confirmation, shows=ESCAPED_COMMITTEE)
    prompt = wait_for_dm(fake_slack, "Approve your grading")
    assert_inert(prompt, shows=ESCAPED_COMMITTEE)


@pytest.mark.parametrize(
    "words, shows",
    [
        ("approve", ESCAPED_COMMITTEE),
        ("status", ESCAPED_COMMITTEE),
        ("status", ESCAPED_TITLE),
        ("why", ESCAPED_TITLE),
    ],
)
def test_roster_names_are_inert_in_the_approve_status_and_why_replies(
    running_bot, fake_slack, roster, words, shows
):
    apply_sheet(running_bot, fake_slack)
    assert_inert(command(running_bot, fake_slack, f"{words} {TEST}"), shows=shows)


@pytest.mark.parametrize(
    "user, words",
    [("UKARI", "status"), ("UKARI", "approve"), ("UKONS", "open")],
)
def test_what_someone_typed_is_echoed_inert(running_bot, fake_slack, roster, user, words):
    fake_slack.add_user("UKONS", email="konsulent@ntnu.no", locale="en-GB")
    choose_language(running_bot.runtime.engine, "UKONS", "en")
    key = f"{user}:{uuid.uuid4().hex[:6]}"
    typed = f"{words} <!here> *x* <https://evil.example|y>"
    answer = running_bot.slack.command(user, typed, response_url=fake_slack.response_url(key))
    assert answer.status == 200
    reply = fake_slack.wait_for_call("response_url", match=lambda p: p["_key"] == key).params
    for text in mrkdwn_texts(reply):
        assert "<!here>" not in text and "<https://" not in text and "*x*" not in text, text
    assert any("&lt;!here&gt;" in text for text in mrkdwn_texts(reply)), reply
