"""The approval steps (SPEC §2.3, §3.6, §4): own approval, aligning differing grades, final
approval by one or all, reopening; the last final approval starts the FS hand-off
(`bot.handoff`).

Each step takes the test's approval lock first, reads the state, checks the actor against
the store, changes what it must (audited in the same unit of work) and answers an
`ApprovalOutcome` naming who must be told what. A step that cannot apply changes nothing and says
why in `ApprovalOutcome.refusal`, so pressing a button twice, or an old button, is harmless.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType

from sqlmodel import Session, col, delete

from bot.approvals.complaint_round import settle_complaints
from bot.approvals.outcome import ApprovalNotice, ApprovalOutcome, NoticeKind, RefusalReason
from bot.approvals.people import Person, person
from bot.approvals.prompts import ALL_SCOPES, PromptKind, lock_test, post_or_refresh, prompt_ids
from bot.approvals.state import (
    ApprovalSnapshot,
    CommitteeStatus,
    Phase,
    candidate_order,
    grade_options,
)
from bot.complaints import hold
from bot.exams import audit
from bot.exams.audit import SYSTEM_ACTOR
from bot.exams.people import Roles
from models.tables import (
    AgreedGrade,
    CommitteeFinal,
    CommitteeReopening,
    FinalApproval,
    FinalApprovalVote,
    GradingIn,
    OwnGradingApproval,
    Test,
)
from models.types import utcnow

ALIGNMENT_ROWS_PER_PROMPT = 40  # keeps each alignment message well inside 50 blocks


# --------------------------------------------------------------------------------------
# What every step on one committee's grades checks first.


def _open_committee_step(
    session: Session,
    test_id: str,
    committee: str,
    grader: str,
    expected_round: int | None,
    *,
    private_marking_only: bool = False,
) -> ApprovalOutcome | tuple[Test, ApprovalSnapshot, CommitteeStatus]:
    """Take the test's approval lock and read its state; refuse when the test or committee
    does not exist, the grader is not in the committee, the prompt pressed is from before
    a reopening or the committee's grades are final already (naming who made them final).
    Otherwise the locked test, its snapshot and the committee's status."""
    test = lock_test(session, test_id)
    if test is None:
        return ApprovalOutcome.refused(RefusalReason.unknown_test, test=test_id)
    snapshot = ApprovalSnapshot(session, test)
    if committee not in snapshot.all_committee_names:
        return _unknown_committee(snapshot, committee)
    if private_marking_only and snapshot.is_shared(committee):
        return ApprovalOutcome.refused(RefusalReason.shared_marking, test=test_id)
    status = snapshot.status(committee)
    if grader not in status.graders:
        return ApprovalOutcome.refused(RefusalReason.not_member, test=test_id, committee=committee)
    if expected_round is not None and expected_round != status.round:
        return ApprovalOutcome.refused(RefusalReason.out_of_date, test=test_id)
    if status.phase == Phase.final:
        return ApprovalOutcome.refused(
            RefusalReason.already_final,
            test=test_id,
            committee=committee,
            by=snapshot.person(status.final_by),
            at=status.final_at,
        )
    return test, snapshot, status


def _unknown_committee(snapshot: ApprovalSnapshot, committee: str) -> ApprovalOutcome:
    return ApprovalOutcome.refused(
        RefusalReason.unknown_committee,
        test=snapshot.test_id,
        committee=committee,
        committees=snapshot.committee_names,
    )


def _already_transferred(session: Session, test: Test) -> ApprovalOutcome:
    return ApprovalOutcome.refused(
        RefusalReason.already_transferred,
        test=test.test_id,
        by=person(session, test.test_id, test.transferred_by, consultant=True),
        at=test.transferred_at,
    )


# --------------------------------------------------------------------------------------
# Grades arrived: prompt for the next step.


