"""The Home tab through real HTTP: an `app_home_opened` event publishes what waits for the
person and their tests (read from the store, not the event), in their language; its buttons,
pressed as Slack sends them from the published view, do what they say and the tab shows it."""

from __future__ import annotations

import json
import time
import uuid
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.approvals import after_grades_changed
from bot.approvals.delivery import enqueue_outcome
from bot.scheduling.delivery import send_now
from models.tables import OwnGradingApproval
from models.tables import Test as ExamTest
from models.types import utcnow
from tests.support.factories import (
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    choose_language,
    put_grades,
)

TDT = "TDT4100-2026H"
TMA = "TMA4100-2026H"
IT = "IT2805-2026H"  # John's, ended, nothing keeps it from opening
KARI = "kari@ntnu.no"
PER = "per@ntnu.no"
JOHN = "john@example.org"


@pytest.fixture
def store(running_bot, fake_slack):
    engine = running_bot.runtime.engine
    now = utcnow()
    add_test(
        engine,
        TDT,
        submission_deadline=now - timedelta(days=2),
        opened_for_marking=now - timedelta(days=1),
        consultants=(JOHN,),
    )
    add_test(engine, TMA, submission_deadline=now - timedelta(days=1), consultants=())
    add_test(engine, IT, submission_deadline=now - timedelta(days=1), consultants=(JOHN,))
    add_grader(engine, KARI, name="Kari Nordmann")
    add_grader(engine, PER, name="Per Hansen")
    add_membership(engine, TDT, KARI, "1")
    add_membership(engine, TDT, PER, "1")
    add_membership(engine, TMA, KARI, "2")
    add_candidates(engine, TDT, "1", ["1", "2"])
    add_candidates(engine, TMA, "2", ["1"])
    add_membership(engine, IT, PER, "1")
    add_candidates(engine, IT, "1", ["7"])
    put_grades(engine, TDT, KARI, {"1": "B"})
    put_grades(engine, TDT, PER, {"1": "C", "2": "D"})
    fake_slack.add_user("UNB", email=KARI, locale="nb-NO", name="Kari")
    fake_slack.add_user("UPER", email=PER, locale="nb-NO", name="Per")
    fake_slack.add_user("UEN", email=JOHN, locale="en-GB", name="John")
    choose_language(engine, "UEN", "en")
    return running_bot


def _publishes(fake_slack, user: str) -> list[dict]:
    return [
        c.params["view"]
        for c in fake_slack.calls("views.publish")
        if c.ok and c.params.get("user_id") == user
    ]


def open_home(bot, fake_slack, user: str) -> dict:
    before = len(_publishes(fake_slack, user))
    answer = bot.slack.event({"type": "app_home_opened", "user": user, "tab": "home"})
    assert answer.status == 200
    return next_publish(fake_slack, user, before)


def next_publish(fake_slack, user: str, before: int) -> dict:
    fake_slack.wait_for(lambda: len(_publishes(fake_slack, user)) > before, 10, description="home")
    view = _publishes(fake_slack, user)[-1]
    assert view["type"] == "home"
    return view


def text_of(view: dict) -> str:
    return str(view["blocks"])


def button(view: dict, action_id: str) -> dict:
    for block in view["blocks"]:
        elements = [block["accessory"]] if "accessory" in block else []
        elements += block.get("elements", []) if block["type"] == "actions" else []
        for element in elements:
            if element.get("action_id") == action_id:
                return element
    raise AssertionError(f"no {action_id} button on the Home tab: {text_of(view)}")


def press(bot, fake_slack, user: str, view: dict, action_id: str) -> dict:
    """Press the button as Slack sends a press on a Home tab (no response_url, no channel);
    the Home tab published next."""
    element = button(view, action_id)
    before = len(_publishes(fake_slack, user))
    payload = {
        "type": "block_actions",
        "user": {"id": user},
        "trigger_id": f"trigger-{uuid.uuid4().hex[:8]}",
        "container": {"type": "view", "view_id": "VHOME"},
        "view": {"id": "VHOME", "type": "home", "blocks": view["blocks"]},
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "b",
                "value": element["value"],
                "action_ts": str(time.time()),
            }
        ],
    }
    assert bot.slack.interaction(payload).status == 200
    if action_id == "home.help":
        return {}
    return next_publish(fake_slack, user, before)


