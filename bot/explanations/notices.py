"""What recording "Explanation given" tells the other graders of the committee: who gave it,
and when (stored in the outbox in the press's unit of work); and the updates that show every
posted copy of the request as given, without its button."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot.explanations.requests import GivenOutcome, RequestView, committee_graders
from bot.explanations.steps import REMINDER_WORKING_DAYS
from bot.messages import MessageKind, Recipient
from bot.scheduling.outbox import OutgoingMessage
from bot.scheduling.steps import grader_recipient, graders_by_email, message, message_key
from models.tables import OutboxEntry, OutboxStatus, Test


def given_notices(
    session: Session, outcome: GivenOutcome, by_user: str | None
) -> list[OutgoingMessage]:
    """One DM per other grader; `by_user` is the Slack user who pressed (named by mention)."""
    view = outcome.view
    if outcome.refusal is not None or view is None or view.given_at is None:
        return []
    test = session.get(Test, view.test_id)
    if test is None:
        return []
    graders = graders_by_email(session, outcome.others)
    params = {
        "request_id": view.request_id,
        "candidate_id": view.candidate_id,
        "given_at": view.given_at.isoformat(),
        "by_user": by_user,
        "by_name": view.given_by_name,
    }
    return [
        message(
            MessageKind.explanation_given,
            test,
            grader_recipient(email, graders.get(email)),
            (view.request_id,),
            params,
        )
        for email in outcome.others
    ]


# The kinds that carry the button, and the occasions (after the request id) of their keys.
_WITH_BUTTON = (
    (MessageKind.explanation_request, ()),
    *((MessageKind.explanation_reminder, (days,)) for days in REMINDER_WORKING_DAYS),
    (MessageKind.explanation_overdue, ()),
)


@dataclass(frozen=True)
class PostedCopy:
    """A grader's request, reminder or overdue DM that Slack has, with its button."""

    key: str
    email: str
    alt_email: str | None
    channel: str
    ts: str


def posted_copies(session: Session, view: RequestView) -> list[PostedCopy]:
    """The request's button-carrying DMs posted to the committee's graders, by their
    outbox keys (the same keys the steps store them under)."""
    emails = committee_graders(session, [view.request_id])[view.request_id]
    keys = [
        message_key(kind, view.test_id, view.request_id, *occasion, email)
        for email in emails
        for kind, occasion in _WITH_BUTTON
    ]
    if not keys:
        return []
    rows = session.exec(
        select(OutboxEntry).where(
            col(OutboxEntry.key).in_(keys), col(OutboxEntry.status) == OutboxStatus.sent.value
        )
    ).all()
    return [
        PostedCopy(row.key, row.to_email or "", row.to_alt_email, row.slack_channel, row.slack_ts)
        for row in rows
        if row.slack_channel and row.slack_ts
    ]


def given_updates(
    view: RequestView, copies: Sequence[PostedCopy], by_user: str, user_ids: Mapping[str, str]
) -> list[OutgoingMessage]:
    """An update of each posted copy to "given by …", shown in its reader's language
    (`user_ids`: the Slack user of each copy's grader, by e-mail, where found)."""
    return [
        OutgoingMessage(
            key=message_key(MessageKind.explanation_update, view.test_id, copy.key),
            kind=MessageKind.explanation_update.value,
            test_id=view.test_id,
            recipient=Recipient(channel=copy.channel),
            params={
                "request_id": view.request_id,
                "posted_key": copy.key,
                "by_user": by_user,
                "user_id": user_ids.get(copy.email),
            },
        )
        for copy in copies
    ]
