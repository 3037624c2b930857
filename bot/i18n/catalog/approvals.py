MESSAGES = {
    # -- common pieces -----------------------------------------------------------------
    "approvals.committee": {"nb": "kommisjon {committee}", "en": "committee {committee}"},
    "approvals.no_grades": {"nb": "ingen karakterer", "en": "no grades"},
    "approvals.and_more": {"nb": "og {count} til", "en": "and {count} more"},
    "approvals.out_of_date": {
        "nb": "Denne meldingen er utdatert: kommisjonen er gjenåpnet etter at den ble sendt. "
        "Bruk den nyeste meldingen, eller skriv `/sensur godkjenn {test}`.",
        "en": "This message is out of date: the committee was reopened after it was sent. "
        "Use the newest message, or type `/sensur approve {test}`.",
    },
    # -- "approve your grading" ----------------------------------------------------------
    "approvals.own.title": {"nb": "Godkjenn sensuren din", "en": "Approve your grading"},
    "approvals.own.intro": {
        "nb": "*{test}*, {committee}: du har gitt karakter til alle {count} kandidatene som "
        "leverte.",
        "en": "*{test}*, {committee}: you have graded all {count} candidates who submitted.",
    },
    "approvals.own.intro_all": {
        "nb": "*{test}*: du har gitt karakter til alle kandidatene i alle kommisjonene dine. "
        "Prøven er satt opp slik at du godkjenner alle kommisjonene samlet.",
        "en": "*{test}*: you have graded every candidate in all your committees. The test is "
        "set up so that you approve all your committees at once.",
    },
    "approvals.own.summary": {
        "nb": "*Kommisjon {committee}* – {count} kandidater: {counts}",
        "en": "*Committee {committee}* – {count} candidates: {counts}",
    },
    "approvals.own.missing": {
        "nb": "*Kommisjon {committee}*: {count} av {total} kandidater mangler karakter fra deg: "
        "{candidates}",
        "en": "*Committee {committee}*: {count} of {total} candidates still lack your grade: "
        "{candidates}",
    },
    "approvals.own.privacy": {
        "nb": "Medsensorene dine ser ikke karakterene dine før du har godkjent. Når du godkjenner, "
        "låses karakterene dine, og dere sammenligner dem når alle har godkjent.",
        "en": "Your co-graders cannot see your grades until you approve. When you approve, your "
        "grades are locked, and you compare them once everyone has approved.",
    },
    "approvals.own.button": {"nb": "Godkjenn sensuren min", "en": "Approve my grading"},
    "approvals.own.button_all": {
        "nb": "Godkjenn alle kommisjonene mine",
        "en": "Approve all my committees",
    },
    "approvals.own.done": {
        "nb": "✅ Du godkjente sensuren din {when}. Karakterene dine er låst.",
        "en": "✅ You approved your grading {when}. Your grades are locked.",
    },
    "approvals.own.not_ready": {
        "nb": "Sensuren din er ikke komplett lenger. Jeg spør igjen når alle kandidatene har "
        "karakter.",
        "en": "Your grading is not complete any more. I'll ask again when every candidate has "
        "a grade.",
    },
    # -- aligning ------------------------------------------------------------------------
    "approvals.align.title": {
        "nb": "Bli enige om karakterer som avviker",
        "en": "Agree on the grades that differ",
    },
    "approvals.align.intro": {
        "nb": "*{test}*, {committee}: alle sensorene har godkjent sin sensur. For "
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
        "nb": "{count} kandidater mangler omforent karakter.",
        "en": "{count} candidates still need an agreed grade.",
    },
    "approvals.align.resolved": {
        "nb": "✅ Alle avvik er avklart. Endelig godkjenning kommer i en egen melding; til da "
        "kan dere fortsatt endre valgene her.",
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
    # -- final approval ------------------------------------------------------------------
    "approvals.final.title": {
        "nb": "Godkjenn de endelige karakterene",
        "en": "Approve the final grades",
    },
    "approvals.final.intro": {
        "nb": "*{test}*, {committee}: alle kandidatene har karakter: {counts}.",
        "en": "*{test}*, {committee}: every candidate has a grade: {counts}.",
    },
    "approvals.final.rule_one": {
        "nb": "Én godkjenning gjelder for hele kommisjonen: når én av dere godkjenner, er "
        "karakterene endelige for alle.",
        "en": "One approval counts for the whole committee: when one of you approves, the "
        "grades are final for all of you.",
    },
    "approvals.final.rule_all": {
        "nb": "Alle sensorene i kommisjonen må godkjenne.",
        "en": "Every grader of the committee must approve.",
    },
    "approvals.final.approved_by": {"nb": "Godkjent av: {names}", "en": "Approved by: {names}"},
    "approvals.final.waiting": {"nb": "Venter på: {names}", "en": "Waiting for: {names}"},
    "approvals.final.button": {
        "nb": "Godkjenn endelige karakterer",
        "en": "Approve final grades",
    },
    "approvals.final.final": {
        "nb": "✅ Endelig: godkjent av {by} {when}. Karakterene er låst.",
        "en": "✅ Final: approved by {by} {when}. The grades are locked.",
    },
    "approvals.final.not_ready": {
        "nb": "Ikke klar for endelig godkjenning: karakterer er endret eller mangler. Jeg sier "
        "fra når kommisjonen er klar igjen.",
        "en": "Not ready for final approval: grades changed or are missing. I'll tell you when "
        "the committee is ready again.",
    },
    # -- to consultants: graded, transfer to FS -------------------------------------------
    "approvals.transfer.title": {"nb": "Klar for overføring til FS", "en": "Ready for FS"},
    "approvals.transfer.intro": {
        "nb": "*{test}*: alle {committees} kommisjonene har godkjent endelige karakterer "
        "({graded} karakterer: {counts}). Importfila for Inspera ligger over. Importer den i "
        "Inspera, overfør sensuren til FS og trykk så på knappen.",
        "en": "*{test}*: all {committees} committees have approved their final grades "
        "({graded} grades: {counts}). The Inspera import file is above. Import it in Inspera, "
        "transfer the grades to FS, then press the button.",
    },
    "approvals.transfer.button": {"nb": "Overført til FS", "en": "Transferred to FS"},
    "approvals.transfer.done": {
        "nb": "✅ Overført til FS av {by} {when}. Sensorene har fått beskjed.",
        "en": "✅ Transferred to FS by {by} {when}. The graders have been told.",
    },
    "approvals.transfer.out_of_date": {
        "nb": "En kommisjon ble gjenåpnet etter denne meldingen. Du får en ny melding når alle "
        "kommisjonene er endelige igjen.",
        "en": "A committee was reopened after this message. You'll get a new one when every "
        "committee is final again.",
    },
    "approvals.transfer.not_ready": {
        "nb": "Ikke alle kommisjonene er endelige lenger.",
        "en": "Not every committee is final any more.",
    },
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
        "dem som endelige. Godkjenningen din er trukket tilbake: se over og godkjenn på nytt.",
        "en": "{by} changed grades in committee {committee} ({test}) after you approved them "
        "as final. Your approval was withdrawn: please look again and approve.",
    },
    "approvals.notice.final_one": {
        "nb": "{by} godkjente de endelige karakterene for kommisjon {committee} ({test}) på "
        "vegne av kommisjonen. De er nå endelige og låst.",
        "en": "{by} approved the final grades of committee {committee} ({test}) for the "
        "committee. They are now final and locked.",
    },
    "approvals.notice.final_all": {
        "nb": "Alle sensorene har godkjent: karakterene i kommisjon {committee} ({test}) er "
        "endelige og låst. Siste godkjenning kom fra {by}.",
        "en": "Every grader has approved: the grades of committee {committee} ({test}) are "
        "final and locked. The last approval came from {by}.",
    },
    "approvals.notice.reopened": {
        "nb": "Kommisjon {committee} ({test}) er gjenåpnet av {by}: «{reason}». Godkjenningene i "
        "kommisjonen er nullstilt, og karakterene kan endres igjen. Godkjenn sensuren på nytt "
        "når den er klar.",
        "en": "Committee {committee} ({test}) was reopened by {by}: “{reason}”. The committee's "
        "approvals are cleared and the grades can be changed again. Approve your grading again "
        "when it is ready.",
    },
    "approvals.notice.transferred": {
        "nb": "Sensuren for {test} er overført til FS. Studentene ser vanligvis resultatet "
        "omtrent én virkedag senere. Takk for innsatsen!",
        "en": "The grades for {test} are transferred to FS. Students usually see their results "
        "about one working day later. Thank you for your work!",
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
        "nb": "{test} har ingen kommisjon `{committee}`. Kommisjonene er: {committees}.",
        "en": "{test} has no committee `{committee}`. Its committees are: {committees}.",
    },
    "approvals.refused.committee_required": {
        "nb": "Du er i flere kommisjoner på {test} ({committees}). Skriv `/sensur godkjenn "
        "{test}` og godkjenn hver kommisjon for seg.",
        "en": "You are in several committees of {test} ({committees}). Type `/sensur approve "
        "{test}` and approve each committee on its own.",
    },
    "approvals.refused.shared_marking": {
        "nb": "{test} har delt vurdering: der er det ingen godkjenning av egen sensur og ingen "
        "avklaring av avvik. Kommisjonen godkjenner de endelige karakterene sammen.",
        "en": "{test} uses shared marking: there is no approval of your own grading and no "
        "aligning. The committee approves the final grades together.",
    },
    "approvals.refused.incomplete": {
        "nb": "Ikke godkjent: noen kandidater mangler karakter. Ingenting er endret.",
        "en": "Not approved: some candidates still lack a grade. Nothing was changed.",
    },
    "approvals.refused.incomplete_line": {
        "nb": "Kommisjon {committee}: {count} mangler – {candidates}",
        "en": "Committee {committee}: {count} missing – {candidates}",
    },
    "approvals.refused.already_approved": {
        "nb": "Du godkjente dette allerede {when}. Ingenting er endret.",
        "en": "You already approved this {when}. Nothing was changed.",
    },
    "approvals.refused.already_voted": {
        "nb": "Du godkjente de endelige karakterene allerede {when}. Venter på: {names}.",
        "en": "You already approved the final grades {when}. Waiting for: {names}.",
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
        "nb": "{count} avvik i kommisjon {committees} må avklares først. Ingenting er endret.",
        "en": "{count} differences in committee {committees} must be agreed first. "
        "Nothing was changed.",
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
        "nb": "{test} er ikke ferdig sensurert: disse kommisjonene er ikke endelige: "
        "{committees}. Ingenting er endret.",
        "en": "{test} is not graded yet: these committees are not final: {committees}. "
        "Nothing was changed.",
    },
    "approvals.refused.already_transferred": {
        "nb": "{test} er allerede registrert som overført til FS av {by} {when}. Ingenting er "
        "endret.",
        "en": "{test} was already recorded as transferred to FS by {by} {when}. Nothing was "
        "changed.",
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
        "nb": "Individuell sensur; egen sensur godkjennes {own}; endelig godkjenning av {final}.",
        "en": "Private marking; own grading is approved {own}; final approval by {final}.",
    },
    "approvals.overview.rules_shared": {
        "nb": "Delt vurdering; endelig godkjenning av {final}.",
        "en": "Shared marking; final approval by {final}.",
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
        "nb": "*Kommisjon {committee}*: {count} av {total} kandidater mangler karakter fra deg: "
        "{candidates}. Karakterer så langt: {counts}.",
        "en": "*Committee {committee}*: {count} of {total} candidates still lack your grade: "
        "{candidates}. Grades so far: {counts}.",
    },
    "approvals.overview.missing_shared": {
        "nb": "*Kommisjon {committee}*: {count} av {total} kandidater mangler karakter: "
        "{candidates}. Karakterer så langt: {counts}.",
        "en": "*Committee {committee}*: {count} of {total} candidates still lack a grade: "
        "{candidates}. Grades so far: {counts}.",
    },
    "approvals.overview.ready_own": {
        "nb": "*Kommisjon {committee}*: alle {total} har karakter ({counts}). Klar til å "
        "godkjennes.",
        "en": "*Committee {committee}*: all {total} graded ({counts}). Ready to approve.",
    },
    "approvals.overview.own_approved": {
        "nb": "*Kommisjon {committee}*: du godkjente {when}. Venter på: {names}.",
        "en": "*Committee {committee}*: you approved {when}. Waiting for: {names}.",
    },
    "approvals.overview.aligning": {
        "nb": "*Kommisjon {committee}*: {count} avvik skal avklares – velg i meldingen jeg "
        "sendte deg.",
        "en": "*Committee {committee}*: {count} differences to agree – choose in the message I "
        "sent you.",
    },
    "approvals.overview.ready_final": {
        "nb": "*Kommisjon {committee}*: klar for endelig godkjenning ({counts}).",
        "en": "*Committee {committee}*: ready for final approval ({counts}).",
    },
    "approvals.overview.voted": {
        "nb": "*Kommisjon {committee}*: du godkjente de endelige karakterene {when}. "
        "Venter på: {names}.",
        "en": "*Committee {committee}*: you approved the final grades {when}. Waiting for: "
        "{names}.",
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
        "nb": "Du har godkjent sensuren din i kommisjon {committee}, så karakterene dine der er "
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
    "approvals.reopen.done": {
        "nb": "Kommisjon {committee} på {test} er gjenåpnet. Godkjenningene er nullstilt, og "
        "sensorene ({count}) har fått beskjed med begrunnelsen din.",
        "en": "Committee {committee} of {test} is reopened. Its approvals are cleared, and its "
        "graders ({count}) have been told, with your reason.",
    },
}
