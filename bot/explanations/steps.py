"""The scheduler's part for explanations: tell the graders of each new request, remind them
3 and 1 working days before it is due (09:00 local), and tell graders and consultants once
when it is overdue.

Each step is one query over the open requests (`given_at IS NULL`, an index range on
`due_at`) anti-joined with the handled occasions, so a pass with nothing due reads next to
nothing. Every occasion is claimed per request (`explanation:<id>:told`, `…:reminder:3`,
`…:overdue`) with `claim_occasion` before its messages are built, in the pass's
transaction: once per request and occasion, also across replicas.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import String, cast, exists, literal
from sqlmodel import Session, col, select

from bot.exams import audit
from bot.exams.deadlines import WorkingCalendar
from bot.explanations.requests import committee_graders
from bot.messages import MessageKind, Recipient
from bot.scheduling.occasions import (
    CATCH_UP,
    claim_occasion,
    delivery_time_reached,
    local_day_start,
)
from bot.scheduling.outbox import OutgoingMessage
from bot.scheduling.steps import (
    PassContext,
    Step,
    consultant_recipients,
    grader_recipient,
    graders_by_email,
    message,
)
from models.tables import ExplanationRequest, HandledOccasion, Test

REMINDER_WORKING_DAYS = (3, 1)  # working days before the due date
REQUESTS_PER_PASS = 200
TOLD, OVERDUE = "told", "overdue"


def occasion(request_id: int, what: str) -> str:
    return f"explanation:{request_id}:{what}"


def reminder(days: int) -> str:
    return f"reminder:{days}"


def _not_handled(what: str):
    name = literal("explanation:") + cast(col(ExplanationRequest.id), String) + f":{what}"
    return ~exists().where(
        col(HandledOccasion.test_id) == col(ExplanationRequest.test_id),
        col(HandledOccasion.occasion) == name,
    )


def _open_requests(ctx: PassContext, what: str, *conditions: Any) -> list[ExplanationRequest]:
    return list(
        ctx.session.exec(
            select(ExplanationRequest)
            .where(col(ExplanationRequest.given_at).is_(None), *conditions, _not_handled(what))
            .order_by(col(ExplanationRequest.due_at), col(ExplanationRequest.id))
            .limit(REQUESTS_PER_PASS)
        ).all()
    )


def _each_claimed(
    ctx: PassContext,
    what: str,
    conditions: Sequence[Any],
    build: Callable[[ExplanationRequest, Test, list[str]], list[OutgoingMessage]],
    keep: Callable[[ExplanationRequest], bool] = lambda request: True,
) -> list[OutgoingMessage]:
    """The messages `build` makes of each open request matching `conditions` whose occasion
    `what` this pass claims (and `keep`s), with its test and its committee's graders."""
    found = _open_requests(ctx, what, *conditions)
    claimed = [
        request
        for request in found
        if claim_occasion(ctx.session, request.test_id, occasion(_id(request), what), ctx.now)
    ]
    requests = [request for request in claimed if keep(request)]
    graders = committee_graders(ctx.session, [_id(r) for r in requests])
    messages: list[OutgoingMessage] = []
    for request in requests:
        built = build(request, _test(ctx.session, request), graders[_id(request)])
        _audit(ctx, request, what, built)
        messages += built
    return messages


def _audit(
    ctx: PassContext, request: ExplanationRequest, what: str, told: Sequence[OutgoingMessage]
) -> None:
    """Who was told of a request, and on which occasion (the law's deadline is at stake)."""
    audit.record(
        ctx.session,
        audit.SYSTEM_ACTOR,
        f"explanation_{what}",
        test_id=request.test_id,
        subject=f"candidate {request.candidate_id} (request {_id(request)})",
        new=", ".join(sorted({message.recipient.describe() for message in told})),
    )


def _id(request: ExplanationRequest) -> int:
    assert request.id is not None, "read from the store"
    return request.id


# -- telling the graders ---------------------------------------------------------------------


def tell_new_requests(ctx: PassContext) -> list[OutgoingMessage]:
    """Each new request: a DM to every grader of the candidate's committee (to the
    consultants when it has none), and a late one flagged to the consultants."""

    def build(request: ExplanationRequest, test: Test, emails: list[str]):
        if emails:
            messages = _to_graders(ctx, MessageKind.explanation_request, test, request, emails)
        else:
            messages = _to_consultants(ctx, MessageKind.explanation_unassigned, test, request)
        if request.late:
            messages += _to_consultants(
                ctx,
                MessageKind.explanation_late,
                test,
                request,
                requested_at=request.requested_at.isoformat(),
                results_published=_iso(test.results_published),
            )
        return messages

    recent = col(ExplanationRequest.due_at) > ctx.now - CATCH_UP
    return _each_claimed(ctx, TOLD, [recent], build)


