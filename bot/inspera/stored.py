"""What the last readings of a test from Inspera left in the store, for those who only read
it (`sensorbot status`, `/sensur why`): the reading's state, the differences open now, and
what Inspera has for one roster grader. Nothing here talks to Inspera or sends anything."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bot.inspera.differences import Difference
from models.inspera import InsperaDifference, InsperaFinalGrades, InsperaGrader, InsperaSync
from models.tables import Test


@dataclass(frozen=True)
class SyncState:
    synced_at: datetime | None
    attempted_at: datetime | None
    error_kind: str | None
    error_detail: str | None
    error_at: datetime | None
    differences: list[Difference]


def sync_state(session: Session, test_id: str) -> SyncState | None:
    """The last reading of `test_id` and the differences open now; None if never read."""
    row = session.get(InsperaSync, test_id)
    if row is None:
        return None
    open_rows = session.exec(
        select(InsperaDifference)
        .where(InsperaDifference.test_id == test_id, col(InsperaDifference.resolved_at).is_(None))
        .order_by(col(InsperaDifference.id))
    ).all()
    return SyncState(
        row.synced_at,
        row.attempted_at,
        row.error_kind,
        row.error_detail,
        row.error_at,
        [Difference.from_detail(r.kind, json.loads(r.detail)) for r in open_rows],
    )


@dataclass(frozen=True)
class InsperaView:
    """What the last successful reading of a test says about one roster grader, for
    `/sensur why`: whether Inspera lists them as a grader, in which committees, and under
    which address (None when Inspera does not list them)."""

    read_at: datetime
    listed: bool
    committees: tuple[str, ...]
    email: str | None


def inspera_view_of(session: Session, test_id: str, grader_email: str) -> InsperaView | None:
    """None when the test has never been read from Inspera."""
    state = session.get(InsperaSync, test_id)
    if state is None or state.synced_at is None:
        return None
    row = session.exec(
        select(InsperaGrader).where(
            InsperaGrader.test_id == test_id,
            InsperaGrader.grader_email == grader_email.strip().lower(),
        )
    ).first()
    if row is None:
        return InsperaView(state.synced_at, False, (), None)
    return InsperaView(state.synced_at, True, tuple(json.loads(row.committees)), row.email)


def final_grades_confirmed(session: Session, test_id: str) -> datetime | None:
    """When Inspera said the test's final grades are confirmed, or None."""
    return session.exec(
        select(InsperaFinalGrades.confirmed_at)
        .join(Test, col(Test.inspera_test_id) == col(InsperaFinalGrades.inspera_test_id))
        .where(Test.test_id == test_id)
    ).first()
