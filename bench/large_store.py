"""A large store for benchmarks (SPEC §7: 2,000 tests, 20,000 graders, 200,000 candidates),
written in bulk with SQLAlchemy core so that building it takes seconds.

The tests are spread over the states a grader asks about: a third before the submission
deadline, a third past it but not opened (about half of those with readiness blockers),
a third open. Each test has 10 committees of 2 graders and 10 candidates each; every grader
is on 2 tests; a tenth of the graders are external, some with gaps, some with an Inspera
address of their own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, insert

from models.tables import (
    Candidate,
    CommitteeMembership,
    Department,
    Grader,
    Test,
    TestConsultant,
)

COMMITTEES_PER_TEST = 10
GRADERS_PER_COMMITTEE = 2
_CHUNK = 10_000


@dataclass(frozen=True)
class StoreSize:
    tests: int = 2_000
    graders: int = 20_000
    candidates: int = 200_000

    @property
    def candidates_per_committee(self) -> int:
        return max(1, self.candidates // (self.tests * COMMITTEES_PER_TEST))


def test_id(index: int) -> str:
    return f"C{index:05d}-2026H"


def grader_email(index: int) -> str:
    return f"grader{index}@ntnu.no"


def consultant_email(index: int) -> str:
    return f"konsulent{index}@ntnu.no"


def build_large_store(engine: Engine, now: datetime, size: StoreSize = StoreSize()) -> None:
    rng = random.Random(20261210)
    with engine.begin() as connection:
        for table, rows in (
            (Department, _departments()),
            (Test, _tests(now, size, rng)),
            (TestConsultant, _consultants(size)),
            (Grader, _graders(size, rng)),
            (CommitteeMembership, _memberships(size, rng)),
            (Candidate, _candidates(size, rng)),
        ):
            _insert(connection, table, rows)


def _insert(connection, table, rows) -> None:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == _CHUNK:
            connection.execute(insert(table), chunk)
            chunk = []
    if chunk:
        connection.execute(insert(table), chunk)


def _departments():
    for index in range(20):
        yield {"code": f"D{index:02d}", "escalation_channel": f"C0DEP{index:02d}"}


def _state(index: int) -> str:
    return ("awaiting_deadline", "awaiting_admin", "open")[index % 3]


def _tests(now: datetime, size: StoreSize, rng: random.Random):
    for index in range(size.tests):
        state = _state(index)
        if state == "awaiting_deadline":
            deadline = now + timedelta(days=rng.randint(1, 30))
        else:
            deadline = now - timedelta(days=rng.randint(1, 20))
        yield {
            "test_id": test_id(index),
            "course_code": f"C{index:05d}",
            "title": f"Course {index}",
            "department": f"D{index % 20:02d}",
            "submission_deadline": deadline,
            "grading_deadline": deadline + timedelta(days=21),
            "grading_deadline_given": False,
            "grade_scale": "letter",
            "marking_mode": "private",
            "own_approval": "committee",
            "final_approval": "all",
            "opened_for_marking": deadline + timedelta(hours=4) if state == "open" else None,
            "guideline_published": rng.choice([True, True, False, None]),
            "registration_only": False,
        }


def _consultants(size: StoreSize):
    for index in range(size.tests):
        for offset in (0, 1):
            yield {"test_id": test_id(index), "email": consultant_email((index + offset) % 100)}


def _graders(size: StoreSize, rng: random.Random):
    for index in range(size.graders):
        external = index % 10 == 0
        yield {
            "email": grader_email(index),
            "name": f"Grader {index}",
            "kind": "external" if external else "internal",
            "inspera_email": f"g{index}@gmail.com" if index % 20 == 0 else None,
            "appointed": rng.random() > 0.1 if external else None,
            "access_agreement": rng.random() > 0.1 if external else None,
            "norwegian_id": rng.random() > 0.3 if external else None,
            "university_user_activated": rng.random() > 0.5 if external else None,
        }


def _memberships(size: StoreSize, rng: random.Random):
    per_test = COMMITTEES_PER_TEST * GRADERS_PER_COMMITTEE
    for index in range(size.tests):
        for slot in range(per_test):
            # Graders 0..N-1 fill the first pass over the tests, then again shifted by half,
            # so each grader is on two different tests.
            grader = (index * per_test + slot) % size.graders
            if (index * per_test + slot) >= size.graders:
                grader = (grader + size.graders // 2) % size.graders
            committee = str(slot // GRADERS_PER_COMMITTEE + 1)
            if _state(index) == "awaiting_admin" and index % 6 == 1 and slot == 0:
                committee = None  # a grader in no committee: a blocker
            yield {
                "test_id": test_id(index),
                "grader_email": grader_email(grader),
                "committee": committee,
            }


def _candidates(size: StoreSize, rng: random.Random):
    per_committee = size.candidates_per_committee
    for index in range(size.tests):
        blocked = _state(index) == "awaiting_admin" and index % 6 == 1
        number = 0
        for committee in range(1, COMMITTEES_PER_TEST + 1):
            for _ in range(per_committee):
                number += 1
                status = "absent" if rng.random() < 0.05 else "submitted"
                assigned: str | None = str(committee)
                if blocked and number <= 3:
                    assigned = None
                if blocked and number == 4:
                    status = "redelivery"
                yield {
                    "test_id": test_id(index),
                    "candidate_id": f"{100000 + number}",
                    "committee": assigned,
                    "status": status,
                }
