"""Inspera's wire format: what is read, what is a failure, the webhook signature."""

from __future__ import annotations

import pytest

from bot.inspera import wire
from bot.inspera.failures import FailureKind, InsperaFailure
from tests.support.fake_inspera import WEBHOOK_SECRET, grader, signed_event


def test_unknown_fields_are_ignored():
    found = wire.parse_test(
        "7",
        {
            "contributors": [grader("u1", "Kari", "Nordmann", "KARI@ntnu.no", ["K1"])],
            "committees": [{"name": "K1", "type": "ordinary", "size": 3}],
            "somethingNew": {"nested": True},
        },
    )
    assert found.graders[0].email == "kari@ntnu.no"
    assert found.committees[0] == wire.Committee("K1", "ordinary")


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"committees": []}, "contributors"),
        ({"contributors": []}, "committees"),
        (
            {
                "contributors": [{"userId": "u1", "roles": ["evaluate"], "firstName": "A"}],
                "committees": [],
            },
            "contributors[0].lastName",
        ),
        (
            {
                "contributors": [
                    {"userId": "u1", "roles": ["evaluate"], "firstName": "A", "lastName": "B"}
                ],
                "committees": [],
            },
            "contributors[0].email",
        ),
        ({"contributors": [{"roles": []}], "committees": []}, "contributors[0].userId"),
        ([], "the answer"),
    ],
)
def test_a_missing_field_is_reported_by_name(document, field):
    with pytest.raises(InsperaFailure) as failure:
        wire.parse_test("7", document)
    assert failure.value.kind == FailureKind.malformed
    assert field in failure.value.detail


def test_a_200_with_errors_is_a_failure():
    with pytest.raises(InsperaFailure) as failure:
        wire.parse_test("7", {"errors": [{"message": "No access"}], "contributors": []})
    assert failure.value.kind == FailureKind.reported_errors
    assert failure.value.detail == "No access"


def test_html_is_not_json():
    with pytest.raises(InsperaFailure) as failure:
        wire.json_document(200, "application/json", b"  <html><body>Log in</body></html>")
    assert failure.value.kind == FailureKind.not_json


def test_the_signature_is_inspera_s_hmac_sha1_hex():
    body, headers = signed_event("confirm_final_grades", 35199862)
    given = headers["X-Inspera-Signature"]
    assert len(given) == 40
    assert wire.signature_is_valid(WEBHOOK_SECRET, body, given)
    assert wire.signature_is_valid(WEBHOOK_SECRET, body, given.upper())
    assert not wire.signature_is_valid(WEBHOOK_SECRET, body + b" ", given)
    assert not wire.signature_is_valid("another-secret", body, given)
    assert not wire.signature_is_valid(WEBHOOK_SECRET, body, None)
    assert not wire.signature_is_valid(None, body, given)


def test_an_event_names_its_test_by_inspera_s_id():
    body, _ = signed_event("confirm_final_grades", 35199862, timestamp="2018-10-04T16:47:55Z")
    event = wire.parse_event(body)
    assert event.event == "confirm_final_grades"
    assert event.context_object_id == "35199862"
    assert (
        event.timestamp is not None and event.timestamp.isoformat() == "2018-10-04T16:47:55+00:00"
    )
