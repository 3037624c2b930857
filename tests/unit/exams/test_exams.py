from bot.exams import audit
from bot.exams.lookup import consultant_emails, find_test, grader_test_ids
from models.db import session_scope
from tests.support.factories import add_grader, add_membership, add_test


def test_find_by_test_id_case_insensitive_and_by_course_code(engine):
    add_test(engine, "TDT4100-2026H")
    with session_scope(engine) as session:
        assert find_test(session, "tdt4100-2026h").test.test_id == "TDT4100-2026H"
        assert find_test(session, "tdt4100").test.test_id == "TDT4100-2026H"
        assert find_test(session, "XYZ").matches == ()


def test_course_code_with_two_tests_is_ambiguous_unless_narrowed(engine):
    add_test(engine, "TDT4100-2026H")
    add_test(engine, "TDT4100-2026K", course_code="TDT4100")
    with session_scope(engine) as session:
        query = find_test(session, "TDT4100")
        assert query.ambiguous and query.test is None
        narrowed = find_test(session, "TDT4100", among={"TDT4100-2026K"})
        assert narrowed.test.test_id == "TDT4100-2026K"


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