def after_grades_changed(session: Session, test_id: str, grader_email: str) -> ApprovalOutcome:
    """Call after a grader's grades changed (a grade sheet applied, a grade reset).

    Private marking: when the grader's grading of a committee (or of all their committees,
    with own approval across committees) is complete, "approve your grading" is sent once;
    a prompt sent before is refreshed with the new counts. Shared marking: when the
    committee's grading is complete the final prompt goes to its graders; final approvals
    given before this change are withdrawn, since they approved other grades.
    """
    test = lock_test(session, test_id)
    if test is None:
        return ApprovalOutcome.refused(RefusalReason.unknown_test, test=test_id)
    outcome = ApprovalOutcome()
    if test.grading_in == GradingIn.inspera:
        return outcome  # approved in Inspera (SPEC §2.6): Sensorbot prompts for nothing
    snapshot = ApprovalSnapshot(session, test)
    for committee in snapshot.committees_of(grader_email):
        if snapshot.is_shared(committee):
            outcome.merge(_shared_grades_changed(session, snapshot, committee, grader_email))
    _prompt_own_approval(session, snapshot, grader_email, outcome)
    return outcome


def _prompt_own_approval(
    session: Session, snapshot: ApprovalSnapshot, grader: str, outcome: ApprovalOutcome
) -> None:
    private = [c for c in snapshot.committees_of(grader) if not snapshot.is_shared(c)]
    statuses = [snapshot.status(c) for c in private]
    pending = [s for s in statuses if grader not in s.own_approved and s.phase == Phase.grading]
    across = [s for s in statuses if snapshot.approves_across(s.committee)]
    if across:
        _prompt_own_approval_across(session, snapshot, grader, across, outcome)
    for status in pending:
        if not snapshot.approves_across(status.committee):
            _prompt_own_approval_of(session, snapshot, grader, status, outcome)


def _prompt_own_approval_across(
    session: Session,
    snapshot: ApprovalSnapshot,
    grader: str,
    statuses: list[CommitteeStatus],
    outcome: ApprovalOutcome,
) -> None:
    pending = [s for s in statuses if grader not in s.own_approved and s.phase == Phase.grading]
    if pending:
        round_ = snapshot.grader_round(grader)
        if all(s.complete_for(grader) for s in statuses):
            post_or_refresh(
                session, outcome, PromptKind.own, snapshot.test_id, ALL_SCOPES, grader, round_
            )
        else:
            outcome.update_prompts(
                prompt_ids(
                    session,
                    snapshot.test_id,
                    (PromptKind.own,),
                    scope=ALL_SCOPES,
                    round_=round_,
                    recipient=grader,
                )
            )


def _prompt_own_approval_of(
    session: Session,
    snapshot: ApprovalSnapshot,
    grader: str,
    status: CommitteeStatus,
    outcome: ApprovalOutcome,
) -> None:
    if status.complete_for(grader):
        post_or_refresh(
            session,
            outcome,
            PromptKind.own,
            snapshot.test_id,
            status.committee,
            grader,
            status.round,
        )
    else:
        outcome.update_prompts(
            prompt_ids(
                session,
                snapshot.test_id,
                (PromptKind.own,),
                scope=status.committee,
                round_=status.round,
                recipient=grader,
            )
        )


def _shared_grades_changed(
    session: Session, snapshot: ApprovalSnapshot, committee: str, actor: str
) -> ApprovalOutcome:
    outcome = ApprovalOutcome()
    status = snapshot.status(committee)
    if status.phase == Phase.final:
        return outcome
    if status.final_votes:
        _withdraw_final_votes(session, snapshot, status, actor, outcome)
    if status.phase == Phase.final_approval:
        _prompt_final_approval(session, snapshot, status, outcome)
    else:
        outcome.update_prompts(_committee_prompts(session, status, (PromptKind.final,)))
    return outcome


# --------------------------------------------------------------------------------------
# Own approval (private marking).


