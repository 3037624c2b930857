"""Who still has work to do on a test, as reminders and the overdue escalation need it.

A grader's work on a test is unfinished while a committee they grade is not final
(SPEC §3.6, §3.7): the approvals capability says where each committee stands.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session

from bot.approvals import Phase, committee_statuses
from models.tables import Test


@dataclass(frozen=True)
class UnfinishedWork:
    grader_email: str
    committees: tuple[str | None, ...]  # the grader's committees that are not final yet


def unfinished_work(session: Session, test: Test) -> list[UnfinishedWork]:
    """The graders of `test` with a committee that is not final, each with those
    committees, in e-mail order."""
    committees: dict[str, list[str]] = defaultdict(list)
    for status in committee_statuses(session, test.test_id):
        if status.phase != Phase.final:
            for grader in status.graders:
                committees[grader].append(status.committee)
    return [
        UnfinishedWork(email, tuple(sorted(committees[email], key=committee_order)))
        for email in sorted(committees)
    ]


def committee_order(committee: str | None) -> tuple[bool, str]:
    """Committees by name, "no committee" last (the same on SQLite and PostgreSQL)."""
    return (committee is None, committee or "")
