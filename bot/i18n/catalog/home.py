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
        "nb": {
            "one": "… og én prøve til – skriv `/sensur status` for å se alle",
            "other": "… og {count} prøver til – skriv `/sensur status` for å se alle",
        },
        "en": {
            "one": "… and one more test – type `/sensur status` to see them all",
            "other": "… and {count} more tests – type `/sensur status` to see them all",
        },
    },
    "home.more_committees": {
        "nb": {
            "one": "… og én kommisjon til – skriv `/sensur status {test}`",
            "other": "… og {count} kommisjoner til – skriv `/sensur status {test}`",
        },
        "en": {
            "one": "… and one more committee – type `/sensur status {test}`",
            "other": "… and {count} more committees – type `/sensur status {test}`",
        },
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
    "home.phase.aligning": {
        "nb": "kommisjonen blir enige om ulike karakterer",
        "en": "the committee agrees on differing grades",
    },
    "home.phase.final_approval": {
        "nb": "venter på godkjenning av felles sensur",
        "en": "waiting for the final grades to be approved",
    },
    "home.phase.final": {"nb": "sensuren er endelig", "en": "grades are final"},
    "home.own_progress": {
        "plural": "submitted_count",
        "nb": {
            "one": "Kommisjon {committee}: du har satt karakter på {graded_count} av "
            "{submitted_count} kandidat som har levert",
            "other": "Kommisjon {committee}: du har satt karakter på {graded_count} av "
            "{submitted_count} kandidater som har levert",
            "=0": "Kommisjon {committee}: ingen kandidater har levert ennå",
        },
        "en": {
            "one": "Committee {committee}: you have graded {graded_count} of "
            "{submitted_count} candidate who submitted",
            "other": "Committee {committee}: you have graded {graded_count} of "
            "{submitted_count} candidates who submitted",
            "=0": "Committee {committee}: no candidate has submitted yet",
        },
    },
    "home.own_approved": {
        "nb": "du har godkjent egen sensur",
        "en": "you have approved your grading",
    },
    "home.no_committee": {
        "nb": "Du er ikke fordelt på en kommisjon ennå.",
        "en": "You are not in a committee yet.",
    },
    "home.committee_phase": {
        "nb": "Kommisjon {committee}: {phase}",
        "en": "Committee {committee}: {phase}",
    },
    "home.turn.you": {"nb": "*venter på deg*", "en": "*waiting for you*"},
    "home.turn.you_and_others": {
        "nb": "*venter på deg* og {others}",
        "en": "*waiting for you* and {others}",
    },
    "home.turn.others": {"nb": "venter på {others}", "en": "waiting for {others}"},
    "home.turn.unnamed": {
        "nb": {
            "one": "én sensor uten navn i oppsettet",
            "other": "{count} sensorer uten navn i oppsettet",
        },
        "en": {
            "one": "one grader with no name in the setup",
            "other": "{count} graders with no name in the setup",
        },
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
        "nb": {
            "one": "Én henvendelse fra en sensor er ikke løst ennå",
            "other": "{count} henvendelser fra sensorer er ikke løst ennå",
        },
        "en": {
            "one": "One escalation from a grader is not resolved yet",
            "other": "{count} escalations from graders are not resolved yet",
        },
    },
    # -- needs your action ------------------------------------------------------------------
    "home.actions.title": {"nb": "Venter på deg", "en": "Waiting for you"},
    "home.actions.none": {
        "nb": "Ingen av prøvene dine venter på noe fra deg nå.",
        "en": "None of your tests is waiting for anything from you now.",
    },
    "home.actions.more": {
        "nb": {"one": "… og én ting til nedenfor", "other": "… og {count} ting til nedenfor"},
        "en": {"one": "… and one more thing below", "other": "… and {count} more things below"},
    },
    "home.action.heading": {
        "nb": "{test} · sensurfrist {deadline}",
        "en": "{test} · grading deadline {deadline}",
    },
    "home.action.committee": {"nb": "Kommisjon {committee}", "en": "Committee {committee}"},
    "home.action.committees": {
        "nb": "Kommisjon {committees}",
        "en": "Committees {committees}",
    },
    "home.action.grade": {
        "nb": {
            "one": "{committees}: én kandidat mangler karakter fra deg. Send meg karakterarket "
            "ditt i en direktemelding.",
            "other": "{committees}: {count} kandidater mangler karakter fra deg. Send meg "
            "karakterarket ditt i en direktemelding.",
        },
        "en": {
            "one": "{committees}: one candidate still needs a grade from you. Send me your "
            "grade sheet in a direct message.",
            "other": "{committees}: {count} candidates still need a grade from you. Send me "
            "your grade sheet in a direct message.",
        },
    },
    "home.action.grade_shared": {
        "nb": {
            "one": "{committees}: én kandidat mangler karakter fra kommisjonen (delt "
            "vurdering). Send meg karakterarket i en direktemelding.",
            "other": "{committees}: {count} kandidater mangler karakter fra kommisjonen "
            "(delt vurdering). Send meg karakterarket i en direktemelding.",
        },
        "en": {
            "one": "{committees}: one candidate still needs a grade from the committee "
            "(shared marking). Send me the grade sheet in a direct message.",
            "other": "{committees}: {count} candidates still need a grade from the committee "
            "(shared marking). Send me the grade sheet in a direct message.",
        },
    },
    "home.action.approve_own": {
        "nb": "{committees}: alle kandidatene har karakter fra deg – godkjenn egen sensur.",
        "en": "{committees}: every candidate has a grade from you – approve your grading.",
    },
    "home.action.approve_own_in_dm": {
        "nb": "{committees}: alle kandidatene har karakter fra deg – godkjenn egen sensur "
        "med `/sensur godkjenn {test}`.",
        "en": "{committees}: every candidate has a grade from you – approve your grading "
        "with `/sensur approve {test}`.",
    },
    "home.action.agree": {
        "nb": "{committees}: dere har gitt ulike karakterer – bli enige om dem i meldingen "
        "jeg sendte dere.",
        "en": "{committees}: you gave differing grades – agree on them in the message I sent you.",
    },
    "home.action.approve_final": {
        "nb": "{committees}: godkjenn felles sensur i meldingen jeg sendte deg. Der ser du "
        "karakteren hver kandidat får.",
        "en": "{committees}: approve the final grades in the message I sent you. It shows "
        "the grade each candidate gets.",
    },
    "home.action.open_test": {
        "nb": "Innleveringsfristen er ute og ingenting hindrer åpning – åpne prøven for "
        "vurdering, så får sensorene beskjed.",
        "en": "The submission deadline has passed and nothing stops it – open the test "
        "for marking and the graders are told.",
    },
    "home.action.fix_setup": {
        "nb": {
            "one": "Innleveringsfristen er ute, men én ting i oppsettet hindrer åpning (se under).",
            "other": "Innleveringsfristen er ute, men {count} ting i oppsettet hindrer "
            "åpning (se under).",
        },
        "en": {
            "one": "The submission deadline has passed, but one thing in the setup keeps "
            "it closed (see below).",
            "other": "The submission deadline has passed, but {count} things in the setup "
            "keep it closed (see below).",
        },
    },
    "home.action.escalations": {
        "nb": {
            "one": "Én sensor har bedt om hjelp – se henvendelsen i meldingene fra meg.",
            "other": "{count} henvendelser fra sensorer venter – se dem i meldingene fra meg.",
        },
        "en": {
            "one": "A grader has asked for help – see the escalation in my messages.",
            "other": "{count} escalations from graders are waiting – see them in my messages.",
        },
    },
    "home.action.transfer": {
        "nb": "Sensuren er endelig i alle kommisjoner – overfør karakterene til FS og "
        "bekreft det i meldingen jeg sendte deg.",
        "en": "Every committee's grades are final – transfer them to FS and confirm it in "
        "the message I sent you.",
    },
    "home.button.template": {"nb": "Last ned karakterark", "en": "Download grade sheet"},
    "home.button.approve_own": {"nb": "Godkjenn egen sensur", "en": "Approve your grading"},
    "home.button.open": {"nb": "Åpne for vurdering", "en": "Open for marking"},
    "home.open.confirm.title": {"nb": "Åpne prøven?", "en": "Open the test?"},
    "home.open.confirm.text": {
        "nb": "{test} åpnes for vurdering nå, og hver sensor får beskjed i en direktemelding.",
        "en": "{test} opens for marking now, and every grader is told in a direct message.",
    },
    "home.open.confirm.yes": {"nb": "Åpne", "en": "Open"},
    "home.open.confirm.no": {"nb": "Avbryt", "en": "Cancel"},
    # -- what an action from the Home tab did (shown at the top of the tab) -------------------
    "home.done.opened": {
        "nb": {
            "one": ":white_check_mark: {test} er åpnet for vurdering. Én sensor får beskjed.",
            "other": ":white_check_mark: {test} er åpnet for vurdering. {count} sensorer får "
            "beskjed.",
            "=0": ":white_check_mark: {test} er åpnet for vurdering.",
        },
        "en": {
            "one": ":white_check_mark: {test} is open for marking. One grader is told.",
            "other": ":white_check_mark: {test} is open for marking. {count} graders are told.",
            "=0": ":white_check_mark: {test} is open for marking.",
        },
    },
    "home.done.already_open": {
        "nb": "{test} ble åpnet for vurdering {when}.",
        "en": "{test} was opened for marking {when}.",
    },
    "home.done.not_yours": {
        "nb": "Du er ikke studiekonsulent for {test}, så du kan ikke åpne den.",
        "en": "You are not a study consultant of {test}, so you cannot open it.",
    },
    # -- the short help at the bottom ---------------------------------------------------------
    "home.help.grade_sheet": {
        "nb": "Send meg karakterarket ditt (.xlsx eller .csv) i en direktemelding – jeg "
        "sjekker det før noe lagres.",
        "en": "Send me your grade sheet (.xlsx or .csv) in a direct message – I check it "
        "before anything is stored.",
    },
    "home.help.why": {
        "nb": "Ser du ikke besvarelsene i Inspera? Skriv `/sensur hvorfor`.",
        "en": "Can't see the submissions in Inspera? Type `/sensur why`.",
    },
    "home.help.status": {
        "nb": "`/sensur status` viser alle prøvene dine.",
        "en": "`/sensur status` shows all your tests.",
    },
    "home.help.open": {
        "nb": "`/sensur åpne PRØVE` åpner en prøve for vurdering.",
        "en": "`/sensur open TEST` opens a test for marking.",
    },
    "home.help.export": {
        "nb": "`/sensur eksport PRØVE` gir deg de endelige karakterene som Inspera-fil.",
        "en": "`/sensur export TEST` gives you the final grades as an Inspera file.",
    },
    "home.button.help": {"nb": "Hjelp", "en": "Help"},
}
