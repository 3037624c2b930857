"""Builders for scheduler tests: a marking setup in the store, people in the fake Slack,
local Oslo times, and passes run with a simulated clock."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import select

from bot.runtime import Runtime
from bot.scheduling.scheduler import PassReport, Scheduler
from models.db import session_scope
from models.tables import CommitteeFinal, OutboxEntry, Test
from tests.support.factories import add_candidates, add_grader, add_membership, add_test
from tests.support.harness import make_settings

OSLO = ZoneInfo("Europe/Oslo")
TEST_ID = "TDT4100-2026H"
CONSULTANT = "konsulent@ntnu.no"


def oslo(*fields: int) -> datetime:
    """A local time in Oslo, as an aware UTC datetime."""
    return datetime(*fields, tzinfo=OSLO).astimezone(UTC)


def marking_setup(
    engine: Engine,
    test_id: str = TEST_ID,
    *,
    graders: Iterable[tuple[str, str | None]] = (("ola@ntnu.no", "1"), ("kari@ntnu.no", "1")),
    submitted: dict[str, list[str]] | None = None,
    new_graders: bool = True,
    **test_fields: object,
) -> Test:
    """A test with graders in committees and submitted candidates in each committee."""
    test = add_test(engine, test_id, **test_fields)
    committees: set[str] = set()
    for email, committee in graders:
        if new_graders:
            add_grader(engine, email, name=email.split("@")[0].title())
        add_membership(engine, test_id, email, committee)
        if committee:
            committees.add(committee)
    for committee, candidates in (submitted or {c: [f"{c}01"] for c in committees}).items():
        add_candidates(engine, test_id, committee, candidates)
    return test


def scheduler_for(fake_slack, store_url: str, engine: Engine, **settings: object) -> Scheduler:
    """A scheduler as `sensorbot run` builds one: a new one is a restarted process."""
    return Scheduler(Runtime(make_settings(fake_slack.api_url, store_url, **settings), engine))


def run_passes(scheduler: Scheduler, *moments: datetime) -> list[PassReport]:
    return [scheduler.run_pass(now) for now in moments]


def posts_to(fake_slack, user_or_channel: str) -> list[dict]:
    """Messages the bot posted (and Slack accepted) in a DM or channel."""
    return [m for m in fake_slack.messages_to(user_or_channel) if not m["ephemeral"]]


def delivered_keys(fake_slack) -> list[str]:
    """The outbox key of every message Slack accepted, duplicates included."""
    return [
        call.params["metadata"]["event_payload"]["key"]
        for call in fake_slack.calls("chat.postMessage")
        if call.ok
    ]


def outbox_rows(engine: Engine) -> list[OutboxEntry]:
    with session_scope(engine) as session:
        return list(session.exec(select(OutboxEntry).order_by(OutboxEntry.id)).all())


def make_final(engine: Engine, test_id: str, committee: str, by: str = "ola@ntnu.no") -> None:
    """The committee's grades are final-approved (what the approvals workflow records)."""
    with session_scope(engine) as session:
        session.add(CommitteeFinal(test_id=test_id, committee=committee, approved_by=by))


def set_opened(engine: Engine, test_id: str, when: datetime | None) -> None:
    """What a roster import does when its `opened_for_marking` cell is filled in."""
    with session_scope(engine) as session:
        test = session.get(Test, test_id)
        test.opened_for_marking = when
        session.add(test)
