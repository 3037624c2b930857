"""Explanations end to end: scheduler passes with a simulated clock deliver to the fake Slack,
and "Explanation given" is pressed as Slack sends a press (signed, over real HTTP).

Ola (Norwegian) and Kari (English) grade committee 1 of TDT4100-2026H, Per committee 2; the
consultant is in Slack too. Candidate 101 asks for an explanation on Monday 26 April 2027,
due at the end of Monday 10 May. Ascension Day, Thursday 6 May, is not a working day: the
reminders come on Tuesday 4 May and Friday 7 May at 09:00.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.explanations.requests import GIVEN_ACTION as GIVEN
from bot.scheduling.scheduler import Scheduler
from models.db import session_scope
from models.tables import AuditEntry, ExplanationRequest
from tests.support.blocks import buttons, visible_text
from tests.support.explanations import add_explanation_request
from tests.support.factories import choose_language, put_grades
from tests.support.scheduling import CONSULTANT, TEST_ID, marking_setup, oslo, posts_to

REQUESTED = oslo(2027, 4, 26, 10, 0)
DUE = oslo(2027, 5, 10, 23, 59)
ACTION = "explanations.given"


@pytest.fixture
def bot(running_bot, fake_slack):
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UKARI", email="kari@ntnu.no", locale="en-GB")
    fake_slack.add_user("UPER", email="per@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UKONS", email=CONSULTANT, locale="nb-NO")
    engine = running_bot.runtime.engine
    choose_language(engine, "UKARI", "en")
    marking_setup(
        engine,
        graders=(("ola@ntnu.no", "1"), ("kari@ntnu.no", "1"), ("per@ntnu.no", "2")),
        submitted={"1": ["101", "102"], "2": ["201"]},
        submission_deadline=oslo(2027, 3, 10, 9, 0),
        results_published=oslo(2027, 4, 22, 12, 0),
        opened_for_marking=oslo(2027, 3, 11, 9, 0),
    )
    put_grades(engine, TEST_ID, "ola@ntnu.no", {"101": "B"})
    return running_bot


@pytest.fixture
def requested(bot):
    """Candidate 101's request, told by a pass."""
    request_id = add_explanation_request(bot.runtime.engine, TEST_ID, "101", REQUESTED, due_at=DUE)
    Scheduler(bot.runtime).run_pass(REQUESTED + timedelta(minutes=1))
    return request_id


def _explanation_posts(fake_slack, user: str) -> list[dict]:
    return [m for m in posts_to(fake_slack, user) if "101" in visible_text(m)]


def _press(bot, fake_slack, user: str, value: str, message: dict | None = None) -> dict:
    """Press "Explanation given" (on `message` when given); the answer at its response_url."""
    key = f"{user}:{uuid.uuid4().hex[:6]}"
    where = {"channel_id": message["channel"], "message_ts": message["ts"]} if message else {}
    answer = bot.slack.click(
        user, ACTION, value, response_url=fake_slack.response_url(key), **where
    )
    assert answer.status == 200
    call = fake_slack.wait_for_call("response_url", match=lambda p: p["_key"] == key)
    return call.params


def _value(message: dict) -> str:
    (value,) = [v for action_id, v in buttons(message) if action_id == ACTION]
    return value


def _given(bot) -> ExplanationRequest:
    with session_scope(bot.runtime.engine) as session:
        (request,) = session.exec(select(ExplanationRequest)).all()
        session.expunge(request)
        return request


def test_a_request_reaches_both_graders_of_the_committee_once(bot, fake_slack, requested):
    Scheduler(bot.runtime).run_pass(REQUESTED + timedelta(minutes=5))

    (ola,) = _explanation_posts(fake_slack, "UOLA")
    (kari,) = _explanation_posts(fake_slack, "UKARI")
    assert not _explanation_posts(fake_slack, "UPER")
    text = visible_text(ola)
    assert "Kandidat 101 på TDT4100-2026H har bedt om begrunnelse" in text
    assert "mandag 10. mai 2027" in text
    assert "generelle prinsippene for bedømmelsen" in text
    assert "private notatene" in text
    assert not re.search(r"\bB\b", text)  # Ola's grade for 101 is in the store, not here
    assert "Candidate 101 on TDT4100-2026H has asked for an explanation" in visible_text(kari)
    assert ACTION in [a for a, _ in buttons(kari)]  # beside the first DM's language switch
    assert not posts_to(fake_slack, "UKONS")


