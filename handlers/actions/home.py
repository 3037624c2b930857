"""Buttons on the Home tab. A Home tab has no `response_url`: what a press did is shown at the
top of the tab, published again from the store, so the person sees the effect where they
pressed.

- "Åpne for vurdering" (consultants): opens the test, if the store says they may;
- "Last ned karakterark": the opened notice's template button, answered on the tab;
- "Godkjenn egen sensur": the approval prompt's own listener, then the tab again;
- "Hjelp": the help for the person's roles, in a modal.
"""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookResponse

from bot.opening.service import AlreadyOpen, Opened, open_test
from bot.runtime import Asker, Runtime
from bot.ui import kit
from bot.ui.help import Audience, help_modal
from bot.ui.kit import Mrkdwn, md
from bot.ui.opening import refusal_lines
from bot.ui.outgoing import NoticeButton
from bot.ui.payloads import PayloadError
from handlers.actions import approvals, notices
from handlers.buttons import acked_button
from handlers.events.home import publish_home
from handlers.payloads import action_value
from models.tables import Test
from models.types import utcnow


def from_home(body: dict) -> bool:
    """Whether the press came from a Home tab (a listener matcher)."""
    return (body.get("view") or {}).get("type") == "home"


class HomeAnswer(Respond):
    """`respond` for a press on the Home tab: the answer is shown at the top of the tab."""

    def __init__(self, client: WebClient, runtime: Runtime, asker: Asker, user_id: str) -> None:
        super().__init__(response_url=None)
        self._publish = lambda done: publish_home(client, runtime, asker, user_id, done)

    def __call__(self, text: str | dict = "", *args: Any, **kwargs: Any) -> WebhookResponse:
        # The sub-commands answer in catalog text, as they would in an ephemeral reply.
        self._publish(Mrkdwn(text) if isinstance(text, str) else None)
        return WebhookResponse(url="", status_code=200, body="", headers={})


def handle_home_template(
    body: dict, client: WebClient, runtime: Runtime, asker: Asker, logger: Logger
) -> None:
    answer = HomeAnswer(client, runtime, asker, body["user"]["id"])
    notices.handle_template(
        body=body,
        client=client,
        respond=answer,
        runtime=runtime,
        asker=asker,
        logger=logger,
    )


def handle_home_approve_own(
    body: dict,
    client: WebClient,
    respond: Respond,
    runtime: Runtime,
    asker: Asker,
    logger: Logger,
) -> None:
    """The prompt's approve button, pressed on the Home tab: approved (or refused, told by
    DM) by the approvals listener, then the tab shows the new state."""
    approvals.handle_approve_own(
        body=body,
        client=client,
        respond=respond,
        runtime=runtime,
        asker=asker,
        logger=logger,
    )
    publish_home(client, runtime, asker, body["user"]["id"])


def _open(
    body: dict,
    client: WebClient,
    respond: Respond,
    runtime: Runtime,
    asker: Asker,
    logger: Logger,
) -> None:
    user_id = body["user"]["id"]
    try:
        test_id = NoticeButton.decode(action_value(body)).test_id
    except PayloadError as error:
        logger.warning("home open button: %s", error)
        publish_home(client, runtime, asker, user_id, md(asker.lang, "button.unreadable"))
        return
    publish_home(client, runtime, asker, user_id, _open_test(runtime, asker, test_id))


def _open_test(runtime: Runtime, asker: Asker, test_id: str) -> Mrkdwn:
    """Open the test if the store says the presser may; what happened, for the tab."""
    lang, tz = asker.lang, runtime.settings.tz
    roles = asker.roles
    with runtime.session() as session:
        test = session.get(Test, test_id)
        if test is None or not roles.may_administer(test_id):
            return md(lang, "home.done.not_yours", test=test_id)
        result = open_test(session, test, roles.email or asker.slack.user_id, utcnow())
        match result:
            case Opened(graders=graders):
                return md(lang, "home.done.opened", test=test_id, count=graders)
            case AlreadyOpen(opened_at=opened_at):
                when = kit.date(lang, opened_at, tz)
                return md(lang, "home.done.already_open", test=test_id, when=when)
        lines = refusal_lines(lang, test, result.readiness, lambda when: kit.date(lang, when, tz))
        return kit.lines(lines)


def _help(
    body: dict,
    client: WebClient,
    respond: Respond,
    runtime: Runtime,
    asker: Asker,
    logger: Logger,
) -> None:
    view = help_modal(asker.lang, runtime.settings.help_contacts, Audience.of(asker.roles))
    client.views_open(trigger_id=body["trigger_id"], view=view)


handle_home_open = acked_button(_open)
handle_home_help = acked_button(_help)
