"""Reading .xlsx workbooks with python-calamine, within limits, for the roster import and
grade sheets.

Calamine (Rust, quick-xml) expands no entities and needs no DTD, and reads every cell of
a sheet at once into a dense block spanning its first to its last non-empty cell. That
block is what costs memory, so before calamine opens a sheet its XML is measured here: the
archive's sizes first (a zip bomb), a DTD in any part's prolog (refused, as openpyxl's
defusedxml did), then the rows and columns every cell reference reaches. Only then is the
sheet read.

What calamine leaves out is put back from the same XML when a sheet has any: a formula
without a computed value (calamine reads it as empty) and an error cell such as `#N/A`
(also read as empty), each at its own cell.
"""

from __future__ import annotations

import functools
import gc
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from xml.parsers import expat

from defusedxml import ElementTree
from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    SheetTypeEnum,
    SheetVisibleEnum,
)

# A cell whose formula has no computed value (a workbook saved by a program that does not
# calculate): the sheet does not say what it shows.
FORMULA_WITHOUT_VALUE = type("FormulaWithoutValue", (), {"__repr__": lambda _: "<formula>"})()

Cell = object  # float, str, bool, datetime/date/time/timedelta, "" (empty), or the above


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a workbook is read and checked: that makes
    hundreds of thousands of lists and tuples that all live on and hold no cycles, and the
    collector, run every few hundred new ones, would walk them over and over (a third of
    the time). Reference counting still frees what is dropped."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


class WorkbookProblem(Exception):
    """The workbook cannot be read; `kind` says why: corrupt, encrypted, zip_bomb,
    unsafe_xml, too_many_rows (a sheet reaches beyond `Limits.rows`), too_costly (beyond
    `Limits.cells` or `Limits.strings`)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class Limits:
    rows: int  # the last row a sheet may reach (rows count from the top of the sheet)
    cells: int  # cells a sheet may hold, or its <dimension> state (rows × columns)
    strings: int  # entries of the shared-string table
    # Rows × columns of the block calamine builds, from the first to the last non-empty
    # cell (some 40 bytes a cell, empty or not, until it is handed over).
    block: int
    # Row elements a sheet may have, empty ones included (None: any number; they cost
    # reading time, not memory).
    row_elements: int | None = None
    inflated_bytes: int = 100 * 1024 * 1024  # the archive's members together, unpacked
    ratio: int = 200  # a member's unpacked size to its packed size, from 1 MB unpacked


_RATIO_CHECK_FROM_BYTES = 1024 * 1024


@dataclass(frozen=True)
class SheetInfo:
    name: str
    visible: bool
    worksheet: bool  # not a chart or dialog sheet


@dataclass
class SheetCells:
    """One sheet's cells as rows of values, `first_row` the sheet row number of `rows[0]`
    and `first_column` the column number of each row's first value (both from 1)."""

    rows: list[list[Cell]] = field(repr=False)
    first_row: int
    first_column: int
    marked: bool = False  # some values are FORMULA_WITHOUT_VALUE or an error's text


