"""Roster import and template (SPEC §3.1, §9.4), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import openpyxl.xml
import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col

import bot.roster.importer as importer_module
from bot.i18n import messages
from bot.roster import (
    ImportReport,
    RosterError,
    RosterProblem,
    import_roster,
    write_roster_template,
)
from bot.roster.reader import (
    CellError,
    WorkbookRows,
    parse_datetime,
    parse_email,
    parse_email_list,
    parse_yes_no,
)
from bot.roster.template import column_meaning_key
from bot.roster.validate import validate_roster
from models import tables
from models.db import session_scope
from models.tables import (
    AuditEntry,
    Candidate,
    CommitteeMembership,
    Department,
    Grader,
)

OSLO = ZoneInfo("Europe/Oslo")

# The headers of SPEC §9.4, written out here so that a drift in the code shows up.
SPEC_HEADERS = {
    "Tests": [
        "test_id",
        "course_code",
        "title",
        "department",
        "consultant_emails",
        "submission_deadline",
        "grading_deadline",
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
    ],
    "Graders": [
        "email",
        "name",
        "kind",
        "inspera_email",
        "appointed",
        "access_agreement",
        "norwegian_id",
        "university_user_activated",
    ],
    "Committees": ["test_id", "committee", "grader_email", "purpose"],
    "Candidates": ["test_id", "candidate_id", "committee", "status"],
    "Departments": ["department", "escalation_channel"],
    "Explanations": ["test_id", "candidate_id", "requested_at"],
    "Complaints": [
        "test_id",
        "candidate_id",
        "received_at",
        "complaint_committee",
        "explanation_received_at",
    ],
}


# --- stores -----------------------------------------------------------------------------


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, for comparing a store before and after."""
    with engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for table in SQLModel.metadata.sorted_tables
        }


# --- workbooks --------------------------------------------------------------------------


def write_workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A workbook with one sheet per entry; the first list is row 1."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text as typed, even when it looks like a formula
    workbook.save(path)
    return path


def good_sheets() -> dict[str, list[list[object]]]:
    """A valid roster with the variations a consultant's workbook has: odd header case and
    spacing, a renamed-case sheet, an unknown column, a blank row, Excel cells and text."""
    # fmt: off
    return {
        " tests ": [
            [" Test ID ", "COURSE_CODE", "title", "department", "consultant emails",
             "submission_deadline", "grading_deadline", "grade_scale", "marking_mode",
             "own_approval", "final_approval", "opened_for_marking", "guideline_published",
             "registration_only", "notes"],
            # Excel date cell in winter time; blank grading deadline lands on Christmas.
            ["TDT4100-2026H", "TDT4100", "Objektorientert programmering", "IDI",
             "Kari.Konsulent@ntnu.no; per@ntnu.no", datetime(2026, 12, 4, 9, 0), None,
             "Letter", None, None, None, None, "ja", None, "ignored"],
            [None] * 15,
            # ISO text in summer time, every workflow setting given.
            ["TMA4100-2026V", "TMA4100", None, "IMF", "per@ntnu.no",
             "2026-06-05 15:00", "2026-06-26T15:00", "passfail", "SHARED",
             "all_committees", "One", None, "no", "1", None],
            # Date-only text, an explicit offset, an Excel boolean.
            ["EXPH0300-2026H", "EXPH0300", "Examen philosophicum", "IFR",
             "kari.konsulent@ntnu.no", "2026-12-10", None, "letter", "private",
             "committee", "all", "2026-12-11T10:00+00:00", None, True, None],
        ],
        "Graders": [
            ["email", "name", "kind", "inspera_email", "appointed", "access_agreement",
             "norwegian_id", "university_user_activated"],
            ["ola@ntnu.no", "Ola Nordmann", "internal", None, None, None, "yes", "yes"],
            ["  Eva.External@Example.COM ", "Eva Ekstern", "External",
             "EVA@inspera.example.org", "yes", "nei", False, 0],
            ["kari.sensor@ntnu.no", None, "INTERNAL", None, None, None, None, None],
        ],
        "committees": [
            ["test_id", "committee", "grader_email"],
            ["TDT4100-2026H", "1", "ola@ntnu.no"],
            ["TDT4100-2026H", "1", "eva.external@example.com"],
            ["TDT4100-2026H", 2, "Kari.Sensor@ntnu.no"],
            ["TMA4100-2026V", None, "ola@ntnu.no"],
            ["EXPH0300-2026H", "A", "kari.sensor@ntnu.no"],
        ],
        "Candidates": [
            ["test_id", "candidate_id", "committee", "status"],
            ["TDT4100-2026H", 10001, "1", "submitted"],
            ["TDT4100-2026H", "10002", "1", "Absent"],
            ["TDT4100-2026H", "10003", 2, "submitted"],
            ["TDT4100-2026H", "10004", None, "redelivery"],
            ["TMA4100-2026V", "20001", None, "submitted"],
            ["TMA4100-2026V", "20002", None, "submitted"],
            ["EXPH0300-2026H", "30001", "A", "submitted"],
        ],
        "Departments": [
            ["department", "escalation_channel"],
            ["IDI", "C0123ABCDE"],
            ["IMF", None],
        ],
    }
    # fmt: on


def sheet_rows(sheets: dict, name: str) -> list[list[object]]:
    """The rows of the sheet whose title matches `name` loosely, as the reader does."""
    for title, rows in sheets.items():
        if title.strip().lower() == name.lower():
            return rows
    raise KeyError(name)


def problems_of(error: pytest.ExceptionInfo[RosterError]) -> set[tuple]:
    return {(p.sheet, p.row, p.column) for p in error.value.problems}


# --- a good workbook ----------------------------------------------------------------------


