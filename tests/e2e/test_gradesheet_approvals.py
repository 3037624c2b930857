"""Grade sheets feeding the approvals, end to end: sheets sent to the bot as Slack sends
them, buttons pressed over real HTTP, every message recorded by the fake Slack.

Kari (Norwegian) and Ola (English) grade candidates 101–103 of committee 1; 104 was absent.
Kari's grades are A, B, E and Ola's C, D, C: every candidate differs, so a letter in front
of one grader tells whose grade it is.
"""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from sqlmodel import select

from models.db import session_scope
from models.tables import AgreedGrade, Grade
from tests.e2e.test_approvals import a_grade, reaches
from tests.e2e.test_gradesheets import buttons, dm_messages, send_sheet, submit_reset
from tests.support.factories import T0, choose_language
from tests.support.workbooks import workbook
from tests.unit.approvals.test_gradesheet_approvals import aligning, two_graders

TEST = "TDT4100-2026H"
KARI, OLA = "UKARI", "UOLA"
KARI_EMAIL, OLA_EMAIL = "kari@ntnu.no", "ola@ntnu.no"
KARIS = {"101": "A", "102": "B", "103": "E"}
OLAS = {"101": "C", "102": "D", "103": "C"}


def committee_of_two(running_bot, fake_slack, **settings):
    two_graders(running_bot.runtime.engine, opened_for_marking=T0, final_approval="all", **settings)
    fake_slack.add_user(KARI, email=KARI_EMAIL, locale="nb-NO", name="Kari")
    fake_slack.add_user(OLA, email=OLA_EMAIL, locale="en-GB", name="Ola")
    choose_language(running_bot.runtime.engine, OLA, "en")
    return running_bot


@pytest.fixture
def private(running_bot, fake_slack):
    return committee_of_two(running_bot, fake_slack)


@pytest.fixture
def shared(running_bot, fake_slack):
    return committee_of_two(running_bot, fake_slack, marking_mode="shared")


def sheet(grades: dict[str, str]) -> bytes:
    return workbook([["Candidate ID", "Grade"], *([int(c), g] for c, g in grades.items())])


def latest_dm(fake_slack, user: str, containing: str, *, also: str = "") -> dict:
    """The latest DM to `user`, as it stands now, showing `containing` (and `also`)."""
    return fake_slack.wait_for(
        lambda: [
            m
            for m in dm_messages(fake_slack, user, containing)
            if also in json.dumps(m, ensure_ascii=False)
        ],
        description=containing,
    )[-1]


def upload_and_preview(bot, fake_slack, user: str, grades: dict[str, str], file_id: str) -> dict:
    send_sheet(bot, fake_slack, sheet(grades), user=user, file_id=file_id, name=f"{file_id}.xlsx")
    return fake_slack.wait_for(
        lambda: [
            m
            for m in dm_messages(fake_slack, user)
            if f"{file_id}.xlsx" in json.dumps(m.get("blocks") or [])
        ],
        description=f"the preview of {file_id}",
    )[-1]


def press(bot, user: str, message: dict, action_id: str) -> None:
    value = buttons(message)[action_id]
    answer = bot.slack.click(
        user, action_id, value, channel_id=message["channel"], message_ts=message["ts"]
    )
    assert answer.status == 200


def apply(bot, fake_slack, user: str, grades: dict[str, str], file_id: str, done: str) -> dict:
    preview = upload_and_preview(bot, fake_slack, user, grades, file_id)
    press(bot, user, preview, "gradesheet_apply")
    return latest_dm(fake_slack, user, done)


def template_rows(bot, fake_slack, user: str) -> list[list]:
    before = len(fake_slack.uploads_to(user))
    bot.slack.command(user, "template", response_url=fake_slack.response_url(f"t{user}"))
    upload = fake_slack.wait_for(lambda: fake_slack.uploads_to(user)[before:])[0]
    rows = openpyxl.load_workbook(io.BytesIO(upload.content)).active.iter_rows()
    return [[cell.value for cell in row] for row in rows]


