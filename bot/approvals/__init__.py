"""Approvals (SPEC §2.3, §3.6, §4): own grading, aligning differing grades, final approval
by one or all, and reopening; the FS hand-off that follows is `bot.handoff`. No Slack here:
each step answers an `ApprovalOutcome` saying who must be told what; handlers render and send it.

Entry points for other capabilities:
- a grade sheet applied → `after_grades_changed` (then deliver its outcome);
- a sheet of agreed grades → `set_agreed_grades(..., source="sheet")`;
- may this upload change these grades → `locked_committees`;
- reminders and overdue escalation → `unfinished_graders`, `committee_statuses`;
- the export → `final_grades` (the workbook: `bot.gradesheets.export`);
- anything showing grades → `visible_grades`; a grader's working grades → `working_grades`.
"""

from bot.approvals.outcome import (
    ApprovalNotice,
    ApprovalOutcome,
    NoticeKind,
    Refusal,
    RefusalReason,
)
from bot.approvals.presses import (
    choose_agreed_grade,
    press_final_approval,
    press_own_approval,
)
from bot.approvals.privacy import VisibleGrades, visible_grades, working_grades
from bot.approvals.progress import (
    ApprovalState,
    CommitteeGrading,
    LockReason,
    approval_state,
    committee_statuses,
    final_grades,
    graded_test_ids,
    grading_status,
    is_unfinished,
    locked_committees,
    unfinished_graders,
)
from bot.approvals.prompts import PromptKind, posted_prompt, record_prompt_message
from bot.approvals.state import CommitteeStatus, Phase, grade_options
from bot.approvals.views import (
    ApprovalOverview,
    PromptState,
    approval_overview,
    final_prompt_for,
    prompt_view,
)
from bot.approvals.workflow import (
    after_grades_changed,
    approve_final,
    approve_own,
    plan_reopening,
    reopen_committee,
    set_agreed_grades,
)

__all__ = [
    "ApprovalOverview",
    "ApprovalState",
    "CommitteeGrading",
    "CommitteeStatus",
    "LockReason",
    "ApprovalNotice",
    "NoticeKind",
    "ApprovalOutcome",
    "Phase",
    "PromptKind",
    "PromptState",
    "Refusal",
    "RefusalReason",
    "VisibleGrades",
    "after_grades_changed",
    "approval_overview",
    "approval_state",
    "approve_final",
    "approve_own",
    "choose_agreed_grade",
    "committee_statuses",
    "final_grades",
    "final_prompt_for",
    "grade_options",
    "graded_test_ids",
    "grading_status",
    "is_unfinished",
    "locked_committees",
    "plan_reopening",
    "posted_prompt",
    "press_final_approval",
    "press_own_approval",
    "prompt_view",
    "record_prompt_message",
    "reopen_committee",
    "set_agreed_grades",
    "unfinished_graders",
    "visible_grades",
    "working_grades",
]
