"""Two `sensorbot run` replicas against one PostgreSQL and one fake Slack: every notice of a
test with 200 graders is delivered exactly once (SPEC §6)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlmodel import select

from models.db import session_scope
from models.tables import OutboxEntry
from models.types import utcnow
from tests.support.processes import RunningProcess, run_cli, sensorbot_environment
from tests.support.scheduling import TEST_ID, delivered_keys, marking_setup
from tests.support.stores import NO_POSTGRES_REASON, migrated_engine, truncate_all

GRADERS = 200


def _sent_by(engine) -> Counter:
    with session_scope(engine) as session:
        rows = session.exec(select(OutboxEntry.status, OutboxEntry.claimed_by)).all()
    return Counter(claimed_by.split(":")[1] for status, claimed_by in rows if status == "sent")


def test_two_replicas_deliver_each_of_200_notices_once(postgres_url, tmp_path, fake_slack):
    if postgres_url is None:
        pytest.skip(NO_POSTGRES_REASON)
    engine = migrated_engine(postgres_url)
    truncate_all(engine)
    graders = [(f"sensor{i:03}@ntnu.no", f"K{i % 10}") for i in range(GRADERS)]
    ended = utcnow() - timedelta(days=1)
    marking_setup(
        engine, graders=graders, submission_deadline=ended, grading_deadline=ended + timedelta(21)
    )
    for i, (email, _) in enumerate(graders):
        fake_slack.add_user(f"U{i:03}", email=email, locale="nb-NO" if i % 2 else "en-US")
    environment = sensorbot_environment(fake_slack, postgres_url, SENSORBOT_TICK_SECONDS="1")
    replicas = [RunningProcess(environment, tmp_path, name=f"replica{n}") for n in (1, 2)]
    try:
        for replica in replicas:
            replica.wait_until_serving()
        opened = run_cli(["open", TEST_ID], environment, tmp_path)
        assert opened.returncode == 0, opened.stderr
        fake_slack.wait_for(
            lambda: sum(_sent_by(engine).values()) == GRADERS,
            timeout=120,
            description=f"{GRADERS} notices marked sent",
        )
    finally:
        codes = [replica.stop() for replica in replicas]
    senders = _sent_by(engine)
    engine.dispose()
    assert codes == [0, 0], [replica.output for replica in replicas]

    # Once every row is sent no dispatcher can claim it again, so these counts are final.
    delivered = Counter(delivered_keys(fake_slack))
    assert len(delivered) == GRADERS
    assert set(delivered.values()) == {1}
    for i in range(GRADERS):
        assert len([m for m in fake_slack.messages_to(f"U{i:03}") if not m["ephemeral"]]) == 1
    # Both replicas were serving before the test opened, and sending 200 notices takes
    # several of their 1-second ticks, so both take part; otherwise this proves less.
    assert len(senders) == 2, f"only one replica sent notices: {dict(senders)}"