def test_grader_home_in_norwegian(store, fake_slack):
    view = open_home(store, fake_slack, "UNB")
    text = text_of(view)
    assert view["blocks"][0]["text"]["text"] == "Venter på deg"  # what waits for her first
    assert "Kommisjon 1: én kandidat mangler karakter fra deg" in text
    assert text.index("Venter på deg") < text.index("Dine prøver som sensor")
    assert text.index(TDT) < text.index(TMA)  # the open test first
    assert "du har satt karakter på 1 av 2" in text
    assert "2 av 2" not in text  # the co-grader's progress stays theirs
    assert "*venter på deg* og Per Hansen" in text
    assert "Venter på å bli åpnet for vurdering" in text
    assert "Sensurfrist" in text and "<!date" not in text
    assert "Send meg karakterarket ditt" in text  # three lines of help, for a grader
    assert "/sensur åpne" not in text
    assert button(view, "language.set")["value"] == "en"
    assert button(view, "home.help")


def test_consultant_home_in_english(store, fake_slack):
    text = text_of(open_home(store, fake_slack, "UEN"))
    assert "Your tests as a study consultant" in text
    assert "Committee 1: grading · waiting for Kari Nordmann" in text
    assert "you have graded" not in text  # a consultant sees no one's grading counts
    assert TMA not in text  # not their test
    assert "/sensur open TEST" in text


def test_consultant_opens_a_test_from_home(store, fake_slack):
    view = open_home(store, fake_slack, "UEN")
    open_button = button(view, "home.open")
    assert open_button["value"] == IT
    assert open_button["confirm"]["title"]["text"] == "Open the test?"
    after = press(store, fake_slack, "UEN", view, "home.open")
    text = text_of(after)
    assert f"{IT} is open for marking. One grader is told." in text
    assert "home.open" not in text  # nothing left to open
    with store.runtime.session() as session:
        assert session.get(ExamTest, IT).opened_for_marking is not None


def test_a_grader_cannot_open_a_test_with_a_forged_press(store, fake_slack):
    view = open_home(store, fake_slack, "UEN")
    # Kari presses the consultant's button (a forged payload): the store decides, not the button.
    after = press(store, fake_slack, "UNB", view, "home.open")
    assert f"Du er ikke studiekonsulent for {IT}" in text_of(after)
    with store.runtime.session() as session:
        assert session.get(ExamTest, IT).opened_for_marking is None


def test_grader_approves_own_grading_from_home(store, fake_slack):
    with store.runtime.session() as session:
        keys = enqueue_outcome(session, after_grades_changed(session, TDT, PER))
    send_now(store.runtime, keys)
    view = open_home(store, fake_slack, "UPER")
    assert "alle kandidatene har karakter fra deg – godkjenn egen sensur" in text_of(view)
    after = press(store, fake_slack, "UPER", view, "approvals.approve_own")
    with store.runtime.session() as session:
        approvals = session.exec(
            select(OwnGradingApproval).where(OwnGradingApproval.test_id == TDT)
        ).all()
    assert [a.grader_email for a in approvals] == [PER]
    text = text_of(after)
    assert "du har godkjent egen sensur" in text and "venter på Kari Nordmann" in text
    assert "approvals.approve_own" not in text


def test_grader_downloads_the_grade_sheet_from_home(store, fake_slack):
    view = open_home(store, fake_slack, "UNB")
    assert button(view, "home.template")["value"] == TDT
    after = press(store, fake_slack, "UNB", view, "home.template")
    upload = fake_slack.wait_for_call("files.completeUploadExternal", succeeded=True)
    assert upload.params.get("channel_id", "").startswith("D")
    assert TDT in view_top(after)


def view_top(view: dict) -> str:
    return json.dumps(view["blocks"][0], ensure_ascii=False)


def test_help_button_opens_the_help_for_the_persons_roles(store, fake_slack):
    view = open_home(store, fake_slack, "UNB")
    press(store, fake_slack, "UNB", view, "home.help")
    modal = fake_slack.wait_for_call("views.open", succeeded=True).params["view"]
    text = str(modal)
    assert modal["type"] == "modal" and "/sensur hvorfor" in text
    assert "/sensur åpne" not in text  # Kari grades; she consults nothing
