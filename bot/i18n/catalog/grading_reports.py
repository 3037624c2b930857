"""Tests marked in Inspera (SPEC §2.6): graders report "approved in Inspera", take it back,
and the consultants confirm the final grades; where a test's grades are set."""

MESSAGES = {
    # -- the grader's report -------------------------------------------------------------
    "report.button.done": {
        "nb": "Jeg har godkjent sensuren min i Inspera",
        "en": "I have approved my grading in Inspera",
    },
    "report.button.done_committee": {
        "nb": "Kommisjon {committee}: godkjent i Inspera",
        "en": "Committee {committee}: approved in Inspera",
    },
    "report.button.take_back": {"nb": "Angre", "en": "Take back"},
    "report.button.take_back_committee": {
        "nb": "Angre kommisjon {committee}",
        "en": "Take back committee {committee}",
    },
    "report.title": {
        "nb": "*{test}*{title}: sensuren gjøres og godkjennes i Inspera.",
        "en": "*{test}*{title}: grading is done and approved in Inspera.",
    },
    "report.line.reported": {
        "nb": "*Kommisjon {committee}:* meldt ferdig {when}",
        "en": "*Committee {committee}:* reported done {when}",
    },
    "report.line.unreported": {
        "nb": "*Kommisjon {committee}:* ikke meldt ferdig – godkjenn sensuren din i Inspera, og "
        "si fra her når du har gjort det",
        "en": "*Committee {committee}:* not reported done – approve your grading in Inspera, "
        "then tell me here",
    },
    "report.line.committee": {"nb": "*Kommisjon {committee}*", "en": "*Committee {committee}*"},
    "report.line.closed": {
        "nb": "De endelige karakterene er bekreftet i Inspera. Du trenger ikke gjøre noe mer her.",
        "en": "The final grades are confirmed in Inspera. There is nothing more to do here.",
    },
    "report.done.reported": {
        "nb": "Takk! Jeg har notert at du har godkjent sensuren din for kommisjon {committee} "
        "i Inspera. Du får ingen flere påminnelser om den.",
        "en": "Thanks! I have noted that you approved your grading for committee {committee} "
        "in Inspera. You will get no more reminders about it.",
    },
    "report.done.taken_back": {
        "nb": "Greit, kommisjon {committee} er ikke lenger meldt ferdig. Si fra igjen når du har "
        "godkjent sensuren din i Inspera.",
        "en": "All right, committee {committee} is no longer reported done. Tell me again once "
        "you have approved your grading in Inspera.",
    },
    "report.refused.unknown_test": {
        "nb": "Jeg finner ikke prøven {test}.",
        "en": "I can't find the test {test}.",
    },
    "report.refused.not_a_grader": {
        "nb": "Du er ikke sensor i kommisjon {committee} på {test}, så jeg har ikke endret noe.",
        "en": "You are not a grader in committee {committee} on {test}, so I changed nothing.",
    },
    "report.refused.not_open": {
        "nb": "{test} er ikke åpnet for vurdering ennå, så det er ingenting å melde ferdig.",
        "en": "{test} is not open for marking yet, so there is nothing to report done.",
    },
    "report.refused.graded": {
        "nb": "De endelige karakterene for {test} er allerede bekreftet i Inspera, så jeg har "
        "ikke endret noe.",
        "en": "The final grades for {test} are already confirmed in Inspera, so I changed nothing.",
    },
    "report.refused.transferred": {
        "nb": "{test} er allerede overført til FS, så jeg har ikke endret noe.",
        "en": "{test} has already been transferred to FS, so I changed nothing.",
    },
    "report.refused.not_reported": {
        "nb": "Du har ikke meldt kommisjon {committee} ferdig, så det er ingenting å angre.",
        "en": "You have not reported committee {committee} done, so there is nothing to take back.",
    },
    "report.refused.not_in_inspera": {
        "nb": "Karakterene for *{test}* settes her i Sensorbot, ikke i Inspera: send "
        "karakterarket til meg, og godkjenn med `/sensur godkjenn {test}` når alle kandidatene "
        "har karakter.",
        "en": "The grades for *{test}* are set here in Sensorbot, not in Inspera: send me the "
        "grade sheet, and approve with `/sensur approve {test}` once every candidate has a "
        "grade.",
    },
    "report.cmd.not_grader": {
        "nb": "`/sensur ferdig` er for sensorer, og jeg finner deg ikke som sensor.",
        "en": "`/sensur done` is for graders, and I can't find you as a grader.",
    },
    "report.cmd.which_test": {
        "nb": "Du er sensor på flere prøver: {tests}. Skriv `/sensur ferdig PRØVE`.",
        "en": "You grade on several tests: {tests}. Type `/sensur done TEST`.",
    },
    "report.cmd.no_committee": {
        "nb": "Du står ikke i noen kommisjon på {test} ennå. Ta kontakt med studiekonsulenten.",
        "en": "You are not in any committee on {test} yet. Contact your study consultant.",
    },
    "report.approve_in_inspera": {
        "nb": "Sensuren for *{test}* godkjennes i Inspera, ikke her. Når du har godkjent egen "
        "sensur der, skriv `/sensur ferdig {test}`, så vet jeg at du er ferdig.",
        "en": "Grading for *{test}* is approved in Inspera, not here. Once you have approved "
        "your own grading there, type `/sensur done {test}` so I know you are done.",
    },
    # -- in reminders and overdue notices ---------------------------------------------
    "report.progress.unreported": {
        "nb": "godkjenn sensuren din i Inspera, og trykk på knappen under når du har gjort det",
        "en": "approve your grading in Inspera, then press the button below",
    },
    # -- to the consultants: everybody reported ---------------------------------------
    "report.all.header": {
        "nb": "Alle sensorene er ferdige: {test}",
        "en": "All graders are done: {test}",
    },
    "report.all.intro": {
        "nb": "Alle sensorene på *{test}*{title} har meldt at de har godkjent sensuren sin i "
        "Inspera. Når de endelige karakterene er bekreftet i Inspera, bekreft det her.",
        "en": "All graders of *{test}*{title} have reported their grading approved in "
        "Inspera. When the final grades are confirmed in Inspera, confirm it here.",
    },
    "report.all.fallback": {
        "nb": "Alle sensorene på {test} har godkjent sensuren sin i Inspera.",
        "en": "All graders of {test} have approved their grading in Inspera.",
    },
    "report.all.button": {
        "nb": "Endelige karakterer er bekreftet",
        "en": "Final grades are confirmed",
    },
    "report.all.confirm.title": {
        "nb": "Bekrefte endelige karakterer?",
        "en": "Confirm the final grades?",
    },
    "report.all.confirm.text": {
        "nb": "Bekreft bare når de endelige karakterene for *{test}* er bekreftet i Inspera. Da "
        "stopper påminnelsene, og prøven er klar for overføring til FS.",
        "en": "Confirm only once the final grades for *{test}* are confirmed in Inspera. Then "
        "the reminders stop, and the test is ready for transfer to FS.",
    },
    "report.all.confirm.yes": {"nb": "Bekreft", "en": "Confirm"},
    "report.all.confirm.no": {"nb": "Avbryt", "en": "Cancel"},
    "report.all.confirmed": {
        "nb": "De endelige karakterene for *{test}*{title} er registrert som bekreftet i "
        "Inspera {when}. Påminnelsene er stoppet, og prøven er klar for overføring til FS.",
        "en": "The final grades for *{test}*{title} are recorded as confirmed in Inspera "
        "{when}. The reminders have stopped, and the test is ready for transfer to FS.",
    },
    "report.all.confirmed_by_inspera": {
        "nb": "Inspera meldte {when} at de endelige karakterene for *{test}*{title} er "
        "bekreftet, så jeg har ikke endret noe.",
        "en": "Inspera reported {when} that the final grades for *{test}*{title} are "
        "confirmed, so I changed nothing.",
    },
    "report.confirm.not_yours": {
        "nb": "Bare studiekonsulentene for {test} kan bekrefte de endelige karakterene, så jeg "
        "har ikke endret noe.",
        "en": "Only the study consultants of {test} can confirm the final grades, so I changed "
        "nothing.",
    },
    "report.confirm.not_open": {
        "nb": "{test} er ikke åpen for vurdering, så jeg har ikke endret noe.",
        "en": "{test} is not open for marking, so I changed nothing.",
    },
    # -- where a test's grades are set (Home tab, `/sensur status`) -------------------
    "report.grades_in.inspera": {
        "nb": "Karakterene settes og godkjennes i Inspera.",
        "en": "Grades are set and approved in Inspera.",
    },
    "report.grades_in.sensorbot": {
        "nb": "Karakterene samles i Sensorbot; studiekonsulenten legger dem inn i Inspera.",
        "en": "Grades are collected in Sensorbot; the study consultant puts them into Inspera.",
    },
    "home.action.report_done": {
        "nb": "{committees}: godkjenn sensuren din i Inspera, og si fra her når du er ferdig.",
        "en": "{committees}: approve your grading in Inspera, then tell me here.",
    },
    "home.action.confirm_final": {
        "nb": "Alle sensorene har meldt ferdig. Bekreft når de endelige karakterene er "
        "bekreftet i Inspera.",
        "en": "All graders have reported done. Confirm once the final grades are confirmed in "
        "Inspera.",
    },
    "report.home.committee": {
        "nb": "Kommisjon {committee}: meldt ferdig: {reported} · ikke meldt: {unreported}",
        "en": "Committee {committee}: reported done: {reported} · not reported: {unreported}",
    },
    "report.home.complaint_committee": {
        "nb": "Klagekommisjon {committee}: meldt ferdig: {reported} · ikke meldt: {unreported}",
        "en": "Complaint committee {committee}: reported done: {reported} · not reported: "
        "{unreported}",
    },
    "report.home.nobody": {"nb": "ingen", "en": "nobody"},
}
