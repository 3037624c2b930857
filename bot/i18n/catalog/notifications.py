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
    "notice.opened.committees": {
        "nb": "*Kommisjon:* {committees}",
        "en": "*Committee:* {committees}",
    },
    "notice.opened.no_committee": {
        "nb": "*Kommisjon:* du står ikke i noen kommisjon ennå. Ta kontakt med "
        "studiekonsulenten, ellers ser du ingen kandidater.",
        "en": "*Committee:* you are not in any committee yet. Contact the study consultant, "
        "or you will see no candidates.",
    },
    "notice.opened.candidates": {
        "nb": "*Kandidater å vurdere:* {submitted}",
        "en": "*Candidates to grade:* {submitted}",
    },
    "notice.opened.candidates_absent": {
        "nb": "*Kandidater å vurdere:* {submitted} (i tillegg {absent} som ikke leverte; "
        "de skal ikke ha karakter)",
        "en": "*Candidates to grade:* {submitted} (and {absent} who did not submit; "
        "they get no grade)",
    },
    "notice.opened.registration_only": {
        "nb": "Dette er en sensurregistreringsprøve uten besvarelser i Inspera: sett karakter "
        "bare på kandidatene som møtte.",
        "en": "This is a grade-registration test without submissions in Inspera: give grades "
        "only to the candidates who attended.",
    },
    "notice.opened.deadline": {
        "nb": "*Sensurfrist:* {deadline}",
        "en": "*Grading deadline:* {deadline}",
    },
    "notice.opened.rules_title": {
        "nb": "*Slik er sensuren satt opp*",
        "en": "*How the marking is set up*",
    },
    "notice.rule.private": {
        "nb": "Individuell vurdering: karakterene dine er skjult for medsensorene til du har "
        "godkjent din egen sensur. Deretter sammenligner dere og blir enige der karakterene "
        "er ulike.",
        "en": "Individual marking: your grades are hidden from your co-graders until you "
        "approve your own grading. Then you compare and agree where your grades differ.",
    },
    "notice.rule.shared": {
        "nb": "Delt vurdering: alle sensorene ser og kan endre alle karakterer fra starten, og "
        "det er ingen egen godkjenning. Siste endring gjelder, så avtal hvem som vurderer hva.",
        "en": "Shared marking: every grader sees and can change all grades from the start, and "
        "there is no own approval. The latest change wins, so agree who grades what.",
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
        "nb": "Felles (endelig) sensur må godkjennes av alle sensorene i kommisjonen.",
        "en": "The joint (final) grades must be approved by every grader in the committee.",
    },
    "notice.rule.final_one": {
        "nb": "Felles (endelig) sensur er godkjent når én av sensorene i kommisjonen har "
        "godkjent den.",
        "en": "The joint (final) grades are approved once one grader in the committee has "
        "approved them.",
    },
    "notice.opened.guideline_missing": {
        "nb": "Sensurveiledningen er ikke publisert ennå. Har du ikke fått den, ta kontakt med "
        "instituttet som har ansvar for eksamen.",
        "en": "The grading guideline has not been published yet. If you have not received it, "
        "contact the department responsible for the exam.",
    },
    "notice.opened.button.template": {
        "nb": "Karakterark-mal",
        "en": "Grade sheet template",
    },
    "notice.opened.button.why": {
        "nb": "Hvorfor ser jeg den ikke?",
        "en": "Why can't I see it?",
    },
    # -- reminders and overdue (to graders) --------------------------------------------
    "notice.reminder.days": {
        "nb": "Påminnelse: sensurfristen for *{test}*{title} er {deadline}, om {days} dager. "
        "Sensuren din er ikke ferdig ennå.",
        "en": "Reminder: the grading deadline for *{test}*{title} is {deadline}, in {days} "
        "days. Your grading is not finished yet.",
    },
    "notice.reminder.tomorrow": {
        "nb": "Påminnelse: sensurfristen for *{test}*{title} er i morgen, {deadline}. "
        "Sensuren din er ikke ferdig ennå.",
        "en": "Reminder: the grading deadline for *{test}*{title} is tomorrow, {deadline}. "
        "Your grading is not finished yet.",
    },
    "notice.reminder.today": {
        "nb": "Påminnelse: sensurfristen for *{test}*{title} er i dag, {deadline}. "
        "Sensuren din er ikke ferdig ennå.",
        "en": "Reminder: the grading deadline for *{test}*{title} is today, {deadline}. "
        "Your grading is not finished yet.",
    },
    "notice.reminder.fallback": {
        "nb": "Påminnelse: sensurfrist for {test} {deadline}.",
        "en": "Reminder: grading deadline for {test} {deadline}.",
    },
    "notice.work.committees": {
        "nb": "Gjelder: {committees}",
        "en": "Concerns: {committees}",
    },
    "notice.overdue": {
        "nb": "Sensurfristen for *{test}*{title} gikk ut {deadline}, og sensuren din er ikke "
        "ferdig. Studiekonsulenten er varslet. Gjør den ferdig så snart du kan, og ta kontakt "
        "med instituttet hvis du trenger mer tid.",
        "en": "The grading deadline for *{test}*{title} passed {deadline}, and your grading is "
        "not finished. The study consultant has been told. Please finish as soon as you can, "
        "and contact the department if you need more time.",
    },
    "notice.overdue.fallback": {
        "nb": "Sensurfristen for {test} er passert.",
        "en": "The grading deadline for {test} has passed.",
    },
    "notice.more": {"nb": "… og {count} til", "en": "… and {count} more"},
    "notice.committee": {"nb": "kommisjon {committee}", "en": "committee {committee}"},
    "notice.no_committee": {"nb": "uten kommisjon", "en": "no committee"},
    # -- to consultants ----------------------------------------------------------------
    "escalation.overdue.header": {
        "nb": "Sensurfristen er passert: {test}",
        "en": "Grading deadline passed: {test}",
    },
    "escalation.overdue.intro": {
        "nb": "Sensurfristen for *{test}*{title} gikk ut {deadline}. Dette er ikke ferdig:",
        "en": "The grading deadline for *{test}*{title} passed {deadline}. This is not finished:",
    },
    "escalation.overdue.never_opened": {
        "nb": "Sensurfristen for *{test}*{title} gikk ut {deadline}, og prøven er aldri "
        "registrert som åpnet for vurdering.",
        "en": "The grading deadline for *{test}*{title} passed {deadline}, and the test was "
        "never recorded as opened for marking.",
    },
    "escalation.overdue.line": {
        "nb": "{committee}: {graders}",
        "en": "{committee}: {graders}",
    },
    "escalation.overdue.graders_told": {
        "nb": "Sensorene som ikke er ferdige, har fått beskjed om at fristen er passert.",
        "en": "The graders who are not finished have been told that the deadline has passed.",
    },
    "escalation.committee": {"nb": "Kommisjon {committee}", "en": "Committee {committee}"},
    "escalation.no_committee": {"nb": "Uten kommisjon", "en": "In no committee"},
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
        "nb": "Ingenting i rosteren hindrer åpning.",
        "en": "Nothing in the roster keeps it from opening.",
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
        "nb": "Sensorer jeg ikke når i Slack: {test}",
        "en": "Graders I cannot reach in Slack: {test}",
    },
    "unreachable.intro": {
        "nb": "Disse sensorene på *{test}*{title} finner jeg ikke i Slack, så de har ikke fått "
        "beskjed om at prøven er åpnet for vurdering:",
        "en": "I cannot find these graders on *{test}*{title} in Slack, so they have not been "
        "told that the test is open for marking:",
    },
    "unreachable.grader": {
        "nb": "{name} ({email})",
        "en": "{name} ({email})",
    },
    "unreachable.grader_inspera": {
        "nb": "{name} ({email}, Inspera: {inspera_email})",
        "en": "{name} ({email}, Inspera: {inspera_email})",
    },
    "unreachable.advice": {
        "nb": "Gi dem beskjed på annen måte, eller sjekk at e-postadressen i rosteren er den "
        "de bruker i Slack.",
        "en": "Tell them some other way, or check that the e-mail address in the roster is the "
        "one they use in Slack.",
    },
    "unreachable.fallback": {
        "nb": "Sensorer på {test} som jeg ikke når i Slack: {count}",
        "en": "Graders on {test} I cannot reach in Slack: {count}",
    },
}
