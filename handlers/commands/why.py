"""`/sensur why [TEST]` (`hvorfor`): why can't I see the submissions?"""

from __future__ import annotations

from logging import Logger

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.diagnosis.access import Diagnosis, diagnose_access
from bot.i18n import t
from bot.slack.commands import CommandRequest
from bot.slack.identity import IdentityResolver
from bot.slack.messaging import find_person
from bot.ui.diagnosis import why_message
from models.types import utcnow


def reply_why(request: CommandRequest) -> None:
    runtime = request.runtime
    person = request.asker.slack
    if person.email is None:
        exam_office = runtime.settings.help_contacts.exam_office
        request.respond(
            text=t(request.lang, "why.unidentified", exam_office=exam_office),
            response_type="ephemeral",
        )
        return
    query = " ".join(request.command.args) or None
    with runtime.session() as session:
        diagnosis = diagnose_access(
            session, email=person.email, query=query, now=utcnow(), settings=runtime.settings
        )
    consultants = consultants_in_slack(
        request.client, runtime.identities, diagnosis, request.logger
    )
    text, blocks = why_message(diagnosis, request.lang, runtime.settings, consultants=consultants)
    request.respond(text=text, blocks=blocks, response_type="ephemeral")


def consultants_in_slack(
    client: WebClient, identities: IdentityResolver, diagnosis: Diagnosis, logger: Logger
) -> dict[str, str | None]:
    """The Slack user of each consultant the answer offers to send a case to, so that it
    names them (None: not in Slack, or Slack could not say just now)."""
    emails = {
        email
        for test in diagnosis.tests
        if diagnosis.escalation_offered(test.test_id)
        for email in test.consultants
    }
    found: dict[str, str | None] = {}
    for email in sorted(emails):
        try:
            found[email] = find_person(client, identities, email)
        except SlackApiError as error:
            logger.warning("why: looking up a consultant in Slack failed: %s", error)
            found[email] = None
    return found
