"""The connector's part of a scheduler pass: read the tests that are due from Inspera
(every `SENSORBOT_INSPERA_SYNC_MINUTES`, tests with an `inspera_test_id` not yet
transferred to FS), and handle webhook deliveries whose own thread never did.

Unlike the other steps these do not work in the pass's transaction: a reading waits for
Inspera, and holding a transaction (on SQLite: the write lock) over HTTP would stall every
listener. Each test is claimed, read and stored in short transactions of its own, and its
messages enqueued with its differences; the step returns nothing for the pass to store.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from sqlalchemy import Engine

from bot.inspera.client import shared_client
from bot.inspera.sync import claim_reading, due_tests, sync_test
from bot.inspera.webhooks import handle_waiting_deliveries
from bot.scheduling.outbox import OutgoingMessage
from bot.scheduling.steps import PassContext, Step
from models.db import session_scope

logger = logging.getLogger(__name__)

# A pass spends at most this long reading Inspera (5 requests a second); the tests left
# over are the first due at the next pass, so the other steps are never held up for long.
READING_BUDGET_SECONDS = 20.0
_DUE_AT_ONCE = 200


def read_tests_from_inspera(ctx: PassContext) -> list[OutgoingMessage]:
    if ctx.settings.missing_for_inspera():
        return []
    engine = _engine(ctx)
    every = timedelta(minutes=ctx.settings.inspera_sync_minutes)
    client = shared_client(ctx.settings)
    started = time.monotonic()
    with session_scope(engine) as session:
        due = due_tests(session, ctx.now, every, _DUE_AT_ONCE)
    for test_id in due:
        if time.monotonic() - started > READING_BUDGET_SECONDS:
            break
        with session_scope(engine) as session:
            if not claim_reading(session, test_id, ctx.now, every):
                continue  # another process is reading it
        result = sync_test(engine, client, test_id, ctx.now, ctx.settings)
        if result.failure is not None and result.failure.connector_wide:
            logger.warning("inspera: not reading more tests this pass: %s", result.failure)
            break
    return []


def handle_inspera_deliveries(ctx: PassContext) -> list[OutgoingMessage]:
    handle_waiting_deliveries(_engine(ctx), ctx.now)
    return []


def _engine(ctx: PassContext) -> Engine:
    bind = ctx.session.get_bind()
    assert isinstance(bind, Engine), "a pass's session is bound to the store's engine"
    return bind


INSPERA_STEPS: tuple[Step, ...] = (read_tests_from_inspera, handle_inspera_deliveries)
