from slack_bolt import App


def register(app: App) -> None:
    """Buttons and menus; each capability adds its actions here."""
