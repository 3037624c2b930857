"""The hand-off to FS (SPEC §3.13): the consultants' checklist, its modal and reminder, and
what the graders are told once the grades are transferred."""

MESSAGES = {
    # -- the checklist -------------------------------------------------------------------
    "handoff.title": {"nb": "Overføring til FS", "en": "Transfer to FS"},
    "handoff.intro.inspera": {
        "nb": "*{test}*: de endelige karakterene er bekreftet i Inspera. Da gjenstår "
        "overføringen til FS.",
        "en": "*{test}*: the final grades are confirmed in Inspera. What is left is the "
        "transfer to FS.",
    },
    "handoff.intro.sensorbot": {
        "nb": "*{test}*: alle kommisjonene har godkjent felles sensur ({grades}: {counts}). "
        "Den endelige sensuren er lagret i Sensorbot, ikke i Inspera ennå.",
        "en": "*{test}*: every committee has approved its final grades ({grades}: {counts}). "
        "The final grades are stored in Sensorbot, not in Inspera yet.",
    },
    "handoff.out_of_date": {
        "nb": "En kommisjon ble gjenåpnet etter denne meldingen. Du får en ny sjekkliste når "
        "alle kommisjonene er endelige igjen.",
        "en": "A committee was reopened after this message. You'll get a new checklist when "
        "every committee is final again.",
    },
    "handoff.step1.inspera": {
        "nb": "*1.* Kjør *Test overføring til FS* i Inspera først.",
        "en": "*1.* Run Inspera's *Test overføring til FS* (test transfer to FS) first.",
    },
    "handoff.step1.sensorbot": {
        "nb": "*1.* Importer de endelige karakterene i Inspera (fila over), og kjør så "
        "*Test overføring til FS* i Inspera.",
        "en": "*1.* Import the final grades into Inspera (the file above), then run Inspera's "
        "*Test overføring til FS* (test transfer to FS).",
    },
    "handoff.step2.ask": {
        "nb": "*2.* Hva sa testoverføringen?",
        "en": "*2.* What did the test transfer say?",
    },
    "handoff.step2.fine": {
        "nb": "*2.* ✅ Testoverføringen gikk fint ({recorded}).",
        "en": "*2.* ✅ The test transfer was fine ({recorded}).",
    },
    "handoff.step2.refused": {
        "nb": {
            "one": "*2.* ⚠️ FS avviste 1 kandidat: {candidates} ({recorded}).",
            "other": "*2.* ⚠️ FS avviste {count} kandidater: {candidates} ({recorded}).",
        },
        "en": {
            "one": "*2.* ⚠️ FS refused 1 candidate: {candidates} ({recorded}).",
            "other": "*2.* ⚠️ FS refused {count} candidates: {candidates} ({recorded}).",
        },
    },
    "handoff.step2.refused_advice": {
        "nb": "Rett opp det FS avviste, kjør testoverføringen på nytt og registrer det nye "
        "resultatet.",
        "en": "Fix what FS refused, run the test transfer again and record the new result.",
    },
    "handoff.recorded": {
        "nb": "registrert av {by} {when}",
        "en": "recorded by {by} {when}",
    },
    "handoff.recorded_by": {"nb": "registrert av {by}", "en": "recorded by {by}"},
    "handoff.button.fine": {
        "nb": "Testoverføringen gikk fint",
        "en": "The test transfer was fine",
    },
    "handoff.button.refused": {
        "nb": "FS avviste noen kandidater",
        "en": "FS refused some candidates",
    },
    "handoff.step3.waiting": {
        "nb": "*3.* Overført til FS: kan bekreftes når trinn 2 er registrert.",
        "en": "*3.* Transferred to FS: can be confirmed once step 2 is recorded.",
    },
    "handoff.step3.ask": {
        "nb": "*3.* Overfør sensuren til FS i Inspera, og bekreft her når den er overført.",
        "en": "*3.* Transfer the grades to FS in Inspera, and confirm here once they are in FS.",
    },
    "handoff.step3.done": {
        "nb": "*3.* ✅ Overført til FS av {by} {when}. Sensorene har fått beskjed.",
        "en": "*3.* ✅ Transferred to FS by {by} {when}. The graders have been told.",
    },
    "handoff.button.transferred": {"nb": "Overført til FS", "en": "Transferred to FS"},
    "handoff.confirm.title": {"nb": "Overført til FS?", "en": "Transferred to FS?"},
    "handoff.confirm.text": {
        "nb": {
            "=0": "{test} blir registrert som overført til FS. Det kan ikke angres: trykk bare "
            "når overføringen er gjort.",
            "one": "Sensoren på {test} får beskjed om at sensuren er overført til FS. Det kan "
            "ikke angres: trykk bare når overføringen er gjort.",
            "=2": "Begge sensorene på {test} får beskjed om at sensuren er overført til FS. Det "
            "kan ikke angres: trykk bare når overføringen er gjort.",
            "other": "Alle {count} sensorene på {test} får beskjed om at sensuren er overført "
            "til FS. Det kan ikke angres: trykk bare når overføringen er gjort.",
        },
        "en": {
            "=0": "{test} is recorded as transferred to FS. This cannot be undone: press only "
            "when the transfer is done.",
            "one": "The grader of {test} is told that the grades are in FS. This cannot be "
            "undone: press only when the transfer is done.",
            "=2": "Both graders of {test} are told that the grades are in FS. This cannot be "
            "undone: press only when the transfer is done.",
            "other": "All {count} graders of {test} are told that the grades are in FS. This "
            "cannot be undone: press only when the transfer is done.",
        },
    },
    "handoff.confirm.yes": {"nb": "Ja, overført", "en": "Yes, transferred"},
    # -- the candidates FS refused -------------------------------------------------------
    "handoff.modal.title": {"nb": "Avviste kandidater", "en": "Refused candidates"},
    "handoff.modal.submit": {"nb": "Registrer", "en": "Record"},
    "handoff.modal.close": {"nb": "Avbryt", "en": "Cancel"},
    "handoff.modal.hint": {
        "nb": "Hvilke kandidater på {test} avviste FS i testoverføringen?",
        "en": "Which candidates of {test} did FS refuse in the test transfer?",
    },
    "handoff.modal.label": {
        "nb": "Kandidatnumre, ett per linje eller skilt med komma",
        "en": "Candidate numbers, one per line or separated by commas",
    },
    # -- to the graders: transferred -----------------------------------------------------
    "handoff.transferred.plain": {
        "nb": "Sensuren for {test} er overført til FS, og resultatet er på vei til studentene.",
        "en": "The grades for {test} are transferred to FS, and the results are on their way "
        "to the students.",
    },
    "handoff.transferred.intro": {
        "nb": "Sensuren for {test} er overført til FS, og resultatet er på vei til studentene "
        "(kunngjort {when}). Takk for innsatsen! Dette kan komme nå:",
        "en": "The grades for {test} are transferred to FS, and the results are on their way "
        "to the students (announced {when}). Thank you for your work! What may come next:",
    },
    "handoff.transferred.explanation": {
        "nb": "En student kan be om begrunnelse innen {by}. Begrunnelsen skal da gis innen to "
        "uker etter at studenten ba om den.",
        "en": "A student may ask for an explanation until {by}. It must then be given within "
        "two weeks of asking.",
    },
    "handoff.transferred.explanation_at_once": {
        "nb": "En student må be om begrunnelse med én gang (muntlig eller praktisk prøve). "
        "Begrunnelsen skal da gis innen to uker etter at studenten ba om den.",
        "en": "A student must ask for an explanation at once (an oral or practical exam). It "
        "must then be given within two weeks of asking.",
    },
    "handoff.transferred.complaint": {
        "nb": "En student kan klage innen {by}, eller innen tre uker etter at begrunnelsen er "
        "gitt når studenten ba om en.",
        "en": "A student may file a complaint until {by}, or within three weeks of the "
        "explanation when they asked for one.",
    },
    "handoff.transferred.no_complaint": {
        "nb": "En muntlig eller praktisk prestasjon kan ikke påklages.",
        "en": "An oral or practical performance cannot be appealed.",
    },
    "handoff.transferred.notes": {
        "nb": "Ta vare på notatene dine: de private notatene i Inspera er til god hjelp når du "
        "skal skrive en begrunnelse.",
        "en": "Keep your notes: your private notes in Inspera help when you write an explanation.",
    },
    # -- to the consultants: not transferred yet -----------------------------------------
    "handoff.reminder.header": {
        "nb": "Ikke overført til FS ennå: {test}",
        "en": "Not transferred to FS yet: {test}",
    },
    "handoff.reminder.intro": {
        "nb": "*{test}*{title} har vært ferdig sensurert siden {since}, men er ikke registrert "
        "som overført til FS.",
        "en": "*{test}*{title} has been graded since {since}, but is not recorded as "
        "transferred to FS.",
    },
    "handoff.reminder.trial": {
        "nb": "Kjør *Test overføring til FS* i Inspera og registrer resultatet i sjekklisten.",
        "en": "Run Inspera's *Test overføring til FS* and record its result in the checklist.",
    },
    "handoff.reminder.import_and_trial": {
        "nb": "Importer de endelige karakterene i Inspera, kjør *Test overføring til FS* og "
        "registrer resultatet i sjekklisten.",
        "en": "Import the final grades into Inspera, run *Test overføring til FS* and record "
        "its result in the checklist.",
    },
    "handoff.reminder.confirm": {
        "nb": "Resultatet av testoverføringen er registrert. Trykk *Overført til FS* i "
        "sjekklisten når sensuren er overført.",
        "en": "The test transfer's result is recorded. Press *Transferred to FS* in the "
        "checklist once the grades are in FS.",
    },
    "handoff.reminder.every_day": {
        "nb": "Du får denne påminnelsen hver virkedag kl. 09.00 til prøven er overført.",
        "en": "You'll get this reminder every working day at 09:00 until the test is transferred.",
    },
    "handoff.reminder.fallback": {
        "nb": "{test} er ikke overført til FS ennå.",
        "en": "{test} is not transferred to FS yet.",
    },
}
