import pytest
from pydantic import ValidationError

from bot.settings import Settings


def make(**values):
    return Settings(_env_file=None, **values)


def test_defaults_match_the_contract(monkeypatch):
    for name in ("DATABASE_URL", "PORT", "SENSORBOT_TIMEZONE", "SLACK_API_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = make()
    assert settings.database_url == "sqlite:///sensorbot.db"
    assert settings.port == 3000
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.timezone == "Europe/Oslo"
    assert settings.default_language == "nb"
    assert settings.reminder_day_list == [7, 2, 1]
    assert settings.tick_seconds == 60
    assert settings.scheduler_enabled
    assert settings.escalation_hours == 24
    assert settings.deadline_rule.complaint_working_days == 15


def test_complaint_working_days_follow_the_grading_working_days_unless_set():
    assert make(SENSORBOT_GRADING_WORKING_DAYS=10).deadline_rule.complaint_working_days == 10
    rule = make(SENSORBOT_GRADING_WORKING_DAYS=10, SENSORBOT_COMPLAINT_WORKING_DAYS=5).deadline_rule
    assert (rule.working_days, rule.complaint_working_days) == (10, 5)


def test_environment_is_read(monkeypatch):
    monkeypatch.setenv("SENSORBOT_REMINDER_DAYS", "1, 3")
    monkeypatch.setenv("SENSORBOT_ADMIN_EMAILS", "A@ntnu.no; b@ntnu.no")
    monkeypatch.setenv("SENSORBOT_SCHEDULER", "off")
    settings = make()
    assert settings.reminder_day_list == [3, 1]
    assert settings.admin_email_list == ["a@ntnu.no", "b@ntnu.no"]
    assert not settings.scheduler_enabled


def test_dotenv_file_is_read(tmp_path, monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    env = tmp_path / ".env"
    env.write_text("PORT=4567\nSENSORBOT_DEFAULT_LANGUAGE=en\n")
    settings = Settings(_env_file=str(env))
    assert settings.port == 4567
    assert settings.default_language == "en"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SENSORBOT_DEFAULT_LANGUAGE", "de"),
        ("SENSORBOT_SCHEDULER", "maybe"),
        ("SENSORBOT_TIMEZONE", "Mars/Olympus"),
        ("SENSORBOT_REMINDER_DAYS", "7,two"),
        ("SENSORBOT_COMPLAINT_WORKING_DAYS", "0"),
    ],
)
def test_bad_values_are_refused(name, value):
    with pytest.raises(ValidationError):
        make(**{name: value})


def test_missing_for_run(monkeypatch):
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    assert make().missing_for_run() == ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]
    assert make(SLACK_BOT_TOKEN="x", SLACK_APP_TOKEN="xapp").missing_for_run() == []
