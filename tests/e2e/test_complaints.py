"""Complaint grading end to end, driven as Slack drives the bot: the complaint committee
(Nina and Eva) grades blind through template, sheet, preview, apply and approvals; the
consultant is told of a grade two letters from the original and makes it final; the
complaint export comes by DM, from `/sensur export TEST klage` and from the CLI.

The original committee (Kari and Ola) gave 101 `A` and 102 `E`, and 103 `B`; the complaint
committee gives 101 `C` (two letters from A: held) and 102 `D` (one from E: final at once).
A and E are grades the complaint graders never give, so neither may ever reach them, nor
Kari's or Ola's name.
"""

from __future__ import annotations

import json
import re

import pytest
from sqlmodel import select

from bot.approvals import approve_final, approve_own
from bot.exams.people import Roles
from models.tables import Complaint, ComplaintStatus
from tests.e2e.test_approvals import reaches, workbook_rows
from tests.e2e.test_gradesheet_approvals import latest_dm, press, template_rows, upload_and_preview
from tests.e2e.test_gradesheets import buttons, dm_messages
from tests.e2e.test_home import open_home
from tests.support.factories import (
    T0,
    add_candidates,
    add_complaint,
    add_complaint_committee,
    add_grader,
    add_membership,
    add_test,
    choose_language,
    put_grades,
    transfer_to_fs,
)
from tests.support.processes import run_cli, sensorbot_environment

TEST = "TMA4100-2026H"
KARI, OLA = "kari@ntnu.no", "ola@ntnu.no"
NINA, EVA, CONSULTANT = "nina@ntnu.no", "eva@uio.no", "konsulent@ntnu.no"
UNINA, UEVA, UKONS = "UNINA", "UEVA", "UKONS"
ORIGINAL = {"101": "A", "102": "E", "103": "B"}
COMPLAINT_GRADES = {"101": "C", "102": "D"}


@pytest.fixture
def complaint_round(running_bot, fake_slack):
    """Committee 1 graded, final (by one) and transferred; complaints on 101 and 102 go to
    complaint committee K."""
    engine = running_bot.runtime.engine
    fake_slack.add_user(UNINA, email=NINA, locale="nb-NO", name="Nina")
    fake_slack.add_user(UEVA, email=EVA, locale="nb-NO", name="Eva")
    fake_slack.add_user(UKONS, email=CONSULTANT, locale="en-GB", name="Konsulent")
    choose_language(engine, UKONS, "en")
    add_test(engine, TEST, consultants=(CONSULTANT,), final_approval="one", opened_for_marking=T0)
    for email, name, kind in (
        (KARI, "Kari Nordmann", "internal"),
        (OLA, "Ola Hansen", "internal"),
        (NINA, "Nina Berg", "internal"),
        (EVA, "Eva Lund", "external"),
    ):
        add_grader(engine, email, kind, name=name)
    for email in (KARI, OLA):
        add_membership(engine, TEST, email, "1")
        put_grades(engine, TEST, email, ORIGINAL)
    add_candidates(engine, TEST, "1", list(ORIGINAL))
    with running_bot.runtime.session() as session:
        assert approve_own(session, TEST, KARI, "1").changed
    with running_bot.runtime.session() as session:
        assert approve_own(session, TEST, OLA, "1").changed
    with running_bot.runtime.session() as session:
        assert approve_final(session, TEST, "1", KARI).changed
    consultant = Roles(CONSULTANT, None, frozenset({TEST}), False, False)
    transfer_to_fs(engine, TEST, consultant)
    add_complaint_committee(engine, TEST, "K", (NINA, EVA))
    for candidate in ("101", "102"):
        add_complaint(engine, TEST, candidate, "K")
    return running_bot


def everything_to(fake_slack, user: str) -> str:
    """Every request that put something in front of `user`, whole, replies to their
    commands included."""
    return "\n".join(
        json.dumps(r.params, ensure_ascii=False)
        for r in fake_slack.requests
        if ((reached := reaches(r)) and reached[0] == user)
        or (r.method == "response_url" and user in r.params["_key"])
    )


def as_grade(grade: str) -> re.Pattern:
    """`grade` as a word of its own, but not a spreadsheet column ("kolonne A")."""
    return re.compile(rf"(?<![\w-])(?<!kolonne )(?<!column ){grade}(?![\w-])")