def check_archive(content: bytes, limits: Limits) -> zipfile.ZipFile:
    """Refuse an archive that is corrupt, encrypted, or would inflate beyond the limits (a
    zip bomb), before anything decompresses it; returns it opened."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise WorkbookProblem("corrupt", str(error)) from error
    try:
        _check_members(archive.infolist(), limits)
    except WorkbookProblem:
        archive.close()
        raise
    return archive


def _check_members(members: list[zipfile.ZipInfo], limits: Limits) -> None:
    inflated = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise WorkbookProblem("encrypted")
        inflated += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_CHECK_FROM_BYTES and ratio > limits.ratio:
            raise WorkbookProblem("zip_bomb", member.filename)
    if inflated > limits.inflated_bytes:
        raise WorkbookProblem("zip_bomb", f"{inflated} bytes unpacked")


class Workbook:
    """An .xlsx opened for reading sheet by sheet; use as a context manager."""

    def __init__(self, content: bytes, limits: Limits) -> None:
        self.limits = limits
        self._archive = check_archive(content, limits)
        members = self._archive.infolist()
        self._folder = "xl/"
        try:
            self._parts = _part_names(members)
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels")):
                    _refuse_dtd(self._archive, member.filename)
            self._paths = self._sheet_paths()
            self._check_shared_strings()
            self._book = _calamine(lambda: CalamineWorkbook.from_filelike(io.BytesIO(content)))
            self._closed = False
        except BaseException:
            self._archive.close()
            raise
        if self._book.sheet_names != [name for name, _ in self._paths]:
            self.close()
            raise WorkbookProblem("corrupt", "the sheets are not where the workbook says")

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._archive.close()
        if not self._closed:
            self._closed = True
            self._book.close()

    def sheets(self) -> list[SheetInfo]:
        return [
            SheetInfo(
                sheet.name,
                sheet.visible == SheetVisibleEnum.Visible,
                sheet.typ == SheetTypeEnum.WorkSheet,
            )
            for sheet in self._book.sheets_metadata
        ]

    def read(self, index: int, repeated_values: bool = False) -> SheetCells:
        """The cells of the sheet at `index`, after measuring it against the limits. With
        `repeated_values`, equal texts are kept once (a roster's ids, codes and statuses
        repeat across 200,000 rows: some 40 MB), row by row as calamine hands them over."""
        name, path = self._paths[index]
        xml = self._read_part(path)
        if xml is None:  # calamine reads a missing part as an empty sheet
            return SheetCells([], 1, 1)
        marks, bounds = _measure(xml, self.limits)
        del xml  # not kept while calamine builds the block: a roster's sheet can be 50 MB
        sheet = _calamine(lambda: self._book.get_sheet_by_name(name))
        start, end = sheet.start, sheet.end
        if start is None or end is None:
            rows: list[list[Cell]] = []
            first_row, first_column = 1, 1
        else:
            if bounds is None or not bounds.covers(start, end):
                # Calamine placed a cell where the measuring found none: never trust it.
                raise WorkbookProblem("corrupt", "cells outside the measured sheet")
            # The rows read count, as far down as the sheet has a value.
            _check_block(_Bounds(start[0], end[0], start[1], end[1]), self.limits)
            if repeated_values:
                rows = _calamine(lambda: _shared_rows(sheet))
            else:
                rows = _calamine(lambda: sheet.to_python(skip_empty_area=True))
            first_row, first_column = start[0] + 1, start[1] + 1
        cells = SheetCells(rows, first_row, first_column, marked=bool(marks))
        if marks:
            _overlay(cells, marks)
        return cells

    # -- the package's parts ----------------------------------------------------------

    def _read_part(self, path: str) -> bytes | None:
        name = self._parts.get(path.lower())
        if name is None:
            return None
        try:
            return self._archive.read(name)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise WorkbookProblem("corrupt", str(error)) from error

    def _xml(self, path: str) -> ElementTree.Element | None:
        data = self._read_part(path)
        if data is None:
            return None
        try:
            return ElementTree.fromstring(data)
        except Exception as error:  # defusedxml and expat raise several kinds
            raise WorkbookProblem("corrupt", f"{path}: {error}") from error

    def _sheet_paths(self) -> list[tuple[str, str]]:
        """(name, part) of each sheet in workbook order, resolved as calamine resolves them
        (the office document's folder, targets relative to it or absolute)."""
        package = self._xml("_rels/.rels")
        if package is None:
            raise WorkbookProblem("corrupt", "no _rels/.rels")
        document = next(
            (
                rel.get("Target", "")
                for rel in package
                if rel.get("Type", "").endswith("/relationships/officeDocument")
            ),
            None,
        )
        if document is None:
            raise WorkbookProblem("corrupt", "no office document")
        folder = document[: document.rfind("/") + 1].removeprefix("/")
        self._folder = folder
        rels_part = f"{folder}_rels/workbook.xml.rels"
        rels_bytes = self._read_part(rels_part) or b""
        if re.search(rb"Target\s*=\s*[\"'][^\"']*&", rels_bytes):
            raise WorkbookProblem("corrupt", "an escaped relationship target")
        relations = self._xml(rels_part)
        workbook = self._xml(f"{folder}workbook.xml")
        if relations is None or workbook is None:
            return []
        targets = {rel.get("Id"): rel.get("Target", "") for rel in relations}
        paths = []
        for element in workbook.iter():
            if _local(element.tag) != "sheet":
                continue
            rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
            target = targets.get(rel_id)
            if target is None:
                raise WorkbookProblem("corrupt", "a sheet without its part")
            path = target[1:] if target.startswith("/") else folder + target
            paths.append((element.get("name", ""), path))
        return paths

    def _check_shared_strings(self) -> None:
        """Calamine keeps every shared string: millions of tiny ones fit in 10 MB. Counted
        streaming, so a huge table is refused without being held."""
        name = self._parts.get(f"{self._folder}sharedStrings.xml".lower())
        if name is None:
            return
        # Each entry is an <si> (of any prefix); counted from the bytes, a comment or CDATA
        # holding one only counts too many.
        forms = (b"<si>", b"<si ", b":si>", b":si ")
        entries, tail = 0, b""
        try:
            with self._archive.open(name) as part:
                while chunk := part.read(1024 * 1024):
                    data = tail + chunk
                    entries += sum(data.count(form) for form in forms)
                    tail = data[-3:]  # shorter than a form: never counted twice
                    if entries > self.limits.strings:
                        raise WorkbookProblem("too_costly", f"over {entries} shared strings")
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise WorkbookProblem("corrupt", str(error)) from error


def _shared_rows(sheet: CalamineSheet) -> list[list[Cell]]:
    """Texts only: True == 1.0, and a number is no bigger than a reference to one."""
    texts: dict[str, str] = {}
    keep = texts.setdefault
    return [
        [keep(value, value) if isinstance(value, str) else value for value in values]
        for values in sheet.iter_rows()
    ]


def _calamine(call):  # noqa: ANN001, ANN202 - any calamine call
    """Calamine's refusals (and a panic in its Rust code) as a corrupt workbook."""
    try:
        return call()
    except CalamineError as error:
        raise WorkbookProblem("corrupt", str(error)) from error
    except BaseException as error:
        if type(error).__name__ != "PanicException":  # pyo3's, a BaseException
            raise
        raise WorkbookProblem("corrupt", str(error)) from error


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _part_names(members: list[zipfile.ZipInfo]) -> dict[str, str]:
    """Member names by lower case (calamine finds parts case-insensitively); two members
    that only differ in case make it unclear which one is read."""
    names: dict[str, str] = {}
    for member in members:
        key = member.filename.replace("\\", "/").lower()
        if key in names:
            raise WorkbookProblem("corrupt", f"two parts named {member.filename}")
        names[key] = member.filename
    return names


class _Done(Exception):
    pass


class DoctypeFound(WorkbookProblem):
    def __init__(self) -> None:
        super().__init__("unsafe_xml", "a DTD")


def _refuse_dtd(archive: zipfile.ZipFile, name: str) -> None:
    """A DTD (entity declarations: "billion laughs") in the part's prolog is refused; only
    the prolog is read, up to the first element."""

    def stop(*_args: object) -> None:
        raise _Done

    def refuse(*_args: object) -> None:
        raise DoctypeFound

    parser = expat.ParserCreate()
    parser.StartElementHandler = stop
    parser.StartDoctypeDeclHandler = refuse
    with archive.open(name) as source:
        try:
            while chunk := source.read(64 * 1024):
                parser.Parse(chunk, False)
        except _Done:
            return
        except expat.ExpatError:
            return  # not XML: calamine says so if it reads this part


# -- measuring a sheet ----------------------------------------------------------------------

_R_VALUE = re.compile(rb"(?<![\w.:-])r\s*=\s*[\"']([^\"']*)[\"']")
_PLAIN_REFS = re.compile(rb"(?:[A-Z]{0,3}[0-9]{1,7}\n)*")
_DIGITS = re.compile(rb"[0-9]+")
_LETTERS = re.compile(rb"[A-Z]+")
_CELL_WITHOUT_R = re.compile(
    rb"<(?:[^\s<>/!?=]+:)?c(?:\s+(?!r\s*=)[^\s=<>/]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>"
)
_DIMENSION = re.compile(rb"<(?:[^\s<>/!?=]+:)?dimension\s[^>]*?\bref\s*=\s*[\"']([^\"']*)")
_REF = re.compile(r"([A-Za-z]{0,3})([0-9]{1,9})")


@dataclass(frozen=True)
class _Bounds:
    """First and last row and column any cell may have (from 0, as calamine counts)."""

    top: int
    bottom: int
    left: int
    right: int

    def covers(self, start: tuple[int, int], end: tuple[int, int]) -> bool:
        return (
            self.top <= start[0]
            and end[0] <= self.bottom
            and self.left <= start[1]
            and end[1] <= self.right
        )


def _measure(xml: bytes, limits: Limits) -> tuple[dict[tuple[int, int], Cell], _Bounds | None]:
    """Check the sheet against the limits before calamine reads it; returns the cells
    calamine reads as empty but are not (see the module's docstring) and bounds every cell
    lies within (None: the sheet has no cell), such that the block stays within the limit."""
    head_end = xml.find(b"sheetData")
    dimension = _DIMENSION.search(xml, 0, head_end if head_end >= 0 else len(xml))
    if dimension is not None:
        _check_declared(dimension.group(1), limits)
    # Every cell is kept until the block is built ("<c" counts a few other elements too);
    # a kept cell takes at least _CELL_BYTES of XML, so a short sheet need not be counted.
    prefixed = _PREFIX_HINT.search(xml) is not None
    if len(xml) > _CELL_BYTES * limits.cells:
        cells = xml.count(b"<c") + (xml.count(b":c") if prefixed else 0)
        if cells > limits.cells:
            raise WorkbookProblem("too_costly", f"{cells} cells")
    # Every row is walked, empty or not.
    if limits.row_elements is not None and len(xml) > _ROW_BYTES * limits.row_elements:
        rows = xml.count(b"<row") + (xml.count(b":row") if prefixed else 0)
        if rows > limits.row_elements:
            raise WorkbookProblem("too_many_rows", f"{rows} rows")
    bounds = None if prefixed and _PREFIXED_CELL.search(xml) else _plain_bounds(xml, limits)
    if bounds is not None:  # and, written the usual way, no cell holds a formula or error
        return {}, bounds
    marks: dict[tuple[int, int], Cell] = {}
    if _CELL_WITHOUT_R.search(xml):
        bounds, marks = _walk(xml)
    else:
        bounds = _reference_bounds(_R_VALUE.findall(xml))
    if bounds is not None:
        _check_block(bounds, limits)
    if not marks and _may_hold_formulas(xml, prefixed):
        _, marks = _walk(xml)
    return marks, bounds


def _check_block(bounds: _Bounds, limits: Limits) -> None:
    """The rows the sheet reaches, and the block from its first to its last cell."""
    _check_size(bounds.bottom + 1, bounds.bottom - bounds.top + 1, bounds, limits, limits.block)


def _may_hold_formulas(xml: bytes, prefixed: bool) -> bool:
    """Whether the sheet may hold a formula (or an error cell): a miss only loses what
    calamine loses, the sheet is measured all the same, so the usual forms are enough."""
    hints = _FORMULA_HINTS + ((_PREFIXED_FORMULA,) if prefixed else ())
    return any(pattern.search(xml) is not None for pattern in hints)


# Literal searches, one by one: several times faster than `in` on bytes, or an alternation.
_FORMULA_HINTS = (re.compile(b"<f"), re.compile(b't="e"'))
_PREFIXED_FORMULA = re.compile(b":f")
_PREFIX_HINT = re.compile(b":c")
_CELL_BYTES = len(b"<c><v>1</v></c>")
_ROW_BYTES = len(b"<row/>")


def _plain_bounds(xml: bytes, limits: Limits) -> _Bounds | None:
    """Bounds found with a few searches and no work per cell, for a sheet written the usual
    way: every cell `<c r="A1">` (with at most `s` and `t` after) holding a value or text,
    its reference within columns and rows that keep the block within the limit. None when
    the sheet is written otherwise or reaches further (the caller then looks at every
    reference, and for formulas)."""
    for columns, digits in _fast_shapes(limits.block):
        if _unusual_cell(columns, digits).search(xml) is None:
            return _Bounds(0, 10**digits - 2, 0, columns - 1)
    return None


_PREFIXED_CELL = re.compile(rb"<[^\s<>/!?=]+:c[\s/>]")


@functools.cache
def _fast_shapes(block: int) -> tuple[tuple[int, int], ...]:
    """(columns, digits of the row number) a fast look tries, most rows first: up to
    column Z, H or D, with rows up to 10**digits - 1 such that the block stays within
    `block`; a shape with fewer rows and columns than another is left out."""
    shapes: list[tuple[int, int]] = []
    for columns in (26, 8, 4):
        digits = 1
        while (10 ** (digits + 1) - 1) * columns <= block:
            digits += 1
        if (10**digits - 1) * columns <= block and not any(d >= digits for _, d in shapes):
            shapes.append((columns, digits))
    return tuple(sorted(shapes, key=lambda shape: -shape[1]))


@functools.cache
def _unusual_cell(columns: int, digits: int) -> re.Pattern[bytes]:
    """A cell other than `<c r="A1">` (`s`, `t` after; no error type) holding a value or
    text, its reference within `columns` and row numbers of at most `digits` digits."""
    last = chr(ord("A") + columns - 1)
    reference = rf'r="[A-{last}]?[0-9]{{1,{digits}}}"'
    # Then a value, inline text, or nothing: a formula (<f>) takes the slower way.
    content = r"(?:/>|><v>|><is>|></c>)"
    tag = rf'<c(?=[\s/>])(?! {reference}(?: s="[^"<>]*"| t="(?!e")[^"<>]*")*{content})'
    return re.compile(tag.encode())


def _check_declared(ref: bytes, limits: Limits) -> None:
    """A sheet's stated size counts as if read: openpyxl, which writes the annotated copy
    of a grader's workbook, pads a sheet to it."""
    corners = [_parse_ref(part) for part in ref.decode("ascii", "replace").split(":")]
    if len(corners) != 2:
        return
    (top, left), (bottom, right) = corners
    rows = bottom - top + 1
    _check_size(rows, rows, _Bounds(top, bottom, left, right), limits, limits.cells)


def _check_size(reach: int, rows: int, bounds: _Bounds, limits: Limits, cells: int) -> None:
    if reach > limits.rows:
        raise WorkbookProblem("too_many_rows", f"rows up to {reach}")
    if rows * max(bounds.right - bounds.left + 1, 1) > cells:
        raise WorkbookProblem("too_costly", f"{rows} rows × {bounds.right - bounds.left + 1}")


def _parse_ref(value: str) -> tuple[int, int]:
    """(row, column) from 0, as calamine reads a reference; a column of more than three
    letters, or text that is no reference, makes the sheet corrupt."""
    match = _REF.fullmatch(value)
    if match is None or int(match.group(2)) == 0:
        raise WorkbookProblem("corrupt", f"a cell reference {value[:20]!r}")
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)) - 1, column - 1


