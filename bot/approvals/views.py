"""What a prompt, or the `/sensur approve` overview, shows now: plain values read from the
store for one viewer, with every grade taken through `privacy.grades_visible_to`.

A prompt is rendered from these when it is sent and again whenever someone acts, so the
message always shows who did what."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.approvals.outcome import Refusal, RefusalReason
from bot.approvals.people import Person
from bot.approvals.privacy import VisibleGrades, grades_visible_to
from bot.approvals.prompts import ALL_SCOPES, PromptKind, ensure_prompt, lock_test
from bot.approvals.state import (
    ApprovalSnapshot,
    CommitteeStatus,
    Phase,
    grade_options,
    load_snapshot,
)
from bot.approvals.workflow import (
    ALIGNMENT_ROWS_PER_PROMPT,
    alignment_candidates,
    alignment_parts,
)
from models.tables import ApprovalPrompt, FinalApproval


class PromptState(StrEnum):
    open = "open"  # waiting for the recipient
    not_ready = "not_ready"  # grades are missing again, or the committee is not at this step
    done = "done"  # the recipient did it; others may still have to
    resolved = "resolved"  # alignment: nothing left to agree
    final = "final"  # the committee's grades are final
    out_of_date = "out_of_date"  # from before a reopening


@dataclass(frozen=True)
class GradeCount:
    grade: str
    count: int


def grade_counts(
    grades: Iterable[str | None], scale_order: tuple[str, ...]
) -> tuple[GradeCount, ...]:
    counted = Counter(g for g in grades if g is not None)
    ordered = [g for g in scale_order if g in counted] + sorted(set(counted) - set(scale_order))
    return tuple(GradeCount(g, counted[g]) for g in ordered)


@dataclass(frozen=True)
class OwnCommitteeSummary:
    committee: str
    submitted: int
    counts: tuple[GradeCount, ...]
    missing: tuple[str, ...]
    approved_at: datetime | None
    phase: Phase
    waiting: tuple[Person, ...]  # co-graders who have not approved their own grading yet


@dataclass(frozen=True)
class OwnPromptView:
    prompt_id: int
    test_id: str
    course_code: str
    state: PromptState
    committees: tuple[OwnCommitteeSummary, ...]
    across_committees: bool


@dataclass(frozen=True)
class AlignmentRow:
    candidate: str
    grades: tuple[tuple[Person, str | None], ...]  # (grader, their grade)
    agreed: str | None
    agreed_by: Person | None  # who chose it; None when the graders gave the same grade


@dataclass(frozen=True)
class AlignmentPromptView:
    prompt_id: int
    test_id: str
    course_code: str
    committee: str
    state: PromptState
    rows: tuple[AlignmentRow, ...]
    options: tuple[str, ...]
    part: int
    parts: int
    unresolved: int


class FinalMark(StrEnum):
    agreed = "agreed"  # private marking: the graders differed, this grade was agreed
    changed = "changed"  # shared marking: a grader changed a grade a co-grader had given


@dataclass(frozen=True)
class FinalRow:
    """A candidate and the grade that becomes final; `given` the graders' own grades when
    it is marked."""

    candidate: str
    grade: str | None
    mark: FinalMark | None = None
    given: tuple[tuple[Person, str | None], ...] = ()


@dataclass(frozen=True)
class FinalPromptView:
    prompt_id: int
    test_id: str
    course_code: str
    committee: str
    state: PromptState
    one_approval_suffices: bool
    shared: bool
    counts: tuple[GradeCount, ...]
    rows: tuple[FinalRow, ...]  # every candidate of the committee, in candidate order
    co_graders: tuple[Person, ...]  # the committee's other graders
    approved: tuple[tuple[Person, datetime], ...]
    waiting: tuple[Person, ...]  # `you` marks the recipient
    final_by: Person | None
    final_at: datetime | None

    @property
    def completes(self) -> bool:
        """Whether the recipient's approval makes the grades final for the whole
        committee: one approval suffices, or they are the last one waited for."""
        if self.one_approval_suffices:
            return True
        return len(self.waiting) == 1 and self.waiting[0].you


PromptView = OwnPromptView | AlignmentPromptView | FinalPromptView


def prompt_view(session: Session, prompt_id: int) -> PromptView | None:
    """What an approval prompt shows now; None when it is gone, or is the FS hand-off's
    checklist (shown by `bot.handoff.view`)."""
    prompt = session.get(ApprovalPrompt, prompt_id)
    if prompt is None or prompt.kind == PromptKind.transfer:
        return None
    snapshot = load_snapshot(session, prompt.test_id)
    if snapshot is None:
        return None
    builders: dict[PromptKind, Callable[[ApprovalSnapshot, ApprovalPrompt], PromptView]] = {
        PromptKind.own: _own_view,
        PromptKind.alignment: _alignment_view,
        PromptKind.final: _final_view,
    }
    return builders[PromptKind(prompt.kind)](snapshot, prompt)


def _visible(snapshot: ApprovalSnapshot, viewer: str, committee: str) -> VisibleGrades:
    return grades_visible_to(snapshot, viewer, committee, is_consultant=False)


def _own_view(snapshot: ApprovalSnapshot, prompt: ApprovalPrompt) -> OwnPromptView:
    grader = prompt.recipient_email
    across = prompt.scope == ALL_SCOPES
    committees = snapshot.across_committees_of(grader) if across else (prompt.scope,)
    current = snapshot.grader_round(grader) if across else snapshot.round(prompt.scope)
    summaries = tuple(_own_summary(snapshot, grader, c) for c in committees)
    if prompt.round != current:
        state = PromptState.out_of_date
    elif all(s.approved_at is not None for s in summaries):
        state = PromptState.done
    elif any(s.missing for s in summaries):
        state = PromptState.not_ready
    else:
        state = PromptState.open
    return OwnPromptView(
        prompt_id=prompt.id or 0,
        test_id=snapshot.test_id,
        course_code=snapshot.test.course_code,
        state=state,
        committees=summaries,
        across_committees=across,
    )


def _own_summary(snapshot: ApprovalSnapshot, grader: str, committee: str) -> OwnCommitteeSummary:
    status = snapshot.status(committee)
    own = _visible(snapshot, grader, committee).by_grader.get(grader, {})
    return OwnCommitteeSummary(
        committee=committee,
        submitted=len(status.submitted),
        counts=grade_counts(own.values(), grade_options(snapshot.test.grade_scale)),
        missing=status.missing.get(grader, ()),
        approved_at=status.own_approved.get(grader),
        phase=status.phase,
        waiting=snapshot.people(g for g in status.waiting_for if g != grader),
    )


def _alignment_view(snapshot: ApprovalSnapshot, prompt: ApprovalPrompt) -> AlignmentPromptView:
    status = snapshot.status(prompt.scope)
    visible = _visible(snapshot, prompt.recipient_email, prompt.scope)
    listed = alignment_candidates(status)
    start = prompt.part * ALIGNMENT_ROWS_PER_PROMPT
    rows = tuple(
        _alignment_row(snapshot, status, visible, candidate, prompt.recipient_email)
        for candidate in listed[start : start + ALIGNMENT_ROWS_PER_PROMPT]
    )
    if prompt.round != status.round:
        state = PromptState.out_of_date
    elif status.phase == Phase.final:
        state = PromptState.final
    elif status.phase == Phase.aligning:
        state = PromptState.open
    elif status.phase == Phase.final_approval:
        state = PromptState.resolved
    else:
        state = PromptState.not_ready
    return AlignmentPromptView(
        prompt_id=prompt.id or 0,
        test_id=snapshot.test_id,
        course_code=snapshot.test.course_code,
        committee=prompt.scope,
        state=state,
        rows=rows,
        options=grade_options(snapshot.test.grade_scale),
        part=prompt.part,
        parts=alignment_parts(status),
        unresolved=len(status.unresolved),
    )


def _alignment_row(
    snapshot: ApprovalSnapshot,
    status: CommitteeStatus,
    visible: VisibleGrades,
    candidate: str,
    viewer: str,
) -> AlignmentRow:
    grades = tuple(
        (snapshot.person(grader, viewer), visible.by_grader[grader].get(candidate))
        for grader in status.graders
        if grader in visible.by_grader
    )
    agreed = (
        snapshot.agreed_grade(status.committee, candidate) if candidate in visible.agreed else None
    )
    return AlignmentRow(
        candidate=candidate,
        grades=grades,
        agreed=agreed.value if agreed else None,
        agreed_by=snapshot.person(agreed.set_by, viewer) if agreed and agreed.set_by else None,
    )


def final_prompt_for(
    session: Session, prompt_id: int, grader_email: str | None
) -> FinalPromptView | Refusal:
    """A final approval prompt's view for the grader it was sent to (its file of grades);
    refused for anyone else, and for a prompt that is not one."""
    prompt = session.get(ApprovalPrompt, prompt_id)
    if prompt is None or prompt.kind != PromptKind.final:
        return Refusal(RefusalReason.out_of_date, {"test": ""})
    if grader_email != prompt.recipient_email:
        return Refusal(RefusalReason.not_for_you, {"test": prompt.test_id})
    view = prompt_view(session, prompt_id)
    if not isinstance(view, FinalPromptView):
        return Refusal(RefusalReason.out_of_date, {"test": prompt.test_id})
    return view


def _final_view(snapshot: ApprovalSnapshot, prompt: ApprovalPrompt) -> FinalPromptView:
    status = snapshot.status(prompt.scope)
    viewer = prompt.recipient_email
    visible = _visible(snapshot, viewer, prompt.scope)
    shared = snapshot.is_shared(prompt.scope)
    grades = visible.committee_grades if shared else visible.agreed
    if prompt.round != status.round:
        state = PromptState.out_of_date
    elif status.phase == Phase.final:
        state = PromptState.final
    elif status.phase != Phase.final_approval:
        state = PromptState.not_ready
    elif viewer in status.final_votes:
        state = PromptState.done
    else:
        state = PromptState.open
    return FinalPromptView(
        prompt_id=prompt.id or 0,
        test_id=snapshot.test_id,
        course_code=snapshot.test.course_code,
        committee=prompt.scope,
        state=state,
        one_approval_suffices=snapshot.final_approval_by(prompt.scope) == FinalApproval.one,
        shared=shared,
        counts=grade_counts(grades.values(), grade_options(snapshot.test.grade_scale)),
        rows=tuple(_final_row(snapshot, status, visible, c, viewer) for c in status.submitted),
        co_graders=snapshot.people(g for g in status.graders if g != viewer),
        approved=tuple(
            (snapshot.person(g, viewer), at)
            for g, at in sorted(status.final_votes.items(), key=lambda item: item[1])
        ),
        waiting=snapshot.people(status.waiting_for, viewer),
        final_by=snapshot.person(status.final_by, viewer) if status.final_by else None,
        final_at=status.final_at,
    )


def _final_row(
    snapshot: ApprovalSnapshot,
    status: CommitteeStatus,
    visible: VisibleGrades,
    candidate: str,
    viewer: str,
) -> FinalRow:
    """The grade that becomes final for `candidate`, marked when the graders' own grades
    differed (private marking: agreed; shared marking: changed by a co-grader)."""
    given = tuple(
        (snapshot.person(g, viewer), visible.by_grader[g].get(candidate))
        for g in status.graders
        if g in visible.by_grader and candidate in visible.by_grader[g]
    )
    if status.shared:
        grade = visible.committee_grades.get(candidate)
        differ = len({value for _, value in given}) > 1
        return (
            FinalRow(candidate, grade, FinalMark.changed, given)
            if differ
            else FinalRow(candidate, grade)
        )
    agreed = (
        snapshot.agreed_grade(status.committee, candidate) if candidate in visible.agreed else None
    )
    if agreed is not None and agreed.source != "equal":
        return FinalRow(candidate, agreed.value, FinalMark.agreed, given)
    return FinalRow(candidate, agreed.value if agreed else None)


# --------------------------------------------------------------------------------------
# `/sensur approve`: where the grader's committees stand, and what they can approve now.


@dataclass(frozen=True)
class OverviewLine:
    committee: str
    phase: Phase
    submitted: int
    counts: tuple[GradeCount, ...]  # the grades the grader may see: own, or the committee's
    missing: tuple[str, ...]
    own_approved_at: datetime | None
    unresolved: int
    voted_at: datetime | None
    waiting: tuple[Person, ...]
    final_by: Person | None
    final_at: datetime | None
    action: PromptKind | None  # what the grader can do now from this line
    prompt_id: int | None


@dataclass(frozen=True)
class ApprovalOverview:
    test_id: str
    course_code: str
    shared: bool
    across_committees: bool
    one_approval_suffices: bool
    lines: tuple[OverviewLine, ...]
    approve_all_prompt_id: int | None  # own approval across committees, when possible now


def approval_overview(
    session: Session, test_id: str, grader_email: str
) -> ApprovalOverview | Refusal:
    """Where each of the grader's committees stands. Actions possible now get a prompt
    record, whose id the reply's buttons carry, as a prompt sent by DM would."""
    test = lock_test(session, test_id)
    if test is None:
        return Refusal(RefusalReason.unknown_test, {"test": test_id})
    snapshot = ApprovalSnapshot(session, test)
    committees = snapshot.committees_of(grader_email)
    if not committees:
        return Refusal(RefusalReason.not_grader, {"test": test_id})
    # A complaint committee is approved on its own, privately, by all (SPEC §3.11).
    shared = all(snapshot.is_shared(c) for c in committees)
    across = not shared and any(snapshot.approves_across(c) for c in committees)
    lines = tuple(
        _overview_line(session, snapshot, grader_email, c, snapshot.approves_across(c))
        for c in committees
    )
    approve_all = None
    across_lines = [line for line in lines if snapshot.approves_across(line.committee)]
    own_pending = [
        line
        for line in across_lines
        if line.phase == Phase.grading and not snapshot.is_shared(line.committee)
    ]
    if (
        across
        and any(line.own_approved_at is None for line in own_pending)
        and all(not line.missing for line in across_lines)
    ):
        round_ = snapshot.grader_round(grader_email)
        approve_all = ensure_prompt(
            session, PromptKind.own, test_id, ALL_SCOPES, grader_email, round_
        ).id
    return ApprovalOverview(
        test_id=test_id,
        course_code=test.course_code,
        shared=shared,
        across_committees=across,
        one_approval_suffices=all(
            snapshot.final_approval_by(c) == FinalApproval.one for c in committees
        ),
        lines=lines,
        approve_all_prompt_id=approve_all,
    )


