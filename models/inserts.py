"""INSERT … ON CONFLICT, which SQLite and PostgreSQL both have but SQLAlchemy builds per
dialect; and inserting many rows at once, the fastest way each store has."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Connection, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session


class UnsupportedDatabase(RuntimeError):
    """DATABASE_URL names a database the store does not support."""


def insert_for(session: Session, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT for `table` that supports `on_conflict_do_nothing` / `_do_update` on the
    session's database."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise UnsupportedDatabase(f"the store runs on SQLite or PostgreSQL, not {dialect}")


def bulk_insert(
    session: Session | Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]] | Sequence[Sequence[Any]],
    columns: Sequence[str] | None = None,
) -> None:
    """Insert `rows` in the session's transaction: dicts all with the same keys, or tuples
    of the values of `columns`. PostgreSQL's
    COPY, SQLite's executemany on the driver's cursor. Each value goes through its
    column's type as SQLAlchemy would bind it; a column the rows leave out gets its
    scalar default (or the database's). Some twenty times faster than an ORM insert, and
    several times faster than SQLAlchemy's executemany, for a roster's 200,000 rows."""
    if not rows:
        return
    connection = session.connection() if isinstance(session, Session) else session
    dialect = connection.dialect
    given = list(columns) if columns is not None else list(rows[0].keys())  # type: ignore[union-attr]
    targets, defaults = _columns(table, given)
    processors = [_bind_processor(column, dialect) for column in targets]
    names = [column.name for column in targets]
    if columns is None:
        pick = itemgetter(*names[: len(names) - len(defaults)])
        rows = [pick(row) if len(given) > 1 else (pick(row),) for row in rows]
    else:
        order = [given.index(column.name) for column in targets[: len(given)]]
        if order != list(range(len(given))):
            rows = [tuple(row[i] for i in order) for row in rows]  # type: ignore[index]
    values = _values(rows, defaults, processors)  # type: ignore[arg-type]
    quote = dialect.identifier_preparer.quote
    target = f"{quote(table.name)} ({', '.join(quote(name) for name in names)})"
    driver = connection.connection.driver_connection
    if driver is None:
        raise UnsupportedDatabase("no driver connection")
    try:
        if dialect.name == "postgresql":
            statement = f"COPY {target} FROM STDIN"
            with driver.cursor() as cursor, cursor.copy(statement) as copy:
                for row in values:
                    copy.write_row(row)
        elif dialect.name == "sqlite":
            statement = f"INSERT INTO {target} VALUES ({', '.join('?' for _ in names)})"
            cursor = driver.cursor()
            try:
                cursor.executemany(statement, values)
            finally:
                cursor.close()
        else:
            raise UnsupportedDatabase(f"the store runs on SQLite or PostgreSQL, not {dialect.name}")
    except dialect.loaded_dbapi.Error as error:
        # As SQLAlchemy raises it (IntegrityError and the rest), for callers to tell apart.
        raise DBAPIError.instance(
            statement, None, error, dialect.loaded_dbapi.Error, dialect=dialect
        ) from error


def _columns(table: Table, keys: Iterable[str]) -> tuple[list[Column], list[object]]:
    """The columns the rows give, then those they leave out that have a scalar default
    (with those defaults); a left-out column with a computed default cannot be written
    this way."""
    given = set(keys)
    unknown = given - set(table.columns.keys())
    if unknown:
        raise ValueError(f"{table.name} has no column {sorted(unknown)}")
    columns = [column for column in table.columns if column.name in given]
    defaults: list[object] = []
    for column in table.columns:
        if column.name in given or column.default is None:
            continue
        if not column.default.is_scalar:
            raise ValueError(f"{table.name}.{column.name} needs a value: its default is computed")
        columns.append(column)
        defaults.append(column.default.arg)  # type: ignore[attr-defined]
    return columns, defaults


def _bind_processor(column: Column, dialect: Any) -> Callable[[Any], Any] | None:
    return column.type.dialect_impl(dialect).bind_processor(dialect)


def _values(
    rows: Sequence[tuple],
    defaults: list[object],
    processors: list[Callable[[Any], Any] | None],
) -> Sequence[tuple]:
    """The rows' values, defaults after them, bound as each column's type binds them."""
    tail = tuple(defaults)
    values = [row + tail for row in rows] if tail else rows
    converting = [(index, p) for index, p in enumerate(processors) if p is not None]
    if not converting:
        return values
    converted: list[tuple] = []
    for row in values:
        items = list(row)
        for index, process in converting:
            items[index] = process(items[index])
        converted.append(tuple(items))
    return converted