def test_good_workbook_imports_with_counts_and_utc_times(store: Engine, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "roster.xlsx", good_sheets())

    report = import_roster(store, path, OSLO)

    assert (report.tests.created, report.tests.updated, report.tests.unchanged) == (3, 0, 0)
    assert report.graders.created == 3
    assert report.committees.created == 5
    assert report.candidates.created == 7
    assert report.departments.created == 2
    assert report.newly_opened == ["EXPH0300-2026H"]

    with Session(store) as session:
        tdt = session.get(tables.Test, "TDT4100-2026H")
        tma = session.get(tables.Test, "TMA4100-2026V")
        exph = session.get(tables.Test, "EXPH0300-2026H")
        # Winter: Oslo is UTC+1.
        assert tdt.submission_deadline == datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
        # 15 working days after Friday 4 December (Christmas Day not counted), end of day.
        assert tdt.grading_deadline == datetime(2026, 12, 28, 22, 59, tzinfo=UTC)
        assert tdt.grading_deadline_given is False
        assert (tdt.marking_mode, tdt.own_approval, tdt.final_approval) == (
            "private",
            "committee",
            "all",
        )
        assert tdt.grade_scale == "letter"
        assert tdt.guideline_published is True
        assert tdt.registration_only is False
        assert tdt.opened_for_marking is None
        # Summer: Oslo is UTC+2.
        assert tma.submission_deadline == datetime(2026, 6, 5, 13, 0, tzinfo=UTC)
        assert tma.grading_deadline == datetime(2026, 6, 26, 13, 0, tzinfo=UTC)
        assert tma.grading_deadline_given is True
        assert tma.title is None
        assert (tma.grade_scale, tma.marking_mode, tma.own_approval, tma.final_approval) == (
            "passfail",
            "shared",
            "all_committees",
            "one",
        )
        assert tma.guideline_published is False
        assert tma.registration_only is True
        # A date alone is midnight in Oslo; an explicit offset is honoured.
        assert exph.submission_deadline == datetime(2026, 12, 9, 23, 0, tzinfo=UTC)
        assert exph.opened_for_marking == datetime(2026, 12, 11, 10, 0, tzinfo=UTC)
        assert exph.guideline_published is None
        assert exph.registration_only is True

        consultants = session.execute(
            select(tables.TestConsultant.test_id, tables.TestConsultant.email)
        ).all()
        assert sorted(consultants) == [
            ("EXPH0300-2026H", "kari.konsulent@ntnu.no"),
            ("TDT4100-2026H", "kari.konsulent@ntnu.no"),
            ("TDT4100-2026H", "per@ntnu.no"),
            ("TMA4100-2026V", "per@ntnu.no"),
        ]

        eva = session.get(Grader, "eva.external@example.com")
        assert eva.kind == "external"
        assert eva.inspera_email == "eva@inspera.example.org"
        assert (eva.appointed, eva.access_agreement, eva.norwegian_id) == (True, False, False)
        assert eva.university_user_activated is False
        ola = session.get(Grader, "ola@ntnu.no")
        assert (ola.appointed, ola.norwegian_id, ola.university_user_activated) == (
            None,
            True,
            True,
        )

        memberships = session.execute(
            select(
                CommitteeMembership.test_id,
                CommitteeMembership.committee,
                CommitteeMembership.grader_email,
            )
        ).all()
        assert sorted(memberships, key=repr) == sorted(
            [
                ("TDT4100-2026H", "1", "ola@ntnu.no"),
                ("TDT4100-2026H", "1", "eva.external@example.com"),
                ("TDT4100-2026H", "2", "kari.sensor@ntnu.no"),
                ("TMA4100-2026V", None, "ola@ntnu.no"),
                ("EXPH0300-2026H", "A", "kari.sensor@ntnu.no"),
            ],
            key=repr,
        )
        candidates = session.execute(
            select(Candidate.candidate_id, Candidate.committee, Candidate.status).where(
                Candidate.test_id == "TDT4100-2026H"
            )
        ).all()
        assert sorted(candidates, key=repr) == sorted(
            [
                ("10001", "1", "submitted"),
                ("10002", "1", "absent"),
                ("10003", "2", "submitted"),
                ("10004", None, "redelivery"),
            ],
            key=repr,
        )
        departments = session.execute(select(Department.code, Department.escalation_channel))
        assert sorted(departments.all(), key=repr) == [("IDI", "C0123ABCDE"), ("IMF", None)]


def test_every_import_is_audited_with_counts_only(store: Engine, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "roster.xlsx", good_sheets())
    import_roster(store, path, OSLO)
    import_roster(store, path, OSLO)

    with Session(store) as session:
        entries = session.execute(select(AuditEntry)).scalars().all()
    assert [(e.actor, e.action) for e in entries] == [("cli", "roster_import")] * 2
    first, second = (json.loads(e.new_value) for e in entries)
    assert first["Candidates"] == {"created": 7, "updated": 0, "unchanged": 0, "removed": 0}
    assert second["Candidates"] == {"created": 0, "updated": 0, "unchanged": 7, "removed": 0}
    assert first["newly_opened"] == 1
    assert "@" not in entries[0].new_value
    assert all(e.at.tzinfo is not None for e in entries)


def test_report_lines_summarise_every_sheet(sqlite_store: Engine, tmp_path: Path) -> None:
    report = import_roster(sqlite_store, write_workbook(tmp_path / "r.xlsx", good_sheets()), OSLO)
    assert report.lines("en") == [
        "Tests, column O `notes`: not a column Sensorbot knows; it was not read.",
        "Tests: 3 created, 0 updated, 0 unchanged",
        "Graders: 3 created, 0 updated, 0 unchanged",
        "Committees: 5 created, 0 updated, 0 unchanged, 0 removed",
        "Candidates: 7 created, 0 updated, 0 unchanged, 0 removed",
        "Departments: 2 created, 0 updated, 0 unchanged",
        "Explanations: 0 created, 0 updated, 0 unchanged; of the new and updated, 0 came late",
        "Complaints: 0 created, 0 updated, 0 unchanged; of the new and updated, 0 came late",
        "Opened for marking by this import: EXPH0300-2026H",
    ]
    assert report.lines("nb") == [
        "Tests, kolonne O `notes`: ikke en kolonne Sensorbot kjenner; den ble ikke lest.",
        "Tests: 3 opprettet, 0 endret, 0 uendret",
        "Graders: 3 opprettet, 0 endret, 0 uendret",
        "Committees: 5 opprettet, 0 endret, 0 uendret, 0 fjernet",
        "Candidates: 7 opprettet, 0 endret, 0 uendret, 0 fjernet",
        "Departments: 2 opprettet, 0 endret, 0 uendret",
        "Explanations: 0 opprettet, 0 endret, 0 uendret; av de nye og endrede kom 0 for sent",
        "Complaints: 0 opprettet, 0 endret, 0 uendret; av de nye og endrede kom 0 for sent",
        "Åpnet for sensur ved denne importen: EXPH0300-2026H",
    ]


