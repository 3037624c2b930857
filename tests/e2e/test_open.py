"""`/sensur open|åpne TEST` and the opened notice's buttons, through the real HTTP endpoint
with signed requests, then the scheduler's pass delivering the notices."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.exams import audit
from bot.scheduling.scheduler import Scheduler
from models import tables
from models.db import session_scope
from models.types import utcnow
from tests.support.factories import (
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    choose_language,
)
from tests.support.scheduling import CONSULTANT, TEST_ID, marking_setup, posts_to

ADMIN = "admin@ntnu.no"


@pytest.fixture
def bot_settings_overrides():
    return {"SENSORBOT_ADMIN_EMAILS": ADMIN}


@pytest.fixture
def ended_test(running_bot, fake_slack):
    """A test whose submission deadline passed yesterday (the handler uses the real clock)."""
    engine = running_bot.runtime.engine
    ended = utcnow() - timedelta(days=1)
    marking_setup(engine, submission_deadline=ended, grading_deadline=ended + timedelta(days=21))
    marking_setup(
        engine,
        "TMA4100-2026H",
        graders=(("per@ntnu.no", "A"),),
        consultants=("annen@ntnu.no",),
        submission_deadline=ended,
        grading_deadline=ended + timedelta(days=21),
    )
    fake_slack.add_user("UKONS", email=CONSULTANT, locale="nb-NO")
    fake_slack.add_user("UANNEN", email="annen@ntnu.no", locale="en-US")
    choose_language(running_bot.runtime.engine, "UANNEN", "en")
    fake_slack.add_user("UADMIN", email=ADMIN, locale="en-US")
    choose_language(running_bot.runtime.engine, "UADMIN", "en")
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UKARI", email="kari@ntnu.no", locale="en-US")
    choose_language(running_bot.runtime.engine, "UKARI", "en")
    return engine


def _reply(running_bot, fake_slack, user: str, text: str, key: str) -> dict:
    answer = running_bot.slack.command(user, text, response_url=fake_slack.response_url(key))
    assert answer.status == 200
    reply = fake_slack.wait_for_call("response_url", match=lambda a: a.get("_key") == key).params
    assert reply["response_type"] == "ephemeral"
    return reply


def _opened_at(engine, test_id=TEST_ID):
    with session_scope(engine) as session:
        return session.get(tables.Test, test_id).opened_for_marking


def test_consultant_opens_and_the_next_pass_tells_every_grader(running_bot, fake_slack, ended_test):
    reply = _reply(running_bot, fake_slack, "UKONS", f"åpne {TEST_ID}", "open")
    assert reply["text"].startswith(f"{TEST_ID} er registrert som åpnet for vurdering")
    assert "De 2 sensorene får beskjed i løpet av et par minutter." in reply["text"]
    assert _opened_at(ended_test) is not None
    with session_scope(ended_test) as session:
        (entry,) = audit.entries(session, test_id=TEST_ID, action="test.opened")
    assert entry.actor == CONSULTANT

    Scheduler(running_bot.runtime).run_pass(utcnow())
    assert len(posts_to(fake_slack, "UOLA")) == 1
    assert posts_to(fake_slack, "UKARI")[0]["text"].startswith(f"{TEST_ID} is open for marking")

    again = _reply(running_bot, fake_slack, "UKONS", f"open {TEST_ID}", "again")
    assert "allerede åpnet" in again["text"]


def test_the_course_code_is_enough_when_it_names_one_of_the_consultants_tests(
    running_bot, fake_slack, ended_test
):
    reply = _reply(running_bot, fake_slack, "UKONS", "open tdt4100", "code")
    assert "registrert som åpnet" in reply["text"]


def test_open_is_refused_with_the_blockers_listed_and_nothing_changes(
    running_bot, fake_slack, ended_test
):
    add_grader(ended_test, "nils@ntnu.no", name="Nils Berg")
    add_membership(ended_test, TEST_ID, "nils@ntnu.no", None)
    add_candidates(ended_test, TEST_ID, None, ["777", "778"])

    reply = _reply(running_bot, fake_slack, "UKONS", f"open {TEST_ID}", "blocked")

    assert reply["text"].splitlines() == [
        f"{TEST_ID} kan ikke åpnes for vurdering ennå. Ingenting er endret. Dette må ordnes først:",
        "• Sensor som ikke står i noen kommisjon: 1 (Nils Berg)",
        "• Innleverte kandidater uten kommisjon: 2",
    ]
    assert _opened_at(ended_test) is None


def test_a_test_whose_submission_deadline_has_not_passed_is_refused(
    running_bot, fake_slack, ended_test
):
    later = utcnow() + timedelta(days=2)
    marking_setup(
        ended_test,
        "IT1901-2026H",
        new_graders=False,
        submission_deadline=later,
        grading_deadline=later + timedelta(days=21),
    )
    reply = _reply(running_bot, fake_slack, "UKONS", "open IT1901-2026H", "early")
    assert "Innleveringsfristen har ikke gått ut: " in reply["text"]
    assert " kl. " in reply["text"] and "<!date" not in reply["text"]
    assert _opened_at(ended_test, "IT1901-2026H") is None


def test_a_consultant_of_another_test_cannot_open_this_one(running_bot, fake_slack, ended_test):
    reply = _reply(running_bot, fake_slack, "UANNEN", f"open {TEST_ID}", "other")
    assert reply["text"] == (
        f"`{TEST_ID}` is not one of your tests here. Your tests: `TMA4100-2026H`"
    )
    assert _opened_at(ended_test) is None
    with session_scope(ended_test) as session:
        assert audit.entries(session, test_id=TEST_ID) == []


def test_a_grader_is_told_open_is_for_consultants(running_bot, fake_slack, ended_test):
    reply = _reply(running_bot, fake_slack, "UOLA", f"åpne {TEST_ID}", "grader")
    assert "er for studiekonsulenter" in reply["text"]
    assert _opened_at(ended_test) is None


def test_an_admin_opens_any_test(running_bot, fake_slack, ended_test):
    reply = _reply(running_bot, fake_slack, "UADMIN", "open TMA4100-2026H", "admin")
    assert reply["text"].startswith("TMA4100-2026H is recorded as open for marking")


def test_unknown_missing_and_ambiguous_tests_are_named(running_bot, fake_slack, ended_test):
    marking_setup(
        ended_test,
        "TDT4100-2027V",
        new_graders=False,
        submission_deadline=utcnow() - timedelta(days=1),
    )
    assert "`NOPE`" in _reply(running_bot, fake_slack, "UADMIN", "open NOPE", "x")["text"]
    assert "open TEST" in _reply(running_bot, fake_slack, "UADMIN", "open", "y")["text"]
    ambiguous = _reply(running_bot, fake_slack, "UADMIN", "open TDT4100", "z")["text"]
    assert "`TDT4100-2026H`" in ambiguous and "`TDT4100-2027V`" in ambiguous


@pytest.mark.parametrize(
    ("action", "word"), [("notice.why", "hvorfor"), ("notice.template", "mal")]
)
def test_notice_buttons_answer_as_the_typed_command_would(
    running_bot, fake_slack, ended_test, action, word
):
    _reply(running_bot, fake_slack, "UOLA", f"{word} {TEST_ID}", "typed")
    typed = fake_slack.wait_for_call("response_url", match=lambda a: a["_key"] == "typed").params
    answer = running_bot.slack.click(
        "UOLA",
        action,
        TEST_ID,
        channel_id="DUOLA",
        message_ts="1.1",
        response_url=fake_slack.response_url("clicked"),
    )
    assert answer.status == 200
    clicked = fake_slack.wait_for_call("response_url", match=lambda a: a["_key"] == "clicked")
    assert clicked.params.get("text") == typed.get("text")
    assert clicked.params.get("blocks") == typed.get("blocks")


def test_an_ambiguous_course_code_lists_the_tests_and_opens_none(
    running_bot, fake_slack, ended_test
):
    earlier = utcnow() - timedelta(days=30)
    add_test(ended_test, "TDT4100-2026K", course_code="TDT4100", submission_deadline=earlier)
    reply = _reply(running_bot, fake_slack, "UADMIN", "open TDT4100", "ambiguous")
    # Newest submission deadline first.
    assert reply["text"] == (
        "`TDT4100` matches several tests: `TDT4100-2026H`, `TDT4100-2026K`. Type the test id."
    )
    assert _opened_at(ended_test) is None
    assert _opened_at(ended_test, "TDT4100-2026K") is None
