"""Dates and times as words of the reader's language, in the reader's time zone.

Slack's own date formatting (`<!date^…>`) is rendered by the client in the client's language;
Slack has no Norwegian interface, so a Norwegian sentence would carry "tomorrow 3:00 PM".
Dates are therefore written here, with Babel's CLDR data: "fredag 8. januar kl. 15.00",
"Friday 8 January at 15:00". The year is added when it is not the current one.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time

from bot.i18n import t

_DAY = {"nb": "EEEE d. MMMM", "en": "EEEE d MMMM"}
_DAY_WITH_YEAR = {"nb": "EEEE d. MMMM y", "en": "EEEE d MMMM y"}
_TIME = {"nb": "HH.mm", "en": "HH:mm"}
END_OF_DAY = time(23, 59)


def _local(when: datetime, tz: ZoneInfo) -> datetime:
    if when.tzinfo is None:
        raise ValueError("when must be timezone-aware")
    return when.astimezone(tz)


def day_text(lang: str, day: date, today: date | None = None) -> str:
    """ "fredag 8. januar" / "Friday 8 January" (with the year when it is not this year's)."""
    lang = lang if lang in _DAY else "nb"
    this_year = (today or date.today()).year
    pattern = _DAY[lang] if day.year == this_year else _DAY_WITH_YEAR[lang]
    return _babel_date(day, pattern, locale=lang)


def time_text(lang: str, when: datetime, tz: ZoneInfo) -> str:
    """ "15.00" / "15:00"."""
    lang = lang if lang in _TIME else "nb"
    return _babel_time(_local(when, tz).time(), _TIME[lang], locale=lang)


def date_text(lang: str, when: datetime, tz: ZoneInfo) -> str:
    """The day of `when` in `tz`: "fredag 8. januar"."""
    local = _local(when, tz)
    return day_text(lang, local.date(), datetime.now(tz).date())


def datetime_text(lang: str, when: datetime, tz: ZoneInfo) -> str:
    """ "fredag 8. januar kl. 15.00" / "Friday 8 January at 15:00"."""
    return t(lang, "date.at_time", day=date_text(lang, when, tz), time=time_text(lang, when, tz))


def deadline_text(lang: str, when: datetime, tz: ZoneInfo) -> str:
    """A deadline as a date: "fredag 8. januar (innen kl. 23.59)" when it ends with the day,
    else with its time, "fredag 8. januar kl. 15.00"."""
    local = _local(when, tz)
    if local.time().replace(second=0, microsecond=0) == END_OF_DAY:
        return t(
            lang, "date.end_of_day", day=date_text(lang, when, tz), time=time_text(lang, when, tz)
        )
    return datetime_text(lang, when, tz)


def relative_text(lang: str, when: datetime, now: datetime, tz: ZoneInfo) -> str:
    """How far away `when` is, counted in calendar days in `tz`: "i dag", "i morgen",
    "om 12 dager", "i går", "for 3 dager siden"."""
    days = (_local(when, tz).date() - _local(now, tz).date()).days
    if days == 0:
        return t(lang, "date.today")
    if days == 1:
        return t(lang, "date.tomorrow")
    if days == -1:
        return t(lang, "date.yesterday")
    if days > 0:
        return t(lang, "date.in_days", day_count=days)
    return t(lang, "date.days_ago", day_count=-days)
