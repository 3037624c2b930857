"""Reading a grade sheet: bytes and a file name in, rows out (SPEC §2.4).

Accepts `.xlsx` (python-calamine, computed values, each sheet measured before it is read:
bot/spreadsheets.py) and `.csv` (comma or semicolon, UTF-8 with or without BOM). Whatever is wrong
with the file as a whole is a `GradeSheetFileError` carrying a catalog key and its
parameters, so that the grader gets a message saying what and how to fix it.
"""

from __future__ import annotations

import csv
import io
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from typing import IO, NamedTuple
from xml.parsers import expat

import openpyxl
from defusedxml import DTDForbidden
from openpyxl.utils import get_column_letter

from bot.spreadsheets import (
    FORMULA_WITHOUT_VALUE,
    Limits,
    Workbook,
    WorkbookProblem,
    collection_paused,
    iter_rows,
)

# The grader's workbook comes back marked through openpyxl (annotate.py), which parses
# through defusedxml when it is installed and not switched off; without it a workbook could
# carry an entity expansion ("billion laughs") attack.
if not openpyxl.DEFUSEDXML:
    raise ImportError("openpyxl must parse XML through defusedxml (unset OPENPYXL_DEFUSEDXML)")

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DATA_ROWS = 50_000
MAX_INFLATED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
HEADER_SEARCH_ROWS = 20
# What reading may cost, counted over everything the reader walks (every row and cell,
# empty or outside the grade sheet's columns, and what a sheet's <dimension> declares):
# a 10 MB file can hold millions of cells, and each costs time and memory.
MAX_WALKED_ROWS = MAX_DATA_ROWS + HEADER_SEARCH_ROWS
MAX_WALKED_CELLS = 250_000  # e.g. 50,000 rows of five columns

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_PDF_MAGIC = b"%PDF-"
WORKBOOK_EXTENSIONS = ("xlsx", "xlsm")
TEXT_EXTENSIONS = ("csv", "txt")

CANDIDATE, GRADE, POINTS, EXPLANATION = "candidate", "grade", "points", "explanation"
ROLES = (CANDIDATE, GRADE, POINTS, EXPLANATION)

# Header names after `_header_key` (lower case; spaces, dashes, dots, underscores gone).
HEADER_NAMES: dict[str, frozenset[str]] = {
    CANDIDATE: frozenset(
        {
            "candidateid",
            "candidate",
            "candidatenumber",
            "candidateno",
            "candidatenr",
            "kandidatid",
            "kandidat",
            "kandidatnummer",
            "kandidatnr",
            "kandidatno",
        }
    ),
    GRADE: frozenset(
        {"grade", "grades", "karakter", "karakterer", "finalgrade", "endeligkarakter"}
    ),
    POINTS: frozenset({"points", "poeng", "score", "totalpoints", "totalpoeng", "poengsum"}),
    EXPLANATION: frozenset(
        {"explanations", "explanation", "begrunnelse", "begrunnelser", "comments", "kommentar"}
    ),
}
# The names shown to a grader whose sheet has no recognisable header.
SHOWN_HEADER_NAMES = {
    CANDIDATE: "Candidate ID / Kandidat-ID / Kandidatnummer",
    GRADE: "Grade / Karakter",
}


class GradeSheetFileError(Exception):
    """The file cannot be read as a grade sheet; `key` names the catalog message."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class ReadingBudget:
    """Rows and cells of a CSV file walked so far; refuses the file once either passes its
    limit, before the walk goes on (and before anything is kept of it)."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.rows = 0
        self.cells = 0

    def walk_row(self, cells: int) -> None:
        self.rows += 1
        self.cells += cells
        self._check(self.rows, self.cells)

    def _check(self, rows: int, cells: int) -> None:
        if rows > MAX_WALKED_ROWS:
            raise GradeSheetFileError(
                "gradesheet.file.too_many_rows", filename=self.filename, limit=MAX_DATA_ROWS
            )
        if cells > MAX_WALKED_CELLS:
            raise GradeSheetFileError(
                "gradesheet.file.too_costly", filename=self.filename, cells=MAX_WALKED_CELLS
            )