def _reference_bounds(values: list[bytes]) -> _Bounds | None:
    """Bounds from every `r` attribute (of rows, cells, and anything else that has one:
    more can only widen them); None when there is none."""
    if not values:
        return None
    joined = b"\n".join(values) + b"\n"
    if _PLAIN_REFS.fullmatch(joined) is None:  # lower case, or not a reference at all
        refs = [_parse_ref(value.decode("ascii", "replace")) for value in values]
        rows = [row for row, _ in refs]
        columns = [column for _, column in refs if column >= 0]
        return _Bounds(min(rows), max(rows), min(columns, default=0), max(columns, default=0))
    rows_found = [int(d) for d in _DIGITS.findall(joined)]
    columns_found = [_column(letters) for letters in set(_LETTERS.findall(joined))]
    return _Bounds(
        min(rows_found) - 1,
        max(rows_found) - 1,
        min(columns_found, default=0),
        max(columns_found, default=0),
    )


def _column(letters: bytes) -> int:
    column = 0
    for letter in letters:
        column = column * 26 + letter - 64
    return column - 1


def _walk(xml: bytes) -> tuple[_Bounds | None, dict[tuple[int, int], Cell]]:
    """Every cell's place as calamine finds it (a cell without `r` follows the one before
    it; a row without `r` the row before), with the formulas without a value and the error
    cells. Slower than the reference scan; needed only for such sheets."""
    walker = _Walker()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = walker.start
    parser.EndElementHandler = walker.end
    parser.CharacterDataHandler = walker.text
    parser.StartDoctypeDeclHandler = _refuse_doctype
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as error:
        raise WorkbookProblem("corrupt", str(error)) from error
    return walker.bounds(), walker.marks


