"""The FS hand-off as Block Kit: the consultants' checklist (posted once, updated in place),
the modal for the candidates FS refused, the graders' notice once it is transferred and the
reminder, built from the plain views of `bot.handoff` (refusals are the approvals'
`refusal_text`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block, ButtonElement, InputBlock, PlainTextInputElement
from slack_sdk.models.views import View

from bot.approvals.people import Person
from bot.handoff import ChecklistState, ChecklistView, TrialResult
from bot.i18n import t
from bot.ui import kit
from bot.ui.approvals import PromptButton, candidates_text, counts_text, person_text
from bot.ui.kit import Message, Mrkdwn, md

ACTION_TRIAL_FINE = "handoff_trial_fine"
ACTION_TRIAL_REFUSED = "handoff_trial_refused"  # opens the modal below
ACTION_TRANSFERRED = "handoff_transferred"
REFUSED_VIEW = "handoff_refused"
REFUSED_BLOCK = REFUSED_INPUT = "candidates"
REFUSED_TEXT_LIMIT = 3000


# -- the checklist -----------------------------------------------------------------------


def checklist_message(view: ChecklistView, lang: str, tz: ZoneInfo) -> Message:
    title = t(lang, "handoff.title")
    blocks: list[Block] = [kit.header(title), kit.section(_intro(view, lang))]
    if view.state == ChecklistState.out_of_date:
        blocks.append(kit.section(md(lang, "handoff.out_of_date")))
        return kit.message(kit.join(": ", [title, view.test_id]), blocks)
    step1 = "handoff.step1.sensorbot" if view.graded_in_sensorbot else "handoff.step1.inspera"
    blocks.append(kit.section(md(lang, step1)))
    blocks += _trial_blocks(view, lang, tz)
    blocks += _transfer_blocks(view, lang, tz)
    return kit.message(kit.join(": ", [title, view.test_id]), blocks)


def _intro(view: ChecklistView, lang: str) -> Mrkdwn:
    if not view.graded_in_sensorbot:
        return md(lang, "handoff.intro.inspera", test=view.test_id)
    return md(
        lang,
        "handoff.intro.sensorbot",
        test=view.test_id,
        grades=md(lang, "approvals.grades_count", count=view.graded),
        counts=counts_text(lang, view.counts),
    )


def _trial_blocks(view: ChecklistView, lang: str, tz: ZoneInfo) -> list[Block]:
    open_ = view.state == ChecklistState.open
    if view.trial_result is None:
        blocks: list[Block] = [kit.section(md(lang, "handoff.step2.ask"))]
    else:
        by = _recorded(lang, view.trial_by, view.trial_at, tz)
        if view.trial_result == TrialResult.fine:
            line = md(lang, "handoff.step2.fine", recorded=by)
        else:
            line = md(
                lang,
                "handoff.step2.refused",
                count=len(view.refused),
                candidates=candidates_text(lang, view.refused),
                recorded=by,
            )
        blocks = [kit.section(line)]
        if open_ and view.trial_result == TrialResult.refused:
            blocks.append(kit.context(md(lang, "handoff.step2.refused_advice")))
    if open_:
        value = PromptButton(view.prompt_id).encode()
        blocks.append(
            kit.actions(
                kit.button(t(lang, "handoff.button.fine"), ACTION_TRIAL_FINE, value),
                kit.button(t(lang, "handoff.button.refused"), ACTION_TRIAL_REFUSED, value),
            )
        )
    return blocks


def _transfer_blocks(view: ChecklistView, lang: str, tz: ZoneInfo) -> list[Block]:
    if view.state == ChecklistState.transferred and view.transferred_at is not None:
        by = person_text(lang, view.transferred_by or Person(consultant=True))
        when = kit.date(lang, view.transferred_at, tz)
        return [kit.section(md(lang, "handoff.step3.done", by=by, when=when))]
    if view.trial_result is None:
        return [kit.section(md(lang, "handoff.step3.waiting"))]
    return [
        kit.section(md(lang, "handoff.step3.ask")),
        kit.actions(_transferred_button(view, lang)),
    ]


def _transferred_button(view: ChecklistView, lang: str) -> ButtonElement:
    """ "Overført til FS", asking first: every grader is told, and it cannot be undone."""
    confirm = kit.confirmation(
        t(lang, "handoff.confirm.title"),
        md(lang, "handoff.confirm.text", test=view.test_id, count=view.graders),
        t(lang, "handoff.confirm.yes"),
        t(lang, "approvals.confirm_no"),
    )
    return kit.button(
        t(lang, "handoff.button.transferred"),
        ACTION_TRANSFERRED,
        PromptButton(view.prompt_id).encode(),
        "primary",
        confirm=confirm,
    )


def _recorded(lang: str, by: Person | None, at: datetime | None, tz: ZoneInfo) -> Mrkdwn:
    who = person_text(lang, by or Person(consultant=True))
    if at is None:
        return md(lang, "handoff.recorded_by", by=who)
    return md(lang, "handoff.recorded", by=who, when=kit.date(lang, at, tz))


# -- the candidates FS refused -------------------------------------------------------------


def refused_modal(lang: str, prompt_id: int, test_id: str) -> View:
    return View(
        type="modal",
        callback_id=REFUSED_VIEW,
        private_metadata=PromptButton(prompt_id).encode(),
        title=kit.plain(t(lang, "handoff.modal.title"), kit.MODAL_TITLE),
        submit=kit.plain(t(lang, "handoff.modal.submit"), kit.MODAL_TITLE),
        close=kit.plain(t(lang, "handoff.modal.close"), kit.MODAL_TITLE),
        blocks=[
            kit.section(md(lang, "handoff.modal.hint", test=test_id)),
            InputBlock(
                block_id=REFUSED_BLOCK,
                label=kit.plain(t(lang, "handoff.modal.label"), kit.INPUT_LABEL),
                element=PlainTextInputElement(
                    action_id=REFUSED_INPUT, multiline=True, max_length=REFUSED_TEXT_LIMIT
                ),
            ),
        ],
    )


# -- to the graders: transferred, and what comes next --------------------------------------


def transferred_text(test_id: str, params: Mapping[str, Any], lang: str, tz: ZoneInfo) -> Mrkdwn:
    """The grades are on their way to the students; the explanation and complaint windows,
    as dates from the announcement; keep your notes."""
    if "results_published" not in params:  # a notice stored before it carried the windows
        return md(lang, "handoff.transferred.plain", test=test_id)
    published = datetime.fromisoformat(params["results_published"])
    head = md(lang, "handoff.transferred.intro", test=test_id, when=kit.date(lang, published, tz))
    if params.get("oral_or_practical"):
        next_steps = [
            md(lang, "handoff.transferred.explanation_at_once"),
            md(lang, "handoff.transferred.no_complaint"),
        ]
    else:
        explanation = datetime.fromisoformat(params["explanation_asked_by"])
        complaint = datetime.fromisoformat(params["complaint_by"])
        next_steps = [
            md(lang, "handoff.transferred.explanation", by=kit.date(lang, explanation, tz)),
            md(lang, "handoff.transferred.complaint", by=kit.date(lang, complaint, tz)),
        ]
    next_steps.append(md(lang, "handoff.transferred.notes"))
    return head + Mrkdwn("\n") + kit.bullets(next_steps)


# -- to the consultants: not transferred yet -----------------------------------------------


class Facts(Protocol):
    """A message's params with the renderer's helpers (`bot.ui.outgoing`'s facts)."""

    params: Mapping[str, Any]
    lang: str

    def t(self, key: str, **params: object) -> Mrkdwn: ...

    def plain(self, key: str, **params: object) -> str: ...

    def time(self, name: str) -> Mrkdwn: ...


def handoff_reminder(f: Facts) -> tuple[Mrkdwn, list[Block]]:
    if f.params["trial_recorded"]:
        todo = "handoff.reminder.confirm"
    elif f.params["graded_in_sensorbot"]:
        todo = "handoff.reminder.import_and_trial"
    else:
        todo = "handoff.reminder.trial"
    blocks: list[Block] = [
        kit.header(f.plain("handoff.reminder.header")),
        kit.section(f.t("handoff.reminder.intro", since=f.time("started_at"))),
        kit.section(f.t(todo)),
        kit.context(f.t("handoff.reminder.every_day")),
    ]
    return f.t("handoff.reminder.fallback"), blocks
