"""Readiness blockers and notices in consultants' words, and the replies to `/sensur open`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.i18n import t
from bot.messages import findings
from bot.opening.readiness import Readiness
from models.tables import Test

DateFormat = Callable[[datetime], str]


def finding_lines(
    lang: str,
    found: Sequence[Mapping[str, Any]],
    *,
    prefix: str,
    submission_deadline: datetime,
    format_date: DateFormat,
) -> list[str]:
    """One line per blocker (`prefix="blocker"`) or notice (`prefix="readiness_notice"`), as
    `bot.messages.findings` gives them."""
    return [
        t(
            lang,
            f"{prefix}.{item['kind']}",
            count=item.get("count", 0),
            committees=item.get("committees", 0),
            deadline=format_date(submission_deadline),
        )
        for item in found
    ]


def bullets(lines: Sequence[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def refusal_lines(lang: str, test: Test, status: Readiness, format_date: DateFormat) -> list[str]:
    """Why `test` cannot be opened: its blockers, then its notices."""
    found = findings(status)

    def lines_of(kind: str, prefix: str) -> list[str]:
        return finding_lines(
            lang,
            found[kind],
            prefix=prefix,
            submission_deadline=test.submission_deadline,
            format_date=format_date,
        )

    lines = [t(lang, "open.refused", test=test.test_id)]
    lines += [f"• {line}" for line in lines_of("blockers", "blocker")]
    if found["notices"]:
        lines.append(t(lang, "open.notices"))
        lines += [f"• {line}" for line in lines_of("notices", "readiness_notice")]
    return lines
