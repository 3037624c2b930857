"""The FS hand-off checklist end to end, as Slack and Inspera drive the bot: signed requests
over real HTTP to the real app, the fake Slack answering, scheduler passes with a simulated
clock. A test graded in Sensorbot gets the checklist (with the export) at its last final
approval; one graded in Inspera after a signed `confirm_final_grades`. The consultant
records the test transfer's result, confirms the transfer, and the graders hear what comes
next; an untransferred test is reminded two working days on, once a day."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.approvals import after_grades_changed
from bot.approvals.delivery import enqueue_outcome
from bot.i18n.dates import datetime_text
from bot.scheduling.delivery import send_now
from bot.scheduling.scheduler import Scheduler
from models import tables
from models.db import session_scope
from models.types import utcnow
from tests.support.blocks import buttons, visible_text
from tests.support.factories import (
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    choose_language,
    put_grades,
)
from tests.support.fake_inspera import WEBHOOK_SECRET, signed_event
from tests.support.harness import http_request
from tests.support.scheduling import OSLO, oslo, posts_to

TEST = "TDT4100-2026H"
INSPERA_ID = "35199862"
KARI, OLA, CONSULTANT = "kari@ntnu.no", "ola@ntnu.no", "konsulent@ntnu.no"
# Opened before every moment these tests act at, real or simulated.
OPENED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def bot_settings_overrides():
    return {"SENSORBOT_INSPERA_WEBHOOK_SECRET": WEBHOOK_SECRET}


@pytest.fixture
def people(running_bot, fake_slack):
    fake_slack.add_user("UKARI", email=KARI, locale="nb-NO", name="Kari")
    fake_slack.add_user("UOLA", email=OLA, locale="nb-NO", name="Ola")
    fake_slack.add_user("UKONS", email=CONSULTANT, locale="en-GB", name="Konsulent")
    choose_language(running_bot.runtime.engine, "UKONS", "en")
    return running_bot


def roster(engine, **fields) -> None:
    """Kari and Ola grade committee 1: candidates 101 and 102."""
    add_test(engine, TEST, consultants=(CONSULTANT,), opened_for_marking=OPENED, **fields)
    add_grader(engine, KARI, name="Kari Nordmann")
    add_grader(engine, OLA, name="Ola Hansen")
    for email in (KARI, OLA):
        add_membership(engine, TEST, email, "1")
    add_candidates(engine, TEST, "1", ["101", "102"])


def checklists(fake_slack) -> list[dict]:
    return [m for m in posts_to(fake_slack, "UKONS") if m["text"].startswith("Transfer to FS")]


def the_checklist(fake_slack, containing: str = "") -> dict:
    """The consultant's checklist, once it shows `containing`."""

    def shown():
        found = checklists(fake_slack)
        return found if found and containing in visible_text(found[-1]) else None

    (checklist,) = fake_slack.wait_for(shown, description=f"the checklist with {containing!r}")
    return checklist


def press(bot, user: str, message: dict, action_id: str):
    value = dict(buttons(message))[action_id]
    answer = bot.slack.click(
        user, action_id, value, channel_id=message["channel"], message_ts=message["ts"]
    )
    assert answer.status == 200
    return answer


def submit_refused(bot, user: str, checklist: dict, typed: str):
    """The "FS refused some candidates" modal submitted with `typed`, as Slack sends it."""
    metadata = dict(buttons(checklist))["handoff_trial_refused"]
    values = {"candidates": {"candidates": {"type": "plain_text_input", "value": typed}}}
    return bot.slack.interaction(
        {
            "type": "view_submission",
            "user": {"id": user},
            "view": {
                "id": "V1",
                "type": "modal",
                "callback_id": "handoff_refused",
                "private_metadata": metadata,
                "state": {"values": values},
            },
        }
    )


def handoff(engine) -> tables.FsHandoff | None:
    with session_scope(engine) as session:
        return session.get(tables.FsHandoff, TEST)


def stored_test(engine) -> tables.Test:
    with session_scope(engine) as session:
        return session.get(tables.Test, TEST)


@pytest.fixture
def graded_in_sensorbot(people, fake_slack):
    """Kari and Ola grade in shared marking, one final approval for all; Kari's approval,
    pressed in Slack, makes the test graded."""
    bot = people
    engine = bot.runtime.engine
    roster(engine, marking_mode="shared", final_approval="one")
    put_grades(engine, TEST, KARI, {"101": "A", "102": "C"})
    with bot.runtime.session() as session:
        keys = enqueue_outcome(session, after_grades_changed(session, TEST, KARI))
    send_now(bot.runtime, keys)
    (final,) = [m for m in posts_to(fake_slack, "UKARI") if "felles sensur" in m["text"]]
    press(bot, "UKARI", final, "approvals.approve_final")
    return bot


