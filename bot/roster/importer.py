"""Apply a validated roster to the store: diff in memory, write in bulk, in one transaction."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from os import PathLike
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col

from bot.approvals.progress import final_grades
from bot.exams.audit import record
from bot.exams.deadlines import DeadlineRule
from bot.i18n import t
from bot.i18n.dates import deadline_text
from bot.opening.notices import recheck_openings
from bot.roster.reader import Progress, RosterError, RosterWarning, read_workbook
from bot.roster.validate import Roster, StoredComplaint, validate_roster
from bot.spreadsheets import collection_paused
from models.db import session_scope
from models.inserts import bulk_insert
from models.tables import (
    Candidate,
    CommitteeMembership,
    CommitteePurpose,
    Complaint,
    ComplaintStatus,
    Department,
    ExplanationRequest,
    Grader,
    GradingIn,
    Test,
    TestConsultant,
    table_of,
)
from models.types import utcnow

BATCH = 10_000  # rows per bulk statement: bounded memory and a progress step per batch
IN_CHUNK = 5_000  # values per IN (...) list, well inside SQLite's and PostgreSQL's limits

TEST_FIELDS = (
    "course_code",
    "title",
    "department",
    "submission_deadline",
    "grading_deadline",
    "grading_deadline_given",
    "grade_scale",
    "marking_mode",
    "own_approval",
    "final_approval",
    "opened_for_marking",
    "guideline_published",
    "registration_only",
    "grading_in",
    "inspera_test_id",
    "oral_or_practical",
    "results_published",
)
GRADER_FIELDS = (
    "name",
    "kind",
    "inspera_email",
    "appointed",
    "access_agreement",
    "norwegian_id",
    "university_user_activated",
)


@dataclass
class SheetCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


@dataclass
class RequestCounts(SheetCounts):
    """Explanation requests and complaints: how many of those created or updated are
    flagged late (asked or received after the act's window)."""

    late: int = 0


@dataclass
class ImportReport:
    """What an import changed, per sheet. `removed` only happens for Committees and
    Candidates, where the workbook is the whole truth for each test it mentions.

    `newly_opened` holds the tests whose opened_for_marking was blank (or that did not
    exist) before this import and is set after it, so their graders can be told.
    """

    tests: SheetCounts = field(default_factory=SheetCounts)
    graders: SheetCounts = field(default_factory=SheetCounts)
    committees: SheetCounts = field(default_factory=SheetCounts)
    candidates: SheetCounts = field(default_factory=SheetCounts)
    departments: SheetCounts = field(default_factory=SheetCounts)
    explanations: RequestCounts = field(default_factory=RequestCounts)
    complaints: RequestCounts = field(default_factory=RequestCounts)
    newly_opened: list[str] = field(default_factory=list)
    # Stored tests whose grading_in this import changes: (test id, where now, whether the
    # cell was blank and the default taken).
    grading_in_changes: list[tuple[str, str, bool]] = field(default_factory=list)
    warnings: list[RosterWarning] = field(default_factory=list)
    # Tests with a blank grading_deadline whose deadline, counted again by today's rule
    # (SENSORBOT_GRADING_WORKING_DAYS, SENSORBOT_CLOSED_DAYS), is not the one stored:
    # (test id, the deadline before, the deadline now). Shown, so nobody is surprised.
    moved_deadlines: list[tuple[str, datetime, datetime]] = field(default_factory=list)
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))

    def by_sheet(self) -> dict[str, SheetCounts]:
        return {
            "Tests": self.tests,
            "Graders": self.graders,
            "Committees": self.committees,
            "Candidates": self.candidates,
            "Departments": self.departments,
            "Explanations": self.explanations,
            "Complaints": self.complaints,
        }

    def counts(self) -> dict[str, object]:
        """The summary recorded in the audit trail: numbers only."""
        summary: dict[str, object] = {name: asdict(c) for name, c in self.by_sheet().items()}
        summary["newly_opened"] = len(self.newly_opened)
        return summary

    def lines(self, lang: str) -> list[str]:
        """The summary for people, one line per sheet, in `lang`."""
        lines = [warning.render(lang) for warning in self.warnings]
        for name, counts in self.by_sheet().items():
            key = "roster.report.sheet_with_removed" if name in _REMOVING else "roster.report.sheet"
            if isinstance(counts, RequestCounts):
                key = "roster.report.sheet_with_late"
            lines.append(t(lang, key, sheet=name, **asdict(counts)))
        for test_id, where, defaulted in self.grading_in_changes:
            moved, default = _GRADING_IN_LINES[GradingIn(where)]
            lines.append(t(lang, moved, test=test_id))
            if defaulted:
                lines.append(t(lang, default))
        if self.newly_opened:
            lines.append(t(lang, "roster.report.opened", tests=", ".join(self.newly_opened)))
        for test_id, old, new in self.moved_deadlines:
            lines.append(
                t(
                    lang,
                    "roster.report.deadline_moved",
                    test=test_id,
                    old=deadline_text(lang, old, self.tz),
                    new=deadline_text(lang, new, self.tz),
                )
            )
        return lines


