"""What a listener sends goes through the outbox: when Slack answers 500 or 429 to an
approval prompt, an escalation DM or the consultant's export, the message stays in the
outbox and a later scheduler pass delivers it, once. Driven as Slack drives the bot (signed
requests over real HTTP) against the fake Slack, which fails the calls it is told to."""

from __future__ import annotations

import collections
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.approvals import after_grades_changed
from bot.approvals.delivery import enqueue_outcome
from bot.scheduling.delivery import send_now
from bot.scheduling.status import status_report
from bot.scheduling.status_text import status_lines
from models.db import session_scope
from models.tables import ApprovalPrompt, EscalationMessage, OutboxEntry
from tests.e2e.test_escalations import (  # noqa: F401 - fixtures of that file, used here
    bot_settings_overrides,
    people,
    stuck,
)
from tests.support.blocks import buttons, visible_text
from tests.support.factories import (
    T0,
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    choose_language,
    put_grades,
)
from tests.support.scheduling import delivered_keys, scheduler_for

TEST = "TDT4100-2026H"
KARI, CONSULTANT = "kari@ntnu.no", "konsulent@ntnu.no"


def later_passes(fake_slack, store_url, engine, minutes=(1, 3, 6, 12, 30)) -> None:
    """Scheduler passes as a restarted `sensorbot run` makes them, each a little later."""
    scheduler = scheduler_for(fake_slack, store_url, engine)
    start = datetime.now(UTC)
    for minute in minutes:
        scheduler.run_pass(start + timedelta(minutes=minute))


def keyed(fake_slack, prefix: str) -> collections.Counter:
    return collections.Counter(k for k in delivered_keys(fake_slack) if k.startswith(prefix))


def refused(fake_slack, method: str) -> None:
    """Wait until Slack has refused a call of `method` (and the listener is done with it)."""
    fake_slack.wait_for(lambda: [c for c in fake_slack.calls(method) if not c.ok])


def transfer_prompts(fake_slack) -> list[dict]:
    return [m for m in fake_slack.messages_to("UKONS") if "Transfer to FS" in m["text"]]


def cases_to(fake_slack, user_or_channel: str) -> list[dict]:
    """Copies of Ola's case in a DM or the channel."""
    return [
        m
        for m in fake_slack.messages_to(user_or_channel)
        if not m["ephemeral"] and "A-1" in m["text"] and buttons(m)
    ]


def outbox_row(engine, key: str) -> OutboxEntry:
    with session_scope(engine) as session:
        return session.exec(select(OutboxEntry).where(OutboxEntry.key == key)).one()


# -- approvals --------------------------------------------------------------------------------


@pytest.fixture
def final_prompted(running_bot, fake_slack):
    """Kari alone grades committee 1 in shared marking; her grades are complete, so her
    "approve the final grades" prompt is in her DM. One approval makes them final."""
    fake_slack.add_user("UKARI", email=KARI, locale="nb-NO", name="Kari")
    fake_slack.add_user("UKONS", email=CONSULTANT, locale="en-GB", name="Konsulent")
    choose_language(running_bot.runtime.engine, "UKONS", "en")
    engine = running_bot.runtime.engine
    add_test(
        engine,
        TEST,
        consultants=(CONSULTANT,),
        marking_mode="shared",
        final_approval="one",
        opened_for_marking=T0,
    )
    add_grader(engine, KARI, name="Kari Nordmann")
    add_membership(engine, TEST, KARI, "1")
    add_candidates(engine, TEST, "1", ["101"])
    put_grades(engine, TEST, KARI, {"101": "A"})
    with running_bot.runtime.session() as session:
        keys = enqueue_outcome(session, after_grades_changed(session, TEST, KARI))
    send_now(running_bot.runtime, keys)
    (prompt,) = [m for m in fake_slack.messages_to("UKARI") if "felles sensur" in m["text"]]
    return running_bot, prompt


def approve_final(bot, prompt: dict) -> None:
    value = buttons(prompt)[0]
    assert value[0] == "approvals.approve_final"
    answer = bot.slack.click(
        "UKARI", value[0], value[1], channel_id=prompt["channel"], message_ts=prompt["ts"]
    )
    assert answer.status == 200


