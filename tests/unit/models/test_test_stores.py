"""The tests' stores: SQLite copies of one migrated template, one PostgreSQL database
emptied between tests, and a test server whose named database may not exist yet."""

from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

import models.tables  # noqa: F401 - registers the tables
from models.db import normalise_url, session_scope
from models.tables import AuditEntry
from tests.support import stores
from tests.support.stores import (
    NO_POSTGRES_REASON,
    migrated_engine,
    postgres_server_url,
    scratch_postgres_database,
    truncate_all,
)


def test_a_new_sqlite_store_is_a_copy_of_the_migrated_template(tmp_path, monkeypatch):
    stores.sqlite_template()  # made once per run, before migrating is forbidden below

    def no_migrating(engine):
        raise AssertionError("a new SQLite store is copied, not migrated")

    monkeypatch.setattr(stores, "upgrade", no_migrating)
    engine = migrated_engine(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection)
            assert compare_metadata(context, SQLModel.metadata) == []
            assert context.get_current_revision() is not None
    finally:
        engine.dispose()


def test_an_existing_sqlite_file_is_migrated_in_place(tmp_path):
    path = tmp_path / "old.db"
    path.touch()  # an empty file is an empty SQLite database, not one to overwrite
    engine = migrated_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), SQLModel.metadata) == []
    finally:
        engine.dispose()


def _audit(engine, action: str) -> int:
    with session_scope(engine) as session:
        entry = AuditEntry(actor="test", action=action)
        session.add(entry)
        session.flush()
        assert entry.id is not None
        return entry.id


def test_emptying_a_store_removes_every_row_and_restarts_the_ids(engine):
    _audit(engine, "first")
    _audit(engine, "second")
    truncate_all(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM audit_entry")).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    assert _audit(engine, "after") == 1


def test_the_named_test_database_is_created_when_it_does_not_exist():
    server = postgres_server_url()
    if server is None:
        pytest.skip(NO_POSTGRES_REASON)
    missing = f"sensorbot_named_{uuid.uuid4().hex[:12]}"
    url = make_url(normalise_url(server)).set(database=missing)
    maintenance = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with scratch_postgres_database(url.render_as_string(hide_password=False)) as scratch:
            scratch_engine = create_engine(scratch)
            with scratch_engine.connect() as connection:
                assert connection.execute(text("SELECT 1")).scalar() == 1
            scratch_engine.dispose()
        with maintenance.connect() as connection:
            named = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": missing}
            ).first()
        assert named is not None
    finally:
        with maintenance.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{missing}"'))
        maintenance.dispose()
