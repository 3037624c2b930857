"""Times in messages: Slack shows each reader their own local time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.ui.kit import Mrkdwn, date


def slack_datetime(when: datetime, tz: ZoneInfo) -> Mrkdwn:
    """Slack's date formatting for `when`, so every reader sees it in their own time zone;
    clients that cannot format it show the fallback, the local time in `tz`."""
    return date(when, tz)
