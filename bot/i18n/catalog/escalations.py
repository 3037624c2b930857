"""Escalations: what the grader is told, and the case as the consultants see it.

Keys `escalation.finding.<kind>` follow `bot.diagnosis.access.FindingKind`: short, neutral
summaries for the consultant, with candidate numbers where there are any (the grader's own
wording is in `diagnosis.py`). Keys `escalation.grader.<done>` follow what the consultant
did (acknowledged, resolved); `escalation.recheck.<state>` how it stands after Resolved.
"""

MESSAGES = {
    # -- to the grader ---------------------------------------------------------------
    "escalation.sent": {
        "nb": "Sendt til {recipients}, med det jeg fant. Du får beskjed her når de har tatt "
        "tak i saken og når den er løst.",
        "en": "Sent to {recipients}, with what I found. I'll let you know here when they take "
        "it up and when it is resolved.",
    },
    "escalation.sent.channel": {
        "nb": "Saken er også meldt i instituttets kanal <#{channel}>.",
        "en": "The case was also posted in the department's channel <#{channel}>.",
    },
    "escalation.sent.unreachable": {
        "nb": "Jeg fant ikke {emails} i Slack, så de har ikke fått saken.",
        "en": "I could not find {emails} in Slack, so they did not get the case.",
    },
    "escalation.sent.pending": {
        "nb": "Slack tok ikke imot saken til {emails} akkurat nå. De får saken så snart Slack "
        "svarer igjen.",
        "en": "Slack did not take the case for {emails} just now. They will get it as soon "
        "as Slack answers again.",
    },
    "escalation.sent.fallback": {
        "nb": "Ingen av studiekonsulentene for prøven kunne nås i Slack, så saken gikk til "
        "{exam_office}.",
        "en": "None of the study consultants for this test could be reached in Slack, so the "
        "case went to {exam_office}.",
    },
    "escalation.sent.nobody": {
        "nb": "Saken er registrert, men jeg fikk ikke levert den til noen i Slack. "
        "Send gjerne en e-post til {emails}.",
        "en": "The case is recorded, but I could not deliver it to anyone in Slack. "
        "Please e-mail {emails}.",
    },
    "escalation.already": {
        "nb": "Du har allerede en sak om {test} hos studiekonsulenten, sendt {created}. {status}",
        "en": "You already have a case about {test} with the study consultant, sent on "
        "{created}. {status}",
    },
    "escalation.joined": {
        "nb": "En annen sensor sendte {created} en sak om {test} til studiekonsulenten, om det "
        "samme som står i veien for deg. Jeg har lagt deg til i saken, så du får beskjed her "
        "når den er løst. {status}",
        "en": "Another grader sent the study consultant a case about {test} on {created}, "
        "about the same thing that is in your way. I have added you to it, so you will hear here "
        "when it is resolved. {status}",
    },
    "escalation.nothing_to_send": {
        "nb": "Jeg finner ikke noe studiekonsulenten må ordne for {test} nå, så jeg sendte "
        "ingenting. Skriv `/sensur hvorfor {test}` for å se hvordan det står.",
        "en": "I find nothing for the study consultant to fix for {test} now, so I sent "
        "nothing. Type `/sensur why {test}` to see where things stand.",
    },
    "escalation.office_test": {
        "nb": "registreringen din som sensor",
        "en": "your registration as a grader",
    },
    "escalation.unknown_test": {
        "nb": "Jeg finner ikke prøven {test} lenger, så jeg sendte ingenting. Skriv "
        "`/sensur hvorfor` for å se prøvene dine.",
        "en": "I can no longer find the test {test}, so I sent nothing. Type `/sensur why` to "
        "see your tests.",
    },
    "escalation.grader.acknowledged": {
        "nb": "{who} har tatt tak i saken din om {test}.",
        "en": "{who} has taken up your case about {test}.",
    },
    "escalation.grader.resolved": {
        "nb": "{who} har markert saken din om {test} som løst.",
        "en": "{who} has marked your case about {test} as resolved.",
    },
    # -- after Resolved: how it really stands ------------------------------------------
    "escalation.recheck.open": {
        "nb": "Jeg sjekket på nytt: prøven er åpnet for vurdering, så nå skal du finne "
        "besvarelsene i Inspera under *Vurdering*.",
        "en": "I checked again: the test is open for marking, so you should now find the "
        "submissions in Inspera under *Marking*.",
    },
    "escalation.recheck.awaiting_opening": {
        "nb": "Jeg sjekket på nytt, og nå står ingenting i veien. Prøven venter bare på å bli "
        "åpnet for vurdering, og da får du en melding fra meg.",
        "en": "I checked again, and nothing is in the way any more. The test is only waiting "
        "to be opened for marking; I will let you know when it is.",
    },
    "escalation.recheck.deadline_not_passed": {
        "nb": "Jeg sjekket på nytt, og nå står ingenting i veien. Innleveringsfristen har ikke "
        "gått ut ennå; du får en melding fra meg når prøven er åpnet.",
        "en": "I checked again, and nothing is in the way any more. The submission deadline "
        "has not passed yet; I will let you know when the test opens.",
    },
    "escalation.recheck.clear": {
        "nb": "Jeg sjekket på nytt, og jeg finner ikke noe som står i veien lenger.",
        "en": "I checked again, and I find nothing in the way any more.",
    },
    "escalation.recheck.still": {
        "nb": "Jeg sjekket på nytt, og dette står fortsatt i veien:",
        "en": "I checked again, and this is still in the way:",
    },
    "escalation.recheck.again": {
        "nb": "Skriv `/sensur hvorfor {test}` for hele svaret; der kan du også sende saken på "
        "nytt.",
        "en": "Type `/sensur why {test}` for the full answer; you can send the case again "
        "from there.",
    },
    "escalation.recheck.unknown": {
        "nb": "Skriv `/sensur hvorfor` for å sjekke på nytt.",
        "en": "Type `/sensur why` to check again.",
    },
    "escalation.bad_button": {
        "nb": "Jeg klarte ikke å lese denne knappen. Skriv `/sensur hvorfor` og prøv igjen.",
        "en": "I could not read this button. Type `/sensur why` and try again.",
    },
    "escalation.gone": {
        "nb": "Denne saken finnes ikke lenger.",
        "en": "This case no longer exists.",
    },
    # -- status, for grader and consultant alike -------------------------------------
    "escalation.status.open": {
        "nb": "Status: ny – ingen har tatt tak i den ennå.",
        "en": "Status: new – nobody has taken it up yet.",
    },
    "escalation.status.acknowledged": {
        "nb": "Status: {who} tok saken {when}.",
        "en": "Status: {who} took it up on {when}.",
    },
    "escalation.status.resolved": {
        "nb": "Status: løst av {who} {when}.",
        "en": "Status: resolved by {who} on {when}.",
    },
    "escalation.someone": {
        "nb": "en studiekonsulent",
        "en": "a study consultant",
    },
    # -- to the consultants ----------------------------------------------------------
    "escalation.consultant.title": {
        "nb": {
            "one": "En sensor trenger hjelp: {test}",
            "other": "{grader_count} sensorer trenger hjelp: {test}",
        },
        "en": {
            "one": "A grader needs help: {test}",
            "other": "{grader_count} graders need help: {test}",
        },
    },
    "escalation.consultant.title_no_test": {
        "nb": "En sensor trenger hjelp",
        "en": "A grader needs help",
    },
    "escalation.consultant.who": {
        "nb": "{graders} kommer ikke til besvarelsene på *{test}*. Dette fant jeg:",
        "en": "{graders} cannot get to the submissions of *{test}*. This is what I found:",
    },
    "escalation.consultant.who_no_test": {
        "nb": "{graders} kommer ikke til besvarelsene og sa ikke hvilken prøve det gjelder. "
        "Dette fant jeg:",
        "en": "{graders} cannot get to the submissions and did not say which test. This is "
        "what I found:",
    },
    "escalation.consultant.reraised": {
        "nb": "Påminnelse: ingen har tatt tak i denne saken siden {created}.",
        "en": "Reminder: nobody has taken up this case since {created}.",
    },
    "escalation.channel.text": {
        "nb": "Ny sak om *{test}*: {grader} kommer ikke til besvarelsene. Detaljene er sendt "
        "studiekonsulentene på direktemelding.",
        "en": "A new case about *{test}*: {grader} cannot get to the submissions. The details "
        "went to the study consultants by direct message.",
    },
    "escalation.button.acknowledge": {"nb": "Jeg tar den", "en": "I'll take it"},
    "escalation.button.resolve": {"nb": "Løst", "en": "Resolved"},
    "escalation.refused": {
        "nb": "Beklager, bare studiekonsulentene for denne prøven kan svare på saken. "
        "Ingenting er endret.",
        "en": "Sorry, only the study consultants for this test can act on this case. Nothing "
        "was changed.",
    },
    "escalation.already_done": {
        "nb": "Saken er allerede oppdatert, så du trenger ikke gjøre noe mer. {status}",
        "en": "The case has already been updated; there is nothing more for you to do. {status}",
    },
    "escalation.candidates.more": {
        "nb": {"one": "én til", "other": "{count} til"},
        "en": {"one": "one more", "other": "{count} more"},
    },
    "escalation.finding.not_registered": {
        "nb": "Ikke registrert som sensor (verken med e-postadressen i Slack eller som "
        "Inspera-adresse).",
        "en": "Not registered as a grader (neither by their Slack e-mail address nor as an "
        "Inspera address).",
    },
    "escalation.finding.not_on_any_test": {
        "nb": "Registrert som sensor, men ikke koblet til noen prøve.",
        "en": "Registered as a grader, but not linked to any test.",
    },
    "escalation.finding.not_appointed": {
        "nb": "Ekstern sensor: ikke oppnevnt av fakultetet.",
        "en": "External grader: not appointed by the faculty.",
    },
    "escalation.finding.no_access_agreement": {
        "nb": "Ekstern sensor: tilgangsavtalen er ikke fylt ut.",
        "en": "External grader: access agreement (tilgangsavtale) not completed.",
    },
    "escalation.finding.no_login_route": {
        "nb": "Ekstern sensor som ikke kan logge inn ennå: uten norsk ID-nummer (ID-porten), "
        "og universitetsbrukeren er ikke aktivert.",
        "en": "External grader who cannot log in yet: no Norwegian ID number (ID-porten), and "
        "the university user is not activated.",
    },
    "escalation.finding.not_on_test": {
        "nb": "Ikke koblet til denne prøven.",
        "en": "Not linked to this test.",
    },
    "escalation.finding.no_committee": {
        "nb": "På prøven, men ikke i noen kommisjon.",
        "en": "On the test, but not in a committee.",
    },
    "escalation.finding.graders_without_committee": {
        "nb": {
            "one": "Én sensor på prøven er ikke i noen kommisjon.",
            "other": "{count} sensorer på prøven er ikke i noen kommisjon.",
        },
        "en": {
            "one": "One grader on the test is not in a committee.",
            "other": "{count} graders on the test are not in a committee.",
        },
    },
    "escalation.finding.candidates_without_committee": {
        "nb": "Innleverte kandidater uten kommisjon: {candidates}.",
        "en": "Submitted candidates without a committee: {candidates}.",
    },
    "escalation.finding.candidates_without_grader": {
        "nb": "Innleverte kandidater i kommisjoner uten sensor: {candidates} ({committees}).",
        "en": "Submitted candidates in committees without a grader: {candidates} ({committees}).",
    },
    "escalation.committees_without_grader": {
        "nb": {"one": "én kommisjon uten sensor", "other": "{count} kommisjoner uten sensor"},
        "en": {
            "one": "one committee without a grader",
            "other": "{count} committees without a grader",
        },
    },
    "escalation.finding.candidates_open_for_redelivery": {
        "nb": "Kandidater som fortsatt har åpent for ny innlevering: {candidates}.",
        "en": "Candidates who can still hand in again: {candidates}.",
    },
    "escalation.finding.awaiting_opening": {
        "nb": "Fristen er ute og ingenting står i veien: prøven venter på å bli åpnet for "
        "vurdering.",
        "en": "The deadline has passed and nothing is in the way: the test is waiting to be "
        "opened for marking.",
    },
    "escalation.finding.deadline_not_passed": {
        "nb": "Innleveringsfristen er ikke ute ({deadline}).",
        "en": "The submission deadline has not passed ({deadline}).",
    },
    "escalation.finding.missing_in_inspera": {
        "nb": "Inspera har ikke sensoren på prøven, men det har sensoroversikten: koble sensoren "
        "til prøven i Inspera.",
        "en": "Inspera does not list the grader on this test, but the roster does: link them to "
        "the test in Inspera.",
    },
    "escalation.finding.missing_in_inspera_told": {
        "nb": "Inspera har ikke sensoren på prøven, men det har sensoroversikten (meldt fra "
        "Inspera-sjekken før).",
        "en": "Inspera does not list the grader on this test, but the roster does (told by the "
        "Inspera check before).",
    },
    "escalation.finding.inspera_lists_you": {
        "nb": "Inspera har sensoren på prøven.",
        "en": "Inspera lists the grader on this test.",
    },
    "escalation.finding.inspera_other_address": {
        "nb": "Inspera har en annen e-postadresse for sensoren: {address}. E-postene fra "
        "Inspera går dit; er den gammel, rett den.",
        "en": "Inspera has another address for the grader: {address}. Inspera's e-mails go "
        "there; if it is out of date, correct it.",
    },
    "escalation.finding.inspera_other_address_told": {
        "nb": "Inspera har en annen e-postadresse for sensoren: {address} (meldt fra "
        "Inspera-sjekken før).",
        "en": "Inspera has another address for the grader: {address} (told by the Inspera "
        "check before).",
    },
    "escalation.finding.invitation_elsewhere": {
        "nb": "Inspera-invitasjonen gikk til {address}, ikke til adressen i Slack – den kan "
        "være gammel.",
        "en": "Inspera's invitation went to {address}, not to the address in Slack – it may "
        "be out of date.",
    },
    "escalation.finding.guideline_not_published": {
        "nb": "Sensurveiledningen er ikke publisert.",
        "en": "The grading guideline is not published.",
    },
    "escalation.finding.open": {
        "nb": "Prøven er åpnet for vurdering.",
        "en": "The test is open for marking.",
    },
}
