"""The grader's workbook back, with each bad cell highlighted and a comment saying what is
wrong and how to fix it, ready to correct and send again."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from bot.gradesheets.reading import CANDIDATE, GradeSheet
from bot.gradesheets.texts import problem_text
from bot.gradesheets.validation import RowProblem

AUTHOR = "Sensorbot"
ERROR_FILL = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")


def annotated_workbook(
    lang: str, content: bytes, sheet: GradeSheet, problems: list[RowProblem]
) -> bytes:
    """An .xlsx: the grader's own workbook (formulas kept), or for a CSV the same cells in
    a workbook, with the problem cells marked."""
    if sheet.kind == "xlsx":
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        worksheet = workbook[sheet.sheet_name]
    else:
        workbook, worksheet = _workbook_from_csv(content, sheet.delimiter or ",")
    by_cell: dict[str, list[str]] = defaultdict(list)
    for problem in problems:
        column = problem.column or sheet.column_letter(CANDIDATE)
        by_cell[f"{column}{problem.row}"].append(problem_text(lang, problem))
    for coordinate, texts in by_cell.items():
        _mark(worksheet, coordinate, "\n".join(texts))
    workbook.active = workbook.worksheets.index(worksheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


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


def _workbook_from_csv(content: bytes, delimiter: str):
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
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
