"""The workbooks the bot writes: the grader's template, the Inspera export, and the
grader's own workbook returned with its errors marked."""

from __future__ import annotations

import io

import openpyxl
from python_calamine import CalamineWorkbook

from bot.approvals import approve_final, approve_own, final_grades
from bot.gradesheets.annotate import ERROR_FILL, annotated_workbook
from bot.gradesheets.export import export_final_grades, inspera_workbook
from bot.gradesheets.reading import read_grade_sheet
from bot.gradesheets.template import grade_template, template_filename, template_rows
from bot.gradesheets.validation import GraderRoster, RosterCandidate, validate_sheet
from models.db import session_scope
from models.tables import Grade, GradeScale
from models.tables import Test as ExamTest
from tests.e2e.test_cli import run_cli
from tests.support.factories import add_candidates, add_grader, add_membership, add_test
from tests.support.stores import migrated_engine
from tests.support.workbooks import Formula, cell_xml, csv_bytes, excel_workbook, workbook

TEST = "TDT4100-2026H"


def add_grade(engine, candidate, grader, value):
    with session_scope(engine) as session:
        session.add(Grade(test_id=TEST, candidate_id=candidate, grader_email=grader, value=value))


def rows_of(content: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


# -- template -----------------------------------------------------------------------------


def test_template_has_own_submitted_candidates_current_grades_dropdown_and_frozen_header(
    sqlite_engine,
):
    engine = sqlite_engine
    add_test(engine, TEST, grade_scale="passfail")
    add_grader(engine, "kari@ntnu.no")
    add_grader(engine, "ola@ntnu.no")
    add_membership(engine, TEST, "kari@ntnu.no", "1")
    add_membership(engine, TEST, "ola@ntnu.no", "2")
    add_candidates(engine, TEST, "1", ["10413", "9001", "10412"])
    add_candidates(engine, TEST, "1", ["10415"], status="absent")
    add_candidates(engine, TEST, "2", ["20001"])
    add_grade(engine, "10412", "kari@ntnu.no", "Pass")
    with session_scope(engine) as session:
        test = session.get(ExamTest, TEST)
        rows = template_rows(session, test, "kari@ntnu.no")
        content = grade_template("en", test, rows)
    assert rows == [("9001", None), ("10412", "Pass"), ("10413", None)]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Candidate ID", "Grade"],
        ["9001", None],
        ["10412", "Pass"],
        ["10413", None],
    ]
    assert sheet.freeze_panes == "A2"
    (dropdown,) = sheet.data_validations.dataValidation
    assert (dropdown.type, dropdown.formula1) == ("list", '"Pass,NotPass"')
    assert str(dropdown.sqref) == "B2:B4"
    assert "Pass, NotPass" in dropdown.error
    assert template_filename(TEST) == "TDT4100-2026H grades.xlsx"


def test_template_read_back_is_a_valid_sheet():
    test = ExamTest(test_id=TEST, grade_scale=GradeScale.letter)
    content = grade_template("nb", test, [("10412", "B"), ("10413", None)])
    sheet = read_grade_sheet(content, template_filename(TEST))
    roster = GraderRoster(
        TEST,
        GradeScale.letter,
        {c: RosterCandidate(c, "1", "submitted") for c in ("10412", "10413")},
        frozenset({"1"}),
    )
    preview = validate_sheet(sheet, roster, {})
    assert (preview.counts["new"], preview.counts["blank"], preview.errors) == (1, 1, [])
    dropdown = openpyxl.load_workbook(io.BytesIO(content)).active.data_validations.dataValidation[0]
    assert dropdown.formula1 == '"A,B,C,D,E,F"'


# -- export -------------------------------------------------------------------------------


def make_final(engine, committee: str, *graders: str) -> None:
    """Each grader approves their own grading, then the final grades (equal grades agree)."""
    for grader in graders:
        with session_scope(engine) as session:
            assert approve_own(session, TEST, grader, committee).refusal is None
    for grader in graders:
        with session_scope(engine) as session:
            assert approve_final(session, TEST, committee, grader).refusal is None


def test_export_has_the_final_grades_and_absent_candidates_blank(engine):
    add_test(engine, TEST, final_approval="all")
    for grader in ("kari@ntnu.no", "ola@ntnu.no", "per@ntnu.no"):
        add_grader(engine, grader)
    add_membership(engine, TEST, "kari@ntnu.no", "1")
    add_membership(engine, TEST, "ola@ntnu.no", "2")
    add_membership(engine, TEST, "per@ntnu.no", "2")
    add_candidates(engine, TEST, "1", ["10412", "10413"])
    add_candidates(engine, TEST, "1", ["10415"], status="absent")
    add_candidates(engine, TEST, "2", ["20001"])
    add_grade(engine, "10412", "kari@ntnu.no", "B")
    add_grade(engine, "10413", "kari@ntnu.no", "=1+1")
    add_grade(engine, "10415", "kari@ntnu.no", "F")  # given by mistake; absent wins
    add_grade(engine, "20001", "ola@ntnu.no", "A")  # committee 2 is not final: left out
    make_final(engine, "1", "kari@ntnu.no")
    with session_scope(engine) as session:
        assert final_grades(session, TEST) == {"10412": "B", "10413": "=1+1", "10415": None}
        export = export_final_grades(session, TEST)
    assert (export.candidates, export.graded) == (3, 2)
    assert rows_of(export.content) == [
        ["Candidate ID", "Grade"],
        ["10412", "B"],
        ["10413", "=1+1"],
        ["10415", ""],
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert sheet.freeze_panes == "A2"
    assert sheet["B4"].value is None


def test_export_neutralises_formula_like_values():
    content = inspera_workbook(
        {'=HYPERLINK("http://x")': "A", "+47": "B", "-1": None, "@SUM(A1)": "C", "1": "-D"}
    )
    # Read back as Inspera and Excel read it: the same text, in string cells, no formulas.
    read = [row[0] for row in rows_of(content)[1:]]
    assert read == ['=HYPERLINK("http://x")', "+47", "-1", "@SUM(A1)", "1"]
    assert [row[1] for row in rows_of(content)[1:]] == ["A", "B", "", "C", "-D"]
    assert "<f>" not in (cell_xml(content, "A2") or "")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value]
    assert all(cell.data_type == "s" for cell in cells)
    assert sheet["A2"].quotePrefix and not sheet["A6"].quotePrefix


