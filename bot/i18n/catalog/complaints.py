"""Complaint grading ("klagesensur"): what the consultants are told when a complaint grade
is two or more grades from the original (both grades: consultants are entitled), the
button that makes it final, and the complaint export. Complaint graders never get these."""

MESSAGES = {
    # -- to the consultants: a complaint grade to assess again -------------------------
    "complaints.held.text": {
        "nb": "*Klagesensur på {course}, kandidat {candidate}:* klagekommisjonen har satt "
        "*{new}*. Den opprinnelige karakteren var *{old}*. Det er to karakterer eller mer fra "
        "den opprinnelige, så saken skal vurderes på nytt før karakteren blir endelig "
        "(uhl. § 11-11).",
        "en": "*Complaint grading in {course}, candidate {candidate}:* the complaint committee "
        "gave *{new}*. The original grade was *{old}*. That is two or more grades from the "
        "original, so the case must be assessed again before the grade is final (§ 11-11 of "
        "the Universities and University Colleges Act).",
    },
    "complaints.held.no_original": {
        "nb": "*Klagesensur på {course}, kandidat {candidate}:* klagekommisjonen har satt "
        "*{new}*. Den opprinnelige karakteren er ikke lagret i Sensorbot, så sammenlign med "
        "den selv: er det to karakterer eller mer, skal saken vurderes på nytt før karakteren "
        "blir endelig (uhl. § 11-11).",
        "en": "*Complaint grading in {course}, candidate {candidate}:* the complaint committee "
        "gave *{new}*. The original grade is not stored in Sensorbot, so compare it yourself: "
        "if they are two or more grades apart, the case must be assessed again before the "
        "grade is final (§ 11-11 of the Universities and University Colleges Act).",
    },
    "complaints.held.where": {
        "nb": "Karakteren er lagret i Sensorbot, ikke i Inspera. Når den er endelig, legger "
        "du den inn i Inspera med klageeksporten (`/sensur eksport {test} klage`).",
        "en": "The grade is stored in Sensorbot, not in Inspera. Once it is final, you import "
        "it in Inspera with the complaint export (`/sensur export {test} complaints`).",
    },
    "complaints.held.button": {
        "nb": "Vurdert på nytt — gjør karakteren endelig",
        "en": "Assessed again — make the grade final",
    },
    "complaints.held.confirm_title": {
        "nb": "Gjøre karakteren endelig?",
        "en": "Make the grade final?",
    },
    "complaints.held.confirm_text": {
        "nb": "Kandidat {candidate} får *{new}* som endelig karakter etter klagen. Det kan "
        "ikke angres her.",
        "en": "Candidate {candidate} gets *{new}* as the final grade after the complaint. "
        "This cannot be undone here.",
    },
    "complaints.held.confirm_yes": {"nb": "Ja, gjør den endelig", "en": "Yes, make it final"},
    "complaints.held.confirm_no": {"nb": "Avbryt", "en": "Cancel"},
    "complaints.held.made_final": {
        "nb": "{by} gjorde *{grade}* til endelig karakter {when}.",
        "en": "{by} made *{grade}* the final grade {when}.",
    },
    "complaints.held.reopened": {
        "nb": "Klagekommisjonen er åpnet igjen, så karakteren venter ikke på deg nå.",
        "en": "The complaint committee was reopened, so the grade is not waiting for you now.",
    },
    # -- the press refused -------------------------------------------------------------
    "complaints.confirm.unknown": {
        "nb": "Jeg finner ikke denne klagen lenger.",
        "en": "I can no longer find this complaint.",
    },
    "complaints.confirm.not_consultant": {
        "nb": "Bare studiekonsulentene for prøven kan gjøre en klagekarakter endelig.",
        "en": "Only the test's study consultants can make a complaint grade final.",
    },
    "complaints.confirm.already_final": {
        "nb": "Karakteren er endelig allerede.",
        "en": "The grade is final already.",
    },
    "complaints.confirm.not_held": {
        "nb": "Denne klagen venter ikke på ny vurdering nå: klagekommisjonen er åpnet igjen.",
        "en": "This complaint is not waiting to be assessed again now: the complaint "
        "committee was reopened.",
    },
    # -- the complaint export ------------------------------------------------------------
    "complaints.export.none_final": {
        "nb": "Ingen klage på {test} har endelig karakter ennå, så det er ingen klageeksport "
        "å lage.",
        "en": "No complaint on {test} has a final grade yet, so there is no complaint export "
        "to make.",
    },
    "complaints.export.sent": {
        "nb": {
            "one": "Endelig karakter etter klage for 1 kandidat på {test}, i Insperas format: "
            "importer filen i Inspera.",
            "other": "Endelige karakterer etter klage for {count} kandidater på {test}, i "
            "Insperas format: importer filen i Inspera.",
        },
        "en": {
            "one": "The final grade after complaint for 1 candidate on {test}, in Inspera's "
            "format: import the file in Inspera.",
            "other": "The final grades after complaint for {count} candidates on {test}, in "
            "Inspera's format: import the file in Inspera.",
        },
    },
    "complaints.export.sent_ephemeral": {
        "nb": "Klageeksporten for {test} ligger i meldingene dine med meg.",
        "en": "The complaint export for {test} is in your messages with me.",
    },
    "complaints.export.all_final": {
        "nb": {
            "one": "Klagen på {test} har endelig karakter. Her er den i Insperas format, "
            "klar til import i Inspera; den vanlige eksporten er uendret.",
            "=2": "Begge klagene på {test} har endelig karakter. Her er de i Insperas format, "
            "klare til import i Inspera; den vanlige eksporten er uendret.",
            "other": "Alle de {count} klagene på {test} har endelig karakter. Her er de i "
            "Insperas format, klare til import i Inspera; den vanlige eksporten er uendret.",
        },
        "en": {
            "one": "The complaint on {test} has its final grade. Here it is in Inspera's "
            "format, ready to import in Inspera; the ordinary export is unchanged.",
            "=2": "Both complaints on {test} have their final grades. Here they are in "
            "Inspera's format, ready to import in Inspera; the ordinary export is unchanged.",
            "other": "Every one of the {count} complaints on {test} has its final grade. Here "
            "they are in Inspera's format, ready to import in Inspera; the ordinary export is "
            "unchanged.",
        },
    },
    "complaints.export.written": {
        "nb": {
            "one": "Skrev {path}: endelig karakter etter klage for 1 kandidat.",
            "other": "Skrev {path}: endelige karakterer etter klage for {count} kandidater.",
        },
        "en": {
            "one": "Wrote {path}: the final grade after complaint for 1 candidate.",
            "other": "Wrote {path}: the final grades after complaint for {count} candidates.",
        },
    },
}
