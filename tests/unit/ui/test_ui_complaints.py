"""The held complaint grade as the consultants read it, in both languages and each state."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.approvals.people import Person
from bot.complaints.view import HeldComplaint
from bot.ui.complaints import ACTION_CONFIRM_HELD, HeldButton, held_grade_message
from models.tables import ComplaintStatus

TZ = ZoneInfo("Europe/Oslo")


def view(status: ComplaintStatus, original: str | None = "A", **fields) -> HeldComplaint:
    return HeldComplaint(
        complaint_id=7,
        test_id="TMA4100-2026H",
        course_code="TMA4100",
        candidate="101",
        committee="K",
        original=original,
        new="C",
        status=status,
        final_by=fields.get("final_by"),
        final_at=fields.get("final_at"),
    )


def shown(status: ComplaintStatus, lang: str, **fields) -> str:
    return json.dumps(held_grade_message(view(status, **fields), lang, TZ), ensure_ascii=False)


def test_a_held_grade_shows_both_grades_and_the_confirmed_button():
    text = shown(ComplaintStatus.held, "nb")
    assert "klagekommisjonen har satt *C*. Den opprinnelige karakteren var *A*" in text
    assert "Vurdert på nytt — gjør karakteren endelig" in text and ACTION_CONFIRM_HELD in text
    assert "Gjøre karakteren endelig?" in text
    assert HeldButton.decode(HeldButton(7).encode()) == HeldButton(7)


def test_without_an_original_grade_the_consultant_is_asked_to_compare():
    assert "The original grade is not stored in Sensorbot" in shown(
        ComplaintStatus.held, "en", original=None
    )


def test_a_final_grade_names_who_made_it_final_and_a_reopened_one_says_so():
    final = shown(
        ComplaintStatus.final,
        "en",
        final_by=Person(name="Kari Konsulent", consultant=True),
        final_at=datetime(2027, 1, 8, 14, 0, tzinfo=UTC),
    )
    assert "Kari Konsulent made *C* the final grade" in final
    assert ACTION_CONFIRM_HELD not in final
    reopened = shown(ComplaintStatus.open, "nb")
    assert "Klagekommisjonen er åpnet igjen" in reopened and ACTION_CONFIRM_HELD not in reopened
