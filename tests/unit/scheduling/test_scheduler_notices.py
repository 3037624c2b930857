"""Opened-for-marking notices through scheduler passes with a simulated clock, against the
fake Slack, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from bot.opening.notices import opened_notices
from models import tables
from models.db import session_scope
from models.tables import OutboxStatus
from tests.support.blocks import message_blocks
from tests.support.factories import T0, add_candidates, add_grader, add_membership, choose_language
from tests.support.scheduling import (
    CONSULTANT,
    TEST_ID,
    delivered_keys,
    marking_setup,
    oslo,
    outbox_rows,
    posts_to,
    run_passes,
    scheduler_for,
    set_opened,
)

OPENED_AT = T0 + timedelta(days=1)  # 2026-12-11 09:00 in Oslo


@pytest.fixture
def people(engine, fake_slack):
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UKARI", email="kari@ntnu.no", locale="en-GB")
    choose_language(engine, "UKARI", "en")
    fake_slack.add_user("UKONS", email=CONSULTANT, locale="nb-NO")


def test_opening_sends_one_notice_per_grader_and_none_on_later_passes_or_after_restart(
    engine, store_url, fake_slack, people
):
    marking_setup(engine, opened_for_marking=OPENED_AT)
    first = scheduler_for(fake_slack, store_url, engine)
    run_passes(first, OPENED_AT, OPENED_AT + timedelta(minutes=1), OPENED_AT + timedelta(hours=3))
    restarted = scheduler_for(fake_slack, store_url, engine)
    run_passes(restarted, OPENED_AT + timedelta(hours=4), OPENED_AT + timedelta(days=1))

    assert len(posts_to(fake_slack, "UOLA")) == 1
    assert len(posts_to(fake_slack, "UKARI")) == 1
    assert Counter(delivered_keys(fake_slack)) == {
        f"opened:{TEST_ID}:ola@ntnu.no": 1,
        f"opened:{TEST_ID}:kari@ntnu.no": 1,
    }
    assert {row.status for row in outbox_rows(engine)} == {OutboxStatus.sent.value}


def test_nothing_before_the_opening_time_and_notices_once_it_comes(
    engine, store_url, fake_slack, people
):
    marking_setup(engine, opened_for_marking=OPENED_AT)
    scheduler = scheduler_for(fake_slack, store_url, engine)
    scheduler.run_pass(OPENED_AT - timedelta(seconds=1))
    assert not fake_slack.calls("chat.postMessage")
    scheduler.run_pass(OPENED_AT)
    assert len(delivered_keys(fake_slack)) == 2


def test_a_roster_import_that_fills_in_opened_for_marking_opens_the_test(
    engine, store_url, fake_slack, people
):
    marking_setup(engine)
    scheduler = scheduler_for(fake_slack, store_url, engine)
    scheduler.run_pass(OPENED_AT)
    assert delivered_keys(fake_slack) == [f"nudge:{TEST_ID}:2026-12-11:{CONSULTANT}"]

    set_opened(engine, TEST_ID, OPENED_AT + timedelta(hours=1))  # as the importer writes it
    run_passes(scheduler, OPENED_AT + timedelta(hours=1), OPENED_AT + timedelta(hours=2))

    assert sorted(delivered_keys(fake_slack)[1:]) == [
        f"opened:{TEST_ID}:kari@ntnu.no",
        f"opened:{TEST_ID}:ola@ntnu.no",
    ]


def test_notice_tells_committee_candidates_deadline_rules_in_the_readers_language(
    engine, store_url, fake_slack, people
):
    marking_setup(
        engine,
        title="Objektorientert programmering",
        opened_for_marking=OPENED_AT,
        marking_mode="shared",
        final_approval="one",
        guideline_published=False,
        graders=(("ola@ntnu.no", "1"), ("kari@ntnu.no", "2")),
        submitted={"1": ["101", "102", "103"], "2": ["201"]},
    )
    add_candidates(engine, TEST_ID, "1", ["104"], status="absent")
    scheduler_for(fake_slack, store_url, engine).run_pass(OPENED_AT)

    (norwegian,) = posts_to(fake_slack, "UOLA")
    sections = _texts(norwegian)
    text = "\n".join(sections)
    assert norwegian["blocks"][0]["text"]["text"] == "TDT4100-2026H er åpnet for vurdering"
    assert (
        "*Kommisjon 1:* 3 kandidater å vurdere (i tillegg 1 som ikke leverte, og som ikke "
        "skal ha karakter)"
    ) in sections
    # 08:00 UTC in Oslo, and how far away as the notice was decided (11 December).
    assert "*Sensurfrist:* torsdag 31. desember kl. 09.00, om 20 dager" in sections
    assert "<!date" not in str(norwegian)
    assert "Delt vurdering" in text and "når én av sensorene" in text
    assert "Sensurveiledningen er ikke publisert" in text
    assert "*Karakterene samles her i Sensorbot, ikke i Inspera:*" in text
    assert "send det til meg i denne samtalen" in text
    assert norwegian["text"] == (
        "TDT4100-2026H er åpnet for vurdering. Sensurfrist: torsdag 31. desember kl. 09.00."
    )
    *_, buttons_block, first_dm_switch = norwegian["blocks"]
    assert [(b["action_id"], b["value"]) for b in first_dm_switch["elements"]] == [
        ("language.set", "en")
    ]
    inspera, template, why = buttons_block["elements"]
    assert (inspera["text"]["text"], inspera["url"], inspera["style"]) == (
        "Åpne Inspera",
        "https://ntnu.inspera.no",
        "primary",
    )
    assert [(b["action_id"], b["value"], b["text"]["text"]) for b in (template, why)] == [
        ("notice.template", TEST_ID, "Last ned karakterark"),
        ("notice.why", TEST_ID, "Ser du den ikke i Inspera?"),
    ]

    (english,) = posts_to(fake_slack, "UKARI")
    text = "\n".join(_texts(english))
    assert "*Committee 2:* 1 candidate to grade" in text
    assert "*Grading deadline:* Thursday 31 December at 09:00, in 20 days" in text
    assert "Shared marking" in text
    assert "*Grades are collected here in Sensorbot, not in Inspera:*" in text
    assert [b["text"]["text"] for b in message_blocks(english)[-1]["elements"]] == [
        "Open Inspera",
        "Download grade sheet",
        "Can't see it in Inspera?",
    ]


def test_a_grader_in_several_committees_sees_each_with_its_candidates_in_their_language(
    engine, store_url, fake_slack, people
):
    marking_setup(
        engine,
        opened_for_marking=OPENED_AT,
        grading_deadline=oslo(2026, 12, 12, 23, 59),
        graders=(("ola@ntnu.no", "1"), ("kari@ntnu.no", "2")),
        submitted={"1": ["101"], "2": ["201", "202"]},
    )
    add_membership(engine, TEST_ID, "ola@ntnu.no", "2")
    scheduler_for(
        fake_slack, store_url, engine, SENSORBOT_INSPERA_URL="https://x.inspera.no"
    ).run_pass(OPENED_AT)

    # The deadline is so near that the one-day reminder goes in the same pass, after it.
    norwegian = posts_to(fake_slack, "UOLA")[0]
    assert norwegian["metadata"]["event_payload"]["key"] == f"opened:{TEST_ID}:ola@ntnu.no"
    sections = _texts(norwegian)
    assert "*Kommisjon 1:* 1 kandidat å vurdere" in sections
    assert "*Kommisjon 2:* 2 kandidater å vurdere" in sections
    assert "*Sensurfrist:* lørdag 12. desember (innen kl. 23.59), i morgen" in sections
    assert message_blocks(norwegian)[-1]["elements"][0]["url"] == "https://x.inspera.no"
    english = "\n".join(_texts(posts_to(fake_slack, "UKARI")[0]))
    assert "Saturday 12 December (by 23:59), tomorrow" in english
    for word in ("today", "tomorrow", "Monday", "Saturday", "December", " PM", " AM"):
        assert word not in str(norwegian), word


def _texts(message: dict) -> list[str]:
    """Each line of the message's sections and contexts, as Slack shows them."""
    lines = []
    for block in message["blocks"]:
        if block["type"] == "section":
            lines += block["text"]["text"].split("\n")
        elif block["type"] == "context":
            lines += [element["text"] for element in block["elements"]]
    return lines


