"""Block Kit for grade sheets: the preview, the test choice, outcomes and the reset modal.

Grades only ever go to the grader's DM; these builders do not decide where a message goes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    InputBlock,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.blocks.basic_components import MarkdownTextObject, PlainTextObject
from slack_sdk.models.views import View

from bot.approvals import LockReason
from bot.gradesheets.reading import CANDIDATE, GRADE, POINTS, GradeSheet
from bot.gradesheets.texts import problem_line
from bot.gradesheets.uploads import PREVIEW_LIFETIME, UploadOutcome
from bot.gradesheets.validation import GradeChange, GradeSheetPreview
from bot.i18n import t
from bot.ui.approvals import locked_text, refusal_text
from bot.ui.dates import slack_datetime
from bot.ui.payloads import PayloadError, decode_id
from models.tables import Test

SHOWN_LINES = 20
SECTION_LIMIT = 3000
HEADER_LIMIT = 150
SHOWN_TESTS = 24

APPLY = "gradesheet_apply"
APPLY_SUGGESTED = "gradesheet_apply_suggested"
CANCEL = "gradesheet_cancel"
UNDO = "gradesheet_undo"
RESET = "gradesheet_reset_open"
CHOOSE_TEST = "gradesheet_choose_test"  # followed by ":<n>", unique within the block
RESET_VIEW = "gradesheet_reset"
RESET_BLOCK = RESET_INPUT = "candidate"


Message = tuple[list[dict], str]  # blocks as dicts, fallback text


def escape(text: str) -> str:
    """Cell contents shown in mrkdwn: no links, mentions or broken code spans."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("`", "'")


def escaped_params(params: dict[str, object]) -> dict[str, object]:
    return {k: escape(v) if isinstance(v, str) else v for k, v in params.items()}


def text_message(text: str) -> Message:
    return [SectionBlock(text=MarkdownTextObject(text=text[:SECTION_LIMIT])).to_dict()], text


def file_problem_text(lang: str, key: str, params: dict[str, object], **extra: object) -> str:
    return t(lang, key, **escaped_params({**params, **extra}))


# -- the preview --------------------------------------------------------------------------


def preview_message(
    lang: str, test: Test, sheet: GradeSheet, preview: GradeSheetPreview, upload_id: int
) -> Message:
    counts = preview.counts
    committees = ", ".join(preview.agreeing)
    title = (
        t(lang, "gradesheet.preview.agreed_title", test=test.test_id, committees=committees)
        if preview.agreeing
        else t(lang, "gradesheet.preview.title", test=test.test_id)
    )
    blocks: list[Block] = [
        HeaderBlock(text=title[:HEADER_LIMIT]),
        ContextBlock(elements=[MarkdownTextObject(text=_source_line(lang, sheet))]),
    ]
    if preview.agreeing:
        blocks.append(_section(t(lang, "gradesheet.preview.agreed_intro", committees=committees)))
    blocks.append(_section(t(lang, "gradesheet.preview.counts", **counts)))
    if preview.locked:
        lines = [
            locked_text(lang, committee, LockReason(reason))
            for committee, reason in sorted(preview.locked.items())
        ]
        blocks += [
            _section(text) for text in _chunks([t(lang, "gradesheet.preview.locked_title"), *lines])
        ]
    if preview.changes:
        lines = [_change_line(lang, change) for change in preview.changes]
        blocks += _listing(lang, t(lang, "gradesheet.preview.changes_title"), lines)
    if preview.suggestions and not preview.errors:
        lines = [_suggestion_line(lang, change) for change in preview.suggestions]
        blocks += _listing(lang, t(lang, "gradesheet.preview.suggestions_title"), lines)
    if preview.errors:
        title = t(lang, "gradesheet.preview.errors_title", count=len(preview.errors))
        lines = [problem_line(lang, problem, escape) for problem in preview.errors]
        blocks += _listing(lang, title, lines)
        blocks.append(_section(t(lang, "gradesheet.preview.fix_and_resend")))
    elif preview.appliable:
        ready = (
            t(lang, "gradesheet.preview.agreed_ready", committees=committees)
            if preview.agreeing
            else t(lang, "gradesheet.preview.ready")
        )
        blocks.append(_section(ready))
        blocks.append(_preview_buttons(lang, preview, upload_id))
    else:
        blocks.append(_section(t(lang, "gradesheet.preview.nothing_to_apply")))
    fallback = t(
        lang,
        "gradesheet.preview.fallback",
        test=test.test_id,
        new=counts["new"],
        changed=counts["changed"],
        errors=counts["errors"],
    )
    return [block.to_dict() for block in blocks], fallback


def _source_line(lang: str, sheet: GradeSheet) -> str:
    sheet_part = (
        t(lang, "gradesheet.preview.sheet", name=escape(sheet.sheet_name))
        if sheet.sheet_name
        else ""
    )
    return t(
        lang,
        "gradesheet.preview.source",
        filename=escape(sheet.filename),
        sheet=sheet_part,
        header_row=sheet.header_row,
        candidate_column=_column(sheet, CANDIDATE),
        grade_column=_column(sheet, GRADE) or _column(sheet, POINTS),
    )


def _column(sheet: GradeSheet, role: str) -> str:
    letter = sheet.column_letter(role)
    if letter is None:
        return ""
    return f"{letter} ({escape(sheet.headers.get(role, ''))})"


def _change_line(lang: str, change: GradeChange) -> str:
    key = "gradesheet.preview.change_changed" if change.old else "gradesheet.preview.change_new"
    return t(
        lang,
        key,
        row=change.row,
        candidate=escape(change.candidate_id),
        old=change.old or "",
        new=change.new,
    )


def _suggestion_line(lang: str, change: GradeChange) -> str:
    points = f"{change.points:g}" if change.points is not None else ""
    return t(
        lang,
        "gradesheet.preview.suggestion",
        row=change.row,
        candidate=escape(change.candidate_id),
        points=points,
        new=change.new,
    )


def _listing(lang: str, title: str, lines: Sequence[str]) -> list[Block]:
    """A titled list: the first SHOWN_LINES lines, then how many more; split into sections
    that each stay within Slack's text limit."""
    shown = [f"• {line}" for line in lines[:SHOWN_LINES]]
    if len(lines) > SHOWN_LINES:
        shown.append(t(lang, "gradesheet.preview.more", count=len(lines) - SHOWN_LINES))
    return [_section(text) for text in _chunks([title, *shown])]


def _chunks(lines: Iterable[str]) -> list[str]:
    chunks: list[str] = []
    current = ""
    for line in lines:
        line = line[: SECTION_LIMIT - 1]
        if current and len(current) + 1 + len(line) > SECTION_LIMIT:
            chunks.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return chunks


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _button(text: str, action_id: str, value: str, style: str | None = None) -> ButtonElement:
    return ButtonElement(
        text=PlainTextObject(text=text), action_id=action_id, value=value, style=style
    )


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
        buttons.append(_button(t(lang, "gradesheet.button.apply"), APPLY, value, "primary"))
    if preview.suggestions:
        label = t(lang, "gradesheet.button.apply_suggested", count=len(preview.suggestions))
        buttons.append(_button(label, APPLY_SUGGESTED, value))
    buttons.append(_button(t(lang, "gradesheet.button.cancel"), CANCEL, value))
    return ActionsBlock(block_id="gradesheet_preview_actions", elements=buttons)


# -- which test ---------------------------------------------------------------------------


def test_choice_message(lang: str, upload_id: int, filename: str, tests: Sequence[Test]) -> Message:
    text = t(lang, "gradesheet.choose_test", filename=escape(filename))
    buttons = [
        _button(
            _test_label(test),
            f"{CHOOSE_TEST}:{n}",
            TestChoiceButton(upload_id, test.test_id).encode(),
        )
        for n, test in enumerate(tests[:SHOWN_TESTS])
    ]
    blocks: list[Block] = [
        _section(text),
        ActionsBlock(block_id="gradesheet_test_choice", elements=buttons),
        ContextBlock(elements=[MarkdownTextObject(text=t(lang, "gradesheet.choose_test.hint"))]),
    ]
    return [block.to_dict() for block in blocks], text


def _test_label(test: Test) -> str:
    label = test.test_id if not test.title else f"{test.test_id} – {test.title}"
    return label if len(label) <= 75 else label[:74] + "…"


# -- outcomes -----------------------------------------------------------------------------


def outcome_text(lang: str, outcome: UploadOutcome, tz: ZoneInfo, test_id: str = "") -> str:
    if outcome.approvals.refusal is not None:
        # The approvals refused a sheet of agreed grades: their own words say why.
        return refusal_text(outcome.approvals.refusal, lang, tz)
    params: dict[str, object] = {
        "count": outcome.updated,
        "test": test_id or (outcome.upload.test_id if outcome.upload else "") or "",
        "candidates": ", ".join(outcome.candidates),
        "committees": ", ".join(outcome.committees),
        "hours": int(PREVIEW_LIFETIME.total_seconds() // 3600),
        "when": slack_datetime(outcome.at, tz) if outcome.at else "",
    }
    lines = [t(lang, f"gradesheet.outcome.{outcome.status}", **params)]
    for committee in outcome.complete_committees:
        lines.append(t(lang, "gradesheet.outcome.committee_complete", committee=committee))
    return "\n".join(lines)


def outcome_message(lang: str, outcome: UploadOutcome, tz: ZoneInfo) -> Message:
    """The message an applied, undone or cancelled preview turns into; after Apply it
    offers Undo and resetting one candidate."""
    text = outcome_text(lang, outcome, tz)
    blocks: list[Block] = [_section(text[:SECTION_LIMIT])]
    if outcome.status == "applied" and outcome.upload is not None and outcome.upload.id:
        value = UploadButton(outcome.upload.id).encode()
        blocks.append(
            ActionsBlock(
                block_id="gradesheet_applied_actions",
                elements=[
                    _button(t(lang, "gradesheet.button.undo"), UNDO, value),
                    _button(t(lang, "gradesheet.button.reset"), RESET, value),
                ],
            )
        )
    return [block.to_dict() for block in blocks], text


def reset_modal(lang: str, upload_id: int, test_id: str) -> View:
    return View(
        type="modal",
        callback_id=RESET_VIEW,
        private_metadata=UploadButton(upload_id).encode(),
        title=PlainTextObject(text=t(lang, "gradesheet.reset.title")[:24]),
        submit=PlainTextObject(text=t(lang, "gradesheet.reset.submit")),
        close=PlainTextObject(text=t(lang, "gradesheet.reset.close")),
        blocks=[
            _section(t(lang, "gradesheet.reset.hint", test=escape(test_id))),
            InputBlock(
                block_id=RESET_BLOCK,
                label=PlainTextObject(text=t(lang, "gradesheet.reset.label")),
                element=PlainTextInputElement(action_id=RESET_INPUT, max_length=64),
            ),
        ],
    )
