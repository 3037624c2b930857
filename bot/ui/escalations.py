"""Escalation messages: the case in a consultant's DM, its notice in the department
channel, and the status lines both show. Buttons carry only the case id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    SectionBlock,
)
from slack_sdk.models.blocks.basic_components import MarkdownTextObject

from bot.diagnosis.access import Finding
from bot.i18n import t
from bot.ui.dates import slack_datetime
from bot.ui.payloads import decode_id
from models.tables import Escalation, EscalationStatus

ACKNOWLEDGE_ACTION = "escalation_acknowledge"
RESOLVE_ACTION = "escalation_resolve"

# A header's plain text may hold at most 150 characters.
_HEADER_LIMIT = 150


def status_line(escalation: Escalation, lang: str, tz: ZoneInfo) -> str:
    if escalation.status == EscalationStatus.resolved:
        return t(
            lang,
            "escalation.status.resolved",
            who=escalation.resolved_by,
            when=_when(escalation.resolved_at, tz),
        )
    if escalation.status == EscalationStatus.acknowledged:
        return t(
            lang,
            "escalation.status.acknowledged",
            who=escalation.acknowledged_by,
            when=_when(escalation.acknowledged_at, tz),
        )
    return t(lang, "escalation.status.open")


def _when(moment: datetime | None, tz: ZoneInfo) -> str:
    return slack_datetime(moment, tz) if moment is not None else "–"


def consultant_finding_text(finding: Finding, lang: str, tz: ZoneInfo) -> str:
    return t(
        lang,
        f"escalation.finding.{finding.kind.value}",
        count=finding.count,
        committees=finding.committees,
        deadline=slack_datetime(finding.when, tz) if finding.when else "",
        address=finding.address or "",
    )


def grader_label(escalation: Escalation) -> str:
    """The grader as consultants see them: a Slack mention, which shows their name."""
    return f"<@{escalation.grader_slack_user}>"


def consultant_message(
    escalation: Escalation, findings: tuple[Finding, ...], lang: str, tz: ZoneInfo
) -> tuple[str, list[dict]]:
    """(fallback text, blocks) of the case in a consultant's (or the exam office's) DM."""
    title = _title(escalation, lang)
    who_key = (
        "escalation.consultant.who" if escalation.test_id else "escalation.consultant.who_no_test"
    )
    who = t(
        lang,
        who_key,
        grader=grader_label(escalation),
        email=escalation.grader_email,
        test=escalation.test_id or "",
    )
    lines = "\n".join(f"• {consultant_finding_text(f, lang, tz)}" for f in findings)
    blocks: list[Block] = [
        HeaderBlock(text=title[:_HEADER_LIMIT]),
        SectionBlock(text=MarkdownTextObject(text=f"{who}\n{lines}")),
    ]
    blocks += _status_and_buttons(escalation, lang, tz)
    return f"{title}: {escalation.grader_email}", [b.to_dict() for b in blocks]


def channel_message(escalation: Escalation, lang: str, tz: ZoneInfo) -> tuple[str, list[dict]]:
    """(fallback text, blocks) of the notice in the department channel: who and which
    test, never the findings (they may be about the person) and never grades."""
    text = t(
        lang,
        "escalation.channel.text",
        grader=escalation.grader_name or grader_label(escalation),
        test=escalation.test_id or "",
    )
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=text))]
    blocks += _status_and_buttons(escalation, lang, tz)
    return _title(escalation, lang), [b.to_dict() for b in blocks]


def _title(escalation: Escalation, lang: str) -> str:
    if escalation.test_id:
        return t(lang, "escalation.consultant.title", test=escalation.test_id)
    return t(lang, "escalation.consultant.title_no_test")


def _status_and_buttons(escalation: Escalation, lang: str, tz: ZoneInfo) -> list[Block]:
    context = [status_line(escalation, lang, tz)]
    if escalation.reraised_at is not None and escalation.status == EscalationStatus.open:
        created = slack_datetime(escalation.created_at, tz)
        context.insert(0, t(lang, "escalation.consultant.reraised", created=created))
    blocks: list[Block] = [
        ContextBlock(elements=[MarkdownTextObject(text=line) for line in context])
    ]
    buttons = []
    if escalation.status == EscalationStatus.open:
        buttons.append(
            _button(ACKNOWLEDGE_ACTION, t(lang, "escalation.button.acknowledge"), escalation)
        )
    if escalation.status != EscalationStatus.resolved:
        buttons.append(_button(RESOLVE_ACTION, t(lang, "escalation.button.resolve"), escalation))
    if buttons:
        blocks.append(ActionsBlock(elements=buttons))
    return blocks


def _button(action_id: str, label: str, escalation: Escalation) -> ButtonElement:
    style = "primary" if action_id == RESOLVE_ACTION else None
    value = EscalationButton(escalation.id).encode() if escalation.id is not None else None
    return ButtonElement(text=label, action_id=action_id, value=value, style=style)


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
