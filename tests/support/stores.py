"""Fresh, migrated stores for tests: SQLite files, and PostgreSQL when
SENSORBOT_TEST_POSTGRES_URL names a server (CI always sets it).

Migrating is the slow part, so it happens once per run: a new SQLite store is a copy of
one migrated template file, and the PostgreSQL tests share one migrated scratch database
that `truncate_all` empties between them (deleting a few rows and restarting the id
sequences is several times faster there than TRUNCATE, or than copying a template
database with CREATE DATABASE ... TEMPLATE and dropping it again)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

from models.db import make_engine, normalise_url, upgrade

POSTGRES_ENV = "SENSORBOT_TEST_POSTGRES_URL"
NO_POSTGRES_REASON = f"{POSTGRES_ENV} is not set, so the PostgreSQL variant does not run here"


def postgres_server_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


@contextmanager
def scratch_postgres_database(server_url: str) -> Iterator[str]:
    """A new empty database on the server of `server_url`, dropped afterwards.

    The database `server_url` names is where the scratch database is created from; when it
    does not exist yet, it is created first (from the server's `postgres` database)."""
    url = make_url(normalise_url(server_url))
    name = f"sensorbot_test_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine(url)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


MAINTENANCE_DATABASE = "postgres"


def _admin_engine(url: URL) -> Engine:
    """An autocommit engine on the database `url` names, which is created if missing."""
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect():
            return admin
    except OperationalError:
        admin.dispose()
        if url.database in (None, MAINTENANCE_DATABASE):
            raise
    maintenance = create_engine(
        url.set(database=MAINTENANCE_DATABASE), isolation_level="AUTOCOMMIT"
    )
    try:
        with maintenance.connect() as connection:
            known = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}
            ).first()
            if known is None:
                connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    finally:
        maintenance.dispose()
    return create_engine(url, isolation_level="AUTOCOMMIT")


def truncate_all(engine: Engine) -> None:
    """Empty every table but Alembic's and restart the id sequences, so that one migrated
    database serves many tests as if it were new."""
    from sqlmodel import SQLModel

    import models.tables  # noqa: F401

    children_first = [table.name for table in reversed(SQLModel.metadata.sorted_tables)]
    with engine.begin() as connection:
        for name in children_first:
            connection.execute(text(f'DELETE FROM "{name}"'))
        if engine.dialect.name == "postgresql":
            sequences = connection.execute(
                text(
                    "SELECT sequence_name FROM information_schema.sequences "
                    "WHERE sequence_schema = current_schema()"
                )
            ).scalars()
            for name in list(sequences):
                connection.execute(text(f'ALTER SEQUENCE "{name}" RESTART'))


def migrated_engine(url: str) -> Engine:
    """An engine on the store at `url`, migrated to the newest version. A SQLite file that
    does not exist yet starts as a copy of the run's migrated template."""
    path = _new_sqlite_file(url)
    if path is not None:
        shutil.copyfile(sqlite_template(), path)
        return make_engine(url)
    engine = make_engine(url)
    upgrade(engine)
    return engine


@cache
def sqlite_template() -> Path:
    """One migrated SQLite store for the whole run, removed when the run ends."""
    folder = Path(tempfile.mkdtemp(prefix="sensorbot-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade(engine)
    finally:
        engine.dispose()  # the last connection closing folds the WAL into the file
    return path


def _new_sqlite_file(url: str) -> Path | None:
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database)
    return None if path.exists() else path
