"""Escalations (SPEC §3.4) in the store: a grader's case sent to the consultants of a test
(or to the exam office when no test is concerned), acknowledged and resolved by them, and
re-raised once when nobody acknowledged it in time. Every step is audited in the caller's
unit of work. Sending and updating the Slack messages is `bot/escalations/delivery.py`.

At most one unresolved case exists per grader and test. That is kept by the store (a
unique key column, inserted with ON CONFLICT DO NOTHING), so two clicks arriving at the
same moment, even on two replicas, still create one case.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from bot.diagnosis.access import Finding
from bot.exams import audit
from bot.exams.people import Roles
from models.inserts import insert_for
from models.tables import Escalation, EscalationMessage, EscalationStatus, stored_id, table_of

SYSTEM_ACTOR = "sensorbot"
_NO_TEST = "-"
_UNRESOLVED = (EscalationStatus.open.value, EscalationStatus.acknowledged.value)
_ESCALATIONS = table_of(Escalation)


@dataclass(frozen=True)
class Opened:
    escalation: Escalation
    created: bool  # False: the grader already had an unresolved case for this test


@dataclass(frozen=True)
class Transition:
    escalation: Escalation
    changed: bool  # False: it was already in that state, or further along


@dataclass(frozen=True)
class PostedCopy:
    """One copy of the case posted in Slack."""

    recipient_email: str | None  # None for the department channel
    channel: str
    ts: str
    lang: str


def active_key(test_id: str | None, grader_email: str) -> str:
    return f"{test_id or _NO_TEST}|{grader_email.strip().lower()}"


def create_or_existing(
    session: Session,
    *,
    test_id: str | None,
    grader_email: str,
    grader_slack_user: str,
    grader_name: str | None,
    findings: Sequence[Finding],
    now: datetime,
) -> Opened:
    """A new case for this grader and test, or the unresolved one they already have."""
    grader_email = grader_email.strip().lower()
    key = active_key(test_id, grader_email)
    values: dict[str, object] = {
        "test_id": test_id,
        "grader_email": grader_email,
        "grader_name": grader_name,
        "grader_slack_user": grader_slack_user,
        "findings_json": json.dumps([f.to_json() for f in findings]),
        "status": EscalationStatus.open.value,
        "active_key": key,
        "created_at": now,
    }
    new_id = _insert_unless_active(session, values)
    if new_id is None:
        existing = session.exec(select(Escalation).where(col(Escalation.active_key) == key)).one()
        return Opened(existing, created=False)
    escalation = session.exec(select(Escalation).where(col(Escalation.id) == new_id)).one()
    audit.record(
        session,
        grader_email,
        "escalation.created",
        test_id=test_id,
        subject=_subject(new_id),
        new=", ".join(f.kind.value for f in findings),
    )
    return Opened(escalation, created=True)


def _insert_unless_active(session: Session, values: dict[str, object]) -> int | None:
    """INSERT … ON CONFLICT (active_key) DO NOTHING RETURNING id; None when it conflicted.

    On PostgreSQL a conflicting insert from a transaction not yet committed makes this one
    wait for it, then do nothing, so the loser always finds the winner's row."""
    statement = (
        insert_for(session, _ESCALATIONS)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["active_key"])
        .returning(_ESCALATIONS.c.id)
    )
    return session.exec(statement).scalar_one_or_none()


def record_delivery(
    session: Session,
    escalation: Escalation,
    copies: Sequence[PostedCopy],
    unreachable: Sequence[str],
) -> None:
    """Remember where the case was posted (to update every copy later), and audit it."""
    for copy in copies:
        session.add(
            EscalationMessage(
                escalation_id=stored_id(escalation),
                recipient_email=copy.recipient_email,
                channel=copy.channel,
                ts=copy.ts,
                lang=copy.lang,
            )
        )
    reached = [c.recipient_email or c.channel for c in copies]
    audit.record(
        session,
        SYSTEM_ACTOR,
        "escalation.delivered",
        test_id=escalation.test_id,
        subject=_subject(escalation.id),
        old=", ".join(unreachable) or None,
        new=", ".join(reached) or None,
    )


def copies_of(session: Session, escalation_id: int) -> list[EscalationMessage]:
    return list(
        session.exec(
            select(EscalationMessage)
            .where(col(EscalationMessage.escalation_id) == escalation_id)
            .order_by(col(EscalationMessage.id))
        ).all()
    )


