"""The grader's workbook back, with each bad cell highlighted and a comment saying what is
wrong and how to fix it, ready to correct and send again."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict
from xml.parsers import expat

import openpyxl
from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from bot.gradesheets.reading import CANDIDATE, MAX_WALKED_CELLS, GradeSheet
from bot.gradesheets.texts import problem_text
from bot.gradesheets.validation import RowProblem

AUTHOR = "Sensorbot"
_CELL_NAME = "http://schemas.openxmlformats.org/spreadsheetml/2006/main c"
ERROR_FILL = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")


def annotated_workbook(
    lang: str, content: bytes, sheet: GradeSheet, problems: list[RowProblem]
) -> bytes:
    """An .xlsx: the grader's own workbook (formulas kept), or for a CSV the same cells in
    a workbook, with the problem cells marked."""
    if sheet.kind == "xlsx" and workbook_cells_within(content, MAX_WALKED_CELLS):
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        worksheet = workbook[sheet.sheet_name]
    elif sheet.kind == "xlsx":
        # Loading every sheet whole would cost more than reading the grade sheet did (a
        # workbook may hold far bigger sheets beside it): the copy is the grade sheet's
        # own columns, as read, where the grader's cells were.
        workbook, worksheet = _workbook_from_rows(sheet)
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


def workbook_cells_within(content: bytes, limit: int) -> bool:
    """Whether all the workbook's XML parts together hold at most `limit` cells, counted
    by streaming through them with expat (no elements built) and stopping at the first
    cell beyond; a part with a DTD (entities) counts as beyond."""
    counter = _CellCounter(limit)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for member in archive.infolist():
            if member.filename.endswith(".xml") and not counter.count(archive, member):
                return False
    return True


class _BeyondLimit(Exception):
    pass


class _CellCounter:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.cells = 0

    def count(self, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self._start
        parser.StartDoctypeDeclHandler = self._refuse
        try:
            with archive.open(member) as part:
                parser.ParseFile(part)
        except _BeyondLimit:
            return False
        except expat.ExpatError:
            return True  # not XML after all: holds no cells (the reader read the sheet)
        return True

    def _start(self, name: str, _attributes: object) -> None:
        if name == _CELL_NAME:
            self.cells += 1
            if self.cells > self.limit:
                raise _BeyondLimit

    def _refuse(self, *_args: object) -> None:
        raise _BeyondLimit


def _workbook_from_rows(sheet: GradeSheet) -> tuple[Workbook, Worksheet]:
    """A workbook holding the header and the grade sheet's columns at their places."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = (sheet.sheet_name or "Grades")[:31]
    for role, column in sheet.columns.items():
        worksheet.cell(row=sheet.header_row, column=column, value=sheet.headers.get(role))
    for row in sheet.rows:
        for role, column in sheet.columns.items():
            value = getattr(row, role)
            if value is not None:
                worksheet.cell(row=row.number, column=column).value = value
    return workbook, worksheet


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
