"""Grade uploads in the store: previews, apply (all or nothing), cancel, undo, reset.

Who may act is decided here, from the store: the person's e-mail (as Slack gives it) must
be the upload's grader. Every state change is a conditional update on the upload's status,
so a double click, a Slack retry or a stale message changes nothing twice.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.approvals import (
    Outcome,
    Phase,
    after_grades_changed,
    grading_status,
    locked_committees,
    set_agreed_grades,
    visible_grades,
    working_grades,
)
from bot.approvals.prompts import lock_test
from bot.exams import audit
from bot.exams.lookup import grader_test_ids
from bot.exams.people import find_grader
from bot.gradesheets.reading import GradeSheet
from bot.gradesheets.validation import (
    CurrentGrade,
    GradeChange,
    GraderRoster,
    GradeSheetPreview,
    RosterCandidate,
    differs,
    graded_candidates,
    normalise_candidate,
    validate_sheet,
)
from models.tables import (
    Candidate,
    CandidateStatus,
    CommitteeMembership,
    Grade,
    GradeUpload,
    MarkingMode,
    Test,
)
from models.types import utcnow

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


# -- the roster as one grader sees it ------------------------------------------------------


def grader_committees(session: Session, test_id: str, grader_email: str) -> frozenset[str]:
    rows = session.exec(
        select(CommitteeMembership.committee).where(
            CommitteeMembership.test_id == test_id,
            CommitteeMembership.grader_email == grader_email,
        )
    ).all()
    return frozenset(c for c in rows if c is not None)


def grader_roster(session: Session, test: Test, grader_email: str) -> GraderRoster:
    """What the grader may grade on the test, with the committees whose grades they may no
    longer change (own grading approved, or final)."""
    candidates = session.exec(select(Candidate).where(Candidate.test_id == test.test_id)).all()
    return GraderRoster(
        test_id=test.test_id,
        scale=test.grade_scale,
        candidates={
            c.candidate_id: RosterCandidate(c.candidate_id, c.committee, c.status)
            for c in candidates
        },
        grader_committees=grader_committees(session, test.test_id, grader_email),
        locked={
            committee: reason.value
            for committee, reason in locked_committees(session, test.test_id, grader_email).items()
        },
    )


def current_grades(session: Session, test: Test, grader_email: str) -> dict[str, CurrentGrade]:
    """The grades this grader works from, as the approvals' privacy rule lets them see:
    their own (private marking), or the committee's current grade (shared marking)."""
    return {
        candidate: CurrentGrade(entry.value, entry.points, entry.explanation)
        for candidate, entry in working_grades(session, test.test_id, grader_email).items()
    }


@dataclass(frozen=True)
class SheetGrades:
    """The grades a grade sheet of this grader is compared with (and a template shows):
    the working grades, and for committees agreeing grades now, their agreed grades."""

    current: dict[str, CurrentGrade]
    aligning: frozenset[str]


def sheet_grades(session: Session, test: Test, grader_email: str) -> SheetGrades:
    current = current_grades(session, test, grader_email)
    aligning = frozenset(
        g.committee
        for g in grading_status(session, test, grader_email)
        if g.phase == Phase.aligning
    )
    for committee in sorted(aligning):
        visible = visible_grades(session, test.test_id, grader_email, committee)
        for candidate in _committee_candidates(session, test.test_id, committee):
            agreed = visible.agreed.get(candidate)
            if agreed is None:
                current.pop(candidate, None)
            else:
                current[candidate] = CurrentGrade(agreed)
    return SheetGrades(current, aligning)


def _committee_candidates(session: Session, test_id: str, committee: str) -> list[str]:
    return list(
        session.exec(
            select(Candidate.candidate_id).where(
                Candidate.test_id == test_id, Candidate.committee == committee
            )
        ).all()
    )


def _grade_rows(session: Session, test_id: str, grader_email: str) -> list[Grade]:
    return list(
        session.exec(
            select(Grade).where(Grade.test_id == test_id, Grade.grader_email == grader_email)
        ).all()
    )


def complete_committees(session: Session, test: Test, grader_email: str) -> list[str]:
    """The grader's committees where every submitted candidate has a grade (the grader's own
    in private marking, the committee's in shared marking), as the approvals count it."""
    return sorted(g.committee for g in grading_status(session, test, grader_email) if g.complete)


# -- which test a sheet is for --------------------------------------------------------------


@dataclass(frozen=True)
class TestChoice:
    """The test a sheet (or a command) is for, or the tests to choose from."""

    test: Test | None
    options: tuple[Test, ...] = ()


