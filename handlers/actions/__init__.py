import re

from slack_bolt import App

from bot.ui import gradesheets as ui
from bot.ui.approvals import (
    ACTION_AGREE,
    ACTION_APPROVE_FINAL,
    ACTION_APPROVE_OWN,
    ACTION_FINAL_LIST,
    ACTION_REOPEN,
    ACTION_SHOW_FINAL,
)
from bot.ui.complaints import ACTION_CONFIRM_HELD
from bot.ui.diagnosis import ESCALATE_ACTION
from bot.ui.escalations import ACKNOWLEDGE_ACTION, RESOLVE_ACTION
from bot.ui.explanations import ACTION_GIVEN as EXPLANATION_GIVEN_ACTION
from bot.ui.grading_reports import ACTION_CONFIRM_FINAL, ACTION_REPORT_DONE, ACTION_TAKE_BACK
from bot.ui.handoff import ACTION_TRANSFERRED, ACTION_TRIAL_FINE, ACTION_TRIAL_REFUSED
from bot.ui.home import HOME_HELP_ACTION, HOME_OPEN_ACTION, HOME_TEMPLATE_ACTION
from bot.ui.language import ACTION_ID as LANGUAGE_ACTION
from bot.ui.outgoing import INSPERA_ACTION, STATUS_ACTION, TEMPLATE_ACTION, WHY_ACTION
from handlers.actions import (
    approvals,
    complaints,
    escalations,
    explanations,
    gradesheets,
    grading_reports,
    handoff,
    home,
    language,
    notices,
)


def register(app: App) -> None:
    """Buttons and menus; each capability adds its actions here."""
    # Before the prompt's own listener, which answers where a DM prompt was pressed.
    app.action(ACTION_APPROVE_OWN, matchers=[home.from_home])(home.handle_home_approve_own)
    app.action(ESCALATE_ACTION)(escalations.handle_escalation_send)
    app.action(ACKNOWLEDGE_ACTION)(escalations.handle_escalation_acknowledge)
    app.action(RESOLVE_ACTION)(escalations.handle_escalation_resolve)
    app.action(ACTION_APPROVE_OWN)(approvals.handle_approve_own)
    app.action(ACTION_AGREE)(approvals.handle_agree_grade)
    app.action(ACTION_APPROVE_FINAL)(approvals.handle_approve_final)
    app.action(ACTION_FINAL_LIST)(approvals.handle_final_list)
    app.action(ACTION_REOPEN)(approvals.handle_reopen)
    app.action(ACTION_SHOW_FINAL)(approvals.handle_show_final)
    app.action(ui.APPLY)(gradesheets.handle_apply)
    app.action(ui.APPLY_SUGGESTED)(gradesheets.handle_apply_suggested)
    app.action(ui.CANCEL)(gradesheets.handle_cancel)
    app.action(ui.UNDO)(gradesheets.handle_undo)
    app.action(ui.RESET)(gradesheets.handle_reset_open)
    app.action(re.compile(rf"^{ui.CHOOSE_TEST}:\d+$"))(gradesheets.handle_choose_test)
    app.action(TEMPLATE_ACTION)(notices.handle_template)
    app.action(WHY_ACTION)(notices.handle_why)
    app.action(LANGUAGE_ACTION)(language.handle_language_switch)
    app.action(STATUS_ACTION)(notices.handle_status)
    app.action(INSPERA_ACTION)(notices.handle_inspera_link)
    app.action(HOME_OPEN_ACTION)(home.handle_home_open)
    app.action(HOME_TEMPLATE_ACTION)(home.handle_home_template)
    app.action(HOME_HELP_ACTION)(home.handle_home_help)
    app.action(EXPLANATION_GIVEN_ACTION)(explanations.handle_explanation_given)
    app.action(ACTION_REPORT_DONE)(grading_reports.handle_report_done)
    app.action(ACTION_TAKE_BACK)(grading_reports.handle_take_back)
    app.action(ACTION_CONFIRM_FINAL)(grading_reports.handle_confirm_final)
    app.action(ACTION_CONFIRM_HELD)(complaints.handle_confirm_held)
    app.action(ACTION_TRIAL_FINE)(handoff.handle_trial_fine)
    app.action(ACTION_TRIAL_REFUSED)(handoff.handle_trial_refused)
    app.action(ACTION_TRANSFERRED)(handoff.handle_transferred)
