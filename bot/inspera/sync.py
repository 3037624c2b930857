"""Reading a test from Inspera and telling its consultants where the roster differs (SPEC
§3.12): `sync_test` reads, compares and stores; the scheduler's step and `sensorbot
inspera sync` both call it.

A reading talks to Inspera outside any transaction, then stores what it found in one: the
test's `inspera_sync` row is written first (the row lock that puts two readings of a test
one after the other), then the differences. Each difference is a row from the reading that
first finds it until one no longer does; only rows inserted by this reading are told, in
one message per consultant, so a difference is told once however often it is read — and
again when it comes back after it was gone. A failed reading is logged and stored as the
test's last error; it never changes the differences, so Inspera being down, slow or
answering HTML is never reported as graders gone missing.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Engine, delete, func, or_
from sqlmodel import Session, col, select

from bot.inspera.differences import Difference, RosterGrader, compare
from bot.inspera.failures import InsperaFailure
from bot.inspera.stored import InsperaView as InsperaView
from bot.inspera.stored import SyncState as SyncState
from bot.inspera.stored import inspera_view_of as inspera_view_of
from bot.inspera.stored import sync_state as sync_state
from bot.inspera.wire import InsperaTest
from bot.messages import MessageKind
from bot.people.addresses import mask_address
from bot.scheduling.outbox import OutgoingMessage, enqueue
from bot.scheduling.steps import consultant_recipients, message
from bot.settings import Settings
from models.db import session_scope
from models.inserts import insert_for
from models.inspera import InsperaDifference, InsperaGrader, InsperaSync
from models.tables import CommitteeMembership, Grader, Test, table_of

logger = logging.getLogger(__name__)

_SYNC = table_of(InsperaSync)
_DIFFERENCE = table_of(InsperaDifference)
_DETAIL_LENGTH = 1000


class InsperaReader(Protocol):
    def read_test(self, inspera_test_id: str) -> InsperaTest: ...


@dataclass
class SyncResult:
    test_id: str
    failure: InsperaFailure | None = None
    current: list[Difference] = field(default_factory=list)  # every difference found now
    told: list[Difference] = field(default_factory=list)  # those new, told to consultants now

    @property
    def ok(self) -> bool:
        return self.failure is None


# -- claiming a due reading (the scheduler) ---------------------------------------------


def claim_reading(session: Session, test_id: str, now: datetime, every: timedelta) -> bool:
    """Record that a reading of `test_id` starts at `now`, unless one started within
    `every`; True for the one caller that gets it, across processes."""
    values = {"test_id": test_id, "attempted_at": now}
    statement = insert_for(session, _SYNC).values(values)
    statement = statement.on_conflict_do_update(
        index_elements=["test_id"],
        set_={"attempted_at": statement.excluded.attempted_at},
        where=_SYNC.c.attempted_at <= now - every,
    )
    return session.exec(statement.returning(_SYNC.c.test_id)).first() is not None


def due_tests(session: Session, now: datetime, every: timedelta, limit: int) -> list[str]:
    """Tests with an Inspera id, not yet transferred to FS, not read within `every`;
    the longest unread first."""
    statement = (
        select(Test.test_id)
        .outerjoin(InsperaSync, col(InsperaSync.test_id) == col(Test.test_id))
        .where(
            col(Test.inspera_test_id).is_not(None),
            col(Test.transferred_at).is_(None),
            or_(
                col(InsperaSync.attempted_at).is_(None),
                col(InsperaSync.attempted_at) <= now - every,
            ),
        )
        .order_by(col(InsperaSync.attempted_at).is_not(None), col(InsperaSync.attempted_at))
        .limit(limit)
    )
    return list(session.exec(statement).all())


def syncable_tests(session: Session) -> list[str]:
    """Every test `sensorbot inspera sync` reads when it is given none."""
    statement = (
        select(Test.test_id)
        .where(col(Test.inspera_test_id).is_not(None), col(Test.transferred_at).is_(None))
        .order_by(col(Test.test_id))
    )
    return list(session.exec(statement).all())


# -- one reading ------------------------------------------------------------------------


def sync_test(
    engine: Engine, reader: InsperaReader, test_id: str, now: datetime, settings: Settings
) -> SyncResult:
    """Read `test_id` from Inspera, store the differences from the roster and enqueue the
    new ones for its consultants. A test without an Inspera id is a ValueError."""
    with session_scope(engine) as session:
        test = session.get(Test, test_id)
        if test is None or not test.inspera_test_id:
            raise ValueError(f"{test_id} has no inspera_test_id")
        inspera_id = test.inspera_test_id
    try:
        found = reader.read_test(inspera_id)
    except InsperaFailure as failure:
        logger.warning(
            "inspera: reading %s (Inspera test %s) failed: %s", test_id, inspera_id, failure
        )
        with session_scope(engine) as session:
            _record_failure(session, test_id, failure, now)
        return SyncResult(test_id, failure)
    with session_scope(engine) as session:
        return _store_reading(session, test_id, found, now, settings)


def _record_failure(session: Session, test_id: str, failure: InsperaFailure, now: datetime) -> None:
    values = {
        "test_id": test_id,
        "attempted_at": now,
        "error_kind": failure.kind.value,
        "error_detail": failure.detail[:_DETAIL_LENGTH],
        "error_at": now,
    }
    statement = insert_for(session, _SYNC).values(values)
    session.exec(
        statement.on_conflict_do_update(
            index_elements=["test_id"],
            set_={k: v for k, v in values.items() if k != "test_id"},
        )
    )


def _store_reading(
    session: Session, test_id: str, found: InsperaTest, now: datetime, settings: Settings
) -> SyncResult:
    values = {
        "test_id": test_id,
        "attempted_at": now,
        "synced_at": now,
        "error_kind": None,
        "error_detail": None,
        "error_at": None,
    }
    statement = insert_for(session, _SYNC).values(values)
    session.exec(  # first: the row lock that serialises readings of this test
        statement.on_conflict_do_update(
            index_elements=["test_id"], set_={k: v for k, v in values.items() if k != "test_id"}
        )
    )
    test = session.get(Test, test_id)
    assert test is not None
    comparison = compare(roster_graders(session, test_id), found.graders, _known(session, test_id))
    _replace_snapshot(session, test_id, found, comparison.pairs)
    told = _store_differences(session, test_id, comparison.differences, now)
    result = SyncResult(test_id, None, comparison.differences, [d for d, _ in told])
    if told:
        enqueue(session, _messages(session, test, told, settings), now)
        logger.info("inspera: %s: %d new differences from the roster, told", test_id, len(told))
    return result


def roster_graders(session: Session, test_id: str) -> list[RosterGrader]:
    rows = session.exec(
        select(CommitteeMembership.committee, Grader)
        .join(Grader, col(Grader.email) == col(CommitteeMembership.grader_email))
        .where(CommitteeMembership.test_id == test_id)
    ).all()
    committees: dict[str, list[str | None]] = defaultdict(list)
    graders: dict[str, Grader] = {}
    for committee, grader in rows:
        committees[grader.email].append(committee)
        graders[grader.email] = grader
    return [
        RosterGrader(
            email=email.strip().lower(),
            name=grader.name,
            inspera_email=grader.inspera_email,
            committees=tuple(committees[email]),
        )
        for email, grader in sorted(graders.items())
    ]


def _known(session: Session, test_id: str) -> dict[str, str]:
    rows = session.exec(
        select(InsperaGrader.user_id, InsperaGrader.grader_email).where(
            InsperaGrader.test_id == test_id, col(InsperaGrader.grader_email).is_not(None)
        )
    ).all()
    return {user_id: email for user_id, email in rows if email}


def _replace_snapshot(
    session: Session, test_id: str, found: InsperaTest, pairs: dict[str, str]
) -> None:
    session.exec(delete(InsperaGrader).where(col(InsperaGrader.test_id) == test_id))
    seen: set[str] = set()
    for contributor in found.graders:
        if contributor.user_id in seen:
            continue
        seen.add(contributor.user_id)
        session.add(
            InsperaGrader(
                test_id=test_id,
                user_id=contributor.user_id,
                name=contributor.name[:256],
                email=contributor.email,
                committees=json.dumps(list(contributor.committees), ensure_ascii=False),
                grader_email=pairs.get(contributor.user_id),
            )
        )
    session.flush()


def _store_differences(
    session: Session, test_id: str, differences: list[Difference], now: datetime
) -> list[tuple[Difference, int]]:
    """Resolve the open differences no longer found, keep the others, insert the new
    ones; returns the ones this call inserted, with their episode."""
    current = {d.fingerprint: d for d in differences}
    open_rows = session.exec(
        select(InsperaDifference).where(
            InsperaDifference.test_id == test_id, col(InsperaDifference.resolved_at).is_(None)
        )
    ).all()
    still_open = set()
    for row in open_rows:
        if row.fingerprint in current:
            row.seen_at = now
            still_open.add(row.fingerprint)
        else:
            row.resolved_at = now
        session.add(row)
    session.flush()
    inserted = []
    for fingerprint, difference in current.items():
        if fingerprint in still_open:
            continue
        episode = _next_episode(session, test_id, fingerprint)
        statement = (
            insert_for(session, _DIFFERENCE)
            .values(
                test_id=test_id,
                kind=difference.kind.value,
                fingerprint=fingerprint,
                episode=episode,
                detail=json.dumps(difference.detail(), ensure_ascii=False, sort_keys=True),
                found_at=now,
                seen_at=now,
            )
            .on_conflict_do_nothing(index_elements=["test_id", "fingerprint", "episode"])
            .returning(_DIFFERENCE.c.id)
        )
        if session.exec(statement).first() is not None:
            inserted.append((difference, episode))
    return inserted


def _next_episode(session: Session, test_id: str, fingerprint: str) -> int:
    last = session.exec(
        select(func.max(InsperaDifference.episode)).where(
            InsperaDifference.test_id == test_id, InsperaDifference.fingerprint == fingerprint
        )
    ).one()
    return (last or 0) + 1


# -- what the consultants are told -------------------------------------------------------


def _masked(address: str | None) -> str | None:
    return mask_address(address) if address else None


def message_facts(difference: Difference) -> dict[str, Any]:
    """A difference as a message carries it: names and committees, addresses masked."""
    return {
        "kind": difference.kind.value,
        "name": difference.name or _masked(difference.grader_email) or "",
        "address": _masked(difference.inspera_email),
        "roster_committees": list(difference.roster_committees),
        "inspera_committees": list(difference.inspera_committees),
    }


def _messages(
    session: Session, test: Test, told: list[tuple[Difference, int]], settings: Settings
) -> list[OutgoingMessage]:
    # The occasion is the set of differences told: the same set is one message, however
    # many readings race to tell it.
    occasion = hashlib.sha256(
        "|".join(sorted(f"{d.fingerprint}:{episode}" for d, episode in told)).encode()
    ).hexdigest()[:32]
    params = {
        "inspera_test_id": test.inspera_test_id,
        "differences": [message_facts(d) for d, _ in told],
    }
    return [
        message(MessageKind.inspera_differences, test, recipient, (occasion,), params)
        for recipient in consultant_recipients(session, test, settings)
    ]
