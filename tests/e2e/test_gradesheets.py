"""Grade sheets end to end: Slack events and clicks over real HTTP, the fake Slack serving
files, the real store (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import logging
import time

import openpyxl
import pytest
from sqlmodel import select

from bot.approvals import approve_final, approve_own
from models.db import session_scope
from models.tables import Grade, GradeUpload
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
KARI, OLA, KONSULENT = "UKARI", "UOLA", "UKONS"
DM = f"D{KARI}"


@pytest.fixture
def roster(running_bot, fake_slack):
    engine = running_bot.runtime.engine
    add_test(engine, TEST, opened_for_marking=T0, consultants=("konsulent@ntnu.no",))
    add_grader(engine, "kari@ntnu.no")
    add_grader(engine, "ola@ntnu.no")
    add_membership(engine, TEST, "kari@ntnu.no", "1")
    add_membership(engine, TEST, "ola@ntnu.no", "2")
    add_candidates(engine, TEST, "1", ["10412", "10413", "10414"])
    add_candidates(engine, TEST, "1", ["10415"], status="absent")
    add_candidates(engine, TEST, "2", ["20001"])
    fake_slack.add_user(KARI, email="kari@ntnu.no", locale="en-GB")
    choose_language(running_bot.runtime.engine, KARI, "en")
    fake_slack.add_user(OLA, email="ola@ntnu.no", locale="nb-NO")
    fake_slack.add_user(KONSULENT, email="konsulent@ntnu.no", locale="en-US")
    choose_language(running_bot.runtime.engine, KONSULENT, "en")
    return engine


def message_event(user: str, file_id: str, name: str) -> dict:
    return {
        "type": "message",
        "subtype": "file_share",
        "channel": f"D{user}",
        "channel_type": "im",
        "user": user,
        "text": "",
        "ts": f"{time.time():.6f}",
        "files": [{"id": file_id, "name": name}],
    }


def file_shared_event(user: str, file_id: str) -> dict:
    return {
        "type": "file_shared",
        "file_id": file_id,
        "user_id": user,
        "file": {"id": file_id},
        "channel_id": f"D{user}",
        "event_ts": f"{time.time():.6f}",
    }


def send_sheet(bot, fake, content: bytes, *, user=KARI, file_id="F1", name="karakterer.xlsx", **kw):
    fake.add_file(
        file_id,
        name,
        content,
        filetype=name.rsplit(".", 1)[-1],
        user=user,
        channel=f"D{user}",
        **kw,
    )
    answer = bot.slack.event(message_event(user, file_id, name))
    assert answer.status == 200


def dm_messages(fake, user=KARI, containing: str = "") -> list[dict]:
    return [
        m
        for m in fake.messages_to(user)
        if not m["ephemeral"] and containing in str(m.get("blocks")) + str(m.get("text"))
    ]


def wait_for_dm(fake, containing: str, user=KARI) -> dict:
    return fake.wait_for(lambda: dm_messages(fake, user, containing), description=containing)[-1]


def buttons(message: dict) -> dict[str, str]:
    """action_id -> value of every button in a message."""
    found = {}
    for block in message.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("type") == "button":
                found[element["action_id"]] = element["value"]
    return found


def press(bot, message: dict, action_id: str, user: str = KARI):
    """`user` presses the button `action_id` on `message` in Kari's DM, as Slack sends it."""
    return bot.slack.click(
        user, action_id, buttons(message)[action_id], channel_id=DM, message_ts=message["ts"]
    )


def submit_reset(bot, user: str, private_metadata: str, candidate: str):
    """The reset modal submitted with `candidate` typed in, as Slack sends it."""
    typed = {"candidate": {"candidate": {"type": "plain_text_input", "value": candidate}}}
    return bot.slack.interaction(
        {
            "type": "view_submission",
            "user": {"id": user},
            "view": {
                "id": "V1",
                "type": "modal",
                "callback_id": "gradesheet_reset",
                "private_metadata": private_metadata,
                "state": {"values": typed},
            },
        }
    )


