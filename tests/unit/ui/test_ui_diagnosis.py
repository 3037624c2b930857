"""Rendering diagnoses and escalations: every finding has words in both languages and for
both audiences, times show in local time, Slack's limits hold for large answers."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.diagnosis.access import Diagnosis, Finding, FindingKind, TestDiagnosis
from bot.ui.diagnosis import (
    ESCALATE_ACTION,
    MAX_TESTS,
    EscalationTarget,
    finding_text,
    why_message,
)
from bot.ui.escalations import channel_message, consultant_finding_text, consultant_message
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
    assert "o***@gmail.com" in finding_text(finding, "en", settings)
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
def test_a_grader_on_many_tests_sees_the_most_blocking_ones(settings, lang):
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
    assert diagnosis.tests[MAX_TESTS - 1].test_id in shown
    assert diagnosis.tests[MAX_TESTS].test_id not in shown
    assert f"{30 - MAX_TESTS} " in shown  # … and 22 more tests
    assert buttons({"blocks": blocks})[0] == (ESCALATE_ACTION, "test:TEST000-2026H")
    assert text.startswith(("Hvorfor", "Why"))


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
        status=EscalationStatus.acknowledged, acknowledged_by="k@ntnu.no", acknowledged_at=T0
    )
    _, blocks = consultant_message(acked, FINDINGS, "en", tz)
    assert buttons({"blocks": blocks}) == [("escalation_resolve", "7")]
    resolved = case(status=EscalationStatus.resolved, resolved_by="k@ntnu.no", resolved_at=T0)
    _, blocks = consultant_message(resolved, FINDINGS, "en", tz)
    assert buttons({"blocks": blocks}) == []
    assert "Status: resolved by k@ntnu.no" in visible_text({"blocks": blocks})


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