def test_a_prompt_slack_refused_is_posted_by_a_later_pass_once(
    final_prompted, fake_slack, store_url
):
    bot, prompt = final_prompted
    engine = bot.runtime.engine
    fake_slack.fail_next("chat.postMessage", status=500, count=2)
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=1)

    approve_final(bot, prompt)
    # The export went out; the transfer prompt Slack refused waits in the outbox.
    fake_slack.wait_for(lambda: fake_slack.uploads_to("UKONS"))
    refused(fake_slack, "chat.postMessage")
    assert transfer_prompts(fake_slack) == []

    later_passes(fake_slack, store_url, engine)
    (transfer,) = transfer_prompts(fake_slack)
    assert keyed(fake_slack, "approval_prompt:") == {"approval_prompt:1": 1, "approval_prompt:2": 1}
    with session_scope(engine) as session:
        stored = session.get(ApprovalPrompt, 2)
        assert (stored.kind, stored.channel, stored.ts) == ("transfer", "DUKONS", transfer["ts"])

    # Its channel and ts were recorded with it: pressing it updates it in place.
    value = dict(buttons(transfer))["handoff_trial_fine"]
    bot.slack.click("UKONS", "handoff_trial_fine", value, channel_id="DUKONS", message_ts="1")
    fake_slack.wait_for(
        lambda: [
            m
            for m in fake_slack.messages_to("UKONS")
            if m["ts"] == transfer["ts"] and "The test transfer was fine (" in visible_text(m)
        ],
        description="the checklist updated in place",
    )
    assert len(fake_slack.uploads_to("UKONS")) == 1


def test_an_export_slack_refused_is_uploaded_by_a_later_pass_once(
    final_prompted, fake_slack, store_url
):
    bot, prompt = final_prompted
    engine = bot.runtime.engine
    fake_slack.fail_next("files.getUploadURLExternal", status=500)
    fake_slack.fail_next("files.getUploadURLExternal", status=429, retry_after=1)
    fake_slack.fail_next("files.getUploadURLExternal", status=500)

    approve_final(bot, prompt)
    fake_slack.wait_for(lambda: transfer_prompts(fake_slack))
    refused(fake_slack, "files.getUploadURLExternal")
    assert fake_slack.uploads_to("UKONS") == []

    later_passes(fake_slack, store_url, engine)
    (upload,) = fake_slack.uploads_to("UKONS")
    assert upload.filename == "TDT4100-2026H final grades.xlsx"
    assert upload.content.startswith(b"PK")  # a workbook
    assert outbox_row(engine, "approval_export:2").status == "sent"


# -- escalations ------------------------------------------------------------------------------


@pytest.mark.usefixtures("people", "stuck")
def test_an_escalation_dm_slack_refused_is_sent_by_a_later_pass_once(
    running_bot, fake_slack, store_url
):
    bot = running_bot
    engine = bot.runtime.engine
    fake_slack.fail_next("chat.postMessage", status=500)
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=1)
    answer = bot.slack.click(
        "UOLA", "escalation_send", "test:A-1", response_url=fake_slack.response_url("e")
    )
    assert answer.status == 200
    reply = fake_slack.wait_for_call("response_url", match=lambda a: a.get("_key") == "e").params
    assert cases_to(fake_slack, "UPER") == []  # Slack refused Per's DM
    # `sensorbot status` shows the message waiting for another attempt, and for whom.
    now = datetime.now(UTC)
    with session_scope(engine) as session:
        report = status_report(session, now, everything=True)
    shown = "\n".join(status_lines(report, bot.settings, now, detailed=False))
    assert "escalation:1:konsulent2@ntnu.no → konsulent2@ntnu.no [pending, 1 " in shown

    later_passes(fake_slack, store_url, engine)
    for where in ("UPER", "UKARI", "CIDI"):
        assert len(cases_to(fake_slack, where)) == 1, where
    assert keyed(fake_slack, "escalation:") == {
        "escalation:1:konsulent2@ntnu.no": 1,
        "escalation:1:konsulent@ntnu.no": 1,
        "escalation:1:CIDI": 1,
    }
    # The grader heard the case is on its way to Per, not that Per cannot be found.
    assert "konsulent2@ntnu.no" in reply["text"] and "får saken så snart" in reply["text"]
    assert "fant ikke" not in reply["text"]
    with session_scope(engine) as session:
        copies = session.exec(select(EscalationMessage)).all()
    assert sorted(c.channel for c in copies) == ["CIDI", "DUKARI", "DUPER"]

    # Every copy was recorded when delivered: acknowledging updates all three.
    (per_copy,) = cases_to(fake_slack, "UPER")
    bot.slack.click(
        "UPER", "escalation_acknowledge", "1", channel_id="DUPER", message_ts=per_copy["ts"]
    )
    fake_slack.wait_for(lambda: len(fake_slack.calls("chat.update")) == 3)
    for where in ("UKARI", "UPER", "CIDI"):
        (copy,) = cases_to(fake_slack, where)
        assert buttons(copy) == [("escalation_resolve", "1")]
    told = fake_slack.wait_for(
        lambda: [m for m in fake_slack.messages_to("UOLA") if "tatt tak" in m["text"]]
    )
    assert told[0]["text"] == "<@UPER> har tatt tak i saken din om A-1."