def stored(engine) -> dict[str, str | None]:
    with session_scope(engine) as session:
        return {g.candidate_id: g.value for g in session.exec(select(Grade)).all()}


def uploads(engine) -> list[GradeUpload]:
    with session_scope(engine) as session:
        return list(session.exec(select(GradeUpload)).all())


GOOD_SHEET = [["Candidate ID", "Grade"], [10412, "A"], [10413, "B"], [10414, "C"], [10415, None]]


def test_upload_preview_apply_shows_counts_and_stores(running_bot, fake_slack, roster):
    send_sheet(running_bot, fake_slack, workbook(GOOD_SHEET))
    preview = wait_for_dm(fake_slack, "Grade sheet for TDT4100-2026H")
    assert preview["channel"] == DM
    text = str(preview["blocks"])
    assert "*3 new · 0 changed · 0 unchanged · 1 left blank · 0 errors*" in text
    assert "Row 2, candidate 10412: `A` (new)" in text
    assert stored(roster) == {}
    download = fake_slack.calls("url_private_download")[0]
    assert download.header("Authorization") == "Bearer xoxb-test"

    actions = buttons(preview)
    assert set(actions) == {"gradesheet_apply", "gradesheet_cancel"}
    running_bot.slack.click(
        KARI,
        "gradesheet_apply",
        actions["gradesheet_apply"],
        channel_id=DM,
        message_ts=preview["ts"],
    )
    applied = wait_for_dm(fake_slack, "3 grades updated for TDT4100-2026H")
    assert applied["ts"] == preview["ts"]  # the preview turned into the confirmation
    assert "Your grading of committee 1 is complete" in applied["text"]
    assert set(buttons(applied)) == {"gradesheet_undo", "gradesheet_reset_open"}
    assert stored(roster) == {"10412": "A", "10413": "B", "10414": "C"}
    channel_posts = [
        c for c in fake_slack.calls("chat.postMessage") if not c.params["channel"].startswith("D")
    ]
    assert channel_posts == []


def test_same_file_by_both_events_and_a_retry_gives_one_preview(
    running_bot, fake_slack, roster, caplog
):
    caplog.set_level(logging.INFO, logger="bot.slack.gradesheets")
    caplog.set_level(logging.INFO, logger="bot.slack.ack_first")
    content = workbook(GOOD_SHEET)
    fake_slack.add_file("F1", "karakterer.xlsx", content, user=KARI, channel=DM)
    first = message_event(KARI, "F1", "karakterer.xlsx")
    running_bot.slack.event(first, event_id="EvMSG1")
    running_bot.slack.event(file_shared_event(KARI, "F1"), event_id="EvFS1")
    running_bot.slack.event(first, event_id="EvMSG1", retry_num=1)
    wait_for_dm(fake_slack, "Grade sheet for")

    def logged(text):
        return lambda: [r for r in caplog.records if text in r.getMessage()]

    fake_slack.wait_for(logged("slack event EvMSG1 already handled"))
    fake_slack.wait_for(logged("file F1 already handled"))
    assert len(dm_messages(fake_slack, containing="Grade sheet for")) == 1
    assert len(uploads(roster)) == 1
    assert len(fake_slack.calls("url_private_download")) == 1


BAD_SHEET = [["Candidate ID", "Grade"], [10412, "b"], [10413, "B"], [10415, "F"], [99999, "A"]]


def send_bad_sheet_and_see_its_errors(bot, fake) -> dict:
    """`BAD_SHEET` sent: its preview names every error by row with its fix, offers no Apply,
    and the workbook comes back with the bad cells marked. Returns the preview."""
    send_sheet(bot, fake, workbook(BAD_SHEET))
    preview = wait_for_dm(fake, "Grade sheet for")
    text = str(preview["blocks"])
    assert "3 errors" in text
    assert "Row 2, candidate 10412: `b` is in lower case — write grades in capitals: `B`" in text
    assert "Row 4, candidate 10415: the candidate did not attend or submit" in text
    assert "Row 5, candidate 99999: no candidate with this number" in text
    assert "gradesheet_apply" not in buttons(preview)

    (marked,) = fake.wait_for(lambda: fake.uploads_to(KARI))
    assert marked.filename == "karakterer (errors marked).xlsx" and marked.channel == DM
    cells = openpyxl.load_workbook(io.BytesIO(marked.content)).active
    assert {c.coordinate for row in cells.iter_rows() for c in row if c.comment} == {
        "B2",
        "B4",
        "A5",
    }
    return preview


