"""The demo's sample roster goes through the real roster import and gives every state the
page is meant to show."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.demo.roster import (
    BLOCKED_TEST,
    ORAL_TEST,
    UPCOMING_TEST,
    WRITTEN_TEST,
    import_sample_roster,
)
from bot.exams.phase import TestState, state_of
from models import tables
from models.db import session_scope

NOW = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)


def test_the_sample_roster_gives_an_open_an_upcoming_and_a_blocked_test(sqlite_engine, tmp_path):
    import_sample_roster(sqlite_engine, tmp_path, NOW, ZoneInfo("Europe/Oslo"))
    with session_scope(sqlite_engine) as session:
        states = {
            test_id: state_of(session, session.get(tables.Test, test_id), NOW)
            for test_id in (WRITTEN_TEST, ORAL_TEST, UPCOMING_TEST, BLOCKED_TEST)
        }
        oral = session.get(tables.Test, ORAL_TEST)
        assert oral is not None and oral.registration_only
    assert states == {
        WRITTEN_TEST: TestState.open,
        ORAL_TEST: TestState.open,
        UPCOMING_TEST: TestState.awaiting_deadline,
        BLOCKED_TEST: TestState.awaiting_admin,
    }


def test_a_demo_started_again_in_the_same_folder_imports_over_the_same_store(
    sqlite_engine, tmp_path
):
    zone = ZoneInfo("Europe/Oslo")
    import_sample_roster(sqlite_engine, tmp_path, NOW, zone)
    import_sample_roster(sqlite_engine, tmp_path, NOW.replace(day=2), zone)
    with session_scope(sqlite_engine) as session:
        tests = session.exec(select(tables.Test)).all()
        candidates = session.exec(select(tables.Candidate)).all()
    assert len(tests) == 4
    assert len(candidates) == 18