def test_progress_reports_each_stage_to_completion(sqlite_store: Engine, tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    path = write_workbook(tmp_path / "roster.xlsx", good_sheets())
    import_roster(sqlite_store, path, OSLO, progress=lambda *call: calls.append(call))

    stages = [stage for stage, _, _ in calls]
    assert stages[0] == "reading"
    assert {"reading", "validating", "writing"} <= set(stages)
    for stage in ("reading", "validating", "writing"):
        last = [call for call in calls if call[0] == stage][-1]
        assert last[1] == last[2]
    assert all(done <= total for _, done, total in calls)


# --- re-import ----------------------------------------------------------------------------


def test_reimport_of_the_same_workbook_changes_nothing(store: Engine, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "roster.xlsx", good_sheets())
    import_roster(store, path, OSLO)
    before = snapshot(store)

    report = import_roster(store, path, OSLO)

    for name, counts in report.by_sheet().items():
        assert (counts.created, counts.updated, counts.removed) == (0, 0, 0), name
    assert report.tests.unchanged == 3
    assert report.graders.unchanged == 3
    assert report.committees.unchanged == 5
    assert report.candidates.unchanged == 7
    assert report.departments.unchanged == 2
    assert report.newly_opened == []
    after = snapshot(store)
    assert len(after.pop("audit_entry")) == len(before.pop("audit_entry")) + 1
    assert after == before


def test_reimport_updates_changed_rows_and_removes_left_out_ones(
    store: Engine, tmp_path: Path
) -> None:
    import_roster(store, write_workbook(tmp_path / "first.xlsx", good_sheets()), OSLO)
    sheets = good_sheets()
    tests = sheet_rows(sheets, "Tests")
    tests[1][2] = "Object-oriented programming"  # TDT4100 title
    tests[3][4] = "per@ntnu.no, ny.konsulent@ntnu.no"  # TMA4100 consultants
    graders = sheet_rows(sheets, "Graders")
    graders[3][1] = "Kari Sensor"
    candidates = sheet_rows(sheets, "Candidates")
    candidates[2][3] = "submitted"  # 10002 was absent
    del candidates[4]  # 10004 is gone
    committees = sheet_rows(sheets, "Committees")
    committees[2][2] = "kari.sensor@ntnu.no"  # Eva out of committee 1, Kari in
    sheet_rows(sheets, "Departments")[2][1] = "G9ZZZZZZZZ"

    report = import_roster(store, write_workbook(tmp_path / "second.xlsx", sheets), OSLO)

    assert (report.tests.updated, report.tests.unchanged) == (2, 1)
    assert (report.graders.updated, report.graders.unchanged) == (1, 2)
    assert (report.candidates.updated, report.candidates.removed) == (1, 1)
    assert report.candidates.unchanged == 5
    assert (report.committees.created, report.committees.removed) == (1, 1)
    assert report.committees.unchanged == 4
    assert (report.departments.updated, report.departments.unchanged) == (1, 1)
    with Session(store) as session:
        assert session.get(tables.Test, "TDT4100-2026H").title == "Object-oriented programming"
        consultants = session.execute(
            select(tables.TestConsultant.email).where(
                tables.TestConsultant.test_id == "TMA4100-2026V"
            )
        ).scalars()
        assert sorted(consultants) == ["ny.konsulent@ntnu.no", "per@ntnu.no"]
        statuses = dict(
            session.execute(
                select(Candidate.candidate_id, Candidate.status).where(
                    Candidate.test_id == "TDT4100-2026H"
                )
            ).all()
        )
        assert statuses == {"10001": "submitted", "10002": "submitted", "10003": "submitted"}
        committee_one = session.execute(
            select(CommitteeMembership.grader_email).where(
                CommitteeMembership.test_id == "TDT4100-2026H",
                CommitteeMembership.committee == "1",
            )
        ).scalars()
        assert sorted(committee_one) == ["kari.sensor@ntnu.no", "ola@ntnu.no"]

    again = import_roster(store, write_workbook(tmp_path / "third.xlsx", sheets), OSLO)
    assert all((c.created, c.updated, c.removed) == (0, 0, 0) for c in again.by_sheet().values())


def test_tests_not_mentioned_in_a_sheet_are_left_alone(store: Engine, tmp_path: Path) -> None:
    import_roster(store, write_workbook(tmp_path / "full.xlsx", good_sheets()), OSLO)
    partial = {
        "Tests": [SPEC_HEADERS["Tests"]],
        "Graders": [SPEC_HEADERS["Graders"]],
        "Committees": [SPEC_HEADERS["Committees"]],
        "Candidates": [
            SPEC_HEADERS["Candidates"],
            ["TMA4100-2026V", "20001", None, "absent"],
        ],
    }
    before = snapshot(store)

    report = import_roster(store, write_workbook(tmp_path / "partial.xlsx", partial), OSLO)

    # Only TMA4100's candidates are governed by this workbook: 20002 goes, 20001 changes.
    assert (report.candidates.updated, report.candidates.removed) == (1, 1)
    assert report.committees.removed == 0
    after = snapshot(store)
    assert after["test"] == before["test"]
    assert after["committee_membership"] == before["committee_membership"]
    with Session(store) as session:
        remaining = session.execute(select(Candidate.test_id, Candidate.candidate_id)).all()
    assert len(remaining) == 6
    assert ("TMA4100-2026V", "20002") not in remaining


def test_newly_opened_lists_tests_opened_by_this_import(store: Engine, tmp_path: Path) -> None:
    first = import_roster(store, write_workbook(tmp_path / "a.xlsx", good_sheets()), OSLO)
    assert first.newly_opened == ["EXPH0300-2026H"]

    sheets = good_sheets()
    sheet_rows(sheets, "Tests")[1][11] = datetime(2027, 1, 5, 8, 30)
    second = import_roster(store, write_workbook(tmp_path / "b.xlsx", sheets), OSLO)
    assert second.newly_opened == ["TDT4100-2026H"]
    assert second.tests.updated == 1
    with Session(store) as session:
        opened = session.get(tables.Test, "TDT4100-2026H").opened_for_marking
    assert opened == datetime(2027, 1, 5, 7, 30, tzinfo=UTC)

    third = import_roster(store, write_workbook(tmp_path / "c.xlsx", sheets), OSLO)
    assert third.newly_opened == []


def test_a_blank_opened_for_marking_does_not_close_an_open_test(
    store: Engine, tmp_path: Path
) -> None:
    import_roster(store, write_workbook(tmp_path / "a.xlsx", good_sheets()), OSLO)
    sheets = good_sheets()
    sheet_rows(sheets, "Tests")[4][11] = None  # EXPH0300 was opened by the first import

    report = import_roster(store, write_workbook(tmp_path / "b.xlsx", sheets), OSLO)

    assert report.tests.unchanged == 3
    with Session(store) as session:
        opened = session.get(tables.Test, "EXPH0300-2026H").opened_for_marking
    assert opened == datetime(2026, 12, 11, 10, 0, tzinfo=UTC)


def test_graders_and_tests_already_stored_are_known_to_later_workbooks(
    store: Engine, tmp_path: Path
) -> None:
    import_roster(store, write_workbook(tmp_path / "a.xlsx", good_sheets()), OSLO)
    only_links = {
        "Tests": [SPEC_HEADERS["Tests"]],
        "Graders": [SPEC_HEADERS["Graders"]],
        "Committees": [
            SPEC_HEADERS["Committees"],
            ["EXPH0300-2026H", "B", "OLA@ntnu.no"],
            ["EXPH0300-2026H", "A", "kari.sensor@ntnu.no"],
        ],
        "Candidates": [SPEC_HEADERS["Candidates"]],
    }
    report = import_roster(store, write_workbook(tmp_path / "b.xlsx", only_links), OSLO)
    assert (report.committees.created, report.committees.unchanged) == (1, 1)


# --- a broken workbook ---------------------------------------------------------------------


def broken_sheets() -> dict[str, list[list[object]]]:
    """Every kind of mistake at once. The comments give each problem's row."""
    tests_header = [h for h in SPEC_HEADERS["Tests"] if h != "course_code"]  # missing column
    # fmt: off
    return {
        "Tests": [
            tests_header,
            # row 2: fine apart from the sheet's missing course_code column
            ["NEW-1", None, "IDI", "kari@ntnu.no", "2026-12-10 09:00", None, "letter",
             None, None, None, None, None, None],
            # row 3: no test_id (required cell)
            [None, None, "IDI", "kari@ntnu.no", "2026-12-10 09:00", None, "letter",
             None, None, None, None, None, None],
            # row 4: bad consultant e-mail, date, grade scale, marking mode, yes/no
            ["NEW-2", None, "IDI", "kari@ntnu", "10.12.2026", None, "letters",
             "solo", None, None, None, "maybe", None],
            # row 5: duplicate test_id
            ["NEW-1", None, "IDI", "kari@ntnu.no", "2026-12-10 09:00", None, "letter",
             None, None, None, None, None, None],
            # row 6: grading deadline before the submission deadline
            ["NEW-3", None, "IDI", "kari@ntnu.no", "2026-12-10 09:00", "2026-12-01 09:00",
             "letter", None, None, None, None, None, None],
            # row 7: a local time that does not exist (clocks go forward at 02:00)
            ["NEW-4", None, "IDI", "kari@ntnu.no", "2026-03-29 02:30", None, "passfail",
             None, None, None, None, None, None],
        ],
        "Graders": [
            SPEC_HEADERS["Graders"],
            ["ola(at)ntnu.no", None, "internal", None, None, None, None, None],  # row 2
            ["new@ntnu.no", None, "internal", None, None, None, None, None],  # row 3 fine
            [" NEW@ntnu.no", None, "internal", None, None, None, None, None],  # row 4 dup
            ["x@ntnu.no", None, "extern", None, "si", None, None, None],  # row 5
            ["y@ntnu.no", None, None, "not-an-address", None, None, None, None],  # row 6
        ],
        "Committees": [
            SPEC_HEADERS["Committees"],
            ["NO-SUCH-TEST", "1", "new@ntnu.no"],  # row 2: unknown test
            ["NEW-1", "1", "ghost@ntnu.no"],  # row 3: unknown grader
            ["NEW-1", "1", "new@ntnu.no"],  # row 4 fine
            ["NEW-1", "1", "New@NTNU.no"],  # row 5: duplicate membership
            ["TDT4100-2026H", "1", "ola@ntnu.no"],  # row 6: fine, both already stored
            ["NEW-2", None, None],  # row 7: no grader e-mail
        ],
        "Candidates": [
            SPEC_HEADERS["Candidates"],
            ["NEW-1", "1", "1", "sumbitted"],  # row 2: bad status
            ["NEW-1", "2", "1", "submitted"],  # row 3 fine
            [None, None, None, None],  # row 4 blank, skipped
            ["NEW-1", 2, "1", "absent"],  # row 5: duplicate candidate (number cell)
            ["NO-SUCH-TEST", "3", None, "submitted"],  # row 6: unknown test
            ["TDT4100-2026H", "99", "9", "submitted"],  # row 7: fine, test already stored
            ["NEW-1", None, None, "submitted"],  # row 8: no candidate_id
            ["new-1", "4", None, "submitted"],  # row 9: unknown test (case slip)
        ],
        "Departments": [
            SPEC_HEADERS["Departments"],
            ["IDI", "#idi-sensur"],  # row 2: a channel name, not an id
            [None, "C0123ABCDE"],  # row 3: no department
            ["IDI", None],  # row 4: duplicate department
        ],
    }
    # fmt: on


BROKEN_PROBLEMS = {
    ("Tests", None, "course_code"),
    ("Tests", 3, "test_id"),
    ("Tests", 4, "consultant_emails"),
    ("Tests", 4, "submission_deadline"),
    ("Tests", 4, "grade_scale"),
    ("Tests", 4, "marking_mode"),
    ("Tests", 4, "guideline_published"),
    ("Tests", 5, "test_id"),
    ("Tests", 6, "grading_deadline"),
    ("Tests", 7, "submission_deadline"),
    ("Graders", 2, "email"),
    ("Graders", 4, "email"),
    ("Graders", 5, "kind"),
    ("Graders", 5, "appointed"),
    ("Graders", 6, "kind"),
    ("Graders", 6, "inspera_email"),
    ("Committees", 2, "test_id"),
    ("Committees", 3, "grader_email"),
    ("Committees", 5, "grader_email"),
    ("Committees", 7, "grader_email"),
    ("Candidates", 2, "status"),
    ("Candidates", 5, "candidate_id"),
    ("Candidates", 6, "test_id"),
    ("Candidates", 8, "candidate_id"),
    ("Candidates", 9, "test_id"),
    ("Departments", 2, "escalation_channel"),
    ("Departments", 3, "department"),
    ("Departments", 4, "department"),
}


def test_broken_workbook_reports_every_problem_and_stores_nothing(
    store: Engine, tmp_path: Path
) -> None:
    import_roster(store, write_workbook(tmp_path / "good.xlsx", good_sheets()), OSLO)
    before = snapshot(store)

    with pytest.raises(RosterError) as error:
        import_roster(store, write_workbook(tmp_path / "broken.xlsx", broken_sheets()), OSLO)

    assert problems_of(error) == BROKEN_PROBLEMS
    assert snapshot(store) == before

    by_place = {(p.sheet, p.row, p.column): p for p in error.value.problems}
    assert by_place[("Tests", None, "course_code")].message.startswith("required column")
    assert by_place[("Tests", 3, "test_id")].message.startswith("required")
    assert by_place[("Tests", 4, "consultant_emails")].value == "kari@ntnu"
    assert by_place[("Tests", 4, "submission_deadline")].value == "10.12.2026"
    assert by_place[("Tests", 4, "grade_scale")].message == "allowed: letter, passfail"
    assert by_place[("Tests", 4, "guideline_published")].message.startswith("expected yes or no")
    assert "already on row 2" in by_place[("Tests", 5, "test_id")].message
    assert "after the submission deadline" in by_place[("Tests", 6, "grading_deadline")].message
    assert "does not exist" in by_place[("Tests", 7, "submission_deadline")].message
    assert "already on row 3" in by_place[("Graders", 4, "email")].message
    assert by_place[("Graders", 5, "kind")].message == "allowed: internal, external"
    assert by_place[("Committees", 2, "test_id")].message.startswith("unknown test")
    assert by_place[("Committees", 3, "grader_email")].value == "ghost@ntnu.no"
    assert by_place[("Committees", 3, "grader_email")].message.startswith("unknown grader")
    assert "already on row 4" in by_place[("Committees", 5, "grader_email")].message
    assert str(by_place[("Candidates", 2, "status")]) == (
        "Candidates row 2, column status: 'sumbitted' — allowed: submitted, absent, redelivery"
    )
    assert by_place[("Candidates", 2, "status")].render("nb") == (
        "Candidates rad 2, kolonne status: 'sumbitted' — tillatt: submitted, absent, redelivery"
    )
    assert "already on row 3" in by_place[("Candidates", 5, "candidate_id")].message
    assert "did you mean 'NEW-1'?" in by_place[("Candidates", 9, "test_id")].message
    assert "channel id" in by_place[("Departments", 2, "escalation_channel")].message


def test_a_missing_sheet_is_reported_along_with_every_other_problem(
    store: Engine, tmp_path: Path
) -> None:
    import_roster(store, write_workbook(tmp_path / "good.xlsx", good_sheets()), OSLO)
    before = snapshot(store)
    sheets = broken_sheets()
    sheets["Kandidater"] = sheets.pop("Candidates")

    with pytest.raises(RosterError) as error:
        import_roster(store, write_workbook(tmp_path / "broken.xlsx", sheets), OSLO)

    expected = {p for p in BROKEN_PROBLEMS if p[0] != "Candidates"}
    assert problems_of(error) == expected | {("Candidates", None, None)}
    missing = next(p for p in error.value.problems if p.sheet == "Candidates")
    assert missing.message.startswith("required sheet is missing")
    assert "Kandidater" in missing.message
    assert snapshot(store) == before


def test_a_database_error_rolls_back_the_whole_import(
    store: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last statements of an import fail in the database: nothing before them stays."""
    import_roster(store, write_workbook(tmp_path / "good.xlsx", good_sheets()), OSLO)
    before = snapshot(store)
    original = importer_module._apply_candidates

    def with_an_orphan(session, writer, roster, counts) -> None:
        original(session, writer, roster, counts)
        orphan = {"test_id": "NO-SUCH", "candidate_id": "1", "committee": None, "status": "absent"}
        writer.insert(Candidate, [orphan])

    monkeypatch.setattr(importer_module, "_apply_candidates", with_an_orphan)
    sheets = good_sheets()
    sheet_rows(sheets, "Tests")[1][2] = "changed title"
    sheet_rows(sheets, "Graders").append(["new@ntnu.no", None, "internal"])

    with pytest.raises(IntegrityError):
        import_roster(store, write_workbook(tmp_path / "changed.xlsx", sheets), OSLO)

    assert snapshot(store) == before


def test_problem_text_without_row_or_value() -> None:
    column = RosterProblem("Tests", None, "course_code", None, "roster.problem.column_missing")
    assert str(column) == (
        "Tests, column course_code — required column is missing: put its name in the first row"
    )
    assert column.render("nb") == (
        "Tests, kolonne course_code — påkrevd kolonne mangler: skriv navnet i første rad"
    )
    missing = RosterProblem(None, None, None, None, "roster.problem.file_not_found", {"path": "x"})
    assert str(missing) == "Workbook — file not found: x"
    assert missing.render("nb") == "Arbeidsboken — fant ikke filen: x"
    row = RosterProblem("Graders", 7, None, None, "roster.problem.sheet_repeated")
    assert str(row).startswith("Graders row 7 — more than one sheet")
    assert row.render("nb").startswith("Graders rad 7 — flere ark")
    sheet = RosterProblem("Graders", None, None, None, "roster.problem.sheet_repeated")
    assert str(sheet).startswith("Graders — more than one sheet")
    assert sheet.render("nb").startswith("Graders — flere ark")


# --- the file itself -------------------------------------------------------------------


def test_openpyxl_reads_xml_through_defusedxml() -> None:
    assert openpyxl.xml.DEFUSEDXML is True


def rewrite_member(source: Path, target: Path, member: str, change) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == member:
                data = change(data.decode()).encode()
            zout.writestr(item, data)
    return target


def test_a_workbook_with_xml_entities_is_refused(sqlite_store: Engine, tmp_path: Path) -> None:
    plain = write_workbook(tmp_path / "plain.xlsx", good_sheets())
    doctype = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'

    def add_entities(xml: str) -> str:
        return doctype + xml.replace("<t>TDT4100</t>", "<t>&b;</t>")

    bomb = rewrite_member(plain, tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", add_entities)
    before = snapshot(sqlite_store)

    with pytest.raises(RosterError) as error:
        import_roster(sqlite_store, bomb, OSLO)

    [problem] = error.value.problems
    assert problem.sheet is None
    assert "entity" in problem.message
    assert snapshot(sqlite_store) == before


def test_a_wrong_stored_dimension_does_not_cut_rows_off(
    sqlite_store: Engine, tmp_path: Path
) -> None:
    """Some generators write a stale <dimension>; read-only openpyxl would trust it."""
    plain = write_workbook(tmp_path / "plain.xlsx", good_sheets())
    candidates_sheet = "xl/worksheets/sheet4.xml"

    def shrink(xml: str) -> str:
        start = xml.index("<dimension ref=")
        end = xml.index("/>", start) + 2
        return xml[:start] + '<dimension ref="A1:B2"/>' + xml[end:]

    stale = rewrite_member(plain, tmp_path / "stale.xlsx", candidates_sheet, shrink)
    report = import_roster(sqlite_store, stale, OSLO)
    assert report.candidates.created == 7


def test_not_a_workbook(sqlite_store: Engine, tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_text("test_id,course_code\n")
    with pytest.raises(RosterError) as error:
        import_roster(sqlite_store, path, OSLO)
    assert "not a readable .xlsx workbook" in error.value.problems[0].message
    with pytest.raises(RosterError) as error:
        import_roster(sqlite_store, tmp_path / "missing.xlsx", OSLO)
    assert error.value.problems[0].message.startswith("file not found")


# --- the template -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_template_has_the_seven_sheets_with_their_headers(tmp_path: Path, lang: str) -> None:
    """The data sheets' names and headers are the contract's in either language."""
    path = tmp_path / "template.xlsx"
    write_roster_template(path, lang)

    workbook = openpyxl.load_workbook(path, read_only=True)
    for name, headers in SPEC_HEADERS.items():
        first_row = next(workbook[name].iter_rows(min_row=1, max_row=1, values_only=True))
        assert list(first_row) == headers, name
    assert workbook.sheetnames == [INSTRUCTIONS_TITLE[lang], *SPEC_HEADERS]
    workbook.close()


INSTRUCTIONS_TITLE = {"nb": "Veiledning", "en": "Instructions"}
INSTRUCTIONS_HEADER = {
    "nb": ["ark", "kolonne", "påkrevd", "betydning"],
    "en": ["sheet", "column", "required", "meaning"],
}
# (sheet, column) → (required, meaning), a few rows as the reader of the sheet sees them.
INSTRUCTIONS_ROWS = {
    "nb": {
        ("Tests", "test_id"): ("ja", "prøvens unike nøkkel, f.eks. TDT4100-2026H"),
        ("Graders", "name"): ("nei", "sensorens navn, fritekst"),
        ("Candidates", "candidate_id"): ("ja", "kandidatnummer"),
        ("Departments", "department"): ("ja (valgfritt ark)", "institutt, f.eks. IDI"),
    },
    "en": {
        ("Tests", "test_id"): ("yes", "the test's unique key, e.g. TDT4100-2026H"),
        ("Graders", "name"): ("no", "the grader's name, free text"),
        ("Candidates", "candidate_id"): ("yes", "candidate number"),
        ("Departments", "department"): ("yes (optional sheet)", "department, e.g. IDI"),
    },
}
INSTRUCTIONS_FIRST_LINE = {
    "nb": "Sensorbots arbeidsbok for prøver, sensorer og kommisjoner. Fyll ut arkene Tests, "
    "Graders, Committees og Candidates (Departments, Explanations og Complaints er "
    "valgfrie), og kjør deretter: sensorbot import FIL.xlsx",
    "en": "Sensorbot roster workbook. Fill in the sheets Tests, Graders, Committees and "
    "Candidates (Departments, Explanations and Complaints are optional), then run: "
    "sensorbot import FILE.xlsx",
}


def read_instructions(path: Path) -> tuple[str, list[str], list[str], dict[tuple, tuple]]:
    """The instructions sheet of a template: title, general lines, table header, rows."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    sheet = workbook.worksheets[0]
    lines = [tuple(c for c in row if c is not None) for row in sheet.iter_rows(values_only=True)]
    title = sheet.title
    workbook.close()
    blank = lines.index(())
    general = [line[0] for line in lines[:blank]]
    header = list(lines[blank + 1])
    rows: dict[tuple, tuple] = {}
    for sheet_name, column, required, *meaning in lines[blank + 2 :]:
        assert (sheet_name, column) not in rows, (sheet_name, column)
        rows[(sheet_name, column)] = (required, *meaning)
    return title, general, header, rows


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_instructions_sheet_is_in_the_chosen_language(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "template.xlsx"
    write_roster_template(path, lang)

    title, general, header, rows = read_instructions(path)

    assert title == INSTRUCTIONS_TITLE[lang]
    assert general[0] == INSTRUCTIONS_FIRST_LINE[lang]
    assert header == INSTRUCTIONS_HEADER[lang]
    for place, expected in INSTRUCTIONS_ROWS[lang].items():
        assert rows[place] == expected, place
    yes, no = ("ja", "nei") if lang == "nb" else ("yes", "no")
    assert {required.split(" (")[0] for required, _ in rows.values()} == {yes, no}
    # Every instruction text the catalog holds for the template is on the sheet, in `lang`.
    written = {title, *general, *header, *(text for row in rows.values() for text in row)}
    template_keys = [k for k in messages() if k.startswith(("roster.template.", "roster.column."))]
    for key in template_keys:
        if "{" not in messages()[key][lang]:
            assert messages()[key][lang] in written, key


def test_instructions_differ_between_the_languages(tmp_path: Path) -> None:
    """Nothing on the instructions sheet is left in the other language, apart from the
    contract's sheet and column names."""
    instructions = {}
    for lang in ("nb", "en"):
        write_roster_template(tmp_path / f"{lang}.xlsx", lang)
        instructions[lang] = read_instructions(tmp_path / f"{lang}.xlsx")
    (nb_title, nb_general, nb_header, nb_rows) = instructions["nb"]
    (en_title, en_general, en_header, en_rows) = instructions["en"]

    assert nb_title != en_title
    assert len(nb_general) == len(en_general)
    assert all(nb != en for nb, en in zip(nb_general, en_general, strict=True))
    assert all(nb != en for nb, en in zip(nb_header, en_header, strict=True))
    assert nb_rows.keys() == en_rows.keys()
    for place in nb_rows:
        assert nb_rows[place][1] != en_rows[place][1], place


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_column_of_every_sheet_has_a_meaning_row(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "template.xlsx"
    write_roster_template(path, lang)

    _, _, _, rows = read_instructions(path)

    expected = [(sheet, column) for sheet, columns in SPEC_HEADERS.items() for column in columns]
    assert list(rows) == expected
    for place, (required, *meaning) in rows.items():
        assert required and len(meaning) == 1 and meaning[0].strip(), place
    # And no meaning is kept for a column that no longer exists.
    meaning_keys = {k for k in messages() if k.startswith("roster.column.")}
    assert meaning_keys == {column_meaning_key(sheet, column) for sheet, column in expected}


def test_unfilled_template_imports_nothing(store: Engine, tmp_path: Path) -> None:
    """An empty template is a valid, empty roster: the import changes no roster data."""
    import_roster(store, write_workbook(tmp_path / "good.xlsx", good_sheets()), OSLO)
    before = snapshot(store)
    path = tmp_path / "template.xlsx"
    write_roster_template(path, "nb")

    report = import_roster(store, path, OSLO)

    assert all(
        (c.created, c.updated, c.unchanged, c.removed) == (0, 0, 0, 0)
        for c in report.by_sheet().values()
    )
    after = snapshot(store)
    assert len(after.pop("audit_entry")) == len(before.pop("audit_entry")) + 1
    assert after == before


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_filled_in_template_imports(store: Engine, tmp_path: Path, lang: str) -> None:
    path = tmp_path / "template.xlsx"
    write_roster_template(path, lang)
    workbook = openpyxl.load_workbook(path)
    for name, rows in good_sheets().items():
        target = workbook[name.strip().capitalize()]
        width = len([header for header in rows[0] if header != "notes"])
        for row in rows[1:]:
            target.append(row[:width])
    workbook.save(path)

    report: ImportReport = import_roster(store, path, OSLO)

    # good_sheets() puts `notes` last in Tests, and its other columns in §9.4 order.
    assert (report.tests.created, report.candidates.created) == (3, 7)


# --- cell parsing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("yes", True),
        ("JA", True),
        ("True", True),
        ("1", True),
        (1, True),
        (1.0, True),
        (True, True),
        ("no", False),
        (" Nei ", False),
        ("false", False),
        ("0", False),
        (0, False),
        (False, False),
    ],
)
def test_parse_yes_no(value: object, expected: bool) -> None:
    assert parse_yes_no(value) is expected


@pytest.mark.parametrize("value", ["y", "maybe", 2, "ok"])
def test_parse_yes_no_refuses(value: object) -> None:
    with pytest.raises(CellError):
        parse_yes_no(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2026, 12, 10, 9, 0), datetime(2026, 12, 10, 8, 0, tzinfo=UTC)),
        ("2026-12-10 09:00", datetime(2026, 12, 10, 8, 0, tzinfo=UTC)),
        ("2026-12-10T09:00", datetime(2026, 12, 10, 8, 0, tzinfo=UTC)),
        ("2026-12-10", datetime(2026, 12, 9, 23, 0, tzinfo=UTC)),
        ("2026-06-10 09:00", datetime(2026, 6, 10, 7, 0, tzinfo=UTC)),
        ("2026-12-10T09:00Z", datetime(2026, 12, 10, 9, 0, tzinfo=UTC)),
        ("2026-12-10T09:00-05:00", datetime(2026, 12, 10, 14, 0, tzinfo=UTC)),
    ],
)
def test_parse_datetime(value: object, expected: datetime) -> None:
    parsed = parse_datetime(value, OSLO)
    assert parsed == expected
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize("value", ["10.12.2026", "tomorrow", 46000, "2026-03-29 02:30"])
def test_parse_datetime_refuses(value: object) -> None:
    with pytest.raises(CellError):
        parse_datetime(value, OSLO)