class SheetRow(NamedTuple):
    """One data row: raw cell values as the sheet holds them, by role (None: empty)."""

    number: int  # the row number the grader sees in Excel (or the CSV line)
    candidate: object
    grade: object
    points: object
    explanation: object
    # Roles whose cell holds a formula without a computed value.
    formulas_without_value: frozenset[str] = frozenset()

    def is_empty(self) -> bool:
        return all(_blank(v) for v in (self.candidate, self.grade, self.points, self.explanation))


@dataclass(frozen=True)
class GradeSheet:
    filename: str
    kind: str  # "xlsx" or "csv"
    sheet_name: str | None
    header_row: int
    columns: dict[str, int]  # role -> 1-based column number
    headers: dict[str, str]  # role -> the header text as written
    rows: list[SheetRow] = field(repr=False)
    delimiter: str | None = None  # CSV only

    def column_letter(self, role: str) -> str | None:
        column = self.columns.get(role)
        return get_column_letter(column) if column else None


def read_grade_sheet(content: bytes, filename: str) -> GradeSheet:
    """The rows of a grade sheet, or a `GradeSheetFileError` saying what is wrong."""
    if len(content) > MAX_FILE_BYTES:
        raise GradeSheetFileError(
            "gradesheet.file.too_large", filename=filename, limit_mb=MAX_FILE_BYTES // 2**20
        )
    extension = file_extension(filename)
    if not content:
        raise GradeSheetFileError("gradesheet.file.zero_bytes", filename=filename)
    if content.startswith(_OLE_MAGIC):
        raise _ole_problem(content, filename)
    if content.startswith(_PDF_MAGIC):
        raise GradeSheetFileError("gradesheet.file.pdf", filename=filename)
    if content.startswith(_ZIP_MAGIC):
        if extension not in (*WORKBOOK_EXTENSIONS, "xls", "csv", ""):
            raise GradeSheetFileError(
                "gradesheet.file.unsupported_type", filename=filename, extension=extension
            )
        return _read_xlsx(content, filename)
    if extension in TEXT_EXTENSIONS:
        return _read_csv(content, filename)
    if extension in (*WORKBOOK_EXTENSIONS, "xls") and _looks_like_text(content):
        raise GradeSheetFileError("gradesheet.file.renamed_text", filename=filename)
    if extension in (*WORKBOOK_EXTENSIONS, "xls"):
        raise GradeSheetFileError("gradesheet.file.corrupt", filename=filename)
    raise GradeSheetFileError(
        "gradesheet.file.unsupported_type", filename=filename, extension=extension or "?"
    )


def _ole_problem(content: bytes, filename: str) -> GradeSheetFileError:
    """What an OLE compound file is, by the streams it holds: an encrypted workbook keeps
    its package in `EncryptedPackage` (with `EncryptionInfo`), an old-format (.xls)
    workbook its sheets in `Workbook` (`Book` before Excel 97); whatever its name says."""
    try:
        streams = ole_stream_names(content)
    except ValueError:
        return GradeSheetFileError("gradesheet.file.corrupt", filename=filename)
    if {"encryptedpackage", "encryptioninfo"} <= streams:
        return GradeSheetFileError("gradesheet.file.encrypted", filename=filename)
    if streams & {"workbook", "book"}:
        return GradeSheetFileError("gradesheet.file.legacy_xls", filename=filename)
    return GradeSheetFileError("gradesheet.file.other_office_file", filename=filename)


_OLE_FREE, _OLE_END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE


