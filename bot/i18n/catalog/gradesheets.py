"""Grade sheets: receiving, preview, apply/undo/reset, template and export (SPEC §3.5)."""

MESSAGES = {
    # -- the file as a whole -------------------------------------------------------------
    "gradesheet.file.too_large": {
        "nb": "`{filename}` er større enn {limit_mb} MB, så jeg leser den ikke. Et karakterark "
        "trenger bare kolonnene Kandidat-ID og Karakter – slett andre ark, bilder og kolonner, "
        "og send det igjen.",
        "en": "`{filename}` is larger than {limit_mb} MB, so I won't read it. A grade sheet "
        "only needs the Candidate ID and Grade columns – delete other sheets, pictures and "
        "columns, and send it again.",
    },
    "gradesheet.file.legacy_xls": {
        "nb": "`{filename}` er i det gamle Excel-formatet (.xls), som Inspera ikke leser. "
        "Åpne den i Excel, velg Fil → Lagre som → Excel-arbeidsbok (.xlsx), og send den igjen.",
        "en": "`{filename}` is in the old Excel format (.xls), which Inspera does not read. "
        "Open it in Excel, choose File → Save As → Excel Workbook (.xlsx), and send it again.",
    },
    "gradesheet.file.encrypted": {
        "nb": "`{filename}` er passordbeskyttet (kryptert), så jeg kan ikke lese den. Fjern "
        "passordet (Fil → Info → Beskytt arbeidsbok → Krypter med passord → tomt passord), "
        "lagre og send den igjen.",
        "en": "`{filename}` is password-protected (encrypted), so I can't read it. Remove the "
        "password (File → Info → Protect Workbook → Encrypt with Password → empty password), "
        "save and send it again.",
    },
    "gradesheet.file.other_office_file": {
        "nb": "`{filename}` er et Office-dokument, men ikke en Excel-arbeidsbok (kanskje et "
        "Word-dokument?). Send karakterarket som .xlsx eller .csv.",
        "en": "`{filename}` is an Office document but not an Excel workbook (a Word "
        "document, perhaps?). Send the grade sheet as .xlsx or .csv.",
    },
    "gradesheet.file.pdf": {
        "nb": "`{filename}` er en PDF, ikke et regneark, så jeg kan ikke lese karakterene i "
        "den. Send karakterarket som Excel-arbeidsbok (.xlsx) eller .csv.",
        "en": "`{filename}` is a PDF, not a spreadsheet, so I can't read grades from it. "
        "Send the grade sheet as an Excel Workbook (.xlsx) or .csv.",
    },
    "gradesheet.file.zero_bytes": {
        "nb": "`{filename}` er en tom fil (0 byte) – ble den lagret før du sendte den? "
        "Lagre arket i Excel og send det igjen.",
        "en": "`{filename}` is an empty file (0 bytes) – was it saved before you sent it? "
        "Save the sheet in Excel and send it again.",
    },
    "gradesheet.file.unsupported_type": {
        "nb": "Jeg leser karakterark som .xlsx eller .csv, og `{filename}` er en .{extension}-fil. "
        "Lagre arket som Excel-arbeidsbok (.xlsx) og send det igjen.",
        "en": "I read grade sheets as .xlsx or .csv, and `{filename}` is a .{extension} file. "
        "Save the sheet as an Excel Workbook (.xlsx) and send it again.",
    },
    "gradesheet.file.renamed_text": {
        "nb": "`{filename}` heter .xlsx, men er en tekstfil, ikke en Excel-arbeidsbok (har den "
        "fått nytt navn?). Er det en CSV-fil, gi den endelsen .csv; ellers åpne den i Excel "
        "og lagre som Excel-arbeidsbok (.xlsx).",
        "en": "`{filename}` is called .xlsx but is a text file, not an Excel workbook (was it "
        "renamed?). If it is a CSV file, give it the .csv ending; otherwise open it in Excel "
        "and save it as an Excel Workbook (.xlsx).",
    },
    "gradesheet.file.corrupt": {
        "nb": "`{filename}` er skadet, så jeg får ikke lest den. Åpne den i Excel, lagre den "
        "på nytt som Excel-arbeidsbok (.xlsx) og send den igjen.",
        "en": "`{filename}` is damaged, so I can't read it. Open it in Excel, save it again as "
        "an Excel Workbook (.xlsx) and send it again.",
    },
    "gradesheet.file.zip_bomb": {
        "nb": "`{filename}` ville pakket seg ut til mer enn {limit_mb} MB, langt mer enn et "
        "karakterark trenger, så jeg åpner den ikke. Kopier kolonnene Kandidat-ID og Karakter "
        "til en ny arbeidsbok og send den.",
        "en": "`{filename}` would unpack to more than {limit_mb} MB, far more than a grade "
        "sheet needs, so I won't open it. Copy the Candidate ID and Grade columns into a new "
        "workbook and send that.",
    },
    "gradesheet.file.unsafe_xml": {
        "nb": "`{filename}` inneholder XML-konstruksjoner (entiteter) som Excel selv aldri "
        "skriver, så jeg åpner den ikke. Kopier cellene til en ny arbeidsbok og send den.",
        "en": "`{filename}` contains XML constructs (entities) that Excel itself never "
        "writes, so I won't open it. Copy the cells into a new workbook and send that.",
    },
    "gradesheet.file.too_many_rows": {
        "nb": "`{filename}` har mer enn {limit} rader (tomme rader og rader med innhold i "
        "andre kolonner teller også). Et karakterark har én rad per kandidat; del det opp "
        "eller slett radene som ikke er kandidater.",
        "en": "`{filename}` has more than {limit} rows (empty rows and rows with content in "
        "other columns count too). A grade sheet has one row per candidate; split it or "
        "delete the rows that are not candidates.",
    },
    "gradesheet.file.too_costly": {
        "nb": "`{filename}` har (eller sier at den har) mer enn {cells} celler, langt mer "
        "enn et karakterark trenger, så jeg leser den ikke. Kopier kolonnene Kandidat-ID og "
        "Karakter til en ny arbeidsbok og send den.",
        "en": "`{filename}` has (or says it has) more than {cells} cells, far more than a "
        "grade sheet needs, so I won't read it. Copy the Candidate ID and Grade columns "
        "into a new workbook and send that.",
    },
    "gradesheet.file.empty": {
        "nb": "`{filename}` er tom – jeg finner ingen celler med innhold i de synlige arkene.",
        "en": "`{filename}` is empty – I find no cells with content on its visible sheets.",
    },
    "gradesheet.file.no_header": {
        "nb": "Jeg finner ingen overskriftsrad i `{filename}`. Blant de første {rows} radene "
        "må én ha kolonnene {candidate_names} og {grade_names}. Skriv dem inn over "
        "kandidatene, eller bruk `/sensur mal`.",
        "en": "I can't find a header row in `{filename}`. Among the first {rows} rows, one "
        "must have the columns {candidate_names} and {grade_names}. Type them above the "
        "candidates, or use `/sensur template`.",
    },
    "gradesheet.file.not_utf8": {
        "nb": "`{filename}` er ikke lagret som UTF-8, så æ, ø og å kan bli feil. Lagre som "
        "«CSV UTF-8 (kommadelt)» i Excel, eller send arket som .xlsx.",
        "en": "`{filename}` is not saved as UTF-8, so special characters may come out wrong. "
        "Save it as “CSV UTF-8 (Comma delimited)” in Excel, or send the sheet as .xlsx.",
    },
    "gradesheet.file.bad_csv": {
        "nb": "`{filename}` kan ikke leses som CSV (feil rundt linje {line}). Åpne den i Excel "
        "og lagre som Excel-arbeidsbok (.xlsx).",
        "en": "`{filename}` cannot be read as CSV (a problem around line {line}). Open it in "
        "Excel and save it as an Excel Workbook (.xlsx).",
    },
    # -- fetching the file from Slack ----------------------------------------------------
    "gradesheet.download.not_authorised": {
        "nb": "Jeg fikk ikke lov til å laste ned `{filename}` fra Slack (Slack svarte med en "
        "innloggingsside i stedet for fila). Appen mangler trolig tilgangen «files:read»; "
        "si fra til {exam_office}. Ingenting er lagret.",
        "en": "I was not allowed to download `{filename}` from Slack (Slack answered with a "
        "sign-in page instead of the file). The app probably lacks the “files:read” "
        "permission; tell {exam_office}. Nothing was stored.",
    },
    "gradesheet.store_failed": {
        "nb": "Jeg fikk ikke lagret karakterarket ditt akkurat nå (databasen var opptatt). "
        "Ingenting er lagret; send fila igjen om et minutt.",
        "en": "I couldn't save your grade sheet just now (the database was busy). Nothing was "
        "stored; please send the file again in a minute.",
    },
    "gradesheet.download.failed": {
        "nb": "Jeg klarte ikke å laste ned `{filename}` fra Slack akkurat nå. Send fila igjen "
        "om litt. Ingenting er lagret.",
        "en": "I couldn't download `{filename}` from Slack just now. Please send the file "
        "again in a little while. Nothing was stored.",
    },
    # -- who and which test --------------------------------------------------------------
    "gradesheet.not_grader": {
        "nb": "Jeg finner deg ({email}) ikke som sensor på noen prøve, så jeg kan ikke ta imot "
        "karakterark fra deg. Skal du være sensor, kontakt studiekonsulenten på instituttet "
        "som har eksamenen.",
        "en": "I can't find you ({email}) as a grader on any test, so I can't take grade "
        "sheets from you. If you should be a grader, contact the study consultant at the "
        "department running the exam.",
    },
    "gradesheet.no_email": {
        "nb": "Jeg fikk ikke vite e-postadressen din fra Slack, så jeg vet ikke hvem du er. "
        "Prøv igjen om litt.",
        "en": "Slack did not tell me your e-mail address, so I don't know who you are. "
        "Please try again shortly.",
    },
    "gradesheet.choose_test": {
        "nb": "Hvilken prøve er `{filename}` for? Velg under, så sjekker jeg arket.",
        "en": "Which test is `{filename}` for? Choose below and I'll check the sheet.",
    },
    "gradesheet.choose_test.hint": {
        "nb": "Tips: med prøve-ID-en eller emnekoden i filnavnet finner jeg prøven selv.",
        "en": "Tip: with the test id or course code in the file name, I find the test myself.",
    },
    "gradesheet.choose_test.chosen": {
        "nb": "Prøve valgt: {test}. Jeg sjekker arket.",
        "en": "Test chosen: {test}. I'm checking the sheet.",
    },
    # -- problems in rows: where, what, fix ----------------------------------------------
    "gradesheet.where.row_candidate": {
        "nb": "Rad {row}, kandidat {candidate}",
        "en": "Row {row}, candidate {candidate}",
    },
    "gradesheet.where.row": {"nb": "Rad {row}", "en": "Row {row}"},
    "gradesheet.what.formula_without_value": {
        "nb": "cellen i {column} er en formel uten beregnet verdi",
        "en": "the {column} cell is a formula without a computed value",
    },
    "gradesheet.fix.formula_without_value": {
        "nb": "kopier kolonnen og lim inn som verdier (Lim inn utvalg → Verdier), lagre og "
        "send igjen",
        "en": "copy the column and paste it as values (Paste Special → Values), save and "
        "send again",
    },
    "gradesheet.what.missing_candidate": {
        "nb": "`{value}` står uten kandidatnummer",
        "en": "`{value}` has no candidate ID",
    },
    "gradesheet.fix.missing_candidate": {
        "nb": "fyll inn kandidatnummeret eller slett raden",
        "en": "fill in the candidate ID or delete the row",
    },
    "gradesheet.what.duplicate": {
        "nb": "kandidaten står også på rad {first_row}",
        "en": "the candidate is also on row {first_row}",
    },
    "gradesheet.fix.duplicate": {
        "nb": "behold én rad per kandidat",
        "en": "keep one row per candidate",
    },
    "gradesheet.what.unknown_candidate": {
        "nb": "ingen kandidat med dette nummeret på {test}",
        "en": "no candidate with this number on {test}",
    },
    "gradesheet.fix.unknown_candidate": {
        "nb": "sjekk nummeret mot kandidatlista i Inspera, eller slett raden",
        "en": "check the number against the candidate list in Inspera, or delete the row",
    },
    "gradesheet.what.absent": {
        "nb": "kandidaten møtte ikke eller leverte ikke, men har `{value}`",
        "en": "the candidate did not attend or submit, but has `{value}`",
    },
    "gradesheet.fix.absent": {
        "nb": "la cellen stå tom",
        "en": "leave it empty",
    },
    "gradesheet.what.redelivery": {
        "nb": "kandidaten er fortsatt åpen for ny innlevering, men har `{value}`",
        "en": "the candidate is still open for redelivery, but has `{value}`",
    },
    "gradesheet.fix.redelivery": {
        "nb": "la cellen stå tom til innleveringen er lukket; spør studiekonsulenten om dette "
        "er feil",
        "en": "leave it empty until the submission is closed; ask the study consultant if "
        "this is wrong",
    },
    "gradesheet.what.no_committee": {
        "nb": "kandidaten er ikke fordelt til noen kommisjon",
        "en": "the candidate is not assigned to a committee",
    },
    "gradesheet.fix.no_committee": {
        "nb": "slett raden, eller be studiekonsulenten fordele kandidaten",
        "en": "delete the row, or ask the study consultant to assign the candidate",
    },
    "gradesheet.what.other_committee": {
        "nb": "kandidaten er i kommisjon {committee}, som du ikke er med i",
        "en": "the candidate is in committee {committee}, which you are not in",
    },
    "gradesheet.fix.other_committee": {
        "nb": "slett raden, eller spør studiekonsulenten om du skal sensurere den kommisjonen",
        "en": "delete the row, or ask the study consultant whether you should grade that committee",
    },
    "gradesheet.what.locked": {
        "nb": "`{value}` ville endre en låst karakter i kommisjon {committee}",
        "en": "`{value}` would change a locked grade in committee {committee}",
    },
    "gradesheet.what.not_agreeing": {
        "nb": "kandidaten er i kommisjon {committee}, som ikke skal bli enige om karakterer nå",
        "en": "the candidate is in committee {committee}, which is not agreeing grades now",
    },
    "gradesheet.fix.not_agreeing": {
        "nb": "et ark med omforente karakterer gjelder bare kommisjoner som skal bli enige nå; "
        "send karakterene for kommisjon {committee} i et eget ark",
        "en": "a sheet of agreed grades is only for committees agreeing grades now; send the "
        "grades for committee {committee} in a sheet of their own",
    },
    "gradesheet.what.letter_case": {
        "nb": "`{value}` er skrevet med liten bokstav",
        "en": "`{value}` is in lower case",
    },
    "gradesheet.fix.letter_case": {
        "nb": "skriv karakterer med store bokstaver: `{suggestion}`",
        "en": "write grades in capitals: `{suggestion}`",
    },
    "gradesheet.what.whitespace": {
        "nb": "`{value}` har mellomrom rundt karakteren",
        "en": "`{value}` has spaces around the grade",
    },
    "gradesheet.fix.whitespace": {
        "nb": "skriv bare `{suggestion}`",
        "en": "write just `{suggestion}`",
    },
    "gradesheet.what.plus_minus": {
        "nb": "`{value}` – det finnes ingen pluss- eller minuskarakterer",
        "en": "`{value}` – there are no plus or minus grades",
    },
    "gradesheet.fix.plus_minus": {
        "nb": "skriv én bokstav A–F, for eksempel `{suggestion}`",
        "en": "write one letter A–F, for example `{suggestion}`",
    },
    "gradesheet.what.not_a_letter": {
        "nb": "`{value}` er ikke en bokstavkarakter",
        "en": "`{value}` is not a letter grade",
    },
    "gradesheet.fix.not_a_letter": {
        "nb": "skriv A, B, C, D, E eller F med stor bokstav; la cellen stå tom for kandidater "
        "som ikke leverte",
        "en": "write A, B, C, D, E or F in capitals; leave it empty for candidates who did "
        "not submit",
    },
    "gradesheet.what.passfail_on_letter_test": {
        "nb": "`{value}` er bestått/ikke bestått, men {test} har karakterskala A–F",
        "en": "`{value}` is pass/fail, but {test} is graded A–F",
    },
    "gradesheet.fix.passfail_on_letter_test": {
        "nb": "skriv en bokstavkarakter A–F",
        "en": "write a letter grade A–F",
    },
    "gradesheet.what.passfail_word": {
        "nb": "`{value}` er ikke slik Inspera skriver bestått/ikke bestått",
        "en": "`{value}` is not how Inspera writes pass/fail",
    },
    "gradesheet.fix.passfail_word": {
        "nb": "skriv `{suggestion}`",
        "en": "write `{suggestion}`",
    },
    "gradesheet.what.letter_on_passfail_test": {
        "nb": "`{value}` er en bokstavkarakter, men {test} vurderes bestått/ikke bestått",
        "en": "`{value}` is a letter grade, but {test} is graded pass/fail",
    },
    "gradesheet.fix.letter_on_passfail_test": {
        "nb": "skriv `Pass` eller `NotPass`",
        "en": "write `Pass` or `NotPass`",
    },
    "gradesheet.what.not_passfail": {
        "nb": "`{value}` er ikke bestått/ikke bestått",
        "en": "`{value}` is not a pass/fail grade",
    },
    "gradesheet.fix.not_passfail": {
        "nb": "skriv `Pass` eller `NotPass`; la cellen stå tom for kandidater som ikke leverte",
        "en": "write `Pass` or `NotPass`; leave it empty for candidates who did not submit",
    },
    "gradesheet.what.points_not_number": {
        "nb": "poengene `{value}` er ikke et tall",
        "en": "the points `{value}` are not a number",
    },
    "gradesheet.fix.points_not_number": {
        "nb": "skriv et tall fra 0 til 100, eller la cellen stå tom",
        "en": "write a number from 0 to 100, or leave it empty",
    },
    "gradesheet.what.points_range": {
        "nb": "poengene `{value}` er utenfor 0–100",
        "en": "the points `{value}` are outside 0–100",
    },
    "gradesheet.fix.points_range": {
        "nb": "skriv poeng fra 0 til 100",
        "en": "write points from 0 to 100",
    },
    # -- the preview ---------------------------------------------------------------------
    "gradesheet.preview.title": {
        "nb": "Karakterark for {test}",
        "en": "Grade sheet for {test}",
    },
    "gradesheet.preview.source": {
        "nb": "Lest fra `{filename}`{sheet}: overskrift på rad {header_row}, kandidat i "
        "kolonne {candidate_column}, karakter i kolonne {grade_column}.",
        "en": "Read from `{filename}`{sheet}: header on row {header_row}, candidate in "
        "column {candidate_column}, grade in column {grade_column}.",
    },
    "gradesheet.preview.sheet": {"nb": ", arket «{name}»", "en": ", sheet “{name}”"},
    "gradesheet.preview.count.graded": {
        "nb": {"one": "{count} karakter", "other": "{count} karakterer"},
        "en": {"one": "{count} grade", "other": "{count} grades"},
    },
    "gradesheet.preview.count.new": {
        "nb": {"one": "{count} ny", "other": "{count} nye"},
        "en": {"one": "{count} new", "other": "{count} new"},
    },
    "gradesheet.preview.count.changed": {
        "nb": {"one": "{count} endret", "other": "{count} endret"},
        "en": {"one": "{count} changed", "other": "{count} changed"},
    },
    "gradesheet.preview.count.unchanged": {
        "nb": {"one": "{count} uendret", "other": "{count} uendret"},
        "en": {"one": "{count} unchanged", "other": "{count} unchanged"},
    },
    "gradesheet.preview.count.blank": {
        "nb": {"one": "{count} tom", "other": "{count} tomme"},
        "en": {"one": "{count} left blank", "other": "{count} left blank"},
    },
    "gradesheet.preview.count.errors": {
        "nb": {"one": "{count} feil", "other": "{count} feil"},
        "en": {"one": "{count} error", "other": "{count} errors"},
    },
    "gradesheet.preview.changes_title": {"nb": "*Endringer*", "en": "*Changes*"},
    "gradesheet.preview.change_new": {
        "nb": "Rad {row}, kandidat {candidate}: `{new}` (ny)",
        "en": "Row {row}, candidate {candidate}: `{new}` (new)",
    },
    "gradesheet.preview.change_changed": {
        "nb": "Rad {row}, kandidat {candidate}: `{old}` → `{new}`",
        "en": "Row {row}, candidate {candidate}: `{old}` → `{new}`",
    },
    "gradesheet.preview.more": {
        "nb": {"one": "… og én til", "other": "… og {count} til"},
        "en": {"one": "… and one more", "other": "… and {count} more"},
    },
    "gradesheet.preview.errors_title": {
        "nb": {
            "one": "*{count} feil* – ingenting kan lagres før den er rettet",
            "other": "*{count} feil* – ingenting kan lagres før de er rettet",
        },
        "en": {
            "one": "*{count} error* – nothing can be stored until it is fixed",
            "other": "*{count} errors* – nothing can be stored until they are fixed",
        },
    },
    "gradesheet.preview.suggestions_title": {
        "nb": "*Karakter fra poeng* (NTNUs prosentmetode: A 89–100, B 77–88, C 65–76, "
        "D 53–64, E 41–52, F 0–40) – lagres bare hvis du velger det",
        "en": "*Grades from points* (NTNU's percentage method: A 89–100, B 77–88, C 65–76, "
        "D 53–64, E 41–52, F 0–40) – stored only if you choose so",
    },
    "gradesheet.preview.suggestion": {
        "nb": "Rad {row}, kandidat {candidate}: {points} poeng → `{new}`",
        "en": "Row {row}, candidate {candidate}: {points} points → `{new}`",
    },
    "gradesheet.preview.ready": {
        "nb": "Ingenting er lagret før du trykker «Lagre». Da overskrives dine tidligere "
        "karakterer for disse kandidatene; tomme celler endrer ingenting.",
        "en": "Nothing is stored until you press Apply. Applying overwrites your earlier "
        "grades for these candidates; empty cells change nothing.",
    },
    "gradesheet.preview.nothing_to_apply": {
        "nb": "Ingenting å lagre: arket endrer ingen karakterer.",
        "en": "Nothing to store: the sheet changes no grades.",
    },
    "gradesheet.preview.fix_and_resend": {
        "nb": "Rett feilene og send arket igjen. Du får arbeidsboka di tilbake med feilcellene "
        "markert i rødt og en kommentar i hver.",
        "en": "Fix the errors and send the sheet again. You get your workbook back with the "
        "bad cells marked in red and a comment in each.",
    },
    "gradesheet.preview.fallback": {
        "nb": "Karakterark for {test}: {counts}",
        "en": "Grade sheet for {test}: {counts}",
    },
    # -- where the grades go (SPEC §2.6): the test's `grading_in` picks the line -----------
    "gradesheet.destination.sensorbot": {
        "nb": "Karakterene samles her i Sensorbot og er ikke i Inspera ennå: når kommisjonen "
        "har godkjent felles sensur, legger studiekonsulenten dem inn i Inspera.",
        "en": "These grades are collected here in Sensorbot and are not in Inspera yet: once "
        "the committee has approved the final grades, the study consultant puts them into "
        "Inspera.",
    },
    "gradesheet.destination.inspera": {
        "nb": "Sensorbot lagrer ikke disse karakterene: de settes i Inspera. Importer arket du "
        "får tilbake i Inspera, og godkjenn sensuren der.",
        "en": "Sensorbot does not store these grades: they are set in Inspera. Import the sheet "
        "you get back into Inspera, and approve your grading there.",
    },
    # -- a sheet for a test marked in Inspera (SPEC §2.6): checked and sent back ----------
    "gradesheet.inspera.title": {
        "nb": "Karakterark for {test} – klart for Inspera",
        "en": "Grade sheet for {test} – ready for Inspera",
    },
    "gradesheet.inspera.checked": {
        "nb": {
            "one": "Arket er sjekket mot kandidatene dine og Insperas regler, og det er ingen "
            "feil. Sensorbot har ikke lagret noe: fila under har karakteren i Insperas "
            "importformat (`Candidate ID`, `Grade`).",
            "other": "Arket er sjekket mot kandidatene dine og Insperas regler, og det er ingen "
            "feil. Sensorbot har ikke lagret noe: fila under har de {count} karakterene i "
            "Insperas importformat (`Candidate ID`, `Grade`).",
        },
        "en": {
            "one": "The sheet has been checked against your candidates and Inspera's rules, and "
            "has no errors. Sensorbot has stored nothing: the file below holds the grade in "
            "Inspera's import format (`Candidate ID`, `Grade`).",
            "other": "The sheet has been checked against your candidates and Inspera's rules, "
            "and has no errors. Sensorbot has stored nothing: the file below holds the "
            "{count} grades in Inspera's import format (`Candidate ID`, `Grade`).",
        },
    },
    "gradesheet.inspera.comment": {
        "nb": {
            "one": "Importer fila i Inspera slik {university}s brukerveiledning for sensorer "
            "viser («Sette karakterer ved bruk av Excel»), og sjekk at Inspera melder at 1 rad "
            "er oppdatert. Karakteren er ikke satt før fila er importert. Når alle karakterene "
            "er satt, godkjenner du egen sensur i Inspera – og sier fra til meg med "
            "`/sensur ferdig`.",
            "other": "Importer fila i Inspera slik {university}s brukerveiledning for sensorer "
            "viser («Sette karakterer ved bruk av Excel»), og sjekk at Inspera melder at "
            "{count} rader er oppdatert. Karakterene er ikke satt før fila er importert. Når "
            "alle karakterene er satt, godkjenner du egen sensur i Inspera – og sier fra til "
            "meg med `/sensur ferdig`.",
        },
        "en": {
            "one": "Import this file in Inspera as {university}'s guide for graders shows "
            "(“Sette karakterer ved bruk av Excel”), and check that Inspera reports 1 row "
            "updated. The grade is not set until the file is imported. When all grades are "
            "set, approve your grading in Inspera – and tell me with `/sensur done`.",
            "other": "Import this file in Inspera as {university}'s guide for graders shows "
            "(“Sette karakterer ved bruk av Excel”), and check that Inspera reports {count} "
            "rows updated. The grades are not set until the file is imported. When all grades "
            "are set, approve your grading in Inspera – and tell me with `/sensur done`.",
        },
    },
    "gradesheet.inspera.rule.replaces": {
        "nb": "Karakterene i fila erstatter karakterer kandidatene eventuelt har i Inspera fra "
        "før.",
        "en": "The grades in the file replace any grades these candidates already have in Inspera.",
    },
    "gradesheet.inspera.rule.blank": {
        "nb": {
            "one": "Én kandidat har tom karaktercelle i arket ditt og er ikke med i fila: tomme "
            "celler overskriver ikke karakterer som står i Inspera. Har du satt en karakter "
            "ved en feil, fjerner du den med angre-pila under «Din karakter» i Inspera.",
            "other": "{count} kandidater har tom karaktercelle i arket ditt og er ikke med i "
            "fila: tomme celler overskriver ikke karakterer som står i Inspera. Har du satt en "
            "karakter ved en feil, fjerner du den med angre-pila under «Din karakter» i "
            "Inspera.",
        },
        "en": {
            "one": "One candidate has an empty grade cell in your sheet and is left out of the "
            "file: empty cells do not overwrite grades already in Inspera. To remove a grade "
            "given by mistake, click the undo arrow under “Din karakter” in Inspera.",
            "other": "{count} candidates have an empty grade cell in your sheet and are left "
            "out of the file: empty cells do not overwrite grades already in Inspera. To "
            "remove a grade given by mistake, click the undo arrow under “Din karakter” in "
            "Inspera.",
        },
    },
    "gradesheet.inspera.rule.new_upload": {
        "nb": "Du har fått et ark for denne prøven tilbake før: importerer du dette, "
        "overskriver det den forrige opplastingen i Inspera.",
        "en": "You have had a sheet for this test back before: importing this one overwrites "
        "the previous upload in Inspera.",
    },
    "gradesheet.inspera.from_points_title": {
        "nb": "*Poeng uten karakter – ikke med i fila.* Etter NTNUs prosentmetode (A 89–100, "
        "B 77–88, C 65–76, D 53–64, E 41–52, F 0–40) blir det:",
        "en": "*Points without a grade – not in the file.* By NTNU's percentage method "
        "(A 89–100, B 77–88, C 65–76, D 53–64, E 41–52, F 0–40) they would be:",
    },
    "gradesheet.inspera.from_points_fix": {
        "nb": "Skal de være med, skriver du karakteren i karakterkolonnen og sender arket igjen.",
        "en": "To include them, write the grade in the grade column and send the sheet again.",
    },
    "gradesheet.inspera.errors_title": {
        "nb": {
            "one": "*{count} feil* – du får arket klart for Inspera når den er rettet",
            "other": "*{count} feil* – du får arket klart for Inspera når de er rettet",
        },
        "en": {
            "one": "*{count} error* – you get the sheet ready for Inspera once it is fixed",
            "other": "*{count} errors* – you get the sheet ready for Inspera once they are fixed",
        },
    },
    "gradesheet.inspera.nothing": {
        "nb": "Arket setter ingen karakterer, så det er ingenting å importere i Inspera.",
        "en": "The sheet sets no grades, so there is nothing to import in Inspera.",
    },
    "gradesheet.inspera.upload_failed": {
        "nb": "Jeg fikk ikke sendt deg fila akkurat nå. Ingenting er lagret; send arket igjen "
        "om litt.",
        "en": "I could not send you the file just now. Nothing was stored; send the sheet "
        "again in a moment.",
    },
    "gradesheet.button.apply": {"nb": "Lagre", "en": "Apply"},
    "gradesheet.button.apply_suggested": {
        "nb": {"one": "Lagre med 1 fra poeng", "other": "Lagre med {count} fra poeng"},
        "en": {"one": "Apply with 1 from points", "other": "Apply with {count} from points"},
    },
    "gradesheet.button.cancel": {"nb": "Avbryt", "en": "Cancel"},
    "gradesheet.button.undo": {"nb": "Angre opplastingen", "en": "Undo this upload"},
    "gradesheet.button.reset": {
        "nb": "Tilbakestill én kandidat",
        "en": "Reset one candidate",
    },
    "gradesheet.annotated.comment": {
        "nb": "Her er `{filename}` med feilene markert. Rett dem og send arket igjen.",
        "en": "Here is `{filename}` with the errors marked. Fix them and send the sheet again.",
    },
    "gradesheet.annotated.suffix": {"nb": "feil markert", "en": "errors marked"},
    # -- acting on an upload -------------------------------------------------------------
    "gradesheet.preview.agreed_title": {
        "nb": "Omforente karakterer for {test}, kommisjon {committees}",
        "en": "Agreed grades for {test}, committee {committees}",
    },
    "gradesheet.preview.agreed_intro": {
        "nb": "Alle sensorene i kommisjon {committees} har godkjent sensuren sin, så dette arket "
        "setter kommisjonens *omforente* karakterer, ikke dine egne. Medsensorene dine får "
        "beskjed om hva du satte.",
        "en": "Every grader of committee {committees} has approved their grading, so this sheet "
        "sets the committee's *agreed* grades, not your own. Your co-graders are told what "
        "you set.",
    },
    "gradesheet.preview.agreed_ready": {
        "nb": "Ingenting er lagret før du trykker «Lagre». Da blir disse de omforente "
        "karakterene i kommisjon {committees}; tomme celler endrer ingenting.",
        "en": "Nothing is stored until you press Apply. Then these become the agreed grades "
        "of committee {committees}; empty cells change nothing.",
    },
    "gradesheet.preview.locked_title": {
        "nb": "🔒 Låste karakterer – ingenting i arket kan lagres før radene som ville endre "
        "dem er fjernet:",
        "en": "🔒 Locked grades – nothing in this sheet can be applied until the rows that "
        "would change them are removed:",
    },
    "gradesheet.outcome.agreed_applied": {
        "nb": {
            "one": "✅ 1 omforent karakter satt for {test}, kommisjon {committees}. "
            "Medsensorene dine har fått beskjed.",
            "other": "✅ {count} omforente karakterer satt for {test}, kommisjon {committees}. "
            "Medsensorene dine har fått beskjed.",
        },
        "en": {
            "one": "✅ 1 agreed grade set for {test}, committee {committees}. Your co-graders "
            "have been told.",
            "other": "✅ {count} agreed grades set for {test}, committee {committees}. Your "
            "co-graders have been told.",
        },
    },
    "gradesheet.outcome.locked": {
        "nb": "Ingenting er lagret: karakterene for {candidates} er låst nå (egen sensur er "
        "godkjent, eller kommisjonen har godkjent felles sensur). Må en karakter endres, be "
        "studiekonsulenten gjenåpne kommisjonen.",
        "en": "Nothing was stored: the grades of {candidates} are locked now (the grading was "
        "approved, or the committee is final). If a grade must change, ask the study "
        "consultant to reopen the committee.",
    },
    "gradesheet.outcome.agreed_no_undo": {
        "nb": "Omforente karakterer angres ikke her: velg karakteren på nytt i meldingen om "
        "ulike karakterer, eller send et nytt ark.",
        "en": "Agreed grades are not undone here: choose the grade again in the message about "
        "differing grades, or send a new sheet.",
    },
    "gradesheet.outcome.not_agreeing": {
        "nb": "Ingenting er lagret: kommisjon {committees} skal ikke bli enige om karakterer "
        "lenger (den er gjenåpnet eller endelig). Send arket på nytt, så ser du hva det "
        "gjelder nå.",
        "en": "Nothing was stored: committee {committees} is no longer agreeing grades (it "
        "was reopened or is final). Send the sheet again to see what it would do now.",
    },
    "gradesheet.outcome.applied": {
        "nb": {
            "one": "✅ 1 karakter oppdatert for {test}. Sjekk at tallet stemmer med det du ventet.",
            "other": "✅ {count} karakterer oppdatert for {test}. Sjekk at tallet stemmer med "
            "det du ventet.",
        },
        "en": {
            "one": "✅ 1 grade updated for {test}. Check that the number is what you expected.",
            "other": "✅ {count} grades updated for {test}. Check that the number is what you "
            "expected.",
        },
    },
    "gradesheet.outcome.now_locked": {
        "nb": "🔒 Karakterene er låst nå (egen sensur er godkjent, eller kommisjonen har "
        "godkjent felles sensur), så opplastingen kan ikke angres her lenger.",
        "en": "🔒 The grades are locked now (the grading was approved, or the committee "
        "approved the final grades), so this upload can no longer be undone here.",
    },
    "gradesheet.outcome.committee_complete": {
        "nb": "Sensuren din av kommisjon {committee} er komplett: alle som leverte, har karakter.",
        "en": "Your grading of committee {committee} is complete: everyone who submitted has "
        "a grade.",
    },
    "gradesheet.outcome.already_applied": {
        "nb": "Dette arket ble allerede lagret {when}. Ingenting ble endret nå.",
        "en": "This sheet was already applied {when}. Nothing was changed now.",
    },
    "gradesheet.outcome.already_undone": {
        "nb": "Denne opplastingen ble allerede angret {when}. Ingenting ble endret nå.",
        "en": "This upload was already undone {when}. Nothing was changed now.",
    },
    "gradesheet.outcome.cancelled": {
        "nb": "Denne forhåndsvisningen er avbrutt, og ingenting ble lagret. Send arket igjen "
        "for å begynne på nytt.",
        "en": "This preview was cancelled and nothing was stored. Send the sheet again to "
        "start over.",
    },
    "gradesheet.outcome.cancelled_now": {
        "nb": "Avbrutt. Ingenting ble lagret.",
        "en": "Cancelled. Nothing was stored.",
    },
    "gradesheet.outcome.superseded": {
        "nb": "Et nyere ark for samme prøve har erstattet denne forhåndsvisningen. Bruk den "
        "nyeste. Ingenting ble lagret fra denne.",
        "en": "A newer sheet for the same test replaced this preview. Use the newest one. "
        "Nothing was stored from this one.",
    },
    "gradesheet.outcome.expired": {
        "nb": {
            "one": "Denne forhåndsvisningen er mer enn 1 time gammel og har gått ut. Send arket "
            "igjen, så sjekker jeg det mot dagens karakterer. Ingenting ble lagret.",
            "other": "Denne forhåndsvisningen er mer enn {hour_count} timer gammel og har gått "
            "ut. Send arket igjen, så sjekker jeg det mot dagens karakterer. Ingenting ble "
            "lagret.",
        },
        "en": {
            "one": "This preview is more than 1 hour old and has expired. Send the sheet again "
            "and I'll check it against today's grades. Nothing was stored.",
            "other": "This preview is more than {hour_count} hours old and has expired. Send "
            "the sheet again and I'll check it against today's grades. Nothing was stored.",
        },
    },
    "gradesheet.outcome.has_errors": {
        "nb": "Dette arket har feil og kan ikke lagres. Rett dem og send arket igjen.",
        "en": "This sheet has errors and cannot be applied. Fix them and send it again.",
    },
    "gradesheet.outcome.needs_test": {
        "nb": "Velg først hvilken prøve arket er for.",
        "en": "First choose which test the sheet is for.",
    },
    "gradesheet.outcome.not_yours": {
        "nb": "Bare sensoren som sendte dette arket, kan gjøre det. Ingenting ble endret.",
        "en": "Only the grader who sent this sheet can do that. Nothing was changed.",
    },
    "gradesheet.outcome.not_found": {
        "nb": "Jeg finner ikke dette karakterarket lenger. Send det igjen.",
        "en": "I can't find this grade sheet any more. Please send it again.",
    },
    "gradesheet.outcome.roster_changed": {
        "nb": "Kandidatlista er endret siden forhåndsvisningen: {candidates} kan du ikke lenger "
        "sette karakter på. Ingenting ble lagret; send arket igjen.",
        "en": "The candidate list changed since the preview: you can no longer grade "
        "{candidates}. Nothing was stored; send the sheet again.",
    },
    "gradesheet.outcome.undone": {
        "nb": {
            "one": "↩️ Angret: 1 karakter er tilbake slik den var før denne opplastingen.",
            "other": "↩️ Angret: {count} karakterer er tilbake slik de var før denne opplastingen.",
        },
        "en": {
            "one": "↩️ Undone: 1 grade is back to what it was before this upload.",
            "other": "↩️ Undone: {count} grades are back to what they were before this upload.",
        },
    },
    "gradesheet.outcome.undo_blocked": {
        "nb": "Jeg kan ikke angre denne opplastingen: nyere karakterer er satt for {candidates}. "
        "Ingenting ble endret. Tilbakestill dem enkeltvis om nødvendig.",
        "en": "I can't undo this upload: newer grades were set for {candidates}. Nothing was "
        "changed. Reset them one by one if needed.",
    },
    "gradesheet.outcome.not_applied": {
        "nb": "Dette arket ble aldri lagret, så det er ingenting å angre.",
        "en": "This sheet was never applied, so there is nothing to undo.",
    },
    "gradesheet.outcome.marked_in_inspera": {
        "nb": "Karakterene for {test} settes nå i Inspera, så Sensorbot lagrer dem ikke. Send "
        "arket igjen, så får du det tilbake klart til å importere i Inspera.",
        "en": "Grades for {test} are now set in Inspera, so Sensorbot does not store them. "
        "Send the sheet again and you get it back ready to import in Inspera.",
    },
    "gradesheet.outcome.test_already_chosen": {
        "nb": "Prøven for dette arket er allerede valgt.",
        "en": "The test for this sheet has already been chosen.",
    },
    # -- resetting one candidate ---------------------------------------------------------
    "gradesheet.reset.title": {"nb": "Tilbakestill karakter", "en": "Reset a grade"},
    "gradesheet.reset.submit": {"nb": "Tilbakestill", "en": "Reset"},
    "gradesheet.reset.close": {"nb": "Avbryt", "en": "Cancel"},
    "gradesheet.reset.label": {"nb": "Kandidatnummer", "en": "Candidate ID"},
    "gradesheet.reset.hint": {
        "nb": "Karakteren du har gitt kandidaten på {test}, fjernes, som med angre-pila i Inspera.",
        "en": "The grade you gave this candidate on {test} is removed, as with Inspera's "
        "undo arrow.",
    },
    "gradesheet.reset.reset": {
        "nb": "Karakteren for kandidat {candidate} på {test} er tilbakestilt (var `{old}`).",
        "en": "The grade for candidate {candidate} on {test} is reset (was `{old}`).",
    },
    "gradesheet.reset.unknown_candidate": {
        "nb": "Ingen kandidat {candidate} på {test}.",
        "en": "No candidate {candidate} on {test}.",
    },
    "gradesheet.reset.other_committee": {
        "nb": "Kandidat {candidate} er ikke i en av dine kommisjoner.",
        "en": "Candidate {candidate} is not in one of your committees.",
    },
    "gradesheet.reset.no_grade": {
        "nb": "Kandidat {candidate} har ingen karakter å tilbakestille.",
        "en": "Candidate {candidate} has no grade to reset.",
    },
    "gradesheet.reset.not_grader": {
        "nb": "Du er ikke sensor på {test}.",
        "en": "You are not a grader on {test}.",
    },
    # -- template and export -------------------------------------------------------------
    "gradesheet.template.sent": {
        "nb": {
            "one": "Karakterark for {test}: 1 kandidat fra kommisjonene dine, med karakteren "
            "som er satt nå. Velg karakter i nedtrekkslista, la den stå tom om kandidaten ikke "
            "skal ha karakter, og send arket tilbake hit.",
            "other": "Karakterark for {test}: {count} kandidater fra kommisjonene dine, med "
            "karakterene som er satt nå. Velg karakter i nedtrekkslista, la den stå tom for "
            "dem som ikke skal ha karakter, og send arket tilbake hit.",
        },
        "en": {
            "one": "Grade sheet for {test}: 1 candidate from your committees, with the grade "
            "set now. Pick the grade from the dropdown, leave it empty if the candidate should "
            "not get one, and send the sheet back here.",
            "other": "Grade sheet for {test}: {count} candidates from your committees, with "
            "the grades set now. Pick grades from the dropdown, leave it empty for those who "
            "should not get one, and send the sheet back here.",
        },
    },
    "gradesheet.template.sent_for_inspera": {
        "nb": {
            "one": "Karakterark for {test}: 1 kandidat fra kommisjonene dine, uten karakter "
            "(karakterene settes i Inspera). Velg karakter i nedtrekkslista og send arket "
            "tilbake hit, så får du det sjekket og klart til å importere i Inspera.",
            "other": "Karakterark for {test}: {count} kandidater fra kommisjonene dine, uten "
            "karakterer (karakterene settes i Inspera). Velg karakter i nedtrekkslista og "
            "send arket tilbake hit, så får du det sjekket og klart til å importere i Inspera.",
        },
        "en": {
            "one": "Grade sheet for {test}: 1 candidate from your committees, without a grade "
            "(grades are set in Inspera). Pick the grade from the dropdown and send the sheet "
            "back here; you get it back checked and ready to import in Inspera.",
            "other": "Grade sheet for {test}: {count} candidates from your committees, without "
            "grades (grades are set in Inspera). Pick grades from the dropdown and send the "
            "sheet back here; you get it back checked and ready to import in Inspera.",
        },
    },
    "gradesheet.template.sent_ephemeral": {
        "nb": "Jeg har sendt malen for {test} til deg i en direktemelding.",
        "en": "I've sent you the template for {test} in a direct message.",
    },
    "gradesheet.template.no_candidates": {
        "nb": "Du har ingen kandidater som har levert i kommisjonene dine på {test}. Mangler "
        "det noen, kontakt studiekonsulenten.",
        "en": "You have no candidates who submitted in your committees on {test}. If some are "
        "missing, contact the study consultant.",
    },
    "gradesheet.template.dropdown_title": {"nb": "Ugyldig karakter", "en": "Invalid grade"},
    "gradesheet.template.dropdown_error": {
        "nb": "Velg en av: {grades}. La cellen stå tom for kandidater uten karakter.",
        "en": "Choose one of: {grades}. Leave the cell empty for candidates without a grade.",
    },
    "gradesheet.command.not_grader": {
        "nb": "Jeg finner deg ikke som sensor på noen prøve.",
        "en": "I can't find you as a grader on any test.",
    },
    "gradesheet.command.which_test": {
        "nb": "Hvilken prøve? Skriv `/sensur {word} PRØVE` med en av: {tests}",
        "en": "Which test? Type `/sensur {word} TEST` with one of: {tests}",
    },
    "gradesheet.command.no_test_named": {
        "nb": "Jeg finner ingen prøve med ID eller emnekode `{text}`.",
        "en": "I find no test with the id or course code `{text}`.",
    },
    "gradesheet.command.ambiguous_test": {
        "nb": "`{text}` passer til flere prøver: {tests}. Skriv prøve-ID-en.",
        "en": "`{text}` matches several tests: {tests}. Type the test id.",
    },
    "gradesheet.export.sent": {
        "plural": "candidate_count",
        "nb": {
            "one": "Endelige karakterer for {test} i Inspera-format: {candidate_count} "
            "kandidat, {graded_count} med endelig karakter (de som ikke møtte, står tomme).",
            "other": "Endelige karakterer for {test} i Inspera-format: {candidate_count} "
            "kandidater, {graded_count} med endelig karakter (de som ikke møtte, står tomme).",
        },
        "en": {
            "one": "Final grades for {test} in Inspera's format: {candidate_count} candidate, "
            "{graded_count} with a final grade (those who did not attend are blank).",
            "other": "Final grades for {test} in Inspera's format: {candidate_count} "
            "candidates, {graded_count} with a final grade (those who did not attend are "
            "blank).",
        },
    },
    "gradesheet.export.sent_ephemeral": {
        "nb": "Jeg har sendt eksporten for {test} til deg i en direktemelding.",
        "en": "I've sent you the export for {test} in a direct message.",
    },
    "gradesheet.export.not_allowed": {
        "nb": "Bare studiekonsulentene for {test} kan eksportere karakterene.",
        "en": "Only the study consultants of {test} can export its grades.",
    },
    "gradesheet.export.written": {
        "plural": "candidate_count",
        "nb": {
            "one": "Skrev {path}: {candidate_count} kandidat, {graded_count} med endelig karakter.",
            "other": "Skrev {path}: {candidate_count} kandidater, {graded_count} med endelig "
            "karakter.",
        },
        "en": {
            "one": "Wrote {path}: {candidate_count} candidate, {graded_count} with a final grade.",
            "other": "Wrote {path}: {candidate_count} candidates, {graded_count} with a final "
            "grade.",
        },
    },
}
