"""How dates and times are joined into words (`bot.i18n.dates`)."""

MESSAGES = {
    "date.at_time": {"nb": "{day} kl. {time}", "en": "{day} at {time}"},
    "date.end_of_day": {"nb": "{day} (innen kl. {time})", "en": "{day} (by {time})"},
    "date.today": {"nb": "i dag", "en": "today"},
    "date.tomorrow": {"nb": "i morgen", "en": "tomorrow"},
    "date.yesterday": {"nb": "i går", "en": "yesterday"},
    "date.in_days": {
        "nb": {"one": "om {day_count} dag", "other": "om {day_count} dager"},
        "en": {"one": "in {day_count} day", "other": "in {day_count} days"},
    },
    "date.days_ago": {
        "nb": {"one": "for {day_count} dag siden", "other": "for {day_count} dager siden"},
        "en": {"one": "{day_count} day ago", "other": "{day_count} days ago"},
    },
}
