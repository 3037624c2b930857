MESSAGES = {
    "cli.run.missing": {
        "nb": "sensorbot run kan ikke starte: mangler {names}. Opprett Slack-appen og sett "
        "variablene som beskrevet i README.md, avsnittet «Create the Slack app».",
        "en": "sensorbot run cannot start: missing {names}. Create the Slack app and set "
        "these variables as described in README.md, section “Create the Slack app”.",
    },
    "cli.db.upgraded": {
        "nb": "Databasen er oppdatert til nyeste versjon.",
        "en": "The store is migrated to the newest version.",
    },
    "cli.import.rejected": {
        "nb": "Rosteren ble ikke importert: {count} feil. Ingenting er lagret. Rett disse og "
        "prøv igjen:",
        "en": "The roster was not imported: {count} problems. Nothing was stored. Fix these "
        "and try again:",
    },
    "cli.template.written": {
        "nb": "Tom roster-arbeidsbok skrevet til {path}.",
        "en": "Empty roster workbook written to {path}.",
    },
}