def ole_stream_names(content: bytes) -> set[str]:
    """The names (lower case) in an OLE compound file's directory ([MS-CFB]), read with
    every chain bounded by the file's size; ValueError when the file is not one."""
    if len(content) < 512:
        raise ValueError("shorter than the header")
    sector_size = 1 << struct.unpack_from("<H", content, 30)[0]
    if sector_size not in (512, 4096):
        raise ValueError("sector size")
    sectors = (len(content) - 512) // sector_size  # whole sectors after the header

    def sector(number: int) -> bytes:
        if not 0 <= number < sectors:
            raise ValueError("sector outside the file")
        start = (number + 1) * sector_size
        return content[start : start + sector_size]

    per_sector = sector_size // 4
    fat_sectors = list(struct.unpack_from("<109I", content, 76))
    difat = struct.unpack_from("<I", content, 68)[0]
    for _ in range(sectors):  # the DIFAT chain, for files with more than 109 FAT sectors
        if difat in (_OLE_FREE, _OLE_END_OF_CHAIN):
            break
        entries = struct.unpack(f"<{per_sector}I", sector(difat))
        fat_sectors += entries[:-1]
        difat = entries[-1]
    fat: list[int] = []
    for number in fat_sectors:
        if number not in (_OLE_FREE, _OLE_END_OF_CHAIN):
            fat += struct.unpack(f"<{per_sector}I", sector(number))
    names: set[str] = set()
    current = struct.unpack_from("<I", content, 48)[0]
    for _ in range(sectors):  # the directory chain
        if current == _OLE_END_OF_CHAIN:
            return names
        if not 0 <= current < len(fat):
            raise ValueError("directory chain leaves the allocation table")
        data = sector(current)
        for offset in range(0, sector_size, 128):
            length = struct.unpack_from("<H", data, offset + 64)[0]
            if data[offset + 66] in (1, 2) and 2 <= length <= 64:  # a storage or a stream
                names.add(data[offset : offset + length - 2].decode("utf-16-le", "replace").lower())
        current = fat[current]
    raise ValueError("directory chain does not end")


def file_extension(filename: str) -> str:
    name = filename.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _looks_like_text(content: bytes) -> bool:
    sample = content[:4096]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start >= len(sample) - 3
    return True


# -- xlsx ---------------------------------------------------------------------------------

# What a grade sheet's workbook may hold (bot/spreadsheets.py measures each sheet against
# it before reading): rows as far down as reading may walk, as many cells as it may walk
# (or a <dimension> stating as many), as many shared strings.
LIMITS = Limits(
    rows=MAX_WALKED_ROWS,
    cells=MAX_WALKED_CELLS,
    strings=MAX_WALKED_CELLS,
    block=MAX_WALKED_ROWS * 26,  # the rows a sheet may have, in columns A to Z: ~55 MB
    row_elements=MAX_WALKED_ROWS,
    inflated_bytes=MAX_INFLATED_BYTES,
    ratio=MAX_COMPRESSION_RATIO,
)


def _read_xlsx(content: bytes, filename: str) -> GradeSheet:
    try:
        with collection_paused(), Workbook(content, LIMITS) as workbook:
            return _first_grade_sheet(workbook, filename)
    except WorkbookProblem as problem:
        raise _file_error(problem, filename) from problem


def _file_error(problem: WorkbookProblem, filename: str) -> GradeSheetFileError:
    if problem.kind == "zip_bomb":
        limit_mb = MAX_INFLATED_BYTES // 2**20
        return GradeSheetFileError("gradesheet.file.zip_bomb", filename=filename, limit_mb=limit_mb)
    if problem.kind == "too_many_rows":
        return GradeSheetFileError(
            "gradesheet.file.too_many_rows", filename=filename, limit=MAX_DATA_ROWS
        )
    if problem.kind == "too_costly":
        return GradeSheetFileError(
            "gradesheet.file.too_costly", filename=filename, cells=MAX_WALKED_CELLS
        )
    if problem.kind == "encrypted":
        return GradeSheetFileError("gradesheet.file.encrypted", filename=filename)
    if problem.kind == "unsafe_xml":
        return GradeSheetFileError("gradesheet.file.unsafe_xml", filename=filename)
    return GradeSheetFileError("gradesheet.file.corrupt", filename=filename)


