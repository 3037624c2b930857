"""Column types shared by the tables."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, String
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """A timestamp that is always stored and returned in UTC.

    SQLite keeps no time zone, so values are written as naive UTC there and read back as
    aware UTC; PostgreSQL gets `timestamp with time zone`.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; attach a time zone first")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class LowerCaseString(TypeDecorator):
    """Text kept in lower case: written so, and every value compared with it lowered too,
    so that a case-insensitive match (an e-mail address) is an exact one an index serves."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect) -> str | None:
        return None if value is None else value.lower()


def utcnow() -> datetime:
    return datetime.now(UTC)


# The tables' integer primary keys are 32-bit on PostgreSQL (and SQLite's end at 2**63).
MAX_ROW_ID = 2**31 - 1


def parse_row_id(text: str) -> int | None:
    """A row's id written as text (a button's value, a modal's metadata), or None for
    anything else: ASCII digits only (`"²".isdigit()` is true, `int("²")` fails), and no
    larger than the store's integer column holds."""
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ROW_ID else None
