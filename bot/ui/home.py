"""The Home tab's Block Kit: the person's tests (`bot.home.overview`) above the help section."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.home.overview import ConsultantTest, GraderTest, HomeOverview
from bot.i18n import t
from bot.messages import findings
from bot.settings import HelpContacts
from bot.ui import kit
from bot.ui.help import help_blocks
from bot.ui.kit import Mrkdwn, md
from bot.ui.opening import finding_lines
from models.tables import Test

# A consultant's test can have many committees; a section holds at most 3000 characters.
MAX_COMMITTEE_LINES = 10


def home_view(lang: str, overview: HomeOverview, contacts: HelpContacts, tz: ZoneInfo) -> View:
    return View(type="home", blocks=home_blocks(lang, overview, contacts, tz))


def home_blocks(
    lang: str, overview: HomeOverview, contacts: HelpContacts, tz: ZoneInfo
) -> list[Block]:
    blocks: list[Block] = []
    if overview.empty:
        blocks.append(kit.section(md(lang, "home.no_tests")))
    blocks += overview_blocks(lang, overview, tz)
    blocks.append(kit.divider())
    return blocks + help_blocks(lang, contacts)


def overview_blocks(lang: str, overview: HomeOverview, tz: ZoneInfo) -> list[Block]:
    """The person's tests, as on the Home tab and in `/sensur status`."""
    blocks: list[Block] = []
    if overview.grader_tests:
        blocks.append(kit.header(t(lang, "home.grader.title")))
        blocks += [kit.section(_grader_text(lang, item, tz)) for item in overview.grader_tests]
        blocks += _more(lang, overview.more_grader_tests)
    if overview.consultant_tests:
        blocks.append(kit.header(t(lang, "home.consultant.title")))
        blocks += [
            kit.section(_consultant_text(lang, item, tz)) for item in overview.consultant_tests
        ]
        blocks += _more(lang, overview.more_consultant_tests)
    return blocks


def _grader_text(lang: str, item: GraderTest, tz: ZoneInfo) -> Mrkdwn:
    lines = [_test_heading(item.test), _state_line(lang, item, tz)]
    if not item.committees:
        lines.append(md(lang, "home.no_committee"))
    for own in item.committees[:MAX_COMMITTEE_LINES]:
        line = md(
            lang,
            "home.own_progress",
            committee=own.committee,
            graded=own.graded,
            submitted=own.submitted,
        )
        extras = [md(lang, f"home.phase.{own.phase.value}")] if own.phase is not None else []
        if own.own_approved:
            extras.append(md(lang, "home.own_approved"))
        lines.append(Mrkdwn("• ") + kit.join(" · ", [line, *extras]))
    lines += _more_committees(lang, item.test, len(item.committees))
    return kit.lines(lines)


def _consultant_text(lang: str, item: ConsultantTest, tz: ZoneInfo) -> Mrkdwn:
    lines = [_test_heading(item.test), _state_line(lang, item, tz)]
    if item.readiness is not None:
        found = findings(item.readiness)["blockers"]
        if found:
            blockers = finding_lines(
                lang,
                found,
                prefix="blocker",
                submission_deadline=item.test.submission_deadline,
                format_date=lambda when: kit.date(lang, when, tz),
            )
            lines += [md(lang, "home.blockers"), kit.bullets(blockers)]
        else:
            lines.append(md(lang, "home.ready"))
    for committee in item.committees[:MAX_COMMITTEE_LINES]:
        phase = md(lang, f"home.phase.{committee.phase.value}")
        committee_line = md(
            lang, "home.committee_phase", committee=committee.committee, phase=phase
        )
        lines.append(Mrkdwn("• ") + committee_line)
    lines += _more_committees(lang, item.test, len(item.committees))
    if item.unresolved_escalations:
        lines.append(md(lang, "home.escalations", count=item.unresolved_escalations))
    return kit.lines(lines)


def _test_heading(test: Test) -> Mrkdwn:
    heading = kit.bold(test.test_id)
    return heading + " – " + test.title if test.title else heading


def _state_line(lang: str, item: GraderTest | ConsultantTest, tz: ZoneInfo) -> Mrkdwn:
    return md(
        lang,
        "home.state_line",
        state=md(lang, f"home.state.{item.state.value}"),
        deadline=kit.date(lang, item.test.grading_deadline, tz),
    )


def _more_committees(lang: str, test: Test, count: int) -> list[Mrkdwn]:
    hidden = count - MAX_COMMITTEE_LINES
    if hidden <= 0:
        return []
    return [md(lang, "home.more_committees", count=hidden, test=test.test_id)]


def _more(lang: str, count: int) -> Sequence[Block]:
    if not count:
        return []
    return [kit.context(md(lang, "home.more_tests", count=count))]
