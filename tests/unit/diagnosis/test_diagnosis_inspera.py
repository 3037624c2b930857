"""The access diagnosis with what the last reading from Inspera left in the store: whether
Inspera lists the grader, in which committees, under which address; "told" only when the
reading told the consultants; nothing when the test was never read."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.diagnosis.access import FindingKind, diagnose_access
from bot.inspera.sync import sync_test
from bot.inspera.wire import parse_test
from models.db import session_scope
from tests.support.factories import T0, add_candidates, add_grader, add_membership, add_test
from tests.support.fake_inspera import grader
from tests.support.harness import make_settings

K = FindingKind
TEST_ID = "TDT4100-2026H"
INSPERA_ID = "35199862"
NOW = T0 + timedelta(days=2)


class Reading:
    """Inspera's answer for the test, as the client would give it after parsing."""

    def __init__(self, contributors: list[dict]) -> None:
        self.document = {"contributors": contributors, "committees": []}

    def read_test(self, inspera_test_id: str):
        return parse_test(inspera_test_id, self.document)


@pytest.fixture
def settings(store_url):
    return make_settings("http://unused/", store_url)


@pytest.fixture
def roster(engine):
    add_test(engine, TEST_ID, inspera_test_id=INSPERA_ID, opened_for_marking=T0)
    add_grader(engine, "ola@ntnu.no", name="Ola Nordmann")
    add_grader(engine, "kari@ntnu.no", name="Kari Nordmann", inspera_email="kari@gmail.com")
    add_grader(engine, "per@ntnu.no", name="Per Hansen")
    for email in ("ola@ntnu.no", "kari@ntnu.no", "per@ntnu.no"):
        add_membership(engine, TEST_ID, email, "2")
    add_candidates(engine, TEST_ID, "2", ["1", "2"])
    return engine


def findings(engine, settings, email):
    with session_scope(engine) as session:
        diagnosis = diagnose_access(session, email=email, query=None, now=NOW, settings=settings)
    (test,) = diagnosis.tests
    return {f.kind: f for f in test.findings}, diagnosis


def read(engine, settings, contributors):
    result = sync_test(engine, Reading(contributors), TEST_ID, NOW, settings)
    assert result.ok


def test_a_test_never_read_from_inspera_says_nothing_of_inspera(roster, settings):
    found, _ = findings(roster, settings, "ola@ntnu.no")
    assert set(found) == {K.open}


def test_inspera_s_committees_and_another_address_are_said_and_told_once(roster, settings):
    read(
        roster,
        settings,
        [
            grader("u1", "Ola", "Nordmann", "ola@ntnu.no", ["Kommisjon 2"]),
            grader("u2", "Kari", "Nordmann", "kari@gmail.com", ["Kommisjon 2"]),
            grader("u3", "Per", "Hansen", "per.hansen@hotmail.com", ["Kommisjon 2"]),
        ],
    )
    ola, _ = findings(roster, settings, "ola@ntnu.no")
    assert set(ola) == {K.open, K.inspera_lists_you}
    assert ola[K.inspera_lists_you].names == ("Kommisjon 2",)
    assert ola[K.inspera_lists_you].when == NOW

    kari, _ = findings(roster, settings, "kari@ntnu.no")  # the roster's inspera_email
    assert K.inspera_other_address not in kari and K.inspera_other_address_told not in kari

    # Paired by name: the reading told the consultants of Per's other address.
    per, diagnosis = findings(roster, settings, "per@ntnu.no")
    assert per[K.inspera_other_address_told].address == "per.hansen@hotmail.com"
    assert not diagnosis.escalation_offered(TEST_ID)


def test_a_grader_inspera_does_not_list_is_told_or_offered_the_escalation(roster, settings):
    read(roster, settings, [grader("u1", "Ola", "Nordmann", "ola@ntnu.no", ["Kommisjon 2"])])
    per, diagnosis = findings(roster, settings, "per@ntnu.no")
    assert set(per) == {K.open, K.missing_in_inspera_told}
    assert per[K.missing_in_inspera_told].when == NOW
    assert not diagnosis.escalation_offered(TEST_ID)

    # Liv joins the roster after the reading: no difference was told about her yet.
    add_grader(roster, "liv@ntnu.no", name="Liv Berg")
    add_membership(roster, TEST_ID, "liv@ntnu.no", "2")
    liv, diagnosis = findings(roster, settings, "liv@ntnu.no")
    assert set(liv) == {K.open, K.missing_in_inspera}
    assert diagnosis.escalation_offered(TEST_ID)
