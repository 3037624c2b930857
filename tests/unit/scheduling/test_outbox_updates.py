"""Outbox messages a listener enqueues (SQLite and PostgreSQL): updates of posted messages
coalesced so the latest state wins, sending just the keys a listener enqueued, and the
channel and ts of a prompt recorded in the transaction that records it sent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.app import create_web_client
from bot.approvals import after_grades_changed, approve_final
from bot.approvals.delivery import enqueue_outcome, prompt_key
from bot.escalations.delivery import record_posted_copy
from bot.scheduling import outbox
from bot.scheduling.after_delivery import AFTER_DELIVERY
from bot.scheduling.delivery import SlackDelivery
from bot.scheduling.dispatcher import dispatch
from bot.scheduling.outbox import (
    ClaimedMessage,
    Delivered,
    NothingToSend,
    NotYet,
    OutgoingMessage,
    Recipient,
)
from bot.slack.identity import IdentityResolver
from models.db import session_scope
from models.tables import (
    ApprovalPrompt,
    Escalation,
    EscalationMessage,
    EscalationStatus,
    OutboxEntry,
    OutboxStatus,
)
from tests.support.factories import (
    T0,
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    put_grades,
)
from tests.support.harness import make_settings

NOW = T0
TEST = "TDT4100-2026H"
KARI = "kari@ntnu.no"
UPDATE = "approval_prompt_update:1"


def _update(key: str = UPDATE, prompt_id: int = 1) -> OutgoingMessage:
    return OutgoingMessage(
        key, "approval_prompt_update", TEST, Recipient(email=KARI), {"prompt_id": prompt_id}
    )


def _ask_update(engine, now=NOW, message=None) -> None:
    with session_scope(engine) as session:
        outbox.enqueue_updates(session, [message or _update()], now)


def _claim(engine, now=NOW, worker="w1", keys=None):
    with session_scope(engine) as session:
        return outbox.claim_due(session, now, worker, 10, keys)


def _record(engine, message, outcome, now=NOW) -> bool:
    with session_scope(engine) as session:
        return outbox.record_outcome(session, message, outcome, now)


def _row(engine, key: str) -> OutboxEntry:
    with session_scope(engine) as session:
        return session.exec(select(OutboxEntry).where(OutboxEntry.key == key)).one()


# -- the outbox alone --------------------------------------------------------------------------


def test_an_update_asked_for_while_one_waits_is_stored_once(engine):
    _ask_update(engine)
    _ask_update(engine, NOW + timedelta(seconds=5))
    with session_scope(engine) as session:
        assert outbox.counts(session) == outbox.OutboxCounts(pending=1)
    assert _row(engine, UPDATE).next_attempt_at == NOW  # it keeps its place in the queue


def test_an_update_sent_is_queued_again_when_asked_for_again(engine):
    _ask_update(engine)
    (claimed,) = _claim(engine)
    assert _record(engine, claimed, Delivered("D1", "1.1", "nb"))
    later = NOW + timedelta(minutes=1)
    _ask_update(engine, later)
    row = _row(engine, UPDATE)
    assert (row.status, row.attempts, row.next_attempt_at) == (OutboxStatus.pending, 0, later)
    assert [m.key for m in _claim(engine, later)] == [UPDATE]


def test_an_update_in_flight_when_asked_for_again_goes_once_more(engine):
    """The update being sent may have read the state before the change: its outcome is not
    recorded, and the row goes again, showing the change."""
    _ask_update(engine)
    (in_flight,) = _claim(engine)
    _ask_update(engine, NOW + timedelta(seconds=1))
    assert not _record(engine, in_flight, Delivered("D1", "1.1", "nb"), NOW + timedelta(seconds=2))
    assert _row(engine, UPDATE).status == OutboxStatus.pending
    assert [m.key for m in _claim(engine, NOW + timedelta(seconds=2), "w2")] == [UPDATE]


def test_claiming_by_key_takes_only_those_rows(engine):
    with session_scope(engine) as session:
        outbox.enqueue(session, [_update("a:1"), _update("b:1"), _update("c:1")], NOW)
    assert [m.key for m in _claim(engine, keys=["c:1", "a:1", "gone"])] == ["a:1", "c:1"]
    assert [m.key for m in _claim(engine)] == ["b:1"]


def test_nothing_to_send_is_done_and_not_yet_waits_without_counting_an_attempt(engine):
    with session_scope(engine) as session:
        outbox.enqueue(session, [_update("a:1"), _update("b:1")], NOW)
    first, second = _claim(engine)
    assert _record(engine, first, NothingToSend("the prompt is gone"))
    assert _record(engine, second, NotYet(5, "the prompt is being posted"))
    done, waiting = _row(engine, "a:1"), _row(engine, "b:1")
    assert (done.status, done.slack_ts, done.last_error) == ("sent", None, "the prompt is gone")
    assert (waiting.status, waiting.attempts) == ("pending", 0)
    assert waiting.next_attempt_at == NOW + timedelta(seconds=5)
    with session_scope(engine) as session:
        assert outbox.statuses(session, ["a:1", "b:1", "c:1"]) == {
            "a:1": OutboxStatus.sent,
            "b:1": OutboxStatus.pending,
        }


# -- sent to the fake Slack --------------------------------------------------------------------


@pytest.fixture
def send(fake_slack, store_url, engine):
    settings = make_settings(fake_slack.api_url, store_url)
    client = create_web_client(settings, retries=False)
    return SlackDelivery(client, IdentityResolver("nb"), settings, engine)


@pytest.fixture
def prompted(engine, fake_slack) -> list[str]:
    """Kari alone grades committee 1 in shared marking and has graded everything: her
    "approve the final grades" prompt is in the outbox, not sent yet."""
    fake_slack.add_user("UKARI", email=KARI, locale="nb-NO", name="Kari")
    add_test(engine, TEST, marking_mode="shared", final_approval="one", opened_for_marking=T0)
    add_grader(engine, KARI, name="Kari Nordmann")
    add_membership(engine, TEST, KARI, "1")
    add_candidates(engine, TEST, "1", ["101"])
    put_grades(engine, TEST, KARI, {"101": "A"})
    with session_scope(engine) as session:
        keys = enqueue_outcome(session, after_grades_changed(session, TEST, KARI), NOW)
    assert keys == [prompt_key(1)]
    return keys


def _dispatch(engine, send, keys=None, now=NOW):
    return dispatch(engine, send, now, "w", after_delivery=AFTER_DELIVERY, keys=keys)


def _approve_final(engine, now=NOW) -> list[str]:
    with session_scope(engine) as session:
        return enqueue_outcome(session, approve_final(session, TEST, "1", KARI), now)


def test_a_prompt_records_where_it_was_posted_with_its_outcome(engine, send, prompted, fake_slack):
    assert _dispatch(engine, send, prompted).sent == 1
    (post,) = [m for m in fake_slack.messages_to("UKARI") if not m["ephemeral"]]
    row = _row(engine, prompt_key(1))
    with session_scope(engine) as session:
        prompt = session.get(ApprovalPrompt, 1)
    assert (prompt.slack_user_id, prompt.channel, prompt.ts) == ("UKARI", "DUKARI", post["ts"])
    assert (row.slack_channel, row.slack_ts) == ("DUKARI", post["ts"])


def test_quick_changes_send_one_update_showing_the_latest_state(engine, send, prompted, fake_slack):
    _dispatch(engine, send, prompted)
    keys = _approve_final(engine)
    assert UPDATE in keys
    _ask_update(engine)  # asked again before it went: still one row
    assert _dispatch(engine, send).sent == 1
    (update,) = fake_slack.calls("chat.update")
    assert update.params["ts"] == _row(engine, prompt_key(1)).slack_ts
    assert "godkjent av deg" in str(update.params["blocks"])  # shows who approved: Kari


def test_an_update_of_a_prompt_not_posted_yet_is_folded_into_the_post(
    engine, send, prompted, fake_slack
):
    _approve_final(engine)
    assert _dispatch(engine, send, [UPDATE]).sent == 1  # nothing to update yet
    assert _row(engine, UPDATE).last_error.startswith("the prompt is not posted")
    _dispatch(engine, send, prompted)
    (post,) = [m for m in fake_slack.messages_to("UKARI") if not m["ephemeral"]]
    assert "godkjent av deg" in str(post["blocks"])  # posted as it stands now
    assert fake_slack.calls("chat.update") == []


def test_an_update_waits_while_its_prompt_is_being_posted(engine, send, prompted, fake_slack):
    _claim(engine, keys=prompted)  # another dispatcher is posting it
    _approve_final(engine)
    report = _dispatch(engine, send, [UPDATE])
    assert (report.sent, report.retrying) == (0, 1)
    row = _row(engine, UPDATE)
    assert row.status == OutboxStatus.pending and row.next_attempt_at > NOW
    assert fake_slack.calls("chat.update") == []


# -- escalation copies -------------------------------------------------------------------------


def _posted_copy(engine, status: EscalationStatus) -> list[EscalationMessage]:
    add_test(engine, "A-1")
    with session_scope(engine) as session:
        case = Escalation(
            test_id="A-1", grader_email="ola@ntnu.no", grader_slack_user="UOLA", status=status
        )
        session.add(case)
        session.flush()
        message = ClaimedMessage(
            1,
            f"escalation:{case.id}:CIDI",
            "escalation",
            "A-1",
            Recipient(channel="CIDI"),
            {"escalation_id": case.id},
            0,
            False,
            "w",
        )
        record_posted_copy(session, message, Delivered("CIDI", "5.5", "nb"))
    with session_scope(engine) as session:
        return list(session.exec(select(EscalationMessage)).all())


def test_a_copy_of_a_case_is_recorded_where_it_was_posted(engine):
    (copy,) = _posted_copy(engine, EscalationStatus.open)
    assert (copy.recipient_email, copy.channel, copy.ts, copy.lang) == (None, "CIDI", "5.5", "nb")
    with session_scope(engine) as session:
        assert outbox.counts(session) == outbox.OutboxCounts()


def test_a_copy_of_a_case_that_changed_on_its_way_is_updated(engine):
    (copy,) = _posted_copy(engine, EscalationStatus.acknowledged)
    row = _row(engine, f"escalation_update:{copy.id}")
    assert (row.status, row.to_channel) == (OutboxStatus.pending, "CIDI")
