"""Previews of grade sheets: a sheet validated against the grader's roster is kept as an
upload waiting for Apply (or for its test); a newer sheet for the same test supersedes it."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col

from bot.approvals.state import one_snapshot_per_test
from bot.gradesheets.grader_view import grader_roster, sheet_grades
from bot.gradesheets.reading import GradeSheet
from bot.gradesheets.uploads import UploadStatus
from bot.gradesheets.validation import (
    GradeChange,
    GradeSheetPreview,
    graded_candidates,
    validate_sheet,
)
from bot.spreadsheets import collection_paused
from models.tables import (
    GradeUpload,
    Test,
)
from models.types import utcnow

# -- previews -----------------------------------------------------------------------------


def record_needs_test(
    session: Session, *, grader_email: str, slack_user_id: str, slack_file_id: str, filename: str
) -> GradeUpload:
    upload = GradeUpload(
        test_id=None,
        grader_email=grader_email,
        slack_user_id=slack_user_id,
        slack_file_id=slack_file_id,
        filename=filename[:512],
        status=UploadStatus.needs_test,
    )
    session.add(upload)
    session.flush()
    return upload


def claim_waiting_upload(
    session: Session, upload_id: int, grader_email: str, **values: Any
) -> bool:
    """Give the grader's upload that waits for its test `values` (its test, its new status),
    once: False when another press (or a Slack retry) took it first."""
    claimed = session.exec(
        update(GradeUpload)
        .where(
            col(GradeUpload.id) == upload_id,
            col(GradeUpload.grader_email) == grader_email,
            col(GradeUpload.status) == UploadStatus.needs_test,
        )
        .values(**values)
    ).rowcount
    return claimed == 1


@dataclass(frozen=True)
class PreviewResult:
    upload: GradeUpload | None
    preview: GradeSheetPreview | None
    outcome: str | None = None  # set when nothing was recorded, see `UploadOutcome.status`


def record_preview(
    session: Session,
    *,
    grader_email: str,
    slack_user_id: str,
    slack_file_id: str | None,
    test: Test,
    sheet: GradeSheet,
    needs_test_upload_id: int | None = None,
) -> PreviewResult:
    """Validate `sheet` for `test` and keep the result as a preview. With
    `needs_test_upload_id` the waiting upload gets its test (once, even on double clicks)."""
    # Tens of thousands of tuples and records that hold no cycles: see collection_paused.
    with collection_paused():
        preview, values = _previewed(session, grader_email, test, sheet)
    if needs_test_upload_id is not None:
        if not claim_waiting_upload(session, needs_test_upload_id, grader_email, **values):
            return PreviewResult(None, None, outcome="test_already_chosen")
        _supersede_previews(session, grader_email, test.test_id, keep=needs_test_upload_id)
        upload = session.get(GradeUpload, needs_test_upload_id)
        session.refresh(upload)
        return PreviewResult(upload, preview)
    _supersede_previews(session, grader_email, test.test_id)
    upload = GradeUpload(
        grader_email=grader_email,
        slack_user_id=slack_user_id,
        slack_file_id=slack_file_id,
        filename=sheet.filename[:512],
        **values,
    )
    session.add(upload)
    session.flush()
    return PreviewResult(upload, preview)


def _previewed(
    session: Session, grader_email: str, test: Test, sheet: GradeSheet
) -> tuple[GradeSheetPreview, dict[str, Any]]:
    """The sheet validated against the grader's roster and grades, and what the upload
    keeps of it."""
    with one_snapshot_per_test(session, viewer=grader_email):  # read once for every question
        roster = grader_roster(session, test, grader_email)
        grades = sheet_grades(session, test, grader_email)
    agreeing = grades.aligning and grades.aligning & {
        roster.candidates[c].committee for c in graded_candidates(sheet) if c in roster.candidates
    }
    if agreeing:
        # Every grader of these committees approved: the sheet sets their agreed grades.
        locked = {c: reason for c, reason in roster.locked.items() if c not in agreeing}
        roster = replace(roster, agreeing=frozenset(agreeing), locked=locked)
    preview = validate_sheet(sheet, roster, grades.current)
    status = UploadStatus.invalid if preview.errors else UploadStatus.preview
    values: dict[str, Any] = {
        "test_id": test.test_id,
        "status": status,
        "created_at": utcnow(),
        "changes_json": json.dumps(
            [
                _change_record(c, roster.candidates[c.candidate_id].committee if agreeing else None)
                for c in preview.changes + preview.suggestions
            ]
        ),
    }
    return preview, values


def _supersede_previews(
    session: Session, grader_email: str, test_id: str, keep: int | None = None
) -> None:
    """A newer sheet for the same test replaces the grader's earlier, unapplied previews."""
    session.exec(
        update(GradeUpload)
        .where(
            col(GradeUpload.grader_email) == grader_email,
            col(GradeUpload.test_id) == test_id,
            col(GradeUpload.status).in_([UploadStatus.preview, UploadStatus.invalid]),
            col(GradeUpload.id) != (keep or -1),
        )
        .values(status=UploadStatus.superseded)
    )


def _change_record(change: GradeChange, agreed_in: str | None) -> dict:
    """One change as kept until Apply; `agreed_in` names the committee whose agreed grade
    it sets (a sheet of agreed grades), None for the grader's own grade."""
    return {
        "row": change.row,
        "candidate": change.candidate_id,
        "old": change.old,
        "new": change.new,
        "points": change.points,
        "explanation": change.explanation,
        "suggested": change.suggested,
        "agreed_in": agreed_in,
    }


def agreed_committees(upload: GradeUpload) -> dict[str, str]:
    """Candidate → committee for the agreed grades an upload sets (empty: own grades)."""
    return {
        c["candidate"]: c["agreed_in"]
        for c in json.loads(upload.changes_json or "[]")
        if c.get("agreed_in")
    }


def stored_changes(upload: GradeUpload) -> list[GradeChange]:
    return [
        GradeChange(
            row=c["row"],
            candidate_id=c["candidate"],
            old=c["old"],
            new=c["new"],
            points=c["points"],
            explanation=c["explanation"],
            suggested=c["suggested"],
        )
        for c in json.loads(upload.changes_json or "[]")
    ]
