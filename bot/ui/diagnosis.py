"""The reply to `/sensur why`: a `Diagnosis` in the grader's words and language.

It leads with the good news: with several tests, one line per test first (open ones first,
then those waiting, then those that need something fixed), the details after it; within a
test, its state first and what needs checking after. Normal waiting has a calm icon. The
fallback text names each test, so a notification or screen reader says as much.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import ActionsBlock, Block

from bot.diagnosis.access import (
    Diagnosis,
    Finding,
    FindingKind,
    QueryOutcome,
    Severity,
    TestDiagnosis,
)
from bot.i18n import format_list, t
from bot.inspera.differences import committee_display
from bot.people.addresses import mask_address
from bot.settings import Settings
from bot.ui import kit
from bot.ui.help import help_contacts_lines
from bot.ui.kit import Mrkdwn, md
from bot.ui.payloads import PayloadError

ESCALATE_ACTION = "escalation_send"
EXAM_OFFICE_TARGET = "exam_office"
_TEST_TARGET_PREFIX = "test:"

# Up to this many tests every test is shown in full; with more, one line per test and the
# full answer only for tests where something needs doing.
DETAILED_TESTS = 3

SEVERITY_ICONS = {
    Severity.blocking: Mrkdwn(":no_entry:"),
    Severity.waiting: Mrkdwn(":hourglass_flowing_sand:"),
    Severity.attention: Mrkdwn(":warning:"),
    Severity.fine: Mrkdwn(":white_check_mark:"),
}
# The test's own preparation, which the consultant is doing: not the grader's problem.
PREPARATION_ICON = Mrkdwn(":construction:")
COUNTED = {
    FindingKind.graders_without_committee,
    FindingKind.candidates_without_committee,
    FindingKind.candidates_without_grader,
    FindingKind.candidates_open_for_redelivery,
}
# Within a test: its state first (the good news, or that it waits), then what to check.
_SHOWN_FIRST = {Severity.fine: 0, Severity.waiting: 1}


class TestSummary(StrEnum):
    """A test's state in one line, in the order the lines are shown."""

    open = "open"
    waiting = "waiting"  # the submission deadline has not passed
    awaiting_opening = "awaiting_opening"
    blocked = "blocked"  # the consultant must fix something before it opens
    not_on_test = "not_on_test"

    __test__ = False  # not a pytest test class


_SUMMARY_KEYS = {
    TestSummary.open: "why.summary.open",
    TestSummary.waiting: "why.summary.waiting",
    TestSummary.awaiting_opening: "why.summary.awaiting_opening",
    TestSummary.blocked: "why.summary.blocked",
    TestSummary.not_on_test: "why.summary.not_on_test",
}
_SUMMARY_ICONS = {
    TestSummary.open: SEVERITY_ICONS[Severity.fine],
    TestSummary.waiting: SEVERITY_ICONS[Severity.waiting],
    TestSummary.awaiting_opening: SEVERITY_ICONS[Severity.waiting],
    TestSummary.blocked: PREPARATION_ICON,
    TestSummary.not_on_test: SEVERITY_ICONS[Severity.blocking],
}


def summary_of(test: TestDiagnosis) -> TestSummary:
    kinds = set(test.kinds)
    if FindingKind.not_on_test in kinds:
        return TestSummary.not_on_test
    if FindingKind.open in kinds:
        return TestSummary.open
    if kinds & COUNTED:
        return TestSummary.blocked
    if FindingKind.awaiting_opening in kinds:
        return TestSummary.awaiting_opening
    return TestSummary.waiting


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


def listed(lang: str, parts: Sequence[str]) -> Mrkdwn:
    """ "a, b og c" / "a, b and c" of mrkdwn parts (outside text in them escaped)."""
    return Mrkdwn(format_list(lang, [kit.as_mrkdwn(part) for part in parts]))


def finding_text(
    finding: Finding,
    lang: str,
    settings: Settings,
    test_name: str = "",
    *,
    tz: ZoneInfo | None = None,
) -> Mrkdwn:
    """One finding, addressed to the grader; its date on the reader's clock (`tz`, else the
    configured zone)."""
    contacts = settings.help_contacts
    counted = finding.kind in COUNTED or finding.kind == FindingKind.complaint_candidates
    when = kit.date(lang, finding.when, tz or settings.tz) if finding.when else ""
    return md(
        lang,
        f"why.finding.{finding.kind.value}",
        count=(finding.count or 0) if counted else None,
        committees=md(lang, "why.committees_without_grader", count=finding.committees or 1),
        deadline=when,
        read=when,
        inspera_committees=inspera_committees(lang, finding.names),
        address=_address(finding),
        university=contacts.university,
        login_name=contacts.login_name,
        login_phone=contacts.login_phone,
        login_email=contacts.login_email,
        inspera_url=contacts.inspera_url,
        activation_url=contacts.activation_url or contacts.inspera_url,
        test=test_name,
        candidates=listed(lang, finding.candidates),
    )


