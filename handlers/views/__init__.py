from slack_bolt import App


def register(app: App) -> None:
    """Modal submissions; each capability adds its views here."""
