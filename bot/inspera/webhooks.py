"""`POST /inspera/events`: Inspera's webhooks (SPEC §9.3, §9.5).

The HTTP server hands each request here before anything else sees it, with its raw body
(read within the server's bound). A missing or wrong `X-Inspera-Signature` (the hex
HMAC-SHA1 of the raw body keyed with `SENSORBOT_INSPERA_WEBHOOK_SECRET`, compared in
constant time) is 401 and nothing is stored; Inspera's `verification` call is 200. Any
other signed event is stored once, by a digest of its body (Inspera retries a delivery with
the same body), and answered 200 straight away; the work is done after, in a thread of its
own, and a delivery that was stored but never handled (the process stopped) is handled by
the scheduler's next pass. `confirm_final_grades` records that the final grades of its test
are confirmed in Inspera (`final_grades_confirmed`) and starts the test's FS hand-off: the
checklist is stored in the outbox in the same transaction and handed to `send` (the
listener's way of sending at once); other events are acknowledged and ignored.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from sqlalchemy import Engine, update
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from bot.approvals.delivery import enqueue_outcome
from bot.approvals.outcome import ApprovalOutcome
from bot.handoff.checklist import start_graded_handoffs
from bot.inspera import wire
from bot.inspera.failures import InsperaFailure
from bot.settings import Settings
from models.db import session_scope
from models.inserts import insert_for
from models.inspera import InsperaDelivery, InsperaFinalGrades
from models.tables import Test, table_of
from models.types import utcnow

logger = logging.getLogger(__name__)

INSPERA_EVENTS_PATH = "/inspera/events"
# A delivery stored this long ago and not handled lost its thread: the scheduler takes it.
HANDLING_GRACE = timedelta(minutes=1)

_DELIVERY = table_of(InsperaDelivery)
_FINAL = table_of(InsperaFinalGrades)

# Sends the outbox messages with these keys now (`bot.scheduling.delivery.send_now`).
SendNow = Callable[[Sequence[str]], object]

_worker: ThreadPoolExecutor | None = None
_worker_lock = threading.Lock()


def inspera_events(
    settings: Settings,
    engine: Engine,
    body: bytes | None,
    signature: str | None,
    send: SendNow | None = None,
) -> tuple[str, str]:
    """The HTTP status and text answering one `POST /inspera/events` with the raw `body`
    (None: larger than the server reads) and the `X-Inspera-Signature` header; what the
    delivery's handling enqueued is handed to `send`."""
    if body is None:
        logger.info("inspera events: refused a body too large to read")
        return "413 Request Entity Too Large", "request too large"
    if not wire.signature_is_valid(settings.inspera_webhook_secret, body, signature):
        if not settings.inspera_webhook_secret:
            logger.warning("inspera events: SENSORBOT_INSPERA_WEBHOOK_SECRET is not set")
        logger.info("inspera events: refused a request with a missing or wrong signature")
        return "401 Unauthorized", "invalid signature"
    try:
        event = wire.parse_event(body)
    except InsperaFailure as failure:
        logger.warning("inspera events: refused a signed body: %s", failure)
        return "400 Bad Request", "malformed event"
    if event.event == wire.VERIFICATION:
        return "200 OK", "ok"
    try:
        delivery_id = store_delivery(engine, body, event, utcnow())
    except SQLAlchemyError:
        logger.exception("inspera events: cannot store a delivery; Inspera will retry it")
        return "503 Service Unavailable", "try again"
    if delivery_id is None:
        logger.info(
            "inspera events: %s for %s received before", event.event, event.context_object_id
        )
        return "200 OK", "already received"
    _background().submit(_handle_logged, engine, delivery_id, send)
    return "200 OK", "ok"


def store_delivery(
    engine: Engine, body: bytes, event: wire.WebhookEvent, now: datetime
) -> int | None:
    """Store a delivery once; its id, or None when the same body was stored before."""
    with session_scope(engine) as session:
        statement = (
            insert_for(session, _DELIVERY)
            .values(
                digest=hashlib.sha256(body).hexdigest(),
                event=event.event[:64],
                context_object_id=(event.context_object_id or None),
                event_at=event.timestamp,
                received_at=now,
            )
            .on_conflict_do_nothing(index_elements=["digest"])
            .returning(_DELIVERY.c.id)
        )
        return session.exec(statement).scalar()


