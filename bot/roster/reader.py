"""Roster workbook → rows: the sheet layout of SPEC §9.4, header matching, cell parsing."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from difflib import get_close_matches
from enum import StrEnum
from os import PathLike
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl.utils import get_column_letter

from bot.i18n import format_list, t
from bot.spreadsheets import FORMULA_WITHOUT_VALUE, Limits, SheetCells, Workbook, WorkbookProblem

Progress = Callable[[str, int, int], None]

PROGRESS_EVERY = 5000
CLOSE_MATCH = 0.75  # how like a known column an unknown header must be to be named as it


@dataclass(frozen=True)
class RosterProblem:
    """One thing wrong with a workbook, located as precisely as possible.

    `sheet` is None only for problems with the file as a whole. What is wrong is the
    catalog message `key` (a `roster.problem.*` key of bot/i18n/catalog/roster.py) with
    `params`, so that it can be shown in either language.
    """

    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    key: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    def explanation(self, lang: str) -> str:
        """What is wrong, without the place. A tuple parameter is a list ("a, b og c")."""
        params = {
            name: format_list(lang, value) if isinstance(value, tuple) else value
            for name, value in self.params.items()
        }
        return t(lang, self.key, **params)

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return self.explanation("en")

    def render(self, lang: str) -> str:
        """The whole problem as one line: place, value as written, what is wrong."""
        place = self._place(lang)
        if self.value is not None:
            place += f": {self.value!r}"
        return f"{place} — {self.explanation(lang)}"

    def _place(self, lang: str) -> str:
        if self.sheet is None:
            return t(lang, "roster.place.workbook")
        where = {"sheet": self.sheet, "row": self.row, "column": self.column}
        if self.row is not None and self.column is not None:
            return t(lang, "roster.place.cell", **where)
        if self.row is not None:
            return t(lang, "roster.place.row", **where)
        if self.column is not None:
            return t(lang, "roster.place.column", **where)
        return self.sheet

    def __str__(self) -> str:
        return self.render("en")


class RosterError(Exception):
    """The workbook cannot be imported; `problems` names every reason, and `warnings` the
    headers it does not know (a misspelt one may be why a problem arose)."""

    def __init__(
        self, problems: list[RosterProblem], warnings: Sequence[RosterWarning] = ()
    ) -> None:
        self.problems = list(problems)
        self.warnings = list(warnings)
        summary = f"{len(self.problems)} problem(s) in the roster workbook"
        super().__init__("\n".join([summary, *(str(p) for p in self.problems)]))


@dataclass(frozen=True)
class RosterWarning:
    """A header Sensorbot does not know: the import goes on without that column. `close`
    is the known column it most resembles (a misspelling, probably), if any; `defaulted`
    says that column is missing from the sheet, so its default was used."""

    sheet: str
    letter: str
    header: str
    close: str | None = None
    defaulted: bool = False

    def render(self, lang: str) -> str:
        where = {"sheet": self.sheet, "letter": self.letter, "header": self.header}
        if self.close is None:
            return t(lang, "roster.warning.unknown_column", **where)
        key = (
            "roster.warning.unknown_column_default"
            if self.defaulted
            else "roster.warning.unknown_column_close"
        )
        return t(lang, key, close=self.close, **where)

    def __str__(self) -> str:
        return self.render("en")


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a roster sheet. What it means, in either language, is the catalog
    message `roster.column.<sheet>.<column>` (bot/i18n/catalog/roster.py)."""

    name: str
    required: bool


@dataclass(frozen=True)
class SheetSpec:
    name: str
    required: bool
    columns: tuple[ColumnSpec, ...]

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


# The roster layout (SPEC §9.4). A "required" column must be present as a header; whether
# its cells may be blank is decided in validate.py (a blank committee is meaningful).
SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(
        "Tests",
        True,
        (
            ColumnSpec("test_id", True),
            ColumnSpec("course_code", True),
            ColumnSpec("title", False),
            ColumnSpec("department", True),
            ColumnSpec("consultant_emails", True),
            ColumnSpec("submission_deadline", True),
            ColumnSpec("grading_deadline", False),
            ColumnSpec("grade_scale", True),
            ColumnSpec("marking_mode", False),
            ColumnSpec("own_approval", False),
            ColumnSpec("final_approval", False),
            ColumnSpec("opened_for_marking", False),
            ColumnSpec("guideline_published", False),
            ColumnSpec("registration_only", False),
            ColumnSpec("grading_in", False),
            ColumnSpec("inspera_test_id", False),
            ColumnSpec("oral_or_practical", False),
            ColumnSpec("results_published", False),
        ),
    ),
    SheetSpec(
        "Graders",
        True,
        (
            ColumnSpec("email", True),
            ColumnSpec("name", False),
            ColumnSpec("kind", True),
            ColumnSpec("inspera_email", False),
            ColumnSpec("appointed", False),
            ColumnSpec("access_agreement", False),
            ColumnSpec("norwegian_id", False),
            ColumnSpec("university_user_activated", False),
        ),
    ),
    SheetSpec(
        "Committees",
        True,
        (
            ColumnSpec("test_id", True),
            ColumnSpec("committee", True),
            ColumnSpec("grader_email", True),
            ColumnSpec("purpose", False),
        ),
    ),
    SheetSpec(
        "Candidates",
        True,
        (
            ColumnSpec("test_id", True),
            ColumnSpec("candidate_id", True),
            ColumnSpec("committee", True),
            ColumnSpec("status", True),
        ),
    ),
    SheetSpec(
        "Departments",
        False,
        (
            ColumnSpec("department", True),
            ColumnSpec("escalation_channel", True),
        ),
    ),
    SheetSpec(
        "Explanations",
        False,
        (
            ColumnSpec("test_id", True),
            ColumnSpec("candidate_id", True),
            ColumnSpec("requested_at", True),
        ),
    ),
    SheetSpec(
        "Complaints",
        False,
        (
            ColumnSpec("test_id", True),
            ColumnSpec("candidate_id", True),
            ColumnSpec("received_at", True),
            ColumnSpec("complaint_committee", True),
            ColumnSpec("explanation_received_at", False),
        ),
    ),
)
SHEET_BY_NAME = {spec.name: spec for spec in SHEETS}


