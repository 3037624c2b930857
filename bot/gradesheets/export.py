"""Final grades in Inspera's two-column format (SPEC §2.4, §9.1 `sensorbot export`)."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass

from openpyxl import Workbook
from sqlmodel import Session, select

from bot.gradesheets.store import candidate_sort_key
from models.tables import Candidate, CandidateStatus, CommitteeMembership, Grade

INSPERA_HEADERS = ("Candidate ID", "Grade")
# A spreadsheet treats text starting with these as a formula (or DDE command).
_FORMULA_STARTS = ("=", "+", "-", "@")


def file_stem(test_id: str) -> str:
    """A test id made safe for a file name; the sheet's name keeps naming its test."""
    return re.sub(r"[^\w.\-]+", "_", test_id)


def export_filename(test_id: str) -> str:
    return f"{file_stem(test_id)} final grades.xlsx"


def final_grades(session: Session, test_id: str) -> dict[str, str | None]:
    """Each candidate's final grade, None when there is none (absent, not assigned, or not
    final yet).

    Until approvals exist, "final" means the grade of a committee's single grader: a
    committee with several graders has no final grade yet. This is the one place the
    export reads final grades from.
    """
    graders: dict[str, set[str]] = defaultdict(set)
    for committee, email in session.exec(
        select(CommitteeMembership.committee, CommitteeMembership.grader_email).where(
            CommitteeMembership.test_id == test_id
        )
    ).all():
        if committee is not None:
            graders[committee].add(email)
    grades = {
        (row.candidate_id, row.grader_email): row.value
        for row in session.exec(select(Grade).where(Grade.test_id == test_id)).all()
    }
    result: dict[str, str | None] = {}
    for candidate in session.exec(select(Candidate).where(Candidate.test_id == test_id)).all():
        committee_graders = graders.get(candidate.committee or "", set())
        if candidate.status == CandidateStatus.absent or len(committee_graders) != 1:
            result[candidate.candidate_id] = None
            continue
        (grader,) = committee_graders
        result[candidate.candidate_id] = grades.get((candidate.candidate_id, grader))
    return result


@dataclass(frozen=True)
class InsperaExport:
    content: bytes
    candidates: int
    graded: int


def export_final_grades(session: Session, test_id: str) -> InsperaExport:
    grades = final_grades(session, test_id)
    rows = [(c, grades[c]) for c in sorted(grades, key=candidate_sort_key)]
    return InsperaExport(
        content=inspera_workbook(rows),
        candidates=len(rows),
        graded=sum(1 for _, grade in rows if grade),
    )


def inspera_workbook(rows: list[tuple[str, str | None]]) -> bytes:
    """`Candidate ID`, `Grade`; every value written as text, formula-like text neutralised."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Grades")
    sheet.append(list(INSPERA_HEADERS))
    for candidate_id, grade in rows:
        sheet.append([neutralise(candidate_id), neutralise(grade)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def neutralise(value: str | None) -> str | None:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe, so that it
    is shown as the text it is (OWASP's advice for exported cells)."""
    if value and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