def assert_blind(fake_slack, user: str) -> None:
    """Nothing that reached `user` holds an original grade or names an original grader:
    not a message, ephemeral, Home tab or file (every uploaded workbook's cells)."""
    seen = everything_to(fake_slack, user)
    assert seen, "the check would pass on nothing"
    for grade in ("A", "E"):
        found = as_grade(grade).search(seen)
        assert not found, f"{grade} reached {user}: " + seen[max(0, found.start() - 200) :][:300]
    for name in ("Kari", "Nordmann", "Ola", "Hansen", KARI, OLA):
        assert name not in seen, f"{name} reached {user}"
    for upload in fake_slack.uploads_to(user):
        cells = [cell for row in workbook_rows(upload.content) for cell in row]
        assert not {"A", "E"} & set(cells), f"an original grade in {upload.filename}"


def grade_and_approve_own(bot, fake_slack, user: str, file_id: str) -> None:
    assert template_rows(bot, fake_slack, user) == [
        ["Candidate ID", "Grade"],
        ["101", None],
        ["102", None],
    ]
    # A grade for a candidate of the original committee is an error with its row.
    refused = upload_and_preview(
        bot, fake_slack, user, {**COMPLAINT_GRADES, "103": "D"}, f"{file_id}X"
    )
    shown = json.dumps(refused["blocks"], ensure_ascii=False)
    assert "Rad 4, kandidat 103" in shown and "gradesheet_apply" not in buttons(refused)
    preview = upload_and_preview(bot, fake_slack, user, COMPLAINT_GRADES, file_id)
    assert "2 nye · 0 endret" in json.dumps(preview["blocks"], ensure_ascii=False)
    press(bot, user, preview, "gradesheet_apply")
    latest_dm(fake_slack, user, "2 karakterer oppdatert")
    prompt = latest_dm(fake_slack, user, f"Godkjenn egen sensur: {TEST}")
    press(bot, user, prompt, "approvals.approve_own")
    latest_dm(fake_slack, user, "Godkjenn egen sensur", also="Karakterene dine er låst")


def consultants_held_dm(fake_slack) -> dict:
    return latest_dm(fake_slack, UKONS, "Complaint grading in TMA4100, candidate 101")


def complaint_status(bot, candidate: str) -> tuple[str, str | None]:
    with bot.runtime.session() as session:
        row = session.exec(select(Complaint).where(Complaint.candidate_id == candidate)).one()
        return row.status, row.final_grade


