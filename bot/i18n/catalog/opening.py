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
        "nb": {
            "=0": "{test} er registrert som åpnet for vurdering. Prøven har ingen sensorer "
            "ennå, så ingen får beskjed.",
            "one": "{test} er registrert som åpnet for vurdering. Sensoren får beskjed i løpet "
            "av et par minutter.",
            "other": "{test} er registrert som åpnet for vurdering. De {grader_count} "
            "sensorene får beskjed i løpet av et par minutter.",
        },
        "en": {
            "=0": "{test} is recorded as open for marking. It has no graders yet, so nobody "
            "is told.",
            "one": "{test} is recorded as open for marking. Its grader is told within a couple "
            "of minutes.",
            "other": "{test} is recorded as open for marking. Its {grader_count} graders are "
            "told within a couple of minutes.",
        },
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
        "nb": {
            "one": "Sensor som ikke står i noen kommisjon: {count}",
            "other": "Sensorer som ikke står i noen kommisjon: {count}",
        },
        "en": {
            "one": "Grader in no committee: {count}",
            "other": "Graders in no committee: {count}",
        },
    },
    "blocker.candidates_without_committee": {
        "nb": {
            "one": "Innlevert kandidat uten kommisjon: {count}",
            "other": "Innleverte kandidater uten kommisjon: {count}",
        },
        "en": {
            "one": "Submitted candidate in no committee: {count}",
            "other": "Submitted candidates in no committee: {count}",
        },
    },
    "blocker.candidates_without_grader": {
        "nb": {
            "one": "Innlevert kandidat i {committees} uten sensor: {count}",
            "other": "Innleverte kandidater i {committees} uten sensor: {count}",
        },
        "en": {
            "one": "Submitted candidate in {committees} without a grader: {count}",
            "other": "Submitted candidates in {committees} without a grader: {count}",
        },
    },
    "blocker.candidates_open_for_redelivery": {
        "nb": {
            "one": "Kandidat som fortsatt kan levere på nytt: {count}",
            "other": "Kandidater som fortsatt kan levere på nytt: {count}",
        },
        "en": {
            "one": "Candidate still open for redelivery: {count}",
            "other": "Candidates still open for redelivery: {count}",
        },
    },
    "readiness_notice.candidates_not_submitted": {
        "nb": {
            "one": "Kandidat som ikke leverte: {count}",
            "other": "Kandidater som ikke leverte: {count}",
        },
        "en": {
            "one": "Candidate who did not submit: {count}",
            "other": "Candidates who did not submit: {count}",
        },
    },
    "readiness_notice.graders_in_empty_committees": {
        "nb": {
            "one": "Sensor i {committees} uten kandidater: {count}",
            "other": "Sensorer i {committees} uten kandidater: {count}",
        },
        "en": {
            "one": "Grader in {committees} without candidates: {count}",
            "other": "Graders in {committees} without candidates: {count}",
        },
    },
    # How many committees a finding is about, inside the lines above.
    "finding.committees": {
        "nb": {"one": "en kommisjon", "other": "{committee_count} kommisjoner"},
        "en": {"one": "a committee", "other": "{committee_count} committees"},
    },
    # The graders or candidate numbers a finding names, after its line.
    "finding.named": {
        "nb": "({names})",
        "en": "({names})",
    },
    "finding.more": {
        "nb": {"one": "{count} til", "other": "{count} til"},
        "en": {"one": "{count} more", "other": "{count} more"},
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
