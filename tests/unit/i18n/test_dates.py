from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.i18n.dates import date_text, datetime_text, day_text, deadline_text, relative_text
from bot.ui import kit

OSLO = ZoneInfo("Europe/Oslo")


@pytest.mark.parametrize(
    ("when", "nb", "en"),
    [
        # the next local day
        (datetime(2026, 12, 10, 23, 30, tzinfo=UTC), "fredag 11. desember 2026 kl. 00.30",
         "Friday 11 December 2026 at 00:30"),
        # summer time
        (datetime(2026, 6, 10, 23, 30, tzinfo=UTC), "torsdag 11. juni 2026 kl. 01.30",
         "Thursday 11 June 2026 at 01:30"),
        # the last minute before the change to summer time, and the first after it
        (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), "søndag 29. mars 2026 kl. 01.59",
         "Sunday 29 March 2026 at 01:59"),
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "søndag 29. mars 2026 kl. 03.00",
         "Sunday 29 March 2026 at 03:00"),
    ],
)  # fmt: skip
def test_a_time_is_words_of_the_reader_on_the_clock_of_their_zone(when, nb, en):
    if when.year == datetime.now(OSLO).year:
        nb, en = nb.replace(" 2026", ""), en.replace(" 2026", "")
    assert datetime_text("nb", when, OSLO) == nb
    assert datetime_text("en", when, OSLO) == en


def test_the_year_is_written_only_when_it_is_not_this_year():
    assert day_text("nb", date(2027, 1, 8), today=date(2026, 12, 1)) == "fredag 8. januar 2027"
    assert day_text("nb", date(2027, 1, 8), today=date(2027, 1, 2)) == "fredag 8. januar"
    assert day_text("en", date(2027, 1, 8), today=date(2027, 1, 2)) == "Friday 8 January"


def test_a_deadline_that_ends_with_the_day_is_a_date_with_its_last_minute():
    end = datetime(2027, 1, 7, 23, 59, tzinfo=OSLO)
    day_nb, day_en = date_text("nb", end, OSLO), date_text("en", end, OSLO)
    assert deadline_text("nb", end, OSLO) == f"{day_nb} (innen kl. 23.59)"
    assert deadline_text("en", end, OSLO) == f"{day_en} (by 23:59)"
    afternoon = datetime(2027, 1, 7, 15, 0, tzinfo=OSLO)
    assert deadline_text("nb", afternoon, OSLO) == f"{day_nb} kl. 15.00"


def test_no_norwegian_date_carries_slacks_english_words():
    when = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)
    text = kit.date("nb", when, OSLO)
    assert "<!date" not in text
    for english in ("today", "tomorrow", "PM", "AM", "December", "Wednesday"):
        assert english not in text


@pytest.mark.parametrize(
    ("days", "nb", "en"),
    [
        (0, "i dag", "today"),
        (1, "i morgen", "tomorrow"),
        (-1, "i går", "yesterday"),
        (2, "om 2 dager", "in 2 days"),
        (12, "om 12 dager", "in 12 days"),
        (-3, "for 3 dager siden", "3 days ago"),
    ],
)
def test_relative_days_are_counted_on_the_local_calendar(days, nb, en):
    now = datetime(2026, 12, 1, 23, 30, tzinfo=OSLO)  # late: a UTC count would be off by one
    when = (
        datetime(2026, 12, 1 + days, 0, 15, tzinfo=OSLO)
        if days >= 0
        else datetime(2026, 11, 30 + days + 1, 0, 15, tzinfo=OSLO)
    )
    assert relative_text("nb", when, now, OSLO) == nb
    assert relative_text("en", when, now, OSLO) == en


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        datetime_text("nb", datetime(2026, 12, 10, 8, 0), OSLO)
