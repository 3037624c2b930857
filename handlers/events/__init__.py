from slack_bolt import App

from handlers.events import files, home, messages


def register(app: App) -> None:
    app.event("app_home_opened")(home.handle_app_home_opened)
    app.event("message")(messages.handle_message)
    app.event("file_shared")(files.handle_file_shared)
