"""The access diagnosis on the store alone: each check, their combinations, the deadline's
edges in time zones. No Slack anywhere."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.diagnosis.access import (
    Finding,
    FindingKind,
    Fixer,
    QueryOutcome,
    Severity,
    diagnose_access,
)
from bot.people.addresses import mask_address
from models.db import session_scope
from tests.support.factories import T0, add_candidates, add_grader, add_membership, add_test
from tests.support.harness import make_settings

K = FindingKind
OSLO = ZoneInfo("Europe/Oslo")
AFTER = T0 + timedelta(days=1)
OFFICE = "eksamen@ntnu.no"


@pytest.fixture
def settings():
    return make_settings("http://unused/", "sqlite://", SENSORBOT_EXAM_OFFICE_EMAILS=OFFICE)


def diagnose(engine, settings, email, query=None, now=AFTER):
    with session_scope(engine) as session:
        return diagnose_access(session, email=email, query=query, now=now, settings=settings)


def kinds(findings):
    return [f.kind for f in findings]


def ready_test(engine, test_id="TDT4100-2026H", grader="ola@ntnu.no", **fields):
    """A test whose only grader is `grader` in committee 1 with two submitted candidates."""
    add_test(engine, test_id, **fields)
    add_membership(engine, test_id, grader, "1")
    add_candidates(engine, test_id, "1", [f"{test_id}-1", f"{test_id}-2"])


# -- 1. not known at all ------------------------------------------------------------


def test_unknown_person_without_a_test_is_pointed_to_the_exam_office(engine, settings):
    result = diagnose(engine, settings, "nobody@ntnu.no")
    assert not result.registered
    assert kinds(result.person_findings) == [K.not_registered]
    assert result.tests == ()
    assert result.exam_office == (OFFICE,)
    assert result.exam_office_escalation_offered
    finding = result.person_findings[0]
    assert (finding.severity, finding.fixer) == (Severity.blocking, Fixer.consultant)


def test_unknown_person_without_exam_office_configured_gets_no_escalation(engine):
    settings = make_settings("http://unused/", "sqlite://")
    result = diagnose(engine, settings, "nobody@ntnu.no")
    assert not result.exam_office_escalation_offered


def test_unknown_person_naming_a_test_escalates_to_its_consultants_and_learns_nothing_else(
    engine, settings
):
    add_test(engine, "TDT4100-2026H", consultants=("b@ntnu.no", "a@ntnu.no"))
    add_candidates(engine, "TDT4100-2026H", None, ["1", "2", "3"])  # a blocker they won't see
    result = diagnose(engine, settings, "nobody@ntnu.no", "tdt4100")
    assert result.query_outcome == QueryOutcome.found
    (test,) = result.tests
    assert test.findings == ()
    assert test.consultants == ("a@ntnu.no", "b@ntnu.no")
    assert kinds(result.findings_for(test.test_id)) == [K.not_registered]
    assert result.escalation_offered(test.test_id)
    assert not result.exam_office_escalation_offered


def test_no_email_from_slack_is_unknown(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    result = diagnose(engine, settings, None)
    assert kinds(result.person_findings) == [K.not_registered]


def test_known_by_inspera_email_case_insensitively(engine, settings):
    add_grader(engine, "ola@ntnu.no", inspera_email="Ola.Old@Gmail.com")
    ready_test(engine, opened_for_marking=T0)
    result = diagnose(engine, settings, "OLA.OLD@gmail.com")
    assert result.grader.email == "ola@ntnu.no"
    # The invitation went to the address they asked with: nothing to say about it.
    assert kinds(result.tests[0].findings) == [K.open]


def test_registered_but_on_no_test(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    result = diagnose(engine, settings, "ola@ntnu.no")
    assert kinds(result.person_findings) == [K.not_on_any_test]
    assert result.exam_office_escalation_offered


def test_registered_grader_naming_a_test_they_are_not_on(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    ready_test(engine, "A-1")
    add_test(engine, "B-1")
    add_candidates(engine, "B-1", None, ["x"])
    result = diagnose(engine, settings, "ola@ntnu.no", "B-1")
    (test,) = result.tests
    assert test.test_id == "B-1" and kinds(test.findings) == [K.not_on_test]
    assert result.person_findings == ()
    assert result.escalation_offered("B-1")


# -- 2. external graders --------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"appointed": False}, [K.not_appointed]),
        ({"access_agreement": False}, [K.no_access_agreement]),
        ({"norwegian_id": False}, [K.no_login_route]),
        ({"norwegian_id": False, "university_user_activated": False}, [K.no_login_route]),
        ({"university_user_activated": False}, [K.no_login_route]),
        ({"norwegian_id": False, "university_user_activated": True}, []),
        ({"norwegian_id": True, "university_user_activated": False}, []),
        ({}, []),  # blank cells are "not known", not gaps
        (
            {
                "appointed": False,
                "access_agreement": False,
                "norwegian_id": False,
                "university_user_activated": False,
            },
            [K.not_appointed, K.no_access_agreement, K.no_login_route],
        ),
        (
            {
                "appointed": True,
                "access_agreement": True,
                "norwegian_id": False,
                "university_user_activated": True,
            },
            [],
        ),
    ],
)
def test_external_grader_gaps(engine, settings, fields, expected):
    add_grader(engine, "ext@uio.no", kind="external", **fields)
    ready_test(engine, grader="ext@uio.no", opened_for_marking=T0)
    result = diagnose(engine, settings, "ext@uio.no")
    assert kinds(result.person_findings) == expected
    assert kinds(result.findings_for("TDT4100-2026H")) == [*expected, K.open]


def test_the_same_gaps_on_an_internal_grader_are_not_findings(engine, settings):
    add_grader(engine, "ola@ntnu.no", appointed=False, access_agreement=False, norwegian_id=False)
    ready_test(engine, opened_for_marking=T0)
    assert diagnose(engine, settings, "ola@ntnu.no").person_findings == ()


def test_external_gaps_offer_escalation_except_the_login_route(engine, settings):
    add_grader(engine, "ext@uio.no", kind="external", norwegian_id=False)
    ready_test(engine, grader="ext@uio.no", opened_for_marking=T0)
    result = diagnose(engine, settings, "ext@uio.no")
    assert not result.escalation_offered("TDT4100-2026H")  # the grader activates the user
    add_grader(engine, "ext2@uio.no", kind="external", appointed=False)
    add_membership(engine, "TDT4100-2026H", "ext2@uio.no", "1")
    assert diagnose(engine, settings, "ext2@uio.no").escalation_offered("TDT4100-2026H")


# -- 3. no committee ------------------------------------------------------------------


def test_on_the_test_but_in_no_committee(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    add_test(engine, "A-1", opened_for_marking=T0)
    add_membership(engine, "A-1", "ola@ntnu.no", None)
    result = diagnose(engine, settings, "ola@ntnu.no")
    assert kinds(result.tests[0].findings) == [K.no_committee, K.open]
    assert result.escalation_offered("A-1")


def test_a_blank_row_beside_a_committee_is_not_no_committee(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    ready_test(engine, "A-1", opened_for_marking=T0)
    add_membership(engine, "A-1", "ola@ntnu.no", None)
    assert kinds(diagnose(engine, settings, "ola@ntnu.no").tests[0].findings) == [K.open]


# -- 4. deadline not passed, and its edges --------------------------------------------


def test_deadline_not_passed_waits_and_offers_no_escalation(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    ready_test(engine, "A-1")
    result = diagnose(engine, settings, "ola@ntnu.no", now=T0 - timedelta(days=2))
    (finding,) = result.tests[0].findings
    assert finding.kind == K.deadline_not_passed
    assert finding.when == T0
    assert (finding.severity, finding.fixer) == (Severity.waiting, Fixer.nobody)
    assert not result.escalation_offered("A-1")


def test_deadline_edges_are_instants_not_local_dates(engine, settings):
    # 23:30 UTC on 10 December is 00:30 on 11 December in Oslo.
    deadline = datetime(2026, 12, 10, 23, 30, tzinfo=UTC)
    add_grader(engine, "ola@ntnu.no")
    ready_test(engine, "A-1", submission_deadline=deadline)

    def kinds_at(now):
        return kinds(diagnose(engine, settings, "ola@ntnu.no", now=now).tests[0].findings)

    assert kinds_at(deadline - timedelta(microseconds=1)) == [K.deadline_not_passed]
    assert kinds_at(deadline) == [K.awaiting_opening]
    # The same instants written in other zones give the same answers.
    assert kinds_at(datetime(2026, 12, 11, 0, 29, 59, tzinfo=OSLO)) == [K.deadline_not_passed]
    assert kinds_at(datetime(2026, 12, 11, 0, 30, tzinfo=OSLO)) == [K.awaiting_opening]
    new_york = ZoneInfo("America/New_York")
    assert kinds_at(datetime(2026, 12, 10, 18, 29, tzinfo=new_york)) == [K.deadline_not_passed]


def test_deadline_across_the_summer_time_change(engine, settings):
    # Oslo moves to summer time at 01:00 UTC on 29 March 2026: 02:00 local becomes 03:00.
    deadline = datetime(2026, 3, 29, 3, 30, tzinfo=OSLO)  # = 01:30 UTC
    add_grader(engine, "ola@ntnu.no")
    ready_test(engine, "A-1", submission_deadline=deadline)
    one_hour_before_in_winter_time = datetime(2026, 3, 29, 1, 45, tzinfo=OSLO)  # 00:45 UTC
    result = diagnose(engine, settings, "ola@ntnu.no", now=one_hour_before_in_winter_time)
    (finding,) = result.tests[0].findings
    assert finding.kind == K.deadline_not_passed
    assert finding.when == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    later = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert kinds(diagnose(engine, settings, "ola@ntnu.no", now=later).tests[0].findings) == [
        K.awaiting_opening
    ]


def test_naive_now_is_refused(engine, settings):
    with pytest.raises(ValueError, match="timezone-aware"):
        diagnose(engine, settings, "ola@ntnu.no", now=datetime(2026, 12, 11))


def test_no_committee_and_deadline_not_passed_both_show_blocking_first(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    add_test(engine, "A-1")
    add_membership(engine, "A-1", "ola@ntnu.no", None)
    result = diagnose(engine, settings, "ola@ntnu.no", now=T0 - timedelta(hours=1))
    assert kinds(result.tests[0].findings) == [K.no_committee, K.deadline_not_passed]
    assert result.escalation_offered("A-1")


# -- 5. deadline passed, not opened ---------------------------------------------------


def test_no_blockers_waits_for_the_consultant_to_open(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    ready_test(engine, "A-1")
    result = diagnose(engine, settings, "ola@ntnu.no")
    assert kinds(result.tests[0].findings) == [K.awaiting_opening]
    assert result.escalation_offered("A-1")


def test_each_readiness_blocker_with_its_counts(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    add_grader(engine, "kari@ntnu.no")
    ready_test(engine, "A-1")
    add_membership(engine, "A-1", "kari@ntnu.no", None)
    add_candidates(engine, "A-1", None, ["n1", "n2", "n3"])
    add_candidates(engine, "A-1", "7", ["s1", "s2"])
    add_candidates(engine, "A-1", "8", ["s3"])
    add_candidates(engine, "A-1", "1", ["r1"], status="redelivery")
    add_candidates(engine, "A-1", None, ["a1"], status="absent")  # a notice only
    result = diagnose(engine, settings, "ola@ntnu.no")
    findings = {f.kind: f for f in result.tests[0].findings}
    assert list(findings) == [
        K.graders_without_committee,
        K.candidates_without_committee,
        K.candidates_without_grader,
        K.candidates_open_for_redelivery,
    ]
    assert findings[K.graders_without_committee].count == 1
    assert findings[K.candidates_without_committee].count == 3
    grader_less = findings[K.candidates_without_grader]
    assert (grader_less.count, grader_less.committees) == (3, 2)
    assert findings[K.candidates_open_for_redelivery].count == 1
    assert result.escalation_offered("A-1")


def test_a_future_opening_time_is_not_open_yet(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    ready_test(engine, "A-1", opened_for_marking=AFTER + timedelta(hours=1))
    assert kinds(diagnose(engine, settings, "ola@ntnu.no").tests[0].findings) == [
        K.awaiting_opening
    ]


# -- 6. open ---------------------------------------------------------------------------


def test_open_with_nothing_wrong_offers_no_escalation(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    ready_test(engine, "A-1", opened_for_marking=T0, guideline_published=True)
    result = diagnose(engine, settings, "ola@ntnu.no")
    assert kinds(result.tests[0].findings) == [K.open]
    assert not result.escalation_offered("A-1")


def test_open_with_invitation_elsewhere_and_unpublished_guideline(engine, settings):
    add_grader(engine, "ola@ntnu.no", inspera_email="ola.nordmann@gmail.com")
    ready_test(engine, "A-1", opened_for_marking=T0, guideline_published=False)
    result = diagnose(engine, settings, "Ola@NTNU.no")
    findings = result.tests[0].findings
    assert kinds(findings) == [K.invitation_elsewhere, K.guideline_not_published, K.open]
    assert findings[0].address == "ola.nordmann@gmail.com"
    assert result.escalation_offered("A-1")


def test_unknown_guideline_is_not_reported(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    ready_test(engine, "A-1", opened_for_marking=T0, guideline_published=None)
    assert kinds(diagnose(engine, settings, "ola@ntnu.no").tests[0].findings) == [K.open]


def test_guideline_and_invitation_are_only_reported_once_open(engine, settings):
    add_grader(engine, "ola@ntnu.no", inspera_email="ola@gmail.com")
    ready_test(engine, "A-1", guideline_published=False)
    assert kinds(diagnose(engine, settings, "ola@ntnu.no").tests[0].findings) == [
        K.awaiting_opening
    ]


# -- several tests, several findings --------------------------------------------------


def test_every_test_of_the_person_most_blocking_first(engine, settings):
    add_grader(engine, "ext@uio.no", kind="external", access_agreement=False)
    ready_test(engine, "OPEN-1", grader="ext@uio.no", opened_for_marking=T0)
    ready_test(engine, "LATER-1", grader="ext@uio.no", submission_deadline=AFTER + timedelta(1))
    ready_test(engine, "STUCK-1", grader="ext@uio.no")
    add_candidates(engine, "STUCK-1", None, ["x"])
    result = diagnose(engine, settings, "ext@uio.no")
    assert [t.test_id for t in result.tests] == ["STUCK-1", "LATER-1", "OPEN-1"]
    assert kinds(result.findings_for("LATER-1")) == [
        K.no_access_agreement,
        K.deadline_not_passed,
    ]
    # The person's finding makes every test escalatable.
    assert all(result.escalation_offered(t.test_id) for t in result.tests)
    assert not result.exam_office_escalation_offered


def test_a_course_code_is_narrowed_to_the_persons_own_tests(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    ready_test(engine, "TDT4100-2026H")
    add_test(engine, "TDT4100-2025H", course_code="TDT4100")
    result = diagnose(engine, settings, "ola@ntnu.no", "TDT4100")
    assert result.query_outcome == QueryOutcome.found
    assert [t.test_id for t in result.tests] == ["TDT4100-2026H"]


def test_an_ambiguous_course_code_falls_back_to_own_tests_and_names_the_matches(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    ready_test(engine, "A-1")
    add_test(engine, "TDT4100-2026H")
    add_test(engine, "TDT4100-2025H", course_code="TDT4100")
    result = diagnose(engine, settings, "ola@ntnu.no", "tdt4100")
    assert result.query_outcome == QueryOutcome.ambiguous
    assert set(result.ambiguous_tests) == {"TDT4100-2026H", "TDT4100-2025H"}
    assert [t.test_id for t in result.tests] == ["A-1"]


def test_an_unknown_test_falls_back_to_own_tests(engine, settings):
    add_grader(engine, "ola@ntnu.no")
    ready_test(engine, "A-1")
    result = diagnose(engine, settings, "ola@ntnu.no", "  XYZ9999  ")
    assert (result.query, result.query_outcome) == ("XYZ9999", QueryOutcome.not_found)
    assert [t.test_id for t in result.tests] == ["A-1"]


# -- data helpers ---------------------------------------------------------------------


def test_findings_survive_a_json_round_trip():
    findings = [
        Finding(K.deadline_not_passed, when=T0),
        Finding(K.candidates_without_grader, count=3, committees=2),
        Finding(K.invitation_elsewhere, address="ola@gmail.com"),
        Finding(K.not_registered),
    ]
    assert [Finding.from_json(f.to_json()) for f in findings] == findings


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("ola.nordmann@gmail.com", "o…@gmail.com"),
        ("o@gmail.com", "o…@gmail.com"),
        ("no-at-sign", "n…"),
    ],
)
def test_mask_address(address, masked):
    assert mask_address(address) == masked
