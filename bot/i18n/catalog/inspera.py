"""The Inspera connector: what consultants are told where the grader list and Inspera
differ, and what `sensorbot inspera sync` and `sensorbot status` say about Inspera."""

MESSAGES = {
    # -- to consultants, in Slack ---------------------------------------------------------
    "inspera.differences.header": {
        "nb": "Inspera og sensoroversikten er ulike: {test}",
        "en": "Inspera and the grader list differ: {test}",
    },
    "inspera.differences.intro": {
        "nb": {
            "one": "Jeg har lest *{test}*{title} i Inspera og fant én forskjell fra "
            "sensoroversikten:",
            "other": "Jeg har lest *{test}*{title} i Inspera og fant {count} forskjeller fra "
            "sensoroversikten:",
        },
        "en": {
            "one": "I read *{test}*{title} in Inspera and found one difference from the "
            "grader list:",
            "other": "I read *{test}*{title} in Inspera and found {count} differences from "
            "the grader list:",
        },
    },
    "inspera.difference.missing_in_inspera": {
        "nb": "*{name}* står som sensor i sensoroversikten ({committees}), men ikke på prøven "
        "i Inspera.",
        "en": "*{name}* is a grader in the grader list ({committees}) but not on the test in "
        "Inspera.",
    },
    "inspera.difference.missing_in_roster": {
        "nb": "Inspera har *{name}* ({address}) som sensor på prøven ({committees}), men "
        "vedkommende står ikke i sensoroversikten.",
        "en": "Inspera has *{name}* ({address}) as a grader on the test ({committees}), but "
        "they are not in the grader list.",
    },
    "inspera.difference.other_email": {
        "nb": "Inspera har *{name}* med en e-postadresse ({address}) som sensoroversikten ikke "
        "har for vedkommende. Invitasjonen fra Inspera går dit, så det kan være en gammel "
        "adresse.",
        "en": "Inspera has *{name}* under an e-mail address ({address}) the grader list does "
        "not have for them. Inspera's invitation goes there, so it may be an old address.",
    },
    "inspera.difference.no_email": {
        "nb": "Inspera har ingen e-postadresse for *{name}*, så invitasjonen fra Inspera når "
        "ikke fram.",
        "en": "Inspera has no e-mail address for *{name}*, so Inspera's invitation cannot "
        "reach them.",
    },
    "inspera.difference.other_committee": {
        "nb": "*{name}* er i {roster} i sensoroversikten, men i {inspera} i Inspera.",
        "en": "*{name}* is in {roster} in the grader list, but in {inspera} in Inspera.",
    },
    "inspera.address.none": {"nb": "ingen e-postadresse", "en": "no e-mail address"},
    "inspera.committee": {"nb": "kommisjon {committee}", "en": "committee {committee}"},
    "inspera.no_committee": {"nb": "ingen kommisjon", "en": "no committee"},
    "inspera.differences.more": {
        "nb": {"one": "… og én forskjell til.", "other": "… og {count} forskjeller til."},
        "en": {"one": "… and one more difference.", "other": "… and {count} more differences."},
    },
    "inspera.differences.advice": {
        "nb": "Rett det der det er feil: i Inspera (eller FS), eller i sensoroversikten, som du "
        "så importerer på nytt. Jeg leser prøven i Inspera igjen jevnlig og sier fra om nye "
        "forskjeller.",
        "en": "Fix it where it is wrong: in Inspera (or FS), or in the grader list, which you "
        "then import again. I read the test in Inspera again regularly and will tell you about "
        "new differences.",
    },
    "inspera.differences.fallback": {
        "nb": {
            "one": "Inspera og sensoroversikten er ulike for {test}: én forskjell.",
            "other": "Inspera og sensoroversikten er ulike for {test}: {count} forskjeller.",
        },
        "en": {
            "one": "Inspera and the grader list differ for {test}: one difference.",
            "other": "Inspera and the grader list differ for {test}: {count} differences.",
        },
    },
    # -- `sensorbot inspera sync` -----------------------------------------------------------
    "inspera.cli.not_configured": {
        "nb": "Inspera-koblingen er ikke satt opp. Sett {names} (se README, «Connect Inspera»).",
        "en": "The Inspera connector is not configured. Set {names} (see the README, "
        "“Connect Inspera”).",
    },
    "inspera.cli.unknown_test": {
        "nb": "Finner ingen prøve {test}. Ingenting ble lest.",
        "en": "There is no test {test}. Nothing was read.",
    },
    "inspera.cli.no_inspera_id": {
        "nb": "{test} har ingen inspera_test_id i sensoroversikten. Ingenting ble lest.",
        "en": "{test} has no inspera_test_id in the roster. Nothing was read.",
    },
    "inspera.cli.nothing": {
        "nb": "Ingen prøve med inspera_test_id venter på overføring til FS; ingenting å lese.",
        "en": "No test with an inspera_test_id is waiting for transfer to FS; nothing to read.",
    },
    "inspera.cli.read": {
        "nb": {
            "=0": "{test}: lest fra Inspera; ingen forskjeller fra sensoroversikten.",
            "one": "{test}: lest fra Inspera; én forskjell fra sensoroversikten:",
            "other": "{test}: lest fra Inspera; {count} forskjeller fra sensoroversikten:",
        },
        "en": {
            "=0": "{test}: read from Inspera; no differences from the roster.",
            "one": "{test}: read from Inspera; one difference from the roster:",
            "other": "{test}: read from Inspera; {count} differences from the roster:",
        },
    },
    "inspera.cli.told": {
        "nb": {
            "=0": "  Ingen av dem er nye; studiekonsulentene har fått beskjed om dem før.",
            "one": "  Én av dem er ny; studiekonsulentene får beskjed i Slack.",
            "other": "  {count} av dem er nye; studiekonsulentene får beskjed i Slack.",
        },
        "en": {
            "=0": "  None of them is new; the consultants were told about them before.",
            "one": "  One of them is new; the consultants are told in Slack.",
            "other": "  {count} of them are new; the consultants are told in Slack.",
        },
    },
    "inspera.cli.failed": {
        "nb": "{test}: kunne ikke lese prøven fra Inspera: {reason}. Ingen forskjeller ble meldt.",
        "en": "{test}: could not read the test from Inspera: {reason}. No differences were "
        "reported.",
    },
    "inspera.cli.stopped": {
        "nb": {
            "one": "Stoppet: {reason}. Én prøve til ble ikke lest.",
            "other": "Stoppet: {reason}. {count} prøver til ble ikke lest.",
        },
        "en": {
            "one": "Stopped: {reason}. One more test was not read.",
            "other": "Stopped: {reason}. {count} more tests were not read.",
        },
    },
    "inspera.cli.missing_in_inspera": {
        "nb": "  • {name} <{email}>: i sensoroversikten ({committees}), ikke i Inspera",
        "en": "  • {name} <{email}>: in the roster ({committees}), not in Inspera",
    },
    "inspera.cli.missing_in_roster": {
        "nb": "  • {name} <{email}> (Inspera-bruker {user_id}): i Inspera ({committees}), ikke "
        "i sensoroversikten",
        "en": "  • {name} <{email}> (Inspera user {user_id}): in Inspera ({committees}), not in "
        "the roster",
    },
    "inspera.cli.other_email": {
        "nb": "  • {name} <{email}>: Inspera har adressen {inspera_email}",
        "en": "  • {name} <{email}>: Inspera has the address {inspera_email}",
    },
    "inspera.cli.other_committee": {
        "nb": "  • {name} <{email}>: {roster} i sensoroversikten, {inspera} i Inspera",
        "en": "  • {name} <{email}>: {roster} in the roster, {inspera} in Inspera",
    },
    # -- why a reading failed (the terminal, and `sensorbot status`) ------------------------
    "inspera.failure.unreachable": {
        "nb": "ingen forbindelse med Inspera ({detail})",
        "en": "no connection to Inspera ({detail})",
    },
    "inspera.failure.timeout": {
        "nb": "Inspera svarte ikke innen {detail}",
        "en": "Inspera did not answer within {detail}",
    },
    "inspera.failure.wrong_key": {
        "nb": "Inspera avviste API-nøkkelen (401): sjekk SENSORBOT_INSPERA_CLIENT_ID og "
        "SENSORBOT_INSPERA_API_KEY ({detail})",
        "en": "Inspera refused the API key (401): check SENSORBOT_INSPERA_CLIENT_ID and "
        "SENSORBOT_INSPERA_API_KEY ({detail})",
    },
    "inspera.failure.busy": {
        "nb": "Inspera ba meg vente (409/429) lenger enn jeg venter ({detail})",
        "en": "Inspera asked me to wait (409/429) longer than I wait ({detail})",
    },
    "inspera.failure.server_error": {
        "nb": "Inspera svarte med en feil på sin side ({detail})",
        "en": "Inspera answered with an error on its side ({detail})",
    },
    "inspera.failure.refused": {
        "nb": "Inspera nektet ({detail}); har API-brukeren tilgang til prøven?",
        "en": "Inspera refused ({detail}); may the API user read this test?",
    },
    "inspera.failure.not_found": {
        "nb": "Inspera har ingen prøve med id {inspera_id} ({detail}); sjekk inspera_test_id",
        "en": "Inspera has no test with id {inspera_id} ({detail}); check inspera_test_id",
    },
    "inspera.failure.not_json": {
        "nb": "Inspera svarte med en nettside, ikke JSON ({detail}); sjekk "
        "SENSORBOT_INSPERA_API_URL",
        "en": "Inspera answered with a web page, not JSON ({detail}); check "
        "SENSORBOT_INSPERA_API_URL",
    },
    "inspera.failure.reported_errors": {
        "nb": "Inspera meldte feil: {detail}",
        "en": "Inspera reported errors: {detail}",
    },
    "inspera.failure.malformed": {
        "nb": "svaret fra Inspera mangler {detail}",
        "en": "Inspera's answer lacks {detail}",
    },
    # -- `sensorbot status TEST` ------------------------------------------------------------
    "inspera.status.never": {
        "nb": "Inspera: ikke lest ennå (inspera_test_id {inspera_id}).",
        "en": "Inspera: not read yet (inspera_test_id {inspera_id}).",
    },
    "inspera.status.read": {
        "nb": {
            "=0": "Inspera: lest {when}; ingen forskjeller fra sensoroversikten.",
            "one": "Inspera: lest {when}; én forskjell fra sensoroversikten:",
            "other": "Inspera: lest {when}; {count} forskjeller fra sensoroversikten:",
        },
        "en": {
            "=0": "Inspera: read {when}; no differences from the roster.",
            "one": "Inspera: read {when}; one difference from the roster:",
            "other": "Inspera: read {when}; {count} differences from the roster:",
        },
    },
    "inspera.status.failed": {
        "nb": "Inspera: siste lesing feilet {when}: {reason}. Den prøves igjen ved neste lesing.",
        "en": "Inspera: the last reading failed {when}: {reason}. It is tried again at the "
        "next reading.",
    },
    "inspera.status.final_confirmed": {
        "nb": "Inspera: endelige karakterer bekreftet {when}.",
        "en": "Inspera: final grades confirmed {when}.",
    },
}
