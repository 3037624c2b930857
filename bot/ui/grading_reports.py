"""Block Kit for tests marked in Inspera (SPEC §2.6): the grader's "I have approved my
grading in Inspera" buttons and what they reported, and the consultants' "final grades are
confirmed" message.

Button values carry only what names the subject (test, committee); who may press and
whether it still applies is read from the store on every press.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block, ButtonElement

from bot.grading_reports import (
    CommitteeReport,
    ConfirmOutcome,
    FinalGradesConfirmation,
    ReportRefusal,
)
from bot.i18n import format_list, t
from bot.ui import kit
from bot.ui.inspera import Facts
from bot.ui.kit import Message, Mrkdwn, escape, md
from bot.ui.payloads import PayloadError
from models.tables import Test

ACTION_REPORT_DONE = "grading_reports.report_done"
ACTION_TAKE_BACK = "grading_reports.take_back"
ACTION_CONFIRM_FINAL = "grading_reports.confirm_final"


def _test_id(kind: str, text: str, value: str) -> str:
    if not text or any(c.isspace() or c == "|" for c in text):
        raise PayloadError(kind, value)
    return text


@dataclass(frozen=True)
class ReportButton:
    """A report or take-back button's value: `<test id>|<committee>`."""

    test_id: str
    committee: str

    def encode(self) -> str:
        return f"{self.test_id}|{self.committee}"

    @classmethod
    def decode(cls, value: str) -> ReportButton:
        test_id, bar, committee = value.partition("|")
        if not bar or not committee:
            raise PayloadError("grading report", value)
        return cls(_test_id("grading report", test_id, value), committee)


@dataclass(frozen=True)
class ConfirmFinalButton:
    """The consultants' confirm button: the test id."""

    test_id: str

    def encode(self) -> str:
        return self.test_id

    @classmethod
    def decode(cls, value: str) -> ConfirmFinalButton:
        return cls(_test_id("final grades confirmation", value, value))


# -- the grader's report ------------------------------------------------------------------


def report_buttons(
    lang: str, test_id: str, committees: Sequence[tuple[str, datetime | None]]
) -> list[ButtonElement]:
    """Per (committee, when reported): "approved in Inspera" while not reported, "Take
    back" once it is; with the committee in the label when there are several."""
    alone = len(committees) == 1
    buttons = []
    for committee, reported in committees:
        value = ReportButton(test_id, committee).encode()
        if reported is None:
            key = "report.button.done" if alone else "report.button.done_committee"
            label = t(lang, key, committee=committee)
            buttons.append(kit.button(label, ACTION_REPORT_DONE, value, "primary"))
        else:
            key = "report.button.take_back" if alone else "report.button.take_back_committee"
            buttons.append(kit.button(t(lang, key, committee=committee), ACTION_TAKE_BACK, value))
    return buttons


def report_lines(
    lang: str, tz: ZoneInfo, reports: Sequence[CommitteeReport], *, marking: bool = True
) -> list[Mrkdwn]:
    """ "Kommisjon 1: meldt ferdig tirsdag 5. januar kl. 10.00" / "… ikke meldt ferdig";
    what to do is said only while the test is being marked (`marking`)."""
    lines = []
    for report in reports:
        if report.reported_at is not None:
            when = kit.date(lang, report.reported_at, tz)
            lines.append(md(lang, "report.line.reported", committee=report.committee, when=when))
        elif marking:
            lines.append(md(lang, "report.line.unreported", committee=report.committee))
        else:
            lines.append(md(lang, "report.line.committee", committee=report.committee))
    return lines


def report_message(
    lang: str,
    tz: ZoneInfo,
    test: Test,
    reports: Sequence[CommitteeReport],
    *,
    closed: bool,
    done: Mrkdwn | None = None,
) -> Message:
    """The grader's committees on `test` with what they reported, and the buttons to report
    or take back (none once the final grades are confirmed: `closed`)."""
    title = Mrkdwn(" – ") + escape(test.title) if test.title else Mrkdwn("")
    head = md(lang, "report.title", test=test.test_id, title=title)
    lines = [head, *report_lines(lang, tz, reports, marking=not closed)]
    if closed:
        lines.append(md(lang, "report.line.closed"))
    blocks: list[Block] = [kit.section(done)] if done else []
    blocks.append(kit.section(kit.lines(lines)))
    if not closed and reports:
        pairs = [(r.committee, r.reported_at) for r in reports]
        blocks.append(kit.actions(*report_buttons(lang, test.test_id, pairs)))
    return kit.message(done or head, blocks)


