"""Builders for a complaint round in the store: a complaint committee and its complaints,
as the roster import stores them (its checks of § 11-11 are tested with the import)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Engine

from models.db import session_scope
from models.tables import CommitteeMembership, CommitteePurpose, Complaint, GradingReport


def add_complaint_committee(
    engine: Engine, test_id: str, committee: str, grader_emails: Iterable[str]
) -> None:
    with session_scope(engine) as session:
        for email in grader_emails:
            session.add(
                CommitteeMembership(
                    test_id=test_id,
                    grader_email=email,
                    committee=committee,
                    purpose=CommitteePurpose.complaint,
                )
            )


def add_complaint(
    engine: Engine,
    test_id: str,
    candidate_id: str,
    committee: str,
    *,
    received_at: datetime,
    due_at: datetime,
    status: str = "open",
) -> int:
    with session_scope(engine) as session:
        complaint = Complaint(
            test_id=test_id,
            candidate_id=candidate_id,
            complaint_committee=committee,
            received_at=received_at,
            due_at=due_at,
            status=status,
        )
        session.add(complaint)
        session.flush()
        assert complaint.id is not None
        return complaint.id


def report_done(engine: Engine, test_id: str, committee: str, grader_email: str) -> None:
    """What a grader's "I have approved my grading in Inspera" stores."""
    with session_scope(engine) as session:
        session.add(GradingReport(test_id=test_id, committee=committee, grader_email=grader_email))
