from slack_bolt import App

from bot.ui.gradesheets import RESET_VIEW
from bot.ui.handoff import REFUSED_VIEW
from handlers.views import gradesheets, handoff


def register(app: App) -> None:
    """Modal submissions; each capability adds its views here."""
    app.view(RESET_VIEW)(gradesheets.handle_reset_submission)
    app.view(REFUSED_VIEW)(handoff.handle_refused_submission)
