"""Outbox messages: roster text escaped where Slack reads mrkdwn, shown as typed in the
plain-text header."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from bot.ui.outgoing import render

OSLO = ZoneInfo("Europe/Oslo")


def test_unreachable_graders_are_listed_inert_under_a_plain_header():
    params = {
        "test": {"test_id": "A&B-1", "title": "Grafer <!here>"},
        "graders": [{"name": "<!channel> *Mallory*", "email": "m@x.no", "inspera_email": None}],
    }
    message = render("unreachable", params, "en", OSLO)
    header, *rest = message.blocks
    assert header["type"] == "header"
    assert header["text"]["text"] == "Graders I cannot find in Slack: A&B-1"
    shown = f"{rest} {message.text}"
    assert "<!channel>" not in shown and "*Mallory*" not in shown
    assert "&lt;!channel&gt; \u2217Mallory\u2217" in shown


def test_a_reminder_stored_before_progress_was_recorded_still_renders():
    """Rows another replica (or the version before an upgrade) stored: committees only."""
    params = {
        "test": {"test_id": "T-1", "title": None},
        "days": 2,
        "grading_deadline": "2026-12-31T08:00:00+00:00",
        "committees": ["1", "2"],
    }
    message = render("reminder", params, "nb", OSLO)
    lines = message.blocks[0]["text"]["text"].splitlines()
    assert lines[1:] == [
        "• *Kommisjon 1:* sensuren er ikke ferdig",
        "• *Kommisjon 2:* sensuren er ikke ferdig",
    ]
    assert [b["action_id"] for b in message.blocks[-1]["elements"]] == [
        "notice.template",
        "notice_status",
    ]


def test_an_opened_notice_stored_before_per_committee_counts_still_renders():
    params = {
        "test": {"test_id": "T-1", "title": None},
        "marking_mode": "private",
        "own_approval": "committee",
        "final_approval": "all",
        "grading_deadline": "2026-12-31T08:00:00+00:00",
        "committees": ["1", "2"],
        "submitted": 3,
        "absent": 0,
    }
    message = render("opened", params, "en", OSLO)
    assert "*Committee 1, 2:* 3 candidates to grade" in str(message.blocks)
    assert [b["action_id"] for b in message.blocks[-1]["elements"]] == [
        "notice.template",
        "notice.why",
    ]


def test_a_grade_registration_test_says_who_did_not_attend():
    params = {
        "test": {"test_id": "EXPH0300-2026H", "title": None},
        "marking_mode": "private",
        "own_approval": "committee",
        "final_approval": "one",
        "registration_only": True,
        "grading_deadline": "2026-12-31T22:59:00+00:00",
        "as_of": "2026-12-11T08:00:00+00:00",
        "inspera_url": "https://ntnu.inspera.no",
        "per_committee": [{"committee": "1", "submitted_count": 1, "absent_count": 2}],
    }
    text = str(render("opened", params, "nb", OSLO).blocks)
    assert "*Kommisjon 1:* 1 kandidat å vurdere (i tillegg 2 som ikke møtte" in text
    assert "*Sensurfrist:* torsdag 31. desember (innen kl. 23.59), om 20 dager" in text
    assert "sensurregistreringsprøve" in text


_TEST = {"test_id": "TDT4100-2026H", "title": "Objektorientert programmering"}
_DEADLINE = {"grading_deadline": "2026-12-31T22:59:00+00:00"}
_PROGRESS = {
    "committee": "1",
    "phase": "final_approval",
    "shared": False,
    "submitted_count": 2,
    "missing_count": 0,
    "own_approved": True,
    "unresolved_count": 0,
    "voted": False,
    "waiting": ["Kari"],
    "action": "final",
    "prompt_id": 4,
}
_EVERY_NOTICE = {
    "opened": {
        **_DEADLINE,
        "marking_mode": "shared",
        "own_approval": "committee",
        "final_approval": "one",
        "inspera_url": "https://ntnu.inspera.no",
        "per_committee": [{"committee": "1", "submitted_count": 2, "absent_count": 1}],
    },
    "reminder": {**_DEADLINE, "days": 1, "progress": [_PROGRESS]},
    "overdue": {**_DEADLINE, "progress": [_PROGRESS]},
    "overdue_escalation": {
        **_DEADLINE,
        "opened": True,
        "graders": [{"name": "Kari", "committees": ["1", "2"], "unreachable": True}],
    },
    "nudge": {
        "submission_deadline": "2026-12-10T08:00:00+00:00",
        "blockers": [{"kind": "test_not_ended", "count": 0, "committees": 0}],
        "notices": [],
    },
    "unreachable": {"graders": [{"name": "Kari", "email": "k@ntnu.no", "inspera_email": None}]},
}
_ENGLISH_DATE_WORDS = (
    "<!date", "today", "tomorrow", "yesterday", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "December", "January", " AM", " PM", " at 0", " at 1", " at 2",
)  # fmt: skip


@pytest.mark.parametrize(("as_of"), ["2026-12-31T08:00:00+00:00", "2026-12-30T08:00:00+00:00"])
@pytest.mark.parametrize("kind", sorted(_EVERY_NOTICE))
def test_no_norwegian_notice_carries_an_english_date_word(kind, as_of):
    params = {"test": _TEST, "as_of": as_of, **_EVERY_NOTICE[kind]}
    message = render(kind, params, "nb", OSLO)
    shown = f"{message.text} {message.blocks}"
    assert [word for word in _ENGLISH_DATE_WORDS if word in shown] == []
    if kind != "unreachable":  # the one notice without a date
        assert "desember" in shown
