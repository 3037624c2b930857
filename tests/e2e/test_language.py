"""The language a person reads: Norwegian by default whatever Slack's (English) locale says,
and their own choice (`/sensur språk|language`, the switch buttons) in every later reply, on
the Home tab and in messages the bot sends on its own — also after a restart."""

from __future__ import annotations

from datetime import timedelta

import pytest

from models.types import utcnow
from tests.support.blocks import visible_text
from tests.support.factories import choose_language
from tests.support.harness import RunningBot
from tests.support.scheduling import marking_setup, posts_to, scheduler_for

SWITCH = "language.set"


@pytest.fixture
def users(fake_slack):
    # Slack has no Norwegian interface: NTNU's staff run it in English.
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="en-US", name="Ola")
    fake_slack.add_user("UKARI", email="kari@ntnu.no", locale="en-GB", name="Kari")


def _command(running_bot, fake_slack, user: str, text: str, key: str) -> dict:
    running_bot.slack.command(user, text, response_url=fake_slack.response_url(key))
    return fake_slack.wait_for_call("response_url", match=lambda a: a.get("_key") == key).params


def _home(running_bot, fake_slack, user: str) -> str:
    before = len(fake_slack.calls("views.publish"))
    running_bot.slack.event({"type": "app_home_opened", "user": user, "tab": "home"})
    fake_slack.wait_for(lambda: len(fake_slack.calls("views.publish")) > before)
    return str(fake_slack.calls("views.publish")[-1].params["view"]["blocks"])


def test_an_english_slack_locale_without_a_choice_gets_norwegian(running_bot, fake_slack, users):
    reply = _command(running_bot, fake_slack, "UOLA", "help", "a")
    assert "Hjelp og brukerstøtte" in visible_text(reply)


def test_language_en_switches_replies_and_home_and_survives_a_restart(
    running_bot, fake_slack, users
):
    chosen = _command(running_bot, fake_slack, "UOLA", "språk en", "a")
    assert "From now on I'll write to you in English" in visible_text(chosen)
    assert "Help and support" in visible_text(_command(running_bot, fake_slack, "UOLA", "", "b"))
    assert "You are not listed as a grader" in _home(running_bot, fake_slack, "UOLA")
    # Someone else is still written to in Norwegian.
    assert "Hjelp og brukerstøtte" in visible_text(
        _command(running_bot, fake_slack, "UKARI", "help", "c")
    )

    running_bot.close()
    restarted = RunningBot(running_bot.settings, running_bot.runtime.engine)
    try:
        reply = _command(restarted, fake_slack, "UOLA", "hjelp", "d")
        assert "Help and support" in visible_text(reply)
        back = _command(restarted, fake_slack, "UOLA", "language norsk", "e")
        assert "Fra nå av skriver jeg til deg på norsk" in visible_text(back)
        assert "Hjelp og brukerstøtte" in visible_text(
            _command(restarted, fake_slack, "UOLA", "help", "f")
        )
    finally:
        restarted.close()


def test_bare_language_says_which_and_an_unknown_one_is_named(running_bot, fake_slack, users):
    current = visible_text(_command(running_bot, fake_slack, "UOLA", "språk", "a"))
    assert "Jeg skriver til deg på norsk" in current and "In English" in current
    unknown = visible_text(_command(running_bot, fake_slack, "UOLA", "språk klingon", "b"))
    assert "`klingon`" in unknown and "`nb`" in unknown


def test_messages_the_bot_sends_on_its_own_follow_the_choice_and_the_first_carries_a_switch(
    running_bot, fake_slack, users, store_url
):
    engine = running_bot.runtime.engine
    opened = utcnow() - timedelta(minutes=5)
    marking_setup(engine, opened_for_marking=opened)
    choose_language(engine, "UKARI", "en")
    scheduler_for(fake_slack, store_url, engine).run_pass(utcnow())

    (to_ola,) = posts_to(fake_slack, "UOLA")
    (to_kari,) = posts_to(fake_slack, "UKARI")
    assert "er åpnet for vurdering" in str(to_ola["blocks"])
    assert "is open for marking" in str(to_kari["blocks"])
    # The first DM a person ever gets offers the other language.
    assert "'In English'" in str(to_ola["blocks"]) and "'På norsk'" in str(to_kari["blocks"])

    # Ola presses "In English" under it: stored, answered in English.
    running_bot.slack.click(
        "UOLA", SWITCH, "en", channel_id=to_ola["channel"], message_ts=to_ola["ts"],
        response_url=fake_slack.response_url("switch"),
    )  # fmt: skip
    answer = fake_slack.wait_for_call("response_url", match=lambda a: a.get("_key") == "switch")
    assert "From now on I'll write to you in English" in visible_text(answer.params)
    assert answer.params.get("replace_original") is False
    assert "Help and support" in visible_text(_command(running_bot, fake_slack, "UOLA", "", "h"))


def test_a_forged_switch_value_changes_nothing(running_bot, fake_slack, users):
    running_bot.slack.click("UOLA", SWITCH, "xx", response_url=fake_slack.response_url("x"))
    fake_slack.wait_for_call("response_url", match=lambda a: a.get("_key") == "x")
    assert "Hjelp og brukerstøtte" in visible_text(
        _command(running_bot, fake_slack, "UOLA", "help", "y")
    )
