"""Which test a grade sheet is for: the grader's only open test, else the one named in
the file name (a test id, else a course code, among the grader's tests), else a choice."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot.exams.lookup import grader_test_ids
from models.tables import Test

# -- which test a sheet is for --------------------------------------------------------------


@dataclass(frozen=True)
class SheetTestGuess:
    """The test a sheet (or a command) is for, or the tests to choose from."""

    test: Test | None
    options: tuple[Test, ...] = ()


def grader_tests(session: Session, grader_email: str) -> list[Test]:
    ids = grader_test_ids(session, grader_email)
    if not ids:
        return []
    return list(
        session.exec(
            select(Test)
            .where(col(Test.test_id).in_(ids))
            .order_by(col(Test.submission_deadline).desc(), Test.test_id)
        ).all()
    )


def choose_test(session: Session, grader_email: str, filename: str) -> SheetTestGuess:
    """The grader's only open test; else the one test named in the file name (test id or
    course code); else the choice, narrowed to what the file name or openness suggests."""
    tests = grader_tests(session, grader_email)
    if len(tests) == 1:
        return SheetTestGuess(tests[0])
    open_tests = [t for t in tests if t.opened_for_marking is not None]
    if len(open_tests) == 1:
        return SheetTestGuess(open_tests[0])
    named = _named_in(filename, tests)
    if len(named) == 1:
        return SheetTestGuess(named[0])
    return SheetTestGuess(None, tuple(named or open_tests or tests))


def _named_in(filename: str, tests: list[Test]) -> list[Test]:
    name = filename.upper()
    by_id = [t for t in tests if _mentions(name, t.test_id.upper())]
    if by_id:
        return by_id
    return [t for t in tests if _mentions(name, t.course_code.upper())]


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<![A-Z0-9]){re.escape(word)}(?![A-Z0-9])", text) is not None