def test_parse_emails() -> None:
    assert parse_email("  Ola.Nordmann@NTNU.no ") == "ola.nordmann@ntnu.no"
    assert parse_email_list("a@ntnu.no; B@ntnu.no,a@ntnu.no ,") == ("a@ntnu.no", "b@ntnu.no")
    for bad in ("ola", "ola@ntnu", "@ntnu.no", "ola@@ntnu.no", "ola nordmann@ntnu.no"):
        with pytest.raises(CellError):
            parse_email(bad)
    with pytest.raises(CellError, match="'b@'"):
        parse_email_list("a@ntnu.no; b@")


def test_two_sheets_with_the_same_name_are_a_problem(sqlite_store: Engine, tmp_path: Path) -> None:
    sheets = good_sheets()
    sheets["Graders "] = [SPEC_HEADERS["Graders"], ["other@ntnu.no", None, "internal"]]
    before = snapshot(sqlite_store)

    with pytest.raises(RosterError) as error:
        import_roster(sqlite_store, write_workbook(tmp_path / "twice.xlsx", sheets), OSLO)

    assert problems_of(error) == {("Graders", None, None)}
    assert "more than one sheet" in error.value.problems[0].message
    assert snapshot(sqlite_store) == before


def test_a_repeated_column_is_a_problem(sqlite_store: Engine, tmp_path: Path) -> None:
    sheets = good_sheets()
    for row in sheet_rows(sheets, "Candidates"):
        row.append(row[3])  # a second `status` column

    with pytest.raises(RosterError) as error:
        import_roster(sqlite_store, write_workbook(tmp_path / "twice.xlsx", sheets), OSLO)

    assert problems_of(error) == {("Candidates", 1, "status")}


