"""The Home tab through real HTTP: an `app_home_opened` event publishes the person's tests
(read from the store, not the event) above the help, in their language."""

from __future__ import annotations

from datetime import timedelta

import pytest

from models.types import utcnow
from tests.support.factories import (
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    choose_language,
    put_grades,
)


@pytest.fixture
def store(running_bot, fake_slack):
    engine = running_bot.runtime.engine
    now = utcnow()
    add_test(
        engine,
        "TDT4100-2026H",
        submission_deadline=now - timedelta(days=2),
        opened_for_marking=now - timedelta(days=1),
        consultants=("john@example.org",),
    )
    add_test(engine, "TMA4100-2026H", submission_deadline=now - timedelta(days=1), consultants=())
    add_grader(engine, "kari@ntnu.no")
    add_grader(engine, "per@ntnu.no")
    add_membership(engine, "TDT4100-2026H", "kari@ntnu.no", "1")
    add_membership(engine, "TDT4100-2026H", "per@ntnu.no", "1")
    add_membership(engine, "TMA4100-2026H", "kari@ntnu.no", "2")
    add_candidates(engine, "TDT4100-2026H", "1", ["1", "2"])
    put_grades(engine, "TDT4100-2026H", "kari@ntnu.no", {"1": "B"})
    put_grades(engine, "TDT4100-2026H", "per@ntnu.no", {"1": "C", "2": "D"})
    fake_slack.add_user("UNB", email="kari@ntnu.no", locale="nb-NO", name="Kari")
    fake_slack.add_user("UEN", email="john@example.org", locale="en-GB", name="John")
    choose_language(running_bot.runtime.engine, "UEN", "en")


def _published_home(running_bot, fake_slack, user: str) -> str:
    answer = running_bot.slack.event({"type": "app_home_opened", "user": user, "tab": "home"})
    assert answer.status == 200
    call = fake_slack.wait_for_call(
        "views.publish", match=lambda p: p.get("user_id") == user, succeeded=True
    )
    view = call.params["view"]
    assert view["type"] == "home"
    return str(view["blocks"])


def test_grader_home_in_norwegian(running_bot, fake_slack, store):
    text = _published_home(running_bot, fake_slack, "UNB")
    assert text.index("TDT4100-2026H") < text.index("TMA4100-2026H")  # the open test first
    assert "du har satt karakter på 1 av 2" in text
    assert "2 av 2" not in text  # the co-grader's progress stays theirs
    assert "Venter på å bli åpnet for vurdering" in text
    assert "Sensurfrist" in text and "<!date" not in text
    assert text.index("TMA4100-2026H") < text.index("Hjelp og brukerstøtte")


def test_consultant_home_in_english(running_bot, fake_slack, store):
    text = _published_home(running_bot, fake_slack, "UEN")
    assert "Your tests as a study consultant" in text
    assert "Committee 1: grading" in text
    assert "TMA4100-2026H" not in text  # not their test
    assert "you have graded" not in text
    assert "Login problems" in text
