"""The complaint committee's round (klagesensur, § 11-11): the notice to its graders, the
reminders and overdue notices against the complaints' due date, what the consultants are
told, the readiness blockers of a complaint committee and what `/sensur why` says to a
complaint grader. Nothing here names an original grade, its graders or the complaint."""

_CANDIDATES_NB = {
    "=0": "ingen",
    "one": "{count} – kandidat {candidates}",
    "other": "{count} – kandidatene {candidates}",
}
_CANDIDATES_EN = {
    "=0": "none",
    "one": "{count} – candidate {candidates}",
    "other": "{count} – candidates {candidates}",
}


def _prefixed(prefix: str, forms: dict[str, str]) -> dict[str, str]:
    return {form: prefix + text for form, text in forms.items()}


MESSAGES = {
    # -- the notice (to each grader of the complaint committee) ----------------------------
    "complaint_round.opened.header": {
        "nb": "Klagesensur: {test}, klagekommisjon {committee}",
        "en": "Complaint grading: {test}, complaint committee {committee}",
    },
    "complaint_round.opened.intro": {
        "nb": "Du er med i klagekommisjon {committee} for *{test}*{title}. Klagekommisjonen "
        "vurderer på nytt besvarelsene til kandidatene som har klaget på karakteren.",
        "en": "You are on complaint committee {committee} for *{test}*{title}. The complaint "
        "committee grades again the work of the candidates who have complained about their "
        "grade.",
    },
    "complaint_round.opened.candidates": {
        "nb": _prefixed("*Klager å vurdere:* ", _CANDIDATES_NB),
        "en": _prefixed("*Complaints to grade:* ", _CANDIDATES_EN),
    },
    "complaint_round.candidates.more": {
        "nb": {"one": "{count} til", "other": "{count} til"},
        "en": {"one": "{count} more", "other": "{count} more"},
    },
    "complaint_round.due": {
        "nb": "*Frist:* klagesensuren skal gjøres uten ugrunnet opphold (universitets- og "
        "høyskoleloven § 11-11). Målet er {deadline}, {relative}.",
        "en": "*Deadline:* complaint grading is to be done without undue delay (Universities "
        "and University Colleges Act, section 11-11). The target is {deadline}, {relative}.",
    },
    "complaint_round.blind": {
        "nb": "*Blind sensur:* du skal ikke ha vurdert disse kandidatene før, og du får ikke "
        "se den opprinnelige karakteren, begrunnelsen eller klagen. Har du vurdert noen av dem "
        "tidligere, si fra til studiekonsulenten før du begynner.",
        "en": "*Blind grading:* you must not have graded these candidates before, and you will "
        "not see the original grade, the explanation or the complaint. If you have graded any "
        "of them before, tell your study consultant before you start.",
    },
    "complaint_round.grades_in.inspera": {
        "nb": "*Karakterene settes i Inspera:* vurder klagekandidatene der. Alle i "
        "klagekommisjonen må godkjenne felles sensur. Når du har godkjent sensuren din i "
        "Inspera, skriv `/sensur ferdig {test}`, så vet jeg at du er ferdig.",
        "en": "*Grades are set in Inspera:* grade the complaint candidates there. Everyone on "
        "the complaint committee must approve the final grades. Once you have approved your "
        "grading in Inspera, type `/sensur done {test}` so that I know you are done.",
    },
    "complaint_round.grades_in.sensorbot": {
        "nb": "*Karakterene samles her i Sensorbot, ikke i Inspera:* last ned karakterarket "
        "(det har bare klagekandidatene), fyll det ut og send det til meg i denne samtalen. "
        "Alle i klagekommisjonen må godkjenne felles sensur. Studiekonsulenten legger de "
        "endelige karakterene inn i Inspera.",
        "en": "*Grades are collected here in Sensorbot, not in Inspera:* download the grade "
        "sheet (it lists only the complaint candidates), fill it in and send it to me in this "
        "conversation. Everyone on the complaint committee must approve the final grades. "
        "Your study consultant puts the final grades into Inspera.",
    },
    "complaint_round.opened.fallback": {
        "nb": {
            "one": "Du er med i klagekommisjon {committee} for {test}: {count} klage å vurdere, "
            "målet er {deadline}.",
            "other": "Du er med i klagekommisjon {committee} for {test}: {count} klager å "
            "vurdere, målet er {deadline}.",
        },
        "en": {
            "one": "You are on complaint committee {committee} for {test}: {count} complaint "
            "to grade, the target is {deadline}.",
            "other": "You are on complaint committee {committee} for {test}: {count} "
            "complaints to grade, the target is {deadline}.",
        },
    },
    # -- what is left (reminders, overdue, the consultants' escalation) -------------------
    "complaint_round.left.inspera": {
        "nb": "Du har ikke meldt fra om at du har godkjent sensuren din i Inspera. Når du har "
        "gjort det, skriv `/sensur ferdig {test}`.",
        "en": "You have not told me that you have approved your grading in Inspera. Once you "
        "have, type `/sensur done {test}`.",
    },
    "complaint_round.left.sensorbot": {
        "nb": _prefixed("*Ikke ferdig vurdert og godkjent:* ", _CANDIDATES_NB),
        "en": _prefixed("*Not yet graded and approved:* ", _CANDIDATES_EN),
    },
    "complaint_round.reminder": {
        "nb": "Påminnelse: klagesensuren i klagekommisjon {committee} for *{test}*{title} skal "
        "gjøres uten ugrunnet opphold. Målet er {deadline}, {relative}.",
        "en": "Reminder: the complaint grading of complaint committee {committee} for "
        "*{test}*{title} is to be done without undue delay. The target is {deadline}, "
        "{relative}.",
    },
    "complaint_round.reminder.fallback": {
        "nb": "Påminnelse: klagesensuren for {test} skal være ferdig {deadline}, {relative}.",
        "en": "Reminder: the complaint grading for {test} is due {deadline}, {relative}.",
    },
    "complaint_round.overdue": {
        "nb": "Målet for klagesensuren i klagekommisjon {committee} for *{test}*{title} var "
        "{deadline}, og den er ikke ferdig. Studiekonsulenten har fått beskjed.",
        "en": "The target for the complaint grading of complaint committee {committee} for "
        "*{test}*{title} was {deadline}, and it is not finished. Your study consultant has "
        "been told.",
    },
    "complaint_round.overdue.advice": {
        "nb": "Klager skal behandles uten ugrunnet opphold: gjør sensuren ferdig så snart du "
        "kan, og ta kontakt med instituttet hvis noe hindrer deg.",
        "en": "Complaints are to be handled without undue delay: please finish as soon as you "
        "can, and contact the department if something stops you.",
    },
    "complaint_round.overdue.fallback": {
        "nb": "Klagesensuren for {test} er ikke ferdig, og målet er passert.",
        "en": "The complaint grading for {test} is not finished, and its target has passed.",
    },
    "complaint_round.escalation.header": {
        "nb": "Klagesensur etter målet: {test}",
        "en": "Complaint grading past its target: {test}",
    },
    "complaint_round.escalation.intro": {
        "nb": "Klagesensuren i klagekommisjon {committee} for *{test}*{title} skulle vært "
        "ferdig {deadline}, og den er ikke ferdig.",
        "en": "The complaint grading of complaint committee {committee} for *{test}*{title} "
        "was due {deadline}, and it is not finished.",
    },
    "complaint_round.escalation.graders": {
        "nb": "*Sensorer som ikke er ferdige:*",
        "en": "*Graders who are not done:*",
    },
    "complaint_round.escalation.grader_unreachable": {
        "nb": "{name} (finnes ikke i Slack, så har ikke fått beskjed)",
        "en": "{name} (not in Slack, so not told)",
    },
    "complaint_round.escalation.graders_told": {
        "nb": "Sensorene som finnes i Slack, har fått beskjed.",
        "en": "The graders who are in Slack have been told.",
    },
    "complaint_round.escalation.fallback": {
        "nb": "Klagesensuren i klagekommisjon {committee} for {test} er ikke ferdig.",
        "en": "The complaint grading of complaint committee {committee} for {test} is not "
        "finished.",
    },
    "complaint_round.unreachable.intro": {
        "nb": "Disse sensorene i klagekommisjonen for *{test}*{title} finner jeg ikke i Slack, "
        "så de har ikke fått beskjed om klagene de skal vurdere:",
        "en": "I cannot find these graders of the complaint committee for *{test}*{title} in "
        "Slack, so they have not been told about the complaints they are to grade:",
    },
    # -- readiness (to consultants) --------------------------------------------------------
    "blocker.complaint_committee_without_graders": {
        "nb": {
            "one": "Klagekommisjonen har ingen sensorer ({committees}): {count} klage venter "
            "på klagesensur",
            "other": "Klagekommisjonen har ingen sensorer ({committees}): {count} klager "
            "venter på klagesensur",
        },
        "en": {
            "one": "The complaint committee has no graders ({committees}): {count} complaint "
            "is waiting for complaint grading",
            "other": "The complaint committee has no graders ({committees}): {count} "
            "complaints are waiting for complaint grading",
        },
    },
    "blocker.complaint_graders_not_in_slack": {
        "nb": {
            "one": "{count} sensor i klagekommisjonen ({committees}) finnes ikke i Slack og "
            "har ikke fått beskjed om klagene",
            "other": "{count} sensorer i klagekommisjonen ({committees}) finnes ikke i Slack "
            "og har ikke fått beskjed om klagene",
        },
        "en": {
            "one": "{count} grader on the complaint committee ({committees}) is not in Slack "
            "and has not been told about the complaints",
            "other": "{count} graders on the complaint committee ({committees}) are not in "
            "Slack and have not been told about the complaints",
        },
    },
    "complaint_round.home.blockers": {
        "nb": "Dette holder klagesensuren tilbake:",
        "en": "This is holding up the complaint grading:",
    },
    # -- `/sensur why` (to a complaint grader) --------------------------------------------
    "why.finding.complaint_candidates": {
        "nb": {
            "=0": "Du er med i klagekommisjonen, og ingen klager venter på deg nå.",
            "one": "Du er med i klagekommisjonen: {count} klage å vurdere, kandidat "
            "{candidates}. Klagesensuren skal gjøres uten ugrunnet opphold; målet er "
            "{deadline}. Sensuren er blind: du ser ikke den opprinnelige karakteren, "
            "begrunnelsen eller klagen.",
            "other": "Du er med i klagekommisjonen: {count} klager å vurdere, kandidatene "
            "{candidates}. Klagesensuren skal gjøres uten ugrunnet opphold; målet er "
            "{deadline}. Sensuren er blind: du ser ikke den opprinnelige karakteren, "
            "begrunnelsen eller klagen.",
        },
        "en": {
            "=0": "You are on the complaint committee, and no complaint is waiting for you now.",
            "one": "You are on the complaint committee: {count} complaint to grade, candidate "
            "{candidates}. Complaint grading is to be done without undue delay; the target is "
            "{deadline}. The grading is blind: you do not see the original grade, the "
            "explanation or the complaint.",
            "other": "You are on the complaint committee: {count} complaints to grade, "
            "candidates {candidates}. Complaint grading is to be done without undue delay; "
            "the target is {deadline}. The grading is blind: you do not see the original "
            "grade, the explanation or the complaint.",
        },
    },
    "escalation.finding.complaint_candidates": {
        "nb": "Sensoren er med i klagekommisjonen for klagekandidatene {candidates}; målet for "
        "klagesensuren er {deadline}.",
        "en": "The grader is on the complaint committee for complaint candidates {candidates}; "
        "the complaint grading's target is {deadline}.",
    },
}