def normalise_name(value: object) -> str:
    """Sheet and header names compare case-insensitively; inner spaces and hyphens count
    as underscores, so `Test ID` matches `test_id`."""
    return re.sub(r"[\s\-]+", "_", str(value).strip()).lower()


@dataclass
class SheetRows:
    """The non-blank data rows of one sheet, with where each known column sits."""

    spec: SheetSpec
    title: str
    columns: dict[str, int]
    repeated_columns: list[str] = field(default_factory=list)
    rows: list[tuple[int, Sequence[object]]] = field(default_factory=list)
    unknown_columns: list[tuple[int, str]] = field(default_factory=list)  # (index, header)

    def warnings(self) -> list[RosterWarning]:
        """One per unknown header, with the known column it most resembles."""
        known = [column.name for column in self.spec.columns]
        result = []
        for index, header in self.unknown_columns:
            match = get_close_matches(normalise_name(header), known, n=1, cutoff=CLOSE_MATCH)
            close = match[0] if match else None
            defaulted = close is not None and not self.has(close)
            letter = get_column_letter(index + 1)
            result.append(RosterWarning(self.spec.name, letter, header, close, defaulted))
        return result

    def has(self, column: str) -> bool:
        return column in self.columns

    def getter(self, column: str) -> Callable[[Sequence[object]], object]:
        """A fast accessor for one column's value in a row tuple (None when absent)."""
        index = self.columns.get(column)
        if index is None:
            return lambda values: None
        return lambda values: values[index] if index < len(values) else None


@dataclass
class WorkbookRows:
    sheets: dict[str, SheetRows]
    titles: list[str]
    repeated_sheets: list[str] = field(default_factory=list)

    def warnings(self) -> list[RosterWarning]:
        return [warning for sheet in self.sheets.values() for warning in sheet.warnings()]


# What a roster workbook may hold (bot/spreadsheets.py measures each sheet against it
# before reading): Excel's rows, and blocks of cells well beyond the SPEC §7 roster
# (200,000 candidates in four columns) within some 200 MB.
LIMITS = Limits(
    rows=1_048_576,
    cells=5_000_000,
    strings=5_000_000,
    block=4_000_000,
    inflated_bytes=400 * 1024 * 1024,
)


def read_workbook(path: str | PathLike[str], progress: Progress | None = None) -> WorkbookRows:
    """Read the roster sheets of `path`; raises RosterError when the file is unreadable."""
    path = Path(path)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise RosterError([_file_problem("roster.problem.file_not_found", path=path)]) from None
    except OSError as error:
        raise RosterError([_unreadable(path, WorkbookProblem("corrupt", str(error)))]) from error
    if not content.startswith(b"PK"):
        problem = WorkbookProblem("corrupt", "not a zip archive")
        raise RosterError([_unreadable(path, problem)])
    try:
        with Workbook(content, LIMITS) as workbook:
            return _read_sheets(workbook, progress)
    except WorkbookProblem as error:
        raise RosterError([_unreadable(path, error)]) from error


def _unreadable(path: Path, error: WorkbookProblem) -> RosterProblem:
    if error.kind == "unsafe_xml":
        return _file_problem("roster.problem.xml_entities", name=path.name, cause=error.detail)
    return _file_problem("roster.problem.unreadable", name=path.name, detail=str(error))


def _file_problem(key: str, **params: object) -> RosterProblem:
    return RosterProblem(None, None, None, None, key, params)


def _read_sheets(workbook: Workbook, progress: Progress | None) -> WorkbookRows:
    specs = {normalise_name(spec.name): spec for spec in SHEETS}
    found: list[tuple[SheetSpec, int, str]] = []
    repeated: list[str] = []
    titles = []
    for index, info in enumerate(workbook.sheets()):
        titles.append(info.name)
        spec = specs.get(normalise_name(info.name))
        if spec is None or not info.worksheet:
            continue
        if any(seen is spec for seen, _, _ in found):
            repeated.append(spec.name)
        else:
            found.append((spec, index, info.name))
    sheets: dict[str, SheetRows] = {}
    done = 0
    for spec, index, title in found:
        sheet = _sheet_rows(spec, title, workbook.read(index, repeated_values=True))
        sheets[spec.name] = sheet
        done += len(sheet.rows)
        if progress is not None:
            progress("reading", done, done)
    return WorkbookRows(sheets=sheets, titles=titles, repeated_sheets=repeated)