def test_errors_offer_no_apply_return_a_marked_workbook_and_store_nothing(
    running_bot, fake_slack, roster
):
    preview = send_bad_sheet_and_see_its_errors(running_bot, fake_slack)

    (upload,) = uploads(roster)
    assert upload.status == "invalid"
    running_bot.slack.click(
        KARI, "gradesheet_apply", str(upload.id), channel_id=DM, message_ts=preview["ts"]
    )
    wait_for_dm(fake_slack, "This sheet has errors and cannot be applied")
    assert stored(roster) == {}


def test_undo_restores_the_grades_before_the_upload(running_bot, fake_slack, roster):
    send_sheet(
        running_bot, fake_slack, workbook([["Candidate ID", "Grade"], [10412, "A"]]), file_id="F1"
    )
    first = wait_for_dm(fake_slack, "Grade sheet for")
    press(running_bot, first, "gradesheet_apply")
    wait_for_dm(fake_slack, "1 grade updated")

    send_sheet(
        running_bot,
        fake_slack,
        workbook([["Candidate ID", "Grade"], [10412, "C"], [10413, "D"]]),
        file_id="F2",
    )
    second = fake_slack.wait_for(lambda: dm_messages(fake_slack, containing="`A` → `C`"))[0]
    press(running_bot, second, "gradesheet_apply")
    applied = wait_for_dm(fake_slack, "2 grades updated")
    assert stored(roster) == {"10412": "C", "10413": "D"}

    press(running_bot, applied, "gradesheet_undo")
    undone = wait_for_dm(fake_slack, "Undone: 2 grades are back")
    assert buttons(undone) == {}
    assert stored(roster) == {"10412": "A"}


def test_another_user_pressing_apply_is_refused(running_bot, fake_slack, roster):
    send_sheet(running_bot, fake_slack, workbook(GOOD_SHEET))
    preview = wait_for_dm(fake_slack, "Grade sheet for")
    upload_id = buttons(preview)["gradesheet_apply"]
    running_bot.slack.click(
        OLA, "gradesheet_apply", upload_id, channel_id=DM, message_ts=preview["ts"]
    )
    refusal = wait_for_dm(fake_slack, "Bare sensoren som sendte dette arket", user=OLA)
    assert refusal["channel"] == f"D{OLA}"
    assert "10412" not in str(fake_slack.messages_to(OLA))
    assert stored(roster) == {}
    running_bot.slack.click(
        KARI, "gradesheet_apply", upload_id, channel_id=DM, message_ts=preview["ts"]
    )
    wait_for_dm(fake_slack, "3 grades updated")


def test_pressing_apply_twice_applies_once(running_bot, fake_slack, roster):
    send_sheet(running_bot, fake_slack, workbook(GOOD_SHEET))
    preview = wait_for_dm(fake_slack, "Grade sheet for")
    upload_id = buttons(preview)["gradesheet_apply"]
    for _ in range(2):
        running_bot.slack.click(
            KARI, "gradesheet_apply", upload_id, channel_id=DM, message_ts=preview["ts"]
        )
    wait_for_dm(fake_slack, "This sheet was already applied")
    wait_for_dm(fake_slack, "3 grades updated")
    with session_scope(roster) as session:
        assert len(session.exec(select(Grade)).all()) == 3


