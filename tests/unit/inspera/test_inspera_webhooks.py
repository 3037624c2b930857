"""Webhook deliveries: stored once, handled once, `confirm_final_grades` recorded for the
test Inspera names — also when the roster names the Inspera id only later."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.inspera import wire
from bot.inspera.stored import final_grades_confirmed
from bot.inspera.webhooks import (
    handle_delivery,
    handle_waiting_deliveries,
    store_delivery,
)
from models import tables
from models.db import session_scope
from models.inspera import InsperaDelivery
from tests.support.factories import T0, add_test
from tests.support.fake_inspera import signed_event

NOW = T0 + timedelta(days=20)


def deliver(engine, event, inspera_id, **options):
    body, _ = signed_event(event, inspera_id, **options)
    return store_delivery(engine, body, wire.parse_event(body), NOW)


def confirmed(engine, test_id):
    with session_scope(engine) as session:
        return final_grades_confirmed(session, test_id)


def test_confirm_final_grades_is_recorded_once(engine):
    add_test(engine, "TDT4100-2026H", inspera_test_id="35199862")
    delivery = deliver(engine, "confirm_final_grades", 35199862)
    assert delivery is not None
    assert deliver(engine, "confirm_final_grades", 35199862) is None  # Inspera's retry

    assert confirmed(engine, "TDT4100-2026H") is None
    outcome = handle_delivery(engine, delivery, NOW)
    assert outcome == "final grades confirmed for TDT4100-2026H"
    assert handle_delivery(engine, delivery, NOW) is None
    assert confirmed(engine, "TDT4100-2026H").isoformat() == "2026-12-20T10:15:00+00:00"


def test_other_events_are_acknowledged_and_change_nothing(engine):
    add_test(engine, "TDT4100-2026H", inspera_test_id="35199862")
    delivery = deliver(engine, "grading_completed", 35199862)
    assert handle_delivery(engine, delivery, NOW).startswith("ignored")
    assert confirmed(engine, "TDT4100-2026H") is None


def test_a_roster_naming_the_inspera_id_later_still_sees_the_confirmation(engine):
    delivery = deliver(engine, "confirm_final_grades", "777")
    handle_delivery(engine, delivery, NOW)
    add_test(engine, "IDATT2001-2026H", inspera_test_id="777")
    assert confirmed(engine, "IDATT2001-2026H") is not None


def test_a_delivery_its_thread_never_handled_is_handled_by_the_scheduler(engine):
    add_test(engine, "TDT4100-2026H", inspera_test_id="35199862")
    deliver(engine, "confirm_final_grades", 35199862)

    assert handle_waiting_deliveries(engine, NOW + timedelta(seconds=10)) == 0  # its thread's turn
    assert handle_waiting_deliveries(engine, NOW + timedelta(minutes=2)) == 1
    assert handle_waiting_deliveries(engine, NOW + timedelta(minutes=3)) == 0
    assert confirmed(engine, "TDT4100-2026H") is not None
    with session_scope(engine) as session:
        [row] = session.exec(select(InsperaDelivery)).all()
        assert row.handled_at is not None
        assert session.get(tables.Test, "TDT4100-2026H") is not None
