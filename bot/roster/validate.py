"""Every check of a roster workbook, collecting all problems in one pass.

The result is a `Roster` of plain values shaped like the store's rows, ready to be diffed
against the store; nothing here touches the database. What the checks of complaint
committees, explanation requests and complaints need to know of the store besides (its
candidates, committees, final grades and complaints) they ask through `StoredRoster`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol, TypeGuard
from zoneinfo import ZoneInfo

from bot.exams.deadlines import (
    COMPLAINT_WITHIN,
    EXPLANATION_ASKED_WITHIN,
    DeadlineRule,
    explanation_due,
)
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
    CommitteePurpose,
    ComplaintStatus,
    FinalApproval,
    GraderKind,
    GradeScale,
    GradingIn,
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
    "complaint_committee": 128,
    "candidate_id": 64,
    "escalation_channel": 64,
    "inspera_test_id": 64,
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
    # test → (committee, grader e-mail) → the committee's purpose
    memberships: dict[str, dict[tuple[str | None, str], str]] = field(default_factory=dict)
    candidates: dict[str, dict[str, tuple[str | None, str]]] = field(default_factory=dict)
    departments: dict[str, dict] = field(default_factory=dict)
    # Tests whose grading_in was blank, so the default for their kind was taken.
    grading_in_defaulted: set[str] = field(default_factory=set)
    # (test, candidate, requested_at) → due_at, late; (test, candidate) → the complaint.
    explanations: dict[tuple[str, str, datetime], dict] = field(default_factory=dict)
    complaints: dict[tuple[str, str], dict] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredComplaint:
    complaint_committee: str
    received_at: datetime
    explanation_received_at: datetime | None
    status: str


class StoredRoster(Protocol):
    """What the checks of the Explanations and Complaints sheets (and of complaint
    committees) read from the store, for the tests they name."""

    def candidates(self, test_ids: Collection[str]) -> dict[str, dict[str, tuple[str | None, str]]]:
        """test → candidate → (committee, status)"""
        ...

    def memberships(
        self, test_ids: Collection[str]
    ) -> dict[str, dict[tuple[str | None, str], str]]:
        """test → (committee, grader e-mail) → purpose"""
        ...

    def complaint_committees(self, test_ids: Collection[str]) -> dict[str, set[str]]:
        """test → the names of its complaint committees"""
        ...

    def final_grades(self, test_id: str) -> Mapping[str, str | None]:
        """candidate → final grade, for a test graded in Sensorbot"""
        ...

    def complaints(self, test_ids: Collection[str]) -> dict[tuple[str, str], StoredComplaint]: ...


class NothingStored:
    """The store of a first import: nothing in it."""

    def candidates(self, test_ids: Collection[str]) -> dict[str, dict[str, tuple[str | None, str]]]:
        return {}

    def memberships(
        self, test_ids: Collection[str]
    ) -> dict[str, dict[tuple[str | None, str], str]]:
        return {}

    def complaint_committees(self, test_ids: Collection[str]) -> dict[str, set[str]]:
        return {}

    def final_grades(self, test_id: str) -> Mapping[str, str | None]:
        return {}

    def complaints(self, test_ids: Collection[str]) -> dict[tuple[str, str], StoredComplaint]:
        return {}


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
    stored_tests: Mapping[str, Mapping[str, object]],
    stored_graders: Mapping[str, Mapping[str, object]],
    progress: Progress | None = None,
    deadline_rule: DeadlineRule = DeadlineRule(),
    store: StoredRoster | None = None,
) -> Roster:
    """Check the whole workbook; raise RosterError naming every problem, or return it.

    `stored_tests` and `stored_graders` are the store's rows by key (with the fields the
    importer compares); `store` answers what the later sheets need to know besides."""
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
    known_tests = _KnownKeys(test_ids_in_workbook, stored_tests)
    known_graders = set(stored_graders) | grader_emails_in_workbook
    broken = test_ids_in_workbook - set(roster.tests)
    current = _Current(roster, stored_tests, stored_graders, store or NothingStored(), broken, tz)
    if "Committees" in sheets:
        sheet = _Sheet(sheets["Committees"], problems)
        _committees(sheet, roster, known_tests, known_graders, counter, current)
    if "Candidates" in sheets:
        sheet = _Sheet(sheets["Candidates"], problems)
        current.incomplete |= _candidates(sheet, roster, known_tests, counter)
        _no_candidates_in_complaint_committees(sheet, roster, current)
    if "Departments" in sheets:
        _departments(_Sheet(sheets["Departments"], problems), roster, counter)
    if "Explanations" in sheets:
        sheet = _Sheet(sheets["Explanations"], problems)
        _explanations(sheet, roster, known_tests, current, counter)
    if "Complaints" in sheets:
        sheet = _Sheet(sheets["Complaints"], problems)
        _complaints(sheet, roster, known_tests, current, counter, deadline_rule)
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
        misspelt = {w.close: w for w in sheet.warnings() if w.close is not None}
        for column in spec.required_columns:
            if sheet.has(column):
                continue
            if column in misspelt:  # the header written nearly right: say where
                like = misspelt[column]
                key = "roster.problem.column_missing_close"
                params = {"letter": like.letter, "header": like.header}
                problems.append(RosterProblem(spec.name, None, column, None, key, params))
            else:
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
        "grading_in": sheet.reader("grading_in", choice(GradingIn)),
        "inspera_test_id": sheet.reader("inspera_test_id"),
        "oral_or_practical": sheet.reader("oral_or_practical", parse_yes_no),
        "results_published": sheet.reader("results_published", when),
    }
    read_consultants = sheet.reader("consultant_emails", parse_email_list, required=True)
    raw_grading = sheet.rows.getter("grading_deadline")
    required = ("test_id", "course_code", "department", "submission_deadline", "grade_scale")

    seen: dict[str, int] = {}
    seen_inspera: dict[str, int] = {}
    mentioned: set[str] = set()
    for number, values in sheet.rows.rows:
        counter.step()
        row = {name: read(number, values) for name, read in readers.items()}
        consultants = read_consultants(number, values)
        inspera_id = row["inspera_test_id"]
        if isinstance(inspera_id, str) and _duplicate(
            sheet, seen_inspera, inspera_id, number, "inspera_test_id", inspera_id
        ):
            row["inspera_test_id"] = _BAD
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
        row["oral_or_practical"] = bool(row["oral_or_practical"])
        if row["grading_in"] is None:
            # SPEC §2.6: a test with submissions is marked in Inspera, a registration-only
            # test (oral, practical, paper) in Sensorbot, unless the sheet says otherwise.
            registration = row["registration_only"]
            row["grading_in"] = (GradingIn.sensorbot if registration else GradingIn.inspera).value
            roster.grading_in_defaulted.add(test_id)
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
    current: _Current,
) -> None:
    read_test = sheet.reader("test_id", required=True)
    read_committee = sheet.reader("committee")
    read_grader = sheet.reader("grader_email", parse_email, required=True)
    read_purpose = sheet.reader("purpose", lambda v: parse_choice(v, CommitteePurpose))
    raw_purpose = sheet.rows.getter("purpose")
    seen: dict[tuple, int] = {}
    rows_of: dict[tuple[str, str], list[tuple[int, str]]] = {}  # (test, committee) → rows
    for number, values in sheet.rows.rows:
        counter.step()
        test_id = read_test(number, values)
        committee = read_committee(number, values)
        email = read_grader(number, values)
        purpose = read_purpose(number, values)
        usable = purpose is not _BAD
        purpose = purpose or CommitteePurpose.grading.value
        if isinstance(test_id, str) and test_id not in known_tests:
            known_tests.report_unknown(sheet, number, test_id)
            usable = False
        if isinstance(email, str) and email not in known_graders:
            sheet.problem(number, "grader_email", email, "roster.problem.unknown_grader")
            usable = False
        if committee is None and purpose == CommitteePurpose.complaint:
            unnamed = "roster.problem.complaint_committee_unnamed"
            sheet.problem(number, "purpose", raw_purpose(values), unnamed)
            usable = False
        if not (isinstance(test_id, str) and isinstance(email, str)) or not _committee(committee):
            continue
        key = (test_id, committee, email)
        duplicate = "roster.problem.duplicate_membership"
        if _duplicate(sheet, seen, key, number, "grader_email", email, duplicate) or not usable:
            current.incomplete.add(test_id)
            continue
        if committee is not None:
            rows_of.setdefault((test_id, committee), []).append((number, str(purpose)))
        roster.memberships.setdefault(test_id, {})[(committee, email)] = str(purpose)
    for (test_id, committee), rows in rows_of.items():
        if _one_purpose(sheet, committee, rows):
            current.committee_rows[(test_id, committee)] = rows[0][0]
        else:
            current.incomplete.add(test_id)
    for (test_id, committee), first in current.committee_rows.items():
        if test_id in current.incomplete:
            continue  # a member may be missing for a problem already named
        members = current.complaint_committee(test_id, committee)
        for law in current.law_problems(members):
            sheet.problem(first, "committee", committee, law, committee=committee)


def _one_purpose(sheet: _Sheet, committee: str, rows: list[tuple[int, str]]) -> bool:
    """True when every row of a committee has the same purpose; else reported on its
    first row, naming the rows of each."""
    if len({purpose for _, purpose in rows}) == 1:
        return True
    complaint_rows = tuple(str(n) for n, p in rows if p == CommitteePurpose.complaint)
    grading_rows = tuple(str(n) for n, p in rows if p != CommitteePurpose.complaint)
    sheet.problem(
        rows[0][0],
        "purpose",
        None,
        "roster.problem.purpose_mixed",
        committee=committee,
        complaint_rows=complaint_rows,
        grading_rows=grading_rows,
    )
    return False


def _candidates(
    sheet: _Sheet, roster: Roster, known_tests: _KnownKeys, counter: _Counter
) -> set[str]:
    """Candidates rows into `roster`; returns the tests with a row that could not be read
    whole (so that other sheets do not call their candidates unknown)."""
    read_test = sheet.reader("test_id", required=True)
    read_candidate = sheet.reader("candidate_id", _candidate_id, required=True)
    read_committee = sheet.reader("committee")
    read_status = sheet.reader("status", lambda v: parse_choice(v, CandidateStatus), required=True)
    seen: dict[tuple[str, str], int] = {}
    unknown: set[str] = set()
    incomplete: set[str] = set()
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
            if isinstance(test_id, str):
                incomplete.add(test_id)
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
            incomplete.add(test_id)
            continue
        by_test.setdefault(test_id, {})[candidate_id] = (committee, status)  # type: ignore[assignment]
    counter.advance(len(sheet.rows.rows))
    return incomplete


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


# --- the sheets after the result: Explanations and Complaints ---------------------------


class _Current:
    """The roster as it stands once this workbook is in, for the checks that look across
    sheets and at the store: the workbook where it speaks for a test, the store elsewhere.
    Tests whose rows in the workbook were not read whole (`broken`, `incomplete`) are not
    checked further: their problems are already reported."""

    def __init__(
        self,
        roster: Roster,
        stored_tests: Mapping[str, Mapping[str, object]],
        stored_graders: Mapping[str, Mapping[str, object]],
        store: StoredRoster,
        broken: set[str],
        tz: ZoneInfo,
    ) -> None:
        self.roster = roster
        self.stored_tests = stored_tests
        self.stored_graders = stored_graders
        self.store = store
        self.broken = broken  # tests whose row in the Tests sheet has a problem
        self.incomplete: set[str] = set()  # tests with a bad Committees or Candidates row
        self.tz = tz
        # (test, committee) → its first row in the Committees sheet, when its rows agree
        self.committee_rows: dict[tuple[str, str], int] = {}
        self._candidates: dict[str, dict[str, tuple[str | None, str]]] = {}
        self._memberships: dict[str, dict[tuple[str | None, str], str]] = {}
        self._final_grades: dict[str, Mapping[str, str | None]] = {}
        self._complaints: dict[tuple[str, str], StoredComplaint] | None = None
        self.complaint_tests: set[str] = set()  # the tests the Complaints sheet names

    def test(self, test_id: str) -> Mapping[str, object] | None:
        """The test's fields after the import; None when its row has a problem."""
        if test_id in self.broken:
            return None
        row = self.roster.tests.get(test_id)
        stored = self.stored_tests.get(test_id)
        if row is None:
            return stored
        if row["results_published"] is None and stored is not None:
            return {**row, "results_published": stored["results_published"]}
        return row

    def grader_name(self, email: str) -> str:
        row = self.roster.graders.get(email) or self.stored_graders.get(email) or {}
        name = row.get("name")
        return name if isinstance(name, str) else email

    def is_external(self, email: str) -> bool:
        row = self.roster.graders.get(email) or self.stored_graders.get(email) or {}
        return row.get("kind") == GraderKind.external

    def candidates(self, test_id: str) -> Mapping[str, tuple[str | None, str]]:
        if test_id in self.roster.candidates:
            return self.roster.candidates[test_id]
        if test_id not in self._candidates:
            self._candidates[test_id] = self.store.candidates([test_id]).get(test_id, {})
        return self._candidates[test_id]

    def read_ahead(self, sheet: _Sheet) -> None:
        """Read the candidates and committees of every test the sheet names in one query
        each, rather than one per test."""
        test_of = sheet.rows.getter("test_id")
        named = {text(test_of(values)) for _, values in sheet.rows.rows} - {None}
        tests = [t for t in named if t is not None and t not in self.broken]
        wanted = [t for t in tests if t not in self.roster.candidates and t not in self._candidates]
        found = self.store.candidates(wanted) if wanted else {}
        self._candidates.update({test_id: found.get(test_id, {}) for test_id in wanted})
        known = self._memberships
        wanted = [t for t in tests if t not in self.roster.memberships and t not in known]
        members = self.store.memberships(wanted) if wanted else {}
        self._memberships.update({test_id: members.get(test_id, {}) for test_id in wanted})

    def memberships(self, test_id: str) -> Mapping[tuple[str | None, str], str]:
        if test_id in self.roster.memberships:
            return self.roster.memberships[test_id]
        if test_id not in self._memberships:
            self._memberships[test_id] = self.store.memberships([test_id]).get(test_id, {})
        return self._memberships[test_id]

    def complaint_committees(self, test_ids: Collection[str]) -> dict[str, set[str]]:
        """test → its complaint committees, for many tests: read from the store only for
        the tests the Committees sheet leaves out."""
        result: dict[str, set[str]] = {}
        elsewhere = [t for t in test_ids if t not in self.roster.memberships]
        result.update(self.store.complaint_committees(elsewhere) if elsewhere else {})
        for test_id in set(test_ids) & set(self.roster.memberships):
            members = self.roster.memberships[test_id]
            complaint = {c for (c, _), p in members.items() if p == CommitteePurpose.complaint}
            if complaint:
                result[test_id] = {c for c in complaint if c is not None}
        return result

    def graders_of(self, test_id: str, committee: str) -> set[str]:
        return {e for (c, e) in self.memberships(test_id) if c == committee}

    def complaint_committee(self, test_id: str, committee: str) -> set[str] | None:
        """The graders of the test's complaint committee `committee`; None when the test has
        no complaint committee of that name."""
        memberships = self.memberships(test_id)
        members = {
            email
            for (name, email), purpose in memberships.items()
            if name == committee and purpose == CommitteePurpose.complaint
        }
        return members or None

    def law_problems(self, members: set[str] | None) -> list[str]:
        """What keeps a complaint committee from grading under § 11-11: at least two new
        graders, at least one of them external."""
        if members is None:
            return []
        problems = []
        if len(members) < 2:
            problems.append("roster.problem.complaint_committee_too_small")
        if not any(self.is_external(email) for email in members):
            problems.append("roster.problem.complaint_committee_no_external")
        return problems

    def final_grade(self, test_id: str, candidate_id: str) -> str | None:
        if test_id not in self._final_grades:
            self._final_grades[test_id] = self.store.final_grades(test_id)
        return self._final_grades[test_id].get(candidate_id)

    def stored_complaint(self, test_id: str, candidate_id: str) -> StoredComplaint | None:
        if self._complaints is None:
            self._complaints = self.store.complaints(self.complaint_tests)
        return self._complaints.get((test_id, candidate_id))

    def checked_test(
        self, sheet: _Sheet, number: int, test_id: str, known_tests: _KnownKeys
    ) -> Mapping[str, object] | None:
        """The test of a row, or None (an unknown test reported) when it cannot be checked."""
        if test_id not in known_tests:
            known_tests.report_unknown(sheet, number, test_id)
            return None
        return self.test(test_id)

    def submitted_candidate(
        self, sheet: _Sheet, number: int, test_id: str, candidate_id: str
    ) -> tuple[str | None, str] | None:
        """(committee, status) of a candidate who submitted, or None (reported when the
        candidate is unknown or absent)."""
        if test_id in self.incomplete:
            return None
        candidate = self.candidates(test_id).get(candidate_id)
        if candidate is None:
            sheet.problem(number, "candidate_id", candidate_id, "roster.problem.unknown_candidate")
        elif candidate[1] == CandidateStatus.absent:
            sheet.problem(number, "candidate_id", candidate_id, "roster.problem.candidate_absent")
            return None
        return candidate

    def local(self, moment: object) -> str:
        return (
            f"{moment.astimezone(self.tz):%Y-%m-%d %H:%M}" if isinstance(moment, datetime) else ""
        )


