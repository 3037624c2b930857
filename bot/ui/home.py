"""The Home tab's Block Kit: what waits for the person first (with the buttons to act), then
their tests (`bot.home.overview`) with whose turn it is, then three lines of help with the
Help button and the language switch.

Buttons: "Last ned karakterark" and "Åpne for vurdering" carry the test id (the opened
notice's `NoticeButton` codec) under action ids of their own, since a Home tab has no
`response_url` to answer in; "Godkjenn egen sensur" is the approval prompt's own button
(`ACTION_APPROVE_OWN`, the prompt's id), so pressing it here is pressing the prompt.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block, ButtonElement
from slack_sdk.models.views import View

from bot.exams.phase import TestState
from bot.home.overview import (
    ActionItem,
    ActionKind,
    ConsultantTest,
    GraderTest,
    HomeOverview,
    Turn,
)
from bot.i18n import format_list, t
from bot.messages import findings
from bot.settings import HelpContacts
from bot.ui import kit
from bot.ui.approvals import ACTION_APPROVE_OWN, PromptButton
from bot.ui.explanations import explanation_blocks
from bot.ui.help import Audience
from bot.ui.kit import Mrkdwn, escape, md
from bot.ui.language import switch_button
from bot.ui.opening import finding_lines
from bot.ui.outgoing import NoticeButton
from models.tables import MarkingMode, Test

HOME_TEMPLATE_ACTION = "home.template"
HOME_OPEN_ACTION = "home.open"
HOME_HELP_ACTION = "home.help"

# A consultant's test can have many committees; a section holds at most 3000 characters.
MAX_COMMITTEE_LINES = 10
MAX_ACTIONS = 10  # "needs your action" items shown; the rest are in the lists below
HELP_LINES = 3
GRADER_HELP = ("grade_sheet", "why")
CONSULTANT_HELP = ("open", "export")
COMMON_HELP = ("status",)


def home_view(
    lang: str,
    overview: HomeOverview,
    contacts: HelpContacts,
    tz: ZoneInfo,
    audience: Audience,
    done: Mrkdwn | None = None,
) -> View:
    """The Home tab; `done` says what the person's last press on it did."""
    return View(type="home", blocks=home_blocks(lang, overview, tz, audience, done))


def home_blocks(
    lang: str,
    overview: HomeOverview,
    tz: ZoneInfo,
    audience: Audience,
    done: Mrkdwn | None = None,
) -> list[Block]:
    blocks: list[Block] = [kit.section(done)] if done else []
    if overview.empty:
        blocks.append(kit.section(md(lang, "home.no_tests")))
    else:
        blocks += action_blocks(lang, overview.actions, tz)
    blocks += overview_blocks(lang, overview, tz)
    blocks.append(kit.divider())
    return blocks + short_help_blocks(lang, audience)


# -- needs your action --------------------------------------------------------------------


def action_blocks(lang: str, actions: Sequence[ActionItem], tz: ZoneInfo) -> list[Block]:
    blocks: list[Block] = [kit.header(t(lang, "home.actions.title"))]
    if not actions:
        return blocks + [kit.context(md(lang, "home.actions.none"))]
    for item in actions[:MAX_ACTIONS]:
        text = kit.lines([_action_heading(lang, item.test, tz), _action_text(lang, item)])
        blocks.append(kit.section(text, accessory=_action_button(lang, item)))
    hidden = len(actions) - MAX_ACTIONS
    if hidden > 0:
        blocks.append(kit.context(md(lang, "home.actions.more", count=hidden)))
    return blocks


def _action_heading(lang: str, test: Test, tz: ZoneInfo) -> Mrkdwn:
    return md(
        lang,
        "home.action.heading",
        test=_test_heading(test),
        deadline=kit.deadline(lang, test.grading_deadline, tz),
    )


def _action_text(lang: str, item: ActionItem) -> Mrkdwn:
    committees = _committees(lang, item.committees)
    key = f"home.action.{item.kind.value}"
    if item.kind == ActionKind.approve_own and item.prompt_id is None:
        key = "home.action.approve_own_in_dm"
    if item.kind == ActionKind.grade and item.test.marking_mode == MarkingMode.shared:
        key = "home.action.grade_shared"  # the committee's grades, whoever gives them
    params: dict[str, object] = {"committees": committees}
    if item.kind in (ActionKind.grade, ActionKind.fix_setup, ActionKind.escalations):
        params["count"] = item.count
    if key == "home.action.approve_own_in_dm":
        params["test"] = item.test.test_id
    return md(lang, key, **params)


