MESSAGES = {
    "help.title": {
        "nb": "Sensorbot hjelper deg med sensur i Inspera",
        "en": "Sensorbot helps you grade in Inspera",
    },
    "help.intro": {
        "nb": "Skriv `/sensur` etterfulgt av en av kommandoene under. "
        "PRØVE er en prøve-ID (f.eks. `TDT4100-2026H`) eller en emnekode.",
        "en": "Type `/sensur` followed by one of the commands below. "
        "TEST is a test id (e.g. `TDT4100-2026H`) or a course code.",
    },
    "help.cmd.help": {
        "nb": "`/sensur hjelp` – denne oversikten",
        "en": "`/sensur help` – this overview",
    },
    "help.cmd.status": {
        "nb": "`/sensur status [PRØVE]` – dine prøver, hvor langt sensuren er kommet og fristene",
        "en": "`/sensur status [TEST]` – your tests, how far the grading has come, and deadlines",
    },
    "help.cmd.why": {
        "nb": "`/sensur hvorfor [PRØVE]` – hvorfor ser jeg ikke besvarelsene? "
        "Jeg sjekker og sier hva som mangler og hvem som fikser det",
        "en": "`/sensur why [TEST]` – why can't I see the submissions? "
        "I check and tell you what is missing and who fixes it",
    },
    "help.cmd.template": {
        "nb": "`/sensur mal [PRØVE]` – karakterark for dine kandidater, klart til utfylling",
        "en": "`/sensur template [TEST]` – a grade sheet for your candidates, ready to fill in",
    },
    "help.cmd.approve": {
        "nb": "`/sensur godkjenn [PRØVE]` – godkjenn sensuren din",
        "en": "`/sensur approve [TEST]` – approve your grading",
    },
    "help.cmd.open": {
        "nb": "`/sensur åpne PRØVE` – åpne prøven for vurdering (studiekonsulenter)",
        "en": "`/sensur open TEST` – open the test for marking (study consultants)",
    },
    "help.cmd.export": {
        "nb": "`/sensur eksport PRØVE` – endelige karakterer som Inspera-fil (studiekonsulenter)",
        "en": "`/sensur export TEST` – final grades as an Inspera file (study consultants)",
    },
    "help.cmd.reopen": {
        "nb": "`/sensur gjenåpne PRØVE KOMMISJON BEGRUNNELSE` – gjenåpne en kommisjon og "
        "nullstill godkjenningene (studiekonsulenter)",
        "en": "`/sensur reopen TEST COMMITTEE REASON` – reopen a committee and clear its "
        "approvals (study consultants)",
    },
    "help.grade_sheets": {
        "nb": "Karakterark: send meg .xlsx- eller .csv-fila di i en direktemelding. "
        "Jeg sjekker den mot kandidatlista før noe lagres.",
        "en": "Grade sheets: send me your .xlsx or .csv file in a direct message. "
        "I check it against the candidate list before anything is stored.",
    },
    "help.contacts.title": {"nb": "Hjelp og brukerstøtte", "en": "Help and support"},
    "help.contacts.login": {
        "nb": "Problemer med pålogging: {login_name}, {login_phone} / {login_email}",
        "en": "Login problems: {login_name}, {login_phone} / {login_email}",
    },
    "help.contacts.department": {
        "nb": "Spørsmål om emnet, eksamen, kandidater og oppsett av sensur: "
        "instituttet som er ansvarlig for eksamen",
        "en": "Questions about the course, the exam, candidates and the marking setup: "
        "the department responsible for the exam",
    },
    "help.contacts.guidance": {
        "nb": "Denne veiledningen og bruk av Inspera: {exam_office} / {login_email}",
        "en": "This guidance and using Inspera: {exam_office} / {login_email}",
    },
    "help.contacts.compensation": {
        "nb": "Godtgjørelse for sensuroppdraget: instituttet som ga deg oppdraget",
        "en": "Payment for grading: the department that commissioned the grading",
    },
}
