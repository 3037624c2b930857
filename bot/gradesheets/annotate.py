"""The grader's workbook back, with each bad cell highlighted and a comment saying what is
wrong and how to fix it, ready to correct and send again."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict
from typing import Any

import openpyxl
from defusedxml import DTDForbidden
from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell, WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from bot.gradesheets.reading import CANDIDATE, GradeSheet, count_elements
from bot.gradesheets.texts import problem_text
from bot.gradesheets.validation import RowProblem

AUTHOR = "Sensorbot"
# Up to this many cells in all its sheets, the grader gets their own workbook back marked
# (openpyxl holds it whole: some 0.5 KB a cell); beyond, a streamed copy of the grade sheet.
FULL_COPY_CELLS = 50_000
ERROR_FILL = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")


def annotated_workbook(
    lang: str, content: bytes, sheet: GradeSheet, problems: list[RowProblem]
) -> bytes:
    """An .xlsx: the grader's own workbook (formulas kept), or for a CSV the same cells in
    a workbook, with the problem cells marked."""
    marks = _marks(lang, sheet, problems)
    if sheet.kind == "xlsx" and not workbook_cells_within(content, FULL_COPY_CELLS):
        # Loading every sheet of a larger workbook whole costs far more than reading the
        # grade sheet did (and it may hold far bigger sheets beside it): the copy is the
        # grade sheet's own columns as read, where the grader had them, written as a stream.
        return _streamed_copy(sheet, marks)
    worksheet: Worksheet
    if sheet.kind == "xlsx":
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        found = workbook[sheet.sheet_name or ""]
        if not isinstance(found, Worksheet):  # the reader read a worksheet of this name
            raise ValueError(f"no worksheet {sheet.sheet_name!r} in {sheet.filename!r}")
        worksheet = found
    else:
        workbook, worksheet = _workbook_from_csv(content, sheet.delimiter or ",")
    for coordinate, text in marks.items():
        _mark(worksheet, coordinate, text)
    workbook.active = worksheet
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _marks(lang: str, sheet: GradeSheet, problems: list[RowProblem]) -> dict[str, str]:
    """Coordinate -> the text of every problem in that cell."""
    by_cell: dict[str, list[str]] = defaultdict(list)
    for problem in problems:
        column = problem.column or sheet.column_letter(CANDIDATE)
        by_cell[f"{column}{problem.row}"].append(problem_text(lang, problem))
    return {coordinate: "\n".join(texts) for coordinate, texts in by_cell.items()}


def workbook_cells_within(content: bytes, limit: int) -> bool:
    """Whether all the workbook's XML parts together hold at most `limit` cells, counted
    by streaming through them and stopping at the first cell beyond."""
    left = limit
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for member in archive.infolist():
            if not member.filename.endswith(".xml"):
                continue
            with archive.open(member) as part:
                try:
                    cells = count_elements(part, "c", left)
                except DTDForbidden:
                    return False  # not a part the reader read; a copy is built from rows
            if cells is None:
                return False
            left -= cells
    return True


def _streamed_copy(sheet: GradeSheet, marks: dict[str, str]) -> bytes:
    """A write-only workbook: the header and the grade sheet's columns at their places."""
    lines: dict[int, dict[int, object]] = {
        sheet.header_row: {
            column: sheet.headers.get(role) for role, column in sheet.columns.items()
        }
    }
    for row in sheet.rows:
        values = {column: getattr(row, role) for role, column in sheet.columns.items()}
        lines.setdefault(row.number, {}).update(values)
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet((sheet.sheet_name or "Grades")[:31])
    written = 0
    for number in sorted(lines):
        for _ in range(written, number - 1):
            worksheet.append([])
        values = lines[number]
        worksheet.append(
            [
                _streamed_cell(worksheet, values.get(c), marks, f"{get_column_letter(c)}{number}")
                for c in range(1, max(values) + 1)
            ]
        )
        written = number
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _streamed_cell(
    worksheet: WriteOnlyWorksheet, value: Any, marks: dict[str, str], coordinate: str
) -> Cell:
    cell = WriteOnlyCell(worksheet, value=value)  # a value as openpyxl read it
    text = marks.get(coordinate)
    if text is not None:
        cell.fill = ERROR_FILL
        cell.comment = Comment(text, AUTHOR, width=320, height=120)
    return cell


def _mark(worksheet: Worksheet, coordinate: str, text: str) -> None:
    cell = worksheet[coordinate]
    if isinstance(cell, MergedCell):
        # Only the top-left cell of a merged range holds a value, a fill and a comment.
        for merged in worksheet.merged_cells.ranges:
            if coordinate in merged:
                cell = worksheet.cell(row=merged.min_row, column=merged.min_col)
                break
    cell.fill = ERROR_FILL
    cell.comment = Comment(text, AUTHOR, width=320, height=120)


def _workbook_from_csv(content: bytes, delimiter: str) -> tuple[Workbook, Worksheet]:
    workbook = openpyxl.Workbook()
    worksheet = workbook.worksheets[0]
    text = content.decode("utf-8-sig")
    for number, record in enumerate(
        csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1
    ):
        for column, value in enumerate(record, start=1):
            if value != "":
                # Text stays text: a candidate number or a formula-looking cell is not run.
                worksheet.cell(row=number, column=column).value = value
                worksheet.cell(row=number, column=column).data_type = "s"
    return workbook, worksheet
