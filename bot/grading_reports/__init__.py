"""Grading reports (SPEC §2.6, §3.7): graders of a test marked in Inspera say "I have
approved my grading in Inspera" per committee; reminders and overdue notices go only to
those who have not; once all have, the consultants are asked once to confirm the final
grades, which makes the test graded. No Slack here: the services answer plain results."""

from bot.grading_reports.confirmation import (
    ConfirmOutcome,
    FinalGradesConfirmation,
    confirm_final_grades,
)
from bot.grading_reports.reports import (
    UNREPORTED,
    CommitteeReport,
    GraderReports,
    ReportRefusal,
    ReportResult,
    grader_committees,
    grader_reports,
    has_unreported,
    report_board,
    report_done,
    reports_of,
    take_back,
    unreported_graders,
)

__all__ = [
    "UNREPORTED",
    "CommitteeReport",
    "ConfirmOutcome",
    "FinalGradesConfirmation",
    "GraderReports",
    "ReportRefusal",
    "ReportResult",
    "confirm_final_grades",
    "grader_committees",
    "grader_reports",
    "has_unreported",
    "report_board",
    "report_done",
    "reports_of",
    "take_back",
    "unreported_graders",
]