def test_a_test_graded_in_sensorbot_gets_the_checklist_with_the_export(
    graded_in_sensorbot, fake_slack
):
    checklist = the_checklist(fake_slack)
    text = visible_text(checklist)
    assert "every committee has approved its final grades (2 grades: 1 A and 1 C)" in text
    assert "Import the final grades into Inspera (the file above)" in text
    assert "*Test overføring til FS*" in text
    shown = [a for a, _ in buttons(checklist) if a.startswith("handoff")]
    assert shown == ["handoff_trial_fine", "handoff_trial_refused"]
    assert "can be confirmed once step 2 is recorded" in text
    (upload,) = fake_slack.uploads_to("UKONS")
    assert upload.filename == "TDT4100-2026H final grades.xlsx"
    assert handoff(graded_in_sensorbot.runtime.engine) is not None


def test_fine_then_transferred_sets_the_dates_and_tells_the_graders_what_comes_next(
    graded_in_sensorbot, fake_slack
):
    bot, engine = graded_in_sensorbot, graded_in_sensorbot.runtime.engine
    press(bot, "UKONS", the_checklist(fake_slack), "handoff_trial_fine")
    checklist = the_checklist(fake_slack, "The test transfer was fine (recorded by")
    confirm = dict((b["action_id"], b) for b in _elements(checklist))["handoff_transferred"]
    assert confirm["confirm"]["title"]["text"] == "Transferred to FS?"
    assert "Both graders of TDT4100-2026H are told" in confirm["confirm"]["text"]["text"]

    press(bot, "UKONS", checklist, "handoff_transferred")
    done = the_checklist(fake_slack, "Transferred to FS by")
    assert "The graders have been told" in visible_text(done) and not buttons(done)
    test = stored_test(engine)
    assert test.transferred_by == CONSULTANT and test.results_published == test.transferred_at

    def told(user):
        found = [m for m in posts_to(fake_slack, user) if "overført til FS" in m["text"]]
        return found[-1]["text"] if found else None

    kari = fake_slack.wait_for(lambda: told("UKARI"), description="Kari told")
    fake_slack.wait_for(lambda: told("UOLA"), description="Ola told")
    assert kari.startswith("Sensuren for TDT4100-2026H er overført til FS, og resultatet er på vei")
    published = test.results_published
    asked_by = _norwegian_date(published + timedelta(weeks=1))
    complaint_by = _norwegian_date(published + timedelta(weeks=3))
    assert f"En student kan be om begrunnelse innen {asked_by}." in kari
    assert "Begrunnelsen skal da gis innen to uker etter at studenten ba om den." in kari
    assert f"En student kan klage innen {complaint_by}, eller innen tre uker" in kari
    assert "private notatene i Inspera" in kari and "@" not in kari


def test_refused_candidates_are_checked_named_and_listed_back(graded_in_sensorbot, fake_slack):
    bot, engine = graded_in_sensorbot, graded_in_sensorbot.runtime.engine
    checklist = the_checklist(fake_slack)
    press(bot, "UKONS", checklist, "handoff_trial_refused")
    (opened,) = fake_slack.wait_for("views.open")
    modal = opened.params["view"]
    modal = json.loads(modal) if isinstance(modal, str) else modal
    assert modal["callback_id"] == "handoff_refused"
    assert modal["title"]["text"] == "Refused candidates"

    unknown = submit_refused(bot, "UKONS", checklist, "102\n999")
    assert unknown.status == 200
    errors = unknown.json()["errors"]["candidates"]
    assert errors.startswith("TDT4100-2026H has no candidate 999.")
    assert errors.endswith("Nothing was stored.")
    assert handoff(engine).trial_result is None

    real = submit_refused(bot, "UKONS", checklist, "102, 101")
    assert real.status == 200 and real.body in (b"", b"{}")
    listed = the_checklist(fake_slack, "FS refused 2 candidates: 102, 101")
    assert "run the test transfer again" in visible_text(listed)
    assert json.loads(handoff(engine).refused_candidates) == ["102", "101"]
    # Recorded: the transfer can be confirmed now.
    assert "handoff_transferred" in dict(buttons(listed))


def test_a_forged_or_foreign_press_changes_nothing(graded_in_sensorbot, fake_slack):
    bot, engine = graded_in_sensorbot, graded_in_sensorbot.runtime.engine
    checklist = the_checklist(fake_slack)
    # Kari is no consultant of the test: the button is refused, whatever it carries.
    press(bot, "UKARI", checklist, "handoff_trial_fine")
    refusal = fake_slack.wait_for(
        lambda: (
            [m for m in fake_slack.messages_to("DUKONS") if m["ephemeral"]]
            or [m for m in fake_slack.calls("chat.postEphemeral")]
        ),
        description="Kari told she may not",
    )
    assert refusal
    # A made-up value (another prompt's id, an unreadable one) is out of date.
    for value in ("1", "junk"):
        bot.slack.click("UKONS", "handoff_transferred", value, channel_id="DUKONS", message_ts="1")
    fake_slack.wait_for(lambda: len(fake_slack.calls("chat.postEphemeral")) >= 3)
    said = [c.params["text"] for c in fake_slack.calls("chat.postEphemeral")]
    assert said[0].startswith("Bare studiekonsulentene for TDT4100-2026H kan gjøre dette.")
    assert all("no longer applies" in text for text in said[1:])
    assert handoff(engine).trial_result is None
    assert stored_test(engine).transferred_at is None


