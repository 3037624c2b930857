"""A test marked in Inspera, through real HTTP against the fake Slack: graders say "I have
approved my grading in Inspera" (on the opened notice, with `/sensur ferdig`, on the Home
tab), reminders and overdue notices reach only those who have not, the consultants are
asked once to confirm the final grades, and the confirmation ends the reminders.

Ola and Kari grade committee 1 of TDT4100-2026H; Ola also grades committee 2, with Per.
The test opened an hour ago (real time: presses are handled at the real clock); scheduler
passes run at simulated times before and after the grading deadline.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.exams.phase import TestState, state_of
from bot.scheduling.scheduler import Scheduler
from models import tables
from models.types import utcnow
from tests.e2e.test_home import open_home, press, text_of
from tests.support.blocks import buttons, visible_text
from tests.support.factories import add_grader, choose_language
from tests.support.scheduling import CONSULTANT, TEST_ID, marking_setup, oslo, posts_to

OLA, KARI, PER = "ola@ntnu.no", "kari@ntnu.no", "per@ntnu.no"
REPORT = "grading_reports.report_done"
TAKE_BACK = "grading_reports.take_back"
CONFIRM = "grading_reports.confirm_final"


def _deadline() -> datetime:
    """09:00 in Oslo, 30 days from now."""
    day = (utcnow() + timedelta(days=30)).date()
    return oslo(day.year, day.month, day.day, 9, 0)


@pytest.fixture
def marked_in_inspera(running_bot, fake_slack):
    engine = running_bot.runtime.engine
    fake_slack.add_user("UOLA", email=OLA, locale="nb-NO")
    fake_slack.add_user("UKARI", email=KARI, locale="en-GB")
    fake_slack.add_user("UPER", email=PER, locale="nb-NO")
    fake_slack.add_user("UKONS", email=CONSULTANT, locale="nb-NO")
    choose_language(engine, "UKARI", "en")
    for email in (OLA, KARI, PER):
        add_grader(engine, email, name=email.split("@")[0].title())
    opened = utcnow() - timedelta(hours=1)
    deadline = _deadline()
    marking_setup(
        engine,
        graders=[(OLA, "1"), (KARI, "1"), (OLA, "2"), (PER, "2")],
        new_graders=False,
        grading_in="inspera",
        opened_for_marking=opened,
        submission_deadline=opened - timedelta(days=1),
        grading_deadline=deadline,
    )
    scheduler = Scheduler(running_bot.runtime)
    scheduler.run_pass(utcnow())
    running_bot.deadline = deadline
    running_bot.scheduler = scheduler
    return running_bot


def _posted(fake_slack, user: str, contains: str) -> list[dict]:
    return [m for m in posts_to(fake_slack, user) if contains in visible_text(m)]


def _click(bot, fake_slack, user: str, action_id: str, value: str, message=None) -> dict:
    """Press a button (on `message` when given) and return the answer sent to its
    response_url."""
    key = f"{user}:{uuid.uuid4().hex[:6]}"
    answer = bot.slack.click(
        user,
        action_id,
        value,
        channel_id=message["channel"] if message else None,
        message_ts=message["ts"] if message else None,
        response_url=fake_slack.response_url(key),
    )
    assert answer.status == 200
    return fake_slack.wait_for_call("response_url", match=lambda p: p["_key"] == key).params


def _command(bot, fake_slack, user: str, text: str) -> dict:
    key = f"{user}:{uuid.uuid4().hex[:6]}"
    answer = bot.slack.command(user, text, response_url=fake_slack.response_url(key))
    assert answer.status == 200
    return fake_slack.wait_for_call("response_url", match=lambda p: p["_key"] == key).params


def _reports(bot) -> list[tuple[str, str]]:
    with bot.runtime.session() as session:
        rows = session.exec(select(tables.GradingReport)).all()
        return sorted((r.committee, r.grader_email) for r in rows)


def _report_button(message: dict, committee: str | None = None) -> str:
    values = [v for action, v in buttons(message) if action == REPORT]
    if committee is not None:
        values = [v for v in values if v.endswith(f"|{committee}")]
    (value,) = values
    return value


def _at(when: datetime, days: int = 0, minutes: int = 0) -> datetime:
    return (when + timedelta(days=days, minutes=minutes)).astimezone(UTC)


def test_the_opened_notice_says_grading_is_in_inspera_and_offers_the_report(
    marked_in_inspera, fake_slack
):
    (notice,) = _posted(fake_slack, "UKARI", "is open for marking")
    text = visible_text(notice)
    assert "Marking happens in Inspera" in text
    assert "I have approved my grading in Inspera" in text
    assert "send it to me" not in text  # nothing invites grades to be stored here
    (ola,) = _posted(fake_slack, "UOLA", "er åpnet for vurdering")
    labels = visible_text(ola)
    assert (
        "Kommisjon 1: godkjent i Inspera" in labels and "Kommisjon 2: godkjent i Inspera" in labels
    )


def test_reminders_and_overdue_reach_only_who_has_not_reported(marked_in_inspera, fake_slack):
    bot = marked_in_inspera
    (notice,) = _posted(fake_slack, "UKARI", "is open for marking")
    answer = _click(bot, fake_slack, "UKARI", REPORT, _report_button(notice), notice)
    assert "Thanks!" in answer["text"] and answer["replace_original"] is False
    assert _reports(bot) == [("1", KARI)]
    assert TAKE_BACK in [action for action, _ in buttons(answer)]

    bot.scheduler.run_pass(_at(bot.deadline, days=-7))
    assert not _posted(fake_slack, "UKARI", "Reminder")
    assert _posted(fake_slack, "UPER", "Påminnelse")  # committee 2: nobody reported yet
    (reminder,) = _posted(fake_slack, "UOLA", "Påminnelse")
    text = visible_text(reminder)
    assert "godkjenn sensuren din i Inspera" in text
    assert "Kommisjon 1" in text and "Kommisjon 2" in text
    assert {v.split("|")[1] for a, v in buttons(reminder) if a == REPORT} == {"1", "2"}

    bot.scheduler.run_pass(_at(bot.deadline, minutes=1))
    assert len(posts_to(fake_slack, "UKARI")) == 1  # the opened notice, nothing since
    assert _posted(fake_slack, "UOLA", "Sensurfristen")
    (escalation,) = _posted(fake_slack, "UKONS", "Sensurfristen er passert")
    text = visible_text(escalation)
    assert "*Ola*: kommisjon 1 og 2" in text and "*Per*: kommisjon 2" in text
    assert "Kari" not in text


def test_ferdig_with_two_committees_offers_one_button_each_and_can_be_taken_back(
    marked_in_inspera, fake_slack
):
    bot = marked_in_inspera
    reply = _command(bot, fake_slack, "UOLA", f"ferdig {TEST_ID}")
    assert reply["response_type"] == "ephemeral"
    assert _reports(bot) == []  # two committees: nothing reported before a button
    values = [v for a, v in buttons(reply) if a == REPORT]
    assert [v.split("|")[1] for v in values] == ["1", "2"]

    container = {"is_ephemeral": True}
    done = _click_ephemeral(bot, fake_slack, "UOLA", REPORT, values[1], container)
    assert done["replace_original"] is True
    assert "kommisjon 2" in done["text"] and _reports(bot) == [("2", OLA)]
    assert "meldt ferdig" in visible_text(done)

    (take_back,) = [v for a, v in buttons(done) if a == TAKE_BACK]
    back = _click_ephemeral(bot, fake_slack, "UOLA", TAKE_BACK, take_back, container)
    assert "ikke lenger meldt ferdig" in back["text"]
    assert _reports(bot) == []
    with bot.runtime.session() as session:
        actions = [e.action for e in session.exec(select(tables.AuditEntry)).all()]
    assert actions.count("grading_reported") == 1
    assert actions.count("grading_report_taken_back") == 1


def _click_ephemeral(bot, fake_slack, user, action_id, value, container) -> dict:
    """A press in an ephemeral reply (Slack marks its container so)."""
    key = f"{user}:{uuid.uuid4().hex[:6]}"
    payload = {
        "type": "block_actions",
        "user": {"id": user},
        "trigger_id": "t",
        "container": {"type": "message", **container},
        "response_url": fake_slack.response_url(key),
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "b",
                "value": value,
                "action_ts": "1",
            }
        ],
    }
    assert bot.slack.interaction(payload).status == 200
    return fake_slack.wait_for_call("response_url", match=lambda p: p["_key"] == key).params


def test_ferdig_with_one_committee_reports_at_once(marked_in_inspera, fake_slack):
    reply = _command(marked_in_inspera, fake_slack, "UKARI", "done TDT4100")
    assert "Thanks!" in reply["text"]
    assert _reports(marked_in_inspera) == [("1", KARI)]


def test_a_forged_button_changes_nothing(marked_in_inspera, fake_slack):
    bot = marked_in_inspera
    # Per is not in committee 1; the consultant grades nothing; a value none of ours.
    per = _click(bot, fake_slack, "UPER", REPORT, f"{TEST_ID}|1")
    assert "ikke sensor i kommisjon 1" in per["text"]
    _click(bot, fake_slack, "UKONS", REPORT, f"{TEST_ID}|1")
    garbage = _click(bot, fake_slack, "UOLA", REPORT, "not a value")
    assert "skjønte ikke" in garbage["text"]
    graders_confirm = _click(bot, fake_slack, "UOLA", CONFIRM, TEST_ID)
    assert "Bare studiekonsulentene" in graders_confirm["text"]
    assert _reports(bot) == []
    with bot.runtime.session() as session:
        test = session.get(tables.Test, TEST_ID)
        assert test.final_grades_confirmed_at is None
        assert session.exec(select(tables.AuditEntry)).all() == []


def test_all_reported_asks_the_consultant_once_and_the_confirmation_ends_reminders(
    marked_in_inspera, fake_slack
):
    bot = marked_in_inspera
    for user, value in [
        ("UKARI", f"{TEST_ID}|1"),
        ("UOLA", f"{TEST_ID}|1"),
        ("UOLA", f"{TEST_ID}|2"),
    ]:
        _click(bot, fake_slack, user, REPORT, value)
    bot.scheduler.run_pass(utcnow())
    assert not _posted(fake_slack, "UKONS", "Alle sensorene")

    _click(bot, fake_slack, "UPER", REPORT, f"{TEST_ID}|2")
    bot.scheduler.run_pass(utcnow())
    (asked,) = _posted(fake_slack, "UKONS", "Alle sensorene")
    assert "bekreft det her" in visible_text(asked)

    _click(bot, fake_slack, "UPER", TAKE_BACK, f"{TEST_ID}|2")
    _click(bot, fake_slack, "UPER", REPORT, f"{TEST_ID}|2")
    bot.scheduler.run_pass(utcnow())
    assert len(_posted(fake_slack, "UKONS", "Alle sensorene")) == 1  # asked once

    (value,) = [v for a, v in buttons(asked) if a == CONFIRM]
    confirmed = _click(bot, fake_slack, "UKONS", CONFIRM, value, asked)
    assert confirmed["replace_original"] is True
    assert "er registrert som bekreftet" in confirmed["text"]
    assert CONFIRM not in [a for a, _ in buttons(confirmed)]
    with bot.runtime.session() as session:
        test = session.get(tables.Test, TEST_ID)
        assert test.final_grades_confirmed_by == CONSULTANT
        assert state_of(session, test, utcnow()) == TestState.graded
    # Graded: the FS hand-off checklist reaches the consultant at once, before any pass.
    fake_slack.wait_for(
        lambda: _posted(fake_slack, "UKONS", "Test overføring til FS"),
        description="the FS hand-off checklist",
    )

    again = _click(bot, fake_slack, "UKONS", CONFIRM, value, asked)
    assert "er registrert som bekreftet" in again["text"]
    before = len(posts_to(fake_slack, "UOLA"))
    bot.scheduler.run_pass(_at(bot.deadline, days=-2))
    bot.scheduler.run_pass(_at(bot.deadline, minutes=1))
    assert len(posts_to(fake_slack, "UOLA")) == before
    assert not _posted(fake_slack, "UKONS", "Sensurfristen er passert")
    late = _click(bot, fake_slack, "UOLA", TAKE_BACK, f"{TEST_ID}|1")
    assert "allerede bekreftet" in late["text"]


def test_status_and_home_show_where_grades_are_set_and_who_reported(marked_in_inspera, fake_slack):
    bot = marked_in_inspera
    _click(bot, fake_slack, "UKARI", REPORT, f"{TEST_ID}|1")

    status = _command(bot, fake_slack, "UKONS", f"status {TEST_ID}")
    text = str(status["blocks"])
    assert "Karakterene settes og godkjennes i Inspera." in text
    assert "Kommisjon 1: meldt ferdig: Kari · ikke meldt: Ola" in text
    assert "Kommisjon 2: meldt ferdig: ingen · ikke meldt: Ola og Per" in text
    assert "@ntnu.no" not in text  # names, never e-mails

    home = open_home(bot, fake_slack, "UKARI")
    assert "reported done" in text_of(home)
    after = press(bot, fake_slack, "UKARI", home, TAKE_BACK)
    assert "no longer reported done" in text_of(after)
    assert _reports(bot) == []
    again = press(bot, fake_slack, "UKARI", after, REPORT)
    assert "Thanks!" in text_of(again)
    assert _reports(bot) == [("1", KARI)]


def test_approve_on_a_test_marked_in_inspera_points_to_ferdig(marked_in_inspera, fake_slack):
    reply = _command(marked_in_inspera, fake_slack, "UOLA", f"godkjenn {TEST_ID}")
    assert "godkjennes i Inspera" in reply["text"] and "/sensur ferdig" in reply["text"]
    with marked_in_inspera.runtime.session() as session:
        assert session.exec(select(tables.ApprovalPrompt)).all() == []


def test_ferdig_on_a_test_graded_in_sensorbot_says_where_its_grades_go(running_bot, fake_slack):
    fake_slack.add_user("UOLA", email=OLA, locale="nb-NO")
    marking_setup(running_bot.runtime.engine, opened_for_marking=utcnow() - timedelta(hours=1))
    reply = _command(running_bot, fake_slack, "UOLA", "ferdig")
    assert "settes her i Sensorbot" in reply["text"]
    assert _reports(running_bot) == []


def test_ferdig_before_the_test_opens_says_there_is_nothing_to_report(running_bot, fake_slack):
    fake_slack.add_user("UOLA", email=OLA, locale="nb-NO")
    marking_setup(running_bot.runtime.engine, grading_in="inspera")
    reply = _command(running_bot, fake_slack, "UOLA", "ferdig")
    assert "ikke åpnet for vurdering ennå" in reply["text"]
    assert not buttons(reply)
    assert _reports(running_bot) == []
