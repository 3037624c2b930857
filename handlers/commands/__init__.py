from slack_bolt import App

from handlers.commands import sensur


def register(app: App) -> None:
    app.command("/sensur")(sensur.handle_sensur)
