"""Escalation messages: the case in a consultant's DM, its notice in the department
channel, and the status lines both show. Buttons carry only the case id."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block, ButtonElement

from bot.diagnosis.access import Finding
from bot.i18n import t
from bot.ui import kit
from bot.ui.kit import Mrkdwn, md
from bot.ui.payloads import decode_id
from models.tables import Escalation, EscalationStatus, stored_id

ACKNOWLEDGE_ACTION = "escalation_acknowledge"
RESOLVE_ACTION = "escalation_resolve"


def status_line(escalation: Escalation, lang: str, tz: ZoneInfo) -> Mrkdwn:
    if escalation.status == EscalationStatus.resolved and escalation.resolved_at is not None:
        return md(
            lang,
            "escalation.status.resolved",
            who=escalation.resolved_by or "",
            when=kit.date(lang, escalation.resolved_at, tz),
        )
    if (
        escalation.status == EscalationStatus.acknowledged
        and escalation.acknowledged_at is not None
    ):
        return md(
            lang,
            "escalation.status.acknowledged",
            who=escalation.acknowledged_by or "",
            when=kit.date(lang, escalation.acknowledged_at, tz),
        )
    return md(lang, "escalation.status.open")


def consultant_finding_text(finding: Finding, lang: str, tz: ZoneInfo) -> Mrkdwn:
    return md(
        lang,
        f"escalation.finding.{finding.kind.value}",
        count=finding.count,
        committees=finding.committees,
        deadline=kit.date(lang, finding.when, tz) if finding.when else "",
        address=finding.address or "",
    )


def grader_label(escalation: Escalation) -> Mrkdwn:
    """The grader as consultants see them: a Slack mention, which shows their name."""
    return kit.mention(escalation.grader_slack_user)


def consultant_message(
    escalation: Escalation, findings: tuple[Finding, ...], lang: str, tz: ZoneInfo
) -> kit.Message:
    """The case in a consultant's (or the exam office's) DM."""
    title = _title(escalation, lang)
    who_key = (
        "escalation.consultant.who" if escalation.test_id else "escalation.consultant.who_no_test"
    )
    who = md(
        lang,
        who_key,
        grader=grader_label(escalation),
        email=escalation.grader_email,
        test=escalation.test_id or "",
    )
    lines = kit.bullets(consultant_finding_text(f, lang, tz) for f in findings)
    blocks: list[Block] = [kit.header(title), kit.section(kit.lines([who, lines]))]
    blocks += _status_and_buttons(escalation, lang, tz)
    return kit.message(kit.join(": ", [title, escalation.grader_email]), blocks)


def channel_message(escalation: Escalation, lang: str, tz: ZoneInfo) -> kit.Message:
    """The notice in the department channel: who and which test, never the findings (they
    may be about the person) and never grades."""
    text = md(
        lang,
        "escalation.channel.text",
        grader=escalation.grader_name or grader_label(escalation),
        test=escalation.test_id or "",
    )
    blocks: list[Block] = [kit.section(text)]
    blocks += _status_and_buttons(escalation, lang, tz)
    return kit.message(kit.escape(_title(escalation, lang)), blocks)


def _title(escalation: Escalation, lang: str) -> str:
    """Plain text, for the header (and escaped for the fallback)."""
    if escalation.test_id:
        return t(lang, "escalation.consultant.title", test=escalation.test_id)
    return t(lang, "escalation.consultant.title_no_test")


def _status_and_buttons(escalation: Escalation, lang: str, tz: ZoneInfo) -> list[Block]:
    context = [status_line(escalation, lang, tz)]
    if escalation.reraised_at is not None and escalation.status == EscalationStatus.open:
        created = kit.date(lang, escalation.created_at, tz)
        context.insert(0, md(lang, "escalation.consultant.reraised", created=created))
    blocks: list[Block] = [kit.context(*context)]
    buttons = []
    if escalation.status == EscalationStatus.open:
        buttons.append(
            _button(ACKNOWLEDGE_ACTION, t(lang, "escalation.button.acknowledge"), escalation)
        )
    if escalation.status != EscalationStatus.resolved:
        buttons.append(_button(RESOLVE_ACTION, t(lang, "escalation.button.resolve"), escalation))
    if buttons:
        blocks.append(kit.actions(*buttons))
    return blocks


def _button(action_id: str, label: str, escalation: Escalation) -> ButtonElement:
    style = "primary" if action_id == RESOLVE_ACTION else None
    return kit.button(label, action_id, EscalationButton(stored_id(escalation)).encode(), style)


@dataclass(frozen=True)
class EscalationButton:
    """Acknowledge's and Resolved's value: the case's id (who may act is read from the
    store)."""

    escalation_id: int

    def encode(self) -> str:
        return str(self.escalation_id)

    @classmethod
    def decode(cls, value: str) -> EscalationButton:
        return cls(decode_id("escalation", value))