def everything_to(fake_slack, user: str) -> str:
    return "\n".join(
        json.dumps(r.params, ensure_ascii=False)
        for r in fake_slack.requests
        if (reached := reaches(r)) and reached[0] == user
    )


def stored(bot, grader: str) -> dict[str, str | None]:
    with session_scope(bot.runtime.engine) as session:
        rows = session.exec(select(Grade).where(Grade.grader_email == grader)).all()
        return {row.candidate_id: row.value for row in rows}


# -- private marking ---------------------------------------------------------------------------


def test_sheets_prompt_approval_keep_grades_private_and_lock_approved_grades(private, fake_slack):
    bot = private
    apply(bot, fake_slack, OLA, OLAS, "FOLA", "3 grades updated")
    ola_prompt = latest_dm(fake_slack, OLA, "Approve your grading: TDT4100-2026H")
    assert "2 C and 1 D" in json.dumps(ola_prompt["blocks"], ensure_ascii=False)

    # Ola has not approved: Kari's template and preview show none of Ola's grades.
    assert template_rows(bot, fake_slack, KARI) == [
        ["Candidate ID", "Grade"],
        ["101", None],
        ["102", None],
        ["103", None],
    ]
    preview = upload_and_preview(bot, fake_slack, KARI, KARIS, "FKARI")
    assert "3 nye · 0 endret" in json.dumps(preview["blocks"], ensure_ascii=False)
    press(bot, KARI, preview, "gradesheet_apply")
    confirmation = latest_dm(fake_slack, KARI, "3 karakterer oppdatert")
    where = {"channel_id": confirmation["channel"], "message_ts": confirmation["ts"]}
    reset_value = buttons(confirmation)["gradesheet_reset_open"]
    # It says where the grades go, in one line.
    assert "Karakterene samles her i Sensorbot og er ikke i Inspera ennå" in json.dumps(
        confirmation, ensure_ascii=False
    )
    assert "Sensuren din av kommisjon 1 er komplett" in confirmation["text"]
    kari_prompt = latest_dm(fake_slack, KARI, "Godkjenn egen sensur: TDT4100-2026H")
    for grade in ("C", "D"):
        assert not a_grade(f"`{grade}`").search(everything_to(fake_slack, KARI))
        assert not a_grade(f"{grade}: ").search(everything_to(fake_slack, KARI))

    # Kari approves; a new sheet changing her grades is refused, naming the lock.
    press(bot, KARI, kari_prompt, "approvals.approve_own")
    latest_dm(fake_slack, KARI, "Godkjenn egen sensur", also="Karakterene dine er låst")
    refused = upload_and_preview(bot, fake_slack, KARI, {"101": "A", "102": "F"}, "FKARI2")
    shown = json.dumps(refused["blocks"], ensure_ascii=False)
    assert "Du har godkjent egen sensur i kommisjon 1, så karakterene dine der er låst" in shown
    assert "Rad 3, kandidat 102: `F` ville endre en låst karakter i kommisjon 1" in shown
    assert "gradesheet_apply" not in buttons(refused)
    assert stored(bot, KARI_EMAIL) == KARIS

    # Her approval took Undo and Reset off the sheet's confirmation, in place.
    locked = fake_slack.wait_for(
        lambda: [
            m
            for m in dm_messages(fake_slack, KARI, "3 karakterer oppdatert")
            if m["ts"] == where["message_ts"]
            and "Karakterene er låst nå" in json.dumps(m, ensure_ascii=False)
        ],
        description="the confirmation shown as locked",
    )[-1]
    assert buttons(locked) == {}
    # A Reset from before (a stale client) is refused the same way; no modal opens.
    assert bot.slack.click(KARI, "gradesheet_reset_open", reset_value, **where).status == 200
    fake_slack.wait_for(
        lambda: [m for m in dm_messages(fake_slack, KARI) if m["text"].startswith("🔒")],
        description="told the grades are locked",
    )
    assert not [r for r in fake_slack.requests if r.method == "views.open"]
    answer = submit_reset(bot, KARI, reset_value, "103")
    assert answer.json()["response_action"] == "errors"
    assert "karakterene dine der er låst" in answer.json()["errors"]["candidate"]
    assert stored(bot, KARI_EMAIL) == KARIS


