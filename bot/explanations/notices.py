"""What recording "Explanation given" tells the other graders of the committee: who gave it,
and when (stored in the outbox in the press's unit of work)."""

from __future__ import annotations

from sqlmodel import Session

from bot.explanations.requests import GivenOutcome
from bot.messages import MessageKind
from bot.scheduling.outbox import OutgoingMessage
from bot.scheduling.steps import grader_recipient, graders_by_email, message
from models.tables import Test


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