def test_reminders_come_3_and_1_working_days_before_at_nine(bot, fake_slack, requested):
    scheduler = Scheduler(bot.runtime)
    reminded: dict[str, int] = {}
    for moment in (
        oslo(2027, 5, 3, 9, 0),
        oslo(2027, 5, 4, 8, 59),
        oslo(2027, 5, 4, 9, 0),
        oslo(2027, 5, 4, 12, 0),
        oslo(2027, 5, 6, 9, 0),  # Ascension Day
        oslo(2027, 5, 7, 9, 0),
        oslo(2027, 5, 9, 9, 0),  # Sunday: the calendar's "1 day before"
    ):
        before = len(_explanation_posts(fake_slack, "UKARI"))
        scheduler.run_pass(moment)
        reminded[moment.isoformat()] = len(_explanation_posts(fake_slack, "UKARI")) - before

    assert [when for when, count in reminded.items() if count] == [
        oslo(2027, 5, 4, 9, 0).isoformat(),
        oslo(2027, 5, 7, 9, 0).isoformat(),
    ]
    assert all(count <= 1 for count in reminded.values())
    ola = [visible_text(m) for m in _explanation_posts(fake_slack, "UOLA")]
    assert ola[1].startswith("Påminnelse: begrunnelse for kandidat 101")
    assert "om 6 dager" in ola[1] and "om 3 dager" in ola[2]


def test_explanation_given_stops_the_reminders_and_tells_the_other_grader(
    bot, fake_slack, requested
):
    (notice,) = _explanation_posts(fake_slack, "UKARI")

    answer = _press(bot, fake_slack, "UKARI", _value(notice), notice)

    assert answer["replace_original"] is True
    assert "Explanation given by <@UKARI> on" in visible_text(answer)
    assert not [a for a, _ in buttons(answer)]
    request = _given(bot)
    assert request.given_by == "kari@ntnu.no" and request.given_at is not None
    told = fake_slack.wait_for(
        lambda: [
            m for m in _explanation_posts(fake_slack, "UOLA") if "registrert" in visible_text(m)
        ]
    )
    assert "<@UKARI> har registrert at begrunnelsen til kandidat 101" in visible_text(told[0])
    updated = fake_slack.wait_for_call("chat.update", succeeded=True).params
    assert "✅ Begrunnelse gitt av <@UKARI>" in updated["text"]  # Ola's copy, in Norwegian
    (ola_copy, _) = _explanation_posts(fake_slack, "UOLA")
    assert "Begrunnelse gitt av <@UKARI>" in visible_text(ola_copy)
    assert ACTION not in [a for a, _ in buttons(ola_copy)]
    assert len(fake_slack.calls("chat.update")) == 1  # Kari's own was answered in place
    with session_scope(bot.runtime.engine) as session:
        audited = session.exec(select(AuditEntry.actor).where(AuditEntry.action == GIVEN)).all()
    assert list(audited) == ["kari@ntnu.no"]

    scheduler = Scheduler(bot.runtime)
    for moment in (oslo(2027, 5, 4, 9, 0), oslo(2027, 5, 7, 9, 0), DUE + timedelta(minutes=1)):
        scheduler.run_pass(moment)
    assert len(_explanation_posts(fake_slack, "UKARI")) == 1
    assert len(_explanation_posts(fake_slack, "UOLA")) == 2  # the request, and Kari's news
    assert not posts_to(fake_slack, "UKONS")


def test_a_second_press_says_who_gave_it_and_when(bot, fake_slack, requested):
    (kari,) = _explanation_posts(fake_slack, "UKARI")
    (ola,) = _explanation_posts(fake_slack, "UOLA")
    _press(bot, fake_slack, "UKARI", _value(kari), kari)

    answer = _press(bot, fake_slack, "UOLA", _value(ola), ola)

    assert answer["response_type"] == "ephemeral" and answer["replace_original"] is False
    assert "allerede registrert som gitt, av Kari" in answer["text"]
    assert _given(bot).given_by == "kari@ntnu.no"