# --- problems in both languages -------------------------------------------------------------


def rejected(engine: Engine, path: Path) -> list[RosterProblem]:
    with pytest.raises(RosterError) as error:
        import_roster(engine, path, OSLO)
    return error.value.problems


def every_kind_of_problem(engine: Engine, tmp_path: Path) -> list[RosterProblem]:
    """At least one problem of each `roster.problem.*` kind, from the workbooks above and a
    few more mistakes."""
    import_roster(engine, write_workbook(tmp_path / "good.xlsx", good_sheets()), OSLO)
    broken = broken_sheets()
    broken["Tests"].append(  # row 8: a separator without addresses, a number as a date
        ["NEW-5", None, "IDI", " ; ", 46000, None, "letter", None, None, None, None, None, None]
    )
    broken["Committees"].append(["NEW-1", "x" * 200, "new@ntnu.no"])  # row 8: too long
    problems = rejected(engine, write_workbook(tmp_path / "broken.xlsx", broken))

    renamed = broken_sheets()
    renamed["Kandidater"] = renamed.pop("Candidates")
    problems += rejected(engine, write_workbook(tmp_path / "renamed.xlsx", renamed))

    twice = good_sheets()
    twice["Graders "] = [SPEC_HEADERS["Graders"]]
    for row in sheet_rows(twice, "Candidates"):
        row.append(row[3])
    problems += rejected(engine, write_workbook(tmp_path / "twice.xlsx", twice))

    not_xlsx = tmp_path / "roster.xlsx"
    not_xlsx.write_text("test_id,course_code\n")
    problems += rejected(engine, not_xlsx)
    problems += rejected(engine, tmp_path / "missing.xlsx")
    doctype = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    problems += rejected(
        engine,
        rewrite_member(
            tmp_path / "good.xlsx",
            tmp_path / "entities.xlsx",
            "xl/worksheets/sheet1.xml",
            lambda xml: doctype + xml,
        ),
    )
    formula = good_sheets()
    sheet_rows(formula, "Candidates")[1][1] = ' =HYPERLINK("http://x")'
    problems += rejected(engine, write_workbook(tmp_path / "formula.xlsx", formula))
    problems += after_results_problems(engine, tmp_path)
    misspelt = good_sheets()
    sheet_rows(misspelt, "Graders")[0][2] = "knd"
    problems += rejected(engine, write_workbook(tmp_path / "misspelt.xlsx", misspelt))
    # No sheets at all cannot be saved from Excel or openpyxl; check it on the rows.
    with pytest.raises(RosterError) as error:
        validate_roster(WorkbookRows(sheets={}, titles=[]), OSLO, {}, {})
    return problems + error.value.problems


