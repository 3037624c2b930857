"""INSERT … ON CONFLICT, which SQLite and PostgreSQL both have but SQLAlchemy builds per
dialect."""

from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session


class UnsupportedDatabase(RuntimeError):
    """DATABASE_URL names a database the store does not support."""


def insert_for(session: Session, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT for `table` that supports `on_conflict_do_nothing` / `_do_update` on the
    session's database."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise UnsupportedDatabase(f"the store runs on SQLite or PostgreSQL, not {dialect}")
