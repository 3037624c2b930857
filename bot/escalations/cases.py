"""Escalations (SPEC §3.4) in the store: a grader's case sent to the consultants of a test
(or to the exam office when no test is concerned), acknowledged and resolved by them, and
re-raised once when nobody acknowledged it in time. Every step is audited in the caller's
unit of work. What is sent about them is `bot/escalations/delivery.py`.

Graders who escalate the same blockers of one test share one case: the first opens it, the
next join it, and the consultants see one case listing them all. A grader is on at most one
unresolved case per test. Both are kept by the store (unique keys, inserted with ON
CONFLICT DO NOTHING), so two clicks arriving at the same moment, even on two replicas,
still make one case with each grader on it once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from bot.diagnosis.access import Finding
from bot.exams import audit
from bot.exams.audit import SYSTEM_ACTOR
from bot.exams.people import Roles
from models.inserts import insert_for
from models.tables import (
    Escalation,
    EscalationGrader,
    EscalationMessage,
    EscalationStatus,
    stored_id,
    table_of,
)

_NO_TEST = "-"
_UNRESOLVED = (EscalationStatus.open.value, EscalationStatus.acknowledged.value)
_ESCALATIONS = table_of(Escalation)
_GRADERS = table_of(EscalationGrader)
_KEY_LENGTH = 512


@dataclass(frozen=True)
class Opened:
    escalation: Escalation
    created: bool  # a new case
    joined: bool = False  # the grader was added to an unresolved case about the same blockers

    @property
    def already(self) -> bool:
        """The grader was on an unresolved case for this test already: nothing changed."""
        return not self.created and not self.joined


@dataclass(frozen=True)
class CaseGrader:
    """A grader on a case, as its messages show them."""

    email: str
    slack_user: str
    name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"email": self.email, "slack_user": self.slack_user, "name": self.name}


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


def active_key(test_id: str | None, grader_email: str, findings: Sequence[Finding]) -> str:
    """What an unresolved case is about: the test and the kinds of its findings (graders who
    see the same are helped by the same fix), or the grader alone when no test is named."""
    if test_id is None:
        return f"{_NO_TEST}|{grader_email.strip().lower()}"
    key = f"{test_id}|{','.join(sorted({f.kind.value for f in findings}))}"
    if len(key) <= _KEY_LENGTH:
        return key
    return f"{test_id[:128]}|sha256:{hashlib.sha256(key.encode()).hexdigest()}"


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
    """The grader's unresolved case for this test if they have one; else the unresolved
    case about the same blockers, with the grader added; else a new case."""
    grader_email = grader_email.strip().lower()
    grader = CaseGrader(grader_email, grader_slack_user, grader_name)
    own = _unresolved_case_of(session, test_id, grader_email)
    if own is not None:
        return Opened(own, created=False)
    key = active_key(test_id, grader_email, findings)
    values: dict[str, object] = {
        "test_id": test_id,
        "grader_email": grader_email,
        "grader_name": grader_name,
        "grader_slack_user": grader_slack_user,
        "findings_json": _findings_json(findings),
        "status": EscalationStatus.open.value,
        "active_key": key,
        "created_at": now,
    }
    new_id = _insert_unless_active(session, values)
    if new_id is None:
        existing = session.exec(
            select(Escalation).where(col(Escalation.active_key) == key).with_for_update()
        ).one()
        return _join(session, existing, grader, findings, now)
    escalation = session.exec(select(Escalation).where(col(Escalation.id) == new_id)).one()
    _add_grader(session, escalation, grader, now)
    audit.record(
        session,
        grader_email,
        "escalation.created",
        test_id=test_id,
        subject=_subject(new_id),
        new=", ".join(f.kind.value for f in findings),
    )
    return Opened(_reloaded(session, new_id), created=True)


def _join(
    session: Session,
    case: Escalation,
    grader: CaseGrader,
    findings: Sequence[Finding],
    now: datetime,
) -> Opened:
    """Add the grader to the case about the same blockers (the case row is locked, so two
    graders joining at once both end up listed). Its findings become the latest seen: the
    same kinds, with today's counts and candidates."""
    if not _add_grader(session, case, grader, now):
        return Opened(case, created=False)  # a simultaneous click of theirs got there first
    case_id = stored_id(case)
    session.exec(
        update(Escalation)
        .where(col(Escalation.id) == case_id)
        .values(findings_json=_findings_json(findings))
    )
    audit.record(
        session,
        grader.email,
        "escalation.joined",
        test_id=case.test_id,
        subject=_subject(case_id),
        new=grader.email,
    )
    return Opened(_reloaded(session, case_id), created=False, joined=True)


