"""The FS hand-off checklist (SPEC §3.13), for tests graded in Sensorbot and in Inspera.

When a test is graded its consultants get one checklist message (an `ApprovalPrompt` of kind
`transfer`, posted once and updated in place): 1. run Inspera's *Test overføring til FS*
(for a test graded in Sensorbot: first import the final grades into Inspera, with the export
file); 2. record its result: fine, or the candidates FS refused; 3. confirm the transfer
itself, which sets `Test.transferred_at` and `results_published` and tells the graders what
comes next.

Every step takes the test's approval lock, checks the person pressing against the store
(a consultant of the test, or an admin), is audited, and answers an `ApprovalOutcome`: the
messages to send and the checklists to refresh, or why nothing changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session, col, select

from bot.approvals.outcome import ApprovalOutcome, NoticeKind, RefusalReason
from bot.approvals.people import person
from bot.approvals.prompts import ALL_SCOPES, PromptKind, lock_test, post_or_refresh, prompt_ids
from bot.approvals.state import ApprovalSnapshot
from bot.exams import audit
from bot.exams.lookup import consultant_emails
from bot.exams.people import Roles
from bot.exams.phase import TestState, states_of
from bot.handoff.windows import after_the_result
from models.inserts import insert_for
from models.tables import ApprovalPrompt, Candidate, FsHandoff, GradingIn, Test, table_of
from models.types import utcnow

SYSTEM_ACTOR = "sensorbot"
_HANDOFFS = table_of(FsHandoff)
# Candidate ids as a consultant pastes them from FS: one a line, or separated by commas,
# semicolons or spaces.
_SEPARATORS = re.compile(r"[\s,;]+")


class TrialResult(StrEnum):
    """What Inspera's *Test overføring til FS* said, as the consultant recorded it."""

    fine = "fine"
    refused = "refused"  # FS refused some candidates


def refused_candidates(handoff: FsHandoff) -> tuple[str, ...]:
    return tuple(json.loads(handoff.refused_candidates or "[]"))


# --------------------------------------------------------------------------------------
# Start: the test is graded.


def start_handoff(
    session: Session, test: Test, outcome: ApprovalOutcome, now: datetime | None = None
) -> bool:
    """Start the test's hand-off once: its `FsHandoff` row, and the checklist posted to each
    of its consultants (with the export of the final grades for a test graded in Sensorbot).
    False when it had been started already. Call it with the test's approval lock held,
    once the test is graded."""
    started = session.exec(
        insert_for(session, _HANDOFFS)
        .values(test_id=test.test_id, started_at=now or utcnow(), refused_candidates="[]")
        .on_conflict_do_nothing(index_elements=["test_id"])
        .returning(_HANDOFFS.c.test_id)
    ).all()
    if not started:
        return False
    audit.record(session, SYSTEM_ACTOR, "fs_handoff_started", test_id=test.test_id)
    round_ = ApprovalSnapshot(session, test).test_round()
    export = {"export": test.grading_in != GradingIn.inspera}
    for consultant in consultant_emails(session, test.test_id):
        post_or_refresh(
            session,
            outcome,
            PromptKind.transfer,
            test.test_id,
            ALL_SCOPES,
            consultant,
            round_,
            params=export,
        )
    return True


def start_graded_handoffs(
    session: Session, tests: Sequence[Test], now: datetime, outcome: ApprovalOutcome
) -> list[str]:
    """Start the hand-off of each of `tests` that is graded now and has none yet (their
    states asked in one query); the ids of those started."""
    states = states_of(session, tests, now)
    started = []
    for test in tests:
        if states[test.test_id] != TestState.graded:
            continue
        locked = lock_test(session, test.test_id)
        if locked is not None and start_handoff(session, locked, outcome, now):
            started.append(test.test_id)
    return started


def forget_handoff(session: Session, test_id: str, actor: str) -> None:
    """The test is no longer graded (a committee was reopened): its checklist's recorded
    result no longer holds, and the hand-off starts again when the test is graded again."""
    handoff = session.get(FsHandoff, test_id)
    if handoff is None:
        return
    audit.record(
        session,
        actor,
        "fs_handoff_restarted",
        test_id=test_id,
        old=handoff.trial_result,
    )
    session.delete(handoff)


# --------------------------------------------------------------------------------------
# The checklist's buttons.


def record_trial(
    session: Session,
    prompt_id: int,
    actor: Roles,
    result: TrialResult,
    refused_text: str = "",
) -> ApprovalOutcome:
    """Step 2: the result of Inspera's test transfer. `refused_text` holds the candidates FS
    refused (for `refused`); every one must be a candidate of the test, else nothing is
    stored and the unknown ones are named. Recording again replaces the result."""
    opened = _open_checklist(session, prompt_id, actor)
    if isinstance(opened, ApprovalOutcome):
        return opened
    test, handoff, _ = opened
    refused: tuple[str, ...] = ()
    if result == TrialResult.refused:
        refused = _candidate_ids(refused_text)
        if not refused:
            return ApprovalOutcome.refused(RefusalReason.no_candidates, test=test.test_id)
        unknown = _unknown_candidates(session, test.test_id, refused)
        if unknown:
            return ApprovalOutcome.refused(
                RefusalReason.unknown_candidates, test=test.test_id, candidates=unknown
            )
    old = _trial_summary(handoff.trial_result, refused_candidates(handoff))
    handoff.trial_result = result.value
    handoff.refused_candidates = json.dumps(list(refused))
    handoff.trial_recorded_at = utcnow()
    handoff.trial_recorded_by = actor.email
    session.add(handoff)
    audit.record(
        session,
        actor.email or "",
        "fs_test_transfer",
        test_id=test.test_id,
        old=old,
        new=_trial_summary(result.value, refused),
    )
    outcome = ApprovalOutcome(changed=True)
    outcome.update_prompts(_checklists(session, test.test_id))
    return outcome


