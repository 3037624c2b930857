"""Grade sheets for a test marked in Inspera (`grading_in = inspera`) end to end: a sheet
sent in a DM over real HTTP is checked like every sheet and comes back as an Inspera-ready
file (opened here from the fake Slack); nothing of its grades is stored."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from sqlmodel import select

from bot.exams.audit import entries
from bot.gradesheets.for_inspera import AUDIT_ACTION
from models.db import session_scope
from models.tables import Grade, GradeUpload, GradingIn
from tests.e2e.test_gradesheets import (
    DM,
    GOOD_SHEET,
    KARI,
    dm_messages,
    send_bad_sheet_and_see_its_errors,
    send_sheet,
    wait_for_dm,
)
from tests.support.factories import (
    T0,
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    choose_language,
    put_grades,
)
from tests.support.workbooks import workbook

TEST = "TDT4100-2026H"
READY = "Grade sheet for TDT4100-2026H – ready for Inspera"


@pytest.fixture
def roster(running_bot, fake_slack):
    engine = running_bot.runtime.engine
    add_test(engine, TEST, opened_for_marking=T0, grading_in=GradingIn.inspera)
    add_grader(engine, "kari@ntnu.no")
    add_membership(engine, TEST, "kari@ntnu.no", "1")
    add_candidates(engine, TEST, "1", ["10412", "10413", "10414"])
    add_candidates(engine, TEST, "1", ["10415"], status="absent")
    add_candidates(engine, TEST, "2", ["20001"])
    fake_slack.add_user(KARI, email="kari@ntnu.no", locale="en-GB")
    choose_language(engine, KARI, "en")
    return engine


def nothing_stored(engine) -> bool:
    with session_scope(engine) as session:
        return not session.exec(select(Grade)).all() and not session.exec(select(GradeUpload)).all()


def cells(content: bytes) -> list[list[object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_a_clean_sheet_comes_back_ready_for_inspera_and_nothing_is_stored(
    running_bot, fake_slack, roster
):
    sheet = [["Kandidat-ID", "Karakter"], [10414, "C"], [10412, "A"], [10413, "B"], [10415, None]]
    send_sheet(running_bot, fake_slack, workbook(sheet))

    summary = wait_for_dm(fake_slack, READY)
    (upload,) = fake_slack.wait_for(lambda: fake_slack.uploads_to(KARI))
    assert (upload.filename, upload.channel) == ("TDT4100-2026H grades for Inspera.xlsx", DM)
    assert cells(upload.content) == [
        ["Candidate ID", "Grade"],
        ["10414", "C"],
        ["10412", "A"],
        ["10413", "B"],
    ]
    text = str(summary["blocks"])
    assert "*3 grades · 1 left blank · 0 errors*" in text
    assert "Sensorbot has stored nothing" in text
    assert "One candidate has an empty grade cell in your sheet" in text
    assert "empty cells do not overwrite grades already in Inspera" in text
    assert "back before" not in text
    assert "gradesheet_apply" not in text and "button" not in text
    comment = upload.initial_comment or ""
    assert "Sette karakterer ved bruk av Excel" in comment
    assert "check that Inspera reports 3 rows updated" in comment
    assert "The grades are not set until the file is imported" in comment
    assert "approve your grading in Inspera – and tell me with `/sensur done`" in comment

    assert nothing_stored(roster)
    with session_scope(roster) as session:
        (entry,) = entries(session, test_id=TEST, action=AUDIT_ACTION)
        assert (entry.actor, entry.subject) == ("kari@ntnu.no", "karakterer.xlsx")
        assert json.loads(entry.new_value or "") == {"grades": 3, "blank": 1}

    # A second sheet for the test: the import rule that a new upload overwrites the last.
    send_sheet(running_bot, fake_slack, workbook(GOOD_SHEET[:2]), file_id="F2")
    fake_slack.wait_for(lambda: len(fake_slack.uploads_to(KARI)) == 2)
    again = fake_slack.wait_for(lambda: dm_messages(fake_slack, containing="back before"))[-1]
    assert "importing this one overwrites the previous upload in Inspera" in str(again["blocks"])
    assert "empty grade cell" not in str(again["blocks"])
    assert cells(fake_slack.uploads_to(KARI)[1].content) == [
        ["Candidate ID", "Grade"],
        ["10412", "A"],
    ]
    assert nothing_stored(roster)


def test_a_sheet_with_errors_gets_the_error_preview_and_no_inspera_file(
    running_bot, fake_slack, roster
):
    preview = send_bad_sheet_and_see_its_errors(running_bot, fake_slack)
    text = str(preview["blocks"])
    assert "*1 grade · 0 left blank · 3 errors*" in text
    assert "*3 errors* – you get the sheet ready for Inspera once they are fixed" in text
    assert "Fix the errors and send the sheet again" in text
    assert dm_messages(fake_slack, containing=READY) == []
    assert nothing_stored(roster)


def test_the_template_of_an_inspera_test_holds_the_candidates_without_grades(
    running_bot, fake_slack, roster
):
    # Grades stored for the test before it was marked in Inspera are not shown as its grades.
    put_grades(roster, TEST, "kari@ntnu.no", {"10413": "B"})
    running_bot.slack.command(KARI, "template", response_url=fake_slack.response_url("t"))
    fake_slack.wait_for_call("response_url", match=lambda a: a["_key"] == "t")

    (upload,) = fake_slack.uploads_to(KARI)
    assert cells(upload.content) == [
        ["Candidate ID", "Grade"],
        ["10412", None],
        ["10413", None],
        ["10414", None],
    ]
    assert "without grades (grades are set in Inspera)" in (upload.initial_comment or "")


def test_a_sheet_that_waited_for_its_test_comes_back_ready_once(running_bot, fake_slack, roster):
    add_test(roster, "TMA4100-2026H", opened_for_marking=T0)
    add_membership(roster, "TMA4100-2026H", "kari@ntnu.no", "A")
    send_sheet(running_bot, fake_slack, workbook(GOOD_SHEET), name="mine karakterer.xlsx")
    question = wait_for_dm(fake_slack, "Which test is `mine karakterer.xlsx` for?")
    with session_scope(roster) as session:
        (waiting,) = session.exec(select(GradeUpload)).all()
    value = f"{waiting.id}|{TEST}"

    def choose():
        running_bot.slack.click(
            KARI, "gradesheet_choose_test:0", value, channel_id=DM, message_ts=question["ts"]
        )

    choose()
    wait_for_dm(fake_slack, READY)
    choose()
    wait_for_dm(fake_slack, "The test for this sheet has already been chosen.")
    assert len(dm_messages(fake_slack, containing=READY)) == 1
    (upload,) = fake_slack.wait_for(lambda: fake_slack.uploads_to(KARI))
    assert cells(upload.content)[1:] == [["10412", "A"], ["10413", "B"], ["10414", "C"]]
    with session_scope(roster) as session:
        (closed,) = session.exec(select(GradeUpload)).all()
        assert (closed.status, closed.test_id) == ("returned", TEST)
        assert json.loads(closed.changes_json or "[]") == []  # no grades kept
        assert session.exec(select(Grade)).all() == []