def _first_grade_sheet(workbook: Workbook, filename: str) -> GradeSheet:
    """The first visible worksheet with a grade sheet's header, read whole."""
    saw_values = False
    for index, sheet in enumerate(workbook.sheets()):
        if not (sheet.visible and sheet.worksheet):
            continue
        cells = workbook.read(index)
        rows = _SheetRows(iter_rows(cells))
        found = _find_header(rows, cells.first_column)
        if found is None:
            saw_values = saw_values or _had_values(rows)
            continue
        return _collect(
            filename, "xlsx", sheet.name, found, rows, None, cells.first_column, cells.marked
        )
    raise _no_header(filename, saw_values)


def count_elements(source: IO[bytes], name: str, limit: int) -> int | None:
    """How many `name` elements of the spreadsheet namespace the XML in `source` holds,
    streaming with expat (no elements built); None as soon as there are more than `limit`.
    A DTD raises defusedxml's DTDForbidden; XML that does not parse holds no more than
    was counted."""
    wanted = f"{_MAIN_NAMESPACE} {name}"
    found = 0

    def start(element: str, _attributes: object) -> None:
        nonlocal found
        if element == wanted:
            found += 1
            if found > limit:
                raise _BeyondLimit

    def refuse(name: str, *_args: object) -> None:
        raise DTDForbidden(name, None, None)

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse
    try:
        parser.ParseFile(source)
    except _BeyondLimit:
        return None
    except expat.ExpatError:
        return found
    return found


_MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


class _BeyondLimit(Exception):
    pass


class _SheetRows:
    """Rows as (number, values) that can be read again from the start once, so the header
    search can look ahead without losing rows. Rows with no value are left out."""

    def __init__(self, rows: Iterator[tuple[int, list]]) -> None:
        self._rows = rows
        self.seen: list[tuple[int, list]] = []

    def head(self, count: int) -> list[tuple[int, list]]:
        while len(self.seen) < count:
            row = next(self._rows, None)
            if row is None:
                break
            if not _blank_row(row[1]):
                self.seen.append(row)
        return self.seen[:count]

    def after(self, index: int) -> Iterator[tuple[int, list]]:
        return chain(self.seen[index + 1 :], self._rows)


def _blank_row(values: list) -> bool:
    return all(_blank(value) for value in values)


# -- csv ----------------------------------------------------------------------------------


def _read_csv(content: bytes, filename: str) -> GradeSheet:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GradeSheetFileError("gradesheet.file.not_utf8", filename=filename) from error
    if "\x00" in text:
        raise GradeSheetFileError("gradesheet.file.corrupt", filename=filename)
    saw_values = False
    for delimiter in (";", ","):
        budget = ReadingBudget(filename)
        rows = _SheetRows(_csv_rows(text, delimiter, budget))
        found = _find_header(rows)
        if found is not None:
            return _collect(filename, "csv", None, found, rows, delimiter)
        saw_values = saw_values or _had_values(rows)
    raise _no_header(filename, saw_values)


