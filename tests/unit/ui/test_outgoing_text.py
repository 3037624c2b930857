"""Outbox messages: roster text escaped where Slack reads mrkdwn, shown as typed in the
plain-text header."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.ui.outgoing import render

OSLO = ZoneInfo("Europe/Oslo")


def test_unreachable_graders_are_listed_inert_under_a_plain_header():
    params = {
        "test": {"test_id": "A&B-1", "title": "Grafer <!here>"},
        "graders": [{"name": "<!channel> *Mallory*", "email": "m@x.no", "inspera_email": None}],
    }
    message = render("unreachable", params, "en", OSLO)
    header, *rest = message.blocks
    assert header["type"] == "header"
    assert header["text"]["text"] == "Graders I cannot reach in Slack: A&B-1"
    shown = f"{rest} {message.text}"
    assert "<!channel>" not in shown and "*Mallory*" not in shown
    assert "&lt;!channel&gt; \u2217Mallory\u2217" in shown
