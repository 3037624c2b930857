from slack_bolt import App

from bot.ui.approvals import (
    ACTION_AGREE,
    ACTION_APPROVE_FINAL,
    ACTION_APPROVE_OWN,
    ACTION_TRANSFERRED,
)
from handlers.actions import approvals


def register(app: App) -> None:
    """Buttons and menus; each capability adds its actions here."""
    app.action(ACTION_APPROVE_OWN)(approvals.handle_approve_own)
    app.action(ACTION_AGREE)(approvals.handle_agree_grade)
    app.action(ACTION_APPROVE_FINAL)(approvals.handle_approve_final)
    app.action(ACTION_TRANSFERRED)(approvals.handle_transferred)
