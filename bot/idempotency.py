"""Doing something once: a key (a Slack event id, a file id) is claimed by inserting it;
a second insert of the same key fails, so whoever comes second knows it was handled."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from models.db import session_scope
from models.tables import ProcessedKey


def claim_once(engine: Engine, key: str) -> bool:
    """True for the first caller with `key` (across threads, processes and replicas)."""
    try:
        with session_scope(engine) as session:
            session.add(ProcessedKey(key=key[:255]))
    except IntegrityError:
        return False
    return True