def test_unclear_test_is_asked_and_remembered(running_bot, fake_slack, roster):
    add_test(roster, "TMA4100-2026H", opened_for_marking=T0)
    add_membership(roster, "TMA4100-2026H", "kari@ntnu.no", "A")
    send_sheet(running_bot, fake_slack, workbook(GOOD_SHEET), name="mine karakterer.xlsx")
    question = wait_for_dm(fake_slack, "Which test is `mine karakterer.xlsx` for?")
    choices = buttons(question)
    assert sorted(choices.values()) == sorted(
        f"{uploads(roster)[0].id}|{t}" for t in (TEST, "TMA4100-2026H")
    )
    (upload,) = uploads(roster)
    assert (upload.status, upload.test_id) == ("needs_test", None)
    action_id = next(a for a, v in choices.items() if v.endswith(TEST))
    running_bot.slack.click(
        KARI, action_id, choices[action_id], channel_id=DM, message_ts=question["ts"]
    )
    wait_for_dm(fake_slack, "3 new ·")
    (upload,) = uploads(roster)
    assert (upload.status, upload.test_id) == ("preview", TEST)


def test_download_answered_with_html_is_not_authorised(running_bot, fake_slack, roster):
    send_sheet(running_bot, fake_slack, workbook(GOOD_SHEET), serve_html=True)
    wait_for_dm(fake_slack, "I was not allowed to download `karakterer.xlsx`")
    assert uploads(roster) == []


def test_file_over_ten_megabytes_is_not_downloaded(running_bot, fake_slack, roster):
    send_sheet(running_bot, fake_slack, b"x" * (10 * 1024 * 1024 + 1), name="stor.csv")
    wait_for_dm(fake_slack, "`stor.csv` is larger than 10 MB")
    assert fake_slack.calls("url_private_download") == []


def test_unreadable_file_gets_its_own_message(running_bot, fake_slack, roster):
    send_sheet(running_bot, fake_slack, b"Candidate ID;Grade\n10412;B\n", name="karakterer.xlsx")
    wait_for_dm(fake_slack, "is called .xlsx but is a text file")


def test_someone_who_is_no_grader_is_told(running_bot, fake_slack, roster):
    fake_slack.add_user("UANNE", email="anne@ntnu.no")
    choose_language(running_bot.runtime.engine, "UANNE", "en")
    send_sheet(running_bot, fake_slack, workbook(GOOD_SHEET), user="UANNE")
    wait_for_dm(fake_slack, "I can't find you (anne@ntnu.no) as a grader", user="UANNE")


def test_reset_one_candidate_through_the_modal(running_bot, fake_slack, roster):
    send_sheet(running_bot, fake_slack, workbook(GOOD_SHEET))
    preview = wait_for_dm(fake_slack, "Grade sheet for")
    press(running_bot, preview, "gradesheet_apply")
    applied = wait_for_dm(fake_slack, "3 grades updated")
    press(running_bot, applied, "gradesheet_reset_open")
    opened = fake_slack.wait_for_call("views.open").params["view"]
    assert opened["callback_id"] == "gradesheet_reset"

    def submit(candidate: str):
        return submit_reset(running_bot, KARI, opened["private_metadata"], candidate)

    refused = submit("99999")
    assert refused.status == 200
    assert refused.json()["response_action"] == "errors"
    assert "No candidate 99999" in refused.json()["errors"]["candidate"]
    assert submit("10413").status == 200
    wait_for_dm(fake_slack, "The grade for candidate 10413 on TDT4100-2026H is reset (was `B`)")
    assert stored(roster) == {"10412": "A", "10413": None, "10414": "C"}


def test_template_has_the_graders_candidates_and_a_dropdown(running_bot, fake_slack, roster):
    with session_scope(roster) as session:
        session.add(
            Grade(test_id=TEST, candidate_id="10413", grader_email="kari@ntnu.no", value="B")
        )
    running_bot.slack.command(KARI, "template", response_url=fake_slack.response_url("t"))
    reply = fake_slack.wait_for_call("response_url", match=lambda a: a["_key"] == "t").params
    assert reply["response_type"] == "ephemeral" and "direct message" in reply["text"]
    (upload,) = fake_slack.uploads_to(KARI)
    assert (upload.filename, upload.channel) == ("TDT4100-2026H grades.xlsx", DM)
    assert "3 candidates" in upload.initial_comment
    sheet = openpyxl.load_workbook(io.BytesIO(upload.content)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Candidate ID", "Grade"],
        ["10412", None],
        ["10413", "B"],
        ["10414", None],
    ]
    (dropdown,) = sheet.data_validations.dataValidation
    assert dropdown.formula1 == '"A,B,C,D,E,F"' and sheet.freeze_panes == "A2"


