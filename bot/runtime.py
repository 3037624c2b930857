"""What every listener and job needs: settings, the store and the Slack identity cache."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlmodel import Session

from bot.exams.people import Roles, roles_for
from bot.i18n import Language
from bot.people.language import chosen_language
from bot.scheduling.pacing import Pacer
from bot.settings import Settings
from bot.slack.identity import IdentityResolver, SlackPerson
from models.db import session_scope

if TYPE_CHECKING:
    from bot.scheduling.delivery import SlackDelivery


class Asker:
    """The person behind a Slack request: who Slack says they are, and what the store says.

    Both are looked up on first use: a listener that only acknowledges asks Slack nothing,
    and one that needs only the language (help) touches no database.
    """

    def __init__(
        self, load_slack: Callable[[], SlackPerson], load_roles: Callable[[SlackPerson], Roles]
    ) -> None:
        self._load_slack = load_slack
        self._load_roles = load_roles

    @cached_property
    def slack(self) -> SlackPerson:
        return self._load_slack()

    @cached_property
    def roles(self) -> Roles:
        return self._load_roles(self.slack)

    @property
    def lang(self) -> str:
        return self.slack.language


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    identities: IdentityResolver = field(init=False)

    def __post_init__(self) -> None:
        self.identities = IdentityResolver(
            self.settings.default_language, chosen_language=self._chosen_language
        )

    def _chosen_language(self, slack_user_id: str) -> Language | None:
        with self.session() as session:
            return chosen_language(session, slack_user_id)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with session_scope(self.engine) as session:
            yield session

    @cached_property
    def outbox_delivery(self) -> SlackDelivery:
        """Sends outbox messages, for the scheduler and for listeners sending what they
        just enqueued: its own Web API client, which leaves retrying to the outbox."""
        from bot.app import create_web_client
        from bot.scheduling.delivery import SlackDelivery

        client = create_web_client(self.settings, retries=False)
        return SlackDelivery(client, self.identities, self.settings, self.engine)

    @cached_property
    def outbox_pacer(self) -> Pacer:
        """The one pace of this process's posts to Slack, shared by the scheduler's passes
        and the listeners' sends, so together they keep to Slack's limits."""
        return Pacer()

    def asker(self, client: WebClient, user_id: str) -> Asker:
        """The person behind a request; Slack (`users.info`) is asked only when first needed."""

        def load_roles(person: SlackPerson) -> Roles:
            with self.session() as session:
                return roles_for(session, person.email, self.settings)

        return Asker(lambda: self.identities.resolve(client, user_id), load_roles)
