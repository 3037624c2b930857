"""An empty roster workbook: the five sheets of SPEC §9.4 with their headers on row 1."""

from __future__ import annotations

from os import PathLike

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from bot.roster.reader import SHEETS
from models.tables import (
    CandidateStatus,
    FinalApproval,
    GraderKind,
    GradeScale,
    MarkingMode,
    OwnApproval,
)

INSTRUCTIONS_SHEET = "Instructions"
TEMPLATE_ROWS = 5000  # how far down the dropdowns reach

_CHOICES = {
    ("Tests", "grade_scale"): GradeScale,
    ("Tests", "marking_mode"): MarkingMode,
    ("Tests", "own_approval"): OwnApproval,
    ("Tests", "final_approval"): FinalApproval,
    ("Graders", "kind"): GraderKind,
    ("Candidates", "status"): CandidateStatus,
}

_GENERAL = (
    "Sensorbot roster workbook. Fill in the sheets Tests, Graders, Committees and "
    "Candidates (Departments is optional), then run: sensorbot import FILE.xlsx",
    "Row 1 of each sheet holds the column names; do not change them. Extra columns are "
    "ignored. Blank rows are skipped.",
    "Dates: an Excel date cell, or text like 2026-12-10 09:00, in the university's time zone.",
    "Yes/no cells accept yes/no, ja/nei, true/false, 1/0.",
    "Re-importing updates by key. For every test listed in Committees (or Candidates), that "
    "sheet is the whole list: rows left out are removed.",
    "A workbook with any problem is rejected whole, with every problem listed; nothing is "
    "stored until all are fixed.",
)


def write_roster_template(path: str | PathLike[str]) -> None:
    """Write an empty roster workbook to `path`."""
    workbook = Workbook()
    _instructions(workbook.active)
    bold = Font(bold=True)
    for spec in SHEETS:
        sheet = workbook.create_sheet(spec.name)
        sheet.append([column.name for column in spec.columns])
        for index, column in enumerate(spec.columns, start=1):
            sheet.cell(row=1, column=index).font = bold
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(14, len(column.name) + 4)
            choices = _CHOICES.get((spec.name, column.name))
            if choices is not None:
                _dropdown(sheet, letter, [member.value for member in choices])
        sheet.freeze_panes = "A2"
    workbook.save(path)


def _instructions(sheet) -> None:
    sheet.title = INSTRUCTIONS_SHEET
    for line in _GENERAL:
        sheet.append([line])
    sheet.append([])
    sheet.append(["sheet", "column", "required", "meaning"])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for spec in SHEETS:
        for column in spec.columns:
            required = "yes" if column.required else "no"
            if not spec.required:
                required += " (optional sheet)"
            sheet.append([spec.name, column.name, required, column.meaning])
    for letter, width in (("A", 14), ("B", 28), ("C", 22), ("D", 60)):
        sheet.column_dimensions[letter].width = width


def _dropdown(sheet, letter: str, values: list[str]) -> None:
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=False,
    )
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
