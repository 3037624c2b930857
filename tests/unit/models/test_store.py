"""The migrations and the table models describe the same store, on SQLite and PostgreSQL."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

import models.tables  # noqa: F401 - registers the tables
from models.db import alembic_config, make_engine, upgrade


def test_migrations_match_the_models(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []


def test_upgrade_twice_changes_nothing(engine):
    upgrade(engine)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), SQLModel.metadata) == []


def test_inspera_addresses_stored_before_are_lowered_by_the_upgrade(tmp_path):
    """Lookups match lower-cased Inspera addresses exactly; the upgrade lowers old ones."""
    sqlite_engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config(sqlite_engine)
    command.upgrade(config, "0011")
    with sqlite_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO grader (email, kind, inspera_email) "
                "VALUES ('kari@ntnu.no', 'internal', 'Kari.Old@Gmail.com')"
            )
        )
    command.upgrade(config, "head")
    with sqlite_engine.connect() as connection:
        stored = connection.execute(text("SELECT inspera_email FROM grader")).scalar()
    sqlite_engine.dispose()
    assert stored == "kari.old@gmail.com"
