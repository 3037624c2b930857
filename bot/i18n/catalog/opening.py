"""Opening a test for marking (`/sensur open`, `sensorbot open`) and its readiness blockers
and notices as consultants read them."""

MESSAGES = {
    "open.usage": {
        "nb": "Skriv `/sensur åpne PRØVE`, der PRØVE er prøve-ID-en (f.eks. `TDT4100-2026H`) "
        "eller emnekoden.",
        "en": "Type `/sensur open TEST`, where TEST is the test id (e.g. `TDT4100-2026H`) or "
        "the course code.",
    },
    "open.opened": {
        "nb": "{test} er registrert som åpnet for vurdering. Sensorene ({graders}) får "
        "beskjed ved neste kjøring av planleggeren, innen et par minutter.",
        "en": "{test} is recorded as open for marking. Its graders ({graders}) are told on the "
        "scheduler's next pass, within a couple of minutes.",
    },
    "open.already_open": {
        "nb": "{test} ble allerede åpnet for vurdering {when}. Ingenting er endret.",
        "en": "{test} was already opened for marking {when}. Nothing was changed.",
    },
    "open.refused": {
        "nb": "{test} kan ikke åpnes for vurdering ennå. Ingenting er endret. Dette må "
        "ordnes først:",
        "en": "{test} cannot be opened for marking yet. Nothing was changed. This must be "
        "sorted out first:",
    },
    "open.notices": {
        "nb": "Verdt å se på:",
        "en": "Worth a look:",
    },
    "blocker.test_not_ended": {
        "nb": "Innleveringsfristen har ikke gått ut: {deadline}",
        "en": "The submission deadline has not passed: {deadline}",
    },
    "blocker.graders_without_committee": {
        "nb": "Sensorer som ikke står i noen kommisjon: {count}",
        "en": "Graders in no committee: {count}",
    },
    "blocker.candidates_without_committee": {
        "nb": "Kandidater som har levert, men ikke er fordelt på en kommisjon: {count}",
        "en": "Candidates who submitted but are in no committee: {count}",
    },
    "blocker.candidates_without_grader": {
        "nb": "Kommisjoner uten sensor: {committees}, med {count} kandidater som har levert",
        "en": "Committees without a grader: {committees}, with {count} candidates who submitted",
    },
    "blocker.candidates_open_for_redelivery": {
        "nb": "Kandidater som fortsatt kan levere på nytt: {count}",
        "en": "Candidates still open for redelivery: {count}",
    },
    "readiness_notice.candidates_not_submitted": {
        "nb": "Kandidater som ikke leverte: {count}",
        "en": "Candidates who did not submit: {count}",
    },
    "readiness_notice.graders_in_empty_committees": {
        "nb": "Kommisjoner uten kandidater: {committees}, med {count} sensorer",
        "en": "Committees without candidates: {committees}, with {count} graders",
    },
    "cli.open.unknown_test": {
        "nb": "Ingen prøve med ID {test}. Ingenting er endret.",
        "en": "No test with id {test}. Nothing was changed.",
    },
    "cli.now.invalid": {
        "nb": "--now: {value} er ikke et ISO 8601-tidspunkt (f.eks. 2026-12-10T09:00 eller "
        "2026-12-10T08:00:00+00:00).",
        "en": "--now: {value} is not an ISO 8601 time (e.g. 2026-12-10T09:00 or "
        "2026-12-10T08:00:00+00:00).",
    },
}
