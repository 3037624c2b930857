"""Approvals (SPEC §3.6): godkjenne egen sensur, omforente karakterer, godkjenne felles
sensur, overføring til FS and gjenåpning, in NTNU's words."""

MESSAGES = {
    # -- common pieces -----------------------------------------------------------------
    "approvals.committee": {"nb": "kommisjon {committee}", "en": "committee {committee}"},
    "approvals.no_grades": {"nb": "ingen karakterer", "en": "no grades"},
    "approvals.and_more": {
        "nb": {"one": "og én til", "other": "og {count} til"},
        "en": {"one": "and one more", "other": "and {count} more"},
    },
    "approvals.count.grade": {
        "nb": {"one": "{count} {grade}", "other": "{count} {grade}"},
        "en": {"one": "{count} {grade}", "other": "{count} {grade}"},
    },
    "approvals.count.pass": {
        "nb": {"one": "{count} bestått", "other": "{count} bestått"},
        "en": {"one": "{count} pass", "other": "{count} passes"},
    },
    "approvals.count.notpass": {
        "nb": {"one": "{count} ikke bestått", "other": "{count} ikke bestått"},
        "en": {"one": "{count} fail", "other": "{count} fails"},
    },
    "approvals.grades_count": {
        "nb": {"one": "{count} karakter", "other": "{count} karakterer"},
        "en": {"one": "{count} grade", "other": "{count} grades"},
    },
    "approvals.person.you": {"nb": "deg", "en": "you"},
    "approvals.person.you_subject": {"nb": "du", "en": "you"},
    "approvals.person.grader": {"nb": "en sensor", "en": "a grader"},
    "approvals.person.consultant": {"nb": "en studiekonsulent", "en": "a study consultant"},
    "approvals.confirm_no": {"nb": "Avbryt", "en": "Cancel"},
    "approvals.out_of_date": {
        "nb": "Denne meldingen er utdatert: kommisjonen er gjenåpnet etter at den ble sendt. "
        "Bruk den nyeste meldingen, eller skriv `/sensur godkjenn {test}`.",
        "en": "This message is out of date: the committee was reopened after it was sent. "
        "Use the newest message, or type `/sensur approve {test}`.",
    },
    # -- godkjenne egen sensur -------------------------------------------------------------
    "approvals.own.title": {"nb": "Godkjenn egen sensur", "en": "Approve your grading"},
    "approvals.own.intro": {
        "nb": {
            "=0": "*{test}*, {committee}: ingen kandidater har levert.",
            "one": "*{test}*, {committee}: du har gitt karakter til kandidaten som leverte.",
            "=2": "*{test}*, {committee}: du har gitt karakter til begge kandidatene som leverte.",
            "other": "*{test}*, {committee}: du har gitt karakter til alle {count} kandidatene "
            "som leverte.",
        },
        "en": {
            "=0": "*{test}*, {committee}: no candidate has submitted.",
            "one": "*{test}*, {committee}: you have graded the candidate who submitted.",
            "=2": "*{test}*, {committee}: you have graded both candidates who submitted.",
            "other": "*{test}*, {committee}: you have graded all {count} candidates who submitted.",
        },
    },
    "approvals.own.intro_all": {
        "nb": "*{test}*: du har gitt karakter til alle kandidatene i kommisjonene dine. "
        "Prøven er satt opp slik at du godkjenner egen sensur for alle kommisjonene samlet.",
        "en": "*{test}*: you have graded every candidate in your committees. The test is set "
        "up so that you approve your grading of all your committees at once.",
    },
    "approvals.own.summary": {
        "nb": {
            "one": "*Kommisjon {committee}* – {count} kandidat: {counts}",
            "other": "*Kommisjon {committee}* – {count} kandidater: {counts}",
        },
        "en": {
            "one": "*Committee {committee}* – {count} candidate: {counts}",
            "other": "*Committee {committee}* – {count} candidates: {counts}",
        },
    },
    "approvals.own.missing": {
        "plural": "total_count",
        "nb": {
            "one": "*Kommisjon {committee}*: mangler karakter fra deg for {count} av "
            "{total_count} kandidat: {candidates}",
            "other": "*Kommisjon {committee}*: mangler karakter fra deg for {count} av "
            "{total_count} kandidater: {candidates}",
        },
        "en": {
            "one": "*Committee {committee}*: no grade from you yet for {count} of "
            "{total_count} candidate: {candidates}",
            "other": "*Committee {committee}*: no grade from you yet for {count} of "
            "{total_count} candidates: {candidates}",
        },
    },
    "approvals.own.privacy": {
        "nb": "Medsensorene dine ser ikke karakterene dine før du har godkjent. Når du godkjenner, "
        "låses karakterene dine, og dere sammenligner dem når alle har godkjent.",
        "en": "Your co-graders cannot see your grades until you approve. When you approve, your "
        "grades are locked, and you compare them once everyone has approved.",
    },
    "approvals.own.button": {"nb": "Godkjenn egen sensur", "en": "Approve my grading"},
    "approvals.own.button_all": {
        "nb": "Godkjenn egen sensur for alle kommisjonene",
        "en": "Approve my grading of all my committees",
    },
    "approvals.own.done": {
        "nb": "✅ Du godkjente egen sensur {when}. Karakterene dine er låst.",
        "en": "✅ You approved your grading {when}. Your grades are locked.",
    },
    "approvals.own.next.where": {"nb": "Kommisjon {committee}: ", "en": "Committee {committee}: "},
    "approvals.own.next.waiting": {
        "nb": "Du får beskjed når {names} har godkjent egen sensur. Da sammenligner dere "
        "karakterene.",
        "en": "You will hear from me once everyone has approved their grading (waiting for "
        "{names}). Then you compare your grades.",
    },
    "approvals.own.next.aligning": {
        "nb": "Alle har godkjent egen sensur. Bli enige om karakterene som avviker, i meldingen "
        "jeg har sendt deg.",
        "en": "Everyone has approved their grading. Agree on the grades that differ in the "
        "message I have sent you.",
    },
    "approvals.own.next.final": {
        "nb": "Alle har godkjent egen sensur, og karakterene er like. Godkjenn felles sensur i "
        "meldingen jeg har sendt deg.",
        "en": "Everyone has approved their grading, and the grades agree. Approve the final "
        "grades in the message I have sent you.",
    },
    "approvals.own.not_ready": {
        "nb": "Sensuren din er ikke komplett lenger. Jeg spør igjen når alle kandidatene har "
        "karakter.",
        "en": "Your grading is not complete any more. I'll ask again when every candidate has "
        "a grade.",
    },
    # -- omforente karakterer --------------------------------------------------------------
    "approvals.align.title": {
        "nb": "Bli enige om karakterer som avviker",
        "en": "Agree on the grades that differ",
    },
    "approvals.align.intro": {
        "nb": "*{test}*, {committee}: alle sensorene har godkjent egen sensur. For "
        "kandidatene under har dere gitt ulik karakter. Velg den omforente karakteren for hver; "
        "hvem som helst av dere kan velge, og de andre får beskjed.",
        "en": "*{test}*, {committee}: every grader has approved their grading. For the "
        "candidates below your grades differ. Choose the agreed grade for each; any of you may "
        "choose, and the others are told.",
    },
    "approvals.align.part": {"nb": "Del {part} av {parts}.", "en": "Part {part} of {parts}."},
    "approvals.align.row": {"nb": "*{candidate}*   {grades}", "en": "*{candidate}*   {grades}"},
    "approvals.align.agreed": {
        "nb": "omforent: *{grade}* ({by})",
        "en": "agreed: *{grade}* ({by})",
    },
    "approvals.align.agreed_equal": {"nb": "omforent: *{grade}*", "en": "agreed: *{grade}*"},
    "approvals.align.open": {
        "nb": {
            "one": "1 kandidat mangler omforent karakter.",
            "other": "{count} kandidater mangler omforent karakter.",
        },
        "en": {
            "one": "1 candidate still needs an agreed grade.",
            "other": "{count} candidates still need an agreed grade.",
        },
    },
    "approvals.align.resolved": {
        "nb": "✅ Alle avvik er avklart. Godkjenning av felles sensur kommer i en egen melding; "
        "til da kan dere fortsatt endre valgene her.",
        "en": "✅ Every difference is agreed. The final approval comes in a separate message; "
        "until then you can still change the choices here.",
    },
    "approvals.align.final": {
        "nb": "✅ Kommisjonens karakterer er endelige.",
        "en": "✅ The committee's grades are final.",
    },
    "approvals.align.not_ready": {
        "nb": "Kommisjonen er ikke klar til å avklare avvik.",
        "en": "The committee is not ready to agree grades.",
    },
    "approvals.align.placeholder": {"nb": "Omforent karakter", "en": "Agreed grade"},
    # -- godkjenne felles sensur -----------------------------------------------------------
    "approvals.final.title": {"nb": "Godkjenn felles sensur", "en": "Approve the final grades"},
    "approvals.final.intro": {
        "nb": {
            "=0": "*{test}*, {committee}: ingen kandidater å godkjenne.",
            "one": "*{test}*, {committee}: kandidaten har karakter ({counts}). Dette blir den "
            "endelige karakteren:",
            "=2": "*{test}*, {committee}: begge kandidatene har karakter ({counts}). Dette "
            "blir de endelige karakterene:",
            "other": "*{test}*, {committee}: alle {count} kandidatene har karakter ({counts}). "
            "Dette blir de endelige karakterene:",
        },
        "en": {
            "=0": "*{test}*, {committee}: no candidates to approve.",
            "one": "*{test}*, {committee}: the candidate has a grade ({counts}). This becomes "
            "the final grade:",
            "=2": "*{test}*, {committee}: both candidates have a grade ({counts}). These "
            "become the final grades:",
            "other": "*{test}*, {committee}: all {count} candidates have a grade ({counts}). "
            "These become the final grades:",
        },
    },
    "approvals.final.row": {"nb": "*{candidate}*: {grade}", "en": "*{candidate}*: {grade}"},
    "approvals.final.row_agreed": {
        "nb": "*{candidate}*: {grade} – omforent ({given})",
        "en": "*{candidate}*: {grade} – agreed ({given})",
    },
    "approvals.final.row_changed": {
        "nb": "*{candidate}*: {grade} – endret ({given}; siste gjelder)",
        "en": "*{candidate}*: {grade} – changed ({given}; the latest counts)",
    },
    "approvals.final.too_many": {
        "nb": {
            "one": "Kommisjonen har {count} kandidat.",
            "other": "Kommisjonen har {count} kandidater – for mange til å vise alle her. Hele "
            "lista med karakterene får du som fil med knappen «Send lista som fil». Under står "
            "karakterene som er omforent eller endret.",
        },
        "en": {
            "one": "The committee has {count} candidate.",
            "other": "The committee has {count} candidates – too many to show them all here. "
            "Press “Send the list as a file” for the whole list with its grades. Below are the "
            "grades that were agreed or changed.",
        },
    },
    "approvals.final.list_button": {"nb": "Send lista som fil", "en": "Send the list as a file"},
    "approvals.final.list_comment": {
        "nb": {
            "one": "Karakteren som blir endelig for {test}, {committee}: {count} kandidat.",
            "other": "Karakterene som blir endelige for {test}, {committee}: {count} kandidater.",
        },
        "en": {
            "one": "The grade that becomes final for {test}, {committee}: {count} candidate.",
            "other": "The grades that become final for {test}, {committee}: {count} candidates.",
        },
    },
    "approvals.final.rule_one": {
        "nb": "Én godkjenning gjelder for hele kommisjonen: når du godkjenner, er karakterene "
        "endelige og låst for alle – også for {names}.",
        "en": "One approval counts for the whole committee: when you approve, the grades are "
        "final and locked for everyone – {names} included.",
    },
    "approvals.final.rule_one_alone": {
        "nb": "Når du godkjenner, er karakterene endelige og låst.",
        "en": "When you approve, the grades are final and locked.",
    },
    "approvals.final.rule_shared": {
        "nb": "Delt vurdering: karakterene er felles for hele kommisjonen. Når siste sensor "
        "har godkjent, er alle karakterene endelige og låst – også dem {names} har satt.",
        "en": "Shared marking: the grades belong to the whole committee. When the last grader "
        "approves, every grade is final and locked – those {names} set included.",
    },
    "approvals.final.rule_all": {
        "nb": "Alle sensorene i kommisjonen må godkjenne felles sensur.",
        "en": "Every grader of the committee must approve the final grades.",
    },
    "approvals.final.approved_by": {"nb": "Godkjent av {names}.", "en": "Approved by {names}."},
    "approvals.final.waiting": {"nb": "Venter på {names}.", "en": "Waiting for {names}."},
    "approvals.final.you_complete": {
        "nb": "Du er den siste som godkjenner: når du trykker, er karakterene endelige og låst "
        "for hele kommisjonen.",
        "en": "You are the last to approve: when you press, the grades are final and locked "
        "for the whole committee.",
    },
    "approvals.final.you_will_hear": {
        "nb": "Du har godkjent felles sensur. Du får beskjed når {names} har godkjent.",
        "en": "You have approved the final grades. You will hear from me once everyone has "
        "approved (waiting for {names}).",
    },
    "approvals.final.button": {"nb": "Godkjenn felles sensur", "en": "Approve final grades"},
    "approvals.final.final": {
        "nb": "✅ Endelig: godkjent av {by} {when}. Karakterene er låst.",
        "en": "✅ Final: approved by {by} {when}. The grades are locked.",
    },
    "approvals.final.not_ready": {
        "nb": "Ikke klar for godkjenning av felles sensur: karakterer er endret eller mangler. "
        "Jeg sier fra når kommisjonen er klar igjen.",
        "en": "Not ready for final approval: grades changed or are missing. I'll tell you when "
        "the committee is ready again.",
    },
    "approvals.final.confirm_title": {
        "nb": "Godkjenne felles sensur?",
        "en": "Approve the final grades?",
    },
    "approvals.final.confirm_text": {
        "nb": {
            "=0": "Du godkjenner felles sensur for {committee}, som ikke har kandidater.",
            "=2": "Du godkjenner karakterene til begge kandidatene i {committee}.",
            "one": "Du godkjenner karakteren til kandidaten i {committee}.",
            "other": "Du godkjenner karakterene til alle {count} kandidatene i {committee}.",
        },
        "en": {
            "=0": "You approve the final grades of {committee}, which has no candidates.",
            "=2": "You approve the grades of both candidates in {committee}.",
            "one": "You approve the grade of the candidate in {committee}.",
            "other": "You approve the grades of all {count} candidates in {committee}.",
        },
    },
    "approvals.final.confirm_locks": {
        "nb": "De blir endelige og låst for hele kommisjonen, også for {names}. Bare "
        "studiekonsulenten kan gjenåpne.",
        "en": "They become final and locked for the whole committee, {names} included. Only "
        "the study consultant can reopen.",
    },
    "approvals.final.confirm_locks_alone": {
        "nb": "De blir endelige og låst. Bare studiekonsulenten kan gjenåpne.",
        "en": "They become final and locked. Only the study consultant can reopen.",
    },
    "approvals.final.confirm_waits": {
        "nb": "De blir endelige når alle i kommisjonen har godkjent.",
        "en": "They become final once everyone in the committee has approved.",
    },
    "approvals.final.confirm_yes": {"nb": "Godkjenn", "en": "Approve"},
    # -- to consultants: the export of the final grades -------------------------------------
    "approvals.transfer.file_comment": {
        "nb": "Endelige karakterer for {test}, klare for import i Inspera.",
        "en": "Final grades for {test}, ready for import in Inspera.",
    },
    # -- notices -------------------------------------------------------------------------
    "approvals.notice.agreed": {
        "nb": "{by} satte omforent karakter i kommisjon {committee} ({test}): {changes}",
        "en": "{by} set the agreed grade in committee {committee} ({test}): {changes}",
    },
    "approvals.notice.withdrawn": {
        "nb": "{by} endret karakterer i kommisjon {committee} ({test}) etter at du godkjente "
        "felles sensur. Godkjenningen din er trukket tilbake: se over og godkjenn på nytt.",
        "en": "{by} changed grades in committee {committee} ({test}) after you approved them "
        "as final. Your approval was withdrawn: please look again and approve.",
    },
    "approvals.notice.final_one": {
        "nb": "{by} godkjente felles sensur for kommisjon {committee} ({test}) på vegne av "
        "kommisjonen. Karakterene er nå endelige og låst.",
        "en": "{by} approved the final grades of committee {committee} ({test}) for the "
        "committee. They are now final and locked.",
    },
    "approvals.notice.final_all": {
        "nb": "Alle sensorene har godkjent felles sensur: karakterene i kommisjon {committee} "
        "({test}) er endelige og låst. Siste godkjenning kom fra {by}.",
        "en": "Every grader has approved: the grades of committee {committee} ({test}) are "
        "final and locked. The last approval came from {by}.",
    },
    "approvals.notice.reopened": {
        "nb": "Kommisjon {committee} ({test}) er gjenåpnet av {by}: «{reason}». Godkjenningene i "
        "kommisjonen er nullstilt, og karakterene kan endres igjen. Godkjenn egen sensur på "
        "nytt når den er klar.",
        "en": "Committee {committee} ({test}) was reopened by {by}: “{reason}”. The committee's "
        "approvals are cleared and the grades can be changed again. Approve your grading again "
        "when it is ready.",
    },
    # -- refusals ------------------------------------------------------------------------
    "approvals.refused.unknown_test": {
        "nb": "Jeg finner ikke prøven `{test}`. Ingenting er endret.",
        "en": "I can't find the test `{test}`. Nothing was changed.",
    },
    "approvals.refused.not_grader": {
        "nb": "Du er ikke sensor i noen kommisjon på {test}. Ingenting er endret.",
        "en": "You are not a grader in any committee of {test}. Nothing was changed.",
    },
    "approvals.refused.not_member": {
        "nb": "Du er ikke sensor i kommisjon {committee} på {test}, så du kan ikke gjøre dette. "
        "Ingenting er endret.",
        "en": "You are not a grader in committee {committee} of {test}, so you can't do this. "
        "Nothing was changed.",
    },
    "approvals.refused.not_for_you": {
        "nb": "Denne godkjenningen tilhører en annen sensor. Ingenting er endret.",
        "en": "This approval belongs to another grader. Nothing was changed.",
    },
    "approvals.refused.not_consultant": {
        "nb": "Bare studiekonsulentene for {test} kan gjøre dette. Ingenting er endret.",
        "en": "Only the study consultants of {test} can do this. Nothing was changed.",
    },
    "approvals.refused.unknown_committee": {
        "nb": "{test} har ingen kommisjon `{committee}`. Kommisjonene er {committees}.",
        "en": "{test} has no committee `{committee}`. Its committees are {committees}.",
    },
    "approvals.refused.committee_required": {
        "nb": "Du er i kommisjon {committees} på {test}. Skriv `/sensur godkjenn {test}` og "
        "godkjenn egen sensur for hver kommisjon for seg.",
        "en": "You are in committees {committees} of {test}. Type `/sensur approve {test}` and "
        "approve each committee on its own.",
    },
    "approvals.refused.shared_marking": {
        "nb": "{test} har delt vurdering: der godkjenner ingen egen sensur, og det er ingen "
        "avvik å avklare. Kommisjonen godkjenner felles sensur sammen.",
        "en": "{test} uses shared marking: nobody approves their own grading and there are no "
        "differences to agree. The committee approves the final grades together.",
    },
    "approvals.refused.incomplete": {
        "nb": "Ikke godkjent: noen kandidater mangler karakter. Ingenting er endret.",
        "en": "Not approved: some candidates still lack a grade. Nothing was changed.",
    },
    "approvals.refused.incomplete_line": {
        "nb": {
            "one": "Kommisjon {committee}: 1 kandidat mangler karakter – {candidates}",
            "other": "Kommisjon {committee}: {count} kandidater mangler karakter – {candidates}",
        },
        "en": {
            "one": "Committee {committee}: 1 candidate without a grade – {candidates}",
            "other": "Committee {committee}: {count} candidates without a grade – {candidates}",
        },
    },
    "approvals.refused.already_approved": {
        "nb": "Du godkjente dette allerede {when}. Ingenting er endret.",
        "en": "You already approved this {when}. Nothing was changed.",
    },
    "approvals.refused.already_voted": {
        "nb": "Du godkjente felles sensur allerede {when}. Venter på {names}.",
        "en": "You already approved the final grades {when}. Waiting for {names}.",
    },
    "approvals.refused.already_final": {
        "nb": "Karakterene i kommisjon {committee} er allerede endelige (godkjent av {by}). "
        "Ingenting er endret.",
        "en": "The grades of committee {committee} are already final (approved by {by}). "
        "Nothing was changed.",
    },
    "approvals.refused.waiting_own": {
        "nb": "Kommisjon {committees} er ikke kommet dit ennå: venter på at {names} godkjenner "
        "egen sensur. Ingenting er endret.",
        "en": "Committee {committees} is not there yet: waiting for {names} to approve their "
        "own grading. Nothing was changed.",
    },
    "approvals.refused.waiting_alignment": {
        "nb": {
            "one": "Ett avvik i kommisjon {committees} må avklares først. Ingenting er endret.",
            "other": "{count} avvik i kommisjon {committees} må avklares først. Ingenting er "
            "endret.",
        },
        "en": {
            "one": "One difference in committee {committees} must be agreed first. Nothing was "
            "changed.",
            "other": "{count} differences in committee {committees} must be agreed first. "
            "Nothing was changed.",
        },
    },
    "approvals.refused.moved_on": {
        "nb": "Kommisjon {committees} er allerede videre i godkjenningen. Ingenting er endret.",
        "en": "Committee {committees} has already moved on in the approval. Nothing was changed.",
    },
    "approvals.refused.out_of_date": {
        "nb": "Denne meldingen gjelder ikke lenger (kommisjonen er gjenåpnet siden, eller "
        "meldingen finnes ikke). Ingenting er endret; bruk den nyeste meldingen.",
        "en": "This message no longer applies (the committee was reopened since, or the "
        "message is unknown). Nothing was changed; use the newest message.",
    },
    "approvals.refused.invalid_agreed_grades": {
        "nb": "Ingen omforent karakter er satt. Rett dette og prøv igjen:",
        "en": "No agreed grade was set. Fix these and try again:",
    },
    "approvals.refused.not_on_scale": {
        "nb": "kandidat {candidate}: `{grade}` er ikke en karakter på denne prøven "
        "(bruk {allowed})",
        "en": "candidate {candidate}: `{grade}` is not a grade on this test (use {allowed})",
    },
    "approvals.refused.not_in_committee": {
        "nb": "kandidat {candidate}: ikke en kandidat som leverte i kommisjon {committee}",
        "en": "candidate {candidate}: not a candidate who submitted in committee {committee}",
    },
    "approvals.refused.not_graded": {
        "nb": "{test} er ikke ferdig sensurert: kommisjon {committees} er ikke endelig ennå. "
        "Ingenting er endret.",
        "en": "{test} is not graded yet: committee {committees} is not final yet. Nothing was "
        "changed.",
    },
    "approvals.refused.already_transferred": {
        "nb": "{test} er allerede registrert som overført til FS av {by} {when}. Ingenting er "
        "endret.",
        "en": "{test} was already recorded as transferred to FS by {by} {when}. Nothing was "
        "changed.",
    },
    "approvals.refused.trial_missing": {
        "nb": "Registrer først hva *Test overføring til FS* i Inspera sa om {test} (trinn 2 i "
        "sjekklisten). Ingenting er endret.",
        "en": "First record what Inspera's *Test overføring til FS* said about {test} (step 2 "
        "of the checklist). Nothing was changed.",
    },
    "approvals.refused.no_candidates": {
        "nb": "Skriv inn kandidatnumrene FS avviste, ett per linje eller skilt med komma. "
        "Ingenting er lagret.",
        "en": "Type the candidate numbers FS refused, one per line or separated by commas. "
        "Nothing was stored.",
    },
    "approvals.refused.unknown_candidates": {
        "nb": {
            "one": "{test} har ingen kandidat {candidates}. Sjekk nummeret mot FS. Ingenting er "
            "lagret.",
            "other": "{test} har ikke disse {count} kandidatene: {candidates}. Sjekk numrene "
            "mot FS. Ingenting er lagret.",
        },
        "en": {
            "one": "{test} has no candidate {candidates}. Check the number against FS. Nothing "
            "was stored.",
            "other": "{test} has none of these {count} candidates: {candidates}. Check the "
            "numbers against FS. Nothing was stored.",
        },
    },
    "approvals.refused.no_reason": {
        "nb": "Oppgi en begrunnelse: `/sensur gjenåpne {test} {committee} BEGRUNNELSE`. "
        "Ingenting er endret.",
        "en": "Give a reason: `/sensur reopen {test} {committee} REASON`. Nothing was changed.",
    },
    "approvals.refused.nothing_to_reopen": {
        "nb": "Ingen i kommisjon {committee} på {test} har godkjent noe ennå, så det er "
        "ingenting å gjenåpne.",
        "en": "Nobody in committee {committee} of {test} has approved anything yet, so there "
        "is nothing to reopen.",
    },
    # -- /sensur approve -----------------------------------------------------------------
    "approvals.cmd.not_grader": {
        "nb": "`/sensur godkjenn` er for sensorer, og jeg finner deg ikke som sensor.",
        "en": "`/sensur approve` is for graders, and I can't find you as a grader.",
    },
    "approvals.cmd.no_tests": {
        "nb": "Du er ikke sensor på noen prøve ennå.",
        "en": "You are not a grader on any test yet.",
    },
    "approvals.cmd.which_test": {
        "nb": "Du er sensor på flere prøver: {tests}. Skriv `/sensur godkjenn PRØVE`.",
        "en": "You grade on several tests: {tests}. Type `/sensur approve TEST`.",
    },
    "approvals.overview.title": {"nb": "Godkjenning – {test}", "en": "Approval – {test}"},
    "approvals.overview.rules_private": {
        "nb": "Individuell vurdering; egen sensur godkjennes {own}; felles sensur godkjennes "
        "av {final}.",
        "en": "Individual marking; own grading is approved {own}; final grades are approved "
        "by {final}.",
    },
    "approvals.overview.rules_shared": {
        "nb": "Delt vurdering; felles sensur godkjennes av {final}.",
        "en": "Shared marking; final grades are approved by {final}.",
    },
    "approvals.overview.own_committee": {
        "nb": "per kommisjon",
        "en": "per committee",
    },
    "approvals.overview.own_all": {
        "nb": "samlet for alle kommisjonene dine",
        "en": "for all your committees at once",
    },
    "approvals.overview.final_one": {"nb": "én sensor", "en": "one grader"},
    "approvals.overview.final_all": {"nb": "alle sensorene", "en": "every grader"},
    "approvals.overview.missing_own": {
        "plural": "total_count",
        "nb": {
            "one": "*Kommisjon {committee}*: mangler karakter fra deg for {count} av "
            "{total_count} kandidat: {candidates}. Karakterer så langt: {counts}.",
            "other": "*Kommisjon {committee}*: mangler karakter fra deg for {count} av "
            "{total_count} kandidater: {candidates}. Karakterer så langt: {counts}.",
        },
        "en": {
            "one": "*Committee {committee}*: no grade from you yet for {count} of "
            "{total_count} candidate: {candidates}. Grades so far: {counts}.",
            "other": "*Committee {committee}*: no grade from you yet for {count} of "
            "{total_count} candidates: {candidates}. Grades so far: {counts}.",
        },
    },
    "approvals.overview.missing_shared": {
        "plural": "total_count",
        "nb": {
            "one": "*Kommisjon {committee}*: mangler karakter for {count} av {total_count} "
            "kandidat: {candidates}. Karakterer så langt: {counts}.",
            "other": "*Kommisjon {committee}*: mangler karakter for {count} av {total_count} "
            "kandidater: {candidates}. Karakterer så langt: {counts}.",
        },
        "en": {
            "one": "*Committee {committee}*: no grade yet for {count} of {total_count} "
            "candidate: {candidates}. Grades so far: {counts}.",
            "other": "*Committee {committee}*: no grade yet for {count} of {total_count} "
            "candidates: {candidates}. Grades so far: {counts}.",
        },
    },
    "approvals.overview.ready_own": {
        "nb": {
            "=0": "*Kommisjon {committee}*: ingen kandidater har levert.",
            "one": "*Kommisjon {committee}*: kandidaten har karakter ({counts}). Klar til å "
            "godkjennes.",
            "=2": "*Kommisjon {committee}*: begge kandidatene har karakter ({counts}). Klar "
            "til å godkjennes.",
            "other": "*Kommisjon {committee}*: alle {count} kandidatene har karakter "
            "({counts}). Klar til å godkjennes.",
        },
        "en": {
            "=0": "*Committee {committee}*: no candidate has submitted.",
            "one": "*Committee {committee}*: the candidate is graded ({counts}). Ready to approve.",
            "=2": "*Committee {committee}*: both candidates graded ({counts}). Ready to approve.",
            "other": "*Committee {committee}*: all {count} graded ({counts}). Ready to approve.",
        },
    },
    "approvals.overview.own_approved": {
        "nb": "*Kommisjon {committee}*: du godkjente egen sensur {when}. Du får beskjed når "
        "{names} har godkjent.",
        "en": "*Committee {committee}*: you approved your grading {when}. You will hear from me "
        "once everyone has approved (waiting for {names}).",
    },
    "approvals.overview.aligning": {
        "nb": {
            "one": "*Kommisjon {committee}*: ett avvik skal avklares – velg i meldingen jeg "
            "sendte deg.",
            "other": "*Kommisjon {committee}*: {count} avvik skal avklares – velg i meldingen "
            "jeg sendte deg.",
        },
        "en": {
            "one": "*Committee {committee}*: one difference to agree – choose in the message I "
            "sent you.",
            "other": "*Committee {committee}*: {count} differences to agree – choose in the "
            "message I sent you.",
        },
    },
    "approvals.overview.ready_final": {
        "nb": "*Kommisjon {committee}*: klar for godkjenning av felles sensur ({counts}).",
        "en": "*Committee {committee}*: ready for final approval ({counts}).",
    },
    "approvals.overview.show_final": {
        "nb": "Se karakterene og godkjenn",
        "en": "See the grades and approve",
    },
    "approvals.overview.voted": {
        "nb": "*Kommisjon {committee}*: du godkjente felles sensur {when}. Du får beskjed når "
        "{names} har godkjent.",
        "en": "*Committee {committee}*: you approved the final grades {when}. You will hear "
        "from me once everyone has approved (waiting for {names}).",
    },
    "approvals.overview.final": {
        "nb": "*Kommisjon {committee}*: endelig (godkjent av {by} {when}).",
        "en": "*Committee {committee}*: final (approved by {by} {when}).",
    },
    "approvals.overview.all_ready": {
        "nb": "Alle kommisjonene dine er ferdig sensurert og klare til å godkjennes samlet.",
        "en": "All your committees are graded and ready to approve together.",
    },
    # -- grades locked (said by a grade-sheet upload touching them) ------------------------
    "approvals.locked.own_approval": {
        "nb": "Du har godkjent egen sensur i kommisjon {committee}, så karakterene dine der er "
        "låst. Må en karakter endres, be studiekonsulenten gjenåpne kommisjonen.",
        "en": "You have approved your grading of committee {committee}, so your grades there are "
        "locked. If a grade must change, ask the study consultant to reopen the committee.",
    },
    "approvals.locked.final": {
        "nb": "Karakterene i kommisjon {committee} er endelige og låst. Må en karakter endres, be "
        "studiekonsulenten gjenåpne kommisjonen.",
        "en": "The grades of committee {committee} are final and locked. If a grade must change, "
        "ask the study consultant to reopen the committee.",
    },
    # -- /sensur reopen ------------------------------------------------------------------
    "approvals.reopen.usage": {
        "nb": "Skriv `/sensur gjenåpne PRØVE KOMMISJON BEGRUNNELSE`, for eksempel "
        "`/sensur gjenåpne TDT4100-2026H 2 Karakteren til 10412 skal rettes`.",
        "en": "Type `/sensur reopen TEST COMMITTEE REASON`, for example "
        "`/sensur reopen TDT4100-2026H 2 The grade of 10412 must be corrected`.",
    },
    "approvals.reopen.reason_too_long": {
        "nb": {
            "one": "Begrunnelsen kan være på høyst {count} tegn. Ingenting er endret.",
            "other": "Begrunnelsen kan være på høyst {count} tegn. Ingenting er endret.",
        },
        "en": {
            "one": "The reason can be at most {count} character. Nothing was changed.",
            "other": "The reason can be at most {count} characters. Nothing was changed.",
        },
    },
    "approvals.reopen.plan": {
        "nb": "Gjenåpne {committee} på {test}? Dette nullstiller:",
        "en": "Reopen {committee} of {test}? This clears:",
    },
    "approvals.reopen.clears_own": {
        "nb": "egen sensur godkjent av {names}",
        "en": "the own approvals of {names}",
    },
    "approvals.reopen.clears_agreed": {
        "nb": {"one": "1 omforent karakter", "other": "{count} omforente karakterer"},
        "en": {"one": "1 agreed grade", "other": "{count} agreed grades"},
    },
    "approvals.reopen.clears_final": {
        "nb": "de endelige karakterene (endelige siden {when})",
        "en": "the final grades (final since {when})",
    },
    "approvals.reopen.clears_votes": {
        "nb": "godkjenningen av felles sensur fra {names}",
        "en": "the final approvals of {names}",
    },
    "approvals.reopen.told": {
        "nb": "{names} får beskjed med begrunnelsen din: «{reason}».",
        "en": "{names} will be told, with your reason: “{reason}”.",
    },
    "approvals.reopen.button": {
        "nb": "Gjenåpne kommisjon {committee}",
        "en": "Reopen committee {committee}",
    },
    "approvals.reopen.confirm_title": {
        "nb": "Gjenåpne kommisjonen?",
        "en": "Reopen the committee?",
    },
    "approvals.reopen.confirm_text": {
        "nb": "Godkjenningene i {committee} på {test} nullstilles, og sensorene må godkjenne på "
        "nytt. Det kan ikke angres.",
        "en": "The approvals of {committee} of {test} are cleared, and its graders must approve "
        "again. This cannot be undone.",
    },
    "approvals.reopen.confirm_yes": {"nb": "Gjenåpne", "en": "Reopen"},
    "approvals.reopen.done": {
        "nb": {
            "=0": "Kommisjon {committee} på {test} er gjenåpnet, og godkjenningene er "
            "nullstilt. Kommisjonen har ingen sensorer å gi beskjed.",
            "one": "Kommisjon {committee} på {test} er gjenåpnet. Godkjenningene er nullstilt, "
            "og sensoren har fått beskjed med begrunnelsen din.",
            "=2": "Kommisjon {committee} på {test} er gjenåpnet. Godkjenningene er nullstilt, "
            "og begge sensorene har fått beskjed med begrunnelsen din.",
            "other": "Kommisjon {committee} på {test} er gjenåpnet. Godkjenningene er "
            "nullstilt, og alle {count} sensorene har fått beskjed med begrunnelsen din.",
        },
        "en": {
            "=0": "Committee {committee} of {test} is reopened and its approvals are cleared. "
            "It has no graders to tell.",
            "one": "Committee {committee} of {test} is reopened. Its approvals are cleared, and "
            "its grader has been told, with your reason.",
            "=2": "Committee {committee} of {test} is reopened. Its approvals are cleared, and "
            "both its graders have been told, with your reason.",
            "other": "Committee {committee} of {test} is reopened. Its approvals are cleared, "
            "and all {count} of its graders have been told, with your reason.",
        },
    },
}
