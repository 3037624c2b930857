"""The stores the roster tests run on: SQLite, and PostgreSQL when it is configured."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.support.stores import (
    NO_POSTGRES_REASON,
    migrated_engine,
    postgres_server_url,
    scratch_postgres_database,
    truncate_all,
)


@pytest.fixture(scope="module")
def postgres_scratch_url() -> Iterator[str | None]:
    """A scratch PostgreSQL database for this module, dropped at its end."""
    server = postgres_server_url()
    if server is None:
        yield None
        return
    with scratch_postgres_database(server) as url:
        migrated_engine(url).dispose()
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path, postgres_scratch_url) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = migrated_engine(f"sqlite:///{tmp_path}/t.db")
    else:
        if postgres_scratch_url is None:
            pytest.skip(NO_POSTGRES_REASON)
        engine = migrated_engine(postgres_scratch_url)
        truncate_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(f"sqlite:///{tmp_path}/t.db")
    yield engine
    engine.dispose()