def _csv_rows(text: str, delimiter: str, budget: ReadingBudget) -> Iterator[tuple[int, list]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Numbered by record, as the rows appear when the file is opened in Excel.
        for number, record in enumerate(reader, start=1):
            budget.walk_row(len(record))
            yield number, record
    except csv.Error as error:
        raise GradeSheetFileError(
            "gradesheet.file.bad_csv", filename=budget.filename, line=reader.line_num
        ) from error


# -- header and rows ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Header:
    index: int  # position among the rows read
    number: int  # sheet row number
    columns: dict[str, int]
    headers: dict[str, str]


def _header_key(value: object) -> str:
    return re.sub(r"[\s_\-.:/()#]+", "", str(value).casefold())


def _find_header(rows: _SheetRows, first_column: int = 1) -> _Header | None:
    for index, (number, values) in enumerate(rows.head(HEADER_SEARCH_ROWS)):
        columns: dict[str, int] = {}
        headers: dict[str, str] = {}
        for column, value in enumerate(values, start=first_column):
            if not isinstance(value, str) or not value:
                continue
            key = _header_key(value)
            for role, names in HEADER_NAMES.items():
                if key in names and role not in columns:
                    columns[role] = column
                    headers[role] = value.strip()
        if CANDIDATE in columns and (GRADE in columns or POINTS in columns):
            return _Header(index, number, columns, headers)
    return None


def _had_values(rows: _SheetRows) -> bool:
    return bool(rows.head(1))


def _no_header(filename: str, saw_values: bool) -> GradeSheetFileError:
    if not saw_values:
        return GradeSheetFileError("gradesheet.file.empty", filename=filename)
    return GradeSheetFileError(
        "gradesheet.file.no_header",
        filename=filename,
        rows=HEADER_SEARCH_ROWS,
        candidate_names=SHOWN_HEADER_NAMES[CANDIDATE],
        grade_names=SHOWN_HEADER_NAMES[GRADE],
    )


def _collect(
    filename: str,
    kind: str,
    sheet_name: str | None,
    header: _Header,
    rows: _SheetRows,
    delimiter: str | None = None,
    first_column: int = 1,
    marked: bool = False,
) -> GradeSheet:
    """The data rows after the header; `marked`: some cells may be FORMULA_WITHOUT_VALUE."""
    columns = header.columns
    # Where each role's value sits in a row's values. The roles the sheet has no column
    # for read None: put after the others when they are the last roles (the usual sheet,
    # without explanations), else read from a None put at the end of every row.
    at = [columns[role] - first_column if role in columns else -1 for role in ROLES]
    present = len(at) - next((i for i, a in enumerate(reversed(at)) if a >= 0), len(at))
    padded = -1 in at[:present]
    picked = at if padded else at[:present]
    width = max(at) + 1
    get = itemgetter(*picked)
    tail = (None,) * (len(ROLES) - len(picked))
    collected: list[SheetRow] = []
    append = collected.append
    make = tuple.__new__
    empty_formulas: frozenset[str] = frozenset()
    after = (*tail, empty_formulas)
    blank_row = (None,) * len(picked)
    for number, values in rows.after(header.index):
        if len(values) < width:
            values.extend([""] * (width - len(values)))
        if padded:
            values.append(None)  # what a role without a column reads
        cells = get(values)
        if "" in cells:  # an empty cell, as calamine and CSV give it: None here
            cells = tuple([None if value == "" else value for value in cells])
        if cells == blank_row:
            continue
        if marked and FORMULA_WITHOUT_VALUE in cells:
            append(_with_formulas(number, cells + tail))
        else:
            append(make(SheetRow, (number, *cells, *after)))
    # Counted once at the end: reading walks no more than MAX_WALKED_ROWS rows.
    if len(collected) > MAX_DATA_ROWS:
        raise GradeSheetFileError(
            "gradesheet.file.too_many_rows", filename=filename, limit=MAX_DATA_ROWS
        )
    return GradeSheet(
        filename=filename,
        kind=kind,
        sheet_name=sheet_name,
        header_row=header.number,
        columns=dict(columns),
        headers=dict(header.headers),
        rows=collected,
        delimiter=delimiter,
    )


def _with_formulas(number: int, cells: tuple[object, ...]) -> SheetRow:
    formulas = frozenset(
        role for role, value in zip(ROLES, cells, strict=True) if value is FORMULA_WITHOUT_VALUE
    )
    candidate, grade, points, explanation = (
        None if value is FORMULA_WITHOUT_VALUE else value for value in cells
    )
    return SheetRow(number, candidate, grade, points, explanation, formulas)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
