"""Block Kit for grade sheets: the preview, the test choice, outcomes and the reset modal.

Grades only ever go to the grader's DM; these builders do not decide where a message goes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import ActionsBlock, Block, InputBlock, PlainTextInputElement
from slack_sdk.models.views import View

from bot.approvals import LockReason
from bot.gradesheets.applying import Confirmation
from bot.gradesheets.destination import GradesGoTo, where_grades_go
from bot.gradesheets.for_inspera import InsperaSheet
from bot.gradesheets.reading import CANDIDATE, GRADE, POINTS, GradeSheet
from bot.gradesheets.texts import problem_line
from bot.gradesheets.uploads import PREVIEW_LIFETIME, UploadOutcome
from bot.gradesheets.validation import GradeChange, GradeSheetPreview
from bot.i18n import format_list, t
from bot.ui import kit
from bot.ui.approvals import locked_text, refusal_text
from bot.ui.kit import Message, Mrkdwn, escape, md
from bot.ui.kit import text_message as text_message  # for the listeners
from bot.ui.payloads import PayloadError, decode_id
from models.tables import Test, stored_id

SHOWN_LINES = 20
SHOWN_TESTS = 24

APPLY = "gradesheet_apply"
APPLY_SUGGESTED = "gradesheet_apply_suggested"
CANCEL = "gradesheet_cancel"
UNDO = "gradesheet_undo"
RESET = "gradesheet_reset_open"
CHOOSE_TEST = "gradesheet_choose_test"  # followed by ":<n>", unique within the block
RESET_VIEW = "gradesheet_reset"
RESET_BLOCK = RESET_INPUT = "candidate"


def file_problem_text(lang: str, key: str, params: dict[str, object], **extra: object) -> Mrkdwn:
    return md(lang, key, **{**params, **extra})


# -- the preview --------------------------------------------------------------------------


def destination_text(lang: str, destination: GradesGoTo) -> Mrkdwn:
    """One plain line: where these grades go, and who puts them into Inspera."""
    if destination == GradesGoTo.inspera:
        return md(lang, "gradesheet.destination.inspera")
    return md(lang, "gradesheet.destination.sensorbot")


def counts_text(lang: str, counts: dict[str, int], kinds: Sequence[str]) -> Mrkdwn:
    """ "3 nye · 1 endret · 0 feil" (each count with its plural form)."""
    parts = []
    for kind, key in _COUNT_KEYS:
        if kind in kinds:
            parts.append(md(lang, key, count=counts[kind]))
    return kit.join(" · ", parts)


_COUNT_KEYS = (
    ("graded", "gradesheet.preview.count.graded"),
    ("new", "gradesheet.preview.count.new"),
    ("changed", "gradesheet.preview.count.changed"),
    ("unchanged", "gradesheet.preview.count.unchanged"),
    ("blank", "gradesheet.preview.count.blank"),
    ("errors", "gradesheet.preview.count.errors"),
)


def preview_message(
    lang: str,
    test: Test,
    sheet: GradeSheet,
    preview: GradeSheetPreview,
    upload_id: int | None,
) -> Message:
    """The preview of a checked sheet. `upload_id` None: nothing was stored (a test marked
    in Inspera), so there is nothing to apply and no button; then only its errors count."""
    in_inspera = where_grades_go(test) == GradesGoTo.inspera
    counts = {**preview.counts, "graded": len(preview.new)}
    committees = format_list(lang, preview.agreeing)
    title = (
        t(lang, "gradesheet.preview.agreed_title", test=test.test_id, committees=committees)
        if preview.agreeing
        else t(lang, "gradesheet.preview.title", test=test.test_id)
    )
    blocks: list[Block] = [kit.header(title), kit.context(_source_line(lang, sheet))]
    if preview.agreeing:
        blocks.append(
            kit.section(md(lang, "gradesheet.preview.agreed_intro", committees=committees))
        )
    shown = _INSPERA_COUNTS if in_inspera else ("new", "changed", "unchanged", "blank", "errors")
    blocks.append(kit.section(kit.bold(counts_text(lang, counts, shown))))
    if preview.locked:
        lines = [
            locked_text(lang, committee, LockReason(reason))
            for committee, reason in sorted(preview.locked.items())
        ]
        blocks += kit.sections([md(lang, "gradesheet.preview.locked_title"), *lines])
    if preview.changes and not in_inspera:
        title = md(lang, "gradesheet.preview.changes_title")
        blocks += _listing(lang, title, preview.changes, lambda c: _change_line(lang, c))
    if preview.suggestions and not preview.errors:
        key = (
            "gradesheet.inspera.from_points_title"
            if in_inspera
            else "gradesheet.preview.suggestions_title"
        )
        title = md(lang, key)
        blocks += _listing(lang, title, preview.suggestions, lambda c: _suggestion_line(lang, c))
    if preview.errors:
        key = "gradesheet.inspera.errors_title" if in_inspera else "gradesheet.preview.errors_title"
        errors_title = md(lang, key, count=len(preview.errors))
        # problem_line fills the catalog's sentences with parameters the kit has escaped.
        blocks += _listing(
            lang, errors_title, preview.errors, lambda p: Mrkdwn(problem_line(lang, p, escape))
        )
        blocks.append(kit.section(md(lang, "gradesheet.preview.fix_and_resend")))
    elif preview.appliable and upload_id is not None:
        ready = (
            md(lang, "gradesheet.preview.agreed_ready", committees=committees)
            if preview.agreeing
            else md(lang, "gradesheet.preview.ready")
        )
        blocks.append(kit.section(ready))
        blocks.append(kit.context(destination_text(lang, where_grades_go(test))))
        blocks.append(_preview_buttons(lang, preview, upload_id))
    else:
        key = "gradesheet.inspera.nothing" if in_inspera else "gradesheet.preview.nothing_to_apply"
        blocks.append(kit.section(md(lang, key)))
        if in_inspera and preview.suggestions:
            blocks.append(kit.section(md(lang, "gradesheet.inspera.from_points_fix")))
    fallback = md(
        lang,
        "gradesheet.preview.fallback",
        test=test.test_id,
        counts=counts_text(lang, counts, _INSPERA_COUNTS if in_inspera else _FALLBACK_COUNTS),
    )
    return kit.message(fallback, blocks)


_FALLBACK_COUNTS = ("new", "changed", "errors")
# Nothing is stored for a test marked in Inspera: every grade in a sheet is "new".
_INSPERA_COUNTS = ("graded", "blank", "errors")


# -- a sheet for a test marked in Inspera ---------------------------------------------------


def inspera_sheet_message(lang: str, test: Test, sheet: GradeSheet, ready: InsperaSheet) -> Message:
    """What the grader reads above the Inspera-ready file: what was checked, what is in the
    file, and Inspera's import rules where they matter for this sheet."""
    counts = {"graded": ready.grades, "blank": ready.blank, "errors": 0}
    title = t(lang, "gradesheet.inspera.title", test=test.test_id)
    blocks: list[Block] = [
        kit.header(title),
        kit.context(_source_line(lang, sheet)),
        kit.section(kit.bold(counts_text(lang, counts, _INSPERA_COUNTS))),
        kit.section(md(lang, "gradesheet.inspera.checked", count=ready.grades)),
    ]
    if ready.from_points:
        listing_title = md(lang, "gradesheet.inspera.from_points_title")
        blocks += _listing(
            lang, listing_title, ready.from_points, lambda c: _suggestion_line(lang, c)
        )
        blocks.append(kit.section(md(lang, "gradesheet.inspera.from_points_fix")))
    rules = [md(lang, "gradesheet.inspera.rule.replaces")]
    if ready.blank:
        rules.append(md(lang, "gradesheet.inspera.rule.blank", count=ready.blank))
    if ready.sent_before:
        rules.append(md(lang, "gradesheet.inspera.rule.new_upload"))
    blocks.append(kit.context(kit.lines(rules)))
    fallback = md(
        lang,
        "gradesheet.preview.fallback",
        test=test.test_id,
        counts=counts_text(lang, counts, ("graded", "blank")),
    )
    return kit.message(fallback, blocks)


