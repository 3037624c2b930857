MESSAGES = {
    "status.title": {"nb": "Dine prøver", "en": "Your tests"},
}
