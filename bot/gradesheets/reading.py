"""Reading a grade sheet: bytes and a file name in, rows out (SPEC §2.4).

Accepts `.xlsx` (openpyxl in read-only mode, computed values, XML parsed through
defusedxml) and `.csv` (comma or semicolon, UTF-8 with or without BOM). Whatever is wrong
with the file as a whole is a `GradeSheetFileError` carrying a catalog key and its
parameters, so that the grader gets a message saying what and how to fix it.
"""

from __future__ import annotations

import csv
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import openpyxl
from defusedxml import DefusedXmlException, DTDForbidden
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser
from openpyxl.xml.constants import SHARED_STRINGS

# openpyxl parses through defusedxml when it is installed and not switched off; without
# it a workbook could carry an entity expansion ("billion laughs") attack.
if not openpyxl.DEFUSEDXML:
    raise ImportError("openpyxl must parse XML through defusedxml (unset OPENPYXL_DEFUSEDXML)")

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DATA_ROWS = 50_000
MAX_INFLATED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
_RATIO_CHECK_FROM_BYTES = 1024 * 1024
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
    """Rows and cells walked so far in one file; refuses the file once either passes its
    limit, before the walk goes on (and before anything is kept of it)."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.rows = 0
        self.cells = 0

    def walk_row(self, cells: int) -> None:
        self.rows += 1
        self.cells += cells
        self._check(self.rows, self.cells)

    def declared(self, rows: int, columns: int) -> None:
        """A sheet's stated size counts as if walked (a reader that trusts it pads to it),
        before its rows are."""
        self._check(self.rows + rows, self.cells + rows * columns)

    def _check(self, rows: int, cells: int) -> None:
        if rows > MAX_WALKED_ROWS:
            raise GradeSheetFileError(
                "gradesheet.file.too_many_rows", filename=self.filename, limit=MAX_DATA_ROWS
            )
        if cells > MAX_WALKED_CELLS:
            raise GradeSheetFileError(
                "gradesheet.file.too_costly", filename=self.filename, cells=MAX_WALKED_CELLS
            )


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One data row: raw cell values as the sheet holds them, by role."""

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


