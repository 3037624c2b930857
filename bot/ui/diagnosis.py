"""The reply to `/sensur why`: a `Diagnosis` in the grader's words and language."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    SectionBlock,
)
from slack_sdk.models.blocks.basic_components import MarkdownTextObject

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
from bot.ui.dates import slack_datetime
from bot.ui.help import help_contacts_lines
from bot.ui.payloads import PayloadError

ESCALATE_ACTION = "escalation_send"
EXAM_OFFICE_TARGET = "exam_office"
_TEST_TARGET_PREFIX = "test:"

# Enough to show every test of nearly every grader; Slack takes 50 blocks a message and
# 3000 characters a section.
MAX_TESTS = 8
_MAX_BLOCKS = 50
_MAX_SECTION = 3000

SEVERITY_ICONS = {
    Severity.blocking: ":no_entry:",
    Severity.waiting: ":hourglass_flowing_sand:",
    Severity.attention: ":warning:",
    Severity.fine: ":white_check_mark:",
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


def finding_text(finding: Finding, lang: str, settings: Settings, test_name: str = "") -> str:
    """One finding, addressed to the grader."""
    key = f"why.finding.{finding.kind.value}"
    if finding.kind in COUNTED:
        key += ".one" if finding.count == 1 else ".other"
    contacts = settings.help_contacts
    return t(
        lang,
        key,
        count=finding.count,
        committees=finding.committees,
        deadline=slack_datetime(finding.when, settings.tz) if finding.when else "",
        address=_masked(finding.address),
        university=contacts.university,
        login_name=contacts.login_name,
        login_phone=contacts.login_phone,
        login_email=contacts.login_email,
        inspera_url=contacts.inspera_url,
        test=test_name,
    )


def _masked(address: str | None) -> str:
    return mask_email(address) if address else ""


def why_message(diagnosis: Diagnosis, lang: str, settings: Settings) -> tuple[str, list[dict]]:
    """(fallback text, blocks) for the ephemeral reply."""
    blocks: list[Block] = [HeaderBlock(text=t(lang, "why.title"))]
    blocks += _query_blocks(diagnosis, lang)
    blocks += _person_blocks(diagnosis, lang, settings)
    tail = _help_blocks(lang, settings)
    shown = 0
    for test in diagnosis.tests[:MAX_TESTS]:
        test_blocks = _test_blocks(diagnosis, test, lang, settings)
        # Keep room for the "… and N more" line and the help.
        if len(blocks) + len(test_blocks) + 1 + len(tail) > _MAX_BLOCKS:
            break
        blocks += test_blocks
        shown += 1
    hidden = len(diagnosis.tests) - shown
    if hidden > 0:
        blocks.append(_context(t(lang, "why.more_tests", count=hidden)))
    blocks += tail
    return _fallback_text(diagnosis, lang, settings), [b.to_dict() for b in blocks]


def _fallback_text(diagnosis: Diagnosis, lang: str, settings: Settings) -> str:
    """The title and the most blocking finding, for notifications and screen readers."""
    first = diagnosis.person_findings[:1] or next(
        (test.findings[:1] for test in diagnosis.tests if test.findings), ()
    )
    if not first:
        return t(lang, "why.title")
    return f"{t(lang, 'why.title')} {finding_text(first[0], lang, settings)}"


def _query_blocks(diagnosis: Diagnosis, lang: str) -> list[Block]:
    if diagnosis.query_outcome == QueryOutcome.not_found:
        lead = t(lang, "why.query.not_found", query=diagnosis.query)
    elif diagnosis.query_outcome == QueryOutcome.ambiguous:
        matches = diagnosis.ambiguous_tests
        lead = t(
            lang,
            "why.query.ambiguous",
            query=diagnosis.query,
            tests=", ".join(f"`{m}`" for m in matches),
            example=matches[0],
        )
    else:
        return []
    if diagnosis.tests:
        lead += "\n" + t(lang, "why.query.own_tests")
    return [_section(lead)]


def _person_blocks(diagnosis: Diagnosis, lang: str, settings: Settings) -> list[Block]:
    if not diagnosis.person_findings:
        return []
    lines = [f"*{t(lang, 'why.about_you')}*"]
    lines += [_line(f, lang, settings) for f in diagnosis.person_findings]
    blocks: list[Block] = list(_sections(lines))
    if diagnosis.tests:
        return blocks
    exam_office = settings.help_contacts.exam_office
    if diagnosis.exam_office_escalation_offered:
        blocks.append(_section(t(lang, "why.escalate.office.offer", exam_office=exam_office)))
        blocks.append(_escalate_button(None, t(lang, "why.escalate.office.button")))
    else:
        contacts = settings.help_contacts
        text = t(
            lang,
            "why.no_escalation_contact",
            exam_office=exam_office,
            login_email=contacts.login_email,
        )
        blocks.append(_section(text))
    return blocks


def _test_blocks(
    diagnosis: Diagnosis, test: TestDiagnosis, lang: str, settings: Settings
) -> list[Block]:
    name = test.title or test.course_code
    lines = []
    blockers = [f for f in test.findings if f.kind in COUNTED]
    for finding in test.findings:
        if blockers and finding is blockers[0]:
            lines.append(t(lang, "why.blocked.intro"))
        lines.append(_line(finding, lang, settings, name))
        if blockers and finding is blockers[-1]:
            lines.append(t(lang, "why.blocked.next"))
    if FindingKind.open in test.kinds:
        contacts = settings.help_contacts
        lines.append(
            t(
                lang,
                "why.login_help",
                login_name=contacts.login_name,
                login_phone=contacts.login_phone,
                login_email=contacts.login_email,
            )
        )
    heading = t(lang, "why.test.heading", test_id=test.test_id, title=name)
    blocks: list[Block] = [DividerBlock(), *_sections([f"*{heading}*", *lines])]
    if diagnosis.escalation_offered(test.test_id):
        blocks.append(_context(_consultants_line(test, lang, settings)))
        blocks.append(_section(t(lang, "why.escalate.offer")))
        blocks.append(_escalate_button(test.test_id, t(lang, "why.escalate.button")))
    return blocks


def _consultants_line(test: TestDiagnosis, lang: str, settings: Settings) -> str:
    if not test.consultants:
        return t(lang, "why.test.no_consultants", exam_office=settings.help_contacts.exam_office)
    return t(lang, "why.test.consultants", emails=", ".join(test.consultants))


def _help_blocks(lang: str, settings: Settings) -> list[Block]:
    lines = "\n".join(f"• {line}" for line in help_contacts_lines(lang, settings.help_contacts))
    return [DividerBlock(), _context(f"*{t(lang, 'help.contacts.title')}*\n{lines}")]


def _line(finding: Finding, lang: str, settings: Settings, test_name: str = "") -> str:
    icon = SEVERITY_ICONS[finding.severity]
    return f"{icon} {finding_text(finding, lang, settings, test_name)}"


def _escalate_button(test_id: str | None, label: str) -> ActionsBlock:
    button = ButtonElement(
        text=label,
        action_id=ESCALATE_ACTION,
        value=EscalationTarget(test_id).encode(),
        style="primary",
    )
    return ActionsBlock(elements=[button])


def _sections(lines: list[str]) -> list[SectionBlock]:
    """The lines in as few sections as Slack's length limit allows."""
    sections, current = [], ""
    for line in lines:
        line = line[:_MAX_SECTION]
        if current and len(current) + 1 + len(line) > _MAX_SECTION:
            sections.append(_section(current))
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        sections.append(_section(current))
    return sections


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text)])
