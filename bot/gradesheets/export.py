"""Final grades in Inspera's two-column format (SPEC §2.4, §9.1 `sensorbot export`): the one
workbook builder for `sensorbot export`, `/sensur export` and the consultants' file when a
test is graded, and for the complaint export (`--complaints`, `/sensur export TEST klage`).
The grades come from the approvals (`bot.approvals.final_grades`) and the complaints."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, WriteOnlyCell
from sqlmodel import Session

from bot.approvals import final_grades
from bot.approvals.state import candidate_order
from bot.complaints.hold import final_complaint_grades

INSPERA_HEADERS = ("Candidate ID", "Grade")
# A spreadsheet treats text starting with these as a formula (or DDE command).
_FORMULA_STARTS = ("=", "+", "-", "@")


def file_stem(test_id: str) -> str:
    """A test id made safe for a file name; the sheet's name keeps naming its test."""
    return re.sub(r"[^\w.\-]+", "_", test_id)


def export_filename(test_id: str) -> str:
    return f"{file_stem(test_id)} final grades.xlsx"


def final_list_filename(test_id: str, committee: str) -> str:
    """The grades a committee is asked to approve as final (its graders' file)."""
    return f"{file_stem(test_id)} committee {file_stem(committee)} grades to approve.xlsx"


@dataclass(frozen=True)
class InsperaExport:
    content: bytes
    candidates: int
    graded: int


def export_final_grades(session: Session, test_id: str) -> InsperaExport:
    """The test's final grades as an Inspera import workbook: every candidate of a final
    committee with the agreed grade, and every absent candidate blank."""
    grades = final_grades(session, test_id)
    return InsperaExport(
        content=inspera_workbook(grades),
        candidates=len(grades),
        graded=sum(1 for grade in grades.values() if grade),
    )


def complaints_filename(test_id: str) -> str:
    return f"{file_stem(test_id)} complaint grades.xlsx"


def export_complaint_grades(session: Session, test_id: str) -> InsperaExport | None:
    """The final complaint grades, apart from the ordinary export, in the same format: only
    the complaints that are final. None when none is final yet."""
    grades = final_complaint_grades(session, test_id)
    if not grades:
        return None
    ordered: dict[str, str | None] = {c: grades[c] for c in sorted(grades, key=candidate_order)}
    return InsperaExport(inspera_workbook(ordered), candidates=len(ordered), graded=len(ordered))


def inspera_workbook(grades: Mapping[str, str | None]) -> bytes:
    """`Candidate ID`, `Grade`, one row per candidate in the given order; every value
    written as text (formula-like text too, unchanged), a blank grade left empty (Inspera's
    import leaves such a candidate alone)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Grades")
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 10
    sheet.append(list(INSPERA_HEADERS))
    for candidate_id, grade in grades.items():
        sheet.append(
            [as_text(WriteOnlyCell(sheet), candidate_id), as_text(WriteOnlyCell(sheet), grade)]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_text(cell: Cell, value: str | None) -> Cell:
    """`cell` holding `value` as a string cell, never a formula: text that a spreadsheet
    would run (`=`, `+`, `-`, `@` first) is stored as it is, as text with Excel's quote
    prefix, so it reads back unchanged (an apostrophe in the value would become part of a
    candidate id)."""
    cell.value = value
    if value and value.lstrip().startswith(_FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell
