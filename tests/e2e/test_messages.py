"""Plain-text DMs to the bot, through real HTTP: each gets one pointer to what the bot
does, however often Slack delivers it."""

from __future__ import annotations

import time

from tests.support.factories import choose_language

KARI = "UKARI"


def text_event(text: str) -> dict:
    return {
        "type": "message",
        "channel": f"D{KARI}",
        "channel_type": "im",
        "user": KARI,
        "text": text,
        "ts": f"{time.time():.6f}",
    }


def replies(fake_slack) -> list[dict]:
    return [m for m in fake_slack.messages_to(KARI) if not m["ephemeral"]]


def test_slacks_retries_of_a_text_dm_are_answered_once(running_bot, fake_slack):
    fake_slack.add_user(KARI, email="kari@ntnu.no", locale="en-GB")
    choose_language(running_bot.runtime.engine, KARI, "en")
    hello = text_event("hello?")
    running_bot.slack.event(hello, event_id="EvTXT1")
    fake_slack.wait_for(lambda: replies(fake_slack), description="a reply")
    running_bot.slack.event(hello, event_id="EvTXT1", retry_num=1)
    running_bot.slack.event(hello, event_id="EvTXT1", retry_num=2)
    running_bot.slack.event(text_event("anyone?"), event_id="EvTXT2")
    fake_slack.wait_for(lambda: len(replies(fake_slack)) >= 2, description="a second reply")
    # Every listener has run once the pool is idle.
    assert running_bot.app.slow_work.wait_idle()
    assert len(replies(fake_slack)) == 2
