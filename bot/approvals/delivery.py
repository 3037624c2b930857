"""Sending what an approval step says must be told: DMs to graders and consultants, prompts
posted once and updated in place afterwards, and the export file to consultants.

Listeners call `deliver` after their unit of work committed; the grade-sheet upload flow
does the same with the outcome of `bot.approvals.after_grades_changed`.
"""

from __future__ import annotations

from logging import Logger

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.approvals import (
    ApprovalNotice,
    ApprovalOutcome,
    NoticeKind,
    posted_prompt,
    prompt_view,
    record_prompt_message,
)
from bot.gradesheets.export import export_filename, export_final_grades
from bot.runtime import Runtime
from bot.ui.approvals import export_comment, notice_text, prompt_message
from models.tables import Grader


def deliver(runtime: Runtime, client: WebClient, outcome: ApprovalOutcome, logger: Logger) -> None:
    """Send the outcome's notices, then refresh the prompts it changed. One undeliverable
    message is logged and does not keep the others from going out."""
    for notice in outcome.notices:
        try:
            send_notice(runtime, client, notice, logger)
        except SlackApiError as error:
            logger.error(
                "approval message %s on %s to %s not delivered: %s",
                notice.kind,
                notice.test_id,
                notice.recipient,
                error.response.get("error"),
            )
    for prompt_id in outcome.prompt_updates:
        try:
            refresh_prompt(runtime, client, prompt_id)
        except SlackApiError as error:
            logger.error(
                "approval prompt %s not updated: %s", prompt_id, error.response.get("error")
            )


def slack_user_for(runtime: Runtime, client: WebClient, email: str) -> str | None:
    """The Slack user of a grader or consultant: by e-mail, then by the grader's Inspera
    e-mail when that differs."""
    user_id = runtime.identities.user_id_for_email(client, email)
    if user_id is not None:
        return user_id
    with runtime.session() as session:
        grader = session.get(Grader, email)
        other = grader.inspera_email if grader is not None else None
    if other and other.strip().lower() != email.lower():
        return runtime.identities.user_id_for_email(client, other)
    return None


def send_notice(
    runtime: Runtime, client: WebClient, notice: ApprovalNotice, logger: Logger
) -> None:
    user_id = slack_user_for(runtime, client, notice.recipient)
    if user_id is None:
        logger.warning(
            "approval message %s on %s: nobody in Slack has the e-mail %s",
            notice.kind,
            notice.test_id,
            notice.recipient,
        )
        return
    lang = runtime.identities.resolve(client, user_id).language
    channel = client.conversations_open(users=user_id)["channel"]["id"]
    if notice.prompt_id is None:
        client.chat_postMessage(channel=channel, text=notice_text(notice, lang))
        return
    with runtime.session() as session:
        view = prompt_view(session, notice.prompt_id)
        export = (
            export_final_grades(session, notice.test_id)
            if notice.kind == NoticeKind.transfer_prompt
            else None
        )
    if view is None:
        return
    if export is not None:
        client.files_upload_v2(
            channel=channel,
            file=export.content,
            filename=export_filename(notice.test_id),
            title=export_filename(notice.test_id),
            initial_comment=export_comment(lang, notice.test_id),
        )
    message = prompt_message(view, lang, runtime.settings.tz)
    posted = client.chat_postMessage(channel=channel, text=message.text, blocks=message.blocks)
    with runtime.session() as session:
        record_prompt_message(session, notice.prompt_id, user_id, posted["channel"], posted["ts"])


def refresh_prompt(runtime: Runtime, client: WebClient, prompt_id: int) -> None:
    """Re-render a posted prompt in place, so it shows who did what."""
    with runtime.session() as session:
        prompt = posted_prompt(session, prompt_id)
        view = prompt_view(session, prompt_id) if prompt is not None else None
    if prompt is None or view is None or prompt.slack_user_id is None:
        return
    lang = runtime.identities.resolve(client, prompt.slack_user_id).language
    message = prompt_message(view, lang, runtime.settings.tz)
    client.chat_update(
        channel=prompt.channel, ts=prompt.ts, text=message.text, blocks=message.blocks
    )
