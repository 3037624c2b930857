"""Reading a test from Inspera into the store: each distinct difference told once to the
test's consultants (and again when it comes back), a failed reading never a difference."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.inspera.client import InsperaClient
from bot.inspera.failures import FailureKind
from bot.inspera.sync import claim_reading, due_tests, inspera_view_of, sync_state, sync_test
from bot.inspera.terminal import status_lines
from models import tables
from models.db import session_scope
from models.inspera import InsperaDifference
from models.tables import OutboxEntry
from tests.support.factories import T0, add_grader, add_membership, add_test
from tests.support.fake_inspera import API_KEY, CLIENT_ID, FakeInspera, grader
from tests.support.harness import make_settings

TEST_ID = "TDT4100-2026H"
INSPERA_ID = "35199862"
CONSULTANTS = ("konsulent@ntnu.no", "leder@ntnu.no")
NOW = T0 + timedelta(days=2)


@pytest.fixture
def inspera():
    with FakeInspera() as fake:
        yield fake


@pytest.fixture
def setup(engine, inspera, store_url):
    add_test(engine, TEST_ID, inspera_test_id=INSPERA_ID, consultants=CONSULTANTS)
    add_grader(engine, "ola@ntnu.no", name="Ola Nordmann")
    add_grader(engine, "kari@ntnu.no", name="Kari Nordmann")
    add_membership(engine, TEST_ID, "ola@ntnu.no", "1")
    add_membership(engine, TEST_ID, "kari@ntnu.no", "1")
    settings = make_settings(
        "http://127.0.0.1:9/api/",
        store_url,
        SENSORBOT_INSPERA_API_URL=inspera.api_url,
        SENSORBOT_INSPERA_CLIENT_ID=CLIENT_ID,
        SENSORBOT_INSPERA_API_KEY=API_KEY,
        SENSORBOT_DEFAULT_LANGUAGE="en",
    )
    return settings, InsperaClient(inspera.api_url, CLIENT_ID, API_KEY)


def kari_under_an_old_address_and_ola_missing(inspera: FakeInspera) -> None:
    inspera.add_test(
        INSPERA_ID, [grader("u2", "Kari", "Nordmann", "kari.old@hotmail.com", ["Kommisjon 1"])]
    )


def outbox(engine) -> list[OutboxEntry]:
    with session_scope(engine) as session:
        return list(session.exec(select(OutboxEntry).order_by(OutboxEntry.id)).all())


def test_each_difference_is_told_to_every_consultant_once(engine, inspera, setup):
    settings, client = setup
    kari_under_an_old_address_and_ola_missing(inspera)

    first = sync_test(engine, client, TEST_ID, NOW, settings)
    again = sync_test(engine, client, TEST_ID, NOW + timedelta(hours=1), settings)

    assert sorted(d.kind for d in first.current) == ["missing_in_inspera", "other_email"]
    assert len(first.told) == 2
    assert len(again.current) == 2 and again.told == []
    rows = outbox(engine)
    assert sorted(row.to_email for row in rows) == sorted(CONSULTANTS)
    facts = json.loads(rows[0].payload)
    assert rows[0].kind == "inspera_differences"
    assert sorted(d["kind"] for d in facts["differences"]) == ["missing_in_inspera", "other_email"]
    told_addresses = [d["address"] for d in facts["differences"] if d["address"]]
    assert told_addresses == ["k…@hotmail.com"]  # masked: no address in a message
    assert "kari.old@hotmail.com" not in rows[0].payload


def test_a_fixed_difference_that_returns_is_told_again(engine, inspera, setup):
    settings, client = setup
    kari_under_an_old_address_and_ola_missing(inspera)
    sync_test(engine, client, TEST_ID, NOW, settings)
    inspera.add_test(
        INSPERA_ID,
        [
            grader("u1", "Ola", "Nordmann", "ola@ntnu.no", ["Kommisjon 1"]),
            grader("u2", "Kari", "Nordmann", "kari@ntnu.no", ["Kommisjon 1"]),
        ],
    )
    fixed = sync_test(engine, client, TEST_ID, NOW + timedelta(hours=1), settings)
    kari_under_an_old_address_and_ola_missing(inspera)
    back = sync_test(engine, client, TEST_ID, NOW + timedelta(hours=2), settings)

    assert fixed.current == [] and fixed.told == []
    assert len(back.told) == 2
    assert len(outbox(engine)) == 4  # two consultants, told twice
    with session_scope(engine) as session:
        episodes = session.exec(select(InsperaDifference.episode)).all()
    assert sorted(episodes) == [1, 1, 2, 2]


@pytest.mark.parametrize(
    ("injected", "kind"),
    [({"status": 500}, FailureKind.server_error), ({"html": True}, FailureKind.not_json)],
)
def test_a_failed_reading_reports_no_difference_and_keeps_the_error(
    engine, inspera, setup, injected, kind
):
    settings, client = setup
    inspera.add_test(INSPERA_ID, [grader("u2", "Kari", "Nordmann", "kari@ntnu.no", ["1"])])
    sync_test(engine, client, TEST_ID, NOW, settings)  # Ola missing: told
    told_before = len(outbox(engine))
    inspera.add_test(INSPERA_ID, [])  # would be "everybody is missing", were it read
    inspera.fail_next("test", **injected)

    result = sync_test(engine, client, TEST_ID, NOW + timedelta(hours=1), settings)

    assert result.failure is not None and result.failure.kind == kind
    assert len(outbox(engine)) == told_before
    with session_scope(engine) as session:
        state = sync_state(session, TEST_ID)
        assert state is not None and state.error_kind == kind.value
        assert [d.kind for d in state.differences] == ["missing_in_inspera"]
        lines = status_lines(session, session.get(tables.Test, TEST_ID), settings)
    assert lines[0].startswith("Inspera: the last reading failed")
    assert "Ola Nordmann <ola@ntnu.no>: in the roster (committee 1), not in Inspera" in "\n".join(
        lines
    )


def test_a_reading_is_due_once_per_interval_across_callers(engine, setup):
    every = timedelta(minutes=60)
    with session_scope(engine) as session:
        assert due_tests(session, NOW, every, 10) == [TEST_ID]
        assert claim_reading(session, TEST_ID, NOW, every)
        assert not claim_reading(session, TEST_ID, NOW + timedelta(minutes=5), every)
        assert due_tests(session, NOW + timedelta(minutes=5), every, 10) == []
        assert due_tests(session, NOW + timedelta(minutes=61), every, 10) == [TEST_ID]
        session.get(tables.Test, TEST_ID).transferred_at = NOW
        session.flush()
        assert due_tests(session, NOW + timedelta(minutes=61), every, 10) == []


def test_what_inspera_has_for_a_grader_is_kept_for_why(engine, inspera, setup):
    settings, client = setup
    with session_scope(engine) as session:
        assert inspera_view_of(session, TEST_ID, "kari@ntnu.no") is None  # never read
    kari_under_an_old_address_and_ola_missing(inspera)
    sync_test(engine, client, TEST_ID, NOW, settings)

    with session_scope(engine) as session:
        kari = inspera_view_of(session, TEST_ID, "KARI@ntnu.no")
        ola = inspera_view_of(session, TEST_ID, "ola@ntnu.no")
    assert kari is not None and kari.listed
    assert kari.committees == ("Kommisjon 1",) and kari.email == "kari.old@hotmail.com"
    assert ola is not None and not ola.listed and ola.read_at == NOW
