"""Prompt records and the lock that serialises a test's approval steps.

Every approval step first runs `lock_test`: an UPDATE of the test's row, which PostgreSQL
holds as a row lock and SQLite as its single write lock until the unit of work ends. So two
graders approving at the same moment are applied one after the other, the second seeing
the first; the unique constraints on the approval tables are the backstop.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from sqlmodel import Session, col, select

from bot.approvals.outcome import ApprovalNotice, ApprovalOutcome, NoticeKind
from models.tables import ApprovalPrompt, Test, stored_id, table_of
from models.types import utcnow


class PromptKind(StrEnum):
    own = "own"
    alignment = "alignment"
    final = "final"
    transfer = "transfer"  # the FS hand-off checklist, to consultants (bot.handoff)


NOTICE_FOR = {
    PromptKind.own: NoticeKind.own_prompt,
    PromptKind.alignment: NoticeKind.alignment_prompt,
    PromptKind.final: NoticeKind.final_prompt,
    PromptKind.transfer: NoticeKind.transfer_prompt,
}

_TESTS = table_of(Test)
ALL_SCOPES = ""  # scope of an own approval across committees, and of the transfer prompt


def lock_test(session: Session, test_id: str) -> Test | None:
    """Take the test's approval lock for this unit of work; None when there is no such test.

    Take it before the unit of work's other writes, and read the approval state after it:
    what was read before may already be stale."""
    result = session.exec(
        _TESTS.update()
        .where(_TESTS.c.test_id == test_id)
        .values(approval_revision=_TESTS.c.approval_revision + 1)
    )
    if result.rowcount == 0:
        return None
    return session.get(Test, test_id, populate_existing=True)


def find_prompt(
    session: Session,
    kind: PromptKind,
    test_id: str,
    scope: str,
    recipient: str,
    round_: int,
    part: int = 0,
) -> ApprovalPrompt | None:
    return session.exec(
        select(ApprovalPrompt).where(
            ApprovalPrompt.kind == kind,
            ApprovalPrompt.test_id == test_id,
            ApprovalPrompt.scope == scope,
            ApprovalPrompt.recipient_email == recipient,
            ApprovalPrompt.round == round_,
            ApprovalPrompt.part == part,
        )
    ).first()


def ensure_prompt(
    session: Session,
    kind: PromptKind,
    test_id: str,
    scope: str,
    recipient: str,
    round_: int,
    part: int = 0,
) -> ApprovalPrompt:
    """The prompt for this subject, made if it does not exist yet (under the test lock)."""
    prompt = find_prompt(session, kind, test_id, scope, recipient, round_, part)
    if prompt is None:
        prompt = ApprovalPrompt(
            kind=kind,
            test_id=test_id,
            scope=scope,
            recipient_email=recipient,
            round=round_,
            part=part,
        )
        session.add(prompt)
        session.flush()
    return prompt


def post_or_refresh(
    session: Session,
    outcome: ApprovalOutcome,
    kind: PromptKind,
    test_id: str,
    scope: str,
    recipient: str,
    round_: int,
    part: int = 0,
    *,
    params: Mapping[str, Any] | None = None,
) -> None:
    """Send the prompt to its recipient once; when it was sent before, refresh it in place.
    `params` go with the message that posts it."""
    prompt = ensure_prompt(session, kind, test_id, scope, recipient, round_, part)
    if prompt.claimed_at is None:
        prompt.claimed_at = utcnow()
        session.add(prompt)
        outcome.notices.append(
            ApprovalNotice(
                recipient=recipient,
                kind=NOTICE_FOR[kind],
                test_id=test_id,
                committee=scope or None,
                prompt_id=prompt.id,
                params=dict(params or {}),
            )
        )
    else:
        outcome.update_prompts([stored_id(prompt)])


def prompt_ids(
    session: Session,
    test_id: str,
    kinds: tuple[PromptKind, ...],
    *,
    scope: str | None = None,
    round_: int | None = None,
    recipient: str | None = None,
) -> list[int]:
    """Prompts already sent (so there is a message to update), oldest first."""
    statement = select(col(ApprovalPrompt.id)).where(
        col(ApprovalPrompt.test_id) == test_id,
        col(ApprovalPrompt.kind).in_(kinds),
        col(ApprovalPrompt.claimed_at).is_not(None),
    )
    if scope is not None:
        statement = statement.where(col(ApprovalPrompt.scope) == scope)
    if round_ is not None:
        statement = statement.where(col(ApprovalPrompt.round) == round_)
    if recipient is not None:
        statement = statement.where(col(ApprovalPrompt.recipient_email) == recipient)
    ids = session.exec(statement.order_by(col(ApprovalPrompt.id))).all()
    return [prompt_id for prompt_id in ids if prompt_id is not None]  # ids are never NULL


def record_prompt_message(
    session: Session, prompt_id: int, slack_user_id: str, channel: str, ts: str
) -> None:
    """Remember where the prompt was posted, so that it can be updated in place."""
    prompt = session.get(ApprovalPrompt, prompt_id)
    if prompt is None:
        raise LookupError(f"approval prompt {prompt_id} does not exist")
    prompt.slack_user_id = slack_user_id
    prompt.channel = channel
    prompt.ts = ts
    session.add(prompt)


def posted_prompt(session: Session, prompt_id: int) -> ApprovalPrompt | None:
    """The prompt when its message was posted (has a channel and ts)."""
    prompt = session.get(ApprovalPrompt, prompt_id)
    if prompt is None or prompt.channel is None or prompt.ts is None:
        return None
    return prompt