def test_an_inspera_test_gets_the_checklist_after_a_signed_confirm_final_grades(people, fake_slack):
    bot, engine = people, people.runtime.engine
    roster(engine, grading_in="inspera", inspera_test_id=INSPERA_ID)
    body, headers = signed_event("confirm_final_grades", int(INSPERA_ID))
    answer = http_request(bot.base_url + "/inspera/events", data=body, headers=headers)
    assert answer.status == 200

    checklist = the_checklist(fake_slack)
    text = visible_text(checklist)
    assert "the final grades are confirmed in Inspera" in text
    assert "Run Inspera's *Test overføring til FS* (test transfer to FS) first" in text
    assert fake_slack.uploads_to("UKONS") == [], "nothing to import: the grades are in Inspera"
    # The same delivery again starts nothing more.
    again = http_request(bot.base_url + "/inspera/events", data=body, headers=headers)
    assert again.body == b"already received\n"
    assert len(checklists(fake_slack)) == 1


def test_a_signed_confirm_final_grades_stops_the_reminders_and_the_overdue_notice(
    people, fake_slack
):
    bot, engine = people, people.runtime.engine
    roster(engine, grading_in="inspera", inspera_test_id=INSPERA_ID)
    scheduler = Scheduler(bot.runtime)
    scheduler.run_pass(oslo(2026, 12, 24, 9, 5))  # a week before the deadline
    first = len(posts_to(fake_slack, "UKARI"))
    assert first >= 1, "neither reported done: Kari is reminded"

    body, headers = signed_event("confirm_final_grades", int(INSPERA_ID))
    assert http_request(bot.base_url + "/inspera/events", data=body, headers=headers).status == 200
    the_checklist(fake_slack)

    scheduler.run_pass(oslo(2026, 12, 29, 9, 5))  # two days before
    scheduler.run_pass(oslo(2026, 12, 31, 9, 5))  # the deadline has passed
    assert len(posts_to(fake_slack, "UKARI")) == first
    assert not [m for m in posts_to(fake_slack, "UKONS") if "deadline" in m["text"].lower()]


def test_a_forged_webhook_starts_no_hand_off(people, fake_slack):
    bot, engine = people, people.runtime.engine
    roster(engine, grading_in="inspera", inspera_test_id=INSPERA_ID)
    body, _ = signed_event("confirm_final_grades", int(INSPERA_ID))
    _, forged = signed_event("confirm_final_grades", int(INSPERA_ID), secret="guess")
    answer = http_request(bot.base_url + "/inspera/events", data=body, headers=forged)
    assert answer.status == 401
    assert handoff(engine) is None and checklists(fake_slack) == []


def test_untransferred_two_working_days_on_is_reminded_at_nine_once_a_day(people, fake_slack):
    bot, engine = people, people.runtime.engine
    roster(engine, grading_in="inspera", final_grades_confirmed_at=oslo(2026, 12, 14, 8, 0))
    scheduler = Scheduler(bot.runtime)
    monday = oslo(2026, 12, 14, 10, 0)
    scheduler.run_pass(monday)  # the hand-off starts: the consultant's confirmation
    checklist = the_checklist(fake_slack)
    assert handoff(engine).started_at == monday

    def reminders():
        return [m for m in posts_to(fake_slack, "UKONS") if "not transferred to FS" in m["text"]]

    for moment in (oslo(2026, 12, 15, 9, 0), oslo(2026, 12, 16, 8, 0)):
        scheduler.run_pass(moment)
    assert reminders() == []
    for moment in (oslo(2026, 12, 16, 9, 0), oslo(2026, 12, 16, 14, 0)):
        scheduler.run_pass(moment)
    (reminder,) = reminders()
    text = visible_text(reminder)
    assert f"has been graded since {datetime_text('en', monday, OSLO)}" in text
    assert "Monday 14 December" in text
    assert "every working day at 09:00" in text

    scheduler.run_pass(oslo(2026, 12, 17, 9, 0))
    assert len(reminders()) == 2
    press(bot, "UKONS", checklist, "handoff_trial_fine")
    recorded = the_checklist(fake_slack, "The test transfer was fine (recorded by")
    press(bot, "UKONS", recorded, "handoff_transferred")
    the_checklist(fake_slack, "Transferred to FS by")
    for moment in (oslo(2026, 12, 18, 9, 0), oslo(2026, 12, 21, 9, 0)):
        scheduler.run_pass(moment)
    assert len(reminders()) == 2, "none after the transfer"
    assert stored_test(engine).results_published is not None
    assert utcnow() - stored_test(engine).transferred_at < timedelta(minutes=5)


def _elements(message: dict) -> list[dict]:
    return [e for b in message.get("blocks") or [] for e in b.get("elements") or []]


def _norwegian_date(when) -> str:
    return datetime_text("nb", when, OSLO)
