"""Doing something once: a key (a Slack event id, a file id) is claimed by inserting it;
a second insert of the same key does nothing, so whoever comes second knows it was handled."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from models.db import session_scope
from models.inserts import insert_for
from models.tables import ProcessedKey, table_of
from models.types import utcnow

_KEYS = table_of(ProcessedKey)


def claim_once(engine: Engine, key: str) -> bool:
    """True for the first caller with `key` (across threads, processes and replicas)."""
    with session_scope(engine) as session:
        statement = (
            insert_for(session, _KEYS)
            .values(key=key[:255], at=utcnow())
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(_KEYS.c.key)
        )
        return session.exec(statement).first() is not None


def first_delivery_of_event(engine: Engine, event_id: str) -> bool:
    """True the first time Slack's event `event_id` is worked; Slack delivers an event again,
    with the same id (and `X-Slack-Retry-Num`), when it thinks the first did not arrive."""
    return claim_once(engine, f"slack-event:{event_id}")


# Slack retries an event within minutes and a file is shared once; a week is ample.
KEEP_KEYS = timedelta(days=7)


def forget_old_keys(session: Session, now: datetime, *, limit: int = 5000) -> int:
    """Delete at most `limit` keys claimed before `now - KEEP_KEYS`, oldest first, so that
    the table stays small and a scheduler pass does bounded work. Returns how many."""
    oldest = (
        select(col(ProcessedKey.key))
        .where(col(ProcessedKey.at) < now - KEEP_KEYS)
        .order_by(col(ProcessedKey.at))
        .limit(limit)
    )
    result = session.exec(
        delete(ProcessedKey).where(col(ProcessedKey.key).in_(oldest.subquery().select()))
    )
    return result.rowcount or 0