def test_export_goes_to_the_consultants_dm_and_is_refused_to_graders(
    running_bot, fake_slack, roster
):
    put_grades(roster, TEST, "kari@ntnu.no", {"10412": "A", "10413": "B", "10414": "=1+1"})
    put_grades(roster, TEST, "ola@ntnu.no", {"20001": "C"})  # committee 2 is not final
    with session_scope(roster) as session:
        assert approve_own(session, TEST, "kari@ntnu.no", "1").changed
    with session_scope(roster) as session:
        assert approve_final(session, TEST, "1", "kari@ntnu.no").changed
    running_bot.slack.command(KARI, f"export {TEST}", response_url=fake_slack.response_url("g"))
    refused = fake_slack.wait_for_call("response_url", match=lambda a: a["_key"] == "g").params
    assert "is for study consultants" in refused["text"]

    running_bot.slack.command(
        KONSULENT, "eksport TDT4100", response_url=fake_slack.response_url("k")
    )
    fake_slack.wait_for_call("response_url", match=lambda a: a["_key"] == "k")
    (upload,) = fake_slack.uploads_to(KONSULENT)
    assert (upload.filename, upload.channel) == ("TDT4100-2026H final grades.xlsx", f"D{KONSULENT}")
    sheet = openpyxl.load_workbook(io.BytesIO(upload.content)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Candidate ID", "Grade"],
        ["10412", "A"],
        ["10413", "B"],
        ["10414", "=1+1"],
        ["10415", None],
    ]
    assert fake_slack.uploads_to(KARI) == []


def test_cancel_stores_nothing_and_removes_the_buttons(running_bot, fake_slack, roster):
    send_sheet(running_bot, fake_slack, workbook(GOOD_SHEET))
    preview = wait_for_dm(fake_slack, "Grade sheet for")
    upload_id = buttons(preview)["gradesheet_cancel"]
    running_bot.slack.click(
        KARI, "gradesheet_cancel", upload_id, channel_id=DM, message_ts=preview["ts"]
    )
    cancelled = wait_for_dm(fake_slack, "Cancelled. Nothing was stored.")
    assert cancelled["ts"] == preview["ts"] and buttons(cancelled) == {}
    running_bot.slack.click(
        KARI, "gradesheet_apply", upload_id, channel_id=DM, message_ts=preview["ts"]
    )
    wait_for_dm(fake_slack, "This preview was cancelled")
    assert stored(roster) == {}


def test_grades_from_points_are_stored_only_when_chosen(running_bot, fake_slack, roster):
    sheet = [["Kandidatnummer", "Karakter", "Poeng"], [10412, "A", 93], [10413, None, 70]]
    send_sheet(running_bot, fake_slack, workbook(sheet))
    preview = wait_for_dm(fake_slack, "Row 3, candidate 10413: 70 points → `C`")
    choices = buttons(preview)
    running_bot.slack.click(
        KARI,
        "gradesheet_apply_suggested",
        choices["gradesheet_apply_suggested"],
        channel_id=DM,
        message_ts=preview["ts"],
    )
    wait_for_dm(fake_slack, "2 grades updated")
    assert stored(roster) == {"10412": "A", "10413": "C"}


def test_semicolon_csv_with_bom_from_norwegian_excel(running_bot, fake_slack, roster):
    from tests.support.workbooks import csv_bytes

    content = csv_bytes([["Kandidat-ID", "Karakter"], ["10412", "B"]], delimiter=";", bom=True)
    send_sheet(running_bot, fake_slack, content, name="karakterer.csv")
    preview = wait_for_dm(fake_slack, "1 new ·")
    assert "Read from `karakterer.csv`: header on row 1" in str(preview["blocks"])


