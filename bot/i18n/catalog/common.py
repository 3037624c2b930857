MESSAGES = {
    "error.generic": {
        "nb": "Beklager, noe gikk galt hos Sensorbot. Prøv igjen om litt; "
        "vedvarer feilen, kontakt {exam_office}.",
        "en": "Sorry, something went wrong in Sensorbot. Please try again shortly; "
        "if it keeps happening, contact {exam_office}.",
    },
    "busy.try_again": {
        "nb": "Sensorbot har mye å gjøre akkurat nå og rakk ikke å ta dette. "
        "Prøv igjen om et øyeblikk.",
        "en": "Sensorbot is very busy right now and could not take this on. "
        "Please try again in a moment.",
    },
    "command.unknown": {
        "nb": "Jeg kjenner ikke kommandoen `{word}`. Dette kan jeg:",
        "en": "I don't know the command `{word}`. This is what I can do:",
    },
    "command.consultant_only": {
        "nb": "`/sensur {word}` er for studiekonsulenter. Jeg finner deg ikke som "
        "studiekonsulent for noen prøve.",
        "en": "`/sensur {word}` is for study consultants. I can't find you as the "
        "consultant of any test.",
    },
    "dm.text_reply": {
        "nb": "Hei! Send meg et karakterark (.xlsx eller .csv) her, eller skriv "
        "`/sensur hjelp` for å se hva jeg kan.",
        "en": "Hi! Send me a grade sheet (.xlsx or .csv) here, or type `/sensur help` "
        "to see what I can do.",
    },
    "button.unreadable": {
        "nb": "Jeg skjønte ikke den knappen; den kan være fra en eldre melding. "
        "Skriv `/sensur hjelp` for å se hva du kan gjøre nå.",
        "en": "I couldn't read that button; it may be from an older message. "
        "Type `/sensur help` to see what you can do now.",
    },
}
