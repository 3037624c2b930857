"""Final grades as an Inspera import workbook: `Candidate ID`, `Grade` (SPEC §2.4, §9.1)."""

from __future__ import annotations

import io
from collections.abc import Mapping

from openpyxl import Workbook

HEADERS = ("Candidate ID", "Grade")
_FORMULA_STARTS = ("=", "+", "-", "@")


def neutralised(value: str) -> str:
    """A text a spreadsheet will not run as a formula (a leading quote, as OWASP advises)."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def inspera_workbook(grades: Mapping[str, str | None]) -> bytes:
    """An .xlsx with one row per candidate; a candidate without a final grade (absent)
    gets an empty grade cell, which Inspera's import leaves alone."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Grades"
    sheet.append(HEADERS)
    for candidate, grade in grades.items():
        sheet.append([neutralised(candidate), None if grade is None else neutralised(grade)])
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 10
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(test_id: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in test_id)
    return f"{safe}-final-grades.xlsx"
