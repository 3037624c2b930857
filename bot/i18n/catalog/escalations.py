"""Escalations: what the grader is told, and the case as the consultants see it.

Keys `escalation.finding.<kind>` follow `bot.diagnosis.access.FindingKind`: short, neutral
summaries for the consultant (the grader's own wording is in `diagnosis.py`).
"""

MESSAGES = {
    # -- to the grader ---------------------------------------------------------------
    "escalation.sent": {
        "nb": "Sendt til {recipients}, med det jeg fant. Du får beskjed her når de har tatt "
        "tak i saken og når den er løst.",
        "en": "Sent to {recipients}, with what I found. I'll tell you here when they take it "
        "up and when it is resolved.",
    },
    "escalation.sent.channel": {
        "nb": "Saken er også meldt i instituttets kanal <#{channel}>.",
        "en": "The case was also announced in the department's channel <#{channel}>.",
    },
    "escalation.sent.unreachable": {
        "nb": "Jeg fant ikke {emails} i Slack, så de har ikke fått saken.",
        "en": "I could not reach {emails} in Slack, so they did not get the case.",
    },
    "escalation.sent.pending": {
        "nb": "Slack tok ikke imot saken til {emails} akkurat nå; de får saken så snart "
        "Slack svarer igjen.",
        "en": "Slack did not take the case for {emails} just now; they get it as soon as "
        "Slack answers again.",
    },
    "escalation.sent.fallback": {
        "nb": "Ingen av studiekonsulentene for prøven kunne nås i Slack, så saken gikk til "
        "{exam_office}.",
        "en": "None of the test's study consultants could be reached in Slack, so the case "
        "went to {exam_office}.",
    },
    "escalation.sent.nobody": {
        "nb": "Saken er registrert, men jeg fikk ikke levert den til noen i Slack. "
        "Send gjerne en e-post til {emails}.",
        "en": "The case is recorded, but I could not deliver it to anyone in Slack. "
        "Please e-mail {emails}.",
    },
    "escalation.already": {
        "nb": "Du har allerede en sak om {test} hos studiekonsulenten, sendt {created}. {status}",
        "en": "You already have a case about {test} with the study consultant, sent "
        "{created}. {status}",
    },
    "escalation.nothing_to_send": {
        "nb": "Jeg finner ikke noe studiekonsulenten må ordne for {test} nå, så jeg sendte "
        "ingenting. Skriv `/sensur hvorfor {test}` for å se hvordan det står.",
        "en": "I find nothing for the study consultant to sort out for {test} now, so I sent "
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
        "nb": "{who} har markert saken din om {test} som løst. Skriv `/sensur hvorfor` for å "
        "sjekke på nytt.",
        "en": "{who} has marked your case about {test} as resolved. Type `/sensur why` to "
        "check again.",
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
        "nb": "Status: {who} tok tak i den {when}.",
        "en": "Status: {who} took it up {when}.",
    },
    "escalation.status.resolved": {
        "nb": "Status: løst av {who} {when}.",
        "en": "Status: resolved by {who} {when}.",
    },
    # -- to the consultants ----------------------------------------------------------
    "escalation.consultant.title": {
        "nb": "En sensor trenger hjelp: {test}",
        "en": "A grader needs help: {test}",
    },
    "escalation.consultant.title_no_test": {
        "nb": "En sensor trenger hjelp",
        "en": "A grader needs help",
    },
    "escalation.consultant.who": {
        "nb": "{grader} ({email}) kommer ikke til besvarelsene på *{test}*. Dette fant jeg:",
        "en": "{grader} ({email}) cannot get to the submissions of *{test}*. This is what I found:",
    },
    "escalation.consultant.who_no_test": {
        "nb": "{grader} ({email}) kommer ikke til besvarelsene og sa ikke hvilken prøve det "
        "gjelder. Dette fant jeg:",
        "en": "{grader} ({email}) cannot get to the submissions and did not say which test. "
        "This is what I found:",
    },
    "escalation.consultant.reraised": {
        "nb": "Påminnelse: ingen har tatt tak i denne saken siden {created}.",
        "en": "Reminder: nobody has taken up this case since {created}.",
    },
    "escalation.channel.text": {
        "nb": "{grader} trenger hjelp med *{test}*. Detaljene er sendt studiekonsulentene "
        "på direktemelding.",
        "en": "{grader} needs help with *{test}*. The details went to the study consultants "
        "by direct message.",
    },
    "escalation.button.acknowledge": {"nb": "Jeg tar den", "en": "Acknowledge"},
    "escalation.button.resolve": {"nb": "Løst", "en": "Resolved"},
    "escalation.refused": {
        "nb": "Beklager, bare studiekonsulentene for denne prøven kan svare på saken. "
        "Ingenting er endret.",
        "en": "Sorry, only the study consultants of this test can act on this case. Nothing "
        "was changed.",
    },
    "escalation.already_done": {
        "nb": "Ingenting å gjøre: saken er allerede der. {status}",
        "en": "Nothing to do: the case is already there. {status}",
    },
    "escalation.finding.not_registered": {
        "nb": "Ikke registrert som sensor (verken med Slack-e-posten eller som Inspera-e-post).",
        "en": "Not registered as a grader (neither by Slack e-mail nor as Inspera e-mail).",
    },
    "escalation.finding.not_on_any_test": {
        "nb": "Registrert som sensor, men ikke koblet til noen prøve.",
        "en": "Registered as a grader, but linked to no test.",
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
        "nb": "Ekstern sensor uten innlogging: ikke norsk ID-nummer (ID-porten), "
        "universitetsbrukeren er ikke aktivert.",
        "en": "External grader with no way to log in: no Norwegian ID number (ID-porten), "
        "university user not activated.",
    },
    "escalation.finding.not_on_test": {
        "nb": "Ikke koblet til denne prøven.",
        "en": "Not linked to this test.",
    },
    "escalation.finding.no_committee": {
        "nb": "På prøven, men ikke i noen kommisjon.",
        "en": "On the test, but in no committee.",
    },
    "escalation.finding.graders_without_committee": {
        "nb": "Sensorer på prøven uten kommisjon: {count}.",
        "en": "Graders on the test without a committee: {count}.",
    },
    "escalation.finding.candidates_without_committee": {
        "nb": "Innleverte kandidater uten kommisjon: {count}.",
        "en": "Submitted candidates without a committee: {count}.",
    },
    "escalation.finding.candidates_without_grader": {
        "nb": "Innleverte kandidater i kommisjoner uten sensor: {count} "
        "(kommisjoner uten sensor: {committees}).",
        "en": "Submitted candidates in committees without a grader: {count} "
        "(committees without a grader: {committees}).",
    },
    "escalation.finding.candidates_open_for_redelivery": {
        "nb": "Kandidater med åpen ny innlevering: {count}.",
        "en": "Candidates still open for redelivery: {count}.",
    },
    "escalation.finding.awaiting_opening": {
        "nb": "Fristen er ute og ingenting blokkerer: prøven venter på å bli åpnet for vurdering.",
        "en": "The deadline has passed and nothing blocks: the test is waiting to be opened "
        "for marking.",
    },
    "escalation.finding.deadline_not_passed": {
        "nb": "Innleveringsfristen er ikke ute ({deadline}).",
        "en": "The submission deadline has not passed ({deadline}).",
    },
    "escalation.finding.invitation_elsewhere": {
        "nb": "Inspera-invitasjonen gikk til {address}, ikke til Slack-adressen – kanskje "
        "utdatert.",
        "en": "Inspera's invitation went to {address}, not to the Slack address – maybe outdated.",
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