def after_results_problems(engine: Engine, tmp_path: Path) -> list[RosterProblem]:
    """Every problem of the Explanations and Complaints sheets and of complaint committees."""
    from tests.unit.roster.test_roster_after_results import after_results_sheets

    import_roster(engine, write_workbook(tmp_path / "after.xlsx", after_results_sheets()), OSLO)
    with session_scope(engine) as session:
        for candidate, status in (("101", "held"), ("102", "final")):
            session.execute(
                update(tables.Complaint)
                .where(col(tables.Complaint.candidate_id) == candidate)
                .values(status=status)
            )
    sheets = after_results_sheets()
    sheets["Candidates"].append(["TDT4100-2026H", "104", "K1", "submitted"])
    sheets["Committees"].append(["TDT4100-2026H", "KL1", "ola@ntnu.no", "complaint"])
    sheets["Complaints"][1][2] = "2027-01-21 10:00"  # held: cannot change
    sheets["Complaints"][2][4] = "2027-01-26 10:00"  # final: cannot change
    sheets["Complaints"] += [
        ["TDT4145-2026H-M", "301", "2027-01-20 10:00", "KL1", None],  # oral
        ["EXPH0300-2026H", "401", "2027-01-20 10:00", "KL1", None],  # not announced
        ["TMA4100-2026H", "201", "2027-01-04 10:00", "KL1", None],  # early, no final grade
        ["TDT4100-2026H", "104", "2027-01-20 10:00", "K9", None],  # no such committee
        ["TDT4100-2026H", "104", "2027-01-20 10:00", "KL1", None],  # repeated
        ["TDT4100-2026H", "999", "2027-01-20 10:00", "KL1", None],  # unknown candidate
        ["TDT4100-2026H", "103", "2027-01-20 10:00", "KL1", None],  # absent
    ]
    sheets["Explanations"] += [
        ["EXPH0300-2026H", "401", "2027-01-08 10:00"],  # not announced
        ["TDT4100-2026H", "101", "2027-01-08 10:00"],  # repeated
    ]
    problems = rejected(engine, write_workbook(tmp_path / "after-broken.xlsx", sheets))

    committees = after_results_sheets()
    del committees["Complaints"], committees["Explanations"]
    rows = committees["Committees"]
    rows[6][3] = None  # TDT4145's KL1 disagrees on purpose
    rows[12][2] = "ola@ntnu.no"  # EXPH0300's KL1 without an external grader
    del rows[10]  # TMA4100's KL1 with one grader
    rows.append(["TDT4100-2026H", None, "per@ntnu.no", "complaint"])  # a complaint, no name
    committees["Candidates"][1][2] = "KL1"  # a candidate in a complaint committee
    path = write_workbook(tmp_path / "committees-broken.xlsx", committees)
    return problems + rejected(engine, path)


