"""Grade sheets sent to the bot in a DM: the `file_shared` event and the files of a
`message` event go to the grade-sheet intake (`bot.slack.gradesheets`)."""

from __future__ import annotations

from logging import Logger

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.runtime import Asker, Runtime
from bot.slack.gradesheets import GradeSheetIntake, receive_grade_sheet


def handle_file_shared(
    body: dict,
    event: dict,
    client: WebClient,
    context: BoltContext,
    runtime: Runtime,
    asker: Asker,
    logger: Logger,
) -> None:
    channel = event.get("channel_id") or ""
    user_id = event.get("user_id")
    file_id = event.get("file_id") or (event.get("file") or {}).get("id")
    # Only files in a DM with the bot are grade sheets for it; the bot's own uploads are not.
    if not channel.startswith("D") or not user_id or not file_id or user_id == context.bot_user_id:
        return
    intake = GradeSheetIntake(runtime, client, asker, user_id, logger)
    receive_grade_sheet(intake, file_id, context.bot_user_id)


def receive_files_from_message(
    body: dict,
    event: dict,
    client: WebClient,
    context: BoltContext,
    runtime: Runtime,
    asker: Asker,
    logger: Logger,
) -> None:
    intake = GradeSheetIntake(runtime, client, asker, event["user"], logger)
    for shared in event.get("files") or []:
        if shared.get("id"):
            receive_grade_sheet(intake, shared["id"], context.bot_user_id)
