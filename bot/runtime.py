"""What every listener and job needs: settings, the store and the Slack identity cache."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlmodel import Session

from bot.identity import IdentityResolver, SlackPerson
from bot.people import Roles, roles_for
from bot.settings import Settings
from models.db import session_scope


@dataclass(frozen=True)
class Asker:
    """The person behind a Slack request: who Slack says they are, and what the store says."""

    slack: SlackPerson
    roles: Roles

    @property
    def lang(self) -> str:
        return self.slack.language


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    identities: IdentityResolver = field(init=False)

    def __post_init__(self) -> None:
        self.identities = IdentityResolver(self.settings.default_language)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with session_scope(self.engine) as session:
            yield session

    def asker(self, client: WebClient, user_id: str) -> Asker:
        person = self.identities.resolve(client, user_id)
        with self.session() as session:
            roles = roles_for(session, person.email, self.settings)
        return Asker(person, roles)