def _sheet_rows(spec: SheetSpec, title: str, cells: SheetCells) -> SheetRows:
    """The header from the sheet's first row, and every data row with a value (calamine
    reads an empty cell as "", a formula without a value is empty too)."""
    rows = cells.rows
    if cells.marked:  # as wide as the block everywhere, formulas without a value empty
        width = max(map(len, rows), default=0)
        rows = [
            [None if v is FORMULA_WITHOUT_VALUE else v for v in values]
            + [""] * (width - len(values))
            for values in rows
        ]
    header: Sequence[object] = rows[0] if rows and cells.first_row == 1 else ()
    sheet = _sheet_with_header(spec, title, header)
    data = rows[1:] if header else rows
    start = cells.first_row + (1 if header else 0)
    # Most rows start with a value: that settles it without looking further.
    sheet.rows = [
        (number, values)
        for number, values in enumerate(data, start=start)
        if ((first := values[0]).__class__ is str and first and not first.isspace())
        or not _is_blank(values)
    ]
    return sheet


def _sheet_with_header(spec: SheetSpec, title: str, header: Sequence[object]) -> SheetRows:
    known = {column.name for column in spec.columns}
    columns: dict[str, int] = {}
    repeated: list[str] = []
    unknown: list[tuple[int, str]] = []
    for index, cell in enumerate(header):
        if cell is None or cell == "" or (isinstance(cell, str) and cell.isspace()):
            continue
        name = normalise_name(cell)
        if name not in known:
            unknown.append((index, shown(cell) or name))
            continue
        if name in columns:
            repeated.append(name)
        else:
            columns[name] = index
    return SheetRows(
        spec=spec, title=title, columns=columns, repeated_columns=repeated, unknown_columns=unknown
    )


def _is_blank(values: Sequence[object]) -> bool:
    for value in values:
        if value is None or value == "" or (isinstance(value, str) and value.isspace()):
            continue
        return False
    return True


# --- cell parsing ---------------------------------------------------------------------
# Each parser takes a raw cell value that is not blank and returns the stored value, or
# raises CellError with a catalog key saying what is expected.


class CellError(ValueError):
    """A cell that cannot be read: the catalog message `key` with `params`."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(t("en", key, **params))
        self.key = key
        self.params = params


def text(value: object) -> str | None:
    """The cell as stripped text; None when blank. Whole numbers lose Excel's `.0`."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = str(value).strip()
    return result or None


SHOWN_LENGTH = 80


def shown(value: object) -> str | None:
    """The raw value as a consultant would recognise it in a problem message."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    result = text(value)
    if result is not None and len(result) > SHOWN_LENGTH:
        result = result[: SHOWN_LENGTH - 1] + "…"
    return result


_EMAIL = re.compile(r"^[^@\s,;<>()\[\]\"]+@[^@\s,;<>()\[\]\"]+\.[^@\s,;<>()\[\]\".]{2,}$")


def parse_email(value: object) -> str:
    result = text(value)
    if result is None or not _EMAIL.match(result):
        raise CellError("roster.problem.email")
    return result.lower()


def parse_email_list(value: object) -> tuple[str, ...]:
    parts = [part.strip() for part in re.split(r"[,;]", text(value) or "")]
    parts = [part for part in parts if part]
    if not parts:
        raise CellError("roster.problem.email_list_empty")
    bad = [part for part in parts if not _EMAIL.match(part)]
    if bad:
        listed = ", ".join(repr(part) for part in bad)
        raise CellError("roster.problem.email_list_bad", addresses=listed)
    return tuple(dict.fromkeys(part.lower() for part in parts))


_YES = frozenset({"yes", "ja", "true", "1"})
_NO = frozenset({"no", "nei", "false", "0"})


def parse_yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = (text(value) or "").lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellError("roster.problem.yes_no")


def parse_choice(value: object, choices: type[StrEnum]) -> str:
    """One of the enum's values, case-insensitively; returned as its lower-case text."""
    word = (text(value) or "").lower()
    try:
        return choices(word).value
    except ValueError:
        allowed = ", ".join(member.value for member in choices)
        raise CellError("roster.problem.choice", allowed=allowed) from None


def parse_datetime(value: object, tz: ZoneInfo) -> datetime:
    """An Excel date cell or ISO 8601 text; read in `tz` unless the text has an offset."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise CellError("roster.problem.datetime_text") from None
    else:
        raise CellError("roster.problem.datetime_cell")
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    local = moment.replace(tzinfo=tz)
    if local.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != moment:
        raise CellError("roster.problem.local_time_missing", zone=tz.key)
    return local.astimezone(UTC)
