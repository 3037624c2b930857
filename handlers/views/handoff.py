"""The modal for the candidates FS refused in Inspera's test transfer: checked against the
test's candidates; unknown ones are named in the modal and nothing is stored."""

from __future__ import annotations

from logging import Logger

from slack_bolt import Ack

from bot.approvals.delivery import enqueue_outcome
from bot.handoff import TrialResult, record_trial
from bot.i18n import t
from bot.runtime import Asker, Runtime
from bot.scheduling.delivery import send_now
from bot.ui.approvals import PromptButton, refusal_text
from bot.ui.handoff import REFUSED_BLOCK, REFUSED_INPUT
from bot.ui.payloads import PayloadError
from handlers.payloads import typed_value


def handle_refused_submission(
    ack: Ack, view: dict, runtime: Runtime, asker: Asker, logger: Logger
) -> None:
    lang = asker.lang
    typed = typed_value(view, REFUSED_BLOCK, REFUSED_INPUT)
    try:
        prompt_id = PromptButton.decode(view.get("private_metadata") or "").prompt_id
    except PayloadError as error:
        logger.warning("refused candidates modal: %s", error)
        ack(response_action="errors", errors={REFUSED_BLOCK: t(lang, "button.unreadable")})
        return
    with runtime.session() as session:
        outcome = record_trial(session, prompt_id, asker.roles, TrialResult.refused, typed)
        keys = enqueue_outcome(session, outcome)
    if outcome.refusal is not None:
        text = refusal_text(outcome.refusal, lang, runtime.settings.tz)
        ack(response_action="errors", errors={REFUSED_BLOCK: text})
        return
    ack()
    send_now(runtime, keys)
