"""Shared fixtures: stores on SQLite and PostgreSQL, the fake Slack, the real HTTP server."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from models.db import make_engine
from tests.support.stores import (
    NO_POSTGRES_REASON,
    POSTGRES_ENV,
    migrated_engine,
    postgres_server_url,
    scratch_postgres_database,
    truncate_all,
)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    """One scratch PostgreSQL database for the whole run, migrated once."""
    server = postgres_server_url()
    if server is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL variant: set {POSTGRES_ENV}")
        yield None
        return
    with scratch_postgres_database(server) as url:
        engine = migrated_engine(url)
        engine.dispose()
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path, postgres_url) -> Iterator[str]:
    """A migrated, empty store: every store test runs on SQLite and on PostgreSQL.

    SQLite: a copy of the run's migrated template file. PostgreSQL: the run's migrated
    database, emptied."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'sensorbot.db'}"
        migrated_engine(url).dispose()
        yield url
        return
    if postgres_url is None:
        pytest.skip(NO_POSTGRES_REASON)
    engine = make_engine(postgres_url)
    truncate_all(engine)
    engine.dispose()
    yield postgres_url


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    engine = make_engine(store_url)  # store_url is migrated already
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path) -> Iterator[Engine]:
    """For tests about behaviour that does not depend on the database."""
    engine = migrated_engine(f"sqlite:///{tmp_path / 'sensorbot.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def fake_slack():
    from tests.support.fake_slack import FakeSlack
    from tests.support.harness import BOT_TOKEN

    fake = FakeSlack(bot_token=BOT_TOKEN)
    yield fake
    fake.close()


@pytest.fixture
def bot_settings_overrides() -> dict[str, object]:
    """Override in a test module to change the bot's settings."""
    return {}


@pytest.fixture
def running_bot(fake_slack, store_url, bot_settings_overrides):
    """The real app served over real HTTP, talking to the fake Slack, on SQLite and PostgreSQL."""
    from tests.support.harness import RunningBot, make_settings

    settings = make_settings(fake_slack.api_url, store_url, **bot_settings_overrides)
    engine = make_engine(store_url)  # store_url is migrated already
    bot = RunningBot(settings, engine)
    yield bot
    bot.close()
    engine.dispose()
