"""Grade sheets for a test marked in Inspera, in the store: checked against the roster,
made ready for Inspera, nothing of the grades kept (on SQLite and PostgreSQL)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from sqlalchemy import update
from sqlmodel import col, select

from bot.exams import audit
from bot.gradesheets.applying import apply_upload
from bot.gradesheets.for_inspera import AUDIT_ACTION, check_for_inspera
from bot.gradesheets.intake import take_sheet
from bot.gradesheets.reading import read_grade_sheet
from bot.ui.gradesheets import preview_message
from models.db import session_scope
from models.tables import Grade, GradeUpload, GradingIn
from models.tables import Test as ExamTest
from tests.support.blocks import visible_text
from tests.support.factories import add_candidates, add_grader, add_membership, add_test
from tests.support.workbooks import workbook
from tests.unit.gradesheets.test_gradesheet_store import KARI, TEST, preview


@pytest.fixture
def roster(engine):
    """Kari grades committee 1 of a test whose grades are, for now, set in Sensorbot."""
    add_test(engine, TEST)
    add_grader(engine, KARI)
    add_membership(engine, TEST, KARI, "1")
    add_candidates(engine, TEST, "1", ["10412", "10413", "10414"])
    add_candidates(engine, TEST, "2", ["20001"])
    return engine


def mark_in_inspera(engine) -> None:
    with session_scope(engine) as session:
        session.exec(
            update(ExamTest)
            .where(col(ExamTest.test_id) == TEST)
            .values(grading_in=GradingIn.inspera)
        )


def check(engine, rows, header=("Candidate ID", "Grade", "Points")):
    sheet = read_grade_sheet(workbook([list(header), *rows]), "k.xlsx")
    with session_scope(engine) as session:
        test = session.get(ExamTest, TEST)
        return check_for_inspera(session, test, KARI, sheet)


def stored_nothing(engine) -> bool:
    with session_scope(engine) as session:
        return not session.exec(select(Grade)).all() and not session.exec(select(GradeUpload)).all()


def test_points_without_a_grade_are_left_out_with_the_grade_they_would_give(roster):
    mark_in_inspera(roster)
    checked = check(roster, [[10412, "A", None], [10413, None, 78], [10414, None, None]])

    assert checked.ready is not None
    sheet = openpyxl.load_workbook(io.BytesIO(checked.ready.content)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Candidate ID", "Grade"],
        ["10412", "A"],
    ]
    assert [(c.candidate_id, c.new) for c in checked.ready.from_points] == [("10413", "B")]
    assert (checked.ready.grades, checked.ready.blank) == (1, 1)
    assert stored_nothing(roster)


def test_a_sheet_without_grades_or_with_errors_makes_no_file_and_no_audit_entry(roster):
    mark_in_inspera(roster)
    assert check(roster, [[10412, None, None]]).ready is None
    with_errors = check(roster, [[10412, "A", None], [20001, "B", None]])
    assert with_errors.ready is None
    assert [e.kind for e in with_errors.preview.errors] == ["other_committee"]
    with session_scope(roster) as session:
        assert list(audit.entries(session, test_id=TEST, action=AUDIT_ACTION)) == []
    assert stored_nothing(roster)


def test_take_sheet_checks_a_sheet_for_an_inspera_test_instead_of_recording_a_preview(roster):
    mark_in_inspera(roster)
    sheet = read_grade_sheet(workbook([["Candidate ID", "Grade"], [10412, "C"]]), "k.xlsx")
    with session_scope(roster) as session:
        taken = take_sheet(
            session, grader_email=KARI, slack_user_id="U1", slack_file_id="F1", sheet=sheet
        )
    assert taken.ready is not None and taken.ready.grades == 1
    assert stored_nothing(roster)


def test_a_preview_made_before_the_test_moved_to_inspera_is_not_applied(roster):
    upload_id, _ = preview(roster, [[10412, "A"]])
    mark_in_inspera(roster)

    with session_scope(roster) as session:
        outcome = apply_upload(session, upload_id, KARI)

    assert outcome.status == "marked_in_inspera"
    with session_scope(roster) as session:
        assert session.exec(select(Grade)).all() == []
        assert session.get(GradeUpload, upload_id).status == "preview"


def test_a_sheet_of_points_only_says_there_is_nothing_to_import_and_how_to_fix_it(roster):
    mark_in_inspera(roster)
    checked = check(roster, [[10412, None, 91]])
    assert checked.ready is None
    sheet = read_grade_sheet(workbook([["Candidate ID", "Points"], [10412, 91]]), "k.xlsx")
    fallback, blocks = preview_message("en", checked.test, sheet, checked.preview, None)
    text = visible_text({"text": fallback, "blocks": blocks})
    assert "The sheet sets no grades, so there is nothing to import in Inspera." in text
    assert "Row 2, candidate 10412: 91 points → `A`" in text
    assert "To include them, write the grade in the grade column" in text
    assert "gradesheet_apply" not in text
