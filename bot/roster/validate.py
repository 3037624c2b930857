"""Every check of a roster workbook, collecting all problems in one pass.

The result is a `Roster` of plain values shaped like the store's rows, ready to be diffed
against the store; nothing here touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TypeGuard
from zoneinfo import ZoneInfo

from bot.exams.deadlines import DeadlineRule
from bot.roster.reader import (
    PROGRESS_EVERY,
    SHEETS,
    CellError,
    Progress,
    RosterError,
    RosterProblem,
    SheetRows,
    WorkbookRows,
    parse_choice,
    parse_datetime,
    parse_email,
    parse_email_list,
    parse_yes_no,
    shown,
    text,
)
from models.tables import (
    CandidateStatus,
    FinalApproval,
    GraderKind,
    GradeScale,
    MarkingMode,
    OwnApproval,
)

# Column widths of the store (models/tables.py); longer text is a problem, not a DB error.
MAX_LENGTH = {
    "test_id": 128,
    "course_code": 64,
    "title": 512,
    "department": 64,
    "email": 320,
    "inspera_email": 320,
    "grader_email": 320,
    "name": 256,
    "committee": 128,
    "candidate_id": 64,
    "escalation_channel": 64,
}

_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{8,}$")

_BAD = object()  # a cell that was present but could not be parsed (already reported)


@dataclass
class Roster:
    """The validated content of a workbook, keyed like the store.

    `memberships` and `candidates` hold only the tests mentioned in those sheets: for
    those tests the workbook is the whole truth; other tests are left alone.
    """

    tests: dict[str, dict] = field(default_factory=dict)
    consultants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    graders: dict[str, dict] = field(default_factory=dict)
    memberships: dict[str, set[tuple[str | None, str]]] = field(default_factory=dict)
    candidates: dict[str, dict[str, tuple[str | None, str]]] = field(default_factory=dict)
    departments: dict[str, dict] = field(default_factory=dict)


class _Sheet:
    """Reads and checks cells of one sheet, recording each problem against `problems`."""

    def __init__(self, rows: SheetRows, problems: list[RosterProblem]) -> None:
        self.rows = rows
        self.name = rows.spec.name
        self.problems = problems

    def problem(
        self, row: int | None, column: str | None, value: object, key: str, /, **params: object
    ) -> None:
        """Record the catalog message `key` with `params` (positional-only above, so that a
        message may itself have a `column` parameter)."""
        self.problems.append(RosterProblem(self.name, row, column, shown(value), key, params))

    def reader(
        self, column: str, parse: Callable[[object], object] | None = None, required: bool = False
    ) -> Callable[[int, Sequence[object]], object]:
        """A function (row number, row values) → parsed value, None when blank, or _BAD.

        A column missing from the sheet reads as blank everywhere: a missing required
        column is reported once by `_check_sheets_and_columns`, not once per row.
        """
        if not self.rows.has(column):
            return lambda number, values: None
        index = self.rows.columns[column]
        limit = MAX_LENGTH.get(column)
        problem = self.problem
        # What a raw value read as, for values read before without a problem: ids, codes
        # and statuses repeat across thousands of rows. Keyed with the type when not text,
        # as True == 1.0 and both hash alike.
        known: dict[object, object] = {}

        def read(number: int, values: Sequence[object]) -> object:
            try:
                raw = values[index]
            except IndexError:
                raw = None
            key = raw if raw.__class__ is str else (raw.__class__, raw)
            try:
                return known[key]
            except KeyError:
                pass
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if required:
                    problem(number, column, None, "roster.problem.cell_empty")
                    return None
                known[key] = None
                return None
            try:
                value = parse(raw) if parse is not None else text(raw)
            except CellError as error:
                problem(number, column, raw, error.key, **error.params)
                return _BAD
            if limit is not None and isinstance(value, str) and len(value) > limit:
                problem(number, column, raw, "roster.problem.too_long", limit=limit)
                return _BAD
            known[key] = value
            return value

        return read


def validate_roster(
    workbook: WorkbookRows,
    tz: ZoneInfo,
    stored_test_ids: Collection[str],
    stored_grader_emails: Collection[str],
    progress: Progress | None = None,
    deadline_rule: DeadlineRule = DeadlineRule(),
) -> Roster:
    """Check the whole workbook; raise RosterError naming every problem, or return it."""
    problems: list[RosterProblem] = []
    _check_sheets_and_columns(workbook, problems)
    total = sum(len(sheet.rows) for sheet in workbook.sheets.values())
    counter = _Counter(progress, total)
    roster = Roster()
    sheets = workbook.sheets
    test_ids_in_workbook: set[str] = set()
    grader_emails_in_workbook: set[str] = set()
    if "Tests" in sheets:
        test_ids_in_workbook = _tests(
            _Sheet(sheets["Tests"], problems), tz, roster, counter, deadline_rule
        )
    if "Graders" in sheets:
        grader_emails_in_workbook = _graders(_Sheet(sheets["Graders"], problems), roster, counter)
    known_tests = _KnownKeys(test_ids_in_workbook, stored_test_ids)
    known_graders = set(stored_grader_emails) | grader_emails_in_workbook
    if "Committees" in sheets:
        sheet = _Sheet(sheets["Committees"], problems)
        _committees(sheet, roster, known_tests, known_graders, counter)
    if "Candidates" in sheets:
        _candidates(_Sheet(sheets["Candidates"], problems), roster, known_tests, counter)
    if "Departments" in sheets:
        _departments(_Sheet(sheets["Departments"], problems), roster, counter)
    counter.finish()
    if problems:
        raise RosterError(problems)
    return roster


class _Counter:
    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def step(self) -> None:
        self.advance(1)

    def advance(self, rows: int) -> None:
        """`rows` more validated; progress is told at every PROGRESS_EVERY rows passed."""
        before, self.done = self.done, self.done + rows
        if self.progress is not None and before // PROGRESS_EVERY != self.done // PROGRESS_EVERY:
            self.progress("validating", self.done, self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress("validating", self.total, self.total)


class _KnownKeys:
    """Test ids known from the workbook or the store, with a hint for a case slip."""

    def __init__(self, *sources: Collection[str]) -> None:
        self.keys: set[str] = set().union(*sources)
        self.by_lower = {key.lower(): key for key in self.keys}

    def __contains__(self, key: str) -> bool:
        return key in self.keys

    def report_unknown(self, sheet: _Sheet, number: int, key: str) -> None:
        close = self.by_lower.get(key.lower())
        if close is None:
            sheet.problem(number, "test_id", key, "roster.problem.unknown_test")
        else:
            sheet.problem(number, "test_id", key, "roster.problem.unknown_test_close", close=close)


def _check_sheets_and_columns(workbook: WorkbookRows, problems: list[RosterProblem]) -> None:
    for name in workbook.repeated_sheets:
        problems.append(RosterProblem(name, None, None, None, "roster.problem.sheet_repeated"))
    for spec in SHEETS:
        sheet = workbook.sheets.get(spec.name)
        if sheet is None:
            if spec.required:
                problems.append(_missing_sheet(spec.name, workbook.titles))
            continue
        for column in spec.required_columns:
            if not sheet.has(column):
                key = "roster.problem.column_missing"
                problems.append(RosterProblem(spec.name, None, column, None, key))
        for column in sheet.repeated_columns:
            key = "roster.problem.column_repeated"
            problems.append(RosterProblem(spec.name, 1, column, None, key))


def _missing_sheet(name: str, titles: list[str]) -> RosterProblem:
    if not titles:
        return RosterProblem(name, None, None, None, "roster.problem.sheet_missing_no_sheets")
    found = {"found": ", ".join(titles)}
    return RosterProblem(name, None, None, None, "roster.problem.sheet_missing", found)


def _duplicate(
    sheet: _Sheet,
    seen: dict,
    key: object,
    number: int,
    column: str,
    value: object,
    message_key: str | None = None,
) -> bool:
    """True (and reported) when `key` was already seen on an earlier row. The message
    names `column` as the duplicate unless a `message_key` says what is repeated."""
    first = seen.get(key)
    if first is not None:
        if message_key is None:
            duplicate = "roster.problem.duplicate"
            sheet.problem(number, column, value, duplicate, column=column, first=first)
        else:
            sheet.problem(number, column, value, message_key, first=first)
        return True
    seen[key] = number
    return False


def _incomplete(row: dict, required: tuple[str, ...]) -> bool:
    """True when a cell of the row was bad or a required one blank (both already reported)."""
    return any(value is _BAD for value in row.values()) or any(row[k] is None for k in required)


def _tests(
    sheet: _Sheet, tz: ZoneInfo, roster: Roster, counter: _Counter, deadline_rule: DeadlineRule
) -> set[str]:
    """Tests rows into `roster`; returns every test id written in the sheet, even on rows
    with other problems, so that other sheets are not told the test is unknown."""

    def when(value: object) -> datetime:
        return parse_datetime(value, tz)

    def choice(enum: type[StrEnum]) -> Callable[[object], str]:
        return lambda value: parse_choice(value, enum)

    readers = {
        "test_id": sheet.reader("test_id", required=True),
        "course_code": sheet.reader("course_code", required=True),
        "title": sheet.reader("title"),
        "department": sheet.reader("department", required=True),
        "submission_deadline": sheet.reader("submission_deadline", when, required=True),
        "grading_deadline": sheet.reader("grading_deadline", when),
        "grade_scale": sheet.reader("grade_scale", choice(GradeScale), required=True),
        "marking_mode": sheet.reader("marking_mode", choice(MarkingMode)),
        "own_approval": sheet.reader("own_approval", choice(OwnApproval)),
        "final_approval": sheet.reader("final_approval", choice(FinalApproval)),
        "opened_for_marking": sheet.reader("opened_for_marking", when),
        "guideline_published": sheet.reader("guideline_published", parse_yes_no),
        "registration_only": sheet.reader("registration_only", parse_yes_no),
    }
    read_consultants = sheet.reader("consultant_emails", parse_email_list, required=True)
    raw_grading = sheet.rows.getter("grading_deadline")
    required = ("test_id", "course_code", "department", "submission_deadline", "grade_scale")

    seen: dict[str, int] = {}
    mentioned: set[str] = set()
    for number, values in sheet.rows.rows:
        counter.step()
        row = {name: read(number, values) for name, read in readers.items()}
        consultants = read_consultants(number, values)
        test_id, submission, grading = (
            row["test_id"],
            row["submission_deadline"],
            row["grading_deadline"],
        )
        if (
            isinstance(grading, datetime)
            and isinstance(submission, datetime)
            and grading <= submission
        ):
            local = f"{submission.astimezone(tz):%Y-%m-%d %H:%M}"
            key = "roster.problem.grading_before_submission"
            sheet.problem(number, "grading_deadline", raw_grading(values), key, submission=local)
            row["grading_deadline"] = _BAD
        if isinstance(test_id, str):
            mentioned.add(test_id)
            if _duplicate(sheet, seen, test_id, number, "test_id", test_id):
                continue
        if _incomplete(row, required) or not isinstance(consultants, tuple):
            continue
        if not (isinstance(test_id, str) and isinstance(submission, datetime)):
            continue  # both required: _incomplete has seen to it
        row["grading_deadline_given"] = grading is not None
        if grading is None:
            row["grading_deadline"] = deadline_rule.grading_deadline(submission, tz)
        row["marking_mode"] = row["marking_mode"] or MarkingMode.private.value
        row["own_approval"] = row["own_approval"] or OwnApproval.committee.value
        row["final_approval"] = row["final_approval"] or FinalApproval.all.value
        row["registration_only"] = bool(row["registration_only"])
        roster.tests[test_id] = row
        roster.consultants[test_id] = consultants
    return mentioned


def _graders(sheet: _Sheet, roster: Roster, counter: _Counter) -> set[str]:
    readers = {
        "email": sheet.reader("email", parse_email, required=True),
        "name": sheet.reader("name"),
        "kind": sheet.reader("kind", lambda v: parse_choice(v, GraderKind), required=True),
        "inspera_email": sheet.reader("inspera_email", parse_email),
        "appointed": sheet.reader("appointed", parse_yes_no),
        "access_agreement": sheet.reader("access_agreement", parse_yes_no),
        "norwegian_id": sheet.reader("norwegian_id", parse_yes_no),
        "university_user_activated": sheet.reader("university_user_activated", parse_yes_no),
    }
    seen: dict[str, int] = {}
    for number, values in sheet.rows.rows:
        counter.step()
        row = {name: read(number, values) for name, read in readers.items()}
        email = row["email"]
        if isinstance(email, str) and _duplicate(sheet, seen, email, number, "email", email):
            continue
        if _incomplete(row, ("email", "kind")) or not isinstance(email, str):
            continue
        roster.graders[email] = row
    return set(seen)


def _committees(
    sheet: _Sheet,
    roster: Roster,
    known_tests: _KnownKeys,
    known_graders: set[str],
    counter: _Counter,
) -> None:
    read_test = sheet.reader("test_id", required=True)
    read_committee = sheet.reader("committee")
    read_grader = sheet.reader("grader_email", parse_email, required=True)
    seen: dict[tuple, int] = {}
    for number, values in sheet.rows.rows:
        counter.step()
        test_id = read_test(number, values)
        committee = read_committee(number, values)
        email = read_grader(number, values)
        usable = True
        if isinstance(test_id, str) and test_id not in known_tests:
            known_tests.report_unknown(sheet, number, test_id)
            usable = False
        if isinstance(email, str) and email not in known_graders:
            sheet.problem(number, "grader_email", email, "roster.problem.unknown_grader")
            usable = False
        if not (isinstance(test_id, str) and isinstance(email, str)) or not _committee(committee):
            continue
        key = (test_id, committee, email)
        duplicate = "roster.problem.duplicate_membership"
        if _duplicate(sheet, seen, key, number, "grader_email", email, duplicate) or not usable:
            continue
        roster.memberships.setdefault(test_id, set()).add((committee, email))


def _candidates(sheet: _Sheet, roster: Roster, known_tests: _KnownKeys, counter: _Counter) -> None:
    read_test = sheet.reader("test_id", required=True)
    read_candidate = sheet.reader("candidate_id", _candidate_id, required=True)
    read_committee = sheet.reader("committee")
    read_status = sheet.reader("status", lambda v: parse_choice(v, CandidateStatus), required=True)
    seen: dict[tuple[str, str], int] = {}
    unknown: set[str] = set()
    known = known_tests.keys
    by_test = roster.candidates
    # The sheet that holds most of a roster's rows: one tight loop, no call per check.
    for number, values in sheet.rows.rows:
        test_id = read_test(number, values)
        candidate_id = read_candidate(number, values)
        committee = read_committee(number, values)
        status = read_status(number, values)
        if test_id.__class__ is str and test_id not in known:
            known_tests.report_unknown(sheet, number, test_id)
            unknown.add(test_id)
        if not (isinstance(test_id, str) and isinstance(candidate_id, str)):
            continue
        key = (test_id, candidate_id)
        first = seen.get(key)
        if first is not None:
            problem = "roster.problem.duplicate"
            sheet.problem(
                number, "candidate_id", candidate_id, problem, column="candidate_id", first=first
            )
            continue
        seen[key] = number
        if test_id in unknown or committee is _BAD or not isinstance(status, str):
            continue
        by_test.setdefault(test_id, {})[candidate_id] = (committee, status)  # type: ignore[assignment]
    counter.advance(len(sheet.rows.rows))


def _committee(value: object) -> TypeGuard[str | None]:
    """A committee cell as read: blank or text (not _BAD)."""
    return value is None or isinstance(value, str)


# A spreadsheet runs text starting with these as a formula (or a DDE command), also after
# leading blanks; such a candidate id would be run in every sheet the bot writes it to.
_FORMULA_STARTS = ("=", "+", "-", "@")


def _candidate_id(value: object) -> str:
    """The candidate id as text, refused when Excel would read it as a formula."""
    result = text(value) or ""
    if result.lstrip().startswith(_FORMULA_STARTS):
        raise CellError("roster.problem.formula_like")
    return result


def _departments(sheet: _Sheet, roster: Roster, counter: _Counter) -> None:
    read_code = sheet.reader("department", required=True)
    read_channel = sheet.reader("escalation_channel", _channel_id)
    seen: dict[str, int] = {}
    for number, values in sheet.rows.rows:
        counter.step()
        code = read_code(number, values)
        channel = read_channel(number, values)
        if not isinstance(code, str):
            continue
        if _duplicate(sheet, seen, code, number, "department", code):
            continue
        if channel is not _BAD:
            roster.departments[code] = {"code": code, "escalation_channel": channel}


def _channel_id(value: object) -> str:
    channel = text(value) or ""
    if not _CHANNEL_ID.match(channel):
        raise CellError("roster.problem.channel_id")
    return channel
