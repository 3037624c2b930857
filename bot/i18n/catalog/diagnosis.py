"""`/sensur why`: the answer to "why can't I see the submissions?", addressed to the grader.

Keys `why.finding.<kind>` follow `bot.diagnosis.access.FindingKind`; `why.summary.<state>`
follow `bot.ui.diagnosis.TestSummary`.
"""

MESSAGES = {
    "why.title": {
        "nb": "Hvorfor ser jeg ikke besvarelsene?",
        "en": "Why can't I see the submissions?",
    },
    "why.unidentified": {
        "nb": "Jeg får ikke tak i e-postadressen din fra Slack, så jeg kan ikke slå deg opp "
        "blant sensorene. Kontakt instituttet som ga deg sensoroppdraget, eller {exam_office}.",
        "en": "I can't get your e-mail address from Slack, so I can't look you up among the "
        "graders. Contact the department that gave you the grading assignment, or "
        "{exam_office}.",
    },
    "why.query.not_found": {
        "nb": "Jeg finner ingen prøve «{query}» (prøve-ID eller emnekode).",
        "en": "I can't find a test “{query}” (test ID or course code).",
    },
    "why.query.ambiguous": {
        "nb": "«{query}» passer til flere prøver: {tests}. Skriv prøve-ID-en, "
        "f.eks. `/sensur hvorfor {example}`.",
        "en": "“{query}” matches several tests: {tests}. Give the test ID, "
        "e.g. `/sensur why {example}`.",
    },
    "why.query.own_tests": {
        "nb": "Her er det jeg ser for prøvene du er sensor på:",
        "en": "Here is what I see for the tests you grade:",
    },
    "why.about_you": {"nb": "Om deg", "en": "About you"},
    "why.test.heading": {"nb": "{test_id} – {title}", "en": "{test_id} – {title}"},
    "why.test.consultants": {
        "nb": "Saken går til {consultants}.",
        "en": "The case goes to {consultants}.",
    },
    "why.test.consultant_not_in_slack": {
        "nb": "{email} (ikke i Slack)",
        "en": "{email} (not in Slack)",
    },
    "why.test.no_consultants": {
        "nb": "Prøven har ingen studiekonsulent registrert. Kontakt {exam_office}.",
        "en": "No study consultant is registered for this test. Contact {exam_office}.",
    },
    "why.blocked.intro": {
        "nb": "Innleveringsfristen har gått ut, men prøven kan ikke åpnes for vurdering ennå. "
        "Studiekonsulenten må ordne dette først:",
        "en": "The submission deadline has passed, but the test cannot be opened for marking "
        "yet. Your study consultant needs to fix this first:",
    },
    "why.blocked.next": {
        "nb": "Når det er ordnet, åpner studiekonsulenten prøven, og da får du en melding fra meg.",
        "en": "Once that is done, your study consultant opens the test, and I will let you know.",
    },
    "why.more_tests": {
        "nb": {
            "one": "… og én prøve til. Spør om den med `/sensur hvorfor PRØVE`.",
            "other": "… og {count} prøver til. Spør om én av dem med `/sensur hvorfor PRØVE`.",
        },
        "en": {
            "one": "… and one more test. Ask about it with `/sensur why TEST`.",
            "other": "… and {count} more tests. Ask about one of them with `/sensur why TEST`.",
        },
    },
    # -- one line per test ------------------------------------------------------------
    "why.summary.open": {
        "nb": "{test}: åpnet for vurdering",
        "en": "{test}: open for marking",
    },
    "why.summary.waiting": {
        "nb": "{test}: innleveringsfristen går ut {deadline}",
        "en": "{test}: the submission deadline is {deadline}",
    },
    "why.summary.awaiting_opening": {
        "nb": "{test}: fristen er ute, prøven venter på å bli åpnet for vurdering",
        "en": "{test}: the deadline has passed; the test is waiting to be opened for marking",
    },
    "why.summary.blocked": {
        "nb": "{test}: studiekonsulenten må ordne noe før prøven kan åpnes",
        "en": "{test}: your study consultant needs to fix something before it can open",
    },
    "why.summary.not_on_test": {
        "nb": "{test}: du er ikke satt opp som sensor på prøven",
        "en": "{test}: you are not set up as a grader on this test",
    },
    "why.summary.see_below": {
        "nb": "{summary} – se under",
        "en": "{summary} – see below",
    },
    # -- escalating -------------------------------------------------------------------
    "why.escalate.offer": {
        "nb": "Dette må studiekonsulenten ordne. Jeg kan sende saken dit, med det jeg fant.",
        "en": "Your study consultant needs to fix this. I can send them the case, with what I "
        "found.",
    },
    "why.escalate.button": {
        "nb": "Send til studiekonsulenten",
        "en": "Send to the study consultant",
    },
    "why.escalate.office.offer": {
        "nb": "Jeg vet ikke hvilken prøve det gjelder. Jeg kan sende saken til {exam_office}, "
        "eller du kan spørre om en bestemt prøve: `/sensur hvorfor PRØVE`.",
        "en": "I don't know which test this is about. I can send the case to {exam_office}, "
        "or you can ask about a particular test: `/sensur why TEST`.",
    },
    "why.escalate.office.button": {
        "nb": "Send til eksamenskontoret",
        "en": "Send to the exam office",
    },
    "why.no_escalation_contact": {
        "nb": "Kontakt instituttet som ga deg sensoroppdraget, eller {exam_office} "
        "({login_email}). Du kan også spørre om en bestemt prøve: `/sensur hvorfor PRØVE`.",
        "en": "Contact the department that gave you the grading assignment, or {exam_office} "
        "({login_email}). You can also ask about a particular test: `/sensur why TEST`.",
    },
    "why.login_help": {
        "nb": "Får du ikke logget inn? {login_name}, {login_phone} / {login_email}.",
        "en": "Can't log in? {login_name}, {login_phone} / {login_email}.",
    },
    # -- findings --------------------------------------------------------------------
    "why.finding.not_registered": {
        "nb": "Jeg finner deg ikke blant sensorene. Jeg slo opp e-postadressen du har i "
        "Slack, {address}, og ingen sensor er registrert med den (heller ikke som "
        "Inspera-adresse). Faglærer og studiekonsulent må sette deg opp som sensor i emnet "
        "før du kan se noe i Inspera. Er du registrert med en annen adresse, si fra om det. "
        "Har du ikke brukt Inspera før, kommer du kanskje ikke inn i det hele tatt før det "
        "er gjort.",
        "en": "I can't find you among the graders. I looked up the e-mail address you have "
        "in Slack, {address}, and no grader is registered with it (nor as an Inspera "
        "address). The course teacher and the study consultant must set you up as a grader "
        "in the course before you can see anything in Inspera. If you are registered with "
        "another address, say so. If you have never used Inspera, you may not even be able "
        "to log in until that is done.",
    },
    "why.finding.not_on_any_test": {
        "nb": "Du er registrert som sensor, men ikke koblet til noen prøve ennå. "
        "Studiekonsulenten kobler deg til prøven, og da sender Inspera deg en e-post.",
        "en": "You are registered as a grader, but not linked to any test yet. Your study "
        "consultant links you to the test, and Inspera then sends you an e-mail.",
    },
    "why.finding.not_appointed": {
        "nb": "Du er ekstern sensor, og jeg finner ikke at du er oppnevnt som sensor av "
        "fakultetet som er ansvarlig for emnet. Det gjør fakultetet, og instituttet kan purre. "
        "Du trenger bare å svare hvis de spør deg om noe.",
        "en": "You are an external grader, and I can't find that the faculty responsible for "
        "the course has appointed you. The faculty does that, and the department can chase "
        "it up. You only need to answer if they ask you something.",
    },
    "why.finding.no_access_agreement": {
        "nb": "Du har ikke fylt ut tilgangsavtalen som gir deg tilgang til IT-systemene ved "
        "{university}. Den er sendt deg – fyll den ut digitalt. Har du ikke fått den, sender "
        "instituttet den på nytt.",
        "en": "You have not completed the access agreement (“tilgangsavtale”) that gives you "
        "access to {university}'s IT systems. It was sent to you – fill it in online. If you "
        "never got it, the department will send it again.",
    },
    "why.finding.no_login_route": {
        "nb": "Du kan ikke logge inn i Inspera ennå: uten norsk ID-nummer kan du ikke bruke "
        "ID-porten, og {university}-brukeren din er ikke aktivert. Aktiver den her: "
        "{activation_url} (sensorer uten norsk ID-nummer må gjøre det). Får du det ikke til, "
        "hjelper {login_name}: {login_phone} / {login_email}.",
        "en": "You cannot log in to Inspera yet: without a Norwegian national ID number you "
        "cannot use ID-porten, and your {university} user is not activated. Activate it "
        "here: {activation_url} (graders without a Norwegian ID number must). If it does not "
        "work, {login_name} can help: {login_phone} / {login_email}.",
    },
    "why.finding.not_on_test": {
        "nb": "Du er ikke satt opp som sensor på denne prøven. Faglærer og studiekonsulent "
        "kobler deg til, og da sender Inspera deg en e-post.",
        "en": "You are not set up as a grader on this test. The course teacher and the study "
        "consultant link you to it, and Inspera then sends you an e-mail.",
    },
    # -- what the last reading from Inspera says (SPEC §3.12) -------------------------------
    "why.finding.missing_in_inspera": {
        "nb": "Inspera har deg ikke som sensor på prøven, men det har sensoroversikten (sist "
        "lest {read}). Studiekonsulenten kobler deg til prøven i Inspera: send saken til dem "
        "under.",
        "en": "Inspera does not list you as a grader on this test, but the roster does (last "
        "read {read}). Your study consultant links you to the test in Inspera: send them the "
        "case below.",
    },
    "why.finding.missing_in_inspera_told": {
        "nb": "Inspera har deg ikke som sensor på prøven, men det har sensoroversikten (sist "
        "lest {read}). Studiekonsulenten har fått beskjed, og kobler deg til prøven i Inspera.",
        "en": "Inspera does not list you as a grader on this test, but the roster does (last "
        "read {read}). Your study consultant has been told, and links you to the test in "
        "Inspera.",
    },
    "why.finding.inspera_lists_you": {
        "nb": "Inspera har deg som sensor på prøven, i {inspera_committees} (sist lest {read}).",
        "en": "Inspera has you as a grader on this test, in {inspera_committees} (last read "
        "{read}).",
    },
    "why.finding.inspera_other_address": {
        "nb": "Inspera har en annen e-postadresse for deg: {address}. E-postene fra Inspera "
        "går dit. Er den gammel, ber du studiekonsulenten rette den – send saken under.",
        "en": "Inspera has another address for you: {address}. Inspera's e-mails go there. If "
        "it is out of date, ask your study consultant to correct it – send the case below.",
    },
    "why.finding.inspera_other_address_told": {
        "nb": "Inspera har en annen e-postadresse for deg: {address}. E-postene fra Inspera "
        "går dit. Studiekonsulenten har fått beskjed.",
        "en": "Inspera has another address for you: {address}. Inspera's e-mails go there. "
        "Your study consultant has been told.",
    },
    "why.finding.no_committee": {
        "nb": "Du er satt opp på prøven, men ikke i noen kommisjon. Studiekonsulenten må "
        "legge deg i en kommisjon før du kan se besvarelser.",
        "en": "You are on this test, but not in a committee. Your study consultant needs to "
        "put you in one before you can see any submissions.",
    },
    "why.finding.graders_without_committee": {
        "nb": {
            "one": "Én sensor på prøven er ikke i noen kommisjon ennå.",
            "other": "{count} sensorer på prøven er ikke i noen kommisjon ennå.",
        },
        "en": {
            "one": "One grader on this test is not in a committee yet.",
            "other": "{count} graders on this test are not in a committee yet.",
        },
    },
    "why.finding.candidates_without_committee": {
        "nb": {
            "one": "Én kandidat som har levert, har ingen kommisjon ennå.",
            "other": "{count} kandidater som har levert, har ingen kommisjon ennå.",
        },
        "en": {
            "one": "One candidate who submitted has no committee yet.",
            "other": "{count} candidates who submitted have no committee yet.",
        },
    },
    "why.finding.candidates_without_grader": {
        "nb": {
            "one": "Én kandidat som har levert, er i en kommisjon uten sensor.",
            "other": "{count} kandidater som har levert, er i {committees}.",
        },
        "en": {
            "one": "One candidate who submitted is in a committee with no grader.",
            "other": "{count} candidates who submitted are in {committees}.",
        },
    },
    "why.committees_without_grader": {
        "nb": {"one": "en kommisjon uten sensor", "other": "{count} kommisjoner uten sensor"},
        "en": {
            "one": "a committee with no grader",
            "other": "{count} committees with no grader",
        },
    },
    "why.finding.candidates_open_for_redelivery": {
        "nb": {
            "one": "Én kandidat har fortsatt åpent for ny innlevering.",
            "other": "{count} kandidater har fortsatt åpent for ny innlevering.",
        },
        "en": {
            "one": "One candidate can still hand in again.",
            "other": "{count} candidates can still hand in again.",
        },
    },
    "why.finding.awaiting_opening": {
        "nb": "Innleveringsfristen har gått ut, og jeg finner ikke noe som hindrer at prøven "
        "åpnes. Den venter på at studiekonsulenten åpner den for vurdering, og da får du en "
        "melding fra meg.",
        "en": "The submission deadline has passed and I find nothing that keeps the test from "
        "opening. It is waiting for your study consultant to open it for marking; I will let "
        "you know when that happens.",
    },
    "why.finding.deadline_not_passed": {
        "nb": "Innleveringsfristen har ikke gått ut ennå – den går ut {deadline}. Besvarelsene "
        "vises ikke før fristen er ute og prøven er åpnet for vurdering, og du får en melding "
        "fra meg når den er åpnet. At du ikke ser dem ennå, er helt som det skal være.",
        "en": "The submission deadline has not passed yet – it is {deadline}. Submissions are "
        "not shown until then and until the test is opened for marking; I will let you know "
        "when it opens. This is expected.",
    },
    "why.finding.invitation_elsewhere": {
        "nb": "Inspera sendte invitasjonen til {address}, ikke til e-postadressen du har i "
        "Slack. Er den adressen gammel, be studiekonsulenten rette den.",
        "en": "Inspera sent its invitation to {address}, not to the e-mail address you have "
        "in Slack. If that address is out of date, ask your study consultant to correct it.",
    },
    "why.finding.guideline_not_published": {
        "nb": "Sensurveiledningen er ikke publisert ennå. Den skal være tilgjengelig før du "
        "begynner; ta kontakt med instituttet hvis du ikke har fått den.",
        "en": "The grading guideline is not published yet. It should be available before you "
        "start; contact the department if you have not received it.",
    },
    "why.finding.open": {
        "nb": "Prøven er åpnet for vurdering. Logg inn på {inspera_url} (ID-porten eller "
        "Feide) og gå til *Vurdering*; der finner du {test}.",
        "en": "The test is open for marking. Log in at {inspera_url} (ID-porten or Feide) and "
        "go to *Marking*; {test} is listed there.",
    },
}
