"""Grade sheets and approvals together (on SQLite and PostgreSQL): applying feeds the
approvals, approved and final grades are locked, a sheet sets agreed grades while a
committee is aligning, and a grader works only from grades they may see."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.approvals import NoticeKind, approve_final, approve_own
from bot.gradesheets.applying import apply_upload, undo_upload
from bot.gradesheets.grader_view import current_grades
from bot.gradesheets.previews import record_preview
from bot.gradesheets.reading import read_grade_sheet
from bot.gradesheets.reset import reset_grade
from bot.gradesheets.template import template_rows
from bot.gradesheets.uploads import UploadStatus
from models.db import session_scope
from models.tables import AgreedGrade, FinalApprovalVote, Grade, GradeUpload
from models.tables import Test as ExamTest
from tests.support.factories import add_candidates, add_grader, add_membership, add_test, put_grades
from tests.support.workbooks import workbook

TEST = "TDT4100-2026H"
KARI, OLA = "kari@ntnu.no", "ola@ntnu.no"


def two_graders(engine, **settings) -> None:
    """Kari and Ola grade committee 1 (101–103; 104 absent)."""
    add_test(engine, TEST, **settings)
    add_grader(engine, KARI, name="Kari Nordmann")
    add_grader(engine, OLA, name="Ola Hansen")
    add_membership(engine, TEST, KARI, "1")
    add_membership(engine, TEST, OLA, "1")
    add_candidates(engine, TEST, "1", ["101", "102", "103"])
    add_candidates(engine, TEST, "1", ["104"], status="absent")


@pytest.fixture
def private(engine):
    two_graders(engine, final_approval="all")
    return engine


@pytest.fixture
def shared(engine):
    two_graders(engine, marking_mode="shared", final_approval="all")
    return engine


def act(engine, operation, *args, **kwargs):
    with session_scope(engine) as session:
        return operation(session, *args, **kwargs)


def preview(engine, grader, rows):
    sheet = read_grade_sheet(workbook([["Candidate ID", "Grade"], *rows]), "k.xlsx")
    with session_scope(engine) as session:
        result = record_preview(
            session,
            grader_email=grader,
            slack_user_id="U1",
            slack_file_id=None,
            test=session.get(ExamTest, TEST),
            sheet=sheet,
        )
    return result.upload.id, result.preview


def grades_of(engine, grader) -> dict[str, str | None]:
    with session_scope(engine) as session:
        rows = session.exec(select(Grade).where(Grade.grader_email == grader)).all()
        return {row.candidate_id: row.value for row in rows}


def kinds(outcome) -> list[tuple[str, str]]:
    return sorted((n.recipient, n.kind) for n in outcome.approvals.notices)


# -- applying feeds the approvals ------------------------------------------------------------


def test_completing_by_sheet_prompts_own_approval_once(private):
    upload_id, _ = preview(private, KARI, [[101, "A"], [102, "B"]])
    partial = act(private, apply_upload, upload_id, KARI)
    assert partial.complete_committees == [] and partial.approvals.notices == []
    upload_id, _ = preview(private, KARI, [[103, "C"]])
    complete = act(private, apply_upload, upload_id, KARI)
    assert complete.complete_committees == ["1"]
    assert kinds(complete) == [(KARI, NoticeKind.own_prompt)]
    # Undoing makes the grading incomplete again: the posted prompt is refreshed, not resent.
    undone = act(private, undo_upload, upload_id, KARI)
    assert undone.status == "undone" and undone.approvals.notices == []
    assert undone.approvals.prompt_updates


def test_shared_marking_change_after_final_approval_withdraws_it(shared):
    upload_id, _ = preview(shared, KARI, [[101, "A"], [102, "B"], [103, "C"]])
    applied = act(shared, apply_upload, upload_id, KARI)
    assert kinds(applied) == [(KARI, NoticeKind.final_prompt), (OLA, NoticeKind.final_prompt)]
    assert act(shared, approve_final, TEST, "1", OLA).changed
    upload_id, _ = preview(shared, KARI, [[103, "D"]])
    changed = act(shared, apply_upload, upload_id, KARI)
    assert (OLA, NoticeKind.final_approval_withdrawn) in kinds(changed)
    with session_scope(shared) as session:
        assert session.exec(select(FinalApprovalVote)).all() == []


def test_resetting_one_candidate_tells_the_approvals(shared):
    put_grades(shared, TEST, OLA, {"101": "A", "102": "B", "103": "C"})
    assert act(shared, approve_final, TEST, "1", OLA).changed
    result = act(shared, reset_grade, TEST, KARI, "103")
    assert (result.status, result.old) == ("reset", "C")
    assert (OLA, NoticeKind.final_approval_withdrawn) in kinds(result)


# -- locked grades ---------------------------------------------------------------------------


def test_after_own_approval_a_sheet_changing_grades_is_refused_and_stores_nothing(private):
    put_grades(private, TEST, KARI, {"101": "A", "102": "B", "103": "C"})
    assert act(private, approve_own, TEST, KARI, "1").changed
    upload_id, shown = preview(private, KARI, [[101, "A"], [102, "D"]])
    assert shown.locked == {"1": "own_approval"} and not shown.appliable
    ((problem),) = shown.errors
    assert (problem.row, problem.candidate, problem.kind) == (3, "102", "locked")
    assert problem.fix_key == "approvals.locked.own_approval"
    assert shown.unchanged == 1  # repeating a grade as it stands is no change
    assert act(private, apply_upload, upload_id, KARI).status == "has_errors"
    assert act(private, reset_grade, TEST, KARI, "101").status == "locked"
    assert grades_of(private, KARI) == {"101": "A", "102": "B", "103": "C"}


def test_a_preview_made_before_approving_is_refused_at_apply(private):
    put_grades(private, TEST, KARI, {"101": "A", "102": "B", "103": "C"})
    upload_id, shown = preview(private, KARI, [[102, "D"]])
    assert shown.appliable
    assert act(private, approve_own, TEST, KARI, "1").changed
    outcome = act(private, apply_upload, upload_id, KARI)
    assert (outcome.status, outcome.candidates) == ("locked", ["102"])
    with session_scope(private) as session:
        assert session.get(GradeUpload, upload_id).status == UploadStatus.preview
    assert grades_of(private, KARI)["102"] == "B"


def test_undo_after_approving_is_refused(private):
    upload_id, _ = preview(private, KARI, [[101, "A"], [102, "B"], [103, "C"]])
    act(private, apply_upload, upload_id, KARI)
    assert act(private, approve_own, TEST, KARI, "1").changed
    outcome = act(private, undo_upload, upload_id, KARI)
    assert (outcome.status, outcome.candidates) == ("locked", ["101", "102", "103"])
    assert grades_of(private, KARI) == {"101": "A", "102": "B", "103": "C"}


def test_final_committee_is_locked_in_shared_marking(shared):
    put_grades(shared, TEST, KARI, {"101": "A", "102": "B", "103": "C"})
    for grader in (KARI, OLA):
        act(shared, approve_final, TEST, "1", grader)
    _, shown = preview(shared, OLA, [[103, "F"]])
    assert shown.locked == {"1": "final"} and shown.errors[0].kind == "locked"


# -- a sheet of agreed grades ------------------------------------------------------------------


def aligning(engine) -> None:
    """Both approved; they differ on 103 (Kari E, Ola C)."""
    put_grades(engine, TEST, KARI, {"101": "A", "102": "B", "103": "E"})
    put_grades(engine, TEST, OLA, {"101": "A", "102": "B", "103": "C"})
    assert act(engine, approve_own, TEST, KARI, "1").changed
    assert act(engine, approve_own, TEST, OLA, "1").changed


def test_sheet_in_aligning_phase_sets_agreed_grades_and_tells_co_graders(private):
    aligning(private)
    upload_id, shown = preview(private, KARI, [[101, "A"], [102, "B"], [103, "D"]])
    assert shown.agreeing == ("1",) and shown.errors == []
    assert [(c.candidate_id, c.old, c.new) for c in shown.new] == [("103", None, "D")]
    assert shown.unchanged == 2  # equal grades are agreed already
    outcome = act(private, apply_upload, upload_id, KARI)
    assert (outcome.status, outcome.updated, outcome.committees) == ("agreed_applied", 1, ["1"])
    assert (OLA, NoticeKind.agreed_grades_set) in kinds(outcome)
    assert (KARI, NoticeKind.final_prompt) in kinds(outcome)
    (told,) = [n for n in outcome.approvals.notices if n.kind == NoticeKind.agreed_grades_set]
    assert told.params["by"]["name"] == "Kari Nordmann" and told.params["changes"] == (
        ("103", None, "D"),
    )
    with session_scope(private) as session:
        agreed = session.exec(select(AgreedGrade).where(AgreedGrade.candidate_id == "103")).one()
        assert (agreed.value, agreed.source, agreed.set_by) == ("D", "sheet", KARI)
    assert grades_of(private, KARI)["103"] == "E"  # own grades stay as approved
    assert act(private, undo_upload, upload_id, KARI).status == "agreed_no_undo"


def test_sheet_of_agreed_grades_is_validated_like_any_sheet(private):
    aligning(private)
    upload_id, shown = preview(private, KARI, [[103, "d"], [999, "A"]])
    assert shown.agreeing == ("1",)
    assert [(e.candidate, e.kind) for e in shown.errors] == [
        ("103", "letter_case"),
        ("999", "unknown_candidate"),
    ]
    assert act(private, apply_upload, upload_id, KARI).status == "has_errors"
    with session_scope(private) as session:
        assert session.exec(select(AgreedGrade).where(AgreedGrade.source == "sheet")).all() == []


# -- privacy ---------------------------------------------------------------------------------


def test_private_marking_grader_never_works_from_a_co_graders_unapproved_grades(private):
    put_grades(private, TEST, OLA, {"101": "C", "102": "D"})
    with session_scope(private) as session:
        test = session.get(ExamTest, TEST)
        assert current_grades(session, test, KARI) == {}
        assert template_rows(session, test, KARI) == [("101", None), ("102", None), ("103", None)]
    _, shown = preview(private, KARI, [[101, "A"]])
    assert [(c.candidate_id, c.old) for c in shown.new] == [("101", None)]


def test_shared_marking_graders_work_from_the_committees_grades(shared):
    put_grades(shared, TEST, OLA, {"101": "C", "102": "D"})
    with session_scope(shared) as session:
        test = session.get(ExamTest, TEST)
        assert template_rows(session, test, KARI) == [("101", "C"), ("102", "D"), ("103", None)]
    _, shown = preview(shared, KARI, [[101, "A"]])
    assert [(c.candidate_id, c.old, c.new) for c in shown.changed] == [("101", "C", "A")]


def test_locking_grades_queues_an_update_of_each_applied_sheets_confirmation(private):
    from bot.approvals.delivery import enqueue_outcome
    from models.tables import GradeUpload, OutboxEntry

    put_grades(private, TEST, KARI, {"101": "A", "102": "B", "103": "E"})
    with session_scope(private) as session:
        posted = GradeUpload(
            test_id=TEST, grader_email=KARI, slack_user_id="UKARI", filename="k.xlsx",
            status="applied", message_channel="DUKARI", message_ts="1.2",
        )  # fmt: skip
        never_posted = GradeUpload(
            test_id=TEST, grader_email=KARI, slack_user_id="UKARI", filename="j.xlsx",
            status="applied",
        )  # fmt: skip
        session.add_all([posted, never_posted])
    with session_scope(private) as session:
        outcome = approve_own(session, TEST, KARI, "1")
        keys = enqueue_outcome(session, outcome)
    with session_scope(private) as session:
        posted_id = session.exec(
            select(GradeUpload.id).where(GradeUpload.filename == "k.xlsx")
        ).one()
        updates = session.exec(
            select(OutboxEntry.key).where(OutboxEntry.kind == "gradesheet_update")
        ).all()
    assert updates == [f"gradesheet_update:{posted_id}"] and updates[0] in keys
