from datetime import timedelta

from bot.complaints.candidates import complaint_candidates, complaint_committees
from models.db import session_scope
from models.tables import CommitteeMembership, Complaint
from tests.support.factories import T0, add_grader, add_membership, add_test


def test_a_complaint_committee_grades_the_candidates_of_its_complaints(engine):
    add_test(engine, "A-2026H")
    for email in ("k1@ntnu.no", "k2@uio.no", "s@ntnu.no"):
        add_grader(engine, email)
    add_membership(engine, "A-2026H", "s@ntnu.no", "1")
    with session_scope(engine) as session:
        for email in ("k1@ntnu.no", "k2@uio.no"):
            session.add(
                CommitteeMembership(
                    test_id="A-2026H", grader_email=email, committee="K", purpose="complaint"
                )
            )
        for candidate in ("203", "101"):
            session.add(
                Complaint(
                    test_id="A-2026H",
                    candidate_id=candidate,
                    complaint_committee="K",
                    received_at=T0,
                    due_at=T0 + timedelta(days=21),
                )
            )
    with session_scope(engine) as session:
        assert complaint_candidates(session, "A-2026H", "K") == ["101", "203"]
        assert complaint_candidates(session, "A-2026H", "1") == []
        assert complaint_committees(session, ["A-2026H"]) == {("A-2026H", "K")}
        assert complaint_committees(session, []) == set()
