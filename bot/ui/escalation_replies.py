"""What the grader is told after pressing the escalate button."""

from __future__ import annotations

from bot.escalations.requests import Delivery, EscalationOutcome, EscalationRequest
from bot.i18n import t
from bot.settings import Settings
from bot.ui import kit
from bot.ui.escalations import status_line
from bot.ui.kit import Mrkdwn, md


def grader_reply(request: EscalationRequest, lang: str, settings: Settings) -> Mrkdwn:
    """What the grader is told after pressing the escalate button."""
    test = request.test_id or t(lang, "escalation.office_test")
    if request.outcome == EscalationOutcome.unknown_test:
        return md(lang, "escalation.unknown_test", test=request.test_id or "")
    if request.outcome == EscalationOutcome.nothing_to_send:
        return md(lang, "escalation.nothing_to_send", test=test)
    escalation = request.escalation
    if request.outcome == EscalationOutcome.already and escalation is not None:
        return md(
            lang,
            "escalation.already",
            test=test,
            created=kit.date(lang, escalation.created_at, settings.tz),
            status=status_line(escalation, lang, settings.tz),
        )
    if request.delivery is None:
        raise ValueError(f"an escalation request {request.outcome} without its delivery")
    return kit.lines(_sent_lines(request.delivery, lang, settings))


def _sent_lines(delivery: Delivery, lang: str, settings: Settings) -> list[Mrkdwn]:
    lines = []
    if delivery.reached:
        recipients = kit.join(", ", (kit.mention(user_id) for user_id in delivery.reached))
        lines.append(md(lang, "escalation.sent", recipients=recipients))
    if delivery.channel:
        lines.append(md(lang, "escalation.sent.channel", channel=delivery.channel))
    if delivery.unreachable:
        lines.append(
            md(lang, "escalation.sent.unreachable", emails=", ".join(delivery.unreachable))
        )
    if delivery.pending:
        lines.append(md(lang, "escalation.sent.pending", emails=", ".join(delivery.pending)))
    if delivery.fell_back_to_exam_office:
        exam_office = settings.help_contacts.exam_office
        lines.append(md(lang, "escalation.sent.fallback", exam_office=exam_office))
    if not delivery.reached and not delivery.pending:
        emails = ", ".join(delivery.addresses) or settings.help_contacts.login_email
        lines.append(md(lang, "escalation.sent.nobody", emails=emails))
    return lines