def test_every_problem_kind_renders_in_norwegian_and_english(
    sqlite_store: Engine, tmp_path: Path
) -> None:
    problems = every_kind_of_problem(sqlite_store, tmp_path)

    kinds = {key for key in messages() if key.startswith("roster.problem.")}
    assert {p.key for p in problems} == kinds
    for problem in problems:
        english, norwegian = problem.render("en"), problem.render("nb")
        assert english == str(problem)
        assert problem.explanation("nb") != problem.explanation("en"), problem.key
        assert norwegian.endswith(" — " + problem.explanation("nb"))
        if problem.sheet is None:
            assert norwegian.startswith("Arbeidsboken — ")
            assert english.startswith("Workbook — ")
        else:
            assert norwegian.startswith(problem.sheet)
        if problem.row is not None:
            assert f"{problem.sheet} rad {problem.row}" in norwegian
            assert f"{problem.sheet} row {problem.row}" in english
        if problem.column is not None:
            assert f"kolonne {problem.column}" in norwegian
            assert f"column {problem.column}" in english
        if problem.value is not None:
            assert f": {problem.value!r} — " in norwegian


def test_problem_parameters_appear_in_both_languages(sqlite_store: Engine, tmp_path: Path) -> None:
    problems = every_kind_of_problem(sqlite_store, tmp_path)

    for problem in problems:
        for lang in ("nb", "en"):
            text = problem.explanation(lang)
            for value in problem.params.values():
                for item in value if isinstance(value, tuple) else (value,):
                    assert str(item) in text, (problem.key, lang)
    by_key = {p.key: p for p in problems}
    assert by_key["roster.problem.too_long"].render("nb") == (
        "Committees rad 8, kolonne committee: '" + "x" * 79 + "…' — for lang: høyst 128 tegn"
    )
    assert (
        by_key["roster.problem.unknown_test_close"]
        .explanation("nb")
        .endswith("(mente du 'NEW-1'?)")
    )
    assert "(ark i arbeidsboken: Tests, Graders, Committees, Departments, Kandidater)" in (
        by_key["roster.problem.sheet_missing"].explanation("nb")
    )
    assert by_key["roster.problem.grading_before_submission"].explanation("nb") == (
        "må være etter innleveringsfristen (2026-12-10 09:00)"
    )


