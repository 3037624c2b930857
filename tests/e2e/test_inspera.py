"""The Inspera connector end to end: `sensorbot inspera sync` and `sensorbot tick` as
separate processes against the fake Inspera and the fake Slack, the scheduler's reading,
and Inspera's webhooks through the real HTTP endpoint."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.exams.phase import TestState, state_of
from bot.inspera.stored import final_grades_confirmed
from models.db import session_scope
from models.inspera import InsperaDelivery
from models.tables import GradingIn
from models.tables import Test as ExamTest
from models.types import utcnow
from tests.e2e.test_why import ask
from tests.support.blocks import buttons, visible_text
from tests.support.factories import add_grader, add_membership, add_test, choose_language
from tests.support.fake_inspera import (
    API_KEY,
    CLIENT_ID,
    WEBHOOK_SECRET,
    FakeInspera,
    grader,
    signed_event,
)
from tests.support.harness import http_request
from tests.support.processes import run_cli, said, sensorbot_environment
from tests.support.scheduling import delivered_keys, outbox_rows, posts_to, scheduler_for
from tests.support.stores import migrated_engine

TEST_ID = "TDT4100-2026H"
INSPERA_ID = "35199862"
CONSULTANT = "konsulent@ntnu.no"


@pytest.fixture
def inspera():
    with FakeInspera() as fake:
        yield fake


def connector(inspera: FakeInspera) -> dict[str, str]:
    return {
        "SENSORBOT_INSPERA_API_URL": inspera.api_url,
        "SENSORBOT_INSPERA_CLIENT_ID": CLIENT_ID,
        "SENSORBOT_INSPERA_API_KEY": API_KEY,
    }


def roster(engine) -> None:
    """Ola and Kari grade committee 1; Inspera has Kari under an old address, not Ola."""
    add_test(engine, TEST_ID, inspera_test_id=INSPERA_ID, consultants=(CONSULTANT,))
    add_grader(engine, "ola@ntnu.no", name="Ola Nordmann")
    add_grader(engine, "kari@ntnu.no", name="Kari Nordmann")
    add_membership(engine, TEST_ID, "ola@ntnu.no", "1")
    add_membership(engine, TEST_ID, "kari@ntnu.no", "1")


def opened(engine, grading_in: GradingIn = GradingIn.sensorbot) -> None:
    with session_scope(engine) as session:
        test = session.get(ExamTest, TEST_ID)
        test.opened_for_marking, test.grading_in = utcnow() - timedelta(days=1), grading_in


def state(engine) -> TestState:
    with session_scope(engine) as session:
        return state_of(session, session.get(ExamTest, TEST_ID), utcnow())


def kari_under_an_old_address(inspera: FakeInspera) -> None:
    inspera.add_test(
        INSPERA_ID, [grader("u2", "Kari", "Nordmann", "kari.gammel@hotmail.com", ["Kommisjon 1"])]
    )


@pytest.fixture
def cli(tmp_path, fake_slack, inspera):
    url = f"sqlite:///{tmp_path / 'inspera.db'}"
    engine = migrated_engine(url)
    roster(engine)
    fake_slack.add_user("UKONS", email=CONSULTANT, locale="nb-NO")
    yield engine, sensorbot_environment(fake_slack, url, **connector(inspera))
    engine.dispose()


def difference_keys(fake_slack) -> list[str]:
    return [key for key in delivered_keys(fake_slack) if key.startswith("inspera_differences:")]


def test_without_the_connector_sync_names_the_missing_variables(tmp_path, fake_slack):
    environment = sensorbot_environment(fake_slack, f"sqlite:///{tmp_path / 'none.db'}")
    environment["SENSORBOT_INSPERA_CLIENT_ID"] = CLIENT_ID

    result = run_cli(["inspera", "sync"], environment, tmp_path)

    assert result.returncode == 2
    assert said(result.stderr) == [
        "The Inspera connector is not configured. Set SENSORBOT_INSPERA_API_URL, "
        "SENSORBOT_INSPERA_API_KEY (see the README, “Connect Inspera”)."
    ]


def test_a_missing_grader_and_another_email_are_told_to_the_consultant_once(
    cli, tmp_path, fake_slack, inspera
):
    engine, environment = cli
    kari_under_an_old_address(inspera)

    first = run_cli(["inspera", "sync"], environment, tmp_path)
    assert first.returncode == 0, first.stderr
    assert said(first.stdout) == [
        f"{TEST_ID}: read from Inspera; 2 differences from the roster:",
        "  • Ola Nordmann <ola@ntnu.no>: in the roster (committee 1), not in Inspera",
        "  • Kari Nordmann <kari@ntnu.no>: Inspera has the address kari.gammel@hotmail.com",
        "  2 of them are new; the consultants are told in Slack.",
    ]
    assert run_cli(["tick"], environment, tmp_path).returncode == 0

    [dm] = posts_to(fake_slack, "UKONS")
    text = json.dumps(dm["blocks"], ensure_ascii=False)
    assert "*Ola Nordmann* står som sensor i sensoroversikten (kommisjon 1)" in text
    assert (
        "*Kari Nordmann* med en e-postadresse (k…@hotmail.com) som sensoroversikten ikke har"
        in text
    )
    assert "kari.gammel@hotmail.com" not in text and "ola@ntnu.no" not in text

    again = run_cli(["inspera", "sync", TEST_ID], environment, tmp_path)
    assert again.returncode == 0, again.stderr
    assert "  None of them is new; the consultants were told about them before." in again.stdout
    assert run_cli(["tick"], environment, tmp_path).returncode == 0
    assert len(difference_keys(fake_slack)) == 1
    assert len(posts_to(fake_slack, "UKONS")) == 1

    status = run_cli(["status", TEST_ID], environment, tmp_path)
    assert "Inspera: read " in status.stdout and "2 differences from the roster:" in status.stdout


@pytest.mark.parametrize(
    ("injected", "reason"),
    [
        ({"status": 500}, "Inspera answered with an error on its side (HTTP 500)"),
        ({"html": True}, "Inspera answered with a web page, not JSON"),
        ({"errors": ["Access denied to test"]}, "Inspera reported errors: Access denied to test"),
    ],
)
def test_inspera_answering_500_html_or_errors_makes_no_difference_report_and_is_retried(
    cli, tmp_path, fake_slack, inspera, injected, reason
):
    engine, environment = cli
    kari_under_an_old_address(inspera)
    inspera.fail_next("test", **injected)

    result = run_cli(["inspera", "sync"], environment, tmp_path)

    assert result.returncode == 1
    assert f"{TEST_ID}: could not read the test from Inspera: {reason}" in result.stderr
    assert outbox_rows(engine) == []
    status = run_cli(["status", TEST_ID], environment, tmp_path)
    assert "Inspera: the last reading failed" in status.stdout and reason in status.stdout
    assert run_cli(["tick"], environment, tmp_path).returncode == 0
    assert difference_keys(fake_slack) == []

    # The next sync asks Inspera again, and this time what it reads is reported.
    retried = run_cli(["inspera", "sync"], environment, tmp_path)
    assert retried.returncode == 0, retried.stderr
    assert len(inspera.calls("test")) == 2
    assert f"{TEST_ID}: read from Inspera; 2 differences from the roster:" in retried.stdout
    status = run_cli(["status", TEST_ID], environment, tmp_path)
    assert "the last reading failed" not in status.stdout


def test_a_sync_tells_the_consultant_once_and_why_tells_each_grader_what_inspera_has(
    running_bot, store_url, fake_slack, inspera
):
    engine = running_bot.runtime.engine
    roster(engine)
    opened(engine)
    kari_under_an_old_address(inspera)
    fake_slack.add_user("UKONS", email=CONSULTANT, locale="nb-NO")
    for user, email in (("UOLA", "ola@ntnu.no"), ("UKARI", "kari@ntnu.no")):
        fake_slack.add_user(user, email=email, locale="en-GB")
        choose_language(engine, user, "en")
    scheduler = scheduler_for(fake_slack, store_url, engine, **connector(inspera))
    now = utcnow()

    scheduler.run_pass(now)
    scheduler.run_pass(now + timedelta(minutes=61))  # read again: nothing new to tell

    assert len(inspera.calls("test")) == 2
    [dm] = posts_to(fake_slack, "UKONS")
    text = json.dumps(dm["blocks"], ensure_ascii=False)
    assert "*Ola Nordmann* står som sensor i sensoroversikten (kommisjon 1)" in text
    assert "*Kari Nordmann* med en e-postadresse (k…@hotmail.com)" in text

    ola_reply = ask(running_bot, fake_slack, "UOLA", "why")
    ola = visible_text(ola_reply)
    assert "The test is open for marking" in ola  # the other checks still answer
    assert "Inspera does not list you as a grader on this test, but the roster does" in ola
    assert "Your study consultant has been told" in ola
    assert buttons(ola_reply) == []
    kari_reply = ask(running_bot, fake_slack, "UKARI", "why")
    kari = visible_text(kari_reply)
    assert "Inspera has you as a grader on this test, in committee 1" in kari
    assert "Inspera has another address for you: k…@hotmail.com" in kari
    assert "Your study consultant has been told" in kari
    assert "kari.gammel" not in kari
    assert buttons(kari_reply) == []  # the consultant knows already: nothing to send


def test_an_unknown_test_is_refused_before_inspera_is_asked(cli, tmp_path, inspera):
    engine, environment = cli
    result = run_cli(["inspera", "sync", TEST_ID, "TMA4100-2026H"], environment, tmp_path)
    assert result.returncode == 1
    assert said(result.stderr) == ["There is no test TMA4100-2026H. Nothing was read."]
    assert inspera.calls("test") == [] and inspera.calls("token") == []


def test_a_wrong_key_is_named_and_exits_non_zero(cli, tmp_path, inspera):
    engine, environment = cli
    environment["SENSORBOT_INSPERA_API_KEY"] = "not-the-key"
    result = run_cli(["inspera", "sync"], environment, tmp_path)
    assert result.returncode == 1
    assert "Inspera refused the API key (401)" in result.stderr


def test_the_scheduler_reads_due_tests_every_interval(engine, store_url, fake_slack, inspera):
    roster(engine)
    kari_under_an_old_address(inspera)
    fake_slack.add_user("UKONS", email=CONSULTANT, locale="nb-NO")
    scheduler = scheduler_for(
        fake_slack, store_url, engine, SENSORBOT_INSPERA_SYNC_MINUTES=30, **connector(inspera)
    )
    now = utcnow()

    scheduler.run_pass(now)
    scheduler.run_pass(now + timedelta(minutes=10))
    scheduler.run_pass(now + timedelta(minutes=31))

    assert len(inspera.calls("test")) == 2
    assert len(inspera.calls("token")) == 1
    assert len(difference_keys(fake_slack)) == 1


# -- webhooks through the real HTTP endpoint ----------------------------------------------


@pytest.fixture
def bot_settings_overrides():
    return {"SENSORBOT_INSPERA_WEBHOOK_SECRET": WEBHOOK_SECRET}


def post_event(running_bot, body: bytes, headers: dict[str, str]):
    return http_request(running_bot.base_url + "/inspera/events", data=body, headers=headers)


def confirmed(engine):
    with session_scope(engine) as session:
        return final_grades_confirmed(session, TEST_ID)


def deliveries(engine) -> list[InsperaDelivery]:
    with session_scope(engine) as session:
        return list(session.exec(select(InsperaDelivery)).all())


def test_a_signed_confirm_final_grades_is_recorded_once_and_makes_the_test_graded(
    running_bot, fake_slack
):
    engine = running_bot.runtime.engine
    roster(engine)
    opened(engine, GradingIn.inspera)
    assert state(engine) == TestState.open
    body, headers = signed_event("confirm_final_grades", int(INSPERA_ID))

    answer = post_event(running_bot, body, headers)
    assert answer.status == 200
    moment = fake_slack.wait_for(lambda: confirmed(engine), description="the confirmation")
    assert moment.isoformat() == "2026-12-20T10:15:00+00:00"

    retried = post_event(running_bot, body, headers)
    assert retried.status == 200 and retried.body == b"already received\n"
    [delivery] = deliveries(engine)
    assert delivery.outcome == (
        f"final grades confirmed for {TEST_ID}; FS hand-off started for {TEST_ID}"
    )
    assert state(engine) == TestState.graded


@pytest.mark.parametrize(
    "signature",
    [None, "0" * 40, "signed-with-another-secret"],
)
def test_a_forged_confirm_final_grades_is_401_and_changes_nothing(running_bot, signature):
    engine = running_bot.runtime.engine
    roster(engine)
    opened(engine, GradingIn.inspera)
    body, headers = signed_event("confirm_final_grades", int(INSPERA_ID))
    if signature is None:
        del headers["X-Inspera-Signature"]
    elif signature == "signed-with-another-secret":
        headers = signed_event("confirm_final_grades", int(INSPERA_ID), secret="guess")[1]
    else:
        headers["X-Inspera-Signature"] = signature

    answer = post_event(running_bot, body, headers)

    assert answer.status == 401
    assert deliveries(engine) == []
    assert confirmed(engine) is None
    assert state(engine) == TestState.open


def test_inspera_s_verification_is_answered(running_bot):
    body, headers = signed_event("verification")
    assert post_event(running_bot, body, headers).status == 200
    assert deliveries(running_bot.runtime.engine) == []
    headers["X-Inspera-Signature"] = "f" * 40
    assert post_event(running_bot, body, headers).status == 401