def grader_tests(session: Session, grader_email: str) -> list[Test]:
    ids = grader_test_ids(session, grader_email)
    if not ids:
        return []
    return list(
        session.exec(
            select(Test)
            .where(col(Test.test_id).in_(ids))
            .order_by(col(Test.submission_deadline).desc(), Test.test_id)
        ).all()
    )


def choose_test(session: Session, grader_email: str, filename: str) -> TestChoice:
    """The grader's only open test; else the one test named in the file name (test id or
    course code); else the choice, narrowed to what the file name or openness suggests."""
    tests = grader_tests(session, grader_email)
    if len(tests) == 1:
        return TestChoice(tests[0])
    open_tests = [t for t in tests if t.opened_for_marking is not None]
    if len(open_tests) == 1:
        return TestChoice(open_tests[0])
    named = _named_in(filename, tests)
    if len(named) == 1:
        return TestChoice(named[0])
    return TestChoice(None, tuple(named or open_tests or tests))


def _named_in(filename: str, tests: list[Test]) -> list[Test]:
    name = filename.upper()
    by_id = [t for t in tests if _mentions(name, t.test_id.upper())]
    if by_id:
        return by_id
    return [t for t in tests if _mentions(name, t.course_code.upper())]


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<![A-Z0-9]){re.escape(word)}(?![A-Z0-9])", text) is not None


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
    roster = grader_roster(session, test, grader_email)
    grades = sheet_grades(session, test, grader_email)
    touched = {
        roster.candidates[c].committee for c in graded_candidates(sheet) if c in roster.candidates
    }
    agreeing = grades.aligning & touched
    if agreeing:
        # Every grader of these committees approved: the sheet sets their agreed grades.
        locked = {c: reason for c, reason in roster.locked.items() if c not in agreeing}
        roster = replace(roster, agreeing=frozenset(agreeing), locked=locked)
    preview = validate_sheet(sheet, roster, grades.current)
    status = UploadStatus.invalid if preview.errors else UploadStatus.preview
    committee_of = {c: roster.candidates[c].committee for c in roster.candidates}
    values = {
        "test_id": test.test_id,
        "status": status,
        "created_at": utcnow(),
        "changes_json": json.dumps(
            [
                _change_record(c, committee_of[c.candidate_id] if agreeing else None)
                for c in preview.changes + preview.suggestions
            ]
        ),
    }
    if needs_test_upload_id is not None:
        claimed = session.exec(
            update(GradeUpload)
            .where(
                GradeUpload.id == needs_test_upload_id,
                GradeUpload.grader_email == grader_email,
                GradeUpload.status == UploadStatus.needs_test,
            )
            .values(**values)
        ).rowcount
        if claimed != 1:
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


def _supersede_previews(
    session: Session, grader_email: str, test_id: str, keep: int | None = None
) -> None:
    """A newer sheet for the same test replaces the grader's earlier, unapplied previews."""
    session.exec(
        update(GradeUpload)
        .where(
            GradeUpload.grader_email == grader_email,
            GradeUpload.test_id == test_id,
            col(GradeUpload.status).in_([UploadStatus.preview, UploadStatus.invalid]),
            GradeUpload.id != (keep or -1),
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


# -- acting on an upload ------------------------------------------------------------------


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
    approvals: Outcome = field(default_factory=Outcome)

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


def _status_outcome(upload: GradeUpload, now: datetime) -> UploadOutcome | None:
    """Why an upload cannot be applied now, or None when it can."""
    status = upload.status
    if status == UploadStatus.preview and upload.created_at + PREVIEW_LIFETIME < now:
        return UploadOutcome("expired", upload)
    reasons = {
        UploadStatus.applied: "already_applied",
        UploadStatus.undone: "already_undone",
        UploadStatus.cancelled: "cancelled",
        UploadStatus.superseded: "superseded",
        UploadStatus.expired: "expired",
        UploadStatus.invalid: "has_errors",
        UploadStatus.needs_test: "needs_test",
    }
    return UploadOutcome(reasons[status], upload) if status in reasons else None


def _claim(session: Session, upload_id: int, expected: str, **values: object) -> bool:
    """Move the upload out of `expected` status; False when someone else already did."""
    result = session.exec(
        update(GradeUpload)
        .where(GradeUpload.id == upload_id, GradeUpload.status == expected)
        .values(**values)
    )
    return result.rowcount == 1


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
            _claim(session, upload.id, UploadStatus.preview, status=UploadStatus.expired)
        return blocked
    # The approvals' lock: no approval slips in between the lock check and the write.
    test = lock_test(session, upload.test_id)
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
        session, upload.id, UploadStatus.preview, status=UploadStatus.applied, applied_at=now
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
        session, upload.id, UploadStatus.preview, status=UploadStatus.applied, applied_at=now
    ):
        return _status_outcome(_reload(session, upload), now) or UploadOutcome("not_found")
    outcome = Outcome()
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
    own = {row.candidate_id: row for row in _grade_rows(session, test.test_id, upload.grader_email)}
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
            subject=_subject(change.candidate_id, upload.id),
            old=seen.value if seen else None,
            new=change.new,
        )
    session.flush()
    return previous, len(previous)


