"""The hand-off's messages as Block Kit, in both languages: the checklist in each state, the
graders' notice with its windows as dates, and the reminder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.approvals.people import Person
from bot.approvals.views import GradeCount
from bot.handoff import ChecklistState, ChecklistView, TrialResult
from bot.handoff.windows import after_the_result
from bot.i18n.dates import datetime_text
from bot.ui.handoff import checklist_message, transferred_text
from bot.ui.outgoing import render
from tests.support.blocks import buttons, visible_text

TZ = ZoneInfo("Europe/Oslo")
AT = datetime(2027, 1, 4, 12, 0, tzinfo=UTC)
TEST = "TDT4100-2026H"


def view(**changes) -> ChecklistView:
    fields = {
        "prompt_id": 7,
        "test_id": TEST,
        "state": ChecklistState.open,
        "graded_in_sensorbot": True,
        "graded": 3,
        "counts": (GradeCount("A", 2), GradeCount("C", 1)),
        "graders": 2,
        "trial_result": None,
        "refused": (),
        "trial_by": None,
        "trial_at": None,
        "transferred_by": None,
        "transferred_at": None,
    }
    return ChecklistView(**{**fields, **changes})


def shown(checklist: ChecklistView, lang: str) -> tuple[str, list[str]]:
    message = checklist_message(checklist, lang, TZ)
    as_posted = {"text": message.text, "blocks": message.blocks}
    return visible_text(as_posted), [action for action, _ in buttons(as_posted)]


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"graded_in_sensorbot": False},
        {"trial_result": TrialResult.fine, "trial_by": Person(name="Kari"), "trial_at": AT},
        {"trial_result": TrialResult.refused, "refused": ("101", "103"), "trial_at": AT},
        {
            "state": ChecklistState.transferred,
            "trial_result": TrialResult.fine,
            "transferred_at": AT,
        },
        {"state": ChecklistState.out_of_date},
    ],
)
def test_every_state_of_the_checklist_renders(changes, lang):
    text, _ = shown(view(**changes), lang)
    assert TEST in text and "{" not in text


def test_the_steps_offer_their_buttons_in_order():
    text, actions = shown(view(), "en")
    assert "(3 grades: 2 A and 1 C)" in text
    assert actions == ["handoff_trial_fine", "handoff_trial_refused"]
    text, actions = shown(view(trial_result=TrialResult.refused, refused=("101", "103")), "nb")
    assert "FS avviste 2 kandidater: 101, 103 (registrert av en studiekonsulent)" in text
    assert actions == ["handoff_trial_fine", "handoff_trial_refused", "handoff_transferred"]
    text, actions = shown(
        view(state=ChecklistState.transferred, trial_result=TrialResult.fine, transferred_at=AT),
        "nb",
    )
    assert f"Overført til FS av en studiekonsulent {datetime_text('nb', AT, TZ)}." in text
    assert actions == []
    assert shown(view(state=ChecklistState.out_of_date), "en")[1] == []


def test_the_graders_hear_the_windows_as_dates():
    windows = after_the_result(AT, oral_or_practical=False).params()
    text = transferred_text(TEST, windows, "nb", TZ)
    assert f"(kunngjort {datetime_text('nb', AT, TZ)})" in text
    asked_by, complaint_by = (AT + timedelta(weeks=weeks) for weeks in (1, 3))
    assert f"be om begrunnelse innen {datetime_text('nb', asked_by, TZ)}" in text
    assert f"klage innen {datetime_text('nb', complaint_by, TZ)}" in text
    assert "mandag 11. januar" in text and "mandag 25. januar" in text
    oral = transferred_text(TEST, after_the_result(AT, oral_or_practical=True).params(), "en", TZ)
    assert "at once" in oral and "cannot be appealed" in oral and "Keep your notes" in oral
    assert "TDT4100-2026H" in transferred_text(TEST, {}, "en", TZ)


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("recorded", [True, False])
def test_the_reminder_says_what_is_left(lang, recorded):
    params = {
        "test": {"test_id": TEST, "course_code": "TDT4100", "title": "Objektorientert"},
        "started_at": AT.isoformat(),
        "trial_recorded": recorded,
        "graded_in_sensorbot": True,
    }
    message = render("handoff_reminder", params, lang, TZ)
    text = visible_text({"text": message.text, "blocks": message.blocks})
    assert TEST in text and "{" not in text
    assert ("Transferred to FS" in text or "Overført til FS" in text) == recorded
