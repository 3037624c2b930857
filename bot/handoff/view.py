"""What a hand-off checklist shows now, for the consultant it was sent to: plain values
read from the store, rendered when it is posted and again whenever someone acts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.approvals.outcome import Refusal, RefusalReason
from bot.approvals.people import Person
from bot.approvals.privacy import grades_visible_to
from bot.approvals.prompts import PromptKind
from bot.approvals.state import ApprovalSnapshot, grade_options, load_snapshot
from bot.approvals.views import GradeCount, grade_counts
from bot.exams.people import Roles
from bot.handoff.checklist import TrialResult, refused_candidates
from models.tables import ApprovalPrompt, FsHandoff, GradingIn


class ChecklistState(StrEnum):
    open = "open"  # steps 2 and 3 can be pressed (3 once 2 is recorded)
    transferred = "transferred"
    out_of_date = "out_of_date"  # from before a reopening: a new one comes when graded again


@dataclass(frozen=True)
class ChecklistView:
    prompt_id: int
    test_id: str
    state: ChecklistState
    graded_in_sensorbot: bool  # the final grades must be imported into Inspera first
    graded: int  # final grades in the export (graded in Sensorbot)
    counts: tuple[GradeCount, ...]
    graders: int  # told once it is transferred
    trial_result: TrialResult | None
    refused: tuple[str, ...]
    trial_by: Person | None
    trial_at: datetime | None
    transferred_by: Person | None
    transferred_at: datetime | None


def checklist_view(session: Session, prompt_id: int) -> ChecklistView | None:
    """The checklist as its recipient sees it now; None when it is no checklist (or gone)."""
    prompt = session.get(ApprovalPrompt, prompt_id)
    if prompt is None or prompt.kind != PromptKind.transfer:
        return None
    snapshot = load_snapshot(session, prompt.test_id)
    if snapshot is None:
        return None
    test = snapshot.test
    handoff = session.get(FsHandoff, test.test_id)
    viewer = prompt.recipient_email
    if test.transferred_at is not None:
        state = ChecklistState.transferred
    elif handoff is None or prompt.round != snapshot.test_round():
        state = ChecklistState.out_of_date
    else:
        state = ChecklistState.open
    in_sensorbot = test.grading_in != GradingIn.inspera
    final = _final_grades(snapshot, viewer) if in_sensorbot else []
    trial = handoff.trial_result if handoff is not None else None
    return ChecklistView(
        prompt_id=prompt_id,
        test_id=test.test_id,
        state=state,
        graded_in_sensorbot=in_sensorbot,
        graded=len(final),
        counts=grade_counts(final, grade_options(test.grade_scale)),
        graders=len(snapshot.all_graders()),
        trial_result=TrialResult(trial) if trial else None,
        refused=refused_candidates(handoff) if handoff is not None else (),
        trial_by=_who(snapshot, handoff.trial_recorded_by if handoff else None, viewer),
        trial_at=handoff.trial_recorded_at if handoff is not None else None,
        transferred_by=_who(snapshot, test.transferred_by, viewer),
        transferred_at=test.transferred_at,
    )


def checklist_to_press(session: Session, prompt_id: int, actor: Roles) -> str | Refusal:
    """The test of a checklist the person may record on now, or why not (read only: the
    press itself checks again under the test's lock)."""
    prompt = session.get(ApprovalPrompt, prompt_id)
    view = checklist_view(session, prompt_id)
    if prompt is None or view is None:
        return Refusal(RefusalReason.out_of_date, {"test": ""})
    if not actor.may_administer(prompt.test_id):
        return Refusal(RefusalReason.not_consultant, {"test": prompt.test_id})
    if view.state == ChecklistState.transferred:
        return Refusal(
            RefusalReason.already_transferred,
            {"test": prompt.test_id, "by": view.transferred_by, "at": view.transferred_at},
        )
    if view.state == ChecklistState.out_of_date:
        return Refusal(RefusalReason.out_of_date, {"test": prompt.test_id})
    return prompt.test_id


def _final_grades(snapshot: ApprovalSnapshot, viewer: str) -> list[str]:
    """The final grades the export holds, as the consultant may see them."""
    final: list[str] = []
    for committee in snapshot.committee_names:
        if committee in snapshot.finals:
            visible = grades_visible_to(snapshot, viewer, committee, is_consultant=True)
            final.extend(visible.agreed.values())
    return final


def _who(snapshot: ApprovalSnapshot, email: str | None, viewer: str) -> Person | None:
    return snapshot.person(email, viewer, consultant=True) if email else None
