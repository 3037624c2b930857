"""The one way to reach a person in Slack: find them by e-mail (their e-mail, then their
Inspera e-mail) and open the DM with them. The outbox's delivery and every listener use
these; nothing else calls `users.lookupByEmail` or `conversations.open`."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.slack.identity import IdentityResolver


def find_person(
    client: WebClient, identities: IdentityResolver, email: str, alt_email: str | None = None
) -> str | None:
    """The Slack user id of the person with `email`, else with `alt_email`; None when Slack
    has nobody with either. Slack's errors other than "not found" are raised."""
    for address in (email, alt_email):
        if address:
            user_id = identities.user_id_for_email(client, address)
            if user_id is not None:
                return user_id
    return None


def open_dm(client: WebClient, user_id: str) -> str:
    """The DM conversation with a person: files and grades go there, never to a channel."""
    return client.conversations_open(users=user_id)["channel"]["id"]


def is_person(channel: str) -> bool:
    """Whether a channel to post to is a Slack user id, i.e. that person's DM."""
    return channel.startswith(("U", "W"))
