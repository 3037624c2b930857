"""An empty roster workbook: the seven sheets of SPEC §9.4 with their headers on row 1,
after an instructions sheet in Norwegian or English."""

from __future__ import annotations

from os import PathLike

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from bot.i18n import t
from bot.roster.reader import SHEETS
from models.tables import (
    CandidateStatus,
    CommitteePurpose,
    FinalApproval,
    GraderKind,
    GradeScale,
    GradingIn,
    MarkingMode,
    OwnApproval,
)

TEMPLATE_ROWS = 5000  # how far down the dropdowns reach

_CHOICES = {
    ("Tests", "grade_scale"): GradeScale,
    ("Tests", "marking_mode"): MarkingMode,
    ("Tests", "own_approval"): OwnApproval,
    ("Tests", "final_approval"): FinalApproval,
    ("Tests", "grading_in"): GradingIn,
    ("Graders", "kind"): GraderKind,
    ("Committees", "purpose"): CommitteePurpose,
    ("Candidates", "status"): CandidateStatus,
}

# The instructions sheet's opening lines, in order (catalog keys).
_GENERAL = tuple(
    f"roster.template.general.{name}"
    for name in ("purpose", "headers", "english_names", "dates", "yes_no", "reimport", "rejected")
)
_HEADER = tuple(
    f"roster.template.header.{name}" for name in ("sheet", "column", "required", "meaning")
)


def column_meaning_key(sheet: str, column: str) -> str:
    """The catalog key saying what goes in `column` of the roster sheet `sheet`."""
    return f"roster.column.{sheet.lower()}.{column}"


def write_roster_template(path: str | PathLike[str], lang: str) -> None:
    """Write an empty roster workbook to `path`, its instructions sheet in `lang`.

    The data sheets' names and headers are the contract's (SPEC §9.4) in every language."""
    workbook = Workbook()
    _instructions(workbook.active, lang)
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


def _instructions(sheet, lang: str) -> None:
    sheet.title = t(lang, "roster.template.sheet_title")
    for key in _GENERAL:
        sheet.append([t(lang, key)])
    sheet.append([])
    sheet.append([t(lang, key) for key in _HEADER])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for spec in SHEETS:
        for column in spec.columns:
            required = t(lang, "roster.template.yes" if column.required else "roster.template.no")
            if not spec.required:
                required = t(lang, "roster.template.in_optional_sheet", answer=required)
            meaning = t(lang, column_meaning_key(spec.name, column.name))
            sheet.append([spec.name, column.name, required, meaning])
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
