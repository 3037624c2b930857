"""Engine, sessions and migrations for SQLite (default) and PostgreSQL."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlmodel import Session, create_engine

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"


# The URL schemes the store runs on, with the drivers that are installed for them.
SUPPORTED_DRIVERS = {
    "sqlite": ("sqlite", "sqlite+pysqlite"),
    "postgresql": ("postgresql", "postgresql+psycopg"),
}

# How long connecting to PostgreSQL may take before the store counts as unreachable.
CONNECT_TIMEOUT_SECONDS = 10


class UnsupportedStoreUrl(ValueError):
    """DATABASE_URL is not a URL of a store Sensorbot runs on.

    `scheme` is what the URL starts with (never the whole URL: it may hold a password), or
    None when it is not a URL at all."""

    def __init__(self, scheme: str | None) -> None:
        super().__init__(f"unsupported store URL scheme: {scheme!r}")
        self.scheme = scheme


class StoreUnreachable(RuntimeError):
    """The store cannot be opened: no PostgreSQL server answered at `host`:`port`, or it
    refused the user or the database; for SQLite (`host` None), the file `database` cannot
    be opened or created. `detail` is the driver's reason on one line (never a password)."""

    def __init__(
        self, *, host: str | None, port: int | None, database: str | None, detail: str
    ) -> None:
        super().__init__(f"store not reachable at {host}:{port}/{database}: {detail}")
        self.host = host
        self.port = port
        self.database = database
        self.detail = detail


def parse_store_url(url: str) -> URL:
    """`url` as SQLAlchemy's URL, with psycopg 3 for plain `postgresql://` / `postgres://`.

    Raises UnsupportedStoreUrl for anything but SQLite and PostgreSQL."""
    scheme = url.split("://", 1)[0].strip() if "://" in url else None
    try:
        parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    except ArgumentError:
        raise UnsupportedStoreUrl(scheme) from None
    backend = parsed.get_backend_name()
    if parsed.drivername not in SUPPORTED_DRIVERS.get(backend, ()):
        raise UnsupportedStoreUrl(scheme)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def normalise_url(url: str) -> str:
    """Use psycopg 3 for plain `postgresql://` / `postgres://` URLs."""
    return parse_store_url(url).render_as_string(hide_password=False)


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    # Statement parameters (grades, e-mails) stay out of error messages and logs.
    private = {"hide_parameters": True}
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_pre_ping=True,
            **private,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # Plan every statement with its actual values. psycopg prepares statements it sees
    # often, and PostgreSQL may then settle on one generic plan; for the scheduler's
    # "due before now" queries a generic plan made before the tables had statistics (right
    # after a large roster import) can anti-join thousands of rows by nested loop.
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
        connect_args={
            "options": "-c plan_cache_mode=force_custom_plan",
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        },
        **private,
    )


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Apply every migration not yet applied."""
    command.upgrade(alembic_config(engine), "head")


def check_reachable(engine: Engine) -> None:
    """Connect once; raises StoreUnreachable saying what to check when that fails."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        raise unreachable(engine, error) from error


def unreachable(engine: Engine, error: OperationalError) -> StoreUnreachable:
    """StoreUnreachable for `error`, raised while connecting to `engine`'s store."""
    url = engine.url
    detail = " ".join(str(error.orig).split("\n", 1)[0].split())
    if url.get_backend_name() == "sqlite":
        return StoreUnreachable(host=None, port=None, database=url.database, detail=detail)
    # libpq says "connection to server at "HOST", port N failed: WHY"; WHY is what helps.
    detail = detail.rsplit(" failed: ", 1)[-1]
    # libpq's defaults: the local server, port 5432, a database named after the user.
    database = url.database or url.username
    return StoreUnreachable(
        host=url.host or "localhost", port=url.port or 5432, database=database, detail=detail
    )


def is_reachable(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable" to a health check
        logger.warning("health check: the store is not reachable: %s", type(error).__name__)
        return False