def findings_of(escalation: Escalation) -> tuple[Finding, ...]:
    return tuple(Finding.from_json(item) for item in json.loads(escalation.findings_json))


def may_act(session: Session, escalation: Escalation, roles: Roles) -> bool:
    """Consultants of the case's test and admins act on it; the exam office does too on the
    cases it received (those without a test, or where no consultant could be reached)."""
    if roles.is_admin:
        return True
    if escalation.test_id is not None and escalation.test_id in roles.consultant_test_ids:
        return True
    if roles.is_exam_office and roles.email:
        return any(
            c.recipient_email == roles.email for c in copies_of(session, stored_id(escalation))
        )
    return False


def acknowledge(session: Session, escalation_id: int, *, actor: str, now: datetime) -> Transition:
    changed = _transition(
        session,
        escalation_id,
        from_statuses=(EscalationStatus.open.value,),
        status=EscalationStatus.acknowledged.value,
        acknowledged_at=now,
        acknowledged_by=actor,
    )
    escalation = _reloaded(session, escalation_id)
    if changed:
        audit.record(
            session,
            actor,
            "escalation.acknowledged",
            test_id=escalation.test_id,
            subject=_subject(escalation_id),
            old=EscalationStatus.open.value,
            new=EscalationStatus.acknowledged.value,
        )
    return Transition(escalation, changed)


def resolve(session: Session, escalation_id: int, *, actor: str, now: datetime) -> Transition:
    """Resolved from open or acknowledged; the grader may then escalate anew if needed."""
    before = _reloaded(session, escalation_id).status
    changed = _transition(
        session,
        escalation_id,
        from_statuses=_UNRESOLVED,
        status=EscalationStatus.resolved.value,
        resolved_at=now,
        resolved_by=actor,
        active_key=None,
    )
    escalation = _reloaded(session, escalation_id)
    if changed:
        audit.record(
            session,
            actor,
            "escalation.resolved",
            test_id=escalation.test_id,
            subject=_subject(escalation_id),
            old=str(before),
            new=EscalationStatus.resolved.value,
        )
    return Transition(escalation, changed)


def due_for_reraise(
    session: Session, now: datetime, hours: float, *, limit: int = 500
) -> list[Escalation]:
    """Open cases nobody acknowledged within `hours`, not re-raised yet, oldest first."""
    cutoff = now - timedelta(hours=hours)
    return list(
        session.exec(
            select(Escalation)
            .where(
                col(Escalation.status) == EscalationStatus.open.value,
                col(Escalation.reraised_at).is_(None),
                col(Escalation.created_at) <= cutoff,
            )
            .order_by(col(Escalation.created_at), col(Escalation.id))
            .limit(limit)
        ).all()
    )


def mark_reraised(session: Session, escalation_id: int, now: datetime) -> bool:
    """Claim the one re-raise of a case; False when it was re-raised, acknowledged or
    resolved meanwhile (another pass or replica got there first)."""
    changed = _transition(
        session,
        escalation_id,
        from_statuses=(EscalationStatus.open.value,),
        extra_condition=col(Escalation.reraised_at).is_(None),
        reraised_at=now,
    )
    if changed:
        escalation = _reloaded(session, escalation_id)
        audit.record(
            session,
            SYSTEM_ACTOR,
            "escalation.reraised",
            test_id=escalation.test_id,
            subject=_subject(escalation_id),
            new=now.isoformat(),
        )
    return changed


def _transition(
    session: Session,
    escalation_id: int,
    *,
    from_statuses: tuple[str, ...],
    extra_condition: ColumnElement[bool] | None = None,
    **values: object,
) -> bool:
    """One conditional UPDATE, so that of two simultaneous clicks only one changes it."""
    conditions = [col(Escalation.id) == escalation_id, col(Escalation.status).in_(from_statuses)]
    if extra_condition is not None:
        conditions.append(extra_condition)
    result = session.exec(update(Escalation).where(*conditions).values(**values))
    return result.rowcount == 1


def _reloaded(session: Session, escalation_id: int) -> Escalation:
    escalation = session.exec(
        select(Escalation)
        .where(col(Escalation.id) == escalation_id)
        .execution_options(populate_existing=True)
    ).one_or_none()
    if escalation is None:
        raise LookupError(f"no escalation {escalation_id}")
    return escalation


def _subject(escalation_id: int | None) -> str:
    return f"escalation:{escalation_id}"