@pytest.mark.parametrize("candidate_id", ["=1+1", "+4791234567", "-10412", "@SUM(A1)", "  =cmd"])
def test_a_candidate_id_excel_would_read_as_a_formula_is_refused_naming_the_cell(
    sqlite_store: Engine, tmp_path: Path, candidate_id: str
) -> None:
    sheets = good_sheets()
    candidates = sheet_rows(sheets, "Candidates")
    candidates[2][1] = candidate_id
    problems = rejected(sqlite_store, write_workbook(tmp_path / "roster.xlsx", sheets))
    (problem,) = [p for p in problems if p.key == "roster.problem.formula_like"]
    assert (problem.sheet, problem.row, problem.column) == ("Candidates", 3, "candidate_id")
    assert "Excel" in problem.render("nb") and "formula" in problem.render("en")


# --- writing in bulk ----------------------------------------------------------------------


def test_a_reimport_of_an_unchanged_roster_writes_no_roster_row(
    store: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import event

    path = write_workbook(tmp_path / "roster.xlsx", good_sheets())
    import_roster(store, path, OSLO)
    before = snapshot(store)
    bulk: list[str] = []
    monkeypatch.setattr(
        importer_module,
        "bulk_insert",
        lambda session, table, rows, columns=None: bulk.append(table.name),
    )
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        statements.append(statement.lstrip().split(None, 3)[:3])

    event.listen(store, "before_cursor_execute", seen)
    try:
        report = import_roster(store, path, OSLO)
    finally:
        event.remove(store, "before_cursor_execute", seen)
    writes = [s for s in statements if s[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert bulk == [] and [w[:3] for w in writes] == [["INSERT", "INTO", "audit_entry"]]
    assert all(
        counts.created + counts.updated + counts.removed == 0
        for counts in report.by_sheet().values()
    )
    after = snapshot(store)
    after.pop("audit_entry"), before.pop("audit_entry")
    assert after == before


def test_bulk_insert_binds_through_the_column_types_and_fills_scalar_defaults(
    store: Engine,
) -> None:
    from models.db import session_scope
    from models.inserts import bulk_insert
    from models.tables import table_of

    deadline = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)
    row = {
        "test_id": "BULK-2026H",
        "course_code": "BULK",
        "department": "IDI",
        "submission_deadline": deadline,
        "grading_deadline": deadline,
        "grade_scale": "letter",
    }
    with session_scope(store) as session:
        bulk_insert(session, table_of(tables.Test), [row])
        bulk_insert(
            session,
            table_of(tables.Candidate),
            [("10002", "BULK-2026H", "submitted"), ("10001", "BULK-2026H", "absent")],
            ("candidate_id", "test_id", "status"),
        )
    with Session(store) as session:
        test = session.get(tables.Test, "BULK-2026H")
        assert test is not None and test.submission_deadline == deadline
        assert (test.marking_mode, test.registration_only, test.approval_revision) == (
            "private",
            False,
            0,
        )
        candidates = session.execute(
            select(tables.Candidate.candidate_id, tables.Candidate.status).order_by(
                tables.Candidate.candidate_id
            )
        ).all()
    assert candidates == [("10001", "absent"), ("10002", "submitted")]
    with session_scope(store) as session, pytest.raises(IntegrityError):
        bulk_insert(session, table_of(tables.Test), [row])
