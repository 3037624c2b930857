"""A grade sheet template for one grader: their candidates, current grades, a dropdown."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlmodel import Session, col, select

from bot.gradesheets.applying import candidate_sort_key
from bot.gradesheets.destination import GradesGoTo, where_grades_go
from bot.gradesheets.export import INSPERA_HEADERS, as_text, file_stem
from bot.gradesheets.grader_view import grader_committees, sheet_grades
from bot.gradesheets.scale import valid_grades
from bot.i18n import t
from models.tables import Candidate, CandidateStatus, Test


def template_rows(session: Session, test: Test, grader_email: str) -> list[tuple[str, str | None]]:
    """The grader's own committees' candidates who submitted, with the grades a sheet from
    them is compared with: what they may see (`bot.approvals.privacy`), and the agreed grades
    of a committee agreeing grades now. A test marked in Inspera has its grades there, and
    none here: its template holds the candidates without grades."""
    committees = grader_committees(session, test.test_id, grader_email)
    candidates = session.exec(
        select(Candidate.candidate_id).where(
            Candidate.test_id == test.test_id,
            col(Candidate.committee).in_(committees),
            Candidate.status == CandidateStatus.submitted,
        )
    ).all()
    if where_grades_go(test) == GradesGoTo.inspera:
        return [(c, None) for c in sorted(candidates, key=candidate_sort_key)]
    grades = sheet_grades(session, test, grader_email).current
    return [
        (c, grades[c].value if c in grades else None)
        for c in sorted(candidates, key=candidate_sort_key)
    ]


def template_filename(test_id: str) -> str:
    """Names the test, so that the sheet sent back is matched to it by its name."""
    return f"{file_stem(test_id)} grades.xlsx"


def grade_template(lang: str, test: Test, rows: list[tuple[str, str | None]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet), "a new workbook starts with one worksheet"
    sheet.title = "Grades"
    sheet.append(list(INSPERA_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, (candidate_id, grade) in enumerate(rows, start=2):
        id_cell = sheet.cell(row=number, column=1)
        assert isinstance(id_cell, Cell)  # a new sheet has no merged cells
        as_text(id_cell, candidate_id)
        id_cell.number_format = "@"  # candidate numbers stay text, never 10412.0
        sheet.cell(row=number, column=2, value=grade)
    grades = valid_grades(test.grade_scale)
    dropdown = DataValidation(
        type="list",
        formula1='"' + ",".join(grades) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=t(lang, "gradesheet.template.dropdown_title"),
        error=t(lang, "gradesheet.template.dropdown_error", grades=", ".join(grades)),
    )
    sheet.add_data_validation(dropdown)
    dropdown.add(f"B2:B{max(len(rows), 1) + 1}")
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 10
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
