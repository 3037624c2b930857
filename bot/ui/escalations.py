"""Escalation messages: the case in a consultant's DM, its notice in the department
channel, and the status lines both show. Buttons carry only the case id."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block, ButtonElement

from bot.diagnosis.access import Finding, FindingKind
from bot.escalations.cases import graders_of
from bot.i18n import number, t
from bot.ui import kit
from bot.ui.diagnosis import listed
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
            who=_consultant(escalation.resolved_by_user, lang),
            when=kit.date(lang, escalation.resolved_at, tz),
        )
    if (
        escalation.status == EscalationStatus.acknowledged
        and escalation.acknowledged_at is not None
    ):
        return md(
            lang,
            "escalation.status.acknowledged",
            who=_consultant(escalation.acknowledged_by_user, lang),
            when=kit.date(lang, escalation.acknowledged_at, tz),
        )
    return md(lang, "escalation.status.open")


def _consultant(user_id: str | None, lang: str) -> Mrkdwn:
    """Who acted, as a mention (their name in Slack); never their e-mail address."""
    return kit.mention(user_id) if user_id else md(lang, "escalation.someone")


def consultant_finding_text(finding: Finding, lang: str, tz: ZoneInfo) -> Mrkdwn:
    counted = finding.kind == FindingKind.graders_without_committee
    return md(
        lang,
        f"escalation.finding.{finding.kind.value}",
        count=(finding.count or 0) if counted else None,
        candidates=candidate_numbers(finding, lang),
        committees=md(lang, "escalation.committees_without_grader", count=finding.committees or 1),
        deadline=kit.date(lang, finding.when, tz) if finding.when else "",
        address=finding.address or "",
    )


def candidate_numbers(finding: Finding, lang: str) -> Mrkdwn:
    return candidate_list(lang, finding.candidates, finding.count or 0)


def candidate_list(lang: str, candidates: Sequence[str], count: int) -> Mrkdwn:
    """ "10004, 10007 og 3 til": the candidates a readiness blocker names
    (`Blocker.candidates`), then how many more of its `count`; only the count when it names
    none (a case stored before blockers named candidates)."""
    if not candidates:
        return kit.escape(number(lang, count))
    parts = [kit.escape(c) for c in candidates]
    rest = count - len(parts)
    if rest > 0:
        parts.append(md(lang, "escalation.candidates.more", count=rest))
    return listed(lang, parts)


def graders_label(escalation: Escalation, lang: str) -> Mrkdwn:
    """The graders on the case as consultants see them: Slack mentions, which show their
    names."""
    return listed(lang, [kit.mention(g.slack_user) for g in graders_of(escalation)])


def consultant_message(
    escalation: Escalation, findings: tuple[Finding, ...], lang: str, tz: ZoneInfo
) -> kit.Message:
    """The case in a consultant's (or the exam office's) DM."""
    title = _title(escalation, lang)
    who_key = (
        "escalation.consultant.who" if escalation.test_id else "escalation.consultant.who_no_test"
    )
    graders = graders_label(escalation, lang)
    who = md(lang, who_key, graders=graders, test=escalation.test_id or "")
    lines = kit.bullets(consultant_finding_text(f, lang, tz) for f in findings)
    blocks: list[Block] = [kit.header(title), kit.section(kit.lines([who, lines]))]
    blocks += _status_and_buttons(escalation, lang, tz)
    return kit.message(kit.escape(title) + " – " + graders, blocks)


def channel_message(escalation: Escalation, lang: str, tz: ZoneInfo) -> kit.Message:
    """The notice in the department channel: who and which test, never the findings (they
    may be about the person) and never grades."""
    names = [g.name or kit.mention(g.slack_user) for g in graders_of(escalation)]
    text = md(
        lang,
        "escalation.channel.text",
        grader=listed(lang, names),  # every grader on the case
        test=escalation.test_id or "",
    )
    blocks: list[Block] = [kit.section(text)]
    blocks += _status_and_buttons(escalation, lang, tz)
    return kit.message(kit.escape(_title(escalation, lang)), blocks)


def _title(escalation: Escalation, lang: str) -> str:
    """Plain text, for the header (and escaped for the fallback)."""
    if escalation.test_id:
        count = len(graders_of(escalation))
        return t(lang, "escalation.consultant.title", grader_count=count, test=escalation.test_id)
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