def _no_candidates_in_complaint_committees(
    sheet: _Sheet, roster: Roster, current: _Current
) -> None:
    """A candidate is put before a complaint committee by a complaint, not by the
    Candidates sheet: a committee cell naming one is a problem."""
    complaint = current.complaint_committees(list(roster.candidates))
    if not complaint:
        return
    test_of, committee_of = sheet.rows.getter("test_id"), sheet.rows.getter("committee")
    for number, values in sheet.rows.rows:
        test_id, committee = text(test_of(values)), text(committee_of(values))
        if test_id in complaint and committee in complaint[test_id]:
            key = "roster.problem.candidate_in_complaint_committee"
            sheet.problem(number, "committee", committee, key, committee=committee)


def _explanations(
    sheet: _Sheet, roster: Roster, known_tests: _KnownKeys, current: _Current, counter: _Counter
) -> None:
    read_test = sheet.reader("test_id", required=True)
    read_candidate = sheet.reader("candidate_id", _candidate_id, required=True)
    read_requested = sheet.reader(
        "requested_at", lambda v: parse_datetime(v, current.tz), required=True
    )
    raw_requested = sheet.rows.getter("requested_at")
    seen: dict[tuple, int] = {}
    current.read_ahead(sheet)
    for number, values in sheet.rows.rows:
        counter.step()
        test_id = read_test(number, values)
        candidate_id = read_candidate(number, values)
        requested = read_requested(number, values)
        if not (
            isinstance(test_id, str)
            and isinstance(candidate_id, str)
            and isinstance(requested, datetime)
        ):
            continue
        key = (test_id, candidate_id, requested)
        repeated = "roster.problem.duplicate_explanation"
        if _duplicate(sheet, seen, key, number, "requested_at", raw_requested(values), repeated):
            continue
        test = current.checked_test(sheet, number, test_id, known_tests)
        if (
            test is None
            or current.submitted_candidate(sheet, number, test_id, candidate_id) is None
        ):
            continue
        published = test["results_published"]
        if not isinstance(published, datetime):
            problem = "roster.problem.explanation_no_results"
            sheet.problem(number, "test_id", test_id, problem, test=test_id)
            continue
        roster.explanations[key] = {
            "due_at": explanation_due(requested, current.tz),
            "late": requested > published + EXPLANATION_ASKED_WITHIN,
        }


