"""Why can't this person see the submissions? (SPEC §2.1, §2.2, §3.3)

`diagnose_access` walks the checks for one person, for the test they name or else every
test they are on, and returns plain data: what stands in the way (findings), how much it
blocks, who fixes it, and whether escalating to the study consultants is offered. The
words are chosen by `bot/ui/diagnosis.py`; this module knows nothing of Slack.

When the test has been read from Inspera (SPEC §3.12), what that reading found for the
person is said too: whether Inspera lists them, in which committees, and under which
address; never guessed for a test that was never read.

Findings about the person (not registered, an external grader's missing appointment,
access agreement or login route) apply to every test and are kept once, in
`Diagnosis.person_findings`; findings about one test are in its `TestDiagnosis`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session, col, select

from bot.complaints.diagnosis import ComplaintWork, complaint_work
from bot.exams.people import find_grader
from bot.exams.which import which_test
from bot.inspera.differences import DifferenceKind
from bot.inspera.stored import inspera_view_of, sync_state
from bot.opening.readiness import BlockerKind, readiness
from bot.settings import Settings
from models.tables import CommitteeMembership, Grader, GraderKind, Test, TestConsultant


class Severity(StrEnum):
    blocking = "blocking"  # someone must act before the person can grade
    waiting = "waiting"  # nothing is wrong; time fixes it
    attention = "attention"  # may stand in the way; worth checking
    fine = "fine"


SEVERITY_RANK = {s: rank for rank, s in enumerate(Severity)}


class Fixer(StrEnum):
    """Who makes the finding go away."""

    grader = "grader"
    consultant = "consultant"  # the department's study consultant, with the course teacher
    faculty = "faculty"  # the faculty responsible for the course appoints graders
    nobody = "nobody"  # only time


class FindingKind(StrEnum):
    # Listed most blocking first; the order breaks ties within a severity.
    not_registered = "not_registered"
    not_on_any_test = "not_on_any_test"
    not_appointed = "not_appointed"
    no_access_agreement = "no_access_agreement"
    no_login_route = "no_login_route"
    not_on_test = "not_on_test"
    # What the last reading from Inspera says (SPEC §3.12); `_told`: the consultants were
    # told of that difference when the reading found it, so there is nothing to send.
    missing_in_inspera = "missing_in_inspera"
    missing_in_inspera_told = "missing_in_inspera_told"
    no_committee = "no_committee"
    graders_without_committee = "graders_without_committee"
    candidates_without_committee = "candidates_without_committee"
    candidates_without_grader = "candidates_without_grader"
    candidates_open_for_redelivery = "candidates_open_for_redelivery"
    awaiting_opening = "awaiting_opening"
    deadline_not_passed = "deadline_not_passed"
    inspera_other_address = "inspera_other_address"
    inspera_other_address_told = "inspera_other_address_told"
    invitation_elsewhere = "invitation_elsewhere"
    guideline_not_published = "guideline_not_published"
    open = "open"
    inspera_lists_you = "inspera_lists_you"
    # On a complaint committee: the complaint candidates, and when they are due.
    complaint_candidates = "complaint_candidates"


@dataclass(frozen=True)
class Rule:
    severity: Severity
    fixer: Fixer
    escalatable: bool  # the fix is administrative: the consultants can be asked for it


_ADMIN = Rule(Severity.blocking, Fixer.consultant, True)
RULES: dict[FindingKind, Rule] = {
    FindingKind.not_registered: _ADMIN,
    FindingKind.not_on_any_test: _ADMIN,
    FindingKind.not_appointed: Rule(Severity.blocking, Fixer.faculty, True),
    # The grader fills the agreement in; the department sends it.
    FindingKind.no_access_agreement: Rule(Severity.blocking, Fixer.grader, True),
    # Only the grader can activate their user; the login help desk helps.
    FindingKind.no_login_route: Rule(Severity.blocking, Fixer.grader, False),
    FindingKind.not_on_test: _ADMIN,
    # The consultant links the grader to the test in Inspera.
    FindingKind.missing_in_inspera: _ADMIN,
    FindingKind.missing_in_inspera_told: Rule(Severity.blocking, Fixer.consultant, False),
    FindingKind.no_committee: _ADMIN,
    FindingKind.graders_without_committee: _ADMIN,
    FindingKind.candidates_without_committee: _ADMIN,
    FindingKind.candidates_without_grader: _ADMIN,
    # Inspera closes redelivery by itself, or the consultant closes it.
    FindingKind.candidates_open_for_redelivery: _ADMIN,
    # Nothing is wrong: the test waits for the consultant to open it, who can be asked to.
    FindingKind.awaiting_opening: Rule(Severity.waiting, Fixer.consultant, True),
    FindingKind.deadline_not_passed: Rule(Severity.waiting, Fixer.nobody, False),
    # Inspera's e-mails go to an address the roster does not have: perhaps an old one.
    FindingKind.inspera_other_address: Rule(Severity.attention, Fixer.consultant, True),
    FindingKind.inspera_other_address_told: Rule(Severity.attention, Fixer.consultant, False),
    FindingKind.invitation_elsewhere: Rule(Severity.attention, Fixer.consultant, True),
    FindingKind.guideline_not_published: Rule(Severity.attention, Fixer.consultant, True),
    FindingKind.open: Rule(Severity.fine, Fixer.nobody, False),
    FindingKind.inspera_lists_you: Rule(Severity.fine, Fixer.nobody, False),
    FindingKind.complaint_candidates: Rule(Severity.fine, Fixer.nobody, False),
}
_KIND_RANK = {kind: rank for rank, kind in enumerate(FindingKind)}

_BLOCKER_FINDINGS = {
    BlockerKind.graders_without_committee: FindingKind.graders_without_committee,
    BlockerKind.candidates_without_committee: FindingKind.candidates_without_committee,
    BlockerKind.candidates_without_grader: FindingKind.candidates_without_grader,
    BlockerKind.candidates_open_for_redelivery: FindingKind.candidates_open_for_redelivery,
}


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    count: int | None = None  # graders or candidates concerned
    committees: int | None = None  # committees concerned
    # The submission deadline (deadline_not_passed), or when Inspera was read (its findings).
    when: datetime | None = None
    # The e-mail concerned: where Inspera sent its invitation, or the address Inspera has
    # (full; mask to show), or the one the person was looked up by when not registered.
    address: str | None = None
    # Inspera's names of the person's committees (inspera_lists_you).
    names: tuple[str, ...] = ()
    # The first candidate numbers concerned (candidate blockers; `count` is all of them).
    candidates: tuple[str, ...] = ()

    @property
    def rule(self) -> Rule:
        return RULES[self.kind]

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    @property
    def fixer(self) -> Fixer:
        return self.rule.fixer

    @property
    def escalatable(self) -> bool:
        return self.rule.escalatable

    def sort_key(self) -> tuple[int, int]:
        return SEVERITY_RANK[self.severity], _KIND_RANK[self.kind]

    def to_json(self) -> dict[str, object]:
        """A plain dict for an escalation's findings snapshot."""
        data: dict[str, object] = {"kind": self.kind.value}
        for name in ("count", "committees", "address"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        if self.when is not None:
            data["when"] = self.when.isoformat()
        if self.candidates:
            data["candidates"] = list(self.candidates)
        if self.names:
            data["names"] = list(self.names)
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Finding:
        when = data.get("when")
        return cls(
            kind=FindingKind(str(data["kind"])),
            count=_int_or_none(data.get("count")),
            committees=_int_or_none(data.get("committees")),
            when=datetime.fromisoformat(str(when)) if when else None,
            address=str(data["address"]) if data.get("address") else None,
            candidates=tuple(str(c) for c in _list(data.get("candidates"))),
            names=tuple(str(n) for n in _list(data.get("names"))),
        )


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def _int_or_none(value: object) -> int | None:
    return None if value is None else int(str(value))


def ordered(findings: list[Finding] | tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Most blocking first."""
    return tuple(sorted(findings, key=Finding.sort_key))


@dataclass(frozen=True)
class TestDiagnosis:
    test_id: str
    course_code: str
    title: str | None
    submission_deadline: datetime
    consultants: tuple[str, ...]
    findings: tuple[Finding, ...]  # about this test only, most blocking first

    __test__ = False  # not a pytest test class

    @property
    def kinds(self) -> list[FindingKind]:
        return [f.kind for f in self.findings]


class QueryOutcome(StrEnum):
    none = "none"  # no test named: every test the person is on
    found = "found"
    not_found = "not_found"
    ambiguous = "ambiguous"  # a course code with several tests


@dataclass(frozen=True)
class Diagnosis:
    email: str | None  # the address the person asked with (their Slack e-mail)
    grader: Grader | None
    person_findings: tuple[Finding, ...]
    tests: tuple[TestDiagnosis, ...]  # most blocking first
    query: str | None = None
    query_outcome: QueryOutcome = QueryOutcome.none
    ambiguous_tests: tuple[str, ...] = ()
    exam_office: tuple[str, ...] = ()

    @property
    def registered(self) -> bool:
        return self.grader is not None

    def test(self, test_id: str) -> TestDiagnosis | None:
        return next((t for t in self.tests if t.test_id == test_id), None)

    def findings_for(self, test_id: str | None) -> tuple[Finding, ...]:
        """Everything that applies to one test (the person's findings included), or with
        `None` the person's findings alone; most blocking first."""
        test = self.test(test_id) if test_id else None
        return ordered(self.person_findings + (test.findings if test else ()))

    def escalation_offered(self, test_id: str) -> bool:
        return self.test(test_id) is not None and any(
            f.escalatable for f in self.findings_for(test_id)
        )

    @property
    def exam_office_escalation_offered(self) -> bool:
        """With no test to send it to, an administrative problem goes to the exam office."""
        return (
            not self.tests
            and bool(self.exam_office)
            and any(f.escalatable for f in self.person_findings)
        )


def diagnose_access(
    session: Session,
    *,
    email: str | None,
    query: str | None,
    now: datetime,
    settings: Settings,
) -> Diagnosis:
    """The checks of SPEC §2.1/§2.2 for the person with `email`, for the test `query` names
    (a test id, or a course code) or else every test they are on, at `now`."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    email = email.strip().lower() if email else None
    query = query.strip() if query and query.strip() else None
    grader = find_grader(session, email) if email else None
    own_committees = _committees_by_test(session, grader.email) if grader else {}

    wanted_ids, outcome, ambiguous = _tests_asked_about(session, query, set(own_committees))
    tests = _load_tests(session, wanted_ids)
    consultants = _consultants(session, wanted_ids)
    complaints = complaint_work(session, grader.email, wanted_ids) if grader else {}

    test_diagnoses = [
        TestDiagnosis(
            test_id=test.test_id,
            course_code=test.course_code,
            title=test.title,
            submission_deadline=test.submission_deadline,
            consultants=tuple(consultants.get(test.test_id, ())),
            findings=ordered(
                _test_findings(session, test, now, grader, email, own_committees)
                + _complaint_findings(complaints.get(test.test_id))
            ),
        )
        for test in tests
    ]
    return Diagnosis(
        email=email,
        grader=grader,
        person_findings=ordered(_person_findings(grader, email, diagnosing_tests=bool(tests))),
        tests=_most_blocking_first(test_diagnoses),
        query=query,
        query_outcome=outcome,
        ambiguous_tests=ambiguous,
        exam_office=tuple(settings.exam_office_email_list),
    )


# -- which tests ----------------------------------------------------------------------


def _committees_by_test(session: Session, grader_email: str) -> dict[str, set[str | None]]:
    rows = session.exec(
        select(CommitteeMembership.test_id, CommitteeMembership.committee).where(
            CommitteeMembership.grader_email == grader_email
        )
    ).all()
    committees: dict[str, set[str | None]] = {}
    for test_id, committee in rows:
        committees.setdefault(test_id, set()).add(committee)
    return committees


def _tests_asked_about(
    session: Session, query: str | None, own: set[str]
) -> tuple[list[str], QueryOutcome, tuple[str, ...]]:
    """The test ids to diagnose. A test that cannot be found, or a course code with several
    tests, falls back to the person's own tests, with the outcome saying why."""
    if query is None:
        return sorted(own), QueryOutcome.none, ()
    # Anyone may ask why about any test: a test not theirs is diagnosed (not on the test).
    found = which_test(session, query, own)
    if found.named is not None:
        return [found.named.test_id], QueryOutcome.found, ()
    if found.matches:
        matches = tuple(t.test_id for t in found.matches)
        return sorted(own), QueryOutcome.ambiguous, matches
    return sorted(own), QueryOutcome.not_found, ()


def _load_tests(session: Session, test_ids: list[str]) -> list[Test]:
    if not test_ids:
        return []
    return list(session.exec(select(Test).where(col(Test.test_id).in_(test_ids))).all())


def _consultants(session: Session, test_ids: list[str]) -> dict[str, list[str]]:
    if not test_ids:
        return {}
    rows = session.exec(
        select(TestConsultant.test_id, TestConsultant.email)
        .where(col(TestConsultant.test_id).in_(test_ids))
        .order_by(TestConsultant.email)
    ).all()
    consultants: dict[str, list[str]] = {}
    for test_id, address in rows:
        consultants.setdefault(test_id, []).append(address)
    return consultants


def _most_blocking_first(tests: list[TestDiagnosis]) -> tuple[TestDiagnosis, ...]:
    def key(test: TestDiagnosis) -> tuple[int, float]:
        worst = min((SEVERITY_RANK[f.severity] for f in test.findings), default=len(Severity))
        # Among equals, the most recent exam first.
        return worst, -test.submission_deadline.timestamp()

    return tuple(sorted(tests, key=key))


# -- the checks -----------------------------------------------------------------------


def _person_findings(
    grader: Grader | None, email: str | None, *, diagnosing_tests: bool
) -> list[Finding]:
    if grader is None:
        return [Finding(FindingKind.not_registered, address=email)]
    findings = [] if diagnosing_tests else [Finding(FindingKind.not_on_any_test)]
    if grader.kind == GraderKind.external:
        findings += _external_grader_findings(grader)
    return findings


def _external_grader_findings(grader: Grader) -> list[Finding]:
    """SPEC §2.1. A blank roster cell means "not known", which is not reported as a gap."""
    findings = []
    if grader.appointed is False:
        findings.append(Finding(FindingKind.not_appointed))
    if grader.access_agreement is False:
        findings.append(Finding(FindingKind.no_access_agreement))
    can_log_in = grader.norwegian_id is True or grader.university_user_activated is True
    known_gap = grader.norwegian_id is False or grader.university_user_activated is False
    if not can_log_in and known_gap:
        findings.append(Finding(FindingKind.no_login_route))
    return findings


def _test_findings(
    session: Session,
    test: Test,
    now: datetime,
    grader: Grader | None,
    email: str | None,
    own_committees: dict[str, set[str | None]],
) -> list[Finding]:
    if grader is None:
        return []  # "not registered" is said once, about the person; nothing about the test
    if test.test_id not in own_committees:
        return [Finding(FindingKind.not_on_test)]  # and nothing about a test not theirs
    findings = _test_state_findings(session, test, now, grader, email)
    if own_committees[test.test_id] <= {None}:
        findings.append(Finding(FindingKind.no_committee))
    return findings + _inspera_findings(session, test, grader)


def _inspera_findings(session: Session, test: Test, grader: Grader) -> list[Finding]:
    """What the last successful reading of the test from Inspera says about the grader:
    nothing when the test was never read (no view is made up); else whether Inspera lists
    them, in which committees, and under which address when the roster has another."""
    view = inspera_view_of(session, test.test_id, grader.email)
    if view is None:
        return []
    told = _told_differences(session, test.test_id, grader.email)
    if not view.listed:
        missing = DifferenceKind.missing_in_inspera in told
        kind = FindingKind.missing_in_inspera_told if missing else FindingKind.missing_in_inspera
        return [Finding(kind, when=view.read_at)]
    findings = [Finding(FindingKind.inspera_lists_you, when=view.read_at, names=view.committees)]
    address = (view.email or "").strip().lower()
    roster_addresses = {a.strip().lower() for a in (grader.email, grader.inspera_email) if a}
    if address and address not in roster_addresses:
        kind = (
            FindingKind.inspera_other_address_told
            if DifferenceKind.other_email in told
            else FindingKind.inspera_other_address
        )
        findings.append(Finding(kind, when=view.read_at, address=address))
    return findings


def _told_differences(session: Session, test_id: str, grader_email: str) -> set[DifferenceKind]:
    """The kinds of open differences about this grader: each was told to the consultants by
    the reading that found it."""
    state = sync_state(session, test_id)
    wanted = grader_email.strip().lower()
    differences = state.differences if state is not None else []
    return {d.kind for d in differences if (d.grader_email or "").strip().lower() == wanted}


def _complaint_findings(work: ComplaintWork | None) -> list[Finding]:
    """A complaint grader hears of their complaint candidates (bot.complaints.diagnosis)."""
    if work is None:
        return []
    return [
        Finding(
            FindingKind.complaint_candidates,
            count=len(work.candidates),
            when=work.due_at,
            candidates=work.candidates,
        )
    ]


def _test_state_findings(
    session: Session, test: Test, now: datetime, grader: Grader, email: str | None
) -> list[Finding]:
    """Checks 4-6: deadline not passed; passed but not opened (readiness); open."""
    if test.opened_for_marking is not None and test.opened_for_marking <= now:
        return _open_test_findings(test, grader, email)
    if now < test.submission_deadline:
        return [Finding(FindingKind.deadline_not_passed, when=test.submission_deadline)]
    status = readiness(session, test, now=now)
    findings = [
        Finding(
            _BLOCKER_FINDINGS[b.kind],
            count=b.count,
            committees=b.committees or None,
            candidates=b.candidates,
        )
        for b in status.blockers
        if b.kind in _BLOCKER_FINDINGS
    ]
    return findings or [Finding(FindingKind.awaiting_opening)]


def _open_test_findings(test: Test, grader: Grader, email: str | None) -> list[Finding]:
    findings = [Finding(FindingKind.open)]
    invited = (grader.inspera_email or "").strip().lower()
    if invited and invited != email:
        findings.append(Finding(FindingKind.invitation_elsewhere, address=invited))
    if test.guideline_published is False:
        findings.append(Finding(FindingKind.guideline_not_published))
    return findings
