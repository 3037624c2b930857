"""The reply to `/sensur why`: a `Diagnosis` in the grader's words and language."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.models.blocks import ActionsBlock, Block

from bot.diagnosis.access import (
    Diagnosis,
    Finding,
    FindingKind,
    QueryOutcome,
    Severity,
    TestDiagnosis,
    mask_email,
)
from bot.i18n import t
from bot.settings import Settings
from bot.ui import kit
from bot.ui.help import help_contacts_lines
from bot.ui.kit import Mrkdwn, md
from bot.ui.payloads import PayloadError

ESCALATE_ACTION = "escalation_send"
EXAM_OFFICE_TARGET = "exam_office"
_TEST_TARGET_PREFIX = "test:"

# Enough to show every test of nearly every grader within Slack's blocks per message.
MAX_TESTS = 8

SEVERITY_ICONS = {
    Severity.blocking: Mrkdwn(":no_entry:"),
    Severity.waiting: Mrkdwn(":hourglass_flowing_sand:"),
    Severity.attention: Mrkdwn(":warning:"),
    Severity.fine: Mrkdwn(":white_check_mark:"),
}
COUNTED = {
    FindingKind.graders_without_committee,
    FindingKind.candidates_without_committee,
    FindingKind.candidates_without_grader,
    FindingKind.candidates_open_for_redelivery,
}


@dataclass(frozen=True)
class EscalationTarget:
    """The escalate button's value: `test:<test id>`, or `exam_office`. Nothing else."""

    test_id: str | None  # None: the exam office

    def encode(self) -> str:
        return f"{_TEST_TARGET_PREFIX}{self.test_id}" if self.test_id else EXAM_OFFICE_TARGET

    @classmethod
    def decode(cls, value: str) -> EscalationTarget:
        if value == EXAM_OFFICE_TARGET:
            return cls(None)
        if value.startswith(_TEST_TARGET_PREFIX) and len(value) > len(_TEST_TARGET_PREFIX):
            return cls(value[len(_TEST_TARGET_PREFIX) :])
        raise PayloadError("escalation target", value)


def finding_text(finding: Finding, lang: str, settings: Settings, test_name: str = "") -> Mrkdwn:
    """One finding, addressed to the grader."""
    key = f"why.finding.{finding.kind.value}"
    if finding.kind in COUNTED:
        key += ".one" if finding.count == 1 else ".other"
    contacts = settings.help_contacts
    return md(
        lang,
        key,
        count=finding.count,
        committees=finding.committees,
        deadline=kit.date(lang, finding.when, settings.tz) if finding.when else "",
        address=_masked(finding.address),
        university=contacts.university,
        login_name=contacts.login_name,
        login_phone=contacts.login_phone,
        login_email=contacts.login_email,
        inspera_url=contacts.inspera_url,
        test=test_name,
    )


def _masked(address: str | None) -> Mrkdwn:
    """The masked address with its stars as stars: they are ours, the rest is escaped."""
    if not address:
        return Mrkdwn("")
    return kit.join("***", mask_email(address).split("***", 1))


def why_message(diagnosis: Diagnosis, lang: str, settings: Settings) -> kit.Message:
    """The ephemeral reply."""
    blocks: list[Block] = [kit.header(t(lang, "why.title"))]
    blocks += _query_blocks(diagnosis, lang)
    blocks += _person_blocks(diagnosis, lang, settings)
    tail = _help_blocks(lang, settings)
    shown = 0
    for test in diagnosis.tests[:MAX_TESTS]:
        test_blocks = _test_blocks(diagnosis, test, lang, settings)
        # Keep room for the "… and N more" line and the help.
        if len(blocks) + len(test_blocks) + 1 + len(tail) > kit.MAX_BLOCKS:
            break
        blocks += test_blocks
        shown += 1
    hidden = len(diagnosis.tests) - shown
    if hidden > 0:
        blocks.append(kit.context(md(lang, "why.more_tests", count=hidden)))
    blocks += tail
    return kit.message(_fallback_text(diagnosis, lang, settings), blocks)


