import re

from slack_bolt import App

from bot.ui import gradesheets as ui
from handlers.actions import gradesheets


def register(app: App) -> None:
    """Buttons and menus; each capability adds its actions here."""
    app.action(ui.APPLY)(gradesheets.handle_apply)
    app.action(ui.APPLY_SUGGESTED)(gradesheets.handle_apply_suggested)
    app.action(ui.CANCEL)(gradesheets.handle_cancel)
    app.action(ui.UNDO)(gradesheets.handle_undo)
    app.action(ui.RESET)(gradesheets.handle_reset_open)
    app.action(re.compile(rf"^{ui.CHOOSE_TEST}:\d+$"))(gradesheets.handle_choose_test)