# -- reminders --------------------------------------------------------------------------------


def remind_graders(ctx: PassContext) -> list[OutgoingMessage]:
    """On a working day from 09:00: the reminder due for each open request, to the graders
    of its committee. Reminder d is due once fewer than d working days are left before
    the due date; only the nearest one is sent (after a stop, the latest due)."""
    tz, calendar = ctx.settings.tz, ctx.settings.calendar
    today = ctx.now.astimezone(tz).date()
    if not delivery_time_reached(ctx.now, tz) or not calendar.is_working_day(today):
        return []
    messages: list[OutgoingMessage] = []
    lower = ctx.now
    for days in sorted(REMINDER_WORKING_DAYS):
        upper = local_day_start(calendar.working_days_after(today, days) + timedelta(1), tz)
        band = [col(ExplanationRequest.due_at) > lower, col(ExplanationRequest.due_at) < upper]
        messages += _each_claimed(
            ctx,
            reminder(days),
            band,
            functools.partial(_reminders, ctx, days),
            keep=functools.partial(_told_before, ctx, days=days),
        )
        lower = max(lower, upper)
    return messages


def _reminders(
    ctx: PassContext, days: int, request: ExplanationRequest, test: Test, emails: list[str]
) -> list[OutgoingMessage]:
    kind = MessageKind.explanation_reminder
    return _to_graders(ctx, kind, test, request, emails, (days,), days=days)


def reminder_day(calendar: WorkingCalendar, due: date, days: int) -> date:
    """The day reminder `days` belongs to: that many working days before the due date."""
    return calendar.working_days_before(due, days)


def _told_before(ctx: PassContext, request: ExplanationRequest, days: int) -> bool:
    """A request registered on or after its reminder's day was just told with its due date:
    that reminder is left out (the occasion stays claimed)."""
    tz = ctx.settings.tz
    day = reminder_day(ctx.settings.calendar, request.due_at.astimezone(tz).date(), days)
    return request.registered_at < local_day_start(day, tz)


# -- overdue ----------------------------------------------------------------------------------


def tell_overdue(ctx: PassContext) -> list[OutgoingMessage]:
    """Past due and not given: the committee's graders once, and one message to each
    consultant. Sent late for up to a week, no later (an old roster wakes nobody)."""

    def build(request: ExplanationRequest, test: Test, emails: list[str]):
        known = graders_by_email(ctx.session, emails)
        names = [known[e].name for e in emails if e in known and known[e].name]
        return _to_graders(
            ctx, MessageKind.explanation_overdue, test, request, emails
        ) + _to_consultants(
            ctx,
            MessageKind.explanation_overdue_consultant,
            test,
            request,
            graders=names,
            unnamed_count=len(emails) - len(names),
        )

    passed = [
        col(ExplanationRequest.due_at) <= ctx.now,
        col(ExplanationRequest.due_at) > ctx.now - CATCH_UP,
    ]
    return _each_claimed(ctx, OVERDUE, passed, build)


# -- messages ---------------------------------------------------------------------------------


def _to_graders(
    ctx: PassContext,
    kind: MessageKind,
    test: Test,
    request: ExplanationRequest,
    emails: Sequence[str],
    occasion_parts: tuple[object, ...] = (),
    **params: object,
) -> list[OutgoingMessage]:
    """One message per grader, rendered from the store when it is sent."""
    graders = graders_by_email(ctx.session, emails)
    # The kind again in the facts: the composer that renders it is shared by three kinds.
    facts: dict[str, object] = {
        "request_id": _id(request),
        "kind": kind.value,
        "as_of": ctx.now.isoformat(),
        **params,
    }
    return [
        message(
            kind, test, grader_recipient(e, graders.get(e)), (_id(request), *occasion_parts), facts
        )
        for e in emails
    ]


def _to_consultants(
    ctx: PassContext,
    kind: MessageKind,
    test: Test,
    request: ExplanationRequest,
    **params: object,
) -> list[OutgoingMessage]:
    facts = request_facts(request) | params
    recipients: list[Recipient] = consultant_recipients(ctx.session, test, ctx.settings)
    return [message(kind, test, r, (_id(request),), facts) for r in recipients]


def request_facts(request: ExplanationRequest) -> dict[str, Any]:
    return {
        "request_id": _id(request),
        "candidate_id": request.candidate_id,
        "due_at": request.due_at.isoformat(),
    }


def _test(session: Session, request: ExplanationRequest) -> Test:
    test = session.get(Test, request.test_id)
    assert test is not None, "a request's test is deleted with it"
    return test


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when is not None else None


EXPLANATION_STEPS: tuple[Step, ...] = (tell_new_requests, remind_graders, tell_overdue)