def _overview_line(
    session: Session, snapshot: ApprovalSnapshot, grader: str, committee: str, across: bool
) -> OverviewLine:
    status = snapshot.status(committee)
    visible = _visible(snapshot, grader, committee)
    if status.shared:
        shown = visible.committee_grades
    elif status.phase in (Phase.final_approval, Phase.final):
        shown = visible.agreed
    else:
        shown = visible.by_grader.get(grader, {})
    action = None
    if (
        not status.shared
        and not across
        and status.phase == Phase.grading
        and grader not in status.own_approved
        and status.complete_for(grader)
    ):
        action = PromptKind.own
    elif status.phase == Phase.final_approval and grader not in status.final_votes:
        action = PromptKind.final
    prompt_id = None
    if action is not None:
        prompt_id = ensure_prompt(
            session, action, snapshot.test_id, committee, grader, status.round
        ).id
    return OverviewLine(
        committee=committee,
        phase=status.phase,
        submitted=len(status.submitted),
        counts=grade_counts(shown.values(), grade_options(snapshot.test.grade_scale)),
        missing=status.missing.get(grader, ()),
        own_approved_at=status.own_approved.get(grader),
        unresolved=len(status.unresolved),
        voted_at=status.final_votes.get(grader),
        waiting=snapshot.people(status.waiting_for, grader),
        final_by=snapshot.person(status.final_by, grader) if status.final_by else None,
        final_at=status.final_at,
        action=action,
        prompt_id=prompt_id,
    )