def _complaints(
    sheet: _Sheet,
    roster: Roster,
    known_tests: _KnownKeys,
    current: _Current,
    counter: _Counter,
    deadline_rule: DeadlineRule,
) -> None:
    def when(value: object) -> datetime:
        return parse_datetime(value, current.tz)

    readers = {
        "test_id": sheet.reader("test_id", required=True),
        "candidate_id": sheet.reader("candidate_id", _candidate_id, required=True),
        "received_at": sheet.reader("received_at", when, required=True),
        "complaint_committee": sheet.reader("complaint_committee", required=True),
        "explanation_received_at": sheet.reader("explanation_received_at", when),
    }
    required = ("test_id", "candidate_id", "received_at", "complaint_committee")
    current.read_ahead(sheet)
    rows: list[tuple[int, dict, Sequence[object]]] = []
    seen: dict[tuple, int] = {}
    for number, values in sheet.rows.rows:
        counter.step()
        row = {name: read(number, values) for name, read in readers.items()}
        if _incomplete(row, required):
            continue
        key = (row["test_id"], row["candidate_id"])
        repeated = "roster.problem.duplicate_complaint"
        if _duplicate(sheet, seen, key, number, "candidate_id", key[1], repeated):
            continue
        rows.append((number, row, values))
    current.complaint_tests = {test_id for test_id, _ in seen}
    for number, row, values in rows:
        complaint = _complaint(sheet, number, row, values, known_tests, current, deadline_rule)
        if complaint is not None:
            roster.complaints[(str(row["test_id"]), str(row["candidate_id"]))] = complaint


