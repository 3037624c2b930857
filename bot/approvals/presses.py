"""Buttons and choices on approval prompts. A button carries only its prompt's id; who may
press it, and whether it still applies, is decided here from the store."""

from __future__ import annotations

from sqlmodel import Session

from bot.approvals.outcome import ApprovalOutcome, RefusalReason
from bot.approvals.prompts import ALL_SCOPES, PromptKind
from bot.approvals.workflow import approve_final, approve_own, set_agreed_grades
from models.tables import ApprovalPrompt


def _prompt(session: Session, prompt_id: int, kind: PromptKind) -> ApprovalPrompt | None:
    prompt = session.get(ApprovalPrompt, prompt_id)
    return prompt if prompt is not None and prompt.kind == kind else None


def press_own_approval(
    session: Session, prompt_id: int, grader_email: str | None
) -> ApprovalOutcome:
    """ "Approve your grading": only the grader it was sent to approves with it."""
    prompt = _prompt(session, prompt_id, PromptKind.own)
    if prompt is None:
        return ApprovalOutcome.refused(RefusalReason.out_of_date, test="")
    if grader_email != prompt.recipient_email:
        return ApprovalOutcome.refused(RefusalReason.not_for_you, test=prompt.test_id)
    return approve_own(
        session,
        prompt.test_id,
        grader_email,
        None if prompt.scope == ALL_SCOPES else prompt.scope,
        expected_round=prompt.round,
    )


def press_final_approval(
    session: Session, prompt_id: int, grader_email: str | None
) -> ApprovalOutcome:
    """ "Approve the final grades": any grader of the committee, for themselves."""
    prompt = _prompt(session, prompt_id, PromptKind.final)
    if prompt is None:
        return ApprovalOutcome.refused(RefusalReason.out_of_date, test="")
    if grader_email is None:
        return ApprovalOutcome.refused(
            RefusalReason.not_member, test=prompt.test_id, committee=prompt.scope
        )
    return approve_final(
        session, prompt.test_id, prompt.scope, grader_email, expected_round=prompt.round
    )


def choose_agreed_grade(
    session: Session, prompt_id: int, grader_email: str | None, candidate: str, grade: str
) -> ApprovalOutcome:
    """A grade chosen for one candidate on an alignment prompt."""
    prompt = _prompt(session, prompt_id, PromptKind.alignment)
    if prompt is None:
        return ApprovalOutcome.refused(RefusalReason.out_of_date, test="")
    if grader_email is None:
        return ApprovalOutcome.refused(
            RefusalReason.not_member, test=prompt.test_id, committee=prompt.scope
        )
    return set_agreed_grades(
        session,
        prompt.test_id,
        prompt.scope,
        grader_email,
        {candidate: grade},
        expected_round=prompt.round,
    )
