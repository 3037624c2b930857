"""Doing something once: a key (a Slack event id, a file id) is claimed by inserting it;
a second insert of the same key does nothing, so whoever comes second knows it was handled."""

from __future__ import annotations

from sqlalchemy import Engine

from models.db import session_scope
from models.inserts import insert_for
from models.tables import ProcessedKey
from models.types import utcnow


def claim_once(engine: Engine, key: str) -> bool:
    """True for the first caller with `key` (across threads, processes and replicas)."""
    with session_scope(engine) as session:
        statement = (
            insert_for(session, ProcessedKey.__table__)
            .values(key=key[:255], at=utcnow())
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(ProcessedKey.key)
        )
        return session.exec(statement).first() is not None