def test_cli_export_writes_inspera_file(tmp_path):
    db = tmp_path / "s.db"
    env = {"DATABASE_URL": f"sqlite:///{db}", "SENSORBOT_DEFAULT_LANGUAGE": "en"}
    engine = migrated_engine(f"sqlite:///{db}")
    add_test(engine, TEST)
    add_grader(engine, "kari@ntnu.no")
    add_membership(engine, TEST, "kari@ntnu.no", "1")
    add_candidates(engine, TEST, "1", ["10412"])
    add_grade(engine, "10412", "kari@ntnu.no", "C")
    make_final(engine, "1", "kari@ntnu.no")
    engine.dispose()
    out = tmp_path / "final.xlsx"
    result = run_cli("export", TEST, str(out), env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 candidate, 1 with a final grade" in result.stdout
    assert rows_of(out.read_bytes()) == [["Candidate ID", "Grade"], ["10412", "C"]]
    unknown = run_cli("export", "NOPE", str(tmp_path / "x.xlsx"), env=env, cwd=tmp_path)
    assert unknown.returncode == 1 and "NOPE" in unknown.stderr
    assert not (tmp_path / "x.xlsx").exists()


# -- annotated workbook -------------------------------------------------------------------


def _roster() -> GraderRoster:
    return GraderRoster(
        TEST,
        GradeScale.letter,
        {c: RosterCandidate(c, "1", "submitted") for c in ("10412", "10413", "10414")},
        frozenset({"1"}),
    )


def test_bad_cells_are_marked_with_a_comment_and_formulas_kept():
    content = excel_workbook(
        [
            ["Karakterer høst 2026"],
            ["Kandidatnummer", "Karakter", "Poeng"],
            [10412, "b", 50],
            [10413, Formula('IF(C4>50,"A","F")'), 60],
            [99999, "A", 70],
            [10414, "C", 120],
        ]
    )
    sheet = read_grade_sheet(content, "k.xlsx")
    preview = validate_sheet(sheet, _roster(), {})
    marked = openpyxl.load_workbook(
        io.BytesIO(annotated_workbook("en", content, sheet, preview.errors))
    )
    cells = marked.active
    flagged = {
        cell.coordinate: cell.comment.text
        for row in cells.iter_rows()
        for cell in row
        if cell.comment is not None
    }
    assert set(flagged) == {"B3", "B4", "A5", "C6"}
    assert "write grades in capitals: B" in flagged["B3"]
    assert "Paste Special" in flagged["B4"]
    assert "no candidate with this number" in flagged["A5"]
    assert "outside 0–100" in flagged["C6"]
    assert cells["B3"].fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
    assert cells["B4"].value == '=IF(C4>50,"A","F")'
    assert cells["A4"].fill.fgColor.rgb != ERROR_FILL.fgColor.rgb


def test_csv_errors_come_back_as_a_marked_workbook():
    content = csv_bytes(
        [["Kandidat-ID", "Karakter"], ["10412", "bestått"], ["10413", "A"]], delimiter=";"
    )
    sheet = read_grade_sheet(content, "k.csv")
    preview = validate_sheet(sheet, _roster(), {})
    marked = openpyxl.load_workbook(
        io.BytesIO(annotated_workbook("nb", content, sheet, preview.errors))
    ).active
    assert [[c.value for c in row] for row in marked.iter_rows()] == [
        ["Kandidat-ID", "Karakter"],
        ["10412", "bestått"],
        ["10413", "A"],
    ]
    assert "A–F" in marked["B2"].comment.text
    assert marked["B3"].comment is None


def test_marked_cell_in_hidden_sheet_workbook_lands_on_the_read_sheet():
    content = workbook(
        [["Candidate ID", "Grade"], [10412, "x"]],
        title="Karakterer",
        extra_sheets={"Skjult": [["a"]]},
        first=["Skjult"],
        hidden=["Skjult"],
    )
    sheet = read_grade_sheet(content, "k.xlsx")
    preview = validate_sheet(sheet, _roster(), {})
    marked = openpyxl.load_workbook(
        io.BytesIO(annotated_workbook("en", content, sheet, preview.errors))
    )
    assert marked["Karakterer"]["B2"].comment is not None
    assert marked["Skjult"]["B2"].comment is None
