"""Readiness blockers and notices in consultants' words, and the replies to `/sensur open`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.i18n import format_list, t
from bot.messages import findings
from bot.opening.readiness import Readiness
from bot.ui.kit import Mrkdwn, md
from models.tables import Test

DateFormat = Callable[[datetime], str]


def finding_lines(
    lang: str,
    found: Sequence[Mapping[str, Any]],
    *,
    prefix: str,
    submission_deadline: datetime,
    format_date: DateFormat,
) -> list[Mrkdwn]:
    """One line per blocker (`prefix="blocker"`) or notice (`prefix="readiness_notice"`), as
    `bot.messages.findings` gives them; a finding that names its candidates lists them."""
    lines = []
    for item in found:
        count = item.get("count", 0)
        line = md(
            lang,
            f"{prefix}.{item['kind']}",
            count=count,
            committees=_committees(lang, item),
            deadline=format_date(submission_deadline),
        )
        # Graders by name or candidates by number, when the finding names them.
        named = item.get("graders") or item.get("candidates") or []
        if named:
            line += Mrkdwn(" ") + md(lang, "finding.named", names=_listed(lang, named, count))
        lines.append(line)
    return lines


def _committees(lang: str, item: Mapping[str, Any]) -> str:
    """ "kommisjon 1 og 2" when the finding names its committees, else "2 kommisjoner"."""
    count = item.get("committees", 0)
    names = item.get("committee_names") or []
    if not names:
        return t(lang, "finding.committees", committee_count=count)
    listed = _listed(lang, names, count)
    if len(names) == 1 and count <= 1:
        return t(lang, "notice.committee", committee=listed)
    return t(lang, "notice.committees", committees=listed)


def _listed(lang: str, names: Sequence[str], count: int) -> str:
    """ "10004, 10007 og 3 til": the ones named, and how many more there are."""
    shown = list(names)
    if count > len(shown):
        shown.append(t(lang, "finding.more", count=count - len(shown)))
    return format_list(lang, shown)


def bullets(lines: Sequence[str]) -> str:
    """The lines as a bulleted text, as they are (`kit.bullets` escapes outside text)."""
    return "\n".join(f"• {line}" for line in lines)


def test_finding_lines(
    lang: str,
    found: Mapping[str, Sequence[Mapping[str, Any]]],
    kind: str,
    test: Test,
    format_date: DateFormat,
) -> list[Mrkdwn]:
    """`finding_lines` for the test's `kind` of findings, `"blockers"` or `"notices"`."""
    prefix = "blocker" if kind == "blockers" else "readiness_notice"
    return finding_lines(
        lang,
        found[kind],
        prefix=prefix,
        submission_deadline=test.submission_deadline,
        format_date=format_date,
    )


def refusal_lines(
    lang: str,
    test: Test,
    status: Readiness,
    format_date: DateFormat,
    found: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> list[Mrkdwn]:
    """Why `test` cannot be opened: its blockers, then its notices (`found`: the findings
    with the graders and committees they name, when the caller has read them)."""
    found = found if found is not None else findings(status)

    def listed(kind: str) -> list[Mrkdwn]:
        lines = test_finding_lines(lang, found, kind, test, format_date)
        return [Mrkdwn("• ") + line for line in lines]

    lines = [md(lang, "open.refused", test=test.test_id), *listed("blockers")]
    if found["notices"]:
        lines += [md(lang, "open.notices"), *listed("notices")]
    return lines