def _add_grader(session: Session, case: Escalation, grader: CaseGrader, now: datetime) -> bool:
    """Put the grader on the case once; False when they were on it. The case's list of
    graders is rewritten from the table in the same unit of work."""
    case_id = stored_id(case)
    statement = (
        insert_for(session, _GRADERS)
        .values(
            escalation_id=case_id,
            grader_email=grader.email,
            grader_name=grader.name,
            grader_slack_user=grader.slack_user,
            joined_at=now,
        )
        .on_conflict_do_nothing(index_elements=["escalation_id", "grader_email"])
        .returning(_GRADERS.c.id)
    )
    if session.exec(statement).scalar_one_or_none() is None:
        return False
    listed = json.dumps([g.to_json() for g in _graders_in_store(session, case_id)])
    session.exec(
        update(Escalation).where(col(Escalation.id) == case_id).values(graders_json=listed)
    )
    return True


def _graders_in_store(session: Session, case_id: int) -> list[CaseGrader]:
    rows = session.exec(
        select(EscalationGrader)
        .where(col(EscalationGrader.escalation_id) == case_id)
        .order_by(col(EscalationGrader.joined_at), col(EscalationGrader.id))
    ).all()
    return [CaseGrader(r.grader_email, r.grader_slack_user, r.grader_name) for r in rows]


def graders_of(case: Escalation) -> tuple[CaseGrader, ...]:
    """Every grader on the case, the one who opened it first."""
    listed = json.loads(case.graders_json or "[]")
    if not listed:  # a case from before cases were shared
        return (CaseGrader(case.grader_email, case.grader_slack_user, case.grader_name),)
    return tuple(CaseGrader(str(g["email"]), str(g["slack_user"]), g.get("name")) for g in listed)


def _unresolved_case_of(
    session: Session, test_id: str | None, grader_email: str
) -> Escalation | None:
    test_condition = (
        col(Escalation.test_id).is_(None) if test_id is None else col(Escalation.test_id) == test_id
    )
    return session.exec(
        select(Escalation)
        .join(EscalationGrader, col(EscalationGrader.escalation_id) == col(Escalation.id))
        .where(
            test_condition,
            col(Escalation.status).in_(_UNRESOLVED),
            col(EscalationGrader.grader_email) == grader_email,
        )
        .order_by(col(Escalation.id))
    ).first()


def _findings_json(findings: Sequence[Finding]) -> str:
    return json.dumps([f.to_json() for f in findings])


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
    record_copies(session, escalation, copies)
    audit_delivery(
        session, escalation, [c.recipient_email or c.channel for c in copies], unreachable
    )


def record_copies(
    session: Session, escalation: Escalation, copies: Sequence[PostedCopy]
) -> list[EscalationMessage]:
    """Remember where the case was posted, so that every copy is updated later."""
    assert escalation.id is not None
    rows = [
        EscalationMessage(
            escalation_id=stored_id(escalation),
            recipient_email=copy.recipient_email,
            channel=copy.channel,
            ts=copy.ts,
            lang=copy.lang,
        )
        for copy in copies
    ]
    session.add_all(rows)
    session.flush()
    return rows


def audit_delivery(
    session: Session, escalation: Escalation, reached: Sequence[str], unreachable: Sequence[str]
) -> None:
    """Audit whom the case reached (e-mails, the channel) and whom not."""
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


def acknowledge(
    session: Session,
    escalation_id: int,
    *,
    actor: str,
    now: datetime,
    actor_user: str | None = None,
) -> Transition:
    """`actor` is the consultant's e-mail (audited), `actor_user` their Slack user (shown)."""
    changed = _transition(
        session,
        escalation_id,
        from_statuses=(EscalationStatus.open.value,),
        status=EscalationStatus.acknowledged.value,
        acknowledged_at=now,
        acknowledged_by=actor,
        acknowledged_by_user=actor_user,
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


def resolve(
    session: Session,
    escalation_id: int,
    *,
    actor: str,
    now: datetime,
    actor_user: str | None = None,
) -> Transition:
    """Resolved from open or acknowledged; the graders may then escalate anew if needed."""
    before = _reloaded(session, escalation_id).status
    changed = _transition(
        session,
        escalation_id,
        from_statuses=_UNRESOLVED,
        status=EscalationStatus.resolved.value,
        resolved_at=now,
        resolved_by=actor,
        resolved_by_user=actor_user,
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
