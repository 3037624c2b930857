"""What the scheduler commands print for operators: `sensorbot tick` and `sensorbot status`."""

MESSAGES = {
    "cli.tick.missing": {
        "nb": "sensorbot tick kan ikke sende meldinger: mangler SLACK_BOT_TOKEN. Sett den som "
        "beskrevet i README.md, avsnittet «Create the Slack app».",
        "en": "sensorbot tick cannot send messages: SLACK_BOT_TOKEN is missing. Set it as "
        "described in README.md, section “Create the Slack app”.",
    },
    "cli.status.unknown_test": {
        "nb": "Det finnes ingen prøve med ID {test}. `sensorbot status --all` viser alle prøvene.",
        "en": "There is no test with id {test}. `sensorbot status --all` lists every test.",
    },
    "cli.tick.pass": {
        "nb": "Planleggeren kjørte for {now}.",
        "en": "Scheduler pass for {now}.",
    },
    "cli.tick.enqueued": {
        "nb": {
            "one": "  Lagt i utboksen: {count} melding ({steps})",
            "other": "  Lagt i utboksen: {count} meldinger ({steps})",
        },
        "en": {
            "one": "  Added to the outbox: {count} message ({steps})",
            "other": "  Added to the outbox: {count} messages ({steps})",
        },
    },
    "cli.tick.dispatched": {
        "nb": "  Sendt: {sent}, venter etter 429: {rate_limited}, prøves igjen: {retrying}, "
        "feilet: {failed}, finnes ikke i Slack: {undeliverable}, tatt tilbake fra utløpte "
        "krav: {reclaimed}",
        "en": "  Sent: {sent}, waiting after 429: {rate_limited}, to retry: {retrying}, "
        "failed: {failed}, not in Slack: {undeliverable}, taken back from expired claims: "
        "{reclaimed}",
    },
    "cli.tick.failed_steps": {
        "nb": "  Feilet (se loggen; ingenting av dem er lagret): {steps}",
        "en": "  Failed (see the log; nothing of them was stored): {steps}",
    },
    "cli.status.columns": {
        "nb": "PRØVE|TILSTAND|SENSURFRIST|HINDRE|UTBOKS venter/sendt/feilet",
        "en": "TEST|STATE|GRADING DEADLINE|BLOCKERS|OUTBOX pending/sent/failed",
    },
    "cli.status.no_tests": {
        "nb": "Ingen prøver med sensurfrist etter {since}. Bruk --all for å se alle.",
        "en": "No tests with a grading deadline after {since}. Use --all to see all.",
    },
    "cli.status.test": {
        "nb": "Prøve {test} ({course}){title}\n  Tilstand: {state}\n  Innleveringsfrist: "
        "{submission}\n  Sensurfrist: {grading}\n  Åpnet for vurdering: {opened}",
        "en": "Test {test} ({course}){title}\n  State: {state}\n  Submission deadline: "
        "{submission}\n  Grading deadline: {grading}\n  Opened for marking: {opened}",
    },
    "cli.status.not_opened": {"nb": "nei", "en": "no"},
    "cli.status.blockers": {"nb": "  Hindrer åpning:", "en": "  Keeps it from opening:"},
    "cli.status.no_blockers": {
        "nb": "  Ingenting hindrer åpning.",
        "en": "  Nothing keeps it from opening.",
    },
    "cli.status.notices": {"nb": "  Verdt å se på:", "en": "  Worth a look:"},
    "cli.status.complaint_blockers": {
        "nb": "  Dette holder klagesensuren tilbake:",
        "en": "  This holds up the complaint grading:",
    },
    "cli.status.outbox": {
        "nb": "Utboks: {pending} venter, {sending} under sending, {sent} sendt, {failed} "
        "feilet, {undeliverable} finnes ikke i Slack",
        "en": "Outbox: {pending} pending, {sending} being sent, {sent} sent, {failed} failed, "
        "{undeliverable} not in Slack",
    },
    "cli.status.problems": {
        "nb": "Meldinger som feilet eller venter på nytt forsøk (nyeste først):",
        "en": "Messages that failed or wait for another attempt (newest first):",
    },
    "cli.status.problem": {
        "nb": "  {message} [{status}, {attempts} forsøk, neste {next}]: {error}",
        "en": "  {message} [{status}, {attempts} attempts, next {next}]: {error}",
    },
}
