"""Roster import (SPEC §9.4): where a problem is, what it is, and the import's summary.

Sheet and column names are the workbook's own (the contract's names) in both languages.
Every `roster.problem.*` key is one kind of problem a workbook can have.
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
        "nb": "sensoren står to ganger på denne prøven og komiteen: finnes allerede i rad {first}",
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
}
