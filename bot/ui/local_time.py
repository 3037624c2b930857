"""Times as plain text in our time zone, where Slack's date formatting is not available
(the command line, notification fallback text)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def local_text(when: datetime, tz: ZoneInfo) -> str:
    """`2026-12-10 09:00 CET`: `when` on the local clock of `tz`."""
    return when.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")