# What a test moved to another `grading_in` means, and why when the cell was blank.
_GRADING_IN_LINES = {
    GradingIn.inspera: (
        "roster.report.grading_in.inspera",
        "roster.report.grading_in.inspera_default",
    ),
    GradingIn.sensorbot: (
        "roster.report.grading_in.sensorbot",
        "roster.report.grading_in.sensorbot_default",
    ),
}

# The sheets that are the whole truth for their tests, so rows can be removed (see above).
_REMOVING = ("Committees", "Candidates")


def import_roster(
    engine: Engine,
    path: str | PathLike[str],
    tz: ZoneInfo,
    progress: Progress | None = None,
    deadline_rule: DeadlineRule = DeadlineRule(),
) -> ImportReport:
    """Import the roster workbook at `path` (SPEC §9.4), all or nothing.

    Raises RosterError naming every problem when the workbook is not acceptable; then
    nothing is stored. Times without an offset are read in `tz`; a blank grading deadline
    is filled in by `deadline_rule`.
    """
    with collection_paused():
        return _import(engine, path, tz, progress, deadline_rule)


def _import(
    engine: Engine,
    path: str | PathLike[str],
    tz: ZoneInfo,
    progress: Progress | None,
    deadline_rule: DeadlineRule,
) -> ImportReport:
    workbook = read_workbook(path, progress)
    with session_scope(engine) as session:
        stored_tests = _rows_by_key(session, Test, "test_id", TEST_FIELDS)
        stored_graders = _rows_by_key(session, Grader, "email", GRADER_FIELDS)
        try:
            roster = validate_roster(
                workbook, tz, stored_tests, stored_graders, progress, deadline_rule, _Store(session)
            )
        except RosterError as error:
            raise RosterError(error.problems, workbook.warnings()) from None
        report = ImportReport(tz=tz, warnings=workbook.warnings())
        del workbook  # its rows, read, are not needed while writing
        writer = _Writer(session)
        report.newly_opened = _apply_tests(session, writer, roster, stored_tests, report)
        _apply_graders(writer, roster, stored_graders, report.graders)
        _apply_departments(session, writer, roster, report.departments)
        joined = _apply_memberships(session, writer, roster, report.committees)
        _apply_candidates(session, writer, roster, report.candidates)
        _apply_explanations(session, writer, roster, report.explanations)
        _apply_complaints(session, writer, roster, report.complaints)
        writer.run(progress)
        # Graders added to a test that is already open are told on the next pass.
        recheck_openings(session, joined)
        record(session, "cli", "roster_import", new=json.dumps(report.counts(), sort_keys=True))
    return report


