MESSAGES = {
    "help.title": {
        "nb": "Sensorbot hjelper deg med sensur i Inspera",
        "en": "Sensorbot helps you grade in Inspera",
    },
    "help.modal_title": {"nb": "Hjelp", "en": "Help"},
    "help.close": {"nb": "Lukk", "en": "Close"},
    "help.intro": {
        "nb": "Skriv `/sensur` etterfulgt av en av kommandoene under. "
        "PRØVE er en prøve-ID (f.eks. `TDT4100-2026H`) eller en emnekode.",
        "en": "Type `/sensur` followed by one of the commands below. "
        "TEST is a test id (e.g. `TDT4100-2026H`) or a course code.",
    },
    "help.grader.title": {"nb": "Som sensor", "en": "As a grader"},
    "help.consultant.title": {"nb": "Som studiekonsulent", "en": "As a study consultant"},
    "help.cmd.help": {
        "nb": "`/sensur hjelp` – denne oversikten",
        "en": "`/sensur help` – this overview",
    },
    "help.cmd.language": {
        "nb": "`/sensur språk en` – skriv til meg på engelsk (`/sensur språk nb` for norsk)",
        "en": "`/sensur language nb` – write to me in Norwegian (`/sensur language en` for "
        "English)",
    },
    "help.cmd.status": {
        "nb": "`/sensur status [PRØVE]` – prøvene dine, hvor langt sensuren er kommet, og fristene",
        "en": "`/sensur status [TEST]` – your tests, how far the grading has come, and the "
        "deadlines",
    },
    "help.cmd.why": {
        "nb": "`/sensur hvorfor [PRØVE]` – ser du ikke besvarelsene? Jeg sjekker hva som "
        "mangler, og hvem som kan rette det",
        "en": "`/sensur why [TEST]` – can't see the submissions? I check what is missing "
        "and who can put it right",
    },
    "help.cmd.template": {
        "nb": "`/sensur mal [PRØVE]` – karakterark for kandidatene dine, klart til utfylling",
        "en": "`/sensur template [TEST]` – a grade sheet for your candidates, ready to fill in",
    },
    "help.cmd.approve": {
        "nb": "`/sensur godkjenn [PRØVE]` – godkjenn egen sensur",
        "en": "`/sensur approve [TEST]` – approve your grading",
    },
    "help.cmd.done": {
        "nb": "`/sensur ferdig [PRØVE]` – si fra at du har godkjent sensuren din i Inspera",
        "en": "`/sensur done [TEST]` – tell me you have approved your grading in Inspera",
    },
    "help.cmd.consultant_status": {
        "nb": "`/sensur status [PRØVE]` – prøvene dine, hva som hindrer åpning, og hvor "
        "langt hver kommisjon er kommet",
        "en": "`/sensur status [TEST]` – your tests, what keeps them from opening, and how "
        "far each committee has come",
    },
    "help.cmd.open": {
        "nb": "`/sensur åpne PRØVE` – åpne prøven for vurdering; sensorene får beskjed",
        "en": "`/sensur open TEST` – open the test for marking; the graders are told",
    },
    "help.cmd.export": {
        "nb": "`/sensur eksport PRØVE` – de endelige karakterene som fil til import i Inspera "
        "(`/sensur eksport PRØVE klage`: karakterene etter klage)",
        "en": "`/sensur export TEST` – the final grades as a file to import into Inspera "
        "(`/sensur export TEST complaints`: the grades after complaint)",
    },
    "help.cmd.reopen": {
        "nb": "`/sensur gjenåpne PRØVE KOMMISJON BEGRUNNELSE` – gjenåpne en kommisjon; "
        "godkjenningene må gjøres på nytt",
        "en": "`/sensur reopen TEST COMMITTEE REASON` – reopen a committee; its approvals "
        "have to be given again",
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
