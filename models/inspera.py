"""The Inspera connector's tables (SPEC §3.12): what the last reading of each test found,
the differences from the roster told to consultants, the webhook deliveries received, and
the tests whose final grades Inspera says are confirmed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime, utcnow


def _utc(nullable: bool = True) -> Column:
    return Column(UTCDateTime(), nullable=nullable)


class InsperaSync(SQLModel, table=True):
    """The last reading of a test from Inspera: when it was tried (the scheduler's claim),
    when it last succeeded, and why the last one failed, if it did."""

    __tablename__ = "inspera_sync"

    test_id: str = Field(
        foreign_key="test.test_id", primary_key=True, ondelete="CASCADE", max_length=128
    )
    attempted_at: datetime = Field(sa_column=_utc(nullable=False))
    synced_at: datetime | None = Field(default=None, sa_column=_utc())
    error_kind: str | None = Field(default=None, max_length=32)
    error_detail: str | None = Field(default=None, max_length=1000)
    error_at: datetime | None = Field(default=None, sa_column=_utc())


class InsperaGrader(SQLModel, table=True):
    """A grader (`evaluate` role) as the last successful reading of the test found them;
    `grader_email` is the roster grader they were matched with, so that the next reading
    knows the person by Inspera's userId even when their address there changed."""

    __tablename__ = "inspera_grader"

    test_id: str = Field(
        foreign_key="test.test_id", primary_key=True, ondelete="CASCADE", max_length=128
    )
    user_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(default="", max_length=256)
    email: str | None = Field(default=None, max_length=320)
    committees: str = Field(default="[]")  # JSON list of Inspera's committee names
    grader_email: str | None = Field(default=None, max_length=320)


class InsperaDifference(SQLModel, table=True):
    """One difference between the roster and Inspera, from when a reading first found it
    until one no longer did (`resolved_at`). The same difference found again after it was
    resolved is a new row with the next `episode`, and is told again."""

    __tablename__ = "inspera_difference"
    __table_args__ = (
        UniqueConstraint("test_id", "fingerprint", "episode", name="uq_inspera_difference"),
        Index("ix_inspera_difference_open", "test_id", "resolved_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    test_id: str = Field(foreign_key="test.test_id", ondelete="CASCADE", max_length=128)
    kind: str = Field(max_length=32)
    fingerprint: str = Field(max_length=64)
    episode: int = Field(default=1)
    detail: str = Field(default="{}")  # JSON: who, addresses, committees
    found_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))
    seen_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))
    resolved_at: datetime | None = Field(default=None, sa_column=_utc())


class InsperaDelivery(SQLModel, table=True):
    """A webhook request Inspera sent, stored once (by a digest of its body, which a retry
    repeats) before it is answered, and marked handled once its work is done."""

    __tablename__ = "inspera_delivery"
    __table_args__ = (
        UniqueConstraint("digest", name="uq_inspera_delivery_digest"),
        Index("ix_inspera_delivery_unhandled", "handled_at", "received_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    digest: str = Field(max_length=64)
    event: str = Field(max_length=64)
    context_object_id: str | None = Field(default=None, max_length=64)
    event_at: datetime | None = Field(default=None, sa_column=_utc())
    received_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))
    handled_at: datetime | None = Field(default=None, sa_column=_utc())
    outcome: str | None = Field(default=None, max_length=255)


class InsperaFinalGrades(SQLModel, table=True):
    """Inspera said (`confirm_final_grades`) that the final grades of its test are
    confirmed. Kept by Inspera's test id, so a roster that names the id later still sees it."""

    __tablename__ = "inspera_final_grades"

    inspera_test_id: str = Field(primary_key=True, max_length=64)
    confirmed_at: datetime = Field(sa_column=_utc(nullable=False))
    delivery_id: int | None = Field(
        default=None, foreign_key="inspera_delivery.id", ondelete="SET NULL"
    )
