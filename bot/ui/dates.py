"""Times in messages: Slack shows each reader their own local time; the fallback text (for
notifications and old clients) is in the configured zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def slack_time(when: datetime, tz: ZoneInfo) -> str:
    fallback = when.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    return f"<!date^{int(when.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"