def _committees(lang: str, committees: Sequence[str]) -> Mrkdwn:
    """ "Kommisjon 1" or "Kommisjon 1 og 2" / "Committees 1 and 2": a name, or a list of
    names; no number is shown, so this is not a plural form of the catalog."""
    if len(committees) == 1:
        return md(lang, "home.action.committee", committee=committees[0])
    listed = Mrkdwn(format_list(lang, [escape(c) for c in committees]))
    return md(lang, "home.action.committees", committees=listed)


def _action_button(lang: str, item: ActionItem) -> ButtonElement | None:
    test_id = NoticeButton(item.test.test_id).encode()
    if item.kind == ActionKind.grade:
        return kit.button(t(lang, "home.button.template"), HOME_TEMPLATE_ACTION, test_id)
    if item.kind == ActionKind.approve_own and item.prompt_id is not None:
        value = PromptButton(item.prompt_id).encode()
        return kit.button(t(lang, "home.button.approve_own"), ACTION_APPROVE_OWN, value, "primary")
    if item.kind == ActionKind.open_test:
        confirm = kit.confirmation(
            t(lang, "home.open.confirm.title"),
            md(lang, "home.open.confirm.text", test=item.test.test_id),
            t(lang, "home.open.confirm.yes"),
            t(lang, "home.open.confirm.no"),
        )
        return kit.button(
            t(lang, "home.button.open"), HOME_OPEN_ACTION, test_id, "primary", confirm=confirm
        )
    return None


# -- the person's tests -------------------------------------------------------------------


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
    return blocks + explanation_blocks(lang, overview.explanations, tz)


def turn_text(lang: str, turn: Turn) -> Mrkdwn | None:
    """ "venter på deg" / "venter på Kari Nordmann og Per Hansen", or None for nobody."""
    if turn.nobody:
        return None
    others = [escape(name) for name in turn.names]
    if turn.unnamed:
        others.append(md(lang, "home.turn.unnamed", count=turn.unnamed))
    if not others:
        return md(lang, "home.turn.you")
    listed = Mrkdwn(format_list(lang, others))
    return md(lang, "home.turn.you_and_others" if turn.you else "home.turn.others", others=listed)


def _grader_text(lang: str, item: GraderTest, tz: ZoneInfo) -> Mrkdwn:
    lines = [_test_heading(item.test), _state_line(lang, item, tz)]
    if not item.committees:
        lines.append(md(lang, "home.no_committee"))
    for own in item.committees[:MAX_COMMITTEE_LINES]:
        line = md(
            lang,
            "home.own_progress",
            committee=own.committee,
            graded_count=own.graded,
            submitted_count=own.submitted,
        )
        extras = [md(lang, f"home.phase.{own.phase.value}")] if own.phase is not None else []
        if own.own_approved:
            extras.append(md(lang, "home.own_approved"))
        turn = turn_text(lang, own.turn)
        if turn is not None:
            extras.append(turn)
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
            # Once open, the only blockers listed are a complaint committee's.
            opened = item.state in (TestState.open, TestState.graded, TestState.transferred)
            heading = "complaint_round.home.blockers" if opened else "home.blockers"
            lines += [md(lang, heading), kit.bullets(blockers)]
        else:
            lines.append(md(lang, "home.ready"))
    for committee in item.committees[:MAX_COMMITTEE_LINES]:
        phase = md(lang, f"home.phase.{committee.phase.value}")
        committee_line = md(
            lang, "home.committee_phase", committee=committee.committee, phase=phase
        )
        turn = turn_text(lang, committee.turn)
        parts = [committee_line] if turn is None else [committee_line, turn]
        lines.append(Mrkdwn("• ") + kit.join(" · ", parts))
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
        deadline=kit.deadline(lang, item.test.grading_deadline, tz),
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


# -- help ---------------------------------------------------------------------------------


def short_help_blocks(lang: str, audience: Audience) -> list[Block]:
    """Three lines of help for the reader's roles, the Help button and the language switch."""
    keys = GRADER_HELP * audience.grader + CONSULTANT_HELP * audience.consultant + COMMON_HELP
    lines = [md(lang, f"home.help.{key}") for key in keys[:HELP_LINES]]
    help_button = kit.button(t(lang, "home.button.help"), HOME_HELP_ACTION, "help")
    return [kit.context(*lines), kit.actions(help_button, switch_button(lang))]