def refusal_text(lang: str, refusal: ReportRefusal, test_id: str, committee: str) -> Mrkdwn:
    return md(lang, f"report.refused.{refusal.value}", test=test_id, committee=committee)


def done_text(lang: str, reported: bool, committee: str) -> Mrkdwn:
    key = "report.done.reported" if reported else "report.done.taken_back"
    return md(lang, key, committee=committee)


# -- the consultants ----------------------------------------------------------------------


def confirm_button(lang: str, test_id: str) -> ButtonElement:
    """ "Final grades are confirmed", with Slack asking first: it stops the reminders."""
    confirm = kit.confirmation(
        t(lang, "report.all.confirm.title"),
        md(lang, "report.all.confirm.text", test=test_id),
        t(lang, "report.all.confirm.yes"),
        t(lang, "report.all.confirm.no"),
    )
    value = ConfirmFinalButton(test_id).encode()
    label = t(lang, "report.all.button")
    return kit.button(label, ACTION_CONFIRM_FINAL, value, "primary", confirm)


def all_reported(f: Facts) -> tuple[Mrkdwn, list[Block]]:
    """`MessageKind.grading_reported`: every grader reported; confirm the final grades."""
    blocks: list[Block] = [
        kit.header(f.plain("report.all.header")),
        kit.section(f.t("report.all.intro")),
        kit.actions(confirm_button(f.lang, f.params["test"]["test_id"])),
    ]
    return f.t("report.all.fallback"), blocks


def confirmation_text(
    lang: str, tz: ZoneInfo, test: Test | None, result: FinalGradesConfirmation
) -> Mrkdwn:
    """What a press of the confirm button did, for the message it was pressed on."""
    test_id = result.test_id
    title = Mrkdwn(" – ") + escape(test.title) if test is not None and test.title else Mrkdwn("")
    match result.outcome:
        case ConfirmOutcome.confirmed | ConfirmOutcome.already_confirmed:
            assert result.confirmed_at is not None  # both outcomes say when
            when = kit.date(lang, result.confirmed_at, tz)
            key = "report.all.confirmed"
            if result.outcome == ConfirmOutcome.already_confirmed and result.confirmed_by is None:
                key = "report.all.confirmed_by_inspera"
            return md(lang, key, test=test_id, title=title, when=when)
        case ConfirmOutcome.not_in_inspera:
            return md(lang, "report.refused.not_in_inspera", test=test_id)
        case ConfirmOutcome.unknown_test:
            return md(lang, "report.refused.unknown_test", test=test_id)
        case ConfirmOutcome.not_open:
            return md(lang, "report.confirm.not_open", test=test_id)
    return md(lang, "report.confirm.not_yours", test=test_id)


# -- where grades are set, and who reported (Home tab, `/sensur status`) ------------------


def grades_in_text(lang: str, test: Test) -> Mrkdwn:
    return md(lang, f"report.grades_in.{test.grading_in}")


def committee_report_lines(lang: str, reports: Sequence[CommitteeReport]) -> list[Mrkdwn]:
    """Per committee, who reported done and who has not, by name (a grader the roster has
    no name for is counted, never shown by e-mail)."""
    by_committee: dict[str, list[CommitteeReport]] = {}
    for report in reports:
        by_committee.setdefault(report.committee, []).append(report)
    lines = []
    for committee, items in by_committee.items():
        reported = _names(lang, [r for r in items if r.reported_at is not None])
        unreported = _names(lang, [r for r in items if r.reported_at is None])
        lines.append(
            md(
                lang,
                "report.home.complaint_committee"
                if items[0].complaint
                else "report.home.committee",
                committee=committee,
                reported=reported,
                unreported=unreported,
            )
        )
    return lines


def _names(lang: str, reports: Sequence[CommitteeReport]) -> Mrkdwn:
    if not reports:
        return md(lang, "report.home.nobody")
    names: list[str] = [escape(r.grader_name) for r in reports if r.grader_name]
    unnamed = sum(1 for r in reports if not r.grader_name)
    if unnamed:
        names.append(md(lang, "home.turn.unnamed", count=unnamed))
    return Mrkdwn(format_list(lang, names))
