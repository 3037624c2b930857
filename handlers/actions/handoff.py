"""The FS hand-off checklist's buttons: the test transfer was fine, FS refused some
candidates (opens a modal: `handlers.views.handoff`), transferred to FS.

A button's value is only its checklist's id; who may press it, and whether it still
applies, is decided by `bot.handoff` from the store. A refusal goes to the presser alone;
the checklists are updated in place through the outbox.
"""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger

from slack_bolt import Respond
from slack_sdk import WebClient
from sqlmodel import Session

from bot.approvals import ApprovalOutcome, Refusal, RefusalReason
from bot.approvals.delivery import enqueue_outcome
from bot.exams.people import Roles
from bot.handoff import TrialResult, checklist_to_press, press_transferred, record_trial
from bot.runtime import Asker, Runtime
from bot.scheduling.delivery import send_now
from bot.ui.approvals import PromptButton, refusal_text
from bot.ui.handoff import refused_modal
from bot.ui.payloads import PayloadError
from handlers.actions.approvals import tell_presser
from handlers.buttons import acked_button
from handlers.payloads import action_value

Press = Callable[[Session, int, Roles], ApprovalOutcome]
_UNREADABLE = Refusal(RefusalReason.out_of_date, {"test": ""})


def _pressed(body: dict, logger: Logger) -> int | None:
    try:
        return PromptButton.decode(action_value(body)).prompt_id
    except PayloadError as error:
        logger.warning("hand-off button: %s", error)
        return None


def _press(press_checklist: Press) -> Callable[..., None]:
    """The listener of a checklist button that changes it with `press_checklist`."""

    def press(
        body: dict,
        client: WebClient,
        respond: Respond,
        runtime: Runtime,
        asker: Asker,
        logger: Logger,
    ) -> None:
        prompt_id = _pressed(body, logger)
        keys: list[str] = []
        if prompt_id is None:
            outcome = ApprovalOutcome(refusal=_UNREADABLE)
        else:
            with runtime.session() as session:
                outcome = press_checklist(session, prompt_id, asker.roles)
                keys = enqueue_outcome(session, outcome)
        if outcome.refusal is not None:
            text = refusal_text(outcome.refusal, asker.lang, runtime.settings.tz)
            tell_presser(body, client, respond, text)
        send_now(runtime, keys)

    return acked_button(press)


def _fine(session: Session, prompt_id: int, actor: Roles) -> ApprovalOutcome:
    return record_trial(session, prompt_id, actor, TrialResult.fine)


handle_trial_fine = _press(_fine)
handle_transferred = _press(press_transferred)


def _open_refused(
    body: dict, client: WebClient, respond: Respond, runtime: Runtime, asker: Asker, logger: Logger
) -> None:
    """ "FS refused some candidates": the modal asking which, for someone who may record it."""
    prompt_id = _pressed(body, logger)
    lang, tz = asker.lang, runtime.settings.tz
    if prompt_id is None:
        tell_presser(body, client, respond, refusal_text(_UNREADABLE, lang, tz))
        return
    with runtime.session() as session:
        checked = checklist_to_press(session, prompt_id, asker.roles)
    if isinstance(checked, Refusal):
        tell_presser(body, client, respond, refusal_text(checked, lang, tz))
        return
    client.views_open(trigger_id=body["trigger_id"], view=refused_modal(lang, prompt_id, checked))


handle_trial_refused = acked_button(_open_refused)