def test_private_marking_rules_per_committee_or_across(engine, fake_slack, people):
    marking_setup(engine, own_approval="all_committees", opened_for_marking=OPENED_AT)
    with session_scope(engine) as session:
        (notice, _) = opened_notices(
            session, session.get(tables.Test, TEST_ID), now=OPENED_AT, inspera_url="https://i.no"
        )
    assert notice.params["marking_mode"] == "private"
    assert notice.params["own_approval"] == "all_committees"
    assert notice.params["final_approval"] == "all"


def test_graders_found_by_inspera_email_and_unreachable_ones_reported_once_per_test(
    engine, store_url, fake_slack, people
):
    fake_slack.add_user("UPER", email="per.private@gmail.com", locale="en-US")
    choose_language(engine, "UPER", "en")
    marking_setup(
        engine,
        opened_for_marking=OPENED_AT,
        graders=(("ola@ntnu.no", "1"), ("ghost@ntnu.no", "1"), ("nobody@uib.no", "2")),
        consultants=(CONSULTANT, "konsulent2@ntnu.no"),
    )
    add_grader(engine, "per@ntnu.no", "external", name="Per", inspera_email="per.private@gmail.com")
    add_membership(engine, TEST_ID, "per@ntnu.no", "2")
    fake_slack.add_user("UKONS2", email="konsulent2@ntnu.no", locale="en-US")
    choose_language(engine, "UKONS2", "en")

    scheduler = scheduler_for(fake_slack, store_url, engine)
    run_passes(scheduler, OPENED_AT, OPENED_AT + timedelta(minutes=1))
    run_passes(scheduler_for(fake_slack, store_url, engine), OPENED_AT + timedelta(hours=1))

    assert len(posts_to(fake_slack, "UPER")) == 1  # reached through the Inspera e-mail
    (report,) = posts_to(fake_slack, "UKONS")
    text = str(report["blocks"])
    assert "*Ghost* – ingen i Slack har ghost@ntnu.no" in text
    assert "*Nobody* – ingen i Slack har nobody@uib.no" in text
    assert "ola@ntnu.no" not in text and "per@ntnu.no" not in text
    assert len(posts_to(fake_slack, "UKONS2")) == 1
    statuses = {row.key: row.status for row in outbox_rows(engine)}
    assert statuses[f"opened:{TEST_ID}:ghost@ntnu.no"] == OutboxStatus.undeliverable.value


