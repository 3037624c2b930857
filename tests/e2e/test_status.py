"""`/sensur status [TEST]` through real HTTP: the asker's own tests, ephemeral, never
another person's progress, and nothing about tests they are not on."""

from __future__ import annotations

from datetime import timedelta

from models.types import utcnow
from tests.e2e.test_home import store  # noqa: F401 - the same store as the Home tab tests
from tests.support.factories import add_membership, add_test, choose_language


def _reply(running_bot, fake_slack, user: str, text: str, key: str) -> dict:
    answer = running_bot.slack.command(user, text, response_url=fake_slack.response_url(key))
    assert answer.status == 200
    reply = fake_slack.wait_for_call("response_url", match=lambda p: p.get("_key") == key).params
    assert reply["response_type"] == "ephemeral"
    return reply


def test_grader_status_lists_own_tests_with_own_progress(running_bot, fake_slack, store):  # noqa: F811
    reply = _reply(running_bot, fake_slack, "UNB", "status", "s1")
    text = str(reply["blocks"])
    assert text.index("TDT4100-2026H") < text.index("TMA4100-2026H")
    assert "du har satt karakter på 1 av 2" in text
    assert "2 av 2" not in text
    assert "Hjelp og brukerstøtte" not in text  # the status is not the help


def test_status_of_one_test_by_course_code(running_bot, fake_slack, store):  # noqa: F811
    text = str(_reply(running_bot, fake_slack, "UNB", "status TMA4100", "s2")["blocks"])
    assert "TMA4100-2026H" in text and "TDT4100-2026H" not in text


def test_consultant_status_in_english(running_bot, fake_slack, store):  # noqa: F811
    text = str(_reply(running_bot, fake_slack, "UEN", "status TDT4100-2026H", "s3")["blocks"])
    assert "Committee 1: grading" in text
    assert "you have graded" not in text


def test_status_of_a_test_that_is_not_theirs_reveals_nothing(running_bot, fake_slack, store):  # noqa: F811
    reply = _reply(running_bot, fake_slack, "UEN", "status TMA4100-2026H", "s4")
    assert "blocks" not in reply or "TMA4100-2026H" not in str(reply.get("blocks"))
    assert reply["text"].startswith("`TMA4100-2026H` is not one of your tests here.")


def test_status_for_someone_on_no_test(running_bot, fake_slack, store):  # noqa: F811
    fake_slack.add_user("UX", email="stranger@example.org", locale="en-US")
    choose_language(running_bot.runtime.engine, "UX", "en")
    reply = _reply(running_bot, fake_slack, "UX", "status", "s5")
    assert "blocks" not in reply or not reply["blocks"]
    assert reply["text"]


def test_an_ambiguous_course_code_among_the_persons_tests_lists_them(
    running_bot,
    fake_slack,
    store,  # noqa: F811
):
    engine = running_bot.runtime.engine
    earlier = utcnow() - timedelta(days=30)
    add_test(engine, "TDT4100-2026K", course_code="TDT4100", submission_deadline=earlier)
    add_membership(engine, "TDT4100-2026K", "kari@ntnu.no", "1")
    reply = _reply(running_bot, fake_slack, "UNB", "status tdt4100", "s6")
    assert "blocks" not in reply
    assert reply["text"] == (
        "`tdt4100` passer til flere prøver: `TDT4100-2026H`, `TDT4100-2026K`. Skriv prøve-ID-en."
    )
    # The test id itself is never ambiguous.
    text = str(_reply(running_bot, fake_slack, "UNB", "status TDT4100-2026K", "s7")["blocks"])
    assert "TDT4100-2026K" in text and "TDT4100-2026H" not in text