def check_archive(content: bytes, filename: str) -> None:
    """Refuse an archive that is corrupt, encrypted, or would inflate beyond sane bounds
    (a zip bomb), before anything decompresses it."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise GradeSheetFileError("gradesheet.file.corrupt", filename=filename) from error
    inflated = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise GradeSheetFileError("gradesheet.file.encrypted", filename=filename)
        inflated += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_CHECK_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise GradeSheetFileError(
                "gradesheet.file.zip_bomb", filename=filename, limit_mb=MAX_INFLATED_BYTES // 2**20
            )
    if inflated > MAX_INFLATED_BYTES:
        raise GradeSheetFileError(
            "gradesheet.file.zip_bomb", filename=filename, limit_mb=MAX_INFLATED_BYTES // 2**20
        )


def _read_xlsx(content: bytes, filename: str) -> GradeSheet:
    check_archive(content, filename)
    try:
        return _read_checked_xlsx(content, filename)
    except GradeSheetFileError:
        raise
    # zipfile's own size and CRC checks (an archive lying about its sizes), XML that does
    # not parse, parts that are missing or malformed: the file is damaged.
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        ParseError,
        InvalidFileException,
        KeyError,
        IndexError,
        ValueError,
        TypeError,
        OSError,
    ) as error:
        # openpyxl wraps what the XML parser raised; defusedxml's refusals are ValueErrors.
        if _caused_by(error, DefusedXmlException):
            raise GradeSheetFileError("gradesheet.file.unsafe_xml", filename=filename) from error
        raise GradeSheetFileError("gradesheet.file.corrupt", filename=filename) from error


def _caused_by(error: BaseException | None, kind: type[BaseException]) -> bool:
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, kind):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _read_checked_xlsx(content: bytes, filename: str) -> GradeSheet:
    reader = _open_workbook(content, filename)
    budget = ReadingBudget(filename)
    try:
        saw_values = False
        for sheet, part in reader.parser.find_sheets():
            visible = sheet.state in (None, "visible")
            if not visible or "chartsheet" in part.Type or part.target not in reader.valid_files:
                continue
            rows = _sheet_rows(reader, part.target, budget)
            found = _find_header(rows)
            if found is None:
                saw_values = saw_values or _had_values(rows)
                continue
            return _collect(filename, "xlsx", sheet.name, found, rows)
    finally:
        reader.archive.close()
    raise _no_header(filename, saw_values)


def _open_workbook(content: bytes, filename: str) -> ExcelReader:
    """openpyxl's reader in read-only mode, up to (not including) its worksheets: opening
    those would first scan a sheet without a stated size to its end just to size it."""
    reader = ExcelReader(io.BytesIO(content), read_only=True, data_only=True, keep_links=False)
    reader.read_manifest()
    # openpyxl keeps every shared string in memory: millions of tiny ones fit in 10 MB.
    strings = reader.package.find(SHARED_STRINGS)
    if strings is not None:
        with reader.archive.open(strings.PartName[1:]) as source:
            if count_elements(source, "si", MAX_WALKED_CELLS) is None:
                raise GradeSheetFileError(
                    "gradesheet.file.too_costly", filename=filename, cells=MAX_WALKED_CELLS
                )
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)  # date formats, so dates read as dates
    return reader


_MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


class _BeyondLimit(Exception):
    pass


def count_elements(source: IO[bytes], name: str, limit: int) -> int | None:
    """How many `name` elements of the spreadsheet namespace the XML in `source` holds,
    streaming with expat (no elements built); None as soon as there are more than `limit`.
    A DTD raises defusedxml's DTDForbidden, as openpyxl's parsing would; XML that does not
    parse holds no more than was counted."""
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


class _ValueParser(WorkSheetParser):
    """openpyxl's worksheet parser, keeping computed values and noting formula cells that
    have none (the public read-only API cannot tell those from empty cells)."""

    def parse_cell(self, element):  # noqa: ANN001 - openpyxl's signature
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["data_type"] = "formula_without_value"
        return cell


_FORMULA_WITHOUT_VALUE = object()


class _PeekableRows:
    """Rows as (number, {column: value}) that can be read again from the start once, so the
    header search can look ahead without losing rows."""

    def __init__(self, rows: Iterator[tuple[int, dict[int, object]]]) -> None:
        self._rows = rows
        self.seen: list[tuple[int, dict[int, object]]] = []

    def head(self, count: int) -> list[tuple[int, dict[int, object]]]:
        while len(self.seen) < count:
            row = next(self._rows, None)
            if row is None:
                break
            self.seen.append(row)
        return self.seen[:count]

    def after(self, index: int) -> Iterator[tuple[int, dict[int, object]]]:
        yield from self.seen[index + 1 :]
        yield from self._rows


def _sheet_rows(reader: ExcelReader, part: str, budget: ReadingBudget) -> _PeekableRows:
    workbook = reader.wb

    def rows() -> Iterator[tuple[int, dict[int, object]]]:
        with reader.archive.open(part) as source:
            bounds = WorkSheetParser(source, reader.shared_strings).parse_dimensions()
        if bounds is not None:
            min_col, min_row, max_col, max_row = bounds
            if min_col and min_row and max_col and max_row:  # all stated (rows count from 1)
                budget.declared(max_row - min_row + 1, max_col - min_col + 1)
        with reader.archive.open(part) as source:
            parser = _ValueParser(
                source,
                reader.shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                # Set by apply_stylesheet; openpyxl's type stubs leave them out.
                date_formats=workbook._date_formats,  # type: ignore[attr-defined]
                timedelta_formats=workbook._timedelta_formats,  # type: ignore[attr-defined]
            )
            for number, cells in parser.parse():
                budget.walk_row(len(cells))
                values = {}
                for cell in cells:
                    if cell["data_type"] == "formula_without_value":
                        values[cell["column"]] = _FORMULA_WITHOUT_VALUE
                    elif not _blank(cell["value"]):
                        values[cell["column"]] = cell["value"]
                if values:
                    yield number, values

    return _PeekableRows(rows())


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
        rows = _PeekableRows(_csv_rows(text, delimiter, budget))
        found = _find_header(rows)
        if found is not None:
            return _collect(filename, "csv", None, found, rows, delimiter)
        saw_values = saw_values or _had_values(rows)
    raise _no_header(filename, saw_values)


def _csv_rows(
    text: str, delimiter: str, budget: ReadingBudget
) -> Iterator[tuple[int, dict[int, object]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Numbered by record, as the rows appear when the file is opened in Excel.
        for number, record in enumerate(reader, start=1):
            budget.walk_row(len(record))
            values: dict[int, object] = {
                i: v for i, v in enumerate(record, start=1) if not _blank(v)
            }
            if values:
                yield number, values
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


def _find_header(rows: _PeekableRows) -> _Header | None:
    for index, (number, values) in enumerate(rows.head(HEADER_SEARCH_ROWS)):
        columns: dict[str, int] = {}
        headers: dict[str, str] = {}
        for column, value in sorted(values.items()):
            if not isinstance(value, str):
                continue
            key = _header_key(value)
            for role, names in HEADER_NAMES.items():
                if key in names and role not in columns:
                    columns[role] = column
                    headers[role] = value.strip()
        if CANDIDATE in columns and (GRADE in columns or POINTS in columns):
            return _Header(index, number, columns, headers)
    return None


def _had_values(rows: _PeekableRows) -> bool:
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
    rows: _PeekableRows,
    delimiter: str | None = None,
) -> GradeSheet:
    columns = header.columns
    wanted = [(role, columns.get(role)) for role in ROLES]
    collected: list[SheetRow] = []
    for number, values in rows.after(header.index):
        row = _sheet_row(number, values, wanted)
        if row is None:
            continue
        if len(collected) >= MAX_DATA_ROWS:
            raise GradeSheetFileError(
                "gradesheet.file.too_many_rows", filename=filename, limit=MAX_DATA_ROWS
            )
        collected.append(row)
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


def _sheet_row(
    number: int, values: dict[int, object], wanted: Iterable[tuple[str, int | None]]
) -> SheetRow | None:
    cells: dict[str, object] = {}
    formulas = []
    for role, column in wanted:
        value = values.get(column) if column else None
        if value is _FORMULA_WITHOUT_VALUE:
            formulas.append(role)
            value = None
        cells[role] = value
    if not formulas and all(_blank(v) for v in cells.values()):
        return None
    return SheetRow(number=number, formulas_without_value=frozenset(formulas), **cells)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