def handle_delivery(engine: Engine, delivery_id: int, now: datetime) -> str | None:
    """Do a stored delivery's work once: claimed and done in one transaction. Returns what
    was done, or None when it had been handled already."""
    handled = _handle(engine, delivery_id, now)
    return handled[0] if handled is not None else None


def _handle(engine: Engine, delivery_id: int, now: datetime) -> tuple[str, list[str]] | None:
    """`handle_delivery`, with the keys of the outbox messages it enqueued."""
    keys: list[str] = []
    with session_scope(engine) as session:
        claimed = session.exec(
            update(_DELIVERY)
            .where(_DELIVERY.c.id == delivery_id, _DELIVERY.c.handled_at.is_(None))
            .values(handled_at=now)
            .returning(_DELIVERY.c.event, _DELIVERY.c.context_object_id, _DELIVERY.c.event_at)
        ).first()
        if claimed is None:
            return None
        event, inspera_id, event_at = claimed
        if event != wire.CONFIRM_FINAL_GRADES:
            outcome = f"ignored: Sensorbot does not act on {event}"
        elif not inspera_id:
            outcome = "ignored: no contextObjectId"
        else:
            outcome, keys = _confirm_final_grades(
                session, inspera_id, event_at or now, delivery_id, now
            )
        session.exec(
            update(_DELIVERY).where(_DELIVERY.c.id == delivery_id).values(outcome=outcome[:255])
        )
    logger.info("inspera events: delivery %s: %s", delivery_id, outcome)
    return outcome, keys


def _confirm_final_grades(
    session: Session, inspera_id: str, confirmed_at: datetime, delivery_id: int, now: datetime
) -> tuple[str, list[str]]:
    session.exec(
        insert_for(session, _FINAL)
        .values(inspera_test_id=inspera_id, confirmed_at=confirmed_at, delivery_id=delivery_id)
        .on_conflict_do_nothing(index_elements=["inspera_test_id"])
    )
    tests = session.exec(
        select(Test).where(Test.inspera_test_id == inspera_id).order_by(col(Test.test_id))
    ).all()
    if not tests:
        done = f"final grades confirmed for Inspera test {inspera_id}, which no test names yet"
        return done, []
    outcome = ApprovalOutcome()
    started = start_graded_handoffs(session, tests, now, outcome)
    done = f"final grades confirmed for {', '.join(t.test_id for t in tests)}"
    if started:
        done += f"; FS hand-off started for {', '.join(started)}"
    return done, enqueue_outcome(session, outcome, now)


def handle_waiting_deliveries(engine: Engine, now: datetime, limit: int = 100) -> int:
    """Handle deliveries stored at least `HANDLING_GRACE` ago and never handled."""
    with session_scope(engine) as session:
        waiting = session.exec(
            select(InsperaDelivery.id)
            .where(
                col(InsperaDelivery.handled_at).is_(None),
                col(InsperaDelivery.received_at) <= now - HANDLING_GRACE,
            )
            .order_by(col(InsperaDelivery.received_at))
            .limit(limit)
        ).all()
    return sum(
        handle_delivery(engine, delivery_id, now) is not None
        for delivery_id in waiting
        if delivery_id is not None
    )


def _handle_logged(engine: Engine, delivery_id: int, send: SendNow | None) -> None:
    try:
        handled = _handle(engine, delivery_id, utcnow())
    except Exception:  # noqa: BLE001 - logged; the scheduler's next pass handles it
        logger.exception("inspera events: handling delivery %s failed", delivery_id)
        return
    if handled is not None and handled[1] and send is not None:
        send(handled[1])  # what Slack does not take now, a scheduler pass sends


def _background() -> ThreadPoolExecutor:
    global _worker
    with _worker_lock:
        if _worker is None:
            _worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inspera-events")
        return _worker
