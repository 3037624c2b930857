"""Choosing the language Sensorbot writes in (`/sensur språk|language`)."""

MESSAGES = {
    # Written in the language it switches to, so a reader finds their own.
    "language.switch": {"nb": "På norsk", "en": "In English"},
}
