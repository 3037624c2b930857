"""The one rule for "which test do you mean" (SPEC §9.3) and its one rendering."""

from bot.exams.which import WhichProblem, which_test
from bot.ui.which import which_refusal_text
from models.db import session_scope
from tests.support.factories import add_test


def _tests(engine):
    add_test(engine, "TDT4100-2026H")
    add_test(engine, "TDT4100-2026K", course_code="TDT4100")
    add_test(engine, "TMA4100-2026H")


def test_a_test_id_matches_exactly_but_case_insensitively(engine):
    _tests(engine)
    with session_scope(engine) as session:
        assert which_test(session, " tdt4100-2026k ").test.test_id == "TDT4100-2026K"
        # A prefix of an id is no id.
        assert which_test(session, "TDT4100-2026").problem == WhichProblem.unknown


def test_a_course_code_names_a_test_only_when_unambiguous(engine):
    _tests(engine)
    with session_scope(engine) as session:
        assert which_test(session, "tma4100").test.test_id == "TMA4100-2026H"
        both = which_test(session, "TDT4100")
        assert both.problem == WhichProblem.ambiguous and both.test is None
        assert {m.test_id for m in both.matches} == {"TDT4100-2026H", "TDT4100-2026K"}


def test_a_course_code_is_first_narrowed_to_the_persons_tests(engine):
    _tests(engine)
    with session_scope(engine) as session:
        mine = which_test(session, "TDT4100", own={"TDT4100-2026K", "TMA4100-2026H"})
        assert mine.test.test_id == "TDT4100-2026K"
        both_mine = which_test(session, "TDT4100", own={"TDT4100-2026H", "TDT4100-2026K"})
        assert both_mine.problem == WhichProblem.ambiguous


def test_a_test_not_among_the_persons_is_not_theirs_but_still_named(engine):
    _tests(engine)
    with session_scope(engine) as session:
        by_id = which_test(session, "TMA4100-2026H", own={"TDT4100-2026H"})
        assert by_id.problem == WhichProblem.not_yours and by_id.test is None
        assert by_id.named.test_id == "TMA4100-2026H"
        by_course = which_test(session, "TDT4100", own={"TMA4100-2026H"})
        assert by_course.problem == WhichProblem.not_yours
        assert which_test(session, "NOPE", own={"TDT4100-2026H"}).problem == WhichProblem.unknown
        # Without `own` (an admin), every test is theirs.
        assert which_test(session, "TMA4100-2026H").problem is None


def test_the_refusals_read_right_and_escape_what_was_typed(engine):
    _tests(engine)
    with session_scope(engine) as session:
        ambiguous = which_refusal_text("en", which_test(session, "TDT4100"))
        unknown = which_refusal_text("en", which_test(session, "<!channel>", own={"TMA4100-2026H"}))
        theirs = which_refusal_text(
            "nb", which_test(session, "TMA4100-2026H", own={"TDT4100-2026H"})
        )
    # Same submission deadline: by test id.
    assert ambiguous == (
        "`TDT4100` matches several tests: `TDT4100-2026H`, `TDT4100-2026K`. Type the test id."
    )
    assert unknown == (
        "I can't find a test with the id or course code `&lt;!channel&gt;`. "
        "Your tests: `TMA4100-2026H`"
    )
    assert theirs == "`TMA4100-2026H` er ikke en av dine prøver her. Dine prøver: `TDT4100-2026H`"
