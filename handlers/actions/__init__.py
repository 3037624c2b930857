from slack_bolt import App

from bot.ui.notifications import TEMPLATE_ACTION, WHY_ACTION
from handlers.actions import notices


def register(app: App) -> None:
    """Buttons and menus; each capability adds its actions here."""
    app.action(TEMPLATE_ACTION)(notices.handle_template)
    app.action(WHY_ACTION)(notices.handle_why)
