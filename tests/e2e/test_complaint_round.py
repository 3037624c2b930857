"""The complaint committee's own round through real HTTP and scheduler passes against the
fake Slack: its notice, its reminders against the complaints' due date, `/sensur why` for a
complaint grader and the consultant's `/sensur status`.

TDT4100-2026H is marked in Inspera; its ordinary round is over (committee 1: Ola and Kari,
candidates 101-103) and the result was announced. Two candidates complained:
- 102, graded again by complaint committee K1 (Per, external, and Siri);
- 103, by complaint committee K2, whose only grader Slack does not know.
"""

from __future__ import annotations

import json

import pytest

from bot.scheduling.scheduler import Scheduler
from tests.support.blocks import visible_text
from tests.support.complaint_round import add_complaint, add_complaint_committee, report_done
from tests.support.factories import add_grader, choose_language
from tests.support.scheduling import CONSULTANT, TEST_ID, marking_setup, oslo, posts_to

# In the past, so that `/sensur why` and `/sensur status` (on the real clock) see the test
# open; the scheduler passes run on a simulated clock.
EXAM_AT = oslo(2026, 9, 10, 9, 0)
OPENED_AT = oslo(2026, 9, 11, 9, 0)
RESULT_AT = oslo(2026, 10, 5, 12, 0)
RECEIVED_AT = oslo(2026, 10, 12, 10, 0)
DUE_AT = oslo(2026, 11, 2, 23, 59)
NOTICE_PASS = oslo(2026, 10, 13, 10, 0)
REMINDER_PASS = oslo(2026, 10, 26, 9, 5)  # 7 local days before the due date

ORIGINAL_GRADERS = ("Ola", "Kari")


@pytest.fixture
def complaint_round(running_bot, fake_slack):
    engine = running_bot.runtime.engine
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UKARI", email="kari@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UPER", email="per@uib.no", locale="en-GB")
    fake_slack.add_user("USIRI", email="siri@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UKONS", email=CONSULTANT, locale="nb-NO")
    choose_language(engine, "UPER", "en")
    marking_setup(
        engine,
        submission_deadline=EXAM_AT,
        grading_deadline=oslo(2026, 10, 1, 23, 59),
        opened_for_marking=OPENED_AT,
        submitted={"1": ["101", "102", "103"]},
        grading_in="inspera",
        results_published=RESULT_AT,
    )
    add_grader(engine, "per@uib.no", "external", name="Per Ekstern")
    add_grader(engine, "siri@ntnu.no", name="Siri Intern")
    add_grader(engine, "ukjent@uit.no", "external", name="Una Ukjent")
    add_complaint_committee(engine, TEST_ID, "K1", ["per@uib.no", "siri@ntnu.no"])
    add_complaint_committee(engine, TEST_ID, "K2", ["ukjent@uit.no"])
    add_complaint(engine, TEST_ID, "102", "K1", received_at=RECEIVED_AT, due_at=DUE_AT)
    add_complaint(engine, TEST_ID, "103", "K2", received_at=RECEIVED_AT, due_at=DUE_AT)
    scheduler = Scheduler(running_bot.runtime)
    scheduler.run_pass(NOTICE_PASS)
    return scheduler


def _requests_about(fake_slack, user: str) -> list[str]:
    """Every request the bot made that concerns `user` (their DM or them), as text."""
    dm = f"D{user}"
    found = []
    for request in fake_slack.requests:
        text = json.dumps(request.params, ensure_ascii=False)
        if user in text or dm in text:
            found.append(text)
    return found


def test_each_complaint_grader_gets_one_notice_with_only_their_candidates(
    complaint_round, fake_slack
):
    (per,) = posts_to(fake_slack, "UPER")
    (siri,) = posts_to(fake_slack, "USIRI")
    per_text, siri_text = visible_text(per), visible_text(siri)
    assert "complaint committee K1" in per_text
    assert "candidate 102" in per_text
    assert "without undue delay" in per_text and "Monday 2 November" in per_text
    assert "/sensur done TDT4100-2026H" in per_text
    assert "klagekommisjon K1" in siri_text and "kandidat 102" in siri_text
    assert "uten ugrunnet opphold" in siri_text and "mandag 2. november" in siri_text
    for text in (per_text, siri_text):
        assert "101" not in text and "103" not in text
    # Nothing of the original round reaches a complaint grader.
    for user in ("UPER", "USIRI"):
        for request in _requests_about(fake_slack, user):
            assert not any(name in request for name in ORIGINAL_GRADERS)
    # The ordinary graders hear nothing of the complaints.
    assert not any("102" in visible_text(m) for m in posts_to(fake_slack, "UOLA"))


def test_a_second_pass_sends_nothing_and_a_new_complaint_gets_one_more_notice(
    complaint_round, running_bot, fake_slack
):
    complaint_round.run_pass(oslo(2026, 10, 13, 11, 0))
    assert len(posts_to(fake_slack, "UPER")) == 1

    engine = running_bot.runtime.engine
    later = oslo(2026, 10, 14, 10, 0)
    add_complaint(engine, TEST_ID, "101", "K1", received_at=later, due_at=oslo(2026, 11, 4, 23, 59))
    complaint_round.run_pass(oslo(2026, 10, 14, 11, 0))
    first, second = posts_to(fake_slack, "UPER")
    assert "candidate 101" in visible_text(second)
    assert "102" not in visible_text(second)


def test_the_reminder_reaches_only_the_grader_who_has_not_reported_done(
    complaint_round, running_bot, fake_slack
):
    report_done(running_bot.runtime.engine, TEST_ID, "K1", "siri@ntnu.no")
    complaint_round.run_pass(REMINDER_PASS)

    notice, reminder = posts_to(fake_slack, "UPER")
    text = visible_text(reminder)
    assert text.startswith("Reminder: the complaint grading for TDT4100-2026H")
    assert "You have not told me that you have approved your grading in Inspera" in text
    assert len(posts_to(fake_slack, "USIRI")) == 1  # the notice only

    complaint_round.run_pass(oslo(2026, 10, 26, 15, 0))
    assert len(posts_to(fake_slack, "UPER")) == 2


def _reply(running_bot, fake_slack, user: str, text: str, key: str) -> dict:
    answer = running_bot.slack.command(user, text, response_url=fake_slack.response_url(key))
    assert answer.status == 200
    return fake_slack.wait_for_call("response_url", match=lambda p: p.get("_key") == key).params


def test_why_for_a_complaint_grader_speaks_of_the_complaint_candidates(
    complaint_round, running_bot, fake_slack
):
    reply = _reply(running_bot, fake_slack, "UPER", "why TDT4100-2026H", "why-per")
    text = visible_text(reply)
    assert "You are on the complaint committee: 1 complaint to grade, candidate 102" in text
    assert "101" not in text and "103" not in text
    assert not any(name in text for name in ORIGINAL_GRADERS)


def test_a_complaint_committee_without_graders_in_slack_is_a_blocker_for_the_consultant(
    complaint_round, fake_slack, running_bot
):
    (report,) = [m for m in posts_to(fake_slack, "UKONS") if "Una Ukjent" in visible_text(m)]
    assert "klagene de skal vurdere" in visible_text(report)

    reply = _reply(running_bot, fake_slack, "UKONS", "status TDT4100-2026H", "status-kons")
    text = visible_text(reply)
    assert (
        "1 sensor i klagekommisjonen (kommisjon K2) finnes ikke i Slack og har ikke fått "
        "beskjed om klagene" in text
    )
    assert "Una Ukjent" in text
    assert "Dette holder klagesensuren tilbake:" in text
    assert "hindrer åpning" not in text