def test_a_complaint_graded_blind_held_until_a_consultant_confirms_and_exported(
    complaint_round, fake_slack, store_url, tmp_path
):
    bot = complaint_round
    bot.slack.command(UKONS, f"export {TEST} klage", response_url=fake_slack.response_url("e0"))
    refused = fake_slack.wait_for_call("response_url", match=lambda a: a["_key"] == "e0")
    assert refused.params["text"].startswith(f"No complaint on {TEST} has a final grade yet")
    environment = sensorbot_environment(fake_slack, store_url)
    result = run_cli(["export", TEST, "klager.xlsx", "--complaints"], environment, tmp_path)
    assert result.returncode == 1 and not (tmp_path / "klager.xlsx").exists()
    assert f"No complaint on {TEST} has a final grade yet" in result.stderr

    grade_and_approve_own(bot, fake_slack, UNINA, "FNINA")
    grade_and_approve_own(bot, fake_slack, UEVA, "FEVA")

    # Where her committee stands, as `/sensur godkjenn` shows it.
    bot.slack.command(UNINA, "godkjenn", response_url=fake_slack.response_url(f"{UNINA}:a"))
    overview = fake_slack.wait_for_call("response_url", match=lambda a: a["_key"] == f"{UNINA}:a")
    assert "felles sensur (1 C og 1 D)" in json.dumps(overview.params, ensure_ascii=False)

    # Final approval by all, though the test's own committees need only one.
    nina_final = latest_dm(fake_slack, UNINA, f"Godkjenn felles sensur: {TEST}")
    press(bot, UNINA, nina_final, "approvals.approve_final")
    latest_dm(fake_slack, UNINA, "Godkjenn felles sensur", also="Godkjent av deg")
    assert complaint_status(bot, "101") == (ComplaintStatus.open, None)
    eva_final = latest_dm(fake_slack, UEVA, f"Godkjenn felles sensur: {TEST}")
    press(bot, UEVA, eva_final, "approvals.approve_final")

    # 102 is one letter from the original: final at once. 101 is two: held for the consultant.
    held = consultants_held_dm(fake_slack)
    text = json.dumps(held, ensure_ascii=False)
    assert "the complaint committee gave *C*" in text and "The original grade was *A*" in text
    assert complaint_status(bot, "101") == (ComplaintStatus.held, None)
    assert complaint_status(bot, "102") == (ComplaintStatus.final, "D")
    (button,) = [
        e
        for b in held["blocks"]
        for e in b.get("elements") or []
        if e.get("action_id") == "complaint.confirm_held"
    ]
    assert button["text"]["text"] == "Assessed again — make the grade final"
    assert button["confirm"]["title"]["text"] == "Make the grade final?"
    assert "gets *C* as the final grade" in button["confirm"]["text"]["text"]

    # A grader's press, and a forged one, change nothing.
    where = {"channel_id": held["channel"], "message_ts": held["ts"]}
    for user, value in ((UEVA, button["value"]), (UKONS, "999999"), (UKONS, "101; drop")):
        assert bot.slack.click(user, "complaint.confirm_held", value, **where).status == 200
    fake_slack.wait_for(
        lambda: [m for m in fake_slack.messages_to(UEVA) if "Bare studiekonsulentene" in m["text"]],
        description="the grader told she may not",
    )
    fake_slack.wait_for(
        lambda: (
            len([m for m in fake_slack.messages_to(UKONS) if "can no longer find" in m["text"]])
            == 2
        ),
        description="the forged presses refused",
    )
    assert complaint_status(bot, "101") == (ComplaintStatus.held, None)
    assert not fake_slack.uploads_to(UKONS)

    # The consultant confirms: final, the message says by whom, the export comes once.
    assert bot.slack.click(UKONS, "complaint.confirm_held", button["value"], **where).status == 200
    latest_dm(fake_slack, UKONS, "Complaint grading in TMA4100", also="made *C* the final grade")
    assert complaint_status(bot, "101") == (ComplaintStatus.final, "C")
    (sent,) = fake_slack.wait_for(lambda: fake_slack.uploads_to(UKONS))
    assert sent.filename == f"{TEST} complaint grades.xlsx"
    assert workbook_rows(sent.content) == [("Candidate ID", "Grade"), ("101", "C"), ("102", "D")]

    # /sensur export TEST klage, and the CLI, write the same; the ordinary export is as before.
    bot.slack.command(UKONS, f"export {TEST} klage", response_url=fake_slack.response_url("e1"))
    asked = fake_slack.wait_for(lambda: fake_slack.uploads_to(UKONS)[1:])[0]
    assert workbook_rows(asked.content) == workbook_rows(sent.content)
    result = run_cli(["export", TEST, "klager.xlsx", "--complaints"], environment, tmp_path)
    assert result.returncode == 0, result.stderr
    assert workbook_rows((tmp_path / "klager.xlsx").read_bytes()) == workbook_rows(sent.content)
    result = run_cli(["export", TEST, "vanlig.xlsx"], environment, tmp_path)
    assert workbook_rows((tmp_path / "vanlig.xlsx").read_bytes())[1:] == list(ORIGINAL.items())

    # Blind: nothing of the original round reached Nina or Eva, the Home tab, status and
    # why included; the same check finds the original grade in what the consultant got.
    for user in (UNINA, UEVA):
        open_home(bot, fake_slack, user)
        for word in ("status", "hvorfor"):
            key = f"{user}:{word}"
            bot.slack.command(user, word, response_url=fake_slack.response_url(key))
            fake_slack.wait_for_call("response_url", match=lambda a, key=key: a["_key"] == key)
        assert_blind(fake_slack, user)
    assert as_grade("A").search(everything_to(fake_slack, UKONS))
    assert not [m for m in dm_messages(fake_slack, UNINA) if re.search(r"\bklage\b", m["text"])]
