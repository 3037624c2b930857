"""`/sensur help` and the Slack request checks, through real HTTP with signed requests."""

from __future__ import annotations

import time

import pytest

from tests.support.factories import add_grader, add_membership, add_test, choose_language
from tests.support.harness import http_request


@pytest.fixture
def users(engine, fake_slack):
    fake_slack.add_user("UNB", email="kari@ntnu.no", locale="nb-NO", name="Kari")
    fake_slack.add_user("UEN", email="john@example.org", locale="en-GB", name="John")
    choose_language(engine, "UEN", "en")
    fake_slack.add_user("UNN", email="per@ntnu.no", locale="nn-NO", name="Per")


def _help_reply(fake_slack, key: str) -> dict:
    return fake_slack.wait_for_call("response_url", match=lambda a: a.get("_key") == key).params


def _texts(reply: dict) -> str:
    return str(reply.get("blocks")) + reply.get("text", "")


def test_help_in_norwegian(running_bot, fake_slack, users):
    answer = running_bot.slack.command("UNB", "hjelp", response_url=fake_slack.response_url("a"))
    assert answer.status == 200
    reply = _help_reply(fake_slack, "a")
    assert reply["response_type"] == "ephemeral"
    text = _texts(reply)
    assert "/sensur hvorfor [PRØVE]" in text
    assert "Orakeltjenesten" in text and "73 59 15 00" in text
    assert "Problemer med pålogging" in text


def test_help_in_english_and_bare_command(running_bot, fake_slack, users):
    running_bot.slack.command("UEN", "", response_url=fake_slack.response_url("b"))
    text = _texts(_help_reply(fake_slack, "b"))
    assert "/sensur why [TEST]" in text
    assert "Login problems" in text


def test_nynorsk_locale_gets_norwegian(running_bot, fake_slack, users):
    running_bot.slack.command("UNN", "help", response_url=fake_slack.response_url("c"))
    assert "Hjelp og brukerstøtte" in _texts(_help_reply(fake_slack, "c"))


def test_unknown_subcommand_names_the_word_and_shows_help(running_bot, fake_slack, users):
    running_bot.slack.command("UEN", "frobnicate x", response_url=fake_slack.response_url("d"))
    text = _texts(_help_reply(fake_slack, "d"))
    assert "`frobnicate`" in text
    assert "/sensur help" in text


def test_help_follows_the_readers_roles(running_bot, fake_slack, users):
    engine = running_bot.runtime.engine
    add_test(engine, "TDT4100-2026H", consultants=("john@example.org", "per@ntnu.no"))
    add_grader(engine, "kari@ntnu.no")
    add_grader(engine, "per@ntnu.no")
    add_membership(engine, "TDT4100-2026H", "kari@ntnu.no", "1")
    add_membership(engine, "TDT4100-2026H", "per@ntnu.no", "1")
    for user, key in (("UNB", "grader"), ("UEN", "consultant"), ("UNN", "both")):
        running_bot.slack.command(user, "help", response_url=fake_slack.response_url(key))
    grader = _texts(_help_reply(fake_slack, "grader"))
    assert "/sensur hvorfor [PRØVE]" in grader and "/sensur mal" in grader
    assert "/sensur åpne" not in grader and "/sensur eksport" not in grader
    consultant = _texts(_help_reply(fake_slack, "consultant"))
    assert "/sensur open TEST" in consultant and "/sensur export TEST" in consultant
    assert "/sensur why" not in consultant and "/sensur template" not in consultant
    both = _texts(_help_reply(fake_slack, "both"))
    assert "Som sensor" in both and "Som studiekonsulent" in both
    assert "/sensur hvorfor" in both and "/sensur åpne PRØVE" in both


def test_forged_signature_is_refused(running_bot, fake_slack, users):
    answer = running_bot.slack.command(
        "UNB", "help", response_url=fake_slack.response_url("e"), signature="v0=" + "0" * 64
    )
    assert answer.status == 401
    assert not fake_slack.calls("response_url")


def test_stale_timestamp_is_refused(running_bot, fake_slack, users):
    stale = int(time.time()) - 10 * 60
    answer = running_bot.slack.command(
        "UNB", "help", response_url=fake_slack.response_url("f"), timestamp=stale
    )
    assert answer.status == 401
    assert not fake_slack.calls("response_url")


def test_healthz_ok(running_bot):
    answer = http_request(running_bot.base_url + "/healthz")
    assert answer.status == 200


def test_healthz_503_when_store_unreachable(fake_slack):
    from sqlalchemy import create_engine

    from tests.support.harness import RunningBot, make_settings

    unreachable = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
    settings = make_settings(fake_slack.api_url, unreachable)
    bot = RunningBot(settings, create_engine(unreachable))
    try:
        assert http_request(bot.base_url + "/healthz").status == 503
    finally:
        bot.close()


def test_unknown_path_is_404(running_bot):
    assert http_request(running_bot.base_url + "/nowhere").status == 404
