"""`sensorbot status` as lines of text for an operator's terminal."""

from __future__ import annotations

import functools
from datetime import datetime

from bot.i18n import t
from bot.i18n.dates import deadline_text
from bot.messages import findings
from bot.scheduling.occasions import CATCH_UP
from bot.scheduling.status import StatusOfTest, StatusReport
from bot.settings import Settings
from bot.ui.explanations import status_text_lines
from bot.ui.grading_reports import committee_report_lines, grades_in_text
from bot.ui.local_time import local_text
from bot.ui.opening import test_finding_lines
from models.tables import GradingIn

_COLUMNS = "{:<24} {:<18} {:<17} {:>8}  {}"


def status_lines(
    report: StatusReport, settings: Settings, now: datetime, *, detailed: bool
) -> list[str]:
    lang = settings.default_language
    lines = _detail(report.tests[0], settings) if detailed else _table(report, settings, now)
    if detailed:
        lines += status_text_lines(lang, report.tests[0].explanations, settings.tz, now)
    lines.append("")
    lines.append(t(lang, "cli.status.outbox", **vars(report.outbox)))
    if report.problems:
        lines.append(t(lang, "cli.status.problems"))
        for entry in report.problems:
            lines.append(
                t(
                    lang,
                    "cli.status.problem",
                    message=f"{entry.key} → {entry.to_email or entry.to_channel}",
                    status=entry.status,
                    attempts=entry.attempts,
                    next=local_text(entry.next_attempt_at, settings.tz),
                    error=entry.last_error or "",
                )
            )
    return lines


def _table(report: StatusReport, settings: Settings, now: datetime) -> list[str]:
    lang = settings.default_language
    if not report.tests:
        return [t(lang, "cli.status.no_tests", since=local_text(now - CATCH_UP, settings.tz))]
    lines = [_COLUMNS.format(*t(lang, "cli.status.columns").split("|"))]
    for item in report.tests:
        counts = item.outbox
        lines.append(
            _COLUMNS.format(
                item.test.test_id,
                item.state.value,
                local_text(item.test.grading_deadline, settings.tz),
                len(item.readiness.blockers),
                f"{counts.pending + counts.sending}/{counts.sent}/"
                f"{counts.failed + counts.undeliverable}",
            )
        )
    return lines


def _detail(item: StatusOfTest, settings: Settings) -> list[str]:
    lang = settings.default_language
    test = item.test
    plain = functools.partial(local_text, tz=settings.tz)
    lines = t(
        lang,
        "cli.status.test",
        test=test.test_id,
        course=test.course_code,
        title=f" {test.title}" if test.title else "",
        state=item.state.value,
        submission=plain(test.submission_deadline),
        grading=deadline_text(lang, test.grading_deadline, settings.tz),
        opened=plain(test.opened_for_marking)
        if test.opened_for_marking
        else t(lang, "cli.status.not_opened"),
    ).splitlines()
    lines.append(f"  {grades_in_text(lang, test)}")
    if test.grading_in == GradingIn.inspera:
        lines += [f"    • {line}" for line in committee_report_lines(lang, item.reports)]
    found = findings(item.readiness)

    def listed(kind: str) -> list[str]:
        return [f"    • {line}" for line in test_finding_lines(lang, found, kind, test, plain)]

    if found["blockers"]:
        lines.append(t(lang, "cli.status.blockers"))
        lines += listed("blockers")
    else:
        lines.append(t(lang, "cli.status.no_blockers"))
    if found["notices"]:
        lines.append(t(lang, "cli.status.notices"))
        lines += listed("notices")
    if item.complaint_readiness is not None and item.complaint_readiness.blockers:
        gaps = findings(item.complaint_readiness)
        lines.append(t(lang, "cli.status.complaint_blockers"))
        lines += [
            f"    • {line}" for line in test_finding_lines(lang, gaps, "blockers", test, plain)
        ]
    return lines
