"""The audit trail (SPEC §5): who did what, when, from which value to which."""

from __future__ import annotations

from sqlmodel import Session, col, select

from models.tables import AuditEntry

SYSTEM_ACTOR = "sensorbot"  # the actor of what the bot does on its own (the scheduler)


def record(
    session: Session,
    actor: str,
    action: str,
    *,
    test_id: str | None = None,
    subject: str | None = None,
    old: object = None,
    new: object = None,
) -> AuditEntry:
    """Add one audit entry to the caller's unit of work (committed with it, or not at all)."""
    entry = AuditEntry(
        actor=actor,
        action=action,
        test_id=test_id,
        subject=subject,
        old_value=None if old is None else str(old),
        new_value=None if new is None else str(new),
    )
    session.add(entry)
    return entry


def entries(session: Session, *, test_id: str | None = None, action: str | None = None):
    statement = select(AuditEntry).order_by(col(AuditEntry.id))
    if test_id is not None:
        statement = statement.where(AuditEntry.test_id == test_id)
    if action is not None:
        statement = statement.where(AuditEntry.action == action)
    return session.exec(statement).all()
