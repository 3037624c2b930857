"""What the grader is told: after pressing the escalate button, and when a consultant took
up or resolved their case (after Resolved, how their access really stands now)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from bot.diagnosis.access import Finding, FindingKind
from bot.escalations.requests import Delivery, EscalationOutcome, EscalationRequest
from bot.i18n import t
from bot.settings import Settings
from bot.ui import kit
from bot.ui.diagnosis import finding_text, icon_of, listed
from bot.ui.escalations import status_line
from bot.ui.kit import Mrkdwn, md
from models.tables import Escalation

# After Resolved, when nothing blocks any more: the state said, the first that applies.
_RECHECK_STATES = {
    FindingKind.open: "escalation.recheck.open",
    FindingKind.awaiting_opening: "escalation.recheck.awaiting_opening",
    FindingKind.deadline_not_passed: "escalation.recheck.deadline_not_passed",
}
_CASE_KEYS = {
    EscalationOutcome.already: "escalation.already",
    EscalationOutcome.joined: "escalation.joined",
}
SENT_ICON = Mrkdwn(":white_check_mark:")
NOT_SENT_ICON = Mrkdwn(":information_source:")


def grader_reply(request: EscalationRequest, lang: str, settings: Settings) -> Mrkdwn:
    """What the grader is told after pressing the escalate button."""
    test = request.test_id or t(lang, "escalation.office_test")
    if request.outcome == EscalationOutcome.unknown_test:
        return md(lang, "escalation.unknown_test", test=request.test_id or "")
    if request.outcome == EscalationOutcome.nothing_to_send:
        return md(lang, "escalation.nothing_to_send", test=test)
    escalation = request.escalation
    if request.outcome in _CASE_KEYS and escalation is not None:
        key = _CASE_KEYS[request.outcome]
        return md(
            lang,
            key,
            test=test,
            created=kit.date(lang, escalation.created_at, settings.tz),
            status=status_line(escalation, lang, settings.tz),
        )
    if request.delivery is None:
        raise ValueError(f"an escalation request {request.outcome} without its delivery")
    return kit.lines(_sent_lines(request.delivery, lang, settings))


def sent_note(request: EscalationRequest, lang: str, settings: Settings) -> Mrkdwn:
    """What replaces the escalate button in the answer it was pressed in."""
    sent = request.outcome != EscalationOutcome.nothing_to_send
    return (SENT_ICON if sent else NOT_SENT_ICON) + " " + grader_reply(request, lang, settings)


def _sent_lines(delivery: Delivery, lang: str, settings: Settings) -> list[Mrkdwn]:
    lines = []
    if delivery.reached:
        recipients = listed(lang, [kit.mention(user_id) for user_id in delivery.reached])
        lines.append(md(lang, "escalation.sent", recipients=recipients))
    if delivery.channel:
        lines.append(md(lang, "escalation.sent.channel", channel=delivery.channel))
    # Only e-mail addresses are known of people Slack does not have.
    if delivery.unreachable:
        emails = listed(lang, list(delivery.unreachable))
        lines.append(md(lang, "escalation.sent.unreachable", emails=emails))
    if delivery.pending:
        lines.append(md(lang, "escalation.sent.pending", emails=listed(lang, delivery.pending)))
    if delivery.fell_back_to_exam_office:
        exam_office = settings.help_contacts.exam_office
        lines.append(md(lang, "escalation.sent.fallback", exam_office=exam_office))
    if not delivery.reached and not delivery.pending:
        addresses = list(delivery.addresses) or [settings.help_contacts.login_email]
        lines.append(md(lang, "escalation.sent.nobody", emails=listed(lang, addresses)))
    return lines


def case_news(
    case: Escalation,
    params: Mapping[str, Any],
    lang: str,
    settings: Settings,
    tz: ZoneInfo | None = None,
) -> kit.Message:
    """To a grader on the case: a consultant took it up or resolved it; after Resolved, how
    it stands now (`params["still"]`, `params["state"]`, worked out when it was resolved),
    dates on the reader's clock (`tz`, else the configured zone)."""
    test = case.test_id or t(lang, "escalation.office_test")
    done = params["done"]  # acknowledged or resolved
    news = md(lang, f"escalation.grader.{done}", who=kit.mention(params["who"]), test=test)
    if done != "resolved":
        return kit.text_message(news)
    lines = [news, *_recheck_lines(case, params, lang, settings, tz or settings.tz)]
    return kit.message(kit.join(" ", lines[:2]), kit.sections(lines))


def _recheck_lines(
    case: Escalation, params: Mapping[str, Any], lang: str, settings: Settings, tz: ZoneInfo
) -> list[Mrkdwn]:
    if "still" not in params:  # resolved before the bot checked again on Resolved
        return [md(lang, "escalation.recheck.unknown")]
    still = [Finding.from_json(item) for item in params["still"]]
    if still:
        again = md(lang, "escalation.recheck.again", test=case.test_id or "")
        lines = [icon_of(f) + " " + finding_text(f, lang, settings, tz=tz) for f in still]
        return [md(lang, "escalation.recheck.still"), kit.bullets(lines), again]
    state = set(params.get("state") or [])
    key = next(
        (key for kind, key in _RECHECK_STATES.items() if kind.value in state),
        "escalation.recheck.clear",
    )
    return [md(lang, key)]
