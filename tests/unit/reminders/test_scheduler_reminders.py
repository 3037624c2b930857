"""Reminders, overdue notices and escalations, and "ended but not opened" nudges through
scheduler passes with a simulated clock (SQLite and PostgreSQL, fake Slack)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlmodel import select

from models import tables
from models.db import session_scope
from tests.support.factories import (
    add_candidates,
    add_grader,
    add_membership,
    choose_language,
    put_grades,
)
from tests.support.scheduling import (
    CONSULTANT,
    TEST_ID,
    delivered_keys,
    make_final,
    marking_setup,
    oslo,
    posts_to,
    run_passes,
    scheduler_for,
    set_opened,
)

# Submission 2026-12-10 09:00, grading deadline 2026-12-31 09:00 (Oslo), opened the day after.
OPENED_AT = oslo(2026, 12, 11, 9, 0)


@pytest.fixture
def people(engine, fake_slack):
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UKARI", email="kari@ntnu.no", locale="en-GB")
    choose_language(engine, "UKARI", "en")
    fake_slack.add_user("UKONS", email=CONSULTANT, locale="nb-NO")


def _reminders(fake_slack) -> Counter:
    return Counter(k for k in delivered_keys(fake_slack) if k.startswith("reminder:"))


def test_reminders_7_2_1_days_before_at_nine_and_each_once(engine, store_url, fake_slack, people):
    marking_setup(engine, opened_for_marking=OPENED_AT)
    scheduler = scheduler_for(fake_slack, store_url, engine)
    scheduler.run_pass(OPENED_AT)
    run_passes(scheduler, oslo(2026, 12, 24, 3, 0), oslo(2026, 12, 24, 8, 59))
    assert not _reminders(fake_slack)

    run_passes(scheduler, oslo(2026, 12, 24, 9, 0), oslo(2026, 12, 24, 15, 0))
    assert _reminders(fake_slack) == {
        f"reminder:{TEST_ID}:2026-12-31:7:ola@ntnu.no": 1,
        f"reminder:{TEST_ID}:2026-12-31:7:kari@ntnu.no": 1,
    }
    restarted = scheduler_for(fake_slack, store_url, engine)
    run_passes(restarted, oslo(2026, 12, 27, 9, 0), oslo(2026, 12, 29, 8, 0))
    assert len(_reminders(fake_slack)) == 2

    run_passes(restarted, oslo(2026, 12, 29, 9, 30), oslo(2026, 12, 30, 10, 0))
    run_passes(restarted, oslo(2026, 12, 30, 17, 0), oslo(2026, 12, 31, 8, 0))
    assert sorted(_reminders(fake_slack).items()) == sorted(
        (f"reminder:{TEST_ID}:2026-12-31:{days}:{grader}", 1)
        for days in (7, 2, 1)
        for grader in ("ola@ntnu.no", "kari@ntnu.no")
    )
    texts = [m["blocks"][0]["text"]["text"] for m in posts_to(fake_slack, "UOLA")[1:]]
    assert "om 7 dager" in texts[0] and "om 2 dager" in texts[1] and "i morgen" in texts[2]
    english = posts_to(fake_slack, "UKARI")[-1]["blocks"][0]["text"]["text"]
    assert english.startswith(
        "Reminder: the grading deadline for *TDT4100-2026H* is Thursday 31 December at 09:00, "
        "tomorrow."
    )


def test_a_reminder_missed_at_nine_goes_with_the_next_pass_that_day(
    engine, store_url, fake_slack, people
):
    marking_setup(engine, opened_for_marking=OPENED_AT)
    scheduler_for(fake_slack, store_url, engine).run_pass(oslo(2026, 12, 29, 14, 0))
    assert set(_reminders(fake_slack)) == {
        f"reminder:{TEST_ID}:2026-12-31:2:ola@ntnu.no",
        f"reminder:{TEST_ID}:2026-12-31:2:kari@ntnu.no",
    }


def test_after_a_long_stop_only_the_latest_reminder_goes(engine, store_url, fake_slack, people):
    marking_setup(engine, opened_for_marking=OPENED_AT)
    scheduler_for(fake_slack, store_url, engine).run_pass(oslo(2026, 12, 30, 9, 0))
    assert {k.split(":")[3] for k in _reminders(fake_slack)} == {"1"}


@pytest.mark.parametrize(
    ("deadline", "too_early", "on_time"),
    [
        # Summer time ends on 2026-10-25: 09:00 is 07:00 UTC on the 24th, 08:00 UTC on the 25th.
        (oslo(2026, 10, 26, 10, 0), oslo(2026, 10, 25, 8, 30), oslo(2026, 10, 25, 9, 0)),
        # Summer time starts on 2027-03-28: 09:00 is 08:00 UTC on the 27th, 07:00 UTC on the 28th.
        (oslo(2027, 3, 29, 12, 0), oslo(2027, 3, 28, 8, 59), oslo(2027, 3, 28, 9, 0)),
    ],
    ids=["summer-time-ends", "summer-time-starts"],
)
def test_reminder_at_nine_local_time_across_the_daylight_saving_change(
    engine, store_url, fake_slack, people, deadline, too_early, on_time
):
    submission = deadline - timedelta(days=21)
    marking_setup(
        engine,
        submission_deadline=submission,
        grading_deadline=deadline,
        opened_for_marking=submission + timedelta(days=1),
    )
    scheduler = scheduler_for(fake_slack, store_url, engine)
    day = deadline.astimezone(too_early.tzinfo).date()
    scheduler.run_pass(too_early)
    assert not [k for k in _reminders(fake_slack) if k.split(":")[3] == "1"]
    scheduler.run_pass(on_time)
    assert {k.split(":")[3] for k in _reminders(fake_slack)} == {"1"}, day


def test_the_two_day_reminder_before_the_autumn_change_comes_at_nine_summer_time(
    engine, store_url, fake_slack, people
):
    deadline = oslo(2026, 10, 26, 10, 0)
    marking_setup(
        engine,
        submission_deadline=deadline - timedelta(days=21),
        grading_deadline=deadline,
        opened_for_marking=deadline - timedelta(days=20),
    )
    scheduler = scheduler_for(fake_slack, store_url, engine)
    scheduler.run_pass(oslo(2026, 10, 24, 8, 59))  # 06:59 UTC
    assert not _reminders(fake_slack)
    scheduler.run_pass(oslo(2026, 10, 24, 9, 0))  # 07:00 UTC
    assert {k.split(":")[3] for k in _reminders(fake_slack)} == {"2"}


def test_only_graders_with_unfinished_work_are_reminded(engine, store_url, fake_slack, people):
    marking_setup(
        engine,
        opened_for_marking=OPENED_AT,
        graders=(("ola@ntnu.no", "1"), ("kari@ntnu.no", "2")),
    )
    marking_setup(
        engine,
        "TMA4100-2026H",
        graders=(("ola@ntnu.no", "A"),),
        new_graders=False,
        opened_for_marking=OPENED_AT,
        grading_deadline=oslo(2027, 1, 20, 9, 0),
    )
    make_final(engine, TEST_ID, "1")  # Ola's committee has final-approved its grades

    scheduler_for(fake_slack, store_url, engine).run_pass(oslo(2026, 12, 24, 9, 0))

    assert set(_reminders(fake_slack)) == {f"reminder:{TEST_ID}:2026-12-31:7:kari@ntnu.no"}
    text = posts_to(fake_slack, "UKARI")[-1]["blocks"][0]["text"]["text"]
    assert text.endswith(
        "This is what is left for you:\n• *Committee 2:* 0 of 1 candidate has a grade from you"
    )


def test_a_graded_test_gets_no_reminders_and_no_overdue(engine, store_url, fake_slack, people):
    marking_setup(
        engine,
        opened_for_marking=OPENED_AT,
        graders=(("ola@ntnu.no", "1"), ("kari@ntnu.no", "2")),
    )
    make_final(engine, TEST_ID, "1")
    make_final(engine, TEST_ID, "2")
    scheduler = scheduler_for(fake_slack, store_url, engine)
    run_passes(scheduler, oslo(2026, 12, 24, 9, 0), oslo(2026, 12, 31, 9, 0))
    # Only the consultant hears of it: the FS hand-off's checklist and its reminders.
    to_graders = [
        k
        for k in delivered_keys(fake_slack)
        if not k.startswith(("opened:", "approval_prompt:", "handoff_reminder:"))
    ]
    assert to_graders == []


def test_graders_of_a_test_that_is_not_open_get_no_reminders(engine, store_url, fake_slack, people):
    marking_setup(engine)
    scheduler_for(fake_slack, store_url, engine).run_pass(oslo(2026, 12, 24, 9, 0))
    assert not _reminders(fake_slack)


def test_a_moved_deadline_gets_its_own_reminders(engine, store_url, fake_slack, people):
    marking_setup(engine, opened_for_marking=OPENED_AT)
    scheduler = scheduler_for(fake_slack, store_url, engine)
    scheduler.run_pass(oslo(2026, 12, 29, 9, 0))
    with session_scope(engine) as session:
        test = session.get(tables.Test, TEST_ID)
        test.grading_deadline = oslo(2027, 1, 8, 9, 0)
        session.add(test)
    run_passes(scheduler, oslo(2026, 12, 31, 9, 0), oslo(2027, 1, 1, 9, 0), oslo(2027, 1, 6, 9, 0))
    assert sorted({(k.split(":")[2], k.split(":")[3]) for k in _reminders(fake_slack)}) == [
        ("2026-12-31", "2"),
        ("2027-01-08", "2"),
        ("2027-01-08", "7"),
    ]


def test_reminder_days_come_from_the_settings(engine, store_url, fake_slack, people):
    marking_setup(engine, opened_for_marking=OPENED_AT)
    scheduler = scheduler_for(fake_slack, store_url, engine, SENSORBOT_REMINDER_DAYS="3")
    run_passes(scheduler, oslo(2026, 12, 24, 9, 0), oslo(2026, 12, 28, 9, 0))
    assert {k.split(":")[3] for k in _reminders(fake_slack)} == {"3"}


def test_at_the_deadline_one_overdue_notice_per_grader_and_one_escalation_per_test(
    engine, store_url, fake_slack, people
):
    fake_slack.add_user("UKONS2", email="konsulent2@ntnu.no", locale="en-US")
    choose_language(engine, "UKONS2", "en")
    fake_slack.add_user("UPER", email="per@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UNILS", email="nils@ntnu.no", locale="nb-NO")
    marking_setup(
        engine,
        opened_for_marking=OPENED_AT,
        graders=(("ola@ntnu.no", "1"), ("kari@ntnu.no", "2"), ("per@ntnu.no", "2")),
        consultants=(CONSULTANT, "konsulent2@ntnu.no"),
    )
    marking_setup(
        engine,
        "TMA4100-2026H",
        graders=(("nils@ntnu.no", "A"),),
        opened_for_marking=OPENED_AT,
    )
    make_final(engine, "TMA4100-2026H", "A")  # graded in time: nobody hears about it
    with session_scope(engine) as session:
        session.get(tables.Department, "IDI").escalation_channel = "CIDI"
    scheduler = scheduler_for(fake_slack, store_url, engine)
    scheduler.run_pass(oslo(2026, 12, 31, 8, 59))
    assert not [k for k in delivered_keys(fake_slack) if k.startswith("overdue")]

    run_passes(scheduler, oslo(2026, 12, 31, 9, 0), oslo(2026, 12, 31, 9, 1))
    run_passes(scheduler_for(fake_slack, store_url, engine), oslo(2027, 1, 1, 9, 0))

    overdue = Counter(k for k in delivered_keys(fake_slack) if k.startswith("overdue"))
    assert overdue == {
        f"overdue:{TEST_ID}:2026-12-31:ola@ntnu.no": 1,
        f"overdue:{TEST_ID}:2026-12-31:kari@ntnu.no": 1,
        f"overdue:{TEST_ID}:2026-12-31:per@ntnu.no": 1,
        f"overdue_escalation:{TEST_ID}:2026-12-31:{CONSULTANT}": 1,
        f"overdue_escalation:{TEST_ID}:2026-12-31:konsulent2@ntnu.no": 1,
        f"overdue_escalation:{TEST_ID}:2026-12-31:CIDI": 1,
    }
    (escalation,) = [m for m in posts_to(fake_slack, "UKONS") if "overdue" in str(m)]
    text = str(escalation["blocks"])
    assert "Sensurfristen er passert: TDT4100-2026H" in text
    lines = escalation["blocks"][1]["text"]["text"]
    assert lines.endswith("• *Kari*: kommisjon 2\n• *Ola*: kommisjon 1\n• *Per*: kommisjon 2")
    assert "@ntnu.no" not in text
    assert len(posts_to(fake_slack, "CIDI")) == 1
    assert "Your grading is not finished" not in str(posts_to(fake_slack, "UKARI")[-1])
    assert "has passed" in posts_to(fake_slack, "UKARI")[-1]["text"]


def test_a_test_never_opened_escalates_to_consultants_only_with_its_blockers(
    engine, store_url, fake_slack, people
):
    marking_setup(engine)
    add_candidates(engine, TEST_ID, None, ["999"])
    scheduler_for(fake_slack, store_url, engine).run_pass(oslo(2026, 12, 31, 9, 0))
    keys = [k for k in delivered_keys(fake_slack) if k.startswith("overdue")]
    assert keys == [f"overdue_escalation:{TEST_ID}:2026-12-31:{CONSULTANT}"]
    text = str(posts_to(fake_slack, "UKONS")[-1]["blocks"])
    assert "aldri registrert som åpnet" in text
    assert "Innlevert kandidat uten kommisjon: 1" in text


def test_overdue_is_not_raised_for_deadlines_long_past(engine, store_url, fake_slack, people):
    marking_setup(engine, opened_for_marking=OPENED_AT)
    scheduler_for(fake_slack, store_url, engine).run_pass(oslo(2027, 1, 8, 9, 1))
    assert not [k for k in delivered_keys(fake_slack) if k.startswith("overdue")]


def _nudges(fake_slack) -> list[str]:
    return [k for k in delivered_keys(fake_slack) if k.startswith("nudge:")]


def test_ended_but_not_opened_nudges_daily_at_nine_from_the_day_after(
    engine, store_url, fake_slack, people
):
    marking_setup(engine)
    add_candidates(engine, TEST_ID, None, ["998", "999"])
    add_candidates(engine, TEST_ID, "1", ["500"], status="absent")
    scheduler = scheduler_for(fake_slack, store_url, engine)
    run_passes(scheduler, oslo(2026, 12, 10, 9, 0), oslo(2026, 12, 10, 20, 0))
    run_passes(scheduler, oslo(2026, 12, 11, 8, 59))
    assert not _nudges(fake_slack)

    run_passes(scheduler, oslo(2026, 12, 11, 9, 0), oslo(2026, 12, 11, 12, 0))
    assert _nudges(fake_slack) == [f"nudge:{TEST_ID}:2026-12-11:{CONSULTANT}"]
    (nudge,) = posts_to(fake_slack, "UKONS")
    text = str(nudge["blocks"])
    assert "Ikke åpnet for vurdering: TDT4100-2026H" in text
    assert "Innleverte kandidater uten kommisjon: 2" in text
    assert "Kandidat som ikke leverte: 1" in text
    assert "/sensur åpne TDT4100-2026H" in text

    run_passes(scheduler_for(fake_slack, store_url, engine), oslo(2026, 12, 12, 9, 5))
    assert _nudges(fake_slack)[-1] == f"nudge:{TEST_ID}:2026-12-12:{CONSULTANT}"

    set_opened(engine, TEST_ID, oslo(2026, 12, 12, 15, 0))
    run_passes(scheduler, oslo(2026, 12, 13, 9, 0), oslo(2026, 12, 14, 9, 0))
    assert len(_nudges(fake_slack)) == 2


def test_a_test_without_blockers_is_nudged_too_saying_nothing_blocks_it(
    engine, store_url, fake_slack, people
):
    marking_setup(engine)
    scheduler_for(fake_slack, store_url, engine).run_pass(oslo(2026, 12, 11, 9, 0))
    assert "Ingenting i oppsettet hindrer åpning" in str(posts_to(fake_slack, "UKONS")[0])


def _message_texts(message: dict) -> list[str]:
    return [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]


def _buttons(message: dict) -> list[dict]:
    (actions,) = [b for b in message["blocks"] if b["type"] == "actions"]
    return actions["elements"]


def _prompt_id(engine, kind: str, scope: str, recipient: str) -> int:
    with session_scope(engine) as session:
        (prompt,) = session.exec(
            select(tables.ApprovalPrompt).where(
                tables.ApprovalPrompt.kind == kind,
                tables.ApprovalPrompt.scope == scope,
                tables.ApprovalPrompt.recipient_email == recipient,
            )
        ).all()
        return prompt.id


def test_a_reminder_says_per_committee_what_is_missing_with_the_buttons_to_act(
    engine, store_url, fake_slack, people
):
    add_grader(engine, "ola@ntnu.no", name="Ola Nordmann")
    add_grader(engine, "kari@ntnu.no", name="Kari Nordmann")
    marking_setup(
        engine,
        opened_for_marking=OPENED_AT,
        graders=(("ola@ntnu.no", "1"), ("kari@ntnu.no", "1"), ("ola@ntnu.no", "2")),
        new_graders=False,
        submitted={"1": ["101", "102", "103", "104", "105"], "2": ["201"]},
    )
    put_grades(engine, TEST_ID, "ola@ntnu.no", {"101": "A", "102": "B", "103": "C", "201": "D"})

    scheduler_for(fake_slack, store_url, engine).run_pass(oslo(2026, 12, 24, 9, 0))

    (ola,) = [m for m in posts_to(fake_slack, "UOLA") if m["text"].startswith("Påminnelse")]
    assert _message_texts(ola) == [
        "Påminnelse: sensurfristen for *TDT4100-2026H* er torsdag 31. desember kl. 09.00, om 7 "
        "dager. Dette gjenstår for deg:\n"
        "• *Kommisjon 1:* 3 av 5 kandidater har karakter fra deg\n"
        "• *Kommisjon 2:* kandidaten har karakter – venter på at du godkjenner egen sensur"
    ]
    assert ola["text"] == (
        "Påminnelse: sensurfristen for TDT4100-2026H er torsdag 31. desember kl. 09.00, om 7 dager."
    )
    own_prompt = _prompt_id(engine, "own", "2", "ola@ntnu.no")
    assert [(b["action_id"], b["value"], b["text"]["text"]) for b in _buttons(ola)] == [
        ("notice.template", TEST_ID, "Last ned karakterark"),
        ("approvals.approve_own", str(own_prompt), "Godkjenn egen sensur"),
        ("notice_status", TEST_ID, "Se status"),
    ]
    (kari,) = [m for m in posts_to(fake_slack, "UKARI") if m["text"].startswith("Reminder")]
    assert _message_texts(kari)[0].endswith(
        "• *Committee 1:* 0 of 5 candidates have a grade from you"
    )
    assert [b["action_id"] for b in _buttons(kari)] == ["notice.template", "notice_status"]
    for word in ("today", "tomorrow", "Thursday", "December", " PM", " AM"):
        assert word not in str(ola), word


def test_a_reminder_in_final_approval_asks_before_the_approval_and_names_who_it_waits_for(
    engine, store_url, fake_slack, people
):
    marking_setup(
        engine,
        opened_for_marking=OPENED_AT,
        marking_mode="shared",
        graders=(("ola@ntnu.no", "1"), ("kari@ntnu.no", "1")),
        submitted={"1": ["101", "102"]},
    )
    put_grades(engine, TEST_ID, "kari@ntnu.no", {"101": "A", "102": "B"})
    with session_scope(engine) as session:
        session.add(
            tables.FinalApprovalVote(test_id=TEST_ID, committee="1", grader_email="kari@ntnu.no")
        )

    scheduler_for(fake_slack, store_url, engine).run_pass(oslo(2026, 12, 29, 9, 0))

    (ola,) = [m for m in posts_to(fake_slack, "UOLA") if m["text"].startswith("Påminnelse")]
    assert _message_texts(ola)[0].endswith(
        "om 2 dager. Dette gjenstår for deg:\n"
        "• *Kommisjon 1:* alle har karakter – venter på at du godkjenner felles sensur"
    )
    approve = _buttons(ola)[0]
    assert approve["action_id"] == "approvals.approve_final"
    assert approve["value"] == str(_prompt_id(engine, "final", "1", "ola@ntnu.no"))
    assert approve["confirm"]["title"]["text"] == "Godkjenne felles sensur?"
    assert "kommisjon 1 i TDT4100-2026H" in approve["confirm"]["text"]["text"]
    assert [b["action_id"] for b in _buttons(ola)][1:] == ["notice_status"]  # no sheet now
    (kari,) = [m for m in posts_to(fake_slack, "UKARI") if m["text"].startswith("Reminder")]
    assert _message_texts(kari)[0].endswith(
        "• *Committee 1:* you have approved the final grades – waiting for Ola"
    )
    assert [b["action_id"] for b in _buttons(kari)] == ["notice_status"]


def test_the_overdue_escalation_keeps_marking_graders_slack_does_not_know(
    engine, store_url, fake_slack, people
):
    marking_setup(
        engine,
        opened_for_marking=OPENED_AT,
        graders=(("ola@ntnu.no", "1"), ("ghost@ntnu.no", "1"), ("kari@ntnu.no", "2")),
    )
    scheduler = scheduler_for(fake_slack, store_url, engine)
    scheduler.run_pass(OPENED_AT)
    assert "*Ghost* – ingen i Slack har ghost@ntnu.no" in str(posts_to(fake_slack, "UKONS"))

    scheduler.run_pass(oslo(2026, 12, 31, 9, 0))

    (escalation,) = [m for m in posts_to(fake_slack, "UKONS") if "overdue" in str(m)]
    assert escalation["blocks"][1]["text"]["text"].endswith(
        "• *Ghost*: kommisjon 1 – finnes ikke i Slack, og har ikke fått noen beskjed fra meg\n"
        "• *Kari*: kommisjon 2\n"
        "• *Ola*: kommisjon 1"
    )


def test_a_grader_found_in_slack_later_is_no_longer_marked_as_missing(
    engine, store_url, fake_slack, people
):
    marking_setup(engine, opened_for_marking=OPENED_AT, graders=(("per@ntnu.no", "1"),))
    scheduler = scheduler_for(fake_slack, store_url, engine)
    scheduler.run_pass(OPENED_AT)
    fake_slack.add_user("UPER", email="per@ntnu.no", locale="nb-NO")  # joined Slack since
    scheduler.run_pass(oslo(2026, 12, 30, 9, 0))  # the one-day reminder reaches him
    scheduler.run_pass(oslo(2026, 12, 31, 9, 0))

    (escalation,) = [m for m in posts_to(fake_slack, "UKONS") if "overdue" in str(m)]
    assert escalation["blocks"][1]["text"]["text"].endswith("• *Per*: kommisjon 1")


def test_a_nudge_names_the_graders_and_committees_that_keep_the_test_closed(
    engine, store_url, fake_slack, people
):
    marking_setup(engine, graders=(("ola@ntnu.no", "1"), ("kari@ntnu.no", None)))
    add_grader(engine, "per@ntnu.no", name="Per Berg")
    add_membership(engine, TEST_ID, "per@ntnu.no", "7")  # a committee without candidates
    add_candidates(engine, TEST_ID, "4", ["401"])  # committees without a grader
    add_candidates(engine, TEST_ID, "5", ["501", "502"])
    scheduler_for(fake_slack, store_url, engine).run_pass(oslo(2026, 12, 11, 9, 0))

    (nudge,) = posts_to(fake_slack, "UKONS")
    lines = "\n".join(b["text"]["text"] for b in nudge["blocks"] if b["type"] == "section")
    assert "• Sensor som ikke står i noen kommisjon: 1 (Kari)" in lines
    assert "• Innleverte kandidater i kommisjon 4 og 5 uten sensor: 3" in lines
    assert "• Sensor i kommisjon 7 uten kandidater: 1" in lines
    assert "@ntnu.no" not in lines


EACH = [("Godkjenn egen sensur (kommisjon 1)", "1"), ("Godkjenn egen sensur (kommisjon 2)", "2")]


@pytest.mark.parametrize(
    ("own_approval", "expected"),
    [("committee", EACH), ("all_committees", [("Godkjenn egen sensur", "")])],
)
def test_a_grader_done_in_several_committees_approves_each_or_all_at_once(
    engine, store_url, fake_slack, people, own_approval, expected
):
    marking_setup(
        engine,
        opened_for_marking=OPENED_AT,
        own_approval=own_approval,
        graders=(("ola@ntnu.no", "1"), ("kari@ntnu.no", "2")),
        submitted={"1": ["101"], "2": ["201"]},
    )
    add_membership(engine, TEST_ID, "ola@ntnu.no", "2")
    put_grades(engine, TEST_ID, "ola@ntnu.no", {"101": "A", "201": "B"})

    scheduler_for(fake_slack, store_url, engine).run_pass(oslo(2026, 12, 24, 9, 0))

    (ola,) = [m for m in posts_to(fake_slack, "UOLA") if m["text"].startswith("Påminnelse")]
    approve = [b for b in _buttons(ola) if b["action_id"] == "approvals.approve_own"]
    assert [(b["text"]["text"], b["value"]) for b in approve] == [
        (label, str(_prompt_id(engine, "own", scope, "ola@ntnu.no"))) for label, scope in expected
    ]
