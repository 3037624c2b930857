from bot.exams import audit
from bot.exams.lookup import consultant_emails, grader_test_ids
from models.db import session_scope
from tests.support.factories import add_grader, add_membership, add_test


def test_grader_tests_and_consultants(engine):
    add_test(engine, "A-1", consultants=("b@ntnu.no", "a@ntnu.no"))
    add_grader(engine, "g@ntnu.no")
    add_membership(engine, "A-1", "g@ntnu.no", "1")
    with session_scope(engine) as session:
        assert grader_test_ids(session, "g@ntnu.no") == {"A-1"}
        assert consultant_emails(session, "A-1") == ["a@ntnu.no", "b@ntnu.no"]


def test_audit_is_part_of_the_unit_of_work(engine):
    add_test(engine, "A-1")
    try:
        with session_scope(engine) as session:
            audit.record(session, "x@ntnu.no", "test_action", test_id="A-1", old="1", new="2")
            raise RuntimeError("the unit of work fails")
    except RuntimeError:
        pass
    with session_scope(engine) as session:
        assert audit.entries(session, test_id="A-1") == []
        audit.record(session, "x@ntnu.no", "test_action", test_id="A-1", old=None, new="2")
    with session_scope(engine) as session:
        (entry,) = audit.entries(session, action="test_action")
        assert (entry.actor, entry.old_value, entry.new_value) == ("x@ntnu.no", None, "2")
