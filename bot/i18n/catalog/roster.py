"""Roster import (SPEC §9.4): where a problem is, what it is, and the import's summary.

Sheet and column names are the workbook's own (the contract's names) in both languages.
Every `roster.problem.*` key is one kind of problem a workbook can have. The blank
template's instructions sheet is `roster.template.*`, with one `roster.column.<sheet>.<column>`
key per column of every sheet saying what goes in it.
"""

MESSAGES = {
    # --- where a problem is -----------------------------------------------------------
    "roster.place.workbook": {
        "nb": "Arbeidsboken",
        "en": "Workbook",
    },
    "roster.place.row": {
        "nb": "{sheet} rad {row}",
        "en": "{sheet} row {row}",
    },
    "roster.place.column": {
        "nb": "{sheet}, kolonne {column}",
        "en": "{sheet}, column {column}",
    },
    "roster.place.cell": {
        "nb": "{sheet} rad {row}, kolonne {column}",
        "en": "{sheet} row {row}, column {column}",
    },
    # --- the file -----------------------------------------------------------------------
    "roster.problem.file_not_found": {
        "nb": "fant ikke filen: {path}",
        "en": "file not found: {path}",
    },
    "roster.problem.unreadable": {
        "nb": "ikke en lesbar .xlsx-arbeidsbok: {name} ({detail})",
        "en": "not a readable .xlsx workbook: {name} ({detail})",
    },
    "roster.problem.xml_entities": {
        "nb": "{name} inneholder XML-entitetsdeklarasjoner, som avvises av sikkerhetshensyn "
        "({cause}); lagre den på nytt fra Excel",
        "en": "{name} contains XML entity declarations, which are refused for safety "
        "({cause}); save it again from Excel",
    },
    # --- sheets and columns -------------------------------------------------------------
    "roster.problem.sheet_repeated": {
        "nb": "flere ark har dette navnet; bare det første ble lest, behold ett",
        "en": "more than one sheet has this name; only the first was read, keep one",
    },
    "roster.problem.sheet_missing": {
        "nb": "påkrevd ark mangler (ark i arbeidsboken: {found})",
        "en": "required sheet is missing (sheets found: {found})",
    },
    "roster.problem.sheet_missing_no_sheets": {
        "nb": "påkrevd ark mangler (arbeidsboken har ingen ark)",
        "en": "required sheet is missing (sheets found: none)",
    },
    "roster.problem.column_missing": {
        "nb": "påkrevd kolonne mangler: skriv navnet i første rad",
        "en": "required column is missing: put its name in the first row",
    },
    "roster.problem.column_missing_close": {
        "nb": "påkrevd kolonne mangler; kolonne {letter} heter `{header}` — er den ment å være "
        "denne, så rett overskriften",
        "en": "required column is missing; column {letter} is headed `{header}` — if that is "
        "meant to be it, correct the header",
    },
    "roster.problem.column_repeated": {
        "nb": "denne kolonnen finnes mer enn én gang; behold én",
        "en": "this column appears more than once; keep one",
    },
    # --- cells --------------------------------------------------------------------------
    "roster.problem.cell_empty": {
        "nb": "påkrevd; cellen er tom",
        "en": "required; the cell is empty",
    },
    "roster.problem.too_long": {
        "nb": "for lang: høyst {limit} tegn",
        "en": "too long: at most {limit} characters",
    },
    "roster.problem.formula_like": {
        "nb": "begynner med =, +, - eller @, så Excel ville lest kandidat-ID-en som en formel; "
        "skriv den uten tegnet foran",
        "en": "starts with =, +, - or @, so Excel would read the candidate ID as a formula; "
        "write it without the leading sign",
    },
    "roster.problem.email": {
        "nb": "ikke en e-postadresse (forventet noe som navn@ntnu.no)",
        "en": "not an e-mail address (expected something like name@ntnu.no)",
    },
    "roster.problem.email_list_empty": {
        "nb": "ingen e-postadresse oppgitt (skill flere med , eller ;)",
        "en": "no e-mail address given (separate several with , or ;)",
    },
    "roster.problem.email_list_bad": {
        "nb": "ikke en e-postadresse: {addresses} (skill flere med , eller ;)",
        "en": "not an e-mail address: {addresses} (separate several with , or ;)",
    },
    "roster.problem.yes_no": {
        "nb": "forventet ja eller nei (også yes/no, true/false, 1/0)",
        "en": "expected yes or no (also ja/nei, true/false, 1/0)",
    },
    "roster.problem.choice": {
        "nb": "tillatt: {allowed}",
        "en": "allowed: {allowed}",
    },
    "roster.problem.datetime_text": {
        "nb": "ikke et tidspunkt (forventet en datocelle fra Excel eller tekst som "
        "2026-12-10 09:00)",
        "en": "not a date-time (expected an Excel date cell or text like 2026-12-10 09:00)",
    },
    "roster.problem.datetime_cell": {
        "nb": "ikke et tidspunkt: formater cellen som dato, eller skriv tekst som 2026-12-10 09:00",
        "en": "not a date-time: format the cell as a date, or write text like 2026-12-10 09:00",
    },
    "roster.problem.local_time_missing": {
        "nb": "dette klokkeslettet finnes ikke i {zone} (klokken ble stilt fram)",
        "en": "this local time does not exist in {zone} (the clocks moved forward)",
    },
    "roster.problem.grading_before_submission": {
        "nb": "må være etter innleveringsfristen ({submission})",
        "en": "must be after the submission deadline ({submission})",
    },
    "roster.problem.channel_id": {
        "nb": "forventet en Slack-kanal-ID som C0123ABCDE (i kanaldetaljene, nederst), "
        "ikke et kanalnavn",
        "en": "expected a Slack channel id like C0123ABCDE (channel details, at the bottom), "
        "not a channel name",
    },
    # --- keys and references --------------------------------------------------------------
    "roster.problem.duplicate": {
        "nb": "{column} står to ganger: finnes allerede i rad {first}",
        "en": "duplicate {column}: already on row {first}",
    },
    "roster.problem.duplicate_membership": {
        "nb": "sensoren står to ganger på denne prøven og kommisjonen: "
        "finnes allerede i rad {first}",
        "en": "duplicate grader on this test and committee: already on row {first}",
    },
    "roster.problem.unknown_test": {
        "nb": "ukjent prøve: ikke i arket Tests og ikke importert før",
        "en": "unknown test: not in the Tests sheet and not imported before",
    },
    "roster.problem.unknown_test_close": {
        "nb": "ukjent prøve: ikke i arket Tests og ikke importert før (mente du {close!r}?)",
        "en": "unknown test: not in the Tests sheet and not imported before "
        "(did you mean {close!r}?)",
    },
    "roster.problem.unknown_grader": {
        "nb": "ukjent sensor: ikke i arket Graders og ikke importert før",
        "en": "unknown grader: not in the Graders sheet and not imported before",
    },
    # --- explanations, complaints and complaint committees (the act, SPEC §2.5) -----------
    "roster.problem.purpose_mixed": {
        "nb": "radene for kommisjon {committee} har ulikt formål (complaint i rad "
        "{complaint_rows}, grading i rad {grading_rows}); alle radene i en kommisjon må ha "
        "samme purpose",
        "en": "the rows of committee {committee} disagree on purpose (complaint on rows "
        "{complaint_rows}, grading on rows {grading_rows}); every row of a committee needs "
        "the same purpose",
    },
    "roster.problem.complaint_committee_unnamed": {
        "nb": "en klagekommisjon må ha et navn i kolonnen committee",
        "en": "a complaint committee needs a name in the committee column",
    },
    "roster.problem.complaint_committee_too_small": {
        "nb": "klagekommisjonen {committee} har bare én sensor; ved klagesensur skal det være "
        "minst to nye sensorer (universitets- og høyskoleloven § 11-11)",
        "en": "complaint committee {committee} has only one grader; complaint grading needs at "
        "least two new graders (universitets- og høyskoleloven § 11-11)",
    },
    "roster.problem.complaint_committee_no_external": {
        "nb": "klagekommisjonen {committee} har ingen ekstern sensor; ved klagesensur skal minst "
        "én av sensorene være ekstern (universitets- og høyskoleloven § 11-11)",
        "en": "complaint committee {committee} has no external grader; in complaint grading at "
        "least one of the graders must be external (universitets- og høyskoleloven § 11-11)",
    },
    "roster.problem.complaint_grader_graded_before": {
        "nb": "{graders} i klagekommisjonen {committee} satt i kandidatens kommisjon "
        "{original} ved ordinær sensur; klagesensorene skal være nye sensorer "
        "(universitets- og høyskoleloven § 11-11)",
        "en": "{graders} of complaint committee {committee} sat in the candidate's committee "
        "{original} in the ordinary grading; complaint graders must be new graders "
        "(universitets- og høyskoleloven § 11-11)",
    },
    "roster.problem.complaint_oral": {
        "nb": "{test} er en muntlig eller praktisk prøve (oral_or_practical = ja), og den kan "
        "ikke påklages (universitets- og høyskoleloven § 11-10)",
        "en": "{test} is an oral or practical test (oral_or_practical = yes), which cannot be "
        "appealed (universitets- og høyskoleloven § 11-10)",
    },
    "roster.problem.complaint_no_results": {
        "nb": "resultatet for {test} er ikke kunngjort (results_published er tom), og klagefristen "
        "løper fra kunngjøringen (universitets- og høyskoleloven § 11-10); fyll inn "
        "results_published i arket Tests",
        "en": "the result of {test} has not been announced (results_published is blank), and "
        "the time to complain runs from the announcement (universitets- og høyskoleloven "
        "§ 11-10); fill in results_published in the Tests sheet",
    },
    "roster.problem.complaint_before_results": {
        "nb": "klagen er mottatt før resultatet ble kunngjort ({published}); det kan bare klages "
        "på et kunngjort resultat (universitets- og høyskoleloven § 11-10). Sjekk received_at "
        "her og results_published i arket Tests",
        "en": "the complaint was received before the result was announced ({published}); only "
        "an announced result can be appealed (universitets- og høyskoleloven § 11-10). Check "
        "received_at here and results_published in the Tests sheet",
    },
    "roster.problem.complaint_no_final_grade": {
        "nb": "kandidaten har ingen endelig karakter i Sensorbot ennå (kommisjonen har ikke "
        "godkjent felles sensur), så det er ingen karakter å klage på",
        "en": "the candidate has no final grade in Sensorbot yet (the committee has not "
        "approved its final grades), so there is no grade to appeal",
    },
    "roster.problem.complaint_unknown_committee": {
        "nb": "{committee} er ingen klagekommisjon for {test}; legg den inn i arket Committees "
        "med purpose = complaint",
        "en": "{committee} is not a complaint committee of {test}; add it to the Committees "
        "sheet with purpose = complaint",
    },
    "roster.problem.complaint_held": {
        "nb": "klagen er allerede sensurert og venter på ny vurdering (klagekarakteren er to "
        "karakterer eller mer fra den opprinnelige), så den kan ikke endres ved import",
        "en": "the complaint is already graded and waits to be assessed again (the complaint "
        "grade is two or more grades from the original), so an import cannot change it",
    },
    "roster.problem.complaint_final": {
        "nb": "klagesensuren for kandidaten er endelig, så klagen kan ikke endres ved import",
        "en": "the complaint grade of this candidate is final, so an import cannot change the "
        "complaint",
    },
    "roster.problem.unknown_candidate": {
        "nb": "ukjent kandidat: ikke i arket Candidates for denne prøven og ikke importert før",
        "en": "unknown candidate: not in the Candidates sheet for this test and not imported "
        "before",
    },
    "roster.problem.candidate_absent": {
        "nb": "kandidaten leverte ikke (status absent i arket Candidates) og har ingen karakter",
        "en": "the candidate did not submit (status absent in the Candidates sheet) and has no "
        "grade",
    },
    "roster.problem.explanation_no_results": {
        "nb": "resultatet for {test} er ikke kunngjort (results_published er tom), og fristen "
        "for å be om begrunnelse løper fra kunngjøringen (universitets- og høyskoleloven "
        "§ 11-8); fyll inn results_published i arket Tests",
        "en": "the result of {test} has not been announced (results_published is blank), and "
        "the time to ask for an explanation runs from the announcement (universitets- og "
        "høyskoleloven § 11-8); fill in results_published in the Tests sheet",
    },
    "roster.problem.candidate_in_complaint_committee": {
        "nb": "{committee} er en klagekommisjon, og klagekandidatene hentes fra arket "
        "Complaints; skriv kandidatens ordinære kommisjon her",
        "en": "{committee} is a complaint committee, and complaint candidates come from the "
        "Complaints sheet; give the candidate's ordinary committee here",
    },
    "roster.problem.duplicate_explanation": {
        "nb": "samme forespørsel (prøve, kandidat og tidspunkt) står allerede i rad {first}",
        "en": "the same request (test, candidate and time) is already on row {first}",
    },
    "roster.problem.duplicate_complaint": {
        "nb": "kandidaten har allerede en klage på denne prøven i rad {first}; én klage per "
        "kandidat og prøve",
        "en": "the candidate already has a complaint on this test on row {first}; one "
        "complaint per candidate and test",
    },
    # --- warnings: the import goes on ---------------------------------------------------
    "roster.warning.unknown_column": {
        "nb": "{sheet}, kolonne {letter} `{header}`: ikke en kolonne Sensorbot kjenner; "
        "den ble ikke lest.",
        "en": "{sheet}, column {letter} `{header}`: not a column Sensorbot knows; it was not read.",
    },
    "roster.warning.unknown_column_close": {
        "nb": "{sheet}, kolonne {letter} `{header}`: ikke en kolonne Sensorbot kjenner — mente "
        "du `{close}`? Den ble ikke lest.",
        "en": "{sheet}, column {letter} `{header}`: not a column Sensorbot knows — did you "
        "mean `{close}`? It was not read.",
    },
    "roster.warning.unknown_column_default": {
        "nb": "{sheet}, kolonne {letter} `{header}`: ikke en kolonne Sensorbot kjenner — mente "
        "du `{close}`? Den ble ikke lest, så {close} fikk standardverdien.",
        "en": "{sheet}, column {letter} `{header}`: not a column Sensorbot knows — did you "
        "mean `{close}`? It was not read, so {close} took its default.",
    },
    # --- the summary of an import ---------------------------------------------------------
    "roster.report.sheet": {
        "nb": "{sheet}: {created} opprettet, {updated} endret, {unchanged} uendret",
        "en": "{sheet}: {created} created, {updated} updated, {unchanged} unchanged",
    },
    "roster.report.sheet_with_removed": {
        "nb": "{sheet}: {created} opprettet, {updated} endret, {unchanged} uendret, "
        "{removed} fjernet",
        "en": "{sheet}: {created} created, {updated} updated, {unchanged} unchanged, "
        "{removed} removed",
    },
    "roster.report.sheet_with_late": {
        "nb": "{sheet}: {created} opprettet, {updated} endret, {unchanged} uendret; av de nye "
        "og endrede kom {late} for sent",
        "en": "{sheet}: {created} created, {updated} updated, {unchanged} unchanged; of the "
        "new and updated, {late} came late",
    },
    "roster.report.grading_in.inspera": {
        "nb": "{test} sensureres nå i Inspera: sensorene setter og godkjenner karakterene der og "
        "sier fra til Sensorbot når de er ferdige, i stedet for å sende karakterene hit. "
        "Karakterer som alt er lagret i Sensorbot, blir liggende.",
        "en": "{test} is now marked in Inspera: graders set and approve the grades there and "
        "tell Sensorbot when their part is done, instead of sending grades here. Grades "
        "already stored in Sensorbot stay.",
    },
    "roster.report.grading_in.inspera_default": {
        "nb": "(grading_in er tom, og en prøve med innleveringer sensureres i Inspera; skriv "
        "grading_in = sensorbot for å sensurere den i Sensorbot som før.)",
        "en": "(grading_in is blank, and a test with submissions is marked in Inspera; write "
        "grading_in = sensorbot to keep marking it in Sensorbot.)",
    },
    "roster.report.grading_in.sensorbot": {
        "nb": "{test} sensureres nå i Sensorbot: sensorene sender karakterene hit og godkjenner "
        "dem her, og konsulenten importerer de endelige karakterene i Inspera.",
        "en": "{test} is now marked in Sensorbot: graders send their grades here and approve "
        "them here, and the consultant imports the final grades into Inspera.",
    },
    "roster.report.grading_in.sensorbot_default": {
        "nb": "(grading_in er tom, og en prøve med bare karakterregistrering sensureres i "
        "Sensorbot; skriv grading_in = inspera for å sensurere den i Inspera.)",
        "en": "(grading_in is blank, and a registration-only test is marked in Sensorbot; "
        "write grading_in = inspera to mark it in Inspera.)",
    },
    "roster.report.deadline_moved": {
        "nb": "Sensurfristen for {test} er regnet ut på nytt etter dagens regler: {new}; "
        "før var den {old}.",
        "en": "The grading deadline of {test} was worked out again by today's rules: {new}; "
        "it was {old}.",
    },
    "roster.report.opened": {
        "nb": "Åpnet for sensur ved denne importen: {tests}",
        "en": "Opened for marking by this import: {tests}",
    },
    # --- progress stages, as shown on a terminal ------------------------------------------
    "roster.stage.reading": {
        "nb": "leser",
        "en": "reading",
    },
    "roster.stage.validating": {
        "nb": "kontrollerer",
        "en": "validating",
    },
    "roster.stage.writing": {
        "nb": "lagrer",
        "en": "writing",
    },
    # --- the blank template's instructions sheet ---------------------------------------
    "roster.template.sheet_title": {
        "nb": "Veiledning",
        "en": "Instructions",
    },
    "roster.template.general.purpose": {
        "nb": "Sensorbots arbeidsbok for prøver, sensorer og kommisjoner. Fyll ut arkene Tests, "
        "Graders, Committees og Candidates (Departments, Explanations og Complaints er "
        "valgfrie), og kjør deretter: sensorbot import FIL.xlsx",
        "en": "Sensorbot roster workbook. Fill in the sheets Tests, Graders, Committees and "
        "Candidates (Departments, Explanations and Complaints are optional), then run: "
        "sensorbot import FILE.xlsx",
    },
    "roster.template.general.headers": {
        "nb": "Rad 1 i hvert ark inneholder kolonnenavnene; ikke endre dem. Andre kolonner blir "
        "ikke lest, og importen nevner dem i tilfelle en er feilstavet. Tomme rader hoppes over.",
        "en": "Row 1 of each sheet holds the column names; do not change them. Other columns "
        "are not read, and the import names them in case one is misspelt. Blank rows are "
        "skipped.",
    },
    "roster.template.general.english_names": {
        "nb": "Arknavn, kolonnenavn og valgverdier (som letter og passfail) skrives på engelsk, "
        "slik de står her; nedtrekkslistene viser de gyldige verdiene.",
        "en": "Sheet names, column names and choice values (such as letter and passfail) are "
        "written as they stand here; the dropdowns show the valid values.",
    },
    "roster.template.general.dates": {
        "nb": "Tidspunkter: en datocelle i Excel, eller tekst som 2026-12-10 09:00, i "
        "universitetets tidssone.",
        "en": "Dates: an Excel date cell, or text like 2026-12-10 09:00, in the university's "
        "time zone.",
    },
    "roster.template.general.yes_no": {
        "nb": "Ja/nei-celler godtar ja/nei, yes/no, true/false, 1/0.",
        "en": "Yes/no cells accept yes/no, ja/nei, true/false, 1/0.",
    },
    "roster.template.general.reimport": {
        "nb": "En ny import oppdaterer etter nøkkel. For hver prøve som står i Committees "
        "(eller Candidates), er det arket hele listen: rader som er utelatt, blir fjernet. "
        "Begrunnelser og klager blir aldri fjernet.",
        "en": "Re-importing updates by key. For every test listed in Committees (or "
        "Candidates), that sheet is the whole list: rows left out are removed. Explanation "
        "requests and complaints are never removed.",
    },
    "roster.template.general.rejected": {
        "nb": "En arbeidsbok med feil blir avvist i sin helhet, med alle feilene listet opp; "
        "ingenting lagres før alle er rettet.",
        "en": "A workbook with any problem is rejected whole, with every problem listed; "
        "nothing is stored until all are fixed.",
    },
    "roster.template.header.sheet": {
        "nb": "ark",
        "en": "sheet",
    },
    "roster.template.header.column": {
        "nb": "kolonne",
        "en": "column",
    },
    "roster.template.header.required": {
        "nb": "påkrevd",
        "en": "required",
    },
    "roster.template.header.meaning": {
        "nb": "betydning",
        "en": "meaning",
    },
    "roster.template.yes": {
        "nb": "ja",
        "en": "yes",
    },
    "roster.template.no": {
        "nb": "nei",
        "en": "no",
    },
    "roster.template.in_optional_sheet": {
        "nb": "{answer} (valgfritt ark)",
        "en": "{answer} (optional sheet)",
    },
    # --- what goes in each column (SPEC §9.4) ---------------------------------------------
    "roster.column.tests.test_id": {
        "nb": "prøvens unike nøkkel, f.eks. TDT4100-2026H",
        "en": "the test's unique key, e.g. TDT4100-2026H",
    },
    "roster.column.tests.course_code": {
        "nb": "emnekode, f.eks. TDT4100",
        "en": "course code, e.g. TDT4100",
    },
    "roster.column.tests.title": {
        "nb": "prøvens tittel, fritekst, f.eks. Objektorientert programmering",
        "en": "the test's title, free text, e.g. Object-Oriented Programming",
    },
    "roster.column.tests.department": {
        "nb": "instituttet som har emnet, f.eks. IDI",
        "en": "the department running the course, e.g. IDI",
    },
    "roster.column.tests.consultant_emails": {
        "nb": "e-postadressen til studiekonsulenten(e), én eller flere, skilt med , eller ;",
        "en": "the study consultants' e-mail addresses, one or more, separated by , or ;",
    },
    "roster.column.tests.submission_deadline": {
        "nb": "innleveringsfrist, tidspunkt, f.eks. 2026-12-10 09:00",
        "en": "submission deadline, a date-time, e.g. 2026-12-10 09:00",
    },
    "roster.column.tests.grading_deadline": {
        "nb": "sensurfrist; tom = slutten av 15. virkedag etter eksamensdagen",
        "en": "grading deadline; blank = end of the 15th working day after the exam day",
    },
    "roster.column.tests.grade_scale": {
        "nb": "letter (bokstavkarakter A–F) eller passfail (bestått/ikke bestått)",
        "en": "letter (grades A–F) or passfail (pass/fail)",
    },
    "roster.column.tests.marking_mode": {
        "nb": "private (standard: hver sensor setter egne karakterer) eller shared (felles "
        "sensur i kommisjonen)",
        "en": "private (default: each grader marks on their own) or shared (the committee "
        "marks together)",
    },
    "roster.column.tests.own_approval": {
        "nb": "committee (standard: sensor godkjenner hver kommisjon for seg) eller "
        "all_committees (alle kommisjonene sensoren er med i, samlet)",
        "en": "committee (default: a grader approves each committee on its own) or "
        "all_committees (all the grader's committees together)",
    },
    "roster.column.tests.final_approval": {
        "nb": "all (standard: alle sensorene i kommisjonen godkjenner endelig) eller one (én "
        "av dem)",
        "en": "all (default: every grader of the committee gives final approval) or one (one "
        "of them)",
    },
    "roster.column.tests.opened_for_marking": {
        "nb": "tidspunktet prøven ble åpnet for sensur; tom = ikke åpnet",
        "en": "date-time the test was opened for marking; blank = not opened",
    },
    "roster.column.tests.guideline_published": {
        "nb": "ja/nei: sensorveiledningen er publisert; tom = ukjent",
        "en": "yes/no: the grading guideline is published; blank = unknown",
    },
    "roster.column.tests.registration_only": {
        "nb": "ja/nei: bare registrering av karakterer, uten innleveringer; standard nei",
        "en": "yes/no: grade registration only, without submissions; default no",
    },
    "roster.column.tests.grading_in": {
        "nb": "inspera (sensorene setter og godkjenner karakterene i Inspera) eller sensorbot "
        "(karakterene samles og godkjennes i Sensorbot); tom = sensorbot for prøver med bare "
        "karakterregistrering, ellers inspera",
        "en": "inspera (graders set and approve grades in Inspera) or sensorbot (grades are "
        "collected and approved in Sensorbot); blank = sensorbot for registration-only "
        "tests, else inspera",
    },
    "roster.column.tests.inspera_test_id": {
        "nb": "prøvens ID i Inspera, for koblingen mot Inspera",
        "en": "the test's id in Inspera, for the Inspera connector",
    },
    "roster.column.tests.oral_or_practical": {
        "nb": "ja/nei: muntlig, praktisk eller lignende prøve som ikke kan etterprøves, og "
        "derfor ikke kan påklages; standard nei",
        "en": "yes/no: an oral, practical or similar test that cannot be re-checked, and so "
        "cannot be appealed; default no",
    },
    "roster.column.tests.results_published": {
        "nb": "tidspunktet resultatet ble kunngjort for studentene; fristene for begrunnelse "
        "og klage løper fra det. Tom = uendret",
        "en": "date-time the result was announced to the students; the explanation and "
        "complaint windows run from it. Blank = unchanged",
    },
    "roster.column.graders.email": {
        "nb": "sensorens e-postadresse, slik den står i Slack",
        "en": "the grader's e-mail address, as in Slack",
    },
    "roster.column.graders.name": {
        "nb": "sensorens navn, fritekst",
        "en": "the grader's name, free text",
    },
    "roster.column.graders.kind": {
        "nb": "internal (intern sensor) eller external (ekstern sensor)",
        "en": "internal or external grader",
    },
    "roster.column.graders.inspera_email": {
        "nb": "adressen registrert i FS/Inspera når den er en annen; invitasjoner går dit",
        "en": "address registered in FS/Inspera when it differs; invitations go there",
    },
    "roster.column.graders.appointed": {
        "nb": "ja/nei: oppnevnt som sensor (eksterne sensorer)",
        "en": "yes/no: appointed as a grader (external graders)",
    },
    "roster.column.graders.access_agreement": {
        "nb": "ja/nei: har signert tilgangsavtale (eksterne sensorer)",
        "en": "yes/no: has signed the access agreement (external graders)",
    },
    "roster.column.graders.norwegian_id": {
        "nb": "ja/nei: har norsk ID-nummer og kan bruke ID-porten",
        "en": "yes/no: has a Norwegian ID number and can use ID-porten",
    },
    "roster.column.graders.university_user_activated": {
        "nb": "ja/nei: har aktivert universitetsbrukeren sin",
        "en": "yes/no: has activated their university user account",
    },
    "roster.column.committees.test_id": {
        "nb": "en prøve i arket Tests eller importert før",
        "en": "a test of the Tests sheet or already imported",
    },
    "roster.column.committees.committee": {
        "nb": "kommisjonens navn; tom = på prøven, men ikke i noen kommisjon",
        "en": "the committee's name; blank = on the test but in no committee",
    },
    "roster.column.committees.grader_email": {
        "nb": "en sensor i arket Graders eller importert før; én rad per sensor og prøve",
        "en": "a grader of the Graders sheet or already imported; one row per grader and test",
    },
    "roster.column.committees.purpose": {
        "nb": "grading (standard: ordinær sensur) eller complaint (klagekommisjon; kandidatene "
        "hentes fra arket Complaints); samme verdi på alle radene i en kommisjon",
        "en": "grading (default: ordinary grading) or complaint (a complaint committee; its "
        "candidates come from the Complaints sheet); the same on every row of a committee",
    },
    "roster.column.candidates.test_id": {
        "nb": "en prøve i arket Tests eller importert før",
        "en": "a test of the Tests sheet or already imported",
    },
    "roster.column.candidates.candidate_id": {
        "nb": "kandidatnummer",
        "en": "candidate number",
    },
    "roster.column.candidates.committee": {
        "nb": "kommisjonen kandidaten er fordelt til; tom = ikke fordelt",
        "en": "the committee the candidate is assigned to; blank = not assigned",
    },
    "roster.column.candidates.status": {
        "nb": "submitted (levert; på registreringsprøver: møtt), absent (ikke levert/ikke "
        "møtt) eller redelivery (fortsatt åpen for ny innlevering)",
        "en": "submitted (for registration-only tests: attended), absent (did not submit or "
        "attend) or redelivery (still open for redelivery)",
    },
    "roster.column.departments.department": {
        "nb": "institutt, f.eks. IDI",
        "en": "department, e.g. IDI",
    },
    "roster.column.departments.escalation_channel": {
        "nb": "ID-en til Slack-kanalen der instituttets saker meldes, f.eks. C0123ABCDE",
        "en": "id of the Slack channel for the department's escalations, e.g. C0123ABCDE",
    },
    "roster.column.explanations.test_id": {
        "nb": "prøven kandidaten ba om begrunnelse for; resultatet må være kunngjort "
        "(results_published)",
        "en": "the test the candidate asked for an explanation of; its result must be "
        "announced (results_published)",
    },
    "roster.column.explanations.candidate_id": {
        "nb": "kandidatnummeret; kandidaten må ha levert",
        "en": "the candidate number; the candidate must have submitted",
    },
    "roster.column.explanations.requested_at": {
        "nb": "når studenten ba om begrunnelse; den skal gis innen to uker, og en forespørsel "
        "mer enn en uke etter kunngjøringen merkes som for sen",
        "en": "when the student asked for the explanation; it is due two weeks later, and a "
        "request more than a week after the announcement is flagged late",
    },
    "roster.column.complaints.test_id": {
        "nb": "prøven det klages på; resultatet må være kunngjort, og muntlige og praktiske "
        "prøver kan ikke påklages",
        "en": "the test appealed; its result must be announced, and oral and practical tests "
        "cannot be appealed",
    },
    "roster.column.complaints.candidate_id": {
        "nb": "kandidatnummeret; én klage per kandidat og prøve",
        "en": "the candidate number; one complaint per candidate and test",
    },
    "roster.column.complaints.received_at": {
        "nb": "når klagen kom inn; mer enn tre uker etter kunngjøringen (eller etter "
        "begrunnelsen) merkes den som for sen",
        "en": "when the complaint came in; more than three weeks after the announcement (or "
        "after the explanation) it is flagged late",
    },
    "roster.column.complaints.complaint_committee": {
        "nb": "en kommisjon for prøven med purpose = complaint: minst to sensorer, minst én "
        "ekstern, ingen fra kandidatens ordinære kommisjon",
        "en": "a committee of the test with purpose = complaint: at least two graders, at "
        "least one external, none from the candidate's ordinary committee",
    },
    "roster.column.complaints.explanation_received_at": {
        "nb": "når studenten fikk begrunnelsen, om hen ba om en; klagefristen løper da derfra",
        "en": "when the student got the explanation, if they asked for one; the time to "
        "complain then runs from it",
    },
}