def test_unreachable_report_waits_until_every_notice_of_the_test_was_tried(
    engine, store_url, fake_slack, people
):
    marking_setup(
        engine, opened_for_marking=OPENED_AT, graders=(("ola@ntnu.no", "1"), ("ghost@ntnu.no", "1"))
    )
    fake_slack.fail_next("chat.postMessage", status=500)  # Ola's notice must be retried
    scheduler = scheduler_for(fake_slack, store_url, engine)
    scheduler.run_pass(OPENED_AT)
    assert not posts_to(fake_slack, "UKONS")

    scheduler.run_pass(OPENED_AT + timedelta(minutes=5))
    assert len(posts_to(fake_slack, "UOLA")) == 1
    assert len(posts_to(fake_slack, "UKONS")) == 1


def test_handling_an_opening_again_tells_nobody_twice(engine, store_url, fake_slack, people):
    """Notices are keyed per grader and test: even if the opening is handled again (its
    occasion record lost), those already told get nothing more."""
    marking_setup(engine, opened_for_marking=OPENED_AT)
    scheduler = scheduler_for(fake_slack, store_url, engine)
    scheduler.run_pass(OPENED_AT)
    with session_scope(engine) as session:
        session.delete(session.get(tables.HandledOccasion, (TEST_ID, "opened")))
    scheduler.run_pass(OPENED_AT + timedelta(hours=1))
    assert Counter(delivered_keys(fake_slack)).most_common(1)[0][1] == 1


def test_no_notices_for_tests_whose_grading_deadline_has_passed(
    engine, store_url, fake_slack, people
):
    """An old roster imported with its opening dates wakes nobody up."""
    marking_setup(engine, opened_for_marking=OPENED_AT)
    scheduler_for(fake_slack, store_url, engine).run_pass(T0 + timedelta(days=60))
    assert not fake_slack.calls("chat.postMessage")
    assert not outbox_rows(engine)


def test_roster_text_in_a_notice_cannot_make_links_or_mentions(
    engine, store_url, fake_slack, people
):
    marking_setup(engine, title="Grafer & <!channel> nett", opened_for_marking=OPENED_AT)
    scheduler_for(fake_slack, store_url, engine).run_pass(OPENED_AT)
    intro = posts_to(fake_slack, "UOLA")[0]["blocks"][1]["text"]["text"]
    assert "Grafer &amp; &lt;!channel&gt; nett" in intro
