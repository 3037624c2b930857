"""Times in messages: Slack shows each reader their own local time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def slack_datetime(when: datetime, tz: ZoneInfo) -> str:
    """Slack's date formatting for `when`, so every reader sees it in their own time zone;
    clients that cannot format it show the fallback, the local time in `tz`."""
    if when.tzinfo is None:
        raise ValueError("when must be timezone-aware")
    local = when.astimezone(tz)
    fallback = local.strftime("%Y-%m-%d %H:%M %Z")
    return f"<!date^{int(when.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"
