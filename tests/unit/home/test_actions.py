"""The Home tab's "waiting for you" section and whose-turn labels (`bot.home.overview`,
`bot.ui.home`), and the help by roles (`bot.ui.help`)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.approvals import after_grades_changed, approve_own
from bot.exams.people import Roles, find_grader
from bot.home.overview import ActionKind, home_overview
from bot.ui.approvals import ACTION_APPROVE_OWN, PromptButton
from bot.ui.help import Audience, help_blocks
from bot.ui.home import HOME_OPEN_ACTION, HOME_TEMPLATE_ACTION, home_blocks
from models.db import session_scope
from models.tables import CommitteeFinal
from tests.support.factories import (
    T0,
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    put_grades,
)
from tests.support.harness import make_settings

OLA = "ola@ntnu.no"
KARI = "kari@ntnu.no"
CONSULTANT = "konsulent@ntnu.no"
NOW = T0 + timedelta(days=2)
SETTINGS = make_settings("http://127.0.0.1:1", "sqlite://")


def roles(session, email: str, consultant_of=()) -> Roles:
    return Roles(email, find_grader(session, email), frozenset(consultant_of), False, False)


def overview(engine, email: str, consultant_of=()):
    with session_scope(engine) as session:
        return home_overview(session, roles(session, email, consultant_of), NOW)


def rendered(engine, email: str, lang: str = "en", consultant_of=()) -> list[dict]:
    with session_scope(engine) as session:
        who = roles(session, email, consultant_of)
        blocks = home_blocks(lang, home_overview(session, who, NOW), SETTINGS.tz, Audience.of(who))
    return [block.to_dict() for block in blocks]


def buttons(blocks: list[dict]) -> dict[str, dict]:
    found = {}
    for block in blocks:
        elements = [block.get("accessory")] if block.get("accessory") else []
        elements += block.get("elements", []) if block["type"] == "actions" else []
        for element in elements:
            found[element["action_id"]] = element
    return found


@pytest.fixture
def committee(engine):
    """A-1 is open; Ola and Kari grade committee 1 (three candidates who submitted)."""
    add_test(engine, "A-1", opened_for_marking=T0 + timedelta(days=1), title="Programmering")
    add_grader(engine, OLA, name="Ola Nordmann")
    add_grader(engine, KARI, name="Kari Hansen")
    for grader in (OLA, KARI):
        add_membership(engine, "A-1", grader, "1")
    add_candidates(engine, "A-1", "1", ["101", "102", "103"])


def grades_applied(engine, grader: str, grades: dict[str, str]) -> None:
    put_grades(engine, "A-1", grader, grades)
    with session_scope(engine) as session:
        after_grades_changed(session, "A-1", grader)


def test_a_grader_with_candidates_left_is_offered_the_grade_sheet(engine, committee):
    grades_applied(engine, OLA, {"101": "A"})
    (item,) = overview(engine, OLA).actions
    assert (item.kind, item.committees, item.count) == (ActionKind.grade, ("1",), 2)
    blocks = rendered(engine, OLA, "nb")
    assert blocks[0]["text"]["text"] == "Venter på deg"
    text = str(blocks)
    assert "Kommisjon 1: 2 kandidater mangler karakter fra deg" in text
    assert "sensurfrist torsdag 31. desember" in text
    button = buttons(blocks)[HOME_TEMPLATE_ACTION]
    assert button["value"] == "A-1"
    assert "venter på deg* og Kari Hansen" in text  # both still grade
    assert text.index("Venter på deg") < text.index("Dine prøver som sensor")


def test_one_candidate_left_reads_in_the_singular(engine, committee):
    grades_applied(engine, OLA, {"101": "A", "102": "B"})
    en = str(rendered(engine, OLA))
    assert "Committee 1: one candidate still needs a grade from you" in en
    assert "1 candidates" not in en


def test_complete_grading_offers_the_prompts_own_approve_button(engine, committee):
    grades_applied(engine, OLA, {"101": "A", "102": "B", "103": "C"})
    (item,) = overview(engine, OLA).actions
    assert item.kind == ActionKind.approve_own and item.prompt_id is not None
    button = buttons(rendered(engine, OLA))[ACTION_APPROVE_OWN]
    assert PromptButton.decode(button["value"]).prompt_id == item.prompt_id


def test_after_own_approval_the_turn_is_the_co_graders(engine, committee):
    grades_applied(engine, OLA, {"101": "A", "102": "B", "103": "C"})
    with session_scope(engine) as session:
        assert approve_own(session, "A-1", OLA, "1").changed
    assert overview(engine, OLA).actions == ()
    ola = str(rendered(engine, OLA))
    assert "None of your tests is waiting for anything from you now." in ola
    assert "waiting for Kari Hansen" in ola and "you have approved your grading" in ola
    kari = overview(engine, KARI)
    assert [a.kind for a in kari.actions] == [ActionKind.grade]
    assert "*waiting for you*" in str(rendered(engine, KARI))


def test_a_grader_without_a_name_is_counted_not_shown_by_email(engine):
    add_test(engine, "A-1", opened_for_marking=T0 + timedelta(days=1))
    add_grader(engine, OLA, name="Ola Nordmann")
    add_grader(engine, KARI)
    for grader in (OLA, KARI):
        add_membership(engine, "A-1", grader, "1")
    add_candidates(engine, "A-1", "1", ["101"])
    text = str(rendered(engine, OLA, "nb"))
    assert "venter på deg* og én sensor uten navn i oppsettet" in text
    assert KARI not in text


def test_consultant_actions_open_fix_and_transfer(engine, committee):
    add_test(engine, "R-1", title="Klar")  # the deadline passed, nothing blocks it
    add_grader(engine, "per@ntnu.no", name="Per")
    add_membership(engine, "R-1", "per@ntnu.no", "1")
    add_candidates(engine, "R-1", "1", ["1"])
    add_test(engine, "B-1", title="Blokkert")
    add_membership(engine, "B-1", "per@ntnu.no", None)
    add_test(engine, "G-1", opened_for_marking=T0 + timedelta(days=1))
    add_membership(engine, "G-1", "per@ntnu.no", "1")
    add_candidates(engine, "G-1", "1", ["1"])
    with session_scope(engine) as session:
        session.add(CommitteeFinal(test_id="G-1", committee="1", approved_by="per@ntnu.no"))
    ids = ("A-1", "R-1", "B-1", "G-1")
    kinds = {(a.kind, a.test.test_id) for a in overview(engine, CONSULTANT, ids).actions}
    assert kinds == {
        (ActionKind.open_test, "R-1"),
        (ActionKind.fix_setup, "B-1"),
        (ActionKind.transfer, "G-1"),
    }
    blocks = rendered(engine, CONSULTANT, "nb", ids)
    button = buttons(blocks)[HOME_OPEN_ACTION]
    assert button["value"] == "R-1" and button["confirm"]["title"]["text"] == "Åpne prøven?"
    text = str(blocks)
    assert "Kommisjon 1: sensur pågår · venter på Kari Hansen og Ola Nordmann" in text
    assert "/sensur åpne PRØVE" in text  # the consultant's short help
    assert HOME_TEMPLATE_ACTION not in buttons(blocks)


def _help_text(audience: Audience, lang: str = "en") -> str:
    return str([b.to_dict() for b in help_blocks(lang, SETTINGS.help_contacts, audience)])


def test_help_shows_each_role_its_own_commands():
    grader = _help_text(Audience(grader=True, consultant=False))
    assert "/sensur why" in grader and "/sensur template" in grader
    assert "/sensur open" not in grader and "/sensur export" not in grader
    consultant = _help_text(Audience(grader=False, consultant=True), "nb")
    assert "/sensur åpne PRØVE" in consultant and "/sensur eksport" in consultant
    assert "/sensur hvorfor" not in consultant and "/sensur mal" not in consultant
    both = _help_text(Audience(grader=True, consultant=True))
    assert "As a grader" in both and "As a study consultant" in both
    assert "/sensur why" in both and "/sensur open" in both


def test_the_audience_comes_from_the_roles(engine):
    add_test(engine, "A-1")
    add_grader(engine, OLA)
    with session_scope(engine) as session:
        grader = roles(session, OLA)
        both = roles(session, OLA, ("A-1",))
        consultant = roles(session, CONSULTANT, ("A-1",))
        nobody = roles(session, "ukjent@ntnu.no")
    assert Audience.of(grader) == Audience(grader=True, consultant=False)
    assert Audience.of(both) == Audience(grader=True, consultant=True)
    assert Audience.of(consultant) == Audience(grader=False, consultant=True)
    assert Audience.of(nobody) == Audience(grader=True, consultant=False)


def test_a_consultant_who_also_grades_is_you_in_the_committee_lines(engine, committee):
    text = str(rendered(engine, OLA, consultant_of=("A-1",)))
    assert "Committee 1: grading · *waiting for you* and Kari Hansen" in text
    assert "Ola Nordmann" not in text


def test_shared_marking_asks_for_the_committees_grades(engine):
    add_test(engine, "S-1", opened_for_marking=T0 + timedelta(days=1), marking_mode="shared")
    add_grader(engine, OLA, name="Ola Nordmann")
    add_membership(engine, "S-1", OLA, "1")
    add_candidates(engine, "S-1", "1", ["1", "2"])
    text = str(rendered(engine, OLA, "nb"))
    assert "2 kandidater mangler karakter fra kommisjonen (delt vurdering)" in text


def test_own_approval_across_committees_waits_for_every_committee(engine):
    add_test(
        engine, "A-1", opened_for_marking=T0 + timedelta(days=1), own_approval="all_committees"
    )
    add_grader(engine, OLA, name="Ola Nordmann")
    add_membership(engine, "A-1", OLA, "1")
    add_membership(engine, "A-1", OLA, "2")
    add_candidates(engine, "A-1", "1", ["101"])
    add_candidates(engine, "A-1", "2", ["201"])
    put_grades(engine, "A-1", OLA, {"101": "A"})
    (item,) = overview(engine, OLA).actions
    assert (item.kind, item.committees) == (ActionKind.grade, ("2",))
