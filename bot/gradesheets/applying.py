"""Acting on an upload: apply (all or nothing), cancel, undo.

Who may act is decided here, from the store: the person's e-mail (as Slack gives it) must
be the upload's grader. Every state change is a conditional update on the upload's status,
so a double click, a Slack retry or a stale message changes nothing twice."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.approvals import (
    ApprovalOutcome,
    Phase,
    after_grades_changed,
    grading_status,
    set_agreed_grades,
)
from bot.approvals.prompts import lock_test
from bot.exams import audit
from bot.gradesheets.destination import GradesGoTo, where_grades_go
from bot.gradesheets.grader_view import (
    complete_committees,
    current_grades,
    grade_rows,
    grader_roster,
)
from bot.gradesheets.previews import agreed_committees, stored_changes
from bot.gradesheets.uploads import PREVIEW_LIFETIME, UploadOutcome, UploadStatus, find_own_upload
from bot.gradesheets.validation import (
    GradeChange,
    GraderRoster,
    differs,
)
from models.tables import (
    CandidateStatus,
    Grade,
    GradeUpload,
    MarkingMode,
    Test,
)
from models.types import utcnow

# -- acting on an upload ------------------------------------------------------------------


def _status_outcome(upload: GradeUpload, now: datetime) -> UploadOutcome | None:
    """Why an upload cannot be applied now, or None when it can."""
    status = upload.status
    if status == UploadStatus.preview and upload.created_at + PREVIEW_LIFETIME < now:
        return UploadOutcome("expired", upload)
    reasons: dict[str, str] = {
        UploadStatus.applied: "already_applied",
        UploadStatus.undone: "already_undone",
        UploadStatus.cancelled: "cancelled",
        UploadStatus.superseded: "superseded",
        UploadStatus.expired: "expired",
        UploadStatus.invalid: "has_errors",
        UploadStatus.needs_test: "needs_test",
        UploadStatus.returned: "marked_in_inspera",
    }
    reason = reasons.get(status)
    return UploadOutcome(reason, upload) if reason is not None else None


def _claim(session: Session, upload: GradeUpload, expected: str, **values: object) -> bool:
    """Move the upload out of `expected` status; False when someone else already did."""
    result = session.exec(
        update(GradeUpload)
        .where(col(GradeUpload.id) == upload.id, col(GradeUpload.status) == expected)
        .values(**values)
    )
    return result.rowcount == 1


def _locked_test(session: Session, upload: GradeUpload) -> Test | None:
    """The upload's test, with the approvals' lock taken; None when it has none."""
    return lock_test(session, upload.test_id) if upload.test_id is not None else None


def _reload(session: Session, upload: GradeUpload) -> GradeUpload:
    session.refresh(upload)
    return upload


def apply_upload(
    session: Session,
    upload_id: int,
    actor_email: str | None,
    *,
    with_suggestions: bool = False,
    now: datetime | None = None,
) -> UploadOutcome:
    """Store every grade of the preview, or none. Returns how many grades changed and which
    of the grader's committees are now complete."""
    now = now or utcnow()
    upload, refusal = find_own_upload(session, upload_id, actor_email)
    if refusal:
        return refusal
    assert upload is not None
    blocked = _status_outcome(upload, now)
    if blocked:
        if blocked.status == "expired" and upload.status == UploadStatus.preview:
            _claim(session, upload, UploadStatus.preview, status=UploadStatus.expired)
        return blocked
    # The approvals' lock: no approval slips in between the lock check and the write.
    test = _locked_test(session, upload)
    if test is None:
        return UploadOutcome("not_found", upload)
    if where_grades_go(test) == GradesGoTo.inspera:
        # Marked in Inspera since the preview was made (the roster changed): no grades here.
        return UploadOutcome("marked_in_inspera", upload)
    changes = [c for c in stored_changes(upload) if with_suggestions or not c.suggested]
    roster = grader_roster(session, test, upload.grader_email)
    moved = _no_longer_gradeable(roster, changes)
    if moved:
        return UploadOutcome("roster_changed", upload, candidates=moved)
    agreed_in = agreed_committees(upload)
    if agreed_in:
        return _apply_agreed(session, test, upload, changes, agreed_in, now)
    locked = _locked_candidates(roster, [c.candidate_id for c in changes])
    if locked:
        return UploadOutcome("locked", upload, candidates=locked)
    if not _claim(
        session, upload, UploadStatus.preview, status=UploadStatus.applied, applied_at=now
    ):
        return _status_outcome(_reload(session, upload), now) or UploadOutcome("not_found")
    previous, updated = _write_grades(session, test, upload, changes, now)
    upload.status, upload.applied_at = UploadStatus.applied, now
    upload.previous_json = json.dumps(previous)
    session.add(upload)
    session.flush()
    return UploadOutcome(
        "applied",
        upload,
        updated=updated,
        complete_committees=complete_committees(session, test, upload.grader_email),
        approvals=after_grades_changed(session, test.test_id, upload.grader_email),
    )