def test_sheet_of_agreed_grades_sets_them_and_tells_the_co_grader(private, fake_slack):
    bot = private
    engine = bot.runtime.engine
    aligning(engine)

    # Aligning: the template holds the agreed grades, blank where the graders differ.
    assert template_rows(bot, fake_slack, KARI)[1:] == [["101", "A"], ["102", "B"], ["103", None]]
    preview = upload_and_preview(
        bot, fake_slack, KARI, {"101": "A", "102": "B", "103": "D"}, "FAGREED"
    )
    shown = json.dumps(preview["blocks"], ensure_ascii=False)
    assert "Omforente karakterer for TDT4100-2026H, kommisjon 1" in shown
    assert "så dette arket setter kommisjonens *omforente* karakterer" in shown
    assert "1 ny · 0 endret · 2 uendret" in shown
    press(bot, KARI, preview, "gradesheet_apply")
    latest_dm(fake_slack, KARI, "✅ 1 omforent karakter satt for TDT4100-2026H, kommisjon 1")
    told = latest_dm(fake_slack, OLA, "Kari Nordmann set the agreed grade in committee 1")
    assert "103" in told["text"] and a_grade("D").search(told["text"])
    latest_dm(fake_slack, OLA, "Approve the final grades: TDT4100-2026H")
    latest_dm(fake_slack, KARI, "Godkjenn felles sensur: TDT4100-2026H")
    with session_scope(engine) as session:
        agreed = session.exec(select(AgreedGrade).where(AgreedGrade.candidate_id == "103")).one()
        assert (agreed.value, agreed.source, agreed.set_by) == ("D", "sheet", KARI_EMAIL)
    assert stored(bot, KARI_EMAIL)["103"] == "E"


def test_sheet_of_agreed_grades_with_errors_sets_nothing(private, fake_slack):
    bot = private
    engine = bot.runtime.engine
    aligning(engine)
    preview = upload_and_preview(bot, fake_slack, OLA, {"103": "d", "104": "D"}, "FBAD")
    shown = json.dumps(preview["blocks"], ensure_ascii=False)
    assert "Agreed grades for TDT4100-2026H, committee 1" in shown
    assert "Row 2, candidate 103: `d` is in lower case" in shown
    assert "Row 3, candidate 104: the candidate did not attend or submit" in shown
    assert "gradesheet_apply" not in buttons(preview)
    with session_scope(engine) as session:
        assert (
            session.exec(select(AgreedGrade).where(AgreedGrade.candidate_id == "103")).all() == []
        )


# -- shared marking ----------------------------------------------------------------------------


def test_shared_marking_complete_sheet_prompts_final_and_a_later_change_withdraws(
    shared, fake_slack
):
    bot = shared
    apply(bot, fake_slack, KARI, KARIS, "FKARI", "3 karakterer oppdatert")
    ola_final = latest_dm(fake_slack, OLA, "Approve the final grades: TDT4100-2026H")
    # Shared marking: the prompt says plainly that the grades are everyone's, and locked.
    assert (
        "Shared marking: the grades belong to the whole committee. When the last grader "
        "approves, every grade is final and locked – those Kari Nordmann set included."
    ) in json.dumps(ola_final["blocks"], ensure_ascii=False)
    latest_dm(fake_slack, KARI, "Godkjenn felles sensur: TDT4100-2026H")
    # Everyone on the committee sees the committee's current grades.
    assert template_rows(bot, fake_slack, OLA)[1:] == [["101", "A"], ["102", "B"], ["103", "E"]]

    press(bot, OLA, ola_final, "approvals.approve_final")
    latest_dm(fake_slack, OLA, "Approve the final grades", also="Approved by you")
    apply(bot, fake_slack, KARI, {"103": "D"}, "FKARI2", "1 karakter oppdatert")
    latest_dm(fake_slack, OLA, "Kari Nordmann changed grades in committee 1 (TDT4100-2026H)")
    preview = upload_and_preview(bot, fake_slack, OLA, {"103": "C"}, "FOLA")
    assert "`D` → `C`" in json.dumps(preview["blocks"], ensure_ascii=False)