# Why a complaint no longer open cannot be changed by an import.
_LOCKED = {
    ComplaintStatus.held: "roster.problem.complaint_held",
    ComplaintStatus.final: "roster.problem.complaint_final",
}


def _complaint(
    sheet: _Sheet,
    number: int,
    row: dict,
    values: Sequence[object],
    known_tests: _KnownKeys,
    current: _Current,
    deadline_rule: DeadlineRule,
) -> dict | None:
    """The complaint of one row as it will be stored, or None with its problems reported."""
    test_id, candidate_id, committee = (
        row["test_id"],
        row["candidate_id"],
        row["complaint_committee"],
    )
    received: datetime = row["received_at"]
    test = current.checked_test(sheet, number, test_id, known_tests)
    if test is None:
        return None
    candidate = current.submitted_candidate(sheet, number, test_id, candidate_id)
    if candidate is None:
        return None
    problems = len(sheet.problems)
    if test["oral_or_practical"]:
        sheet.problem(number, "test_id", test_id, "roster.problem.complaint_oral", test=test_id)
    published = test["results_published"]
    if not isinstance(published, datetime):
        sheet.problem(
            number, "test_id", test_id, "roster.problem.complaint_no_results", test=test_id
        )
    elif received < published:
        raw = sheet.rows.getter("received_at")(values)
        key = "roster.problem.complaint_before_results"
        sheet.problem(number, "received_at", raw, key, published=current.local(published))
    if (
        test["grading_in"] == GradingIn.sensorbot
        and current.final_grade(test_id, candidate_id) is None
    ):
        key = "roster.problem.complaint_no_final_grade"
        sheet.problem(number, "candidate_id", candidate_id, key)
    _complaint_committee_problems(sheet, number, test_id, committee, candidate[0], current)
    stored = current.stored_complaint(test_id, candidate_id)
    given = (committee, received, row["explanation_received_at"])
    if (
        stored is not None
        and stored.status != ComplaintStatus.open
        and given
        != (
            stored.complaint_committee,
            stored.received_at,
            stored.explanation_received_at,
        )
    ):
        sheet.problem(number, "candidate_id", candidate_id, _LOCKED[ComplaintStatus(stored.status)])
    if len(sheet.problems) > problems or not isinstance(published, datetime):
        return None
    start = row["explanation_received_at"] or published
    return {
        "complaint_committee": committee,
        "received_at": received,
        "explanation_received_at": row["explanation_received_at"],
        "due_at": deadline_rule.complaint_due(received, current.tz),
        "late": received > start + COMPLAINT_WITHIN,
    }


def _complaint_committee_problems(
    sheet: _Sheet,
    number: int,
    test_id: str,
    committee: str,
    original: str | None,
    current: _Current,
) -> None:
    """§ 11-11 for the complaint committee of one complaint: a complaint committee of the
    test, with at least two graders, one external (checked on the Committees sheet when
    the committee is there), none of whom sat in the candidate's committee."""
    if test_id in current.incomplete:
        return
    members = current.complaint_committee(test_id, committee)
    if members is None:
        key = "roster.problem.complaint_unknown_committee"
        sheet.problem(
            number, "complaint_committee", committee, key, committee=committee, test=test_id
        )
        return
    if (test_id, committee) not in current.committee_rows:
        for key in current.law_problems(members):
            sheet.problem(number, "complaint_committee", committee, key, committee=committee)
    again = members & current.graders_of(test_id, original) if original is not None else set()
    if again:
        names = tuple(sorted(current.grader_name(email) for email in again))
        key = "roster.problem.complaint_grader_graded_before"
        sheet.problem(
            number,
            "complaint_committee",
            committee,
            key,
            graders=names,
            committee=committee,
            original=original,
        )
