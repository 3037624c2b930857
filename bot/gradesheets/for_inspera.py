"""A grade sheet for a test marked in Inspera (SPEC §2.6): checked like every sheet (the
roster, the scale, Inspera's rules), and when clean sent back in Inspera's import format
for the grader to import there. Sensorbot keeps no grades for such a test: nothing of the
sheet is stored but an audit entry with its counts, never its grades."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from sqlmodel import Session, col, select

from bot.exams import audit
from bot.gradesheets.export import file_stem, inspera_workbook
from bot.gradesheets.grader_view import grader_roster
from bot.gradesheets.previews import claim_waiting_upload
from bot.gradesheets.reading import GradeSheet
from bot.gradesheets.uploads import UploadStatus
from bot.gradesheets.validation import GradeChange, GradeSheetPreview, validate_sheet
from models.tables import AuditEntry, Test

AUDIT_ACTION = "grade.sheet_for_inspera"


@dataclass(frozen=True)
class InsperaSheet:
    """The checked grades as a workbook to import in Inspera, and what the grader is told
    about it."""

    filename: str
    content: bytes
    grades: int  # rows in the file, each with a grade
    blank: int  # candidates the sheet left blank: not in the file, Inspera keeps theirs
    from_points: tuple[GradeChange, ...]  # points without a grade: left out, grade suggested
    sent_before: bool  # the grader got a sheet for this test back before


@dataclass(frozen=True)
class CheckedForInspera:
    """A sheet checked for a test marked in Inspera: the preview (its errors, if any) and,
    when it has none and sets a grade, the sheet to import."""

    test: Test
    preview: GradeSheetPreview
    ready: InsperaSheet | None


def inspera_sheet_filename(test_id: str) -> str:
    """Names the test, so that the sheet sent back again is matched to it by its name."""
    return f"{file_stem(test_id)} grades for Inspera.xlsx"


def check_for_inspera(
    session: Session, test: Test, grader_email: str, sheet: GradeSheet
) -> CheckedForInspera:
    """Validate `sheet` for `test`, and make the import sheet when it is clean. Grades and
    approvals of such a test live in Inspera, so there is nothing stored to compare with and
    no committee locked here: every grade in the sheet goes into the file."""
    roster = replace(grader_roster(session, test, grader_email), locked={})
    preview = validate_sheet(sheet, roster, current={})
    if preview.errors or not preview.changes:
        return CheckedForInspera(test, preview, None)
    grades = {change.candidate_id: change.new for change in preview.changes}
    ready = InsperaSheet(
        filename=inspera_sheet_filename(test.test_id),
        content=inspera_workbook(grades),
        grades=len(grades),
        blank=preview.blank,
        from_points=tuple(preview.suggestions),
        sent_before=_sent_before(session, test.test_id, grader_email),
    )
    audit.record(
        session,
        grader_email,
        AUDIT_ACTION,
        test_id=test.test_id,
        subject=sheet.filename[:256],
        new=json.dumps({"grades": ready.grades, "blank": ready.blank}),
    )
    return CheckedForInspera(test, preview, ready)


def _sent_before(session: Session, test_id: str, grader_email: str) -> bool:
    return (
        session.exec(
            select(col(AuditEntry.id)).where(
                AuditEntry.test_id == test_id,
                AuditEntry.action == AUDIT_ACTION,
                AuditEntry.actor == grader_email,
            )
        ).first()
        is not None
    )


def settle_waiting_upload(session: Session, upload_id: int, grader_email: str, test: Test) -> bool:
    """A sheet that waited for its test, now known to be marked in Inspera: the upload gets
    its test and is closed as returned (it never holds grades). False when another press
    settled it first."""
    return claim_waiting_upload(
        session, upload_id, grader_email, test_id=test.test_id, status=UploadStatus.returned
    )