def inspera_sheet_comment(lang: str, ready: InsperaSheet, university: str) -> str:
    """The file's comment: how to import it (as the `university`'s guide for graders shows),
    that the grades are only set once imported, and what comes after (approve in Inspera,
    then `/sensur done`)."""
    return t(lang, "gradesheet.inspera.comment", count=ready.grades, university=university)


def _source_line(lang: str, sheet: GradeSheet) -> Mrkdwn:
    sheet_part = (
        md(lang, "gradesheet.preview.sheet", name=sheet.sheet_name)
        if sheet.sheet_name
        else Mrkdwn("")
    )
    return md(
        lang,
        "gradesheet.preview.source",
        filename=sheet.filename,
        sheet=sheet_part,
        header_row=sheet.header_row,
        candidate_column=_column(sheet, CANDIDATE),
        grade_column=_column(sheet, GRADE) or _column(sheet, POINTS),
    )


def _column(sheet: GradeSheet, role: str) -> Mrkdwn:
    letter = sheet.column_letter(role)
    if letter is None:
        return Mrkdwn("")
    return escape(f"{letter} ({sheet.headers.get(role, '')})")


def _change_line(lang: str, change: GradeChange) -> Mrkdwn:
    key = "gradesheet.preview.change_changed" if change.old else "gradesheet.preview.change_new"
    return md(
        lang,
        key,
        row=change.row,
        candidate=change.candidate_id,
        old=change.old or "",
        new=change.new,
    )


