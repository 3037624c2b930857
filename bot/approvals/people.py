"""People as approval messages name them: by name when the store has one (the roster's
grader name), else as a Slack user (shown as a mention, which Slack writes as their name),
never by e-mail address. `you` marks the person a message is for, so it can say "you".

A Slack user id is known for everyone the bot has posted a prompt to (recorded when the
prompt was delivered), and for whoever pressed a button or typed a command."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlmodel import Session, col, select

from models.tables import ApprovalPrompt, Grader


@dataclass(frozen=True)
class Person:
    name: str | None = None
    slack_user_id: str | None = None
    consultant: bool = False  # how to say who it is when neither name nor Slack user is known
    you: bool = False

    def as_you(self, is_you: bool = True) -> Person:
        return replace(self, you=is_you)

    def to_params(self) -> dict[str, Any]:
        """As a message's stored facts (plain JSON)."""
        return {
            "name": self.name,
            "slack_user_id": self.slack_user_id,
            "consultant": self.consultant,
        }

    @classmethod
    def from_params(cls, value: object) -> Person:
        """Back from stored facts; a bare string (messages stored before people were
        stored this way) is a name, unless it is an e-mail address, which is never shown."""
        if isinstance(value, Mapping):
            return cls(
                name=value.get("name"),
                slack_user_id=value.get("slack_user_id"),
                consultant=bool(value.get("consultant")),
            )
        if isinstance(value, str) and value and "@" not in value:
            return cls(name=value)
        return cls()


def slack_users(session: Session, test_id: str, emails: Iterable[str]) -> dict[str, str]:
    """E-mail → Slack user id, for the people the test's prompts were delivered to."""
    wanted = set(emails)
    if not wanted:
        return {}
    rows = session.exec(
        select(col(ApprovalPrompt.recipient_email), col(ApprovalPrompt.slack_user_id)).where(
            col(ApprovalPrompt.test_id) == test_id,
            col(ApprovalPrompt.slack_user_id).is_not(None),
            col(ApprovalPrompt.recipient_email).in_(wanted),
        )
    ).all()
    return {email: user_id for email, user_id in rows if user_id}


def grader_names(session: Session, emails: Iterable[str]) -> dict[str, str]:
    wanted = set(emails)
    if not wanted:
        return {}
    rows = session.exec(
        select(col(Grader.email), col(Grader.name)).where(col(Grader.email).in_(wanted))
    ).all()
    return {email: name for email, name in rows if name}


def person(
    session: Session,
    test_id: str,
    email: str | None,
    *,
    slack_user_id: str | None = None,
    consultant: bool = False,
) -> Person:
    """One person of the test, looked up in the store (`slack_user_id` when the caller
    knows it: the person pressing or typing)."""
    if not email:
        return Person(slack_user_id=slack_user_id, consultant=consultant)
    name = grader_names(session, [email]).get(email)
    user_id = slack_user_id or slack_users(session, test_id, [email]).get(email)
    return Person(name=name, slack_user_id=user_id, consultant=consultant)
