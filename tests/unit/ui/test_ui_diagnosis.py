"""Rendering diagnoses and escalations: every finding has words in both languages and for
both audiences, times show in local time, Slack's limits hold for large answers."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.diagnosis.access import Diagnosis, Finding, FindingKind, TestDiagnosis
from bot.ui.diagnosis import (
    DETAILED_TESTS,
    ESCALATE_ACTION,
    EscalationTarget,
    finding_text,
    why_message,
)
from bot.ui.escalations import channel_message, consultant_finding_text, consultant_message
from bot.ui.kit import Mrkdwn
from bot.ui.payloads import PayloadError
from models.tables import Escalation, EscalationStatus
from tests.support.blocks import buttons, visible_text
from tests.support.harness import make_settings

OSLO = ZoneInfo("Europe/Oslo")
T0 = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)


@pytest.fixture
def settings():
    return make_settings("http://unused/", "sqlite://", SENSORBOT_EXAM_OFFICE_EMAILS="e@ntnu.no")


def every_finding(count: int) -> list[Finding]:
    return [
        Finding(kind, count=count, committees=count, when=T0, address="ola.nordmann@gmail.com")
        for kind in FindingKind
    ]


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("count", [1, 3])
def test_every_finding_has_words_for_the_grader_and_the_consultant(settings, lang, count):
    for finding in every_finding(count):
        for text in (
            finding_text(finding, lang, settings, "Algoritmer"),
            consultant_finding_text(finding, lang, settings.tz),
        ):
            assert text.strip() and "{" not in text.replace("{date_short_pretty} {time}", "")


def test_the_grader_sees_the_invitation_address_masked_the_consultant_in_full(settings):
    finding = Finding(FindingKind.invitation_elsewhere, address="ola.nordmann@gmail.com")
    assert "o…@gmail.com" in finding_text(finding, "en", settings)
    assert "ola.nordmann@gmail.com" not in finding_text(finding, "en", settings)
    assert "ola.nordmann@gmail.com" in consultant_finding_text(finding, "en", settings.tz)


def test_escalation_target_values_round_trip_and_reject_anything_else():
    for target in (EscalationTarget("A-1"), EscalationTarget(None)):
        assert EscalationTarget.decode(target.encode()) == target
    for forged in ("", "test:", "A-1", "office", "exam_office "):
        with pytest.raises(PayloadError):
            EscalationTarget.decode(forged)


def many_tests(count: int, findings: tuple[Finding, ...]) -> Diagnosis:
    tests = tuple(
        TestDiagnosis(
            test_id=f"TEST{i:03d}-2026H",
            course_code=f"TEST{i:03d}",
            title="A course with a rather long title " * 3,
            submission_deadline=T0 - timedelta(days=i),
            consultants=tuple(f"konsulent{j}@ntnu.no" for j in range(5)),
            findings=findings,
        )
        for i in range(count)
    )
    external_gaps = (
        Finding(FindingKind.not_appointed),
        Finding(FindingKind.no_access_agreement),
        Finding(FindingKind.no_login_route),
    )
    return Diagnosis(
        email="ola@ntnu.no",
        grader=None,
        person_findings=external_gaps,
        tests=tests,
        exam_office=("e@ntnu.no",),
    )


def within_slacks_limits(blocks: list[dict]) -> None:
    assert len(blocks) <= 50
    for block in blocks:
        assert len(block.get("text", {}).get("text", "")) <= 3000


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_grader_on_many_tests_gets_one_line_per_test_and_details_where_needed(settings, lang):
    worst_real_case = tuple(
        Finding(kind, count=12, committees=2)
        for kind in (
            FindingKind.no_committee,
            FindingKind.graders_without_committee,
            FindingKind.candidates_without_committee,
            FindingKind.candidates_without_grader,
            FindingKind.candidates_open_for_redelivery,
        )
    )
    diagnosis = many_tests(30, worst_real_case)
    text, blocks = why_message(diagnosis, lang, settings)
    within_slacks_limits(blocks)
    shown = visible_text({"blocks": blocks})
    # One line per test, each named, and in the fallback text too.
    assert all(test.test_id in shown and test.test_id in text for test in diagnosis.tests)
    details = [b for b in blocks if b["type"] == "divider"]
    hidden = 30 - (len(details) - 1)  # a divider before each test's details and the help
    assert 0 < hidden < 30
    assert f"{hidden} " in shown  # … and 2x more tests
    assert buttons({"blocks": blocks})[0] == (ESCALATE_ACTION, "test:TEST000-2026H")
    assert text.startswith(("Hvorfor", "Why"))


def test_with_few_tests_every_test_has_its_details(settings):
    open_test = (Finding(FindingKind.open),)
    diagnosis = replace(many_tests(DETAILED_TESTS, open_test), person_findings=())
    _, blocks = why_message(diagnosis, "en", settings)
    assert len([b for b in blocks if b["type"] == "divider"]) == DETAILED_TESTS + 1
    diagnosis = replace(many_tests(DETAILED_TESTS + 1, open_test), person_findings=())
    _, blocks = why_message(diagnosis, "en", settings)
    assert len([b for b in blocks if b["type"] == "divider"]) == 1  # nothing to do: lines only


def one_test(*findings: Finding, **fields) -> TestDiagnosis:
    values = {
        "test_id": "A-1",
        "course_code": "TDT4100",
        "title": "Algoritmer",
        "submission_deadline": T0,
        "consultants": ("kari@ntnu.no",),
        "findings": findings,
    }
    return TestDiagnosis(**{**values, **fields})


def grader_diagnosis(*tests: TestDiagnosis, person=()) -> Diagnosis:
    return Diagnosis(email="ola@ntnu.no", grader=None, person_findings=person, tests=tests)


def test_the_good_news_comes_first(settings):
    open_with_warnings = one_test(
        Finding(FindingKind.open),
        Finding(FindingKind.invitation_elsewhere, address="ola@gmail.com"),
        Finding(FindingKind.guideline_not_published),
    )
    stuck = one_test(
        Finding(FindingKind.candidates_without_committee, count=2),
        test_id="B-1",
        submission_deadline=T0 + timedelta(days=1),
    )
    waiting = one_test(Finding(FindingKind.deadline_not_passed, when=T0), test_id="C-1")
    # The diagnosis lists the most blocking first; the answer opens with what is fine.
    text, blocks = why_message(grader_diagnosis(stuck, waiting, open_with_warnings), "en", settings)
    shown = visible_text({"blocks": blocks})
    assert shown.index("A-1 – Algoritmer: open for marking – see below") < shown.index(
        "C-1 – Algoritmer: the submission deadline is"
    )
    assert shown.index("C-1 – Algoritmer: the submission") < shown.index(
        "B-1 – Algoritmer: your study consultant needs to fix something"
    )
    assert shown.index("The test is open for marking") < shown.index("Inspera sent its invit")
    assert text.index("A-1") < text.index("C-1") < text.index("B-1")
    # The old invitation address is the consultant's to correct too.
    assert buttons({"blocks": blocks}) == [
        (ESCALATE_ACTION, "test:A-1"),
        (ESCALATE_ACTION, "test:B-1"),
    ]


def test_normal_waiting_has_a_calm_icon(settings):
    for finding in (
        Finding(FindingKind.deadline_not_passed, when=T0),
        Finding(FindingKind.awaiting_opening),
    ):
        _, blocks = why_message(grader_diagnosis(one_test(finding)), "nb", settings)
        shown = visible_text({"blocks": blocks})
        assert ":hourglass_flowing_sand:" in shown
        assert ":no_entry:" not in shown
    blocked = one_test(Finding(FindingKind.candidates_without_committee, count=1))
    shown = visible_text({"blocks": why_message(grader_diagnosis(blocked), "nb", settings)[1]})
    assert ":construction: Én kandidat som har levert, har ingen kommisjon ennå." in shown
    assert ":no_entry:" not in shown


def test_the_fallback_text_names_each_test(settings):
    a = one_test(Finding(FindingKind.open))
    b = one_test(Finding(FindingKind.awaiting_opening), test_id="B-1", title=None)
    text, _ = why_message(grader_diagnosis(a, b), "nb", settings)
    assert text == (
        "Hvorfor ser jeg ikke besvarelsene? A-1 – Algoritmer: åpnet for vurdering; "
        "B-1 – TDT4100: fristen er ute, prøven venter på å bli åpnet for vurdering"
    )
    text, _ = why_message(grader_diagnosis(a), "en", settings)
    assert text == "Why can't I see the submissions? A-1 – Algoritmer: open for marking"


def test_consultants_are_named_by_mention_and_a_sent_case_replaces_its_button(settings):
    stuck = one_test(Finding(FindingKind.no_committee), consultants=("kari@ntnu.no", "per@ntnu.no"))
    consultants = {"kari@ntnu.no": "UKARI", "per@ntnu.no": None}
    _, blocks = why_message(grader_diagnosis(stuck), "nb", settings, consultants=consultants)
    shown = visible_text({"blocks": blocks})
    assert "Saken går til <@UKARI> og per@ntnu.no (ikke i Slack)." in shown
    assert buttons({"blocks": blocks}) == [(ESCALATE_ACTION, "test:A-1")]
    note = Mrkdwn(":white_check_mark: Sendt til <@UKARI>")
    _, blocks = why_message(grader_diagnosis(stuck), "nb", settings, sent={"A-1": note})
    assert buttons({"blocks": blocks}) == []
    assert ":white_check_mark: Sendt til <@UKARI>" in visible_text({"blocks": blocks})


def test_a_person_the_store_does_not_know_is_told_the_address_looked_up(settings):
    finding = Finding(FindingKind.not_registered, address="ola.n@ntnu.no")
    assert "du har i Slack, ola.n@ntnu.no, og ingen sensor" in finding_text(finding, "nb", settings)


def test_an_external_grader_who_cannot_log_in_gets_the_activation_page(settings):
    text = finding_text(Finding(FindingKind.no_login_route), "en", settings)
    assert "Activate it here: https://i.ntnu.no/wiki/-/wiki/Norsk/Aktiver+brukerkonto" in text
    other = make_settings(
        "http://unused/", "sqlite://", SENSORBOT_ACTIVATION_URL="https://uni.example/activate"
    )
    assert "https://uni.example/activate" in finding_text(
        Finding(FindingKind.no_login_route), "nb", other
    )


@pytest.mark.parametrize(
    ("count", "nb", "en"),
    [
        (2, "10001 og 10002", "10001 and 10002"),
        (10, "10001, 10002, 10003, 10004, 10005, 10006, 10007, 10008, 10009 og 10010", "10010"),
        (
            11,
            "10001, 10002, 10003, 10004, 10005, 10006, 10007, 10008, 10009, 10010 og én til",
            "10009, 10010, and one more",
        ),
        (13, "10008, 10009, 10010 og 3 til", "10010, and 3 more"),
    ],
)
def test_consultants_see_candidate_numbers_up_to_ten_then_how_many_more(settings, count, nb, en):
    numbers = tuple(str(10001 + i) for i in range(min(count, 10)))
    finding = Finding(FindingKind.candidates_without_committee, count=count, candidates=numbers)
    norwegian = consultant_finding_text(finding, "nb", settings.tz)
    english = consultant_finding_text(finding, "en", settings.tz)
    assert norwegian.startswith("Innleverte kandidater uten kommisjon: 10001")
    assert norwegian.endswith(f"{nb}.") and english.endswith(f"{en}.")
    assert norwegian.count("100") == len(numbers)


def test_even_impossible_pileups_stay_within_slacks_limits(settings):
    diagnosis = many_tests(30, tuple(every_finding(5)))
    for lang in ("nb", "en"):
        _, blocks = why_message(diagnosis, lang, settings)
        within_slacks_limits(blocks)
        shown = visible_text({"blocks": blocks})
        listed = sum(t.test_id in shown for t in diagnosis.tests)
        assert listed >= 1 and f"{30 - listed} " in shown


def case(**fields) -> Escalation:
    values = {
        "id": 7,
        "test_id": "A-1",
        "grader_email": "ola@ntnu.no",
        "grader_name": "Ola Nordmann",
        "grader_slack_user": "UOLA",
        "status": EscalationStatus.open,
        "created_at": T0,
    }
    return Escalation(**{**values, **fields})


FINDINGS = (Finding(FindingKind.no_access_agreement), Finding(FindingKind.no_committee))


def test_consultant_message_buttons_follow_the_status(settings):
    tz = settings.tz
    _, blocks = consultant_message(case(), FINDINGS, "en", tz)
    assert buttons({"blocks": blocks}) == [
        ("escalation_acknowledge", "7"),
        ("escalation_resolve", "7"),
    ]
    acked = case(
        status=EscalationStatus.acknowledged,
        acknowledged_by="k@ntnu.no",
        acknowledged_by_user="UKARI",
        acknowledged_at=T0,
    )
    _, blocks = consultant_message(acked, FINDINGS, "en", tz)
    assert buttons({"blocks": blocks}) == [("escalation_resolve", "7")]
    assert "Status: <@UKARI> took it up" in visible_text({"blocks": blocks})
    resolved = case(
        status=EscalationStatus.resolved,
        resolved_by="k@ntnu.no",
        resolved_by_user="UKARI",
        resolved_at=T0,
    )
    text, blocks = consultant_message(resolved, FINDINGS, "en", tz)
    assert buttons({"blocks": blocks}) == []
    shown = visible_text({"text": text, "blocks": blocks})
    assert "Status: resolved by <@UKARI>" in shown
    assert "@ntnu.no" not in shown  # people by mention, never by e-mail
    old = case(status=EscalationStatus.resolved, resolved_by="k@ntnu.no", resolved_at=T0)
    assert "resolved by a study consultant" in visible_text(
        {"blocks": consultant_message(old, FINDINGS, "en", tz)[1]}
    )


def test_a_reraised_case_says_so_until_taken_up(settings):
    _, blocks = consultant_message(
        case(reraised_at=T0 + timedelta(days=1)), FINDINGS, "nb", settings.tz
    )
    assert "Påminnelse: ingen har tatt tak i denne saken siden" in visible_text({"blocks": blocks})
    acked = case(
        reraised_at=T0 + timedelta(days=1),
        status=EscalationStatus.acknowledged,
        acknowledged_by="k@ntnu.no",
        acknowledged_at=T0 + timedelta(days=2),
    )
    _, blocks = consultant_message(acked, FINDINGS, "nb", settings.tz)
    assert "Påminnelse" not in visible_text({"blocks": blocks})


def test_the_channel_notice_names_grader_and_test_but_no_findings(settings):
    text, blocks = channel_message(case(), "en", settings.tz)
    shown = visible_text({"text": text, "blocks": blocks})
    assert "Ola Nordmann" in shown and "A-1" in shown
    assert "access agreement" not in shown and "committee" not in shown


def test_inspera_s_committees_are_named_in_the_reader_s_words_and_escaped(settings):
    finding = Finding(FindingKind.inspera_lists_you, when=T0, names=("Kommisjon 2", "<!channel> 3"))
    text = finding_text(finding, "nb", settings)
    assert text.startswith("Inspera har deg som sensor på prøven, i kommisjon 2 og kommisjon ")
    assert "&lt;!channel&gt; 3" in text and "<!channel>" not in text
    assert "(sist lest torsdag 10. desember kl. 09.00)" in text
    alone = replace(finding, names=())
    assert "i ingen kommisjon" in finding_text(alone, "nb", settings)
    assert Finding.from_json(finding.to_json()) == finding


def test_the_grader_sees_inspera_s_other_address_masked(settings):
    finding = Finding(FindingKind.inspera_other_address, when=T0, address="jens@ntnu.no")
    text = finding_text(finding, "en", settings)
    assert "Inspera has another address for you: j…@ntnu.no" in text
    assert "jens@" not in text
