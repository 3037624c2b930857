"""Which test the person means: the refusals of `bot.exams.which`, for every command."""

MESSAGES = {
    "which.unknown": {
        "nb": "Jeg finner ingen prøve med ID eller emnekode `{text}`.",
        "en": "I can't find a test with the id or course code `{text}`.",
    },
    "which.not_yours": {
        "nb": "`{text}` er ikke en av dine prøver her.",
        "en": "`{text}` is not one of your tests here.",
    },
    "which.ambiguous": {
        "nb": "`{text}` passer til flere prøver: {tests}. Skriv prøve-ID-en.",
        "en": "`{text}` matches several tests: {tests}. Type the test id.",
    },
    "which.yours": {
        "nb": "Dine prøver: {tests}",
        "en": "Your tests: {tests}",
    },
}
