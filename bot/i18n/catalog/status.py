MESSAGES = {
    "status.title": {"nb": "Dine prøver", "en": "Your tests"},
    "status.ambiguous": {
        "nb": "`{text}` passer til flere av prøvene dine: {tests}. Skriv prøve-ID-en.",
        "en": "`{text}` matches several of your tests: {tests}. Type the test id.",
    },
    "status.not_yours": {
        "nb": "Jeg finner ingen av dine prøver med ID eller emnekode `{text}`. "
        "Skriv `/sensur status` for å se alle prøvene dine.",
        "en": "I find none of your tests with the id or course code `{text}`. "
        "Type `/sensur status` to see all your tests.",
    },
}
