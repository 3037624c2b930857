MESSAGES = {
    "cli.run.missing": {
        "nb": "sensorbot run kan ikke starte: mangler {names}. Opprett Slack-appen og sett "
        "variablene som beskrevet i README.md, avsnittet «Create the Slack app».",
        "en": "sensorbot run cannot start: missing {names}. Create the Slack app and set "
        "these variables as described in README.md, section “Create the Slack app”.",
    },
    "cli.run.token_refused": {
        "nb": "sensorbot run kan ikke starte: Slack godtar ikke SLACK_BOT_TOKEN ({error}). Kopier "
        "«Bot User OAuth Token» (xoxb-…) fra appens side OAuth & Permissions, som beskrevet i "
        "README.md, avsnittet «Create the Slack app».",
        "en": "sensorbot run cannot start: Slack does not accept SLACK_BOT_TOKEN ({error}). Copy "
        "the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page, as described "
        "in README.md, section “Create the Slack app”.",
    },
    "cli.run.slack_unreachable": {
        "nb": "sensorbot run kan ikke starte: fikk ikke svar fra Slack på {url} (ventet opptil "
        "{seconds} sekunder: {detail}). Sjekk nettverket, eventuell proxy og SLACK_API_URL.",
        "en": "sensorbot run cannot start: no answer from Slack at {url} (waited up to "
        "{seconds} seconds: {detail}). Check the network, any proxy, and SLACK_API_URL.",
    },
    "cli.run.slack_error": {
        "nb": "sensorbot run kan ikke starte: Slack på {url} svarte {detail} på auth.test. Sjekk "
        "SLACK_API_URL, eller prøv igjen om litt hvis Slack har problemer.",
        "en": "sensorbot run cannot start: Slack at {url} answered auth.test with {detail}. "
        "Check SLACK_API_URL, or try again shortly if Slack is having trouble.",
    },
    "cli.store.postgres_unreachable": {
        "nb": "sensorbot når ikke PostgreSQL på {host}:{port} (database {database}): {detail}. "
        "Sjekk at serveren kjører og tar imot tilkoblinger der, og at DATABASE_URL har riktig "
        "vert, port, bruker og database.",
        "en": "sensorbot cannot reach PostgreSQL at {host}:{port} (database {database}): "
        "{detail}. Check that the server is running and accepts connections there, and that "
        "DATABASE_URL names the right host, port, user and database.",
    },
    "cli.store.sqlite_unreachable": {
        "nb": "sensorbot får ikke åpnet SQLite-databasen {path}: {detail}. Sjekk at mappen finnes "
        "og at sensorbot har skrivetilgang der, eller sett DATABASE_URL.",
        "en": "sensorbot cannot open the SQLite store {path}: {detail}. Check that the folder "
        "exists and that sensorbot may write there, or set DATABASE_URL.",
    },
    "cli.store.unsupported_scheme": {
        "nb": "DATABASE_URL begynner med {scheme}://, men Sensorbot bruker bare SQLite og "
        "PostgreSQL: skriv for eksempel sqlite:///sensorbot.db eller "
        "postgresql://bruker@vert:5432/sensorbot.",
        "en": "DATABASE_URL starts with {scheme}://, but Sensorbot runs only on SQLite and "
        "PostgreSQL: write, for example, sqlite:///sensorbot.db or "
        "postgresql://user@host:5432/sensorbot.",
    },
    "cli.store.not_a_url": {
        "nb": "DATABASE_URL er ingen databaseadresse: skriv for eksempel sqlite:///sensorbot.db "
        "eller postgresql://bruker@vert:5432/sensorbot.",
        "en": "DATABASE_URL is not a database URL: write, for example, sqlite:///sensorbot.db "
        "or postgresql://user@host:5432/sensorbot.",
    },
    "cli.db.upgraded": {
        "nb": "Databasen er oppdatert til nyeste versjon.",
        "en": "The store is migrated to the newest version.",
    },
    "cli.import.rejected": {
        "nb": {
            "one": "Arbeidsboken ble ikke importert: én feil. Ingenting er lagret. Rett den og "
            "prøv igjen:",
            "other": "Arbeidsboken ble ikke importert: {count} feil. Ingenting er lagret. Rett "
            "disse og prøv igjen:",
        },
        "en": {
            "one": "The workbook was not imported: one problem. Nothing was stored. Fix it and "
            "try again:",
            "other": "The workbook was not imported: {count} problems. Nothing was stored. Fix "
            "these and try again:",
        },
    },
    "cli.template.written": {
        "nb": "Tom roster-arbeidsbok skrevet til {path}.",
        "en": "Empty roster workbook written to {path}.",
    },
}