def _refuse_doctype(*_args: object) -> None:
    raise DoctypeFound


class _Walker:
    def __init__(self) -> None:
        self.row = 0
        self.column = 0
        self.rows: list[int] = []
        self.columns: list[int] = []
        self.marks: dict[tuple[int, int], Cell] = {}
        self.cell: tuple[int, int] | None = None
        self.kind: str | None = None
        self.formula = False
        self.value: list[str] | None = None
        self.in_value = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "row":
            if "r" in attributes:
                self.row = _parse_ref(attributes["r"])[0]
        elif local == "c":
            if "r" in attributes:
                self.row, self.column = _parse_ref(attributes["r"])
            self.cell = (self.row, self.column)
            self.rows.append(self.row)
            self.columns.append(self.column)
            self.kind, self.formula, self.value = attributes.get("t"), False, None
        elif self.cell is not None and local == "f":
            self.formula = True
        elif self.cell is not None and local == "v":
            self.value, self.in_value = self.value or [], True

    def text(self, data: str) -> None:
        if self.in_value and self.value is not None:
            self.value.append(data)

    def end(self, name: str) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "row":
            self.row += 1
            self.column = 0
        elif local == "c" and self.cell is not None:
            if self.kind == "e" and self.value:  # the error's text, e.g. #N/A
                self.marks[self.cell] = "".join(self.value)
            elif self.formula and not self.value:  # no <v>, or an empty one (openpyxl's)
                self.marks[self.cell] = FORMULA_WITHOUT_VALUE
            self.cell = None
            self.column += 1
        elif local == "v":
            self.in_value = False

    def bounds(self) -> _Bounds | None:
        if not self.rows:
            return None
        return _Bounds(min(self.rows), max(self.rows), min(self.columns), max(self.columns))