def approve_own(
    session: Session,
    test_id: str,
    grader_email: str,
    committee: str | None = None,
    *,
    expected_round: int | None = None,
) -> ApprovalOutcome:
    """The grader approves their own grading: of `committee`, or of every committee they
    are in when the test has own approval across committees (then all must be complete).

    `expected_round` is the round of the prompt pressed; a prompt from before a reopening
    is refused as out of date."""
    test = lock_test(session, test_id)
    if test is None:
        return ApprovalOutcome.refused(RefusalReason.unknown_test, test=test_id)
    snapshot = ApprovalSnapshot(session, test)
    everything = snapshot.committees_of(grader_email)
    if not everything:
        return ApprovalOutcome.refused(RefusalReason.not_grader, test=test_id)
    mine = tuple(c for c in everything if not snapshot.is_shared(c))
    if not mine:
        return ApprovalOutcome.refused(RefusalReason.shared_marking, test=test_id)
    across_committees = snapshot.across_committees_of(grader_email)
    across = bool(across_committees) and (committee is None or committee in across_committees)
    if across:
        targets = across_committees
        current_round = snapshot.grader_round(grader_email)
    elif committee is None and len(mine) > 1:
        return ApprovalOutcome.refused(
            RefusalReason.committee_required, test=test_id, committees=mine
        )
    else:
        committee = committee if committee is not None else mine[0]
        if committee not in mine:
            return ApprovalOutcome.refused(
                RefusalReason.not_member, test=test_id, committee=committee, committees=mine
            )
        targets = (committee,)
        current_round = snapshot.round(committee)
    if expected_round is not None and expected_round != current_round:
        return ApprovalOutcome.refused(RefusalReason.out_of_date, test=test_id)
    statuses = [snapshot.status(c) for c in targets]
    pending = [s for s in statuses if grader_email not in s.own_approved]
    if not pending:
        at = max(s.own_approved[grader_email] for s in statuses)
        return ApprovalOutcome.refused(
            RefusalReason.already_approved, test=test_id, committees=targets, at=at
        )
    if refusal := _own_approval_blocker(pending, grader_email, test_id):
        return refusal
    for status in pending:
        session.add(
            OwnGradingApproval(
                test_id=test_id, committee=status.committee, grader_email=grader_email
            )
        )
        audit.record(
            session,
            grader_email,
            "own_approval",
            test_id=test_id,
            subject=f"committee {status.committee}",
            new=f"{len(status.submitted)} candidates",
        )
    session.flush()
    outcome = ApprovalOutcome(changed=True)
    outcome.lock(test_id, [grader_email])
    scope = ALL_SCOPES if across else targets[0]
    outcome.update_prompts(
        prompt_ids(
            session,
            test_id,
            (PromptKind.own,),
            scope=scope,
            round_=current_round,
            recipient=grader_email,
        )
    )
    snapshot = ApprovalSnapshot(session, test)
    for status in pending:
        after = snapshot.status(status.committee)
        if all(g in after.own_approved for g in after.graders):
            outcome.merge(_start_alignment(session, snapshot, after))
    return outcome


def _own_approval_blocker(
    pending: list[CommitteeStatus], grader: str, test_id: str
) -> ApprovalOutcome | None:
    moved_on = [s for s in pending if s.phase != Phase.grading]
    if moved_on:
        return ApprovalOutcome.refused(
            RefusalReason.wrong_phase,
            test=test_id,
            committees=tuple(s.committee for s in moved_on),
            phase=moved_on[0].phase,
        )
    incomplete = {s.committee: s.missing[grader] for s in pending if s.missing[grader]}
    if incomplete:
        return ApprovalOutcome.refused(RefusalReason.incomplete, test=test_id, missing=incomplete)
    return None


def _start_alignment(
    session: Session, snapshot: ApprovalSnapshot, status: CommitteeStatus
) -> ApprovalOutcome:
    """Every grader approved: equal grades become agreed, the rest are shown to the
    committee's graders to agree on; with nothing to agree, straight to final approval."""
    outcome = ApprovalOutcome(changed=True)
    committee = status.committee
    equal = 0
    for candidate in status.submitted:
        if snapshot.agreed_grade(committee, candidate) is not None:
            continue
        value = snapshot.equal_grade(committee, candidate)
        if value is None:
            continue
        session.add(
            AgreedGrade(
                test_id=status.test_id,
                committee=committee,
                candidate_id=candidate,
                value=value,
                source="equal",
            )
        )
        audit.record(
            session,
            SYSTEM_ACTOR,
            "agreed_grade",
            test_id=status.test_id,
            subject=f"committee {committee}, candidate {candidate}",
            new=value,
        )
        equal += 1
    audit.record(
        session,
        SYSTEM_ACTOR,
        "alignment_started",
        test_id=status.test_id,
        subject=f"committee {committee}",
        new=f"{equal} equal, {len(status.submitted) - equal} to agree",
    )
    session.flush()
    fresh = ApprovalSnapshot(session, snapshot.test)
    after = fresh.status(committee)
    if after.phase == Phase.aligning:
        for grader in after.graders:
            for part in range(alignment_parts(after)):
                post_or_refresh(
                    session,
                    outcome,
                    PromptKind.alignment,
                    after.test_id,
                    committee,
                    grader,
                    after.round,
                    part,
                )
    else:
        _prompt_final_approval(session, fresh, after, outcome)
    return outcome


