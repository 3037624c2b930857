"""What the scheduler tells graders and consultants: opened notices, reminders, overdue
notices and escalations, "ended but not opened" nudges, unreachable graders."""

MESSAGES = {
    # -- opened for marking (to each grader) -------------------------------------------
    "notice.opened.header": {
        "nb": "{test} er åpnet for vurdering",
        "en": "{test} is open for marking",
    },
    "notice.opened.intro": {
        "nb": "*{test}*{title} er åpnet for vurdering i Inspera. Du kan begynne sensuren.",
        "en": "*{test}*{title} is open for marking in Inspera. You can start grading.",
    },
    "notice.opened.fallback": {
        "nb": "{test} er åpnet for vurdering. Sensurfrist: {deadline}.",
        "en": "{test} is open for marking. Grading deadline: {deadline}.",
    },
    "notice.opened.no_committee": {
        "nb": "*Kommisjon:* du står ikke i noen kommisjon ennå, så du ser ingen kandidater. "
        "Ta kontakt med studiekonsulenten.",
        "en": "*Committee:* you are not in any committee yet, so you see no candidates. "
        "Contact your study consultant.",
    },
    "notice.opened.committee_candidates": {
        "nb": {
            "=0": "*Kommisjon {committee}:* ingen kandidater å vurdere",
            "one": "*Kommisjon {committee}:* {count} kandidat å vurdere",
            "other": "*Kommisjon {committee}:* {count} kandidater å vurdere",
        },
        "en": {
            "=0": "*Committee {committee}:* no candidates to grade",
            "one": "*Committee {committee}:* {count} candidate to grade",
            "other": "*Committee {committee}:* {count} candidates to grade",
        },
    },
    "notice.opened.absent": {
        "nb": {
            "one": "(i tillegg {count} som ikke leverte, og som ikke skal ha karakter)",
            "other": "(i tillegg {count} som ikke leverte, og som ikke skal ha karakter)",
        },
        "en": {
            "one": "(and {count} who did not submit and gets no grade)",
            "other": "(and {count} who did not submit and get no grade)",
        },
    },
    "notice.opened.absent_registration": {
        "nb": {
            "one": "(i tillegg {count} som ikke møtte, og som ikke skal ha karakter)",
            "other": "(i tillegg {count} som ikke møtte, og som ikke skal ha karakter)",
        },
        "en": {
            "one": "(and {count} who did not attend and gets no grade)",
            "other": "(and {count} who did not attend and get no grade)",
        },
    },
    "notice.opened.deadline": {
        "nb": "*Sensurfrist:* {deadline}, {relative}",
        "en": "*Grading deadline:* {deadline}, {relative}",
    },
    # Where the grades go (SPEC §2.6), one variant per place a test's grades are set in.
    "notice.opened.grades_in.sensorbot": {
        "nb": "*Karakterene samles her i Sensorbot, ikke i Inspera:* last ned karakterarket, "
        "fyll det ut og send det til meg i denne samtalen. Studiekonsulenten legger de "
        "godkjente karakterene inn i Inspera.",
        "en": "*Grades are collected here in Sensorbot, not in Inspera:* download the grade "
        "sheet, fill it in and send it to me in this conversation. Your study consultant puts "
        "the approved grades into Inspera.",
    },
    "notice.opened.grades_in.inspera": {
        "nb": "*Sensuren gjøres i Inspera:* sett karakterene og godkjenn sensuren din der. Når "
        "du har godkjent egen sensur i Inspera, si fra til meg med knappen under, så vet jeg at "
        "du er ferdig og slutter å minne deg på fristen.",
        "en": "*Marking happens in Inspera:* set the grades and approve your grading there. "
        "Once you have approved your own grading in Inspera, tell me with the button below, so "
        "I know you are done and stop reminding you.",
    },
    "notice.opened.registration_only": {
        "nb": "Dette er en sensurregistreringsprøve uten besvarelser i Inspera: sett karakter "
        "bare på kandidatene som møtte.",
        "en": "This is a grade-registration test without submissions in Inspera: give grades "
        "only to the candidates who attended.",
    },
    "notice.opened.rules_title": {
        "nb": "*Slik er sensuren satt opp*",
        "en": "*How the marking is set up*",
    },
    "notice.rule.private": {
        "nb": "Individuell vurdering: karakterene dine er skjult for medsensorene til du har "
        "godkjent egen sensur. Deretter sammenligner dere og blir enige der karakterene er "
        "ulike.",
        "en": "Individual marking: your grades are hidden from your co-graders until you "
        "approve your own grading. Then you compare and agree where your grades differ.",
    },
    "notice.rule.shared": {
        "nb": "Delt vurdering: alle sensorene ser og kan endre alle karakterer fra starten, og "
        "ingen godkjenner egen sensur. Siste endring gjelder, så avtal hvem som vurderer hva.",
        "en": "Shared marking: every grader sees and can change all grades from the start, and "
        "nobody approves their own grading. The latest change wins, so agree who grades what.",
    },
    "notice.rule.own_committee": {
        "nb": "Er du med i flere kommisjoner, godkjenner du egen sensur for hver kommisjon "
        "for seg.",
        "en": "If you are in several committees, you approve your own grading for each "
        "committee separately.",
    },
    "notice.rule.own_all_committees": {
        "nb": "Er du med i flere kommisjoner, godkjenner du egen sensur for alle samlet.",
        "en": "If you are in several committees, you approve your own grading for all of them "
        "at once.",
    },
    "notice.rule.final_all": {
        "nb": "Alle sensorene i kommisjonen må godkjenne felles sensur.",
        "en": "Every grader in the committee must approve the final grades.",
    },
    "notice.rule.final_one": {
        "nb": "Felles sensur er godkjent når én av sensorene i kommisjonen har godkjent den.",
        "en": "The final grades are approved once one grader in the committee has approved them.",
    },
    "notice.opened.guideline_missing": {
        "nb": "Sensurveiledningen er ikke publisert ennå. Har du ikke fått den, ta kontakt med "
        "instituttet som har ansvar for eksamen.",
        "en": "The grading guideline has not been published yet. If you have not received it, "
        "contact the department responsible for the exam.",
    },
    "notice.opened.button.inspera": {
        "nb": "Åpne Inspera",
        "en": "Open Inspera",
    },
    "notice.opened.button.template": {
        "nb": "Last ned karakterark",
        "en": "Download grade sheet",
    },
    "notice.opened.button.why": {
        "nb": "Ser du den ikke i Inspera?",
        "en": "Can't see it in Inspera?",
    },
    # -- reminders and overdue (to graders) --------------------------------------------
    "notice.reminder": {
        "nb": "Påminnelse: sensurfristen for *{test}*{title} er {deadline}, {relative}. "
        "Dette gjenstår for deg:",
        "en": "Reminder: the grading deadline for *{test}*{title} is {deadline}, {relative}. "
        "This is what is left for you:",
    },
    "notice.reminder.fallback": {
        "nb": "Påminnelse: sensurfristen for {test} er {deadline}, {relative}.",
        "en": "Reminder: grading deadline for {test} is {deadline}, {relative}.",
    },
    "notice.overdue": {
        "nb": "Sensurfristen for *{test}*{title} gikk ut {deadline}, og sensuren din er ikke "
        "ferdig. Studiekonsulenten er varslet. Dette gjenstår for deg:",
        "en": "The grading deadline for *{test}*{title} passed {deadline}, and your grading is "
        "not finished. Your study consultant has been told. This is what is left for you:",
    },
    "notice.overdue.advice": {
        "nb": "Gjør sensuren ferdig så snart du kan, og ta kontakt med instituttet hvis du "
        "trenger mer tid.",
        "en": "Please finish as soon as you can, and contact the department if you need more time.",
    },
    "notice.overdue.fallback": {
        "nb": "Sensurfristen for {test} er passert, og sensuren din er ikke ferdig.",
        "en": "The grading deadline for {test} has passed, and your grading is not finished.",
    },
    "notice.progress.line": {
        "nb": "*Kommisjon {committee}:* {progress}",
        "en": "*Committee {committee}:* {progress}",
    },
    "notice.progress.unfinished": {
        "nb": "sensuren er ikke ferdig",
        "en": "the grading is not finished",
    },
    "notice.progress.grading": {
        "plural": "submitted_count",
        "nb": {
            "one": "{graded_count} av {submitted_count} kandidat har karakter fra deg",
            "other": "{graded_count} av {submitted_count} kandidater har karakter fra deg",
        },
        "en": {
            "one": "{graded_count} of {submitted_count} candidate has a grade from you",
            "other": "{graded_count} of {submitted_count} candidates have a grade from you",
        },
    },
    "notice.progress.shared_grading": {
        "plural": "submitted_count",
        "nb": {
            "one": "{graded_count} av {submitted_count} kandidat har karakter",
            "other": "{graded_count} av {submitted_count} kandidater har karakter",
        },
        "en": {
            "one": "{graded_count} of {submitted_count} candidate has a grade",
            "other": "{graded_count} of {submitted_count} candidates have a grade",
        },
    },
    "notice.progress.approve_own": {
        "nb": {
            "=0": "ingen kandidater leverte – venter på at du godkjenner egen sensur",
            "one": "kandidaten har karakter – venter på at du godkjenner egen sensur",
            "=2": "begge kandidatene har karakter – venter på at du godkjenner egen sensur",
            "other": "alle {submitted_count} har karakter – venter på at du godkjenner egen sensur",
        },
        "en": {
            "=0": "no candidate submitted – waiting for you to approve your own grading",
            "one": "the candidate has a grade – waiting for you to approve your own grading",
            "=2": "both candidates have a grade – waiting for you to approve your own grading",
            "other": "all {submitted_count} have a grade – waiting for you to approve your own "
            "grading",
        },
    },
    "notice.progress.own_approved": {
        "nb": "du har godkjent egen sensur – venter på {names}",
        "en": "you have approved your own grading – waiting for {names}",
    },
    "notice.progress.aligning": {
        "nb": {
            "one": "karakterene deres er ulike for {unresolved_count} kandidat – dere må bli "
            "enige om felles karakter",
            "other": "karakterene deres er ulike for {unresolved_count} kandidater – dere må "
            "bli enige om felles karakter",
        },
        "en": {
            "one": "your grades differ for {unresolved_count} candidate – agree on the final grade",
            "other": "your grades differ for {unresolved_count} candidates – agree on the "
            "final grades",
        },
    },
    "notice.progress.approve_final": {
        "nb": "alle har karakter – venter på at du godkjenner felles sensur",
        "en": "every candidate has a grade – waiting for you to approve the final grades",
    },
    "notice.progress.final_voted": {
        "nb": "du har godkjent felles sensur – venter på {names}",
        "en": "you have approved the final grades – waiting for {names}",
    },
    "notice.button.approve_own": {
        "nb": "Godkjenn egen sensur",
        "en": "Approve your own grading",
    },
    "notice.button.approve_own_committee": {
        "nb": "Godkjenn egen sensur (kommisjon {committee})",
        "en": "Approve your own grading (committee {committee})",
    },
    "notice.button.approve_final": {
        "nb": "Godkjenn felles sensur",
        "en": "Approve the final grades",
    },
    "notice.button.approve_final_committee": {
        "nb": "Godkjenn felles sensur (kommisjon {committee})",
        "en": "Approve the final grades (committee {committee})",
    },
    "notice.button.status": {"nb": "Se status", "en": "See status"},
    "notice.confirm_final.title": {
        "nb": "Godkjenne felles sensur?",
        "en": "Approve the final grades?",
    },
    "notice.confirm_final.text": {
        "nb": "Du godkjenner felles sensur for kommisjon {committee} i {test}. Karakterene står "
        "i meldingen der du ble bedt om å godkjenne dem. Når felles sensur er godkjent, kan "
        "bare studiekonsulenten åpne den igjen.",
        "en": "You approve the final grades of committee {committee} in {test}. The grades are "
        "listed in the message that asked you to approve them. Once the final grades are "
        "approved, only your study consultant can reopen them.",
    },
    "notice.confirm_final.confirm": {"nb": "Godkjenn", "en": "Approve"},
    "notice.confirm_final.deny": {"nb": "Avbryt", "en": "Cancel"},
    "notice.more": {
        "nb": {"one": "… og {count} til", "other": "… og {count} til"},
        "en": {"one": "… and {count} more", "other": "… and {count} more"},
    },
    "notice.committee": {"nb": "kommisjon {committee}", "en": "committee {committee}"},
    # Several committees in prose: "kommisjon 1 og 2" / "committees 1 and 2".
    "notice.committees": {"nb": "kommisjon {committees}", "en": "committees {committees}"},
    # -- to consultants ----------------------------------------------------------------
    "escalation.overdue.header": {
        "nb": "Sensurfristen er passert: {test}",
        "en": "Grading deadline passed: {test}",
    },
    "escalation.overdue.intro": {
        "nb": "Sensurfristen for *{test}*{title} gikk ut {deadline}. Disse sensorene er ikke "
        "ferdige:",
        "en": "The grading deadline for *{test}*{title} passed {deadline}. These graders are "
        "not finished:",
    },
    "escalation.overdue.never_opened": {
        "nb": "Sensurfristen for *{test}*{title} gikk ut {deadline}, og prøven er aldri "
        "registrert som åpnet for vurdering.",
        "en": "The grading deadline for *{test}*{title} passed {deadline}, and the test was "
        "never recorded as opened for marking.",
    },
    "escalation.overdue.grader": {
        "nb": "*{name}*: {committees}",
        "en": "*{name}*: {committees}",
    },
    "escalation.overdue.grader_unreachable": {
        "nb": "*{name}*: {committees} – finnes ikke i Slack, og har ikke fått noen beskjed fra meg",
        "en": "*{name}*: {committees} – not found in Slack, and has had no message from me",
    },
    "escalation.overdue.graders_told": {
        "nb": "Sensorene jeg når i Slack, har fått beskjed om at fristen er passert.",
        "en": "The graders I can reach in Slack have been told that the deadline has passed.",
    },
    "escalation.overdue.fallback": {
        "nb": "Sensurfristen for {test} er passert, og sensuren er ikke ferdig.",
        "en": "The grading deadline for {test} has passed, and the grading is not finished.",
    },
    "nudge.header": {
        "nb": "Ikke åpnet for vurdering: {test}",
        "en": "Not opened for marking: {test}",
    },
    "nudge.intro": {
        "nb": "Innleveringsfristen for *{test}*{title} gikk ut {deadline}, men prøven er ikke "
        "registrert som åpnet for vurdering ennå. Sensorene ser ingen besvarelser før den er "
        "åpnet.",
        "en": "The submission deadline for *{test}*{title} passed {deadline}, but the test is "
        "not recorded as opened for marking yet. The graders see no submissions until it is "
        "open.",
    },
    "nudge.blockers": {
        "nb": "*Dette hindrer åpning:*",
        "en": "*This keeps it from opening:*",
    },
    "nudge.no_blockers": {
        "nb": "Ingenting i oppsettet hindrer åpning.",
        "en": "Nothing in the setup keeps it from opening.",
    },
    "nudge.notices": {
        "nb": "*Verdt å se på:*",
        "en": "*Worth a look:*",
    },
    "nudge.how_to_open": {
        "nb": "Når prøven er åpnet i Inspera, skriv `/sensur åpne {test}`, så får sensorene "
        "beskjed.",
        "en": "Once the test is open in Inspera, type `/sensur open {test}` and the graders "
        "will be told.",
    },
    "nudge.fallback": {
        "nb": "{test} er ikke åpnet for vurdering ennå.",
        "en": "{test} is not opened for marking yet.",
    },
    "unreachable.header": {
        "nb": "Sensorer jeg ikke finner i Slack: {test}",
        "en": "Graders I cannot find in Slack: {test}",
    },
    "unreachable.intro": {
        "nb": "Disse sensorene på *{test}*{title} finner jeg ikke i Slack, så de har ikke fått "
        "beskjed om at prøven er åpnet for vurdering:",
        "en": "I cannot find these graders on *{test}*{title} in Slack, so they have not been "
        "told that the test is open for marking:",
    },
    "unreachable.grader": {
        "nb": "*{name}* – ingen i Slack har {email}",
        "en": "*{name}* – nobody in Slack has {email}",
    },
    "unreachable.grader_inspera": {
        "nb": "*{name}* – ingen i Slack har {email} eller {inspera_email} (Inspera)",
        "en": "*{name}* – nobody in Slack has {email} or {inspera_email} (Inspera)",
    },
    "unreachable.grader_unnamed": {
        "nb": "Ingen i Slack har {email}",
        "en": "Nobody in Slack has {email}",
    },
    "unreachable.grader_unnamed_inspera": {
        "nb": "Ingen i Slack har {email} eller {inspera_email} (Inspera)",
        "en": "Nobody in Slack has {email} or {inspera_email} (Inspera)",
    },
    "unreachable.advice": {
        "nb": "Gi dem beskjed på annen måte, eller sjekk at e-postadressen i sensoroversikten "
        "er den de bruker i Slack.",
        "en": "Tell them some other way, or check that the e-mail address in the grader list "
        "is the one they use in Slack.",
    },
    "unreachable.fallback": {
        "nb": {
            "one": "{count} sensor på {test} finnes ikke i Slack",
            "other": "{count} sensorer på {test} finnes ikke i Slack",
        },
        "en": {
            "one": "{count} grader on {test} is not in Slack",
            "other": "{count} graders on {test} are not in Slack",
        },
    },
}
