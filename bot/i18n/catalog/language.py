"""Choosing the language Sensorbot writes in (`/sensur språk|language`)."""

MESSAGES = {
    # Written in the language it switches to, so a reader finds their own.
    "language.switch": {"nb": "På norsk", "en": "In English"},
    "language.command": {"nb": "språk", "en": "language"},
    "language.chosen": {
        "nb": "Greit! Fra nå av skriver jeg til deg på norsk. Vil du ha engelsk igjen, "
        "skriv {command} en.",
        "en": "Done. From now on I'll write to you in English. To switch back to Norwegian, "
        "type {command} nb.",
    },
    "language.already": {
        "nb": "Jeg skriver allerede til deg på norsk. Vil du ha engelsk, skriv {command} en.",
        "en": "I already write to you in English. For Norwegian, type {command} nb.",
    },
    "language.current": {
        "nb": "Jeg skriver til deg på norsk. Vil du heller ha engelsk, skriv {command} "
        "eller trykk på knappen.",
        "en": "I write to you in English. If you prefer Norwegian, type {command} or press "
        "the button.",
    },
    "language.unknown": {
        "nb": "Jeg kjenner ikke språket {word}. Jeg kan skrive på norsk (`nb`) og engelsk (`en`).",
        "en": "I don't know the language {word}. I can write in Norwegian (`nb`) and English "
        "(`en`).",
    },
}