@pytest.mark.parametrize(
    ("user", "value", "expected"),
    [
        ("UOLA", "not-a-request", "Den knappen kjenner jeg ikke igjen"),
        ("UOLA", "999999", "finner ikke denne forespørselen"),
        ("UPER", None, "Bare sensorene i kandidatens kommisjon"),
        ("UKONS", None, "Bare sensorene i kandidatens kommisjon"),
    ],
)
def test_a_forged_or_foreign_press_changes_nothing(
    bot, fake_slack, requested, user, value, expected
):
    answer = _press(bot, fake_slack, user, value or str(requested))

    assert expected in answer["text"]
    assert _given(bot).given_at is None
    with session_scope(bot.runtime.engine) as session:
        assert not session.exec(select(AuditEntry).where(AuditEntry.action == GIVEN)).all()
    assert len(_explanation_posts(fake_slack, "UOLA")) == 1


def test_a_late_request_is_flagged_to_the_consultant(bot, fake_slack):
    engine = bot.runtime.engine
    add_explanation_request(engine, TEST_ID, "101", REQUESTED, due_at=DUE, late=True)
    Scheduler(bot.runtime).run_pass(REQUESTED + timedelta(minutes=1))

    (flag,) = posts_to(fake_slack, "UKONS")
    text = visible_text(flag)
    assert "Kandidat 101 på TDT4100-2026H ba om begrunnelse mandag 26. april 2027 kl. 10.00" in text
    assert "etter at resultatet ble kunngjort torsdag 22. april 2027 kl. 12.00" in text
    assert len(_explanation_posts(fake_slack, "UOLA")) == 1  # the graders are told as well


def test_overdue_reaches_the_graders_and_the_consultant_once(bot, fake_slack, requested):
    scheduler = Scheduler(bot.runtime)
    scheduler.run_pass(DUE + timedelta(minutes=1))
    scheduler.run_pass(DUE + timedelta(hours=10))

    (flag,) = posts_to(fake_slack, "UKONS")
    assert "Sensorene har fått beskjed: Kari og Ola" in visible_text(flag)
    overdue = [m for m in _explanation_posts(fake_slack, "UKARI") if "overdue" in m["text"]]
    assert len(overdue) == 1
    assert "was Monday 10 May 2027" in visible_text(overdue[0])
    assert [a for a, _ in buttons(overdue[0])] == [ACTION]
    assert sum("har gått ut" in m["text"] for m in _explanation_posts(fake_slack, "UOLA")) == 1


def test_status_lists_open_requests_for_graders_and_consultants(bot, fake_slack, requested):
    for user, heading in (("UOLA", "Begrunnelser du skal gi"), ("UKONS", "ikke er gitt")):
        key = f"{user}-status"
        answer = bot.slack.command(user, "status", response_url=fake_slack.response_url(key))
        assert answer.status == 200
        reply = fake_slack.wait_for_call("response_url", match=lambda p, k=key: p["_key"] == k)
        text = visible_text(reply.params)
        assert heading in text
        assert "Kandidat 101 på TDT4100-2026H – frist mandag 10. mai 2027" in text
    key = "per-status"
    bot.slack.command("UPER", "status", response_url=fake_slack.response_url(key))
    reply = fake_slack.wait_for_call("response_url", match=lambda p: p["_key"] == key)
    assert "Begrunnelser" not in visible_text(reply.params)


def test_pressing_it_on_a_reminder_shows_every_posted_copy_as_given(bot, fake_slack, requested):
    Scheduler(bot.runtime).run_pass(oslo(2027, 5, 4, 9, 0))
    notice, reminder = _explanation_posts(fake_slack, "UKARI")

    _press(bot, fake_slack, "UKARI", _value(reminder), reminder)

    fake_slack.wait_for(lambda: len(fake_slack.calls("chat.update")) == 3)
    updated = {(c.params["channel"], c.params["ts"]) for c in fake_slack.calls("chat.update")}
    ola = _explanation_posts(fake_slack, "UOLA")[:2]
    assert updated == {(m["channel"], m["ts"]) for m in [notice, *ola]}
    kari_notice = _explanation_posts(fake_slack, "UKARI")[0]
    assert "Explanation given by <@UKARI>" in visible_text(kari_notice)
