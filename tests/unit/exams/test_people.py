"""Finding a grader by e-mail: case-insensitive, by index."""

from __future__ import annotations

from sqlalchemy import event
from sqlmodel import Session, select

from bot.exams.people import find_grader
from models.inserts import bulk_insert
from models.tables import Grader, table_of
from tests.support.factories import add_grader


def test_the_inspera_address_is_kept_in_lower_case_however_written(engine):
    add_grader(engine, "ola@ntnu.no", inspera_email="Ola.Old@Gmail.com")
    with Session(engine) as session:
        bulk_insert(
            session,
            table_of(Grader),
            [{"email": "kari@ntnu.no", "kind": "internal", "inspera_email": "KARI@Gmail.COM"}],
        )
        session.commit()
        stored = session.exec(select(Grader.email, Grader.inspera_email)).all()
    assert sorted(stored) == [
        ("kari@ntnu.no", "kari@gmail.com"),
        ("ola@ntnu.no", "ola.old@gmail.com"),
    ]


def test_found_by_either_address_in_any_case_without_lowering_every_row(engine):
    add_grader(engine, "ola@ntnu.no", inspera_email="Ola.Old@Gmail.com")
    add_grader(engine, "kari@ntnu.no")
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement.lower())

    event.listen(engine, "before_cursor_execute", seen)
    try:
        with Session(engine) as session:
            assert find_grader(session, " OLA.OLD@gmail.com ").email == "ola@ntnu.no"
            assert find_grader(session, "Kari@NTNU.no").email == "kari@ntnu.no"
            assert find_grader(session, "nobody@ntnu.no") is None
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert statements and not any("lower(" in statement for statement in statements)