def _fallback_text(diagnosis: Diagnosis, lang: str, settings: Settings) -> Mrkdwn:
    """The title and the most blocking finding, for notifications and screen readers."""
    first = diagnosis.person_findings[:1] or next(
        (test.findings[:1] for test in diagnosis.tests if test.findings), ()
    )
    if not first:
        return md(lang, "why.title")
    return md(lang, "why.title") + " " + finding_text(first[0], lang, settings)


def _query_blocks(diagnosis: Diagnosis, lang: str) -> list[Block]:
    if diagnosis.query_outcome == QueryOutcome.not_found:
        lead = md(lang, "why.query.not_found", query=diagnosis.query or "")
    elif diagnosis.query_outcome == QueryOutcome.ambiguous:
        matches = diagnosis.ambiguous_tests
        lead = md(
            lang,
            "why.query.ambiguous",
            query=diagnosis.query or "",
            tests=kit.join(", ", (kit.code(m) for m in matches)),
            example=matches[0],
        )
    else:
        return []
    if diagnosis.tests:
        lead += Mrkdwn("\n") + md(lang, "why.query.own_tests")
    return [kit.section(lead)]


def _person_blocks(diagnosis: Diagnosis, lang: str, settings: Settings) -> list[Block]:
    if not diagnosis.person_findings:
        return []
    lines = [kit.bold(md(lang, "why.about_you"))]
    lines += [_line(f, lang, settings) for f in diagnosis.person_findings]
    blocks: list[Block] = kit.sections(lines)
    if diagnosis.tests:
        return blocks
    exam_office = settings.help_contacts.exam_office
    if diagnosis.exam_office_escalation_offered:
        blocks.append(kit.section(md(lang, "why.escalate.office.offer", exam_office=exam_office)))
        blocks.append(_escalate_button(None, t(lang, "why.escalate.office.button")))
    else:
        contacts = settings.help_contacts
        text = md(
            lang,
            "why.no_escalation_contact",
            exam_office=exam_office,
            login_email=contacts.login_email,
        )
        blocks.append(kit.section(text))
    return blocks


def _test_blocks(
    diagnosis: Diagnosis, test: TestDiagnosis, lang: str, settings: Settings
) -> list[Block]:
    name = test.title or test.course_code
    lines = []
    blockers = [f for f in test.findings if f.kind in COUNTED]
    for finding in test.findings:
        if blockers and finding is blockers[0]:
            lines.append(md(lang, "why.blocked.intro"))
        lines.append(_line(finding, lang, settings, name))
        if blockers and finding is blockers[-1]:
            lines.append(md(lang, "why.blocked.next"))
    if FindingKind.open in test.kinds:
        contacts = settings.help_contacts
        lines.append(
            md(
                lang,
                "why.login_help",
                login_name=contacts.login_name,
                login_phone=contacts.login_phone,
                login_email=contacts.login_email,
            )
        )
    heading = md(lang, "why.test.heading", test_id=test.test_id, title=name)
    blocks: list[Block] = [kit.divider(), *kit.sections([kit.bold(heading), *lines])]
    if diagnosis.escalation_offered(test.test_id):
        blocks.append(kit.context(_consultants_line(test, lang, settings)))
        blocks.append(kit.section(md(lang, "why.escalate.offer")))
        blocks.append(_escalate_button(test.test_id, t(lang, "why.escalate.button")))
    return blocks


def _consultants_line(test: TestDiagnosis, lang: str, settings: Settings) -> Mrkdwn:
    if not test.consultants:
        return md(lang, "why.test.no_consultants", exam_office=settings.help_contacts.exam_office)
    return md(lang, "why.test.consultants", emails=", ".join(test.consultants))


def _help_blocks(lang: str, settings: Settings) -> list[Block]:
    lines = kit.bullets(help_contacts_lines(lang, settings.help_contacts))
    title = kit.bold(md(lang, "help.contacts.title"))
    return [kit.divider(), kit.context(kit.lines([title, lines]))]


def _line(finding: Finding, lang: str, settings: Settings, test_name: str = "") -> Mrkdwn:
    icon = SEVERITY_ICONS[finding.severity]
    return icon + " " + finding_text(finding, lang, settings, test_name)


def _escalate_button(test_id: str | None, label: str) -> ActionsBlock:
    value = EscalationTarget(test_id).encode()
    return kit.actions(kit.button(label, ESCALATE_ACTION, value, "primary"))
