"""What every grade-upload concern shares: the upload's statuses, how long a preview stays
valid, what acting on an upload answers (`UploadOutcome`), and who may act on it: the
person's e-mail (as Slack gives it) must be the upload's grader, read from the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import Session

from bot.approvals import ApprovalOutcome
from bot.exams.people import find_grader
from models.tables import GradeUpload

PREVIEW_LIFETIME = timedelta(hours=24)


class UploadStatus(StrEnum):
    needs_test = "needs_test"  # waiting for the grader to say which test the sheet is for
    preview = "preview"  # validated without errors, waiting for Apply
    invalid = "invalid"  # validated with errors; cannot be applied
    applied = "applied"
    cancelled = "cancelled"
    superseded = "superseded"  # a newer sheet for the same test came before Apply
    expired = "expired"
    undone = "undone"
    # The test is marked in Inspera: the sheet was checked and sent back to import there.
    returned = "returned"


@dataclass
class UploadOutcome:
    """What happened when someone acted on an upload; `status` names the catalog message
    `gradesheet.outcome.<status>`."""

    status: str
    upload: GradeUpload | None = None
    updated: int = 0
    complete_committees: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)  # roster changes, undo blockers
    committees: list[str] = field(default_factory=list)  # whose agreed grades were set
    # What the approvals must tell whom after this change (send after the commit).
    approvals: ApprovalOutcome = field(default_factory=ApprovalOutcome)

    @property
    def at(self) -> datetime | None:
        if self.upload is None:
            return None
        return self.upload.undone_at or self.upload.applied_at or self.upload.created_at


def find_own_upload(
    session: Session, upload_id: int, actor_email: str | None
) -> tuple[GradeUpload | None, UploadOutcome | None]:
    """The upload when `actor_email` belongs to its grader; otherwise why not."""
    upload = session.get(GradeUpload, upload_id)
    if upload is None:
        return None, UploadOutcome("not_found")
    grader = find_grader(session, actor_email) if actor_email else None
    if grader is None or grader.email != upload.grader_email:
        return None, UploadOutcome("not_yours")
    return upload, None