def _subject(candidate_id: str, upload_id: int | None) -> str:
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
            session, upload.id, status, status=UploadStatus.cancelled
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
    test = lock_test(session, upload.test_id)
    previous: dict[str, dict | None] = json.loads(upload.previous_json or "{}")
    locked = _locked_candidates(grader_roster(session, test, upload.grader_email), list(previous))
    if locked:
        return UploadOutcome("locked", upload, candidates=locked)
    own = {row.candidate_id: row for row in _grade_rows(session, test.test_id, upload.grader_email)}
    blockers = _undo_blockers(session, test, upload, previous, own)
    if blockers:
        return UploadOutcome("undo_blocked", upload, candidates=blockers)
    if not _claim(
        session, upload.id, UploadStatus.applied, status=UploadStatus.undone, undone_at=now
    ):
        _reload(session, upload)
        return UploadOutcome("already_undone", upload)
    for candidate_id, before in sorted(previous.items()):
        row = own[candidate_id]
        audit.record(
            session,
            upload.grader_email,
            "grade.undo",
            test_id=test.test_id,
            subject=_subject(candidate_id, upload.id),
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
                Grade.test_id == test.test_id,
                Grade.grader_email != upload.grader_email,
                col(Grade.candidate_id).in_(list(previous)),
                Grade.updated_at > upload.applied_at,
            )
        ).all()
        blockers.update(later)
    return sorted(blockers, key=candidate_sort_key)


def candidate_sort_key(candidate_id: str) -> tuple[int, int, str]:
    """Numbers in numeric order, then the rest as text."""
    return (0, int(candidate_id), "") if candidate_id.isdigit() else (1, 0, candidate_id)


# -- resetting one candidate --------------------------------------------------------------


@dataclass(frozen=True)
class ResetOutcome:
    status: str  # `gradesheet.reset.<status>`; "locked": `approvals.locked.<lock>`
    candidate: str
    old: str | None = None
    committee: str | None = None
    lock: str | None = None  # why the committee's grades are locked
    approvals: Outcome = field(default_factory=Outcome)


def reset_grade(
    session: Session, test_id: str, actor_email: str | None, candidate_text: str
) -> ResetOutcome:
    """Remove a grade given by mistake (Inspera's undo arrow), for one candidate."""
    candidate_id = normalise_candidate(candidate_text) or ""
    grader = find_grader(session, actor_email) if actor_email else None
    test = lock_test(session, test_id) if grader is not None else None
    if grader is None or test is None:
        return ResetOutcome("not_grader", candidate_id)
    roster = grader_roster(session, test, grader.email)
    entry = roster.candidates.get(candidate_id)
    if entry is None:
        return ResetOutcome("unknown_candidate", candidate_id)
    if entry.committee not in roster.grader_committees:
        return ResetOutcome("other_committee", candidate_id)
    if entry.committee in roster.locked:
        lock = roster.locked[entry.committee]
        return ResetOutcome("locked", candidate_id, committee=entry.committee, lock=lock)
    seen = current_grades(session, test, grader.email).get(candidate_id)
    if seen is None or seen.value is None:
        return ResetOutcome("no_grade", candidate_id)
    row = session.exec(
        select(Grade).where(
            Grade.test_id == test_id,
            Grade.grader_email == grader.email,
            Grade.candidate_id == candidate_id,
        )
    ).first() or Grade(test_id=test_id, candidate_id=candidate_id, grader_email=grader.email)
    row.value, row.points, row.explanation = None, None, None
    row.upload_id, row.updated_at = None, utcnow()
    session.add(row)
    audit.record(
        session,
        grader.email,
        "grade.reset",
        test_id=test_id,
        subject=_subject(candidate_id, None),
        old=seen.value,
        new=None,
    )
    session.flush()
    return ResetOutcome(
        "reset",
        candidate_id,
        seen.value,
        committee=entry.committee,
        approvals=after_grades_changed(session, test_id, grader.email),
    )
