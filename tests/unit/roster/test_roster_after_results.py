"""The roster's later columns and sheets (SPEC §2.5, §2.6, §9.4): where grades are set, the
announcement, complaint committees, and the Explanations and Complaints sheets, on SQLite
and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, delete, select
from sqlmodel import Session, col

from bot.exams.deadlines import DeadlineRule
from bot.roster import RosterError, RosterProblem, import_roster
from models import tables
from models.db import session_scope
from models.tables import (
    AgreedGrade,
    CommitteeFinal,
    CommitteeMembership,
    Complaint,
    ComplaintStatus,
    ExplanationRequest,
)
from tests.unit.roster.test_roster_import import snapshot, write_workbook

OSLO = ZoneInfo("Europe/Oslo")
PUBLISHED = "2027-01-05 12:00"  # Tuesday; 11:00 UTC

TESTS_HEADER = [
    "test_id", "course_code", "department", "consultant_emails", "submission_deadline",
    "grade_scale", "registration_only", "grading_in", "inspera_test_id",
    "oral_or_practical", "results_published",
]  # fmt: skip


def after_results_sheets() -> dict[str, list[list[object]]]:
    """Four tests: written and marked in Inspera (the default), oral, marked in Sensorbot,
    and one whose result is not announced; each with a complaint committee that keeps
    § 11-11 (Kari external, Nils internal, neither in K1)."""
    # fmt: off
    return {
        "Tests": [
            TESTS_HEADER,
            ["TDT4100-2026H", "TDT4100", "IDI", "kari.k@ntnu.no", "2026-12-04 09:00",
             "letter", "no", None, "1234", None, PUBLISHED],
            ["TDT4145-2026H-M", "TDT4145", "IDI", "kari.k@ntnu.no", "2026-12-04 09:00",
             "letter", "yes", None, None, "yes", PUBLISHED],
            ["TMA4100-2026H", "TMA4100", "IMF", "kari.k@ntnu.no", "2026-12-04 09:00",
             "letter", "no", "Sensorbot", None, "no", PUBLISHED],
            ["EXPH0300-2026H", "EXPH0300", "IFR", "kari.k@ntnu.no", "2026-12-04 09:00",
             "letter", "no", "inspera", None, None, None],
        ],
        "Graders": [
            ["email", "name", "kind"],
            ["ola@ntnu.no", "Ola Nordmann", "internal"],
            ["eva@uio.no", "Eva Ekstern", "external"],
            ["per@ntnu.no", "Per Hansen", "internal"],
            ["kari@uib.no", "Kari Klage", "external"],
            ["nils@ntnu.no", "Nils Ny", "internal"],
        ],
        "Committees": [
            ["test_id", "committee", "grader_email", "purpose"],
            ["TDT4100-2026H", "K1", "ola@ntnu.no", None],
            ["TDT4100-2026H", "K1", "eva@uio.no", "grading"],
            ["TDT4100-2026H", "KL1", "kari@uib.no", "complaint"],
            ["TDT4100-2026H", "KL1", "nils@ntnu.no", "Complaint"],
            ["TDT4145-2026H-M", "K1", "ola@ntnu.no", None],
            ["TDT4145-2026H-M", "KL1", "kari@uib.no", "complaint"],
            ["TDT4145-2026H-M", "KL1", "nils@ntnu.no", "complaint"],
            ["TMA4100-2026H", "K1", "ola@ntnu.no", None],
            ["TMA4100-2026H", "KL1", "kari@uib.no", "complaint"],
            ["TMA4100-2026H", "KL1", "nils@ntnu.no", "complaint"],
            ["EXPH0300-2026H", "K1", "per@ntnu.no", None],
            ["EXPH0300-2026H", "KL1", "kari@uib.no", "complaint"],
            ["EXPH0300-2026H", "KL1", "nils@ntnu.no", "complaint"],
        ],
        "Candidates": [
            ["test_id", "candidate_id", "committee", "status"],
            ["TDT4100-2026H", "101", "K1", "submitted"],
            ["TDT4100-2026H", "102", "K1", "submitted"],
            ["TDT4100-2026H", "103", "K1", "absent"],
            ["TDT4145-2026H-M", "301", "K1", "submitted"],
            ["TMA4100-2026H", "201", "K1", "submitted"],
            ["EXPH0300-2026H", "401", "K1", "submitted"],
        ],
        "Explanations": [
            ["test_id", "candidate_id", "requested_at"],
            ["TDT4100-2026H", "101", "2027-01-08 10:00"],  # within the week
            ["TDT4100-2026H", "102", "2027-01-13 10:00"],  # more than a week after: late
        ],
        "Complaints": [
            ["test_id", "candidate_id", "received_at", "complaint_committee",
             "explanation_received_at"],
            ["TDT4100-2026H", "101", "2027-01-20 10:00", "KL1", None],
            # Past three weeks from the announcement, not from the explanation: not late.
            ["TDT4100-2026H", "102", "2027-02-10 10:00", "KL1", "2027-01-25 09:00"],
        ],
    }
    # fmt: on


def rejected(engine: Engine, sheets: dict, tmp_path: Path, name: str = "r.xlsx") -> list:
    with pytest.raises(RosterError) as error:
        import_roster(engine, write_workbook(tmp_path / name, sheets), OSLO)
    return error.value.problems


def places(problems: list[RosterProblem]) -> dict[tuple, RosterProblem]:
    return {(p.sheet, p.row, p.column): p for p in problems}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- the Tests sheet ---------------------------------------------------------------------


def test_the_new_tests_columns_and_the_default_of_grading_in(store: Engine, tmp_path: Path):
    import_roster(store, write_workbook(tmp_path / "r.xlsx", after_results_sheets()), OSLO)

    with Session(store) as session:
        tdt = session.get(tables.Test, "TDT4100-2026H")
        oral = session.get(tables.Test, "TDT4145-2026H-M")
        tma = session.get(tables.Test, "TMA4100-2026H")
        exph = session.get(tables.Test, "EXPH0300-2026H")
    assert (tdt.grading_in, tdt.inspera_test_id, tdt.oral_or_practical) == (
        "inspera",
        "1234",
        False,
    )
    assert tdt.results_published == utc(2027, 1, 5, 11, 0)
    assert (oral.grading_in, oral.oral_or_practical) == ("sensorbot", True)  # registration-only
    assert (tma.grading_in, tma.oral_or_practical) == ("sensorbot", False)
    assert (exph.grading_in, exph.results_published, exph.inspera_test_id) == (
        "inspera",
        None,
        None,
    )


def test_a_blank_results_published_keeps_the_stored_one(store: Engine, tmp_path: Path):
    import_roster(store, write_workbook(tmp_path / "a.xlsx", after_results_sheets()), OSLO)
    sheets = after_results_sheets()
    sheets["Tests"][1][10] = None

    report = import_roster(store, write_workbook(tmp_path / "b.xlsx", sheets), OSLO)

    assert report.tests.unchanged == 4
    with Session(store) as session:
        assert session.get(tables.Test, "TDT4100-2026H").results_published == utc(2027, 1, 5, 11, 0)


def test_a_reimport_that_moves_a_test_to_inspera_says_so(store: Engine, tmp_path: Path):
    sheets = after_results_sheets()
    sheets["Tests"][1][7] = "sensorbot"  # as tests stored before the column existed
    del sheets["Complaints"]  # on grades not yet final in Sensorbot
    import_roster(store, write_workbook(tmp_path / "a.xlsx", sheets), OSLO)

    report = import_roster(store, write_workbook(tmp_path / "b.xlsx", after_results_sheets()), OSLO)

    assert report.grading_in_changes == [("TDT4100-2026H", "inspera", True)]
    lines = report.lines("en")
    moved = lines.index(
        "TDT4100-2026H is now marked in Inspera: graders set and approve the grades there and "
        "tell Sensorbot when their part is done, instead of sending grades here. Grades "
        "already stored in Sensorbot stay."
    )
    assert "grading_in = sensorbot" in lines[moved + 1]
    assert any(
        line.startswith("TDT4100-2026H sensureres nå i Inspera") for line in report.lines("nb")
    )
    with Session(store) as session:
        assert session.get(tables.Test, "TDT4100-2026H").grading_in == "inspera"

    back = after_results_sheets()
    back["Tests"][1][7] = "sensorbot"
    del back["Complaints"]
    again = import_roster(store, write_workbook(tmp_path / "c.xlsx", back), OSLO)
    assert again.grading_in_changes == [("TDT4100-2026H", "sensorbot", False)]
    assert "TDT4100-2026H is now marked in Sensorbot" in again.lines("en")[-1]


def test_a_bad_grading_in_or_repeated_inspera_id_is_a_problem(sqlite_store: Engine, tmp_path):
    sheets = after_results_sheets()
    sheets["Tests"][2][7] = "canvas"
    sheets["Tests"][3][8] = "1234"
    before = snapshot(sqlite_store)

    problems = places(rejected(sqlite_store, sheets, tmp_path))

    assert problems[("Tests", 3, "grading_in")].message == "allowed: inspera, sensorbot"
    assert "already on row 2" in problems[("Tests", 4, "inspera_test_id")].message
    assert snapshot(sqlite_store) == before


# --- committees --------------------------------------------------------------------------


def test_a_committees_purpose_is_stored_and_updated(store: Engine, tmp_path: Path):
    import_roster(store, write_workbook(tmp_path / "a.xlsx", after_results_sheets()), OSLO)
    with Session(store) as session:
        rows = session.execute(
            select(CommitteeMembership.committee, CommitteeMembership.purpose).where(
                CommitteeMembership.test_id == "TDT4100-2026H"
            )
        ).all()
    assert sorted(rows) == [
        ("K1", "grading"), ("K1", "grading"), ("KL1", "complaint"), ("KL1", "complaint")
    ]  # fmt: skip

    sheets = after_results_sheets()
    del sheets["Complaints"]
    for row in sheets["Committees"][12:14]:
        row[3] = None  # EXPH0300's KL1 becomes an ordinary committee
    report = import_roster(store, write_workbook(tmp_path / "b.xlsx", sheets), OSLO)
    assert (report.committees.updated, report.committees.created) == (2, 0)


def test_rows_of_one_committee_disagreeing_on_purpose_are_a_problem(sqlite_store, tmp_path):
    sheets = after_results_sheets()
    sheets["Committees"][4][3] = None  # TDT4100 KL1: row 5 says grading, row 4 complaint

    problems = places(rejected(sqlite_store, sheets, tmp_path))

    problem = problems[("Committees", 4, "purpose")]
    assert problem.explanation("en") == (
        "the rows of committee KL1 disagree on purpose (complaint on rows 4, grading on rows "
        "5); every row of a committee needs the same purpose"
    )


@pytest.mark.parametrize(
    ("change", "law"),
    [
        (lambda rows: rows.pop(4), "has only one grader"),  # Nils leaves: Kari alone
        (lambda rows: rows[3].__setitem__(2, "per@ntnu.no"), "has no external grader"),
    ],
    ids=["one grader", "no external"],
)
def test_a_complaint_committee_breaking_11_11_is_refused(sqlite_store, tmp_path, change, law):
    sheets = after_results_sheets()
    change(sheets["Committees"])
    before = snapshot(sqlite_store)

    problems = rejected(sqlite_store, sheets, tmp_path)

    [problem] = [p for p in problems if law in p.message]
    assert (problem.sheet, problem.row, problem.column) == ("Committees", 4, "committee")
    assert "§ 11-11" in problem.render("en") and "§ 11-11" in problem.render("nb")
    assert snapshot(sqlite_store) == before


def test_a_candidate_put_in_a_complaint_committee_is_a_problem(sqlite_store, tmp_path):
    sheets = after_results_sheets()
    sheets["Candidates"][1][2] = "KL1"

    problems = places(rejected(sqlite_store, sheets, tmp_path))

    assert "complaint candidates come from the Complaints sheet" in (
        problems[("Candidates", 2, "committee")].message
    )


# --- explanations ------------------------------------------------------------------------


def explanations(engine: Engine) -> list[tuple]:
    with Session(engine) as session:
        return sorted(
            session.execute(
                select(
                    ExplanationRequest.candidate_id,
                    ExplanationRequest.requested_at,
                    ExplanationRequest.due_at,
                    ExplanationRequest.late,
                )
            ).all()
        )


def test_explanation_requests_are_stored_due_in_two_weeks_and_flagged_late(
    store: Engine, tmp_path: Path
):
    report = import_roster(store, write_workbook(tmp_path / "a.xlsx", after_results_sheets()), OSLO)

    assert (report.explanations.created, report.explanations.late) == (2, 1)
    assert explanations(store) == [
        # Friday 8 January 10:00 → Friday 22 January 23:59 in Oslo
        ("101", utc(2027, 1, 8, 9, 0), utc(2027, 1, 22, 22, 59), False),
        ("102", utc(2027, 1, 13, 9, 0), utc(2027, 1, 27, 22, 59), True),
    ]
    assert (
        "Explanations: 2 created, 0 updated, 0 unchanged; of the new and updated, 1 came late"
        in (report.lines("en"))
    )


def test_an_explanation_request_is_stored_once_and_never_removed(store: Engine, tmp_path):
    path = write_workbook(tmp_path / "a.xlsx", after_results_sheets())
    import_roster(store, path, OSLO)
    stored = explanations(store)

    again = import_roster(store, path, OSLO)
    assert (again.explanations.created, again.explanations.unchanged) == (0, 2)

    sheets = after_results_sheets()
    del sheets["Explanations"][2]
    sheets["Explanations"].append(["TDT4100-2026H", "101", "2027-01-09 10:00"])  # asked again
    later = import_roster(store, write_workbook(tmp_path / "b.xlsx", sheets), OSLO)
    assert (later.explanations.created, later.explanations.unchanged) == (1, 1)
    assert len(explanations(store)) == 3
    assert set(stored) <= set(explanations(store))


def test_a_corrected_announcement_updates_the_lateness(store: Engine, tmp_path: Path):
    import_roster(store, write_workbook(tmp_path / "a.xlsx", after_results_sheets()), OSLO)
    sheets = after_results_sheets()
    sheets["Tests"][1][10] = "2027-01-07 12:00"

    report = import_roster(store, write_workbook(tmp_path / "b.xlsx", sheets), OSLO)

    assert (report.explanations.updated, report.explanations.late) == (1, 0)
    assert [late for *_, late in explanations(store)] == [False, False]


def test_explanation_problems_name_sheet_row_and_column(sqlite_store: Engine, tmp_path: Path):
    sheets = after_results_sheets()
    sheets["Explanations"] += [
        ["TDT9999-2026H", "101", "2027-01-08 10:00"],  # row 4: unknown test
        ["TDT4100-2026H", "999", "2027-01-08 10:00"],  # row 5: unknown candidate
        ["TDT4100-2026H", "103", "2027-01-08 10:00"],  # row 6: absent
        ["EXPH0300-2026H", "401", "2027-01-08 10:00"],  # row 7: no announcement
        ["TDT4100-2026H", "101", "2027-01-08 10:00"],  # row 8: the same as row 2
    ]
    before = snapshot(sqlite_store)

    problems = places(rejected(sqlite_store, sheets, tmp_path))

    assert set(problems) == {
        ("Explanations", 4, "test_id"),
        ("Explanations", 5, "candidate_id"),
        ("Explanations", 6, "candidate_id"),
        ("Explanations", 7, "test_id"),
        ("Explanations", 8, "requested_at"),
    }
    assert problems[("Explanations", 4, "test_id")].message.startswith("unknown test")
    assert problems[("Explanations", 5, "candidate_id")].message.startswith("unknown candidate")
    assert "did not submit" in problems[("Explanations", 6, "candidate_id")].message
    assert "§ 11-8" in problems[("Explanations", 7, "test_id")].message
    assert "already on row 2" in problems[("Explanations", 8, "requested_at")].message
    assert snapshot(sqlite_store) == before


# --- complaints --------------------------------------------------------------------------


def complaints(engine: Engine) -> list[tuple]:
    with Session(engine) as session:
        return sorted(
            session.execute(
                select(
                    Complaint.candidate_id,
                    Complaint.complaint_committee,
                    Complaint.received_at,
                    Complaint.explanation_received_at,
                    Complaint.due_at,
                    Complaint.late,
                    Complaint.status,
                )
            ).all()
        )


def test_complaints_are_stored_due_in_working_days_and_flagged_late(store: Engine, tmp_path):
    report = import_roster(store, write_workbook(tmp_path / "a.xlsx", after_results_sheets()), OSLO)
    assert (report.complaints.created, report.complaints.late) == (2, 0)
    assert complaints(store) == [
        # Wednesday 20 January + 15 working days = Wednesday 10 February, 23:59 in Oslo.
        ("101", "KL1", utc(2027, 1, 20, 9, 0), None, utc(2027, 2, 10, 22, 59), False, "open"),
        (
            "102",
            "KL1",
            utc(2027, 2, 10, 9, 0),
            utc(2027, 1, 25, 8, 0),
            utc(2027, 3, 3, 22, 59),
            False,
            "open",
        ),
    ]


def test_a_complaint_without_an_explanation_is_late_after_three_weeks(store: Engine, tmp_path):
    sheets = after_results_sheets()
    sheets["Complaints"][2][4] = None  # 10 February is five weeks after 5 January
    rule = DeadlineRule(complaint_working_days=5)

    report = import_roster(store, write_workbook(tmp_path / "a.xlsx", sheets), OSLO, None, rule)

    assert (report.complaints.created, report.complaints.late) == (2, 1)
    [_, late] = complaints(store)
    # Wednesday 10 February + 5 working days = Wednesday 17 February.
    assert late[4:6] == (utc(2027, 2, 17, 22, 59), True)


def test_a_complaint_is_updated_while_open_and_unchanged_by_the_same_row(store, tmp_path):
    import_roster(store, write_workbook(tmp_path / "a.xlsx", after_results_sheets()), OSLO)
    same = import_roster(store, write_workbook(tmp_path / "b.xlsx", after_results_sheets()), OSLO)
    assert (same.complaints.created, same.complaints.updated, same.complaints.unchanged) == (
        0,
        0,
        2,
    )

    sheets = after_results_sheets()
    sheets["Complaints"][1][2] = "2027-01-21 10:00"
    del sheets["Complaints"][2]  # left out: kept
    moved = import_roster(store, write_workbook(tmp_path / "c.xlsx", sheets), OSLO)

    assert (moved.complaints.updated, moved.complaints.unchanged) == (1, 0)
    first, second = complaints(store)
    assert first[2] == utc(2027, 1, 21, 9, 0) and first[4] == utc(2027, 2, 11, 22, 59)
    assert second[0] == "102"


@pytest.mark.parametrize("status", [ComplaintStatus.held, ComplaintStatus.final])
def test_a_held_or_final_complaint_cannot_be_changed_by_import(store, tmp_path, status):
    path = write_workbook(tmp_path / "a.xlsx", after_results_sheets())
    import_roster(store, path, OSLO)
    with session_scope(store) as session:
        complaint = session.execute(select(Complaint).where(Complaint.candidate_id == "101"))
        complaint.scalar_one().status = status
    assert import_roster(store, path, OSLO).complaints.unchanged == 2  # the same row is fine
    sheets = after_results_sheets()
    sheets["Complaints"][1][3] = "KL2"
    sheets["Committees"] += [
        ["TDT4100-2026H", "KL2", "kari@uib.no", "complaint"],
        ["TDT4100-2026H", "KL2", "nils@ntnu.no", "complaint"],
    ]
    before = snapshot(store)

    problems = places(rejected(store, sheets, tmp_path, "b.xlsx"))

    assert set(problems) == {("Complaints", 2, "candidate_id")}
    assert "cannot change" in problems[("Complaints", 2, "candidate_id")].message
    assert snapshot(store) == before


def test_complaint_problems_name_the_law(sqlite_store: Engine, tmp_path: Path):
    sheets = after_results_sheets()
    sheets["Committees"].append(["TDT4100-2026H", "KL1", "ola@ntnu.no", "complaint"])
    sheets["Committees"].append(["TDT4100-2026H", "K2", "per@ntnu.no", None])
    sheets["Complaints"] += [
        ["TDT4145-2026H-M", "301", "2027-01-20 10:00", "KL1", None],  # row 4: oral
        ["EXPH0300-2026H", "401", "2027-01-20 10:00", "KL1", None],  # row 5: not announced
        ["TMA4100-2026H", "201", "2027-01-04 10:00", "KL1", None],  # row 6: early, no grade
        ["TDT4100-2026H", "102", "2027-01-20 10:00", "K2", None],  # row 7: ordinary, repeated
        ["TDT4100-2026H", "999", "2027-01-20 10:00", "KL1", None],  # row 8: unknown candidate
        ["TDT4100-2026H", "103", "2027-01-20 10:00", "KL1", None],  # row 9: absent
    ]
    sheets["Complaints"][2][3] = "K9"  # row 3: no such committee
    before = snapshot(sqlite_store)

    problems = rejected(sqlite_store, sheets, tmp_path)

    by_place = places(problems)
    graded_before = by_place[("Complaints", 2, "complaint_committee")]
    assert graded_before.explanation("en") == (
        "Ola Nordmann of complaint committee KL1 sat in the candidate's committee K1 in the "
        "ordinary grading; complaint graders must be new graders (universitets- og "
        "høyskoleloven § 11-11)"
    )
    assert "K9 is not a complaint committee of TDT4100-2026H" in (
        by_place[("Complaints", 3, "complaint_committee")].message
    )
    assert "§ 11-10" in by_place[("Complaints", 4, "test_id")].message
    assert "oral or practical" in by_place[("Complaints", 4, "test_id")].message
    assert "results_published is blank" in by_place[("Complaints", 5, "test_id")].message
    assert "before the result was announced (2027-01-05 12:00)" in (
        by_place[("Complaints", 6, "received_at")].message
    )
    assert "no final grade in Sensorbot" in by_place[("Complaints", 6, "candidate_id")].message
    assert "already has a complaint" in by_place[("Complaints", 7, "candidate_id")].message
    assert by_place[("Complaints", 8, "candidate_id")].message.startswith("unknown candidate")
    assert "did not submit" in by_place[("Complaints", 9, "candidate_id")].message
    assert snapshot(sqlite_store) == before


def test_a_complaint_on_a_final_grade_set_in_sensorbot_is_accepted(store: Engine, tmp_path):
    import_roster(store, write_workbook(tmp_path / "a.xlsx", after_results_sheets()), OSLO)
    sheets = after_results_sheets()
    sheets["Complaints"].append(["TMA4100-2026H", "201", "2027-01-20 10:00", "KL1", None])
    [problem] = rejected(store, sheets, tmp_path, "b.xlsx")
    assert problem.key == "roster.problem.complaint_no_final_grade"

    with session_scope(store) as session:
        session.add(AgreedGrade(test_id="TMA4100-2026H", committee="K1", candidate_id="201",
                                value="C", source="equal"))  # fmt: skip
        session.add(CommitteeFinal(test_id="TMA4100-2026H", committee="K1", approved_by="x"))
    report = import_roster(store, write_workbook(tmp_path / "c.xlsx", sheets), OSLO)
    assert report.complaints.created == 1


def test_a_stored_complaint_committee_is_checked_for_a_new_complaint(store: Engine, tmp_path):
    import_roster(store, write_workbook(tmp_path / "a.xlsx", after_results_sheets()), OSLO)
    with session_scope(store) as session:
        session.execute(
            delete(CommitteeMembership).where(
                col(CommitteeMembership.test_id) == "TDT4100-2026H",
                col(CommitteeMembership.grader_email) == "kari@uib.no",
            )
        )
    only_complaints = {
        "Tests": [TESTS_HEADER],
        "Graders": [["email", "kind"]],
        "Committees": [["test_id", "committee", "grader_email"]],
        "Candidates": [["test_id", "candidate_id", "committee", "status"]],
        "Complaints": after_results_sheets()["Complaints"],
    }

    problems = rejected(store, only_complaints, tmp_path, "b.xlsx")

    assert {(p.row, p.column) for p in problems} == {
        (2, "complaint_committee"),
        (3, "complaint_committee"),
    }
    assert all("§ 11-11" in p.message for p in problems)
    assert {p.key for p in problems} == {
        "roster.problem.complaint_committee_too_small",
        "roster.problem.complaint_committee_no_external",
    }


# --- headers Sensorbot does not know --------------------------------------------------------


def test_an_unknown_header_is_a_warning_naming_the_closest_column(sqlite_store, tmp_path):
    sheets = after_results_sheets()
    sheets["Tests"][0] = [*TESTS_HEADER, "grading_deadlne"]
    sheets["Graders"][0] = ["email", "nmae", "kind"]

    report = import_roster(sqlite_store, write_workbook(tmp_path / "r.xlsx", sheets), OSLO)

    assert report.lines("en")[:2] == [
        "Tests, column L `grading_deadlne`: not a column Sensorbot knows — did you mean "
        "`grading_deadline`? It was not read, so grading_deadline took its default.",
        "Graders, column B `nmae`: not a column Sensorbot knows — did you mean `name`? It was "
        "not read, so name took its default.",
    ]
    assert report.lines("nb")[0] == (
        "Tests, kolonne L `grading_deadlne`: ikke en kolonne Sensorbot kjenner — mente du "
        "`grading_deadline`? Den ble ikke lest, så grading_deadline fikk standardverdien."
    )
    assert report.tests.created == 4


def test_a_misspelt_required_header_is_named_in_the_problem(sqlite_store: Engine, tmp_path):
    sheets = after_results_sheets()
    sheets["Tests"][0] = [h if h != "grade_scale" else "grade_scal" for h in TESTS_HEADER]

    [problem] = rejected(sqlite_store, sheets, tmp_path)

    assert str(problem) == (
        "Tests, column grade_scale — required column is missing; column F is headed "
        "`grade_scal` — if that is meant to be it, correct the header"
    )
