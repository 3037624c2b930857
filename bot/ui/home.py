"""The Home tab's Block Kit: the person's tests (`bot.home.overview`) above the help section."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, SectionBlock
from slack_sdk.models.blocks.basic_components import MarkdownTextObject
from slack_sdk.models.views import View

from bot.home.overview import ConsultantTest, GraderTest, HomeOverview
from bot.i18n import t
from bot.messages import findings
from bot.settings import HelpContacts
from bot.ui.dates import slack_datetime
from bot.ui.gradesheets import escape
from bot.ui.help import help_blocks
from bot.ui.opening import bullets, finding_lines
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
        blocks.append(_section(t(lang, "home.no_tests")))
    blocks += overview_blocks(lang, overview, tz)
    blocks.append(DividerBlock())
    return blocks + help_blocks(lang, contacts)


def overview_blocks(lang: str, overview: HomeOverview, tz: ZoneInfo) -> list[Block]:
    """The person's tests, as on the Home tab and in `/sensur status`."""
    blocks: list[Block] = []
    if overview.grader_tests:
        blocks.append(HeaderBlock(text=t(lang, "home.grader.title")))
        blocks += [_section(_grader_text(lang, item, tz)) for item in overview.grader_tests]
        blocks += _more(lang, overview.more_grader_tests)
    if overview.consultant_tests:
        blocks.append(HeaderBlock(text=t(lang, "home.consultant.title")))
        blocks += [_section(_consultant_text(lang, item, tz)) for item in overview.consultant_tests]
        blocks += _more(lang, overview.more_consultant_tests)
    return blocks


def _grader_text(lang: str, item: GraderTest, tz: ZoneInfo) -> str:
    lines = [_test_heading(item.test), _state_line(lang, item, tz)]
    if not item.committees:
        lines.append(t(lang, "home.no_committee"))
    for own in item.committees[:MAX_COMMITTEE_LINES]:
        line = t(
            lang,
            "home.own_progress",
            committee=escape(own.committee),
            graded=own.graded,
            submitted=own.submitted,
        )
        extras = [t(lang, f"home.phase.{own.phase.value}")] if own.phase is not None else []
        if own.own_approved:
            extras.append(t(lang, "home.own_approved"))
        lines.append("• " + " · ".join([line, *extras]))
    lines += _more_committees(lang, item.test, len(item.committees))
    return "\n".join(lines)


def _consultant_text(lang: str, item: ConsultantTest, tz: ZoneInfo) -> str:
    lines = [_test_heading(item.test), _state_line(lang, item, tz)]
    if item.readiness is not None:
        found = findings(item.readiness)["blockers"]
        if found:
            blockers = finding_lines(
                lang,
                found,
                prefix="blocker",
                submission_deadline=item.test.submission_deadline,
                format_date=lambda when: slack_datetime(when, tz),
            )
            lines += [t(lang, "home.blockers"), bullets(blockers)]
        else:
            lines.append(t(lang, "home.ready"))
    for committee in item.committees[:MAX_COMMITTEE_LINES]:
        phase = t(lang, f"home.phase.{committee.phase.value}")
        lines.append(
            "• "
            + t(lang, "home.committee_phase", committee=escape(committee.committee), phase=phase)
        )
    lines += _more_committees(lang, item.test, len(item.committees))
    if item.unresolved_escalations:
        lines.append(t(lang, "home.escalations", count=item.unresolved_escalations))
    return "\n".join(lines)


def _test_heading(test: Test) -> str:
    heading = f"*{escape(test.test_id)}*"
    return f"{heading} – {escape(test.title)}" if test.title else heading


def _state_line(lang: str, item: GraderTest | ConsultantTest, tz: ZoneInfo) -> str:
    return t(
        lang,
        "home.state_line",
        state=t(lang, f"home.state.{item.state.value}"),
        deadline=slack_datetime(item.test.grading_deadline, tz),
    )


def _more_committees(lang: str, test: Test, count: int) -> list[str]:
    hidden = count - MAX_COMMITTEE_LINES
    if hidden <= 0:
        return []
    return [t(lang, "home.more_committees", count=hidden, test=escape(test.test_id))]


def _more(lang: str, count: int) -> Sequence[Block]:
    if not count:
        return []
    return [
        ContextBlock(elements=[MarkdownTextObject(text=t(lang, "home.more_tests", count=count))])
    ]


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))
