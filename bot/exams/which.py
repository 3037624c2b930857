"""Which test does the person mean? (SPEC §9.3: "TEST is a test id, or a course code when
that is unambiguous".) The one rule, for every command, button and upload:

1. a test id, matched exactly but case-insensitively;
2. else a course code: among the person's own tests of that course when they have any,
   else among all tests of that course; it names a test when that leaves exactly one.

The answer then says whether the test is the person's. `own` is the ids of the tests the
person may act on for this request (None: every test, as for admins).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import Session, col, select

from models.tables import Test


class WhichProblem(StrEnum):
    unknown = "unknown"  # no test has that id or course code
    not_yours = "not_yours"  # there is such a test, but it is not among the person's
    ambiguous = "ambiguous"  # a course code with several tests; `matches` lists them


@dataclass(frozen=True)
class WhichTest:
    text: str  # as typed, stripped
    matches: tuple[Test, ...]  # the tests the text can mean, newest submission first
    own: frozenset[str] | None  # the person's test ids; None: every test is theirs

    @property
    def problem(self) -> WhichProblem | None:
        if not self.matches:
            return WhichProblem.unknown
        if self.own is not None and not any(m.test_id in self.own for m in self.matches):
            return WhichProblem.not_yours
        if len(self.matches) > 1:
            return WhichProblem.ambiguous
        return None

    @property
    def test(self) -> Test | None:
        """The test meant, when it is one and the person's."""
        return self.matches[0] if self.problem is None else None

    @property
    def named(self) -> Test | None:
        """The one test the text names, whether or not it is the person's."""
        return self.matches[0] if len(self.matches) == 1 else None


def which_test(session: Session, text: str, own: Collection[str] | None = None) -> WhichTest:
    wanted = text.strip()
    mine = frozenset(own) if own is not None else None
    by_id = (
        session.get(Test, wanted)
        or session.exec(select(Test).where(func.upper(Test.test_id) == wanted.upper())).first()
    )
    if by_id is not None:
        return WhichTest(wanted, (by_id,), mine)
    by_course = list(
        session.exec(
            select(Test)
            .where(func.upper(Test.course_code) == wanted.upper())
            .order_by(col(Test.submission_deadline).desc(), col(Test.test_id))
        ).all()
    )
    if mine is not None:
        theirs = [test for test in by_course if test.test_id in mine]
        by_course = theirs or by_course
    return WhichTest(wanted, tuple(by_course), mine)
