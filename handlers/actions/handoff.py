"""The FS hand-off checklist's buttons: the test transfer was fine, FS refused some
candidates (opens a modal: `handlers.views.handoff`), transferred to FS.

A button's value is only its checklist's id; who may press it, and whether it still
applies, is decided by `bot.handoff` from the store. A refusal goes to the presser alone;
the checklists are updated in place through the outbox.
"""

from __future__ import annotations

from logging import Logger

from slack_bolt import Respond
from slack_sdk import WebClient
from sqlmodel import Session

from bot.approvals import ApprovalOutcome, Refusal, RefusalReason
from bot.exams.people import Roles
from bot.handoff import TrialResult, checklist_to_press, press_transferred, record_trial
from bot.runtime import Asker, Runtime
from bot.ui.approvals import PromptButton, refusal_text
from bot.ui.handoff import refused_modal
from bot.ui.payloads import PayloadError
from handlers.actions.approvals import by_roles, prompt_button
from handlers.buttons import acked_button, tell_presser
from handlers.payloads import action_value

_UNREADABLE = Refusal(RefusalReason.out_of_date, {"test": ""})


def _pressed(body: dict, logger: Logger) -> int | None:
    try:
        return PromptButton.decode(action_value(body)).prompt_id
    except PayloadError as error:
        logger.warning("hand-off button: %s", error)
        return None


def _fine(session: Session, prompt_id: int, actor: Roles) -> ApprovalOutcome:
    return record_trial(session, prompt_id, actor, TrialResult.fine)


# Pressed like an approval prompt's button: refusals to the presser, the checklists
# updated in place through the outbox.
handle_trial_fine = prompt_button(by_roles(_fine))
handle_transferred = prompt_button(by_roles(press_transferred))


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