def _locked_candidates(roster: GraderRoster, candidates: list[str]) -> list[str]:
    """Those of `candidates` in a committee whose grades the grader may no longer change."""
    return sorted(
        (c for c in candidates if roster.candidates[c].committee in roster.locked),
        key=candidate_sort_key,
    )


def _apply_agreed(
    session: Session,
    test: Test,
    upload: GradeUpload,
    changes: list[GradeChange],
    agreed_in: dict[str, str],
    now: datetime,
) -> UploadOutcome:
    """A sheet of agreed grades: the approvals set them, per committee, all or nothing."""
    by_committee: dict[str, dict[str, str]] = {}
    for change in changes:
        by_committee.setdefault(agreed_in[change.candidate_id], {})[change.candidate_id] = (
            change.new
        )
    committees = sorted(by_committee)
    phases = {g.committee: g.phase for g in grading_status(session, test, upload.grader_email)}
    if any(phases.get(c) not in (Phase.aligning, Phase.final_approval) for c in committees):
        return UploadOutcome("not_agreeing", upload, committees=committees)
    if not _claim(
        session, upload, UploadStatus.preview, status=UploadStatus.applied, applied_at=now
    ):
        return _status_outcome(_reload(session, upload), now) or UploadOutcome("not_found")
    outcome = ApprovalOutcome()
    for committee in committees:
        step = set_agreed_grades(
            session,
            test.test_id,
            committee,
            upload.grader_email,
            by_committee[committee],
            source="sheet",
        )
        if step.refusal is not None:
            # All or nothing: the committees already set and the claim are undone too.
            session.rollback()
            return UploadOutcome("agreed_refused", _reload(session, upload), approvals=step)
        outcome.merge(step)
    return UploadOutcome(
        "agreed_applied",
        _reload(session, upload),
        updated=sum(len(grades) for grades in by_committee.values()),
        committees=committees,
        approvals=outcome,
    )


def _no_longer_gradeable(roster: GraderRoster, changes: list[GradeChange]) -> list[str]:
    """Candidates the roster no longer lets this grader grade (changed since the preview)."""
    moved = []
    for change in changes:
        entry = roster.candidates.get(change.candidate_id)
        if (
            entry is None
            or entry.status != CandidateStatus.submitted
            or entry.committee not in roster.grader_committees
        ):
            moved.append(change.candidate_id)
    return moved


def _write_grades(
    session: Session, test: Test, upload: GradeUpload, changes: list[GradeChange], now: datetime
) -> tuple[dict[str, dict | None], int]:
    current = current_grades(session, test, upload.grader_email)
    own = {row.candidate_id: row for row in grade_rows(session, test.test_id, upload.grader_email)}
    previous: dict[str, dict | None] = {}
    for change in changes:
        seen = current.get(change.candidate_id)
        if seen is not None and not differs(seen, change):
            continue
        row = own.get(change.candidate_id)
        previous[change.candidate_id] = _snapshot(row)
        if row is None:
            row = Grade(
                test_id=test.test_id,
                candidate_id=change.candidate_id,
                grader_email=upload.grader_email,
            )
        row.value = change.new
        if change.points is not None:
            row.points = change.points
        if change.explanation is not None:
            row.explanation = change.explanation
        row.upload_id, row.updated_at = upload.id, now
        session.add(row)
        audit.record(
            session,
            upload.grader_email,
            "grade.upload",
            test_id=test.test_id,
            subject=audit_subject(change.candidate_id, upload.id),
            old=seen.value if seen else None,
            new=change.new,
        )
    session.flush()
    return previous, len(previous)


def audit_subject(candidate_id: str, upload_id: int | None) -> str:
    if upload_id is None:
        return f"candidate {candidate_id}"
    return f"candidate {candidate_id}, upload {upload_id}"


def _snapshot(row: Grade | None) -> dict | None:
    if row is None:
        return None
    return {
        "value": row.value,
        "points": row.points,
        "explanation": row.explanation,
        "upload_id": row.upload_id,
        "updated_at": row.updated_at.isoformat(),
    }


def cancel_upload(session: Session, upload_id: int, actor_email: str | None) -> UploadOutcome:
    upload, refusal = find_own_upload(session, upload_id, actor_email)
    if refusal:
        return refusal
    assert upload is not None
    for status in (UploadStatus.preview, UploadStatus.invalid, UploadStatus.needs_test):
        if upload.status == status and _claim(
            session, upload, status, status=UploadStatus.cancelled
        ):
            return UploadOutcome("cancelled_now", _reload(session, upload))
    _reload(session, upload)
    if upload.status == UploadStatus.cancelled:
        return UploadOutcome("cancelled", upload)
    return _status_outcome(upload, utcnow()) or UploadOutcome("cancelled", upload)