def inspera_committees(lang: str, names: Sequence[str]) -> Mrkdwn:
    """Inspera's committee names as the grader reads them: "kommisjon 1 og kommisjon 2"
    (Inspera's "Kommisjon 1" is "1"), or "ingen kommisjon"."""
    if not names:
        return md(lang, "inspera.no_committee")
    shown = [md(lang, "inspera.committee", committee=committee_display(n)) for n in names]
    return listed(lang, shown)


def _address(finding: Finding) -> Mrkdwn:
    """The person's own address as they gave it to Slack; an invitation address masked."""
    if not finding.address:
        return Mrkdwn("")
    if finding.kind == FindingKind.not_registered:
        return kit.escape(finding.address)
    return kit.escape(mask_address(finding.address))


def why_message(
    diagnosis: Diagnosis,
    lang: str,
    settings: Settings,
    *,
    consultants: Mapping[str, str | None] | None = None,
    sent: Mapping[str | None, Mrkdwn] | None = None,
) -> kit.Message:
    """The ephemeral reply. `consultants` maps a consultant's e-mail to their Slack user
    (None: not in Slack) so they are named by mention; `sent` holds, per test id (None: the
    exam office), what became of a case already sent from this answer, shown instead of
    its button."""
    view = _View(diagnosis, lang, settings, consultants or {}, sent or {})
    return view.message()


