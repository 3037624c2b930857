"""The Inspera client against the fake Inspera over real HTTP: one token, renewed before it
expires; 409/429 waited out; every failure typed, never a crash."""

from __future__ import annotations

import threading

import pytest

from bot.inspera.client import InsperaClient, _Pace
from bot.inspera.failures import FailureKind, InsperaFailure
from tests.support.fake_inspera import API_KEY, CLIENT_ID, FakeInspera, grader


@pytest.fixture
def inspera():
    with FakeInspera() as fake:
        fake.add_test(
            "35199862",
            [
                grader("u1", "Ola", "Nordmann", "Ola@NTNU.no", ["Kommisjon 1"]),
                grader("u9", "Per", "Admin", None, roles=["author"]) | {"committeesName": None},
            ],
        )
        yield fake


def client_for(fake: FakeInspera, **options) -> InsperaClient:
    return InsperaClient(fake.api_url, CLIENT_ID, API_KEY, **options)


def test_reads_a_test_into_plain_values(inspera):
    found = client_for(inspera).read_test("35199862")

    assert [g.email for g in found.graders] == ["ola@ntnu.no"]
    assert found.graders[0].committees == ("Kommisjon 1",)
    assert found.graders[0].name == "Ola Nordmann"
    assert [c.name for c in found.committees] == ["Kommisjon 1"]
    assert len(found.contributors) == 2  # the author is read, and is no grader


def test_one_token_for_many_readings_and_threads(inspera):
    client = client_for(inspera)
    threads = [threading.Thread(target=client.read_test, args=("35199862",)) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(inspera.calls("token")) == 1
    assert len(inspera.calls("test")) == 5
    token_call = inspera.calls("token")[0]
    assert token_call.method == "POST"
    assert {k.lower(): v for k, v in token_call.headers.items()}["code"] == API_KEY


def test_the_token_is_renewed_before_it_expires():
    clock = [1000.0]
    with FakeInspera(expires_in=3600) as fake:
        fake.add_test("1", [])
        client = client_for(fake, clock=lambda: clock[0])
        client.read_test("1")
        clock[0] += 3600 - 130  # still valid, but not for long
        client.read_test("1")
        assert len(fake.calls("token")) == 1
        clock[0] += 20  # within two minutes of expiring: a new one first
        client.read_test("1")
        assert len(fake.calls("token")) == 2


def test_a_token_inspera_stopped_accepting_is_replaced_once(inspera):
    client = client_for(inspera)
    client.read_test("35199862")
    inspera.expire_tokens()

    client.read_test("35199862")

    assert len(inspera.calls("token")) == 2
    assert [c.status for c in inspera.calls("test")] == [200, 401, 200]


@pytest.mark.parametrize("status", [409, 429])
def test_409_and_429_are_waited_out_as_retry_after_says(inspera, status):
    waits: list[float] = []
    inspera.fail_next("token", status=status, retry_after="2", count=2)
    client = client_for(inspera, sleep=waits.append)

    client.read_test("35199862")

    # (the pacing's own short pauses between requests aside)
    assert [w for w in waits if w >= 1] == [2.0, 2.0]
    assert [c.status for c in inspera.calls("token")] == [status, status, 200]


def test_a_429_that_lasts_becomes_a_failure(inspera):
    inspera.fail_next("test", status=429, retry_after="30", count=5)
    client = client_for(inspera, sleep=lambda seconds: None, longest_wait=60)

    with pytest.raises(InsperaFailure) as failure:
        client.read_test("35199862")

    assert failure.value.kind == FailureKind.busy
    assert failure.value.connector_wide


def test_a_wrong_key_is_named():
    with FakeInspera(api_key="the-right-key") as fake, pytest.raises(InsperaFailure) as failure:
        client_for(fake).read_test("1")
    assert failure.value.kind == FailureKind.wrong_key


@pytest.mark.parametrize(
    ("injected", "kind"),
    [
        ({"status": 500}, FailureKind.server_error),
        ({"status": 503, "html": True}, FailureKind.server_error),
        ({"html": True}, FailureKind.not_json),
        ({"errors": ["Test is archived"]}, FailureKind.reported_errors),
        ({"status": 403}, FailureKind.refused),
    ],
)
def test_failures_are_typed(inspera, injected, kind):
    inspera.fail_next("test", **injected)
    with pytest.raises(InsperaFailure) as failure:
        client_for(inspera).read_test("35199862")
    assert failure.value.kind == kind
    if kind == FailureKind.reported_errors:
        assert "Test is archived" in failure.value.detail


def test_an_unknown_test_is_not_found(inspera):
    with pytest.raises(InsperaFailure) as failure:
        client_for(inspera).read_test("404404")
    assert failure.value.kind == FailureKind.not_found
    assert not failure.value.connector_wide


def test_a_slow_inspera_is_a_timeout(inspera):
    inspera.fail_next("test", delay=1.5)
    with pytest.raises(InsperaFailure) as failure:
        client_for(inspera, timeout=0.3).read_test("35199862")
    assert failure.value.kind == FailureKind.timeout


def test_nobody_listening_is_unreachable():
    with FakeInspera() as fake:
        url = fake.api_url
    with pytest.raises(InsperaFailure) as failure:
        InsperaClient(url, CLIENT_ID, API_KEY).read_test("1")
    assert failure.value.kind == FailureKind.unreachable


def test_at_most_five_requests_a_second():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pace = _Pace(5.0, lambda: now[0], sleep)
    starts = []
    for _ in range(11):
        pace.wait_turn()
        starts.append(now[0])

    assert starts[5] - starts[0] >= 1.0 - 1e-9
    assert starts[10] - starts[0] >= 2.0 - 1e-9
