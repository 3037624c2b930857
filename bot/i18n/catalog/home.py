MESSAGES = {
    "home.no_tests": {
        "nb": "Du står ikke som sensor eller studiekonsulent på noen prøve ennå.",
        "en": "You are not listed as a grader or study consultant on any test yet.",
    },
    "home.grader.title": {"nb": "Dine prøver som sensor", "en": "Your tests as a grader"},
    "home.consultant.title": {
        "nb": "Dine prøver som studiekonsulent",
        "en": "Your tests as a study consultant",
    },
    "home.more_tests": {
        "nb": "… og {count} til – bruk `/sensur status`",
        "en": "… and {count} more – use `/sensur status`",
    },
    "home.more_committees": {
        "nb": "… og {count} kommisjoner til – bruk `/sensur status {test}`",
        "en": "… and {count} more committees – use `/sensur status {test}`",
    },
    "home.state_line": {
        "nb": "{state} · Sensurfrist: {deadline}",
        "en": "{state} · Grading deadline: {deadline}",
    },
    "home.state.awaiting_deadline": {
        "nb": "Venter på innleveringsfristen",
        "en": "Waiting for the submission deadline",
    },
    "home.state.awaiting_admin": {
        "nb": "Venter på å bli åpnet for vurdering",
        "en": "Waiting to be opened for marking",
    },
    "home.state.open": {"nb": "Åpen for vurdering", "en": "Open for marking"},
    "home.state.graded": {"nb": "Ferdig sensurert", "en": "Graded"},
    "home.state.transferred": {"nb": "Overført til FS", "en": "Transferred to FS"},
    "home.phase.grading": {"nb": "sensur pågår", "en": "grading"},
    "home.phase.aligning": {"nb": "avklaring av ulike karakterer", "en": "aligning grades"},
    "home.phase.final_approval": {
        "nb": "venter på endelig godkjenning",
        "en": "awaiting final approval",
    },
    "home.phase.final": {"nb": "endelig", "en": "final"},
    "home.own_progress": {
        "nb": "Kommisjon {committee}: du har satt karakter på {graded} av {submitted} "
        "kandidater som har levert",
        "en": "Committee {committee}: you have graded {graded} of {submitted} "
        "candidates who submitted",
    },
    "home.own_approved": {"nb": "du har godkjent", "en": "you have approved"},
    "home.no_committee": {
        "nb": "Du er ikke fordelt på en kommisjon ennå.",
        "en": "You are not in a committee yet.",
    },
    "home.committee_phase": {
        "nb": "Kommisjon {committee}: {phase}",
        "en": "Committee {committee}: {phase}",
    },
    "home.blockers": {
        "nb": "Dette hindrer åpning for vurdering:",
        "en": "This keeps the test from opening for marking:",
    },
    "home.ready": {
        "nb": "Klar til å åpnes for vurdering.",
        "en": "Ready to be opened for marking.",
    },
    "home.escalations": {
        "nb": "Uløste henvendelser fra sensorer: {count}",
        "en": "Unresolved escalations from graders: {count}",
    },
}
