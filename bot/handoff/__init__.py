"""The hand-off to FS (SPEC §3.13): a checklist, not a button, for tests graded in
Sensorbot and in Inspera alike. No Slack here: each step answers an `ApprovalOutcome`
(the approvals' prompt machinery posts and updates the checklist); handlers render and
send it.

Entry points for other capabilities:
- a test became graded (approvals, a consultant's confirmation, Inspera's webhook) →
  `start_handoff` under the test's approval lock (the scheduler's `start_fs_handoffs`
  catches any test graded without it);
- a committee reopened → `forget_handoff`.
"""

from bot.handoff.checklist import (
    TrialResult,
    forget_handoff,
    mark_transferred,
    press_transferred,
    record_trial,
    start_graded_handoffs,
    start_handoff,
)
from bot.handoff.view import ChecklistState, ChecklistView, checklist_to_press, checklist_view

__all__ = [
    "ChecklistState",
    "ChecklistView",
    "TrialResult",
    "checklist_to_press",
    "checklist_view",
    "forget_handoff",
    "mark_transferred",
    "press_transferred",
    "record_trial",
    "start_graded_handoffs",
    "start_handoff",
]