def test_a_store_error_while_taking_a_sheet_asks_the_grader_to_send_it_again(
    running_bot, fake_slack, roster, monkeypatch
):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    import bot.gradesheets.intake

    def locked(*args, **kwargs):
        raise OperationalError(
            "INSERT INTO grade_upload ...", {}, sqlite3.OperationalError("database is locked")
        )

    monkeypatch.setattr(bot.gradesheets.intake, "record_preview", locked)
    send_sheet(running_bot, fake_slack, workbook(GOOD_SHEET))
    reply = wait_for_dm(fake_slack, "send the file again")
    assert "Nothing was stored" in reply["text"]
    assert uploads(roster) == []


def test_a_grade_sheet_button_with_junk_is_answered_and_changes_nothing(
    running_bot, fake_slack, roster, caplog
):
    send_sheet(running_bot, fake_slack, workbook(GOOD_SHEET))
    wait_for_dm(fake_slack, "Grade sheet for")
    for action_id, value in (("gradesheet_apply", "junk"), ("gradesheet_choose_test:0", "x|A")):
        answer = running_bot.slack.click(KARI, action_id, value, channel_id=DM, message_ts="1.1")
        assert answer.status == 200
    fake_slack.wait_for(
        lambda: len(dm_messages(fake_slack, containing="couldn't read that button")) == 2
    )
    assert [u.status for u in uploads(roster)] == ["preview"]
    assert stored(roster) == {}
    assert not [r for r in caplog.records if r.exc_info]


def test_choosing_a_test_that_is_not_theirs_is_refused_with_their_tests(
    running_bot, fake_slack, roster
):
    add_test(roster, "TMA4100-2026H", opened_for_marking=T0)
    add_membership(roster, "TMA4100-2026H", "kari@ntnu.no", "A")
    add_test(roster, "IT1901-2026H")  # a test Kari does not grade
    send_sheet(running_bot, fake_slack, workbook(GOOD_SHEET), name="mine karakterer.xlsx")
    question = wait_for_dm(fake_slack, "Which test is `mine karakterer.xlsx` for?")
    (upload,) = uploads(roster)
    running_bot.slack.click(
        KARI,
        "gradesheet_choose_test:0",
        f"{upload.id}|IT1901-2026H",
        channel_id=DM,
        message_ts=question["ts"],
    )
    refusal = wait_for_dm(fake_slack, "`IT1901-2026H` is not one of your tests here.")
    assert "Your tests: `TDT4100-2026H`, `TMA4100-2026H`" in refusal["text"]
    (upload,) = uploads(roster)
    assert (upload.status, upload.test_id) == ("needs_test", None)


def test_template_and_export_answer_an_ambiguous_course_code_with_the_tests(
    running_bot, fake_slack, roster
):
    add_test(roster, "TDT4100-2026K", course_code="TDT4100", consultants=("konsulent@ntnu.no",))
    add_membership(roster, "TDT4100-2026K", "kari@ntnu.no", "1")
    ambiguous = "`TDT4100` matches several tests: `TDT4100-2026H`, `TDT4100-2026K`."
    for user, text, key in ((KARI, "template TDT4100", "t"), (KONSULENT, "export TDT4100", "e")):
        running_bot.slack.command(user, text, response_url=fake_slack.response_url(key))
        reply = fake_slack.wait_for_call("response_url", match=lambda a, key=key: a["_key"] == key)
        assert reply.params["text"] == f"{ambiguous} Type the test id."
    # A test id from someone else's tests is refused the same way, naming the person's tests.
    running_bot.slack.command(
        OLA, "template TDT4100-2026K", response_url=fake_slack.response_url("o")
    )
    reply = fake_slack.wait_for_call("response_url", match=lambda a: a["_key"] == "o")
    assert reply.params["text"] == (
        "`TDT4100-2026K` er ikke en av dine prøver her. Dine prøver: `TDT4100-2026H`"
    )
    assert fake_slack.uploads_to(KARI) == [] and fake_slack.uploads_to(KONSULENT) == []
