from slack_bolt import App

from bot.ui.diagnosis import ESCALATE_ACTION
from bot.ui.escalations import ACKNOWLEDGE_ACTION, RESOLVE_ACTION
from handlers.actions import escalations


def register(app: App) -> None:
    """Buttons and menus; each capability adds its actions here."""
    app.action(ESCALATE_ACTION)(escalations.handle_escalation_send)
    app.action(ACKNOWLEDGE_ACTION)(escalations.handle_escalation_acknowledge)
    app.action(RESOLVE_ACTION)(escalations.handle_escalation_resolve)
