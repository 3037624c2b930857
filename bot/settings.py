"""Settings from the environment and a `.env` file (SPEC §9.2)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.exams.deadlines import (
    GRADING_WORKING_DAYS,
    DeadlineRule,
    WorkingCalendar,
    parse_closed_days,
)

README_SLACK_APP_SECTION = "README.md, section “Create the Slack app”"


@dataclass(frozen=True)
class HelpContacts:
    """Where graders get help (SPEC §2.1): NTNU's by default, configurable."""

    login_name: str
    login_phone: str
    login_email: str
    exam_office: str
    inspera_url: str
    university: str
    activation_url: str = ""  # where an external grader activates the university user


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    slack_bot_token: str | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: str | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field(default="https://slack.com/api/", alias="SLACK_API_URL")
    database_url: str = Field(default="sqlite:///sensorbot.db", alias="DATABASE_URL")
    port: int = Field(default=3000, alias="PORT")
    # Every interface (containers); 127.0.0.1 keeps a laptop's bot to itself.
    host: str = Field(default="0.0.0.0", alias="HOST")
    timezone: str = Field(default="Europe/Oslo", alias="SENSORBOT_TIMEZONE")
    default_language: str = Field(default="nb", alias="SENSORBOT_DEFAULT_LANGUAGE")
    reminder_days: str = Field(default="7,2,1", alias="SENSORBOT_REMINDER_DAYS")
    tick_seconds: int = Field(default=60, alias="SENSORBOT_TICK_SECONDS", ge=1)
    scheduler: str = Field(default="on", alias="SENSORBOT_SCHEDULER")
    escalation_hours: float = Field(default=24, alias="SENSORBOT_ESCALATION_HOURS", gt=0)
    exam_office_emails: str = Field(default="", alias="SENSORBOT_EXAM_OFFICE_EMAILS")
    admin_emails: str = Field(default="", alias="SENSORBOT_ADMIN_EMAILS")

    # Help contacts (SPEC §2.1). NTNU defaults; other universities override them.
    university_name: str = Field(default="NTNU", alias="SENSORBOT_UNIVERSITY_NAME")
    inspera_url: str = Field(default="https://ntnu.inspera.no", alias="SENSORBOT_INSPERA_URL")
    login_help_name: str = Field(default="Orakeltjenesten", alias="SENSORBOT_LOGIN_HELP_NAME")
    login_help_phone: str = Field(default="73 59 15 00", alias="SENSORBOT_LOGIN_HELP_PHONE")
    login_help_email: str = Field(
        default="digitaleksamen@sa.ntnu.no", alias="SENSORBOT_LOGIN_HELP_EMAIL"
    )
    exam_office_name: str = Field(default="Eksamenskontoret", alias="SENSORBOT_EXAM_OFFICE_NAME")
    # NTNU's page for activating the university user (with or without ID-porten).
    activation_url: str = Field(
        default="https://i.ntnu.no/wiki/-/wiki/Norsk/Aktiver+brukerkonto",
        alias="SENSORBOT_ACTIVATION_URL",
    )
    http_threads: int = Field(default=8, alias="SENSORBOT_HTTP_THREADS", ge=1)
    # The listeners' slow part (after the ack): threads, and how many more may wait.
    work_threads: int = Field(default=8, alias="SENSORBOT_WORK_THREADS", ge=1)
    work_queue: int = Field(default=100, alias="SENSORBOT_WORK_QUEUE", ge=0)
    grading_working_days: int = Field(
        default=GRADING_WORKING_DAYS, alias="SENSORBOT_GRADING_WORKING_DAYS", ge=1, le=100
    )
    closed_days: str = Field(default="", alias="SENSORBOT_CLOSED_DAYS")
    # A complaint is graded "without undue delay" (§ 11-11): by the end of this working day
    # after it was received; unset = as many as SENSORBOT_GRADING_WORKING_DAYS.
    complaint_working_days: int | None = Field(
        default=None, alias="SENSORBOT_COMPLAINT_WORKING_DAYS", ge=1, le=100
    )

    # The Inspera connector (SPEC §3.12, §9.5): on when the API URL, client id and key are set.
    inspera_api_url: str | None = Field(default=None, alias="SENSORBOT_INSPERA_API_URL")
    inspera_client_id: str | None = Field(default=None, alias="SENSORBOT_INSPERA_CLIENT_ID")
    inspera_api_key: str | None = Field(default=None, alias="SENSORBOT_INSPERA_API_KEY")
    inspera_webhook_secret: str | None = Field(
        default=None, alias="SENSORBOT_INSPERA_WEBHOOK_SECRET"
    )
    inspera_sync_minutes: int = Field(default=60, alias="SENSORBOT_INSPERA_SYNC_MINUTES", ge=1)

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in ("nb", "en"):
            raise ValueError("SENSORBOT_DEFAULT_LANGUAGE must be nb or en")
        return value

    @field_validator("scheduler")
    @classmethod
    def _on_off(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in ("on", "off"):
            raise ValueError("SENSORBOT_SCHEDULER must be on or off")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("reminder_days")
    @classmethod
    def _days(cls, value: str) -> str:
        parse_int_list(value)
        return value

    @field_validator("closed_days")
    @classmethod
    def _closed_days(cls, value: str) -> str:
        try:
            parse_closed_days(value)
        except ValueError as error:
            raise ValueError(f"SENSORBOT_CLOSED_DAYS: {error}") from None
        return value

    @cached_property
    def calendar(self) -> WorkingCalendar:
        """Working days: not weekends, Norwegian public holidays or SENSORBOT_CLOSED_DAYS."""
        return WorkingCalendar(parse_closed_days(self.closed_days))

    @cached_property
    def deadline_rule(self) -> DeadlineRule:
        """The default grading deadline: SENSORBOT_GRADING_WORKING_DAYS on this calendar; a
        complaint's: SENSORBOT_COMPLAINT_WORKING_DAYS (else as many) on the same calendar."""
        complaint_days = self.complaint_working_days or self.grading_working_days
        return DeadlineRule(self.calendar, self.grading_working_days, complaint_days)

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def help_contacts(self) -> HelpContacts:
        return HelpContacts(
            login_name=self.login_help_name,
            login_phone=self.login_help_phone,
            login_email=self.login_help_email,
            exam_office=self.exam_office_name,
            inspera_url=self.inspera_url,
            university=self.university_name,
            activation_url=self.activation_url,
        )

    @property
    def reminder_day_list(self) -> list[int]:
        return parse_int_list(self.reminder_days)

    @property
    def exam_office_email_list(self) -> list[str]:
        return split_emails(self.exam_office_emails)

    @property
    def admin_email_list(self) -> list[str]:
        return split_emails(self.admin_emails)

    @property
    def scheduler_enabled(self) -> bool:
        return self.scheduler == "on"

    def missing_for_run(self) -> list[str]:
        """Names of the variables `sensorbot run` cannot start without."""
        missing = []
        if not self.slack_bot_token:
            missing.append("SLACK_BOT_TOKEN")
        if not self.slack_signing_secret and not self.slack_app_token:
            missing.append("SLACK_SIGNING_SECRET")
        return missing

    def missing_for_inspera(self) -> list[str]:
        """Names of the variables the Inspera connector cannot read Inspera without."""
        wanted = {
            "SENSORBOT_INSPERA_API_URL": self.inspera_api_url,
            "SENSORBOT_INSPERA_CLIENT_ID": self.inspera_client_id,
            "SENSORBOT_INSPERA_API_KEY": self.inspera_api_key,
        }
        return [name for name, value in wanted.items() if not (value or "").strip()]


def parse_int_list(value: str) -> list[int]:
    days = []
    for part in value.split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise ValueError(f"expected whole numbers separated by commas, got {part!r}")
        days.append(int(part))
    return sorted(set(days), reverse=True)


def split_emails(value: str) -> list[str]:
    parts = value.replace(";", ",").split(",")
    return [p.strip().lower() for p in parts if p.strip()]