def alignment_parts(status: CommitteeStatus) -> int:
    """How many alignment prompts each grader gets: one per ALIGNMENT_ROWS_PER_PROMPT."""
    shown = len(alignment_candidates(status))
    return max(1, -(-shown // ALIGNMENT_ROWS_PER_PROMPT))


def alignment_candidates(status: CommitteeStatus) -> tuple[str, ...]:
    """The candidates the alignment prompts list: those graded differently, and any
    candidate still without an agreed grade (one added to the committee later)."""
    listed = set(status.differences) | set(status.unresolved)
    return tuple(sorted(listed, key=candidate_order))


# --------------------------------------------------------------------------------------
# Aligning: agreed grades.


def set_agreed_grades(
    session: Session,
    test_id: str,
    committee: str,
    actor: str,
    grades: Mapping[str, str],
    *,
    source: str = "chosen",
    expected_round: int | None = None,
) -> ApprovalOutcome:
    """A grader of the committee sets agreed grades (a choice in Slack, or a sheet of
    agreed grades with `source="sheet"`). All or nothing: any candidate not in the
    committee or grade not on the test's scale refuses the whole set, naming each."""
    opened = _open_committee_step(
        session, test_id, committee, actor, expected_round, private_marking_only=True
    )
    if isinstance(opened, ApprovalOutcome):
        return opened
    test, snapshot, status = opened
    if status.phase == Phase.grading:
        return ApprovalOutcome.refused(
            RefusalReason.wrong_phase,
            test=test_id,
            committees=(committee,),
            phase=Phase.grading,
            waiting=snapshot.people(status.waiting_for, actor),
        )
    problems = _agreed_grade_problems(snapshot, status, grades)
    if problems:
        return ApprovalOutcome.refused(
            RefusalReason.invalid_agreed_grades,
            test=test_id,
            committee=committee,
            problems=problems,
            allowed=grade_options(test.grade_scale),
        )
    changes = _apply_agreed_grades(session, snapshot, status, actor, grades, source)
    outcome = ApprovalOutcome(changed=bool(changes))
    if not changes:
        return outcome
    if status.final_votes:
        _withdraw_final_votes(session, snapshot, status, actor, outcome)
    outcome.tell(
        (grader for grader in status.graders if grader != actor),
        NoticeKind.agreed_grades_set,
        test_id,
        committee,
        by=snapshot.person(actor).to_params(),
        changes=tuple(changes),
    )
    session.flush()
    fresh = ApprovalSnapshot(session, test)
    after = fresh.status(committee)
    outcome.update_prompts(_committee_prompts(session, after, (PromptKind.alignment,)))
    if after.phase == Phase.final_approval:
        _prompt_final_approval(session, fresh, after, outcome)
    return outcome


def _agreed_grade_problems(
    snapshot: ApprovalSnapshot, status: CommitteeStatus, grades: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """(candidate, given grade, problem) for every entry that cannot be applied."""
    allowed = grade_options(snapshot.test.grade_scale)
    in_committee = set(status.submitted)
    problems = []
    for candidate, grade in sorted(grades.items(), key=lambda item: candidate_order(item[0])):
        if candidate not in in_committee:
            problems.append((candidate, grade, "not_in_committee"))
        elif grade not in allowed:
            problems.append((candidate, grade, "not_on_scale"))
    return problems


def _apply_agreed_grades(
    session: Session,
    snapshot: ApprovalSnapshot,
    status: CommitteeStatus,
    actor: str,
    grades: Mapping[str, str],
    source: str,
) -> list[tuple[str, str | None, str]]:
    changes = []
    now = utcnow()
    for candidate in sorted(grades, key=candidate_order):
        value = grades[candidate]
        row = snapshot.agreed_grade(status.committee, candidate)
        old = row.value if row else None
        if old == value:
            continue
        if row is None:
            row = AgreedGrade(
                test_id=status.test_id,
                committee=status.committee,
                candidate_id=candidate,
                value=value,
                source=source,
            )
        row.value, row.source, row.set_by, row.set_at = value, source, actor, now
        session.add(row)
        audit.record(
            session,
            actor,
            "agreed_grade",
            test_id=status.test_id,
            subject=f"committee {status.committee}, candidate {candidate}",
            old=old,
            new=value,
        )
        changes.append((candidate, old, value))
    return changes


def _withdraw_final_votes(
    session: Session,
    snapshot: ApprovalSnapshot,
    status: CommitteeStatus,
    actor: str,
    outcome: ApprovalOutcome,
) -> None:
    """Grades changed after some graders approved them as final: those approvals no longer
    hold. They are removed, audited, and the graders told (the actor knows already)."""
    session.exec(
        delete(FinalApprovalVote).where(
            col(FinalApprovalVote.test_id) == status.test_id,
            col(FinalApprovalVote.committee) == status.committee,
        )
    )
    for voter in status.final_votes:
        audit.record(
            session,
            actor,
            "final_approval_withdrawn",
            test_id=status.test_id,
            subject=f"committee {status.committee}",
            old=voter,
        )
        if voter != actor:
            outcome.notices.append(
                ApprovalNotice(
                    recipient=voter,
                    kind=NoticeKind.final_approval_withdrawn,
                    test_id=status.test_id,
                    committee=status.committee,
                    params={"by": snapshot.person(actor).to_params()},
                )
            )
    outcome.update_prompts(_committee_prompts(session, status, (PromptKind.final,)))


# --------------------------------------------------------------------------------------
# Final approval.


def _prompt_final_approval(
    session: Session, snapshot: ApprovalSnapshot, status: CommitteeStatus, outcome: ApprovalOutcome
) -> None:
    for grader in status.graders:
        post_or_refresh(
            session,
            outcome,
            PromptKind.final,
            status.test_id,
            status.committee,
            grader,
            status.round,
        )


def approve_final(
    session: Session,
    test_id: str,
    committee: str,
    grader_email: str,
    *,
    expected_round: int | None = None,
) -> ApprovalOutcome:
    """The grader approves the committee's final grades. With final approval by `one`,
    this makes them final for the whole committee; with `all`, the last approval does."""
    opened = _open_committee_step(session, test_id, committee, grader_email, expected_round)
    if isinstance(opened, ApprovalOutcome):
        return opened
    test, snapshot, status = opened
    if status.phase != Phase.final_approval:
        return _not_ready_for_final(snapshot, status, grader_email)
    if grader_email in status.final_votes:
        return ApprovalOutcome.refused(
            RefusalReason.already_voted,
            test=test_id,
            committee=committee,
            at=status.final_votes[grader_email],
            waiting=snapshot.people(status.waiting_for, grader_email),
        )
    session.add(FinalApprovalVote(test_id=test_id, committee=committee, grader_email=grader_email))
    audit.record(
        session, grader_email, "final_approval", test_id=test_id, subject=f"committee {committee}"
    )
    outcome = ApprovalOutcome(changed=True)
    outcome.update_prompts(_committee_prompts(session, status, (PromptKind.final,)))
    voters = set(status.final_votes) | {grader_email}
    one = snapshot.final_approval_by(committee) == FinalApproval.one
    if one or voters >= set(status.graders):
        _make_final(session, snapshot, status, grader_email, outcome)
    return outcome


def _not_ready_for_final(
    snapshot: ApprovalSnapshot, status: CommitteeStatus, grader: str
) -> ApprovalOutcome:
    if status.phase == Phase.grading and status.shared:
        missing = {status.committee: status.missing[grader]}
        return ApprovalOutcome.refused(
            RefusalReason.incomplete, test=status.test_id, missing=missing
        )
    return ApprovalOutcome.refused(
        RefusalReason.wrong_phase,
        test=status.test_id,
        committees=(status.committee,),
        phase=status.phase,
        waiting=snapshot.people(status.waiting_for, grader),
        unresolved_count=len(status.unresolved),
    )


def _make_final(
    session: Session,
    snapshot: ApprovalSnapshot,
    status: CommitteeStatus,
    approver: str,
    outcome: ApprovalOutcome,
) -> None:
    test_id, committee = status.test_id, status.committee
    if status.shared:
        # The committee grade as it stands becomes the agreed, final grade.
        for candidate, value in snapshot.committee_grades(committee).items():
            if value is None:
                continue  # cannot happen in final approval: every candidate has a grade
            session.add(
                AgreedGrade(
                    test_id=test_id,
                    committee=committee,
                    candidate_id=candidate,
                    value=value,
                    source="shared",
                )
            )
    session.add(CommitteeFinal(test_id=test_id, committee=committee, approved_by=approver))
    outcome.lock(test_id, status.graders)
    audit.record(
        session,
        approver,
        "committee_final",
        test_id=test_id,
        subject=f"committee {committee}",
        new=f"{len(status.submitted)} candidates, final approval by "
        f"{snapshot.final_approval_by(committee)}",
    )
    session.flush()
    one = snapshot.final_approval_by(committee) == FinalApproval.one
    outcome.tell(
        (grader for grader in status.graders if grader != approver),
        NoticeKind.committee_final,
        test_id,
        committee,
        by=snapshot.person(approver).to_params(),
        on_behalf=one,
    )
    outcome.update_prompts(_committee_prompts(session, status, (PromptKind.alignment,)))
    fresh = ApprovalSnapshot(session, snapshot.test)
    if fresh.is_complaint(committee):
        # The complaint round leaves the test's own state alone (graded, transferred).
        outcome.merge(settle_complaints(session, fresh, committee, approver))
    elif fresh.is_graded():
        _handoff().start_handoff(session, snapshot.test, outcome)


def _handoff() -> ModuleType:
    """The FS hand-off builds on the approvals (their lock, prompts and outcome), so it is
    imported when a step needs it rather than with this module."""
    from bot.handoff import checklist

    return checklist


def _committee_prompts(
    session: Session, status: CommitteeStatus, kinds: tuple[PromptKind, ...]
) -> list[int]:
    return prompt_ids(session, status.test_id, kinds, scope=status.committee, round_=status.round)


# --------------------------------------------------------------------------------------
# Reopening a committee.


@dataclass(frozen=True)
class ReopeningPlan:
    """What reopening a committee would clear, shown to the consultant before they confirm."""

    test_id: str
    committee: str
    reason: str
    own_approved: tuple[Person, ...]
    agreed_count: int
    final_votes: tuple[Person, ...]
    final_at: datetime | None
    graders: tuple[Person, ...]


def plan_reopening(
    session: Session, test_id: str, committee: str, actor: Roles, reason: str
) -> ReopeningPlan | ApprovalOutcome:
    """The checks of `reopen_committee` without changing anything: what it would clear, or
    the refusal it would give."""
    checked = _reopen_checks(session, session.get(Test, test_id), test_id, committee, actor, reason)
    if isinstance(checked, ApprovalOutcome):
        return checked
    snapshot, status, _ = checked
    return ReopeningPlan(
        test_id=test_id,
        committee=committee,
        reason=" ".join(reason.split()),
        own_approved=snapshot.people(sorted(status.own_approved)),
        agreed_count=len(snapshot.agreed_grades(committee)),
        final_votes=snapshot.people(sorted(status.final_votes)),
        final_at=status.final_at,
        graders=snapshot.people(status.graders),
    )


def _reopen_checks(
    session: Session, test: Test | None, test_id: str, committee: str, actor: Roles, reason: str
) -> ApprovalOutcome | tuple[ApprovalSnapshot, CommitteeStatus, list[str]]:
    if test is None:
        return ApprovalOutcome.refused(RefusalReason.unknown_test, test=test_id)
    if not actor.may_administer(test_id):
        return ApprovalOutcome.refused(RefusalReason.not_consultant, test=test_id)
    if not " ".join(reason.split()):
        return ApprovalOutcome.refused(RefusalReason.no_reason, test=test_id, committee=committee)
    snapshot = ApprovalSnapshot(session, test)
    if committee not in snapshot.all_committee_names:
        return _unknown_committee(snapshot, committee)
    # A complaint committee grades after the transfer to FS (SPEC §3.11).
    if test.transferred_at is not None and not snapshot.is_complaint(committee):
        return _already_transferred(session, test)
    status = snapshot.status(committee)
    cleared = _cleared_summary(snapshot, status)
    if not cleared:
        return ApprovalOutcome.refused(
            RefusalReason.nothing_to_reopen, test=test_id, committee=committee
        )
    return snapshot, status, cleared


def reopen_committee(
    session: Session,
    test_id: str,
    committee: str,
    actor: Roles,
    reason: str,
    *,
    actor_slack_user: str | None = None,
) -> ApprovalOutcome:
    """A consultant reopens a committee: its own approvals, agreed grades, final approvals
    and final mark are cleared; the graders are told why (and by whom: `actor_slack_user`,
    the consultant's Slack user), and prompted afresh. The audit and the reopening record
    keep what was cleared."""
    test = lock_test(session, test_id)
    checked = _reopen_checks(session, test, test_id, committee, actor, reason)
    if isinstance(checked, ApprovalOutcome):
        return checked
    assert test is not None  # the checks refuse an unknown test
    snapshot, status, cleared = checked
    reason = " ".join(reason.split())
    outdated = _prompts_outdated_by_reopening(session, snapshot, status)
    for table in (OwnGradingApproval, AgreedGrade, FinalApprovalVote, CommitteeFinal):
        session.exec(
            delete(table).where(col(table.test_id) == test_id, col(table.committee) == committee)
        )
    if snapshot.is_complaint(committee):
        hold.reopen_held(session, test_id, committee)
    summary = "; ".join(cleared)
    session.add(
        CommitteeReopening(
            test_id=test_id,
            committee=committee,
            reopened_by=actor.email or "",
            reason=reason,
            cleared=summary,
        )
    )
    audit.record(
        session,
        actor.email or "",
        "committee_reopened",
        test_id=test_id,
        subject=f"committee {committee}",
        old=summary,
        new=reason,
    )
    session.flush()
    outcome = ApprovalOutcome(changed=True)
    outcome.update_prompts(outdated)
    by = person(session, test_id, actor.email, slack_user_id=actor_slack_user, consultant=True)
    outcome.tell(
        status.graders,
        NoticeKind.reopened,
        test_id,
        committee,
        by=by.to_params(),
        reason=reason,
    )
    _handoff().forget_handoff(session, test_id, actor.email or "")
    fresh = ApprovalSnapshot(session, test)
    if fresh.is_shared(committee):
        after = fresh.status(committee)
        if after.phase == Phase.final_approval:
            _prompt_final_approval(session, fresh, after, outcome)
    else:
        for grader in status.graders:
            _prompt_own_approval(session, fresh, grader, outcome)
    return outcome


def _cleared_summary(snapshot: ApprovalSnapshot, status: CommitteeStatus) -> list[str]:
    cleared = []
    if status.own_approved:
        cleared.append("own approvals: " + ", ".join(sorted(status.own_approved)))
    agreed = snapshot.agreed_grades(status.committee)
    if agreed:
        cleared.append(f"agreed grades: {len(agreed)}")
    if status.final_votes:
        cleared.append("final approvals: " + ", ".join(sorted(status.final_votes)))
    if status.final_at is not None:
        cleared.append(f"final since {status.final_at.isoformat(timespec='seconds')}")
    return cleared


def _prompts_outdated_by_reopening(
    session: Session, snapshot: ApprovalSnapshot, status: CommitteeStatus
) -> list[int]:
    test_id = status.test_id
    outdated = _committee_prompts(
        session, status, (PromptKind.own, PromptKind.alignment, PromptKind.final)
    )
    for grader in status.graders:
        outdated += prompt_ids(
            session,
            test_id,
            (PromptKind.own,),
            scope=ALL_SCOPES,
            round_=snapshot.grader_round(grader),
            recipient=grader,
        )
    outdated += prompt_ids(session, test_id, (PromptKind.transfer,), round_=snapshot.test_round())
    return outdated