def _rows_by_key(
    session: Session, table: type, key: str, fields: Sequence[str]
) -> dict[str, dict[str, object]]:
    columns = [getattr(table, key), *(getattr(table, name) for name in fields)]
    result = {}
    for row in session.execute(select(*columns)):
        result[row[0]] = dict(zip(fields, row[1:], strict=True))
    return result


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Writer:
    """Collects the bulk statements of an import, then runs them in dependency order
    (deletes first, so a re-added key never collides) with progress per batch."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.deletes: list[tuple[type, Mapped[Any], list]] = []
        self.updates: list[tuple[type, list[dict]]] = []
        self.inserts: list[tuple[type, list, Sequence[str] | None]] = []

    def delete_where_in(self, table: type, column: Mapped[Any], values: Iterable) -> None:
        values = list(values)
        if values:
            self.deletes.append((table, column, values))

    def update(self, table: type, rows: list[dict]) -> None:
        if rows:
            self.updates.append((table, rows))

    def insert(self, table: type, rows: list, columns: Sequence[str] | None = None) -> None:
        """`rows` as dicts, or as tuples of `columns`."""
        if rows:
            self.inserts.append((table, rows, columns))

    def run(self, progress: Progress | None) -> None:
        total = sum(len(values) for _, _, values in self.deletes)
        total += sum(len(rows) for _, rows in self.updates)
        total += sum(len(rows) for _, rows, _ in self.inserts)
        done = 0
        execute = self.session.execute
        for table, column, values in self.deletes:
            for chunk in _chunks(values, IN_CHUNK):
                statement = delete(table).where(column.in_(chunk))
                execute(statement, execution_options={"synchronize_session": False})
                done += len(chunk)
                _report(progress, done, total)
        for table, rows in self.updates:
            for chunk in _chunks(rows, BATCH):
                execute(update(table), list(chunk))
                done += len(chunk)
                _report(progress, done, total)
        for table, rows, columns in _insert_order(self.inserts):
            for chunk in _chunks(rows, BATCH):
                bulk_insert(self.session, table_of(table), chunk, columns)
                done += len(chunk)
                _report(progress, done, total)
        if progress is not None:
            progress("writing", total, total)


# Parents before children: memberships need their grader and test, consultants their test.
_PARENTS_FIRST = (
    Department,
    Grader,
    Test,
    TestConsultant,
    CommitteeMembership,
    Candidate,
    ExplanationRequest,
    Complaint,
)


def _insert_order(inserts: list[tuple[type, list, Sequence[str] | None]]) -> list:
    return sorted(inserts, key=lambda item: _PARENTS_FIRST.index(item[0]))


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and done < total:
        progress("writing", done, total)


def _apply_tests(
    session: Session,
    writer: _Writer,
    roster: Roster,
    stored: dict[str, dict[str, object]],
    report: ImportReport,
) -> list[str]:
    """Tests and their consultants; returns the ids of tests opened by this import."""
    counts = report.tests
    stored_consultants: dict[str, set[str]] = {}
    for test_id, email in session.execute(
        select(col(TestConsultant.test_id), col(TestConsultant.email))
    ):
        stored_consultants.setdefault(test_id, set()).add(email)

    creates, updates, consultants_replaced, consultant_rows = [], [], [], []
    newly_opened = []
    for test_id, row in roster.tests.items():
        before = stored.get(test_id)
        # Opening is a one-way event that also happens by command or sync, so a blank
        # opened_for_marking cell never closes a test that the store knows to be open.
        if row["opened_for_marking"] is None and before is not None:
            row = {**row, "opened_for_marking": before["opened_for_marking"]}
        # The result is announced once; a later workbook without the date keeps it.
        if row["results_published"] is None and before is not None:
            row = {**row, "results_published": before["results_published"]}
        if row["opened_for_marking"] is not None and (
            before is None or before["opened_for_marking"] is None
        ):
            newly_opened.append(test_id)
        consultants = set(roster.consultants[test_id])
        new_consultants = [{"test_id": test_id, "email": email} for email in sorted(consultants)]
        if before is None:
            creates.append(row)
            consultant_rows.extend(new_consultants)
            counts.created += 1
            continue
        old_deadline, new_deadline = before["grading_deadline"], row["grading_deadline"]
        if (
            not row["grading_deadline_given"]
            and isinstance(old_deadline, datetime)
            and isinstance(new_deadline, datetime)
            and old_deadline != new_deadline
        ):
            report.moved_deadlines.append((test_id, old_deadline, new_deadline))
        if row["grading_in"] != before["grading_in"]:
            defaulted = test_id in roster.grading_in_defaulted
            report.grading_in_changes.append((test_id, str(row["grading_in"]), defaulted))
        same_fields = all(row[name] == before[name] for name in TEST_FIELDS)
        same_consultants = consultants == stored_consultants.get(test_id, set())
        if same_fields and same_consultants:
            counts.unchanged += 1
            continue
        counts.updated += 1
        if not same_fields:
            updates.append(row)
        if not same_consultants:
            consultants_replaced.append(test_id)
            consultant_rows.extend(new_consultants)
    writer.insert(Test, creates)
    writer.update(Test, updates)
    writer.delete_where_in(TestConsultant, col(TestConsultant.test_id), consultants_replaced)
    writer.insert(TestConsultant, consultant_rows)
    return sorted(newly_opened)


def _apply_graders(
    writer: _Writer, roster: Roster, stored: dict[str, dict[str, object]], counts: SheetCounts
) -> None:
    creates, updates = [], []
    for email, row in roster.graders.items():
        before = stored.get(email)
        if before is None:
            creates.append(row)
            counts.created += 1
        elif all(row[name] == before[name] for name in GRADER_FIELDS):
            counts.unchanged += 1
        else:
            updates.append(row)
            counts.updated += 1
    writer.insert(Grader, creates)
    writer.update(Grader, updates)


def _apply_departments(
    session: Session, writer: _Writer, roster: Roster, counts: SheetCounts
) -> None:
    stored: dict[str, str | None] = dict(
        session.execute(select(col(Department.code), col(Department.escalation_channel))).all()
    )
    creates, updates = [], []
    for code, row in roster.departments.items():
        if code not in stored:
            creates.append(row)
            counts.created += 1
        elif stored[code] == row["escalation_channel"]:
            counts.unchanged += 1
        else:
            updates.append(row)
            counts.updated += 1
    writer.insert(Department, creates)
    writer.update(Department, updates)


def _select_for_tests(session: Session, columns: Sequence, test_ids: Iterable[str]) -> Iterator:
    """Rows of the tests in `test_ids`: one SELECT per IN_CHUNK tests."""
    test_id_column = columns[1]
    # On the connection: the ORM's result handling costs more than the query, 200,000 rows.
    connection = session.connection()
    for chunk in _chunks(sorted(test_ids), IN_CHUNK):
        yield from connection.execute(select(*columns).where(test_id_column.in_(chunk)))


def _apply_memberships(
    session: Session, writer: _Writer, roster: Roster, counts: SheetCounts
) -> set[str]:
    """Returns the tests that got a grader they did not have."""
    table = CommitteeMembership
    columns = (
        col(table.id),
        col(table.test_id),
        col(table.committee),
        col(table.grader_email),
        col(table.purpose),
    )
    stored: dict[tuple[str, str | None, str], tuple[int, str]] = {}
    removed: list[int] = []
    for row_id, test_id, committee, email, purpose in _select_for_tests(
        session, columns, roster.memberships
    ):
        key = (test_id, committee, email)
        if key in stored:
            removed.append(row_id)  # a repeat the database could not refuse (NULL committee)
        else:
            stored[key] = (row_id, purpose)
    creates, updates = [], []
    gained: set[str] = set()
    for test_id, members in roster.memberships.items():
        for (committee, email), purpose in members.items():
            before = stored.pop((test_id, committee, email), None)
            if before is None:
                creates.append(
                    {
                        "test_id": test_id,
                        "committee": committee,
                        "grader_email": email,
                        "purpose": purpose,
                    }
                )
                gained.add(test_id)
                counts.created += 1
            elif before[1] == purpose:
                counts.unchanged += 1
            else:
                updates.append({"id": before[0], "purpose": purpose})
                counts.updated += 1
    removed.extend(row_id for row_id, _ in stored.values())
    counts.removed = len(removed)
    writer.delete_where_in(table, col(table.id), removed)
    writer.update(table, updates)
    writer.insert(table, creates)
    return gained


def _apply_candidates(
    session: Session, writer: _Writer, roster: Roster, counts: SheetCounts
) -> None:
    table = Candidate
    columns = (
        col(table.id),
        col(table.test_id),
        col(table.candidate_id),
        col(table.committee),
        col(table.status),
    )
    stored: dict[tuple[str, str], tuple[int, str | None, str]] = {}
    for row_id, test_id, candidate_id, committee, status in _select_for_tests(
        session, columns, roster.candidates
    ):
        stored[(test_id, candidate_id)] = (row_id, committee, status)
    creates, updates = [], []
    for test_id, candidates in roster.candidates.items():
        for candidate_id, (committee, status) in candidates.items():
            before = stored.pop((test_id, candidate_id), None)
            if before is None:
                creates.append((test_id, candidate_id, committee, status))
                counts.created += 1
            elif before[1] == committee and before[2] == status:
                counts.unchanged += 1
            else:
                updates.append({"id": before[0], "committee": committee, "status": status})
                counts.updated += 1
    counts.removed = len(stored)
    writer.delete_where_in(table, col(table.id), [row_id for row_id, _, _ in stored.values()])
    writer.update(table, updates)
    writer.insert(table, creates, _CANDIDATE_COLUMNS)


# A new candidate row, as a tuple: 200,000 of them as dicts would take some 40 MB more.
_CANDIDATE_COLUMNS = ("test_id", "candidate_id", "committee", "status")


def _apply_explanations(
    session: Session, writer: _Writer, roster: Roster, counts: RequestCounts
) -> None:
    """New requests are stored; a stored one whose due date or lateness is counted
    differently now (a corrected announcement date) is updated. A request left out of the
    sheet stays: it is a record of what the student asked."""
    table = ExplanationRequest
    columns = (
        col(table.id),
        col(table.test_id),
        col(table.candidate_id),
        col(table.requested_at),
        col(table.due_at),
        col(table.late),
    )
    tests = {test_id for test_id, _, _ in roster.explanations}
    stored = {
        (test_id, candidate_id, requested): (row_id, due, late)
        for row_id, test_id, candidate_id, requested, due, late in _select_for_tests(
            session, columns, tests
        )
    }
    creates, updates = [], []
    now = utcnow()
    for (test_id, candidate_id, requested), row in roster.explanations.items():
        before = stored.get((test_id, candidate_id, requested))
        if before is None:
            key = {"test_id": test_id, "candidate_id": candidate_id, "requested_at": requested}
            creates.append({**key, **row, "registered_at": now})
            counts.created += 1
        elif before[1:] == (row["due_at"], row["late"]):
            counts.unchanged += 1
            continue
        else:
            updates.append({"id": before[0], **row})
            counts.updated += 1
        counts.late += row["late"]
    writer.update(table, updates)
    writer.insert(table, creates)


_COMPLAINT_FIELDS = (
    "complaint_committee",
    "received_at",
    "explanation_received_at",
    "due_at",
    "late",
)


def _apply_complaints(
    session: Session, writer: _Writer, roster: Roster, counts: RequestCounts
) -> None:
    """One complaint per test and candidate; one still being graded (`open`) follows the
    sheet, one held or final was checked to be unchanged. None is removed by leaving it out."""
    table = Complaint
    columns = (
        col(table.id),
        col(table.test_id),
        col(table.candidate_id),
        col(table.status),
        *(getattr(table, name) for name in _COMPLAINT_FIELDS),
    )
    tests = {test_id for test_id, _ in roster.complaints}
    stored = {
        (row[1], row[2]): (row[0], row[3], tuple(row[4:]))
        for row in _select_for_tests(session, columns, tests)
    }
    creates, updates = [], []
    now = utcnow()
    for (test_id, candidate_id), row in roster.complaints.items():
        before = stored.get((test_id, candidate_id))
        values = tuple(row[name] for name in _COMPLAINT_FIELDS)
        if before is None:
            key = {"test_id": test_id, "candidate_id": candidate_id}
            creates.append({**key, **row, "registered_at": now})
            counts.created += 1
        elif before[2] == values or before[1] != ComplaintStatus.open:
            counts.unchanged += 1
            continue
        else:
            updates.append({"id": before[0], **row})
            counts.updated += 1
        counts.late += row["late"]
    writer.update(table, updates)
    writer.insert(table, creates)


class _Store:
    """What validation reads from the store besides the tests and graders (StoredRoster)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def candidates(self, test_ids: Collection[str]) -> dict[str, dict[str, tuple[str | None, str]]]:
        columns = (
            col(Candidate.id),
            col(Candidate.test_id),
            col(Candidate.candidate_id),
            col(Candidate.committee),
            col(Candidate.status),
        )
        result: dict[str, dict[str, tuple[str | None, str]]] = {}
        for _, test_id, candidate_id, committee, status in _select_for_tests(
            self.session, columns, test_ids
        ):
            result.setdefault(test_id, {})[candidate_id] = (committee, status)
        return result

    def memberships(
        self, test_ids: Collection[str]
    ) -> dict[str, dict[tuple[str | None, str], str]]:
        table = CommitteeMembership
        columns = (
            col(table.id),
            col(table.test_id),
            col(table.committee),
            col(table.grader_email),
            col(table.purpose),
        )
        result: dict[str, dict[tuple[str | None, str], str]] = {}
        for _, test_id, committee, email, purpose in _select_for_tests(
            self.session, columns, test_ids
        ):
            result.setdefault(test_id, {})[(committee, email)] = purpose
        return result

    def complaint_committees(self, test_ids: Collection[str]) -> dict[str, set[str]]:
        table = CommitteeMembership
        statement = select(col(table.test_id), col(table.committee)).where(
            col(table.purpose) == CommitteePurpose.complaint.value,
            col(table.committee).is_not(None),
        )
        wanted = set(test_ids)
        result: dict[str, set[str]] = {}
        for test_id, committee in self.session.execute(statement.distinct()):
            if test_id in wanted:
                result.setdefault(test_id, set()).add(committee)
        return result

    def final_grades(self, test_id: str) -> Mapping[str, str | None]:
        return final_grades(self.session, test_id)

    def complaints(self, test_ids: Collection[str]) -> dict[tuple[str, str], StoredComplaint]:
        columns = (
            col(Complaint.id),
            col(Complaint.test_id),
            col(Complaint.candidate_id),
            col(Complaint.complaint_committee),
            col(Complaint.received_at),
            col(Complaint.explanation_received_at),
            col(Complaint.status),
        )
        return {
            (test_id, candidate_id): StoredComplaint(committee, received, explained, status)
            for _, test_id, candidate_id, committee, received, explained, status in (
                _select_for_tests(self.session, columns, test_ids)
            )
        }