def _suggestion_line(lang: str, change: GradeChange) -> Mrkdwn:
    points = f"{change.points:g}" if change.points is not None else ""
    return md(
        lang,
        "gradesheet.preview.suggestion",
        row=change.row,
        candidate=change.candidate_id,
        points=points,
        new=change.new,
    )


_Item = TypeVar("_Item")


def _listing(
    lang: str, title: Mrkdwn, items: Sequence[_Item], line: Callable[[_Item], Mrkdwn]
) -> list[Block]:
    """A titled list: the first SHOWN_LINES items as lines, then how many more; split into
    sections that each stay within Slack's text limit. Only the items shown are written out
    (a 20,000-row sheet's changes are not all escaped to show fifty)."""
    shown = [Mrkdwn("• ") + line(item) for item in items[:SHOWN_LINES]]
    if len(items) > SHOWN_LINES:
        shown.append(md(lang, "gradesheet.preview.more", count=len(items) - SHOWN_LINES))
    return kit.sections([title, *shown])


@dataclass(frozen=True)
class UploadButton:
    """Apply, Cancel, Undo and reset's value (and the reset modal's metadata): the upload's
    id. Older messages may carry `<id>|…`; only the id is read."""

    upload_id: int

    def encode(self) -> str:
        return str(self.upload_id)

    @classmethod
    def decode(cls, value: str) -> UploadButton:
        return cls(decode_id("grade upload", value.split("|", 1)[0], value))


@dataclass(frozen=True)
class TestChoiceButton:
    """A "which test is this sheet for" button's value: `<upload id>|<test id>`."""

    upload_id: int
    test_id: str

    def encode(self) -> str:
        return f"{self.upload_id}|{self.test_id}"

    @classmethod
    def decode(cls, value: str) -> TestChoiceButton:
        upload_id, _, test_id = value.partition("|")
        if not test_id:
            raise PayloadError("test choice", value)
        return cls(decode_id("test choice", upload_id, value), test_id)


def _preview_buttons(lang: str, preview: GradeSheetPreview, upload_id: int) -> ActionsBlock:
    value = UploadButton(upload_id).encode()
    buttons = []
    if preview.new or preview.changed:
        buttons.append(kit.button(t(lang, "gradesheet.button.apply"), APPLY, value, "primary"))
    if preview.suggestions:
        label = t(lang, "gradesheet.button.apply_suggested", count=len(preview.suggestions))
        buttons.append(kit.button(label, APPLY_SUGGESTED, value))
    buttons.append(kit.button(t(lang, "gradesheet.button.cancel"), CANCEL, value))
    return kit.actions(*buttons, block_id="gradesheet_preview_actions")


# -- which test ---------------------------------------------------------------------------


