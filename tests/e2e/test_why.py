"""`/sensur why` through real HTTP with signed requests, answered on the response_url.

English readers are those with an English Slack locale under an English default language,
so that they read English whether or not a Slack locale alone picks the language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.ui import kit
from tests.support.blocks import buttons, visible_text
from tests.support.factories import (
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    choose_language,
)

ESCALATE = "escalation_send"


@pytest.fixture
def bot_settings_overrides():
    return {"SENSORBOT_EXAM_OFFICE_EMAILS": "eksamen@ntnu.no", "SENSORBOT_DEFAULT_LANGUAGE": "en"}


@pytest.fixture
def users(engine, fake_slack):
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="nb-NO", name="Ola")
    fake_slack.add_user("UJOHN", email="john@uio.no", locale="en-GB", name="John")
    choose_language(engine, "UJOHN", "en")
    fake_slack.add_user("UNOBODY", email="nobody@ntnu.no", locale="en-US", name="Nobody")
    choose_language(engine, "UNOBODY", "en")
    fake_slack.add_user("UNOMAIL", email=None, locale="en-US", name="No Mail")
    choose_language(engine, "UNOMAIL", "en")
    fake_slack.add_user("UKARI", email="konsulent@ntnu.no", locale="nb-NO", name="Kari")


@pytest.fixture
def engine(running_bot):
    return running_bot.runtime.engine


def now() -> datetime:
    return datetime.now(UTC)


def ask(running_bot, fake_slack, user: str, text: str) -> dict:
    key = f"{user}-{text}-{len(fake_slack.calls('response_url'))}"
    answer = running_bot.slack.command(user, text, response_url=fake_slack.response_url(key))
    assert answer.status == 200
    reply = fake_slack.wait_for_call("response_url", match=lambda a: a.get("_key") == key).params
    assert reply["response_type"] == "ephemeral"
    return reply


def test_without_an_email_in_slack_the_person_is_told_so(running_bot, fake_slack, users):
    reply = ask(running_bot, fake_slack, "UNOMAIL", "why")
    assert "can't get your e-mail address from Slack" in reply["text"]


def test_unknown_person_is_pointed_to_the_exam_office_and_help(running_bot, fake_slack, users):
    reply = ask(running_bot, fake_slack, "UNOBODY", "why")
    text = visible_text(reply)
    assert "I can't find you among the graders" in text
    assert "I looked up the e-mail address you have in Slack, nobody@ntnu.no" in text
    assert "course teacher and the study consultant must set you up" in text
    assert "I can send the case to Eksamenskontoret" in text
    assert "Orakeltjenesten" in text and "73 59 15 00" in text
    assert buttons(reply) == [(ESCALATE, "exam_office")]


def test_unknown_person_naming_a_test_may_escalate_to_its_consultants(
    running_bot, fake_slack, users, engine
):
    add_test(engine, "TDT4100-2026H", consultants=("konsulent@ntnu.no",))
    add_candidates(engine, "TDT4100-2026H", None, ["1", "2"])
    reply = ask(running_bot, fake_slack, "UNOBODY", "why tdt4100")
    text = visible_text(reply)
    assert "I can't find you among the graders" in text
    assert "TDT4100-2026H" in text and "The case goes to <@UKARI>." in text
    assert "konsulent@ntnu.no" not in text  # the consultant by mention, not by address
    assert "who submitted" not in text  # the test's own state is not theirs to see
    assert buttons(reply) == [(ESCALATE, "test:TDT4100-2026H")]


@pytest.mark.parametrize(
    ("gap", "expected"),
    [
        ({"appointed": False}, "the faculty responsible for the course has appointed you"),
        ({"access_agreement": False}, "You have not completed the access agreement"),
        (
            {"norwegian_id": False, "university_user_activated": False},
            "Activate it here: https://i.ntnu.no/wiki/-/wiki/Norsk/Aktiver+brukerkonto",
        ),
    ],
)
def test_each_external_grader_gap(running_bot, fake_slack, users, engine, gap, expected):
    add_grader(engine, "john@uio.no", kind="external", **gap)
    add_test(engine, "A-1", opened_for_marking=now() - timedelta(days=1))
    add_membership(engine, "A-1", "john@uio.no", "1")
    add_candidates(engine, "A-1", "1", ["1"])
    text = visible_text(ask(running_bot, fake_slack, "UJOHN", "why"))
    assert "About you" in text
    assert expected in text
    # The good news first, then what is in the grader's own way.
    assert text.index("The test is open for marking") < text.index(expected)


def test_no_committee_offers_escalation(running_bot, fake_slack, users, engine):
    add_grader(engine, "ola@ntnu.no")
    add_test(engine, "A-1", submission_deadline=now() - timedelta(days=1))
    add_membership(engine, "A-1", "ola@ntnu.no", None)
    reply = ask(running_bot, fake_slack, "UOLA", "hvorfor A-1")
    text = visible_text(reply)
    assert "ikke i noen kommisjon" in text
    assert "Saken går til <@UKARI>." in text
    assert "Dette må studiekonsulenten ordne" in text
    assert buttons(reply) == [(ESCALATE, "test:A-1")]


def test_deadline_in_the_future_is_shown_in_local_time_without_escalation(
    running_bot, fake_slack, users, engine
):
    deadline = (now() + timedelta(days=3)).replace(microsecond=0)
    add_grader(engine, "ola@ntnu.no")
    add_test(engine, "A-1", submission_deadline=deadline)
    add_membership(engine, "A-1", "ola@ntnu.no", "1")
    reply = ask(running_bot, fake_slack, "UOLA", "hvorfor")
    text = visible_text(reply)
    assert kit.date("nb", deadline, ZoneInfo("Europe/Oslo")) in text
    assert "du får en melding fra meg når den er åpnet" in text
    assert ":hourglass_flowing_sand: Innleveringsfristen har ikke gått ut ennå" in text
    assert ":no_entry:" not in text  # normal waiting is not an error
    assert reply["text"].startswith("Hvorfor ser jeg ikke besvarelsene? A-1 – A: innleverings")
    assert buttons(reply) == []


@pytest.mark.parametrize(
    ("arrange", "expected"),
    [
        (
            lambda e: (
                add_grader(e, "kari@ntnu.no"),
                add_membership(e, "A-1", "kari@ntnu.no", None),
            ),
            "One grader on this test is not in a committee yet",
        ),
        (
            lambda e: add_candidates(e, "A-1", None, ["S-1", "S-2", "S-3"]),
            "3 candidates who submitted have no committee yet",
        ),
        (
            lambda e: add_candidates(e, "A-1", "9", ["S-4", "S-5"]),
            "2 candidates who submitted are in a committee with no grader",
        ),
        (
            lambda e: add_candidates(e, "A-1", "1", ["S-6"], status="redelivery"),
            "One candidate can still hand in again",
        ),
        (lambda e: None, "It is waiting for your study consultant to open it for marking"),
    ],
)
def test_deadline_passed_not_opened_lists_each_blocker(
    running_bot, fake_slack, users, engine, arrange, expected
):
    add_grader(engine, "john@uio.no", kind="external")
    add_test(engine, "A-1", submission_deadline=now() - timedelta(hours=2))
    add_membership(engine, "A-1", "john@uio.no", "1")
    add_candidates(engine, "A-1", "1", ["MINE-1"])
    arrange(engine)
    reply = ask(running_bot, fake_slack, "UJOHN", "why A-1")
    text = visible_text(reply)
    assert expected in text
    assert "S-" not in text  # candidate ids are never shown
    assert buttons(reply) == [(ESCALATE, "test:A-1")]


def test_open_with_invitation_elsewhere_and_unpublished_guideline(
    running_bot, fake_slack, users, engine
):
    add_grader(engine, "john@uio.no", kind="external", inspera_email="john.smith@gmail.com")
    add_test(
        engine,
        "A-1",
        title="Algorithms",
        opened_for_marking=now() - timedelta(hours=1),
        guideline_published=False,
    )
    add_membership(engine, "A-1", "john@uio.no", "1")
    reply = ask(running_bot, fake_slack, "UJOHN", "why")
    text = visible_text(reply)
    assert "Inspera sent its invitation to j…@gmail.com" in text
    assert "john.smith@gmail.com" not in text
    assert "The grading guideline is not published yet" in text
    assert "The test is open for marking. Log in at https://ntnu.inspera.no" in text
    assert "Algorithms is listed there" in text
    assert "Can't log in? Orakeltjenesten" in text
    # The good news before the warnings.
    assert text.index("The test is open for marking") < text.index("j…@gmail.com")
    assert buttons(reply) == [(ESCALATE, "test:A-1")]


def test_norwegian_and_english_answers(running_bot, fake_slack, users, engine):
    add_grader(engine, "ola@ntnu.no")
    add_grader(engine, "john@uio.no", kind="external")
    add_test(engine, "A-1", opened_for_marking=now() - timedelta(hours=1))
    add_membership(engine, "A-1", "ola@ntnu.no", "1")
    add_membership(engine, "A-1", "john@uio.no", "1")
    norwegian = visible_text(ask(running_bot, fake_slack, "UOLA", "why"))
    english = visible_text(ask(running_bot, fake_slack, "UJOHN", "hvorfor"))
    assert "Hvorfor ser jeg ikke besvarelsene?" in norwegian
    assert "Prøven er åpnet for vurdering" in norwegian
    assert "Why can't I see the submissions?" in english
    assert "The test is open for marking" in english


def test_several_tests_one_line_each_the_good_news_first(running_bot, fake_slack, users, engine):
    add_grader(engine, "ola@ntnu.no")
    add_test(engine, "OPEN-1", opened_for_marking=now() - timedelta(hours=1))
    add_test(engine, "LATER-1", submission_deadline=now() + timedelta(days=2))
    add_test(engine, "STUCK-1", submission_deadline=now() - timedelta(days=1))
    for test_id in ("OPEN-1", "LATER-1", "STUCK-1"):
        add_membership(engine, test_id, "ola@ntnu.no", "1")
    add_candidates(engine, "STUCK-1", None, ["10004", "10007"])
    reply = ask(running_bot, fake_slack, "UOLA", "hvorfor")
    text = visible_text(reply)
    summary = reply["blocks"][1]["text"]["text"].splitlines()
    later = kit.date("nb", now() + timedelta(days=2), ZoneInfo("Europe/Oslo"))
    assert summary == [
        ":white_check_mark: OPEN-1 – OPEN: åpnet for vurdering",
        f":hourglass_flowing_sand: LATER-1 – LATER: innleveringsfristen går ut {later}",
        ":construction: STUCK-1 – STUCK: studiekonsulenten må ordne noe før prøven kan åpnes",
    ]
    # The fallback text (notifications, screen readers) names each test.
    fallback = reply["text"]
    assert fallback.index("OPEN-1") < fallback.index("LATER-1") < fallback.index("STUCK-1")
    assert "To kandidater" not in text and "2 kandidater som har levert" in text
    assert "10004" not in text  # candidate numbers are for the consultants
    assert buttons(reply) == [(ESCALATE, "test:STUCK-1")]


def test_an_unknown_test_is_named_and_own_tests_shown(running_bot, fake_slack, users, engine):
    add_grader(engine, "ola@ntnu.no")
    add_test(engine, "A-1", opened_for_marking=now() - timedelta(hours=1))
    add_membership(engine, "A-1", "ola@ntnu.no", "1")
    text = visible_text(ask(running_bot, fake_slack, "UOLA", "hvorfor XYZ123"))
    assert "Jeg finner ingen prøve «XYZ123»" in text
    assert "A-1" in text
