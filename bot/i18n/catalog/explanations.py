"""Explanations ("begrunnelse", § 11-8): what the graders of the candidate's committee are
told, the button that records it given, and what the consultants hear."""

MESSAGES = {
    # -- to a grader of the committee ------------------------------------------------------
    "explanation.request.header": {
        "nb": "Begrunnelse for kandidat {candidate}",
        "en": "Explanation for candidate {candidate}",
    },
    "explanation.request.intro": {
        "nb": "Kandidat {candidate} på {test}{title} har bedt om begrunnelse for karakteren. "
        "Fristen for begrunnelsen er *{due}*.",
        "en": "Candidate {candidate} on {test}{title} has asked for an explanation of their "
        "grade. The explanation is due *{due}*.",
    },
    "explanation.request.fallback": {
        "nb": "Kandidat {candidate} på {test} har bedt om begrunnelse, frist {due}",
        "en": "Candidate {candidate} on {test} has asked for an explanation, due {due}",
    },
    "explanation.law": {
        "nb": "Etter universitets- og høyskoleloven § 11-8 skal begrunnelsen gjøre rede for de "
        "generelle prinsippene for bedømmelsen og for bedømmelsen av kandidatens prestasjon.",
        "en": "Under section 11-8 of the Universities and University Colleges Act, the "
        "explanation must set out the general principles behind the assessment and the "
        "assessment of this candidate's performance.",
    },
    "explanation.notes": {
        "nb": "Kommentarene og de private notatene du skrev i sensurverktøyet i Inspera kan "
        "være til hjelp.",
        "en": "The comments and private notes you wrote in Inspera's marking tool can help.",
    },
    "explanation.press_when_given": {
        "nb": "Trykk på knappen når begrunnelsen er gitt, så stopper påminnelsene for hele "
        "kommisjonen.",
        "en": "Press the button once the explanation has been given; the reminders then stop "
        "for the whole committee.",
    },
    "explanation.committee": {
        "nb": "Du får denne fordi du er sensor i kommisjon {committee}.",
        "en": "You get this because you grade committee {committee}.",
    },
    "explanation.reminder": {
        "nb": "Påminnelse: fristen for begrunnelsen til kandidat {candidate} på "
        "{test}{title} er *{due}* ({relative}).",
        "en": "Reminder: the explanation for candidate {candidate} on {test}{title} is due "
        "*{due}* ({relative}).",
    },
    "explanation.reminder.fallback": {
        "nb": "Påminnelse: begrunnelse for kandidat {candidate} på {test}, frist {due}",
        "en": "Reminder: explanation for candidate {candidate} on {test}, due {due}",
    },
    "explanation.overdue": {
        "nb": "Fristen for begrunnelsen til kandidat {candidate} på {test}{title} gikk ut "
        "{due}, og ingen har registrert at den er gitt. Gi begrunnelsen så snart du kan. "
        "Studiekonsulenten har fått beskjed.",
        "en": "The deadline for candidate {candidate}'s explanation on {test}{title} was "
        "{due}, and nobody has recorded it as given. Please give it as soon as you can. "
        "The study consultant has been told.",
    },
    "explanation.overdue.fallback": {
        "nb": "Fristen for begrunnelsen til kandidat {candidate} på {test} har gått ut",
        "en": "The explanation for candidate {candidate} on {test} is overdue",
    },
    "explanation.button.given": {"nb": "Begrunnelse er gitt", "en": "Explanation given"},
    "explanation.confirm.title": {"nb": "Er begrunnelsen gitt?", "en": "Explanation given?"},
    "explanation.confirm.text": {
        "nb": "Registrere at begrunnelsen til kandidat {candidate} er gitt? De andre i "
        "kommisjonen får beskjed.",
        "en": "Record that the explanation for candidate {candidate} has been given? The "
        "others on the committee will be told.",
    },
    "explanation.confirm.yes": {"nb": "Ja, den er gitt", "en": "Yes, it is given"},
    "explanation.confirm.no": {"nb": "Avbryt", "en": "Cancel"},
    "explanation.given_line": {
        "nb": "✅ Begrunnelse gitt av {name} {when}.",
        "en": "✅ Explanation given by {name} on {when}.",
    },
    "explanation.someone": {"nb": "en sensor i kommisjonen", "en": "a grader on the committee"},
    # -- to the other graders ---------------------------------------------------------------
    "explanation.given": {
        "nb": "{name} har registrert at begrunnelsen til kandidat {candidate} på "
        "{test}{title} er gitt ({when}). Du trenger ikke gjøre mer med den.",
        "en": "{name} has recorded that the explanation for candidate {candidate} on "
        "{test}{title} has been given ({when}). There is nothing more for you to do about it.",
    },
    "explanation.given.fallback": {
        "nb": "Begrunnelsen til kandidat {candidate} på {test} er gitt",
        "en": "The explanation for candidate {candidate} on {test} has been given",
    },
    # -- answers to the person who pressed --------------------------------------------------
    "explanation.refused.bad_button": {
        "nb": "Den knappen kjenner jeg ikke igjen, så jeg har ikke registrert noe.",
        "en": "I don't recognise that button, so I have recorded nothing.",
    },
    "explanation.refused.gone": {
        "nb": "Jeg finner ikke denne forespørselen om begrunnelse lenger, så jeg har ikke "
        "registrert noe. Spør studiekonsulenten om du er usikker.",
        "en": "I can no longer find this explanation request, so I have recorded nothing. "
        "Ask the study consultant if you are unsure.",
    },
    "explanation.refused.not_a_grader": {
        "nb": "Bare sensorene i kandidatens kommisjon kan registrere at begrunnelsen er gitt, "
        "så jeg har ikke registrert noe.",
        "en": "Only the graders of the candidate's committee can record that the explanation "
        "has been given, so I have recorded nothing.",
    },
    "explanation.refused.already_given": {
        "nb": "Begrunnelsen til kandidat {candidate} er allerede registrert som gitt, av "
        "{name} {when}.",
        "en": "The explanation for candidate {candidate} is already recorded as given, by "
        "{name} on {when}.",
    },
    # -- to the consultants -----------------------------------------------------------------
    "explanation.late.header": {
        "nb": "Sen forespørsel om begrunnelse",
        "en": "Late explanation request",
    },
    "explanation.late": {
        "nb": "Kandidat {candidate} på {test}{title} ba om begrunnelse {requested}, mer enn "
        "en uke etter at resultatet ble kunngjort {published}.",
        "en": "Candidate {candidate} on {test}{title} asked for an explanation on "
        "{requested}, more than a week after the result was announced on {published}.",
    },
    "explanation.late.unpublished": {
        "nb": "Kandidat {candidate} på {test}{title} ba om begrunnelse {requested}, mer enn "
        "en uke etter at resultatet ble kunngjort.",
        "en": "Candidate {candidate} on {test}{title} asked for an explanation on "
        "{requested}, more than a week after the result was announced.",
    },
    "explanation.late.advice": {
        "nb": "Fristen for å be om begrunnelse er én uke (§ 11-8). Forespørselen er registrert "
        "med frist {due} for sensorene; vurder om den skal besvares.",
        "en": "Students have one week to ask for an explanation (section 11-8). The request "
        "is recorded, with {due} as the graders' deadline; please decide whether it is to "
        "be answered.",
    },
    "explanation.late.fallback": {
        "nb": "Sen forespørsel om begrunnelse: kandidat {candidate} på {test}",
        "en": "Late explanation request: candidate {candidate} on {test}",
    },
    "explanation.unassigned.header": {
        "nb": "Begrunnelse uten sensor",
        "en": "Explanation request with no grader",
    },
    "explanation.unassigned": {
        "nb": "Kandidat {candidate} på {test}{title} har bedt om begrunnelse, med frist "
        "*{due}*, men kandidaten er ikke i noen kommisjon med sensorer. Jeg har derfor ikke "
        "kunnet si fra til noen.",
        "en": "Candidate {candidate} on {test}{title} has asked for an explanation, due "
        "*{due}*, but the candidate is in no committee with graders, so I could not tell "
        "anyone.",
    },
    "explanation.unassigned.advice": {
        "nb": "Si fra til sensorene selv. Når kandidaten står i en kommisjon i rosteret, får "
        "sensorene der påminnelsene før fristen.",
        "en": "Please tell the graders yourself. Once the candidate is in a committee in the "
        "roster, its graders get the reminders before the deadline.",
    },
    "explanation.unassigned.fallback": {
        "nb": "Ingen sensor å si fra til om begrunnelsen for kandidat {candidate} på {test}",
        "en": "No grader to tell about the explanation for candidate {candidate} on {test}",
    },
    "explanation.overdue_consultant.header": {
        "nb": "Begrunnelse over fristen",
        "en": "Explanation overdue",
    },
    "explanation.overdue_consultant": {
        "nb": "Fristen for begrunnelsen til kandidat {candidate} på {test}{title} gikk ut "
        "{due}, og ingen har registrert at den er gitt. Sensorene har fått beskjed: {graders}.",
        "en": "The deadline for candidate {candidate}'s explanation on {test}{title} was "
        "{due}, and nobody has recorded it as given. The graders have been told: {graders}.",
    },
    "explanation.overdue_consultant.nobody": {
        "nb": "Fristen for begrunnelsen til kandidat {candidate} på {test}{title} gikk ut "
        "{due}, og ingen har registrert at den er gitt. Kandidaten er ikke i noen kommisjon "
        "med sensorer, så ingen sensor har fått beskjed.",
        "en": "The deadline for candidate {candidate}'s explanation on {test}{title} was "
        "{due}, and nobody has recorded it as given. The candidate is in no committee with "
        "graders, so no grader has been told.",
    },
    "explanation.overdue_consultant.fallback": {
        "nb": "Begrunnelsen til kandidat {candidate} på {test} er over fristen",
        "en": "The explanation for candidate {candidate} on {test} is overdue",
    },
    "explanation.unnamed": {
        "nb": {
            "one": "1 sensor uten navn i rosteret",
            "other": "{count} sensorer uten navn i rosteret",
        },
        "en": {
            "one": "1 grader with no name in the roster",
            "other": "{count} graders with no name in the roster",
        },
    },
    # -- Home tab and /sensur status ----------------------------------------------------------
    "explanation.home.grader_title": {
        "nb": "Begrunnelser du skal gi",
        "en": "Explanations to give",
    },
    "explanation.home.consultant_title": {
        "nb": "Begrunnelser som ikke er gitt",
        "en": "Explanations not given yet",
    },
    "explanation.home.line": {
        "nb": "Kandidat {candidate} på {test} – frist {due}",
        "en": "Candidate {candidate} on {test} – due {due}",
    },
    "explanation.home.late": {"nb": "ba om den for sent", "en": "asked late"},
    "explanation.home.overdue": {"nb": "*over fristen*", "en": "*overdue*"},
    "explanation.cli.open": {
        "nb": {"one": "1 begrunnelse er ikke gitt:", "other": "{count} begrunnelser er ikke gitt:"},
        "en": {
            "one": "1 explanation not given yet:",
            "other": "{count} explanations not given yet:",
        },
    },
    "explanation.cli.line": {
        "nb": "kandidat {candidate}, frist {due}",
        "en": "candidate {candidate}, due {due}",
    },
    "explanation.cli.overdue": {"nb": "over fristen", "en": "overdue"},
    "explanation.cli.late": {"nb": "ba om den for sent", "en": "asked late"},
    "explanation.home.more": {
        "nb": {"one": "… og 1 til", "other": "… og {count} til"},
        "en": {"one": "… and 1 more", "other": "… and {count} more"},
    },
}