@dataclass(frozen=True)
class _View:
    diagnosis: Diagnosis
    lang: str
    settings: Settings
    consultants: Mapping[str, str | None]
    sent: Mapping[str | None, Mrkdwn]

    def message(self) -> kit.Message:
        tests = self.tests_in_order()
        blocks: list[Block] = [kit.header(t(self.lang, "why.title"))]
        blocks += self.query_blocks()
        detailed = tests
        if len(tests) > 1:
            blocks += kit.sections([self.summary_line(test) for test in tests])
            if len(tests) > DETAILED_TESTS:
                detailed = tuple(test for test in tests if self.needs_doing(test))
        single = tests[0] if len(tests) == 1 else None
        if single is not None:
            blocks += self.test_blocks(single, with_escalation=False)
        blocks += self.person_blocks()
        if single is not None:
            blocks += self.escalation_blocks(single)
            detailed = ()
        tail = self.help_blocks()
        shown = 0
        for test in detailed:
            test_blocks = self.test_blocks(test)
            # Keep room for the "… and N more" line and the help.
            if len(blocks) + len(test_blocks) + 1 + len(tail) > kit.MAX_BLOCKS:
                break
            blocks += test_blocks
            shown += 1
        hidden = len(detailed) - shown
        if hidden > 0:
            blocks.append(kit.context(md(self.lang, "why.more_tests", count=hidden)))
        blocks += tail
        return kit.message(self.fallback_text(tests), blocks)

    def tests_in_order(self) -> tuple[TestDiagnosis, ...]:
        """Good news first; among equals, the diagnosis's order (the latest exam first)."""
        order = list(TestSummary)
        return tuple(sorted(self.diagnosis.tests, key=lambda test: order.index(summary_of(test))))

    def needs_doing(self, test: TestDiagnosis) -> bool:
        findings = test.findings
        troubled = any(f.severity in (Severity.blocking, Severity.attention) for f in findings)
        return troubled or self.diagnosis.escalation_offered(test.test_id)

    def fallback_text(self, tests: Sequence[TestDiagnosis]) -> Mrkdwn:
        """The title and each test's state (or the person's first finding when no test is
        concerned), for notifications and screen readers."""
        title = md(self.lang, "why.title")
        if tests:
            return title + " " + kit.join("; ", (self.summary_text(test) for test in tests))
        first = self.diagnosis.person_findings[:1]
        if not first:
            return title
        return title + " " + finding_text(first[0], self.lang, self.settings)

    def summary_text(self, test: TestDiagnosis) -> Mrkdwn:
        name = md(self.lang, "why.test.heading", test_id=test.test_id, title=_name(test))
        deadline = kit.date(self.lang, test.submission_deadline, self.settings.tz)
        state = summary_of(test)
        key = _SUMMARY_KEYS[state]
        text = md(self.lang, key, test=name, deadline=deadline)
        # Something to check beyond a state that is otherwise fine (or only waits).
        more = state in (TestSummary.open, TestSummary.waiting) and any(
            f.severity in (Severity.blocking, Severity.attention) for f in test.findings
        )
        return md(self.lang, "why.summary.see_below", summary=text) if more else text

    def summary_line(self, test: TestDiagnosis) -> Mrkdwn:
        return _SUMMARY_ICONS[summary_of(test)] + " " + self.summary_text(test)

    def query_blocks(self) -> list[Block]:
        diagnosis, lang = self.diagnosis, self.lang
        if diagnosis.query_outcome == QueryOutcome.not_found:
            lead = md(lang, "why.query.not_found", query=diagnosis.query or "")
        elif diagnosis.query_outcome == QueryOutcome.ambiguous:
            matches = diagnosis.ambiguous_tests
            lead = md(
                lang,
                "why.query.ambiguous",
                query=diagnosis.query or "",
                tests=Mrkdwn(format_list(lang, [kit.code(m) for m in matches], style="or")),
                example=matches[0],
            )
        else:
            return []
        if diagnosis.tests:
            lead += Mrkdwn("\n") + md(lang, "why.query.own_tests")
        return [kit.section(lead)]

    def person_blocks(self) -> list[Block]:
        diagnosis, lang = self.diagnosis, self.lang
        if not diagnosis.person_findings:
            return []
        lines = [kit.bold(md(lang, "why.about_you"))]
        lines += [self.line(f) for f in diagnosis.person_findings]
        blocks: list[Block] = kit.sections(lines)
        if diagnosis.tests:
            return blocks
        contacts = self.settings.help_contacts
        if None in self.sent:
            blocks.append(kit.context(self.sent[None]))
        elif diagnosis.exam_office_escalation_offered:
            offer = md(lang, "why.escalate.office.offer", exam_office=contacts.exam_office)
            blocks.append(kit.section(offer))
            blocks.append(_escalate_button(None, t(lang, "why.escalate.office.button")))
        else:
            text = md(
                lang,
                "why.no_escalation_contact",
                exam_office=contacts.exam_office,
                login_email=contacts.login_email,
            )
            blocks.append(kit.section(text))
        return blocks

    def test_blocks(self, test: TestDiagnosis, *, with_escalation: bool = True) -> list[Block]:
        lang, name = self.lang, _name(test)
        lines = []
        findings = sorted(test.findings, key=lambda f: _SHOWN_FIRST.get(f.severity, 2))
        blockers = [f for f in findings if f.kind in COUNTED]
        for finding in findings:
            if blockers and finding is blockers[0]:
                lines.append(md(lang, "why.blocked.intro"))
            lines.append(self.line(finding, name))
            if blockers and finding is blockers[-1]:
                lines.append(md(lang, "why.blocked.next"))
        if FindingKind.open in test.kinds:
            contacts = self.settings.help_contacts
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
        if with_escalation:
            blocks += self.escalation_blocks(test)
        return blocks

    def escalation_blocks(self, test: TestDiagnosis) -> list[Block]:
        if test.test_id in self.sent:
            return [kit.context(self.sent[test.test_id])]
        if not self.diagnosis.escalation_offered(test.test_id):
            return []
        lang = self.lang
        return [
            kit.context(self.consultants_line(test)),
            kit.section(md(lang, "why.escalate.offer")),
            _escalate_button(test.test_id, t(lang, "why.escalate.button")),
        ]

    def consultants_line(self, test: TestDiagnosis) -> Mrkdwn:
        lang = self.lang
        if not test.consultants:
            exam_office = self.settings.help_contacts.exam_office
            return md(lang, "why.test.no_consultants", exam_office=exam_office)
        named = [self.consultant(email) for email in test.consultants]
        return md(lang, "why.test.consultants", consultants=listed(lang, named))

    def consultant(self, email: str) -> Mrkdwn:
        user_id = self.consultants.get(email)
        if user_id:
            return kit.mention(user_id)
        return md(self.lang, "why.test.consultant_not_in_slack", email=email)

    def help_blocks(self) -> list[Block]:
        lines = kit.bullets(help_contacts_lines(self.lang, self.settings.help_contacts))
        title = kit.bold(md(self.lang, "help.contacts.title"))
        return [kit.divider(), kit.context(kit.lines([title, lines]))]

    def line(self, finding: Finding, test_name: str = "") -> Mrkdwn:
        return icon_of(finding) + " " + finding_text(finding, self.lang, self.settings, test_name)


def icon_of(finding: Finding) -> Mrkdwn:
    if finding.kind in COUNTED:
        return PREPARATION_ICON
    return SEVERITY_ICONS[finding.severity]


def _name(test: TestDiagnosis) -> str:
    return test.title or test.course_code


def _escalate_button(test_id: str | None, label: str) -> ActionsBlock:
    value = EscalationTarget(test_id).encode()
    return kit.actions(kit.button(label, ESCALATE_ACTION, value, "primary"))