def press_transferred(session: Session, prompt_id: int, actor: Roles) -> ApprovalOutcome:
    """Step 3, "Transferred to FS", from a checklist."""
    opened = _open_checklist(session, prompt_id, actor)
    if isinstance(opened, ApprovalOutcome):
        return opened
    test, handoff, _ = opened
    return _transfer(session, test, handoff, actor)


def mark_transferred(session: Session, test_id: str, actor: Roles) -> ApprovalOutcome:
    """A consultant of the test (or an admin) confirms the final grades are in FS: only once
    the test is graded and the result of Inspera's test transfer is recorded."""
    test = lock_test(session, test_id)
    if test is None:
        return ApprovalOutcome.refused(RefusalReason.unknown_test, test=test_id)
    refusal = _may_act(session, test, actor)
    if refusal is not None:
        return refusal
    handoff = session.get(FsHandoff, test_id)
    if handoff is None:
        return _not_graded(session, test)
    return _transfer(session, test, handoff, actor)


def _transfer(session: Session, test: Test, handoff: FsHandoff, actor: Roles) -> ApprovalOutcome:
    if handoff.trial_result is None:
        return ApprovalOutcome.refused(RefusalReason.trial_missing, test=test.test_id)
    now = utcnow()
    test.transferred_at = now
    test.transferred_by = actor.email
    if test.results_published is None:  # an imported announcement wins
        test.results_published = now
    session.add(test)
    audit.record(session, actor.email or "", "transferred_to_fs", test_id=test.test_id, new="FS")
    snapshot = ApprovalSnapshot(session, test)
    windows = after_the_result(test.results_published, oral_or_practical=test.oral_or_practical)
    outcome = ApprovalOutcome(changed=True)
    outcome.tell(snapshot.all_graders(), NoticeKind.transferred, test.test_id, **windows.params())
    outcome.update_prompts(_checklists(session, test.test_id))
    return outcome


# --------------------------------------------------------------------------------------
# What every press checks first.


def _open_checklist(
    session: Session, prompt_id: int, actor: Roles
) -> ApprovalOutcome | tuple[Test, FsHandoff, ApprovalPrompt]:
    """The checklist pressed, under its test's lock: refused when it is no checklist, the
    person may not act on the test, the test is transferred already, or the checklist is
    from before a reopening."""
    prompt = session.get(ApprovalPrompt, prompt_id)
    if prompt is None or prompt.kind != PromptKind.transfer:
        return ApprovalOutcome.refused(RefusalReason.out_of_date, test="")
    test = lock_test(session, prompt.test_id)
    if test is None:
        return ApprovalOutcome.refused(RefusalReason.unknown_test, test=prompt.test_id)
    refusal = _may_act(session, test, actor)
    if refusal is not None:
        return refusal
    handoff = session.get(FsHandoff, test.test_id)
    if handoff is None or prompt.round != ApprovalSnapshot(session, test).test_round():
        return ApprovalOutcome.refused(RefusalReason.out_of_date, test=test.test_id)
    return test, handoff, prompt


def _may_act(session: Session, test: Test, actor: Roles) -> ApprovalOutcome | None:
    if not actor.may_administer(test.test_id):
        return ApprovalOutcome.refused(RefusalReason.not_consultant, test=test.test_id)
    if test.transferred_at is not None:
        return ApprovalOutcome.refused(
            RefusalReason.already_transferred,
            test=test.test_id,
            by=person(session, test.test_id, test.transferred_by, consultant=True),
            at=test.transferred_at,
        )
    return None


def _not_graded(session: Session, test: Test) -> ApprovalOutcome:
    """No hand-off yet: the committees not final yet (none for a test graded in Inspera,
    whose final grades are not confirmed yet)."""
    not_final: tuple[str, ...] = ()
    if test.grading_in != GradingIn.inspera:
        snapshot = ApprovalSnapshot(session, test)
        not_final = tuple(c for c in snapshot.committee_names if c not in snapshot.finals)
    return ApprovalOutcome.refused(
        RefusalReason.not_graded, test=test.test_id, committees=not_final
    )


def _checklists(session: Session, test_id: str) -> list[int]:
    return prompt_ids(session, test_id, (PromptKind.transfer,))


def _candidate_ids(text: str) -> tuple[str, ...]:
    """The ids typed, each once, in the order typed."""
    return tuple(dict.fromkeys(part for part in _SEPARATORS.split(text) if part))


def _unknown_candidates(session: Session, test_id: str, ids: tuple[str, ...]) -> tuple[str, ...]:
    known = set(
        session.exec(
            select(col(Candidate.candidate_id)).where(
                col(Candidate.test_id) == test_id, col(Candidate.candidate_id).in_(ids)
            )
        ).all()
    )
    return tuple(candidate for candidate in ids if candidate not in known)


def _trial_summary(result: str | None, refused: tuple[str, ...]) -> str | None:
    if result == TrialResult.refused:
        return f"refused: {', '.join(refused)}"
    return result