def undo_upload(
    session: Session, upload_id: int, actor_email: str | None, *, now: datetime | None = None
) -> UploadOutcome:
    """Put back exactly what the upload replaced, unless something newer touched one of its
    candidates; then nothing changes and the blocking candidates are named."""
    now = now or utcnow()
    upload, refusal = find_own_upload(session, upload_id, actor_email)
    if refusal:
        return refusal
    assert upload is not None
    if upload.status == UploadStatus.undone:
        return UploadOutcome("already_undone", upload)
    if upload.status != UploadStatus.applied:
        return UploadOutcome("not_applied", upload)
    if agreed_committees(upload):
        return UploadOutcome("agreed_no_undo", upload)
    test = _locked_test(session, upload)
    if test is None:
        return UploadOutcome("not_found", upload)
    previous: dict[str, dict | None] = json.loads(upload.previous_json or "{}")
    locked = _locked_candidates(grader_roster(session, test, upload.grader_email), list(previous))
    if locked:
        return UploadOutcome("locked", upload, candidates=locked)
    own = {row.candidate_id: row for row in grade_rows(session, test.test_id, upload.grader_email)}
    blockers = _undo_blockers(session, test, upload, previous, own)
    if blockers:
        return UploadOutcome("undo_blocked", upload, candidates=blockers)
    if not _claim(session, upload, UploadStatus.applied, status=UploadStatus.undone, undone_at=now):
        _reload(session, upload)
        return UploadOutcome("already_undone", upload)
    for candidate_id, before in sorted(previous.items()):
        row = own[candidate_id]
        audit.record(
            session,
            upload.grader_email,
            "grade.undo",
            test_id=test.test_id,
            subject=audit_subject(candidate_id, upload.id),
            old=row.value,
            new=before["value"] if before else None,
        )
        if before is None:
            session.delete(row)
            continue
        row.value, row.points, row.explanation = (
            before["value"],
            before["points"],
            before["explanation"],
        )
        row.upload_id = before["upload_id"]
        row.updated_at = datetime.fromisoformat(before["updated_at"])
        session.add(row)
    session.flush()
    return UploadOutcome(
        "undone",
        _reload(session, upload),
        updated=len(previous),
        approvals=after_grades_changed(session, test.test_id, upload.grader_email),
    )


def _undo_blockers(
    session: Session,
    test: Test,
    upload: GradeUpload,
    previous: dict[str, dict | None],
    own: dict[str, Grade],
) -> list[str]:
    blockers = {
        candidate_id
        for candidate_id in previous
        if candidate_id not in own or own[candidate_id].upload_id != upload.id
    }
    if test.marking_mode == MarkingMode.shared and previous:
        # In shared marking a co-grader's later grade for the same candidate is newer work.
        later = session.exec(
            select(Grade.candidate_id).where(
                col(Grade.test_id) == test.test_id,
                col(Grade.grader_email) != upload.grader_email,
                col(Grade.candidate_id).in_(list(previous)),
                col(Grade.updated_at) > upload.applied_at,
            )
        ).all()
        blockers.update(later)
    return sorted(blockers, key=candidate_sort_key)


def candidate_sort_key(candidate_id: str) -> tuple[int, int, str]:
    """Numbers in numeric order, then the rest as text."""
    return (0, int(candidate_id), "") if candidate_id.isdigit() else (1, 0, candidate_id)


@dataclass(frozen=True)
class Confirmation:
    """What an applied upload's confirmation shows now: the outcome it reported, where the
    grades go, and whether they are locked (so Undo and Reset are gone)."""

    outcome: UploadOutcome
    destination: GradesGoTo
    locked: bool


def confirmation(session: Session, upload: GradeUpload) -> Confirmation | None:
    """The confirmation of an applied upload as it stands; None for any other upload."""
    test = session.get(Test, upload.test_id) if upload.test_id else None
    if test is None or upload.status != UploadStatus.applied:
        return None
    previous = json.loads(upload.previous_json or "{}")
    roster = grader_roster(session, test, upload.grader_email)
    locked = bool(_locked_candidates(roster, list(previous)))
    outcome = UploadOutcome(
        "applied",
        upload,
        updated=len(previous),
        complete_committees=complete_committees(session, test, upload.grader_email),
    )
    return Confirmation(outcome, where_grades_go(test), locked)


def record_confirmation(session: Session, upload_id: int, channel: str, ts: str) -> None:
    """Where the applied upload's confirmation was posted (or its preview turned into it)."""
    upload = session.get(GradeUpload, upload_id)
    if upload is None:
        return  # its test was deleted meanwhile
    upload.message_channel, upload.message_ts = channel, ts
    session.add(upload)