def test_choice_message(lang: str, upload_id: int, filename: str, tests: Sequence[Test]) -> Message:
    text = md(lang, "gradesheet.choose_test", filename=filename)
    buttons = [
        kit.button(
            _test_label(test),
            f"{CHOOSE_TEST}:{n}",
            TestChoiceButton(upload_id, test.test_id).encode(),
        )
        for n, test in enumerate(tests[:SHOWN_TESTS])
    ]
    blocks: list[Block] = [
        kit.section(text),
        kit.actions(*buttons, block_id="gradesheet_test_choice"),
        kit.context(md(lang, "gradesheet.choose_test.hint")),
    ]
    return kit.message(text, blocks)


def _test_label(test: Test) -> str:
    return test.test_id if not test.title else f"{test.test_id} – {test.title}"


# -- outcomes -----------------------------------------------------------------------------


def outcome_text(lang: str, outcome: UploadOutcome, tz: ZoneInfo, test_id: str = "") -> Mrkdwn:
    if outcome.approvals.refusal is not None:
        # The approvals refused a sheet of agreed grades: their own words say why.
        return refusal_text(outcome.approvals.refusal, lang, tz)
    params: dict[str, object] = {
        "count": outcome.updated,
        "test": test_id or (outcome.upload.test_id if outcome.upload else "") or "",
        "candidates": _listed(lang, outcome.candidates),
        "committees": _listed(lang, outcome.committees),
        "hour_count": int(PREVIEW_LIFETIME.total_seconds() // 3600),
        "when": kit.date(lang, outcome.at, tz) if outcome.at else "",
    }
    lines = [md(lang, f"gradesheet.outcome.{outcome.status}", **params)]
    for committee in outcome.complete_committees:
        lines.append(md(lang, "gradesheet.outcome.committee_complete", committee=committee))
    return kit.lines(lines)


def _listed(lang: str, items: Sequence[str]) -> Mrkdwn:
    return Mrkdwn(format_list(lang, [escape(item) for item in items]))


def outcome_message(
    lang: str,
    outcome: UploadOutcome,
    tz: ZoneInfo,
    *,
    destination: GradesGoTo | None = None,
    locked: bool = False,
) -> Message:
    """The message an applied, undone or cancelled preview turns into. After Apply it says
    where the grades go (`destination`) and offers Undo and resetting one candidate, until
    the grades are `locked` (own approval, final approval): then it says so instead."""
    text = outcome_text(lang, outcome, tz)
    blocks: list[Block] = [kit.section(text)]
    if outcome.status == "applied" and destination is not None:
        blocks.append(kit.context(destination_text(lang, destination)))
    if outcome.status == "applied" and locked:
        blocks.append(kit.context(md(lang, "gradesheet.outcome.now_locked")))
    elif outcome.status == "applied" and outcome.upload is not None:
        value = UploadButton(stored_id(outcome.upload)).encode()
        blocks.append(
            kit.actions(
                kit.button(t(lang, "gradesheet.button.undo"), UNDO, value),
                kit.button(t(lang, "gradesheet.button.reset"), RESET, value),
                block_id="gradesheet_applied_actions",
            )
        )
    return kit.message(text, blocks)


def confirmation_message(lang: str, shown: Confirmation, tz: ZoneInfo) -> Message:
    """An applied upload's confirmation as it stands now (without Undo and Reset once its
    grades are locked)."""
    return outcome_message(
        lang, shown.outcome, tz, destination=shown.destination, locked=shown.locked
    )


def reset_modal(lang: str, upload_id: int, test_id: str) -> View:
    return View(
        type="modal",
        callback_id=RESET_VIEW,
        private_metadata=UploadButton(upload_id).encode(),
        title=kit.plain(t(lang, "gradesheet.reset.title"), kit.MODAL_TITLE),
        submit=kit.plain(t(lang, "gradesheet.reset.submit"), kit.MODAL_TITLE),
        close=kit.plain(t(lang, "gradesheet.reset.close"), kit.MODAL_TITLE),
        blocks=[
            kit.section(md(lang, "gradesheet.reset.hint", test=test_id)),
            InputBlock(
                block_id=RESET_BLOCK,
                label=kit.plain(t(lang, "gradesheet.reset.label"), kit.INPUT_LABEL),
                element=PlainTextInputElement(action_id=RESET_INPUT, max_length=64),
            ),
        ],
    )