def _overlay(cells: SheetCells, marks: dict[tuple[int, int], Cell]) -> None:
    """Put the marked cells into the rows, widening the block where calamine (reading them
    as empty) left them out."""
    marked_rows = [row for row, _ in marks]
    marked_columns = [column for _, column in marks]
    top, left, bottom = min(marked_rows), min(marked_columns), max(marked_rows)
    rows = cells.rows
    if rows:
        first_row, first_column = cells.first_row - 1, cells.first_column - 1
        top, left = min(top, first_row), min(left, first_column)
        bottom = max(bottom, first_row + len(rows) - 1)
        shift = first_column - left
        rows = [[] for _ in range(first_row - top)] + [
            [""] * shift + values if shift and values else values for values in rows
        ]
    rows.extend([] for _ in range(bottom - top + 1 - len(rows)))
    for (row, column), value in marks.items():
        values = rows[row - top]
        index = column - left
        if len(values) <= index:
            values.extend([""] * (index + 1 - len(values)))
        values[index] = value
    cells.rows, cells.first_row, cells.first_column = rows, top + 1, left + 1


def iter_rows(cells: SheetCells) -> Iterator[tuple[int, list[Cell]]]:
    """(sheet row number, values) of every row of the block."""
    return enumerate(cells.rows, start=cells.first_row)
