"""What an approval step answers: who must be told what, which prompts to refresh, or why
nothing changed. Plain values, so a Slack handler (or a scheduler) only renders and sends."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class NoticeKind(StrEnum):
    # Prompts: messages with buttons, kept as ApprovalPrompt rows and updated in place.
    own_prompt = "own_prompt"  # "approve your grading", with a count per grade
    alignment_prompt = "alignment_prompt"  # the differing grades, a choice per candidate
    final_prompt = "final_prompt"  # "approve the final grades"
    transfer_prompt = "transfer_prompt"  # to consultants: the FS hand-off checklist (and export)
    # Plain notices.
    agreed_grades_set = "agreed_grades_set"  # to co-graders: who set which agreed grade
    final_approval_withdrawn = "final_approval_withdrawn"  # grades changed after approving
    committee_final = "committee_final"  # to the other graders: final, and by whom
    reopened = "reopened"  # to the committee's graders: by whom, why, what was cleared
    transferred = "transferred"  # to the test's graders: on its way, and what comes next
    # To consultants, as messages of their own (`bot.complaints.messages`).
    complaint_held = "complaint_held"  # old and new grade, "assessed again" button
    complaints_final = "complaints_final"  # every complaint final: the complaint export


PROMPT_NOTICES = frozenset(
    {
        NoticeKind.own_prompt,
        NoticeKind.alignment_prompt,
        NoticeKind.final_prompt,
        NoticeKind.transfer_prompt,
    }
)


@dataclass(frozen=True)
class ApprovalNotice:
    """One message to one person (a grader's or consultant's e-mail in the store)."""

    recipient: str
    kind: NoticeKind
    test_id: str
    committee: str | None = None
    prompt_id: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


class RefusalReason(StrEnum):
    unknown_test = "unknown_test"
    not_grader = "not_grader"  # not a grader of this test
    not_member = "not_member"  # not a grader of this committee
    not_for_you = "not_for_you"  # someone else's own-approval prompt
    not_consultant = "not_consultant"
    unknown_committee = "unknown_committee"
    committee_required = "committee_required"  # several committees: say which
    shared_marking = "shared_marking"  # no own approval or aligning in shared marking
    incomplete = "incomplete"  # candidates without a grade, by committee
    already_approved = "already_approved"
    already_voted = "already_voted"
    already_final = "already_final"
    wrong_phase = "wrong_phase"  # the committee is not at this step
    out_of_date = "out_of_date"  # a prompt from before a reopening
    invalid_agreed_grades = "invalid_agreed_grades"
    not_graded = "not_graded"
    already_transferred = "already_transferred"
    no_reason = "no_reason"
    nothing_to_reopen = "nothing_to_reopen"
    # The FS hand-off (bot.handoff).
    trial_missing = "trial_missing"  # "transferred" before the test transfer's result
    no_candidates = "no_candidates"  # "FS refused some candidates" naming none
    unknown_candidates = "unknown_candidates"  # candidates the test does not have


@dataclass(frozen=True)
class Refusal:
    reason: RefusalReason
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class ApprovalOutcome:
    """The result of one approval step. `refusal` set means nothing changed."""

    refusal: Refusal | None = None
    changed: bool = False
    notices: list[ApprovalNotice] = field(default_factory=list)
    prompt_updates: list[int] = field(default_factory=list)
    # (test, grader) whose grades this step locked: their grade-sheet confirmations lose
    # Undo and Reset.
    locks: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def refused(cls, reason: RefusalReason, **params: Any) -> ApprovalOutcome:
        return cls(refusal=Refusal(reason, params))

    def update_prompts(self, prompt_ids: list[int]) -> None:
        for prompt_id in prompt_ids:
            if prompt_id not in self.prompt_updates:
                self.prompt_updates.append(prompt_id)

    def tell(
        self,
        recipients: Iterable[str],
        kind: NoticeKind,
        test_id: str,
        committee: str | None = None,
        **params: Any,
    ) -> None:
        """One notice of `kind` to each recipient."""
        for recipient in recipients:
            self.notices.append(ApprovalNotice(recipient, kind, test_id, committee, params=params))

    def lock(self, test_id: str, graders: Iterable[str]) -> None:
        self.locks += [(test_id, g) for g in graders if (test_id, g) not in self.locks]

    def merge(self, other: ApprovalOutcome) -> None:
        self.changed = self.changed or other.changed
        self.notices.extend(other.notices)
        self.update_prompts(other.prompt_updates)
        self.lock_all(other.locks)

    def lock_all(self, locks: Iterable[tuple[str, str]]) -> None:
        for test_id, grader in locks:
            self.lock(test_id, [grader])
