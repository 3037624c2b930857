"""Who may see whose grades (SPEC §2.3). Every message, preview, Home view and file that
shows grades asks `grades_visible_to` (or `visible_grades`) first.

Private marking: a grader's grades are seen by nobody else until that grader approved
their own grading of the committee; after that by the committee's co-graders and the
test's consultants. Shared marking: the committee's graders and the test's consultants
see every grade of the committee. Agreed grades, which exist only once every grader
approved, are seen by the committee's graders and the consultants. Nobody else sees any.

Complaint grading is blind (§ 11-11, SPEC §3.11): a complaint committee grades privately,
and its graders never see the original grade of their complaint candidates, the original
committee's grades, who gave them, or the explanations given with them — whatever else
they are (a grader of another committee, a consultant). The complaint text is not stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from sqlmodel import Session

from bot.approvals.state import ApprovalSnapshot, GradeEntry, load_snapshot
from bot.exams.lookup import consultant_emails


@dataclass(frozen=True)
class VisibleGrades:
    committee: str
    # grader → candidate → grade, only for graders whose grades the viewer may see.
    by_grader: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)
    # Shared marking: the committee's current grade per candidate (latest value wins).
    committee_grades: Mapping[str, str | None] = field(default_factory=dict)
    # The committee's agreed grades (private marking after every own approval; final
    # grades in shared marking).
    agreed: Mapping[str, str] = field(default_factory=dict)


def visible_grades(
    session: Session,
    test_id: str,
    viewer_email: str,
    committee: str,
    *,
    viewer_is_admin: bool = False,
) -> VisibleGrades:
    """The grades of `committee` that `viewer_email` may see now."""
    snapshot = load_snapshot(session, test_id)
    if snapshot is None:
        return VisibleGrades(committee)
    is_consultant = viewer_is_admin or viewer_email.lower() in consultant_emails(session, test_id)
    return grades_visible_to(snapshot, viewer_email, committee, is_consultant=is_consultant)


def grades_visible_to(
    snapshot: ApprovalSnapshot, viewer_email: str, committee: str, *, is_consultant: bool
) -> VisibleGrades:
    """`visible_grades` on a snapshot already read (the approval flow's own messages)."""
    viewer = viewer_email.lower()
    graders = snapshot.graders(committee)
    is_member = viewer in graders
    if not (is_member or is_consultant):
        return VisibleGrades(committee)
    blind = blind_candidates(snapshot, viewer, committee)
    if blind and not is_member:
        return VisibleGrades(committee)  # the original committee, and who is in it
    agreed = {
        c: row.value for c, row in snapshot.agreed_grades(committee).items() if c not in blind
    }
    if snapshot.is_shared(committee):
        return VisibleGrades(
            committee,
            by_grader={g: _seen(snapshot.own_grades(g, committee), blind) for g in graders},
            committee_grades=_seen(snapshot.committee_grades(committee), blind),
            agreed=agreed,
        )
    approved = snapshot.own_approvals.get(committee, {})
    seen = [g for g in graders if g == viewer or g in approved]
    return VisibleGrades(
        committee,
        by_grader={g: _seen(snapshot.own_grades(g, committee), blind) for g in seen},
        agreed=agreed,
    )


def blind_candidates(snapshot: ApprovalSnapshot, viewer: str, committee: str) -> frozenset[str]:
    """The candidates of `committee` whose grades `viewer` may never see there: those whose
    complaints they grade, in any committee but that complaint committee itself."""
    if snapshot.is_complaint(committee) and viewer in snapshot.graders(committee):
        return frozenset()
    complaints = snapshot.complaint_candidates_of(viewer)
    return complaints & frozenset(snapshot.submitted(committee)) if complaints else frozenset()


_Value = TypeVar("_Value")


def _seen(grades: Mapping[str, _Value], blind: frozenset[str]) -> dict[str, _Value]:
    return {c: value for c, value in grades.items() if c not in blind}


def working_grades(session: Session, test_id: str, grader_email: str) -> dict[str, GradeEntry]:
    """Candidate → the grade a grader works from (grade-sheet previews, templates, resets),
    with its points and explanation: in private marking the grader's own grades only, in
    shared marking the committee's current grade (latest value wins). The same rule as
    `grades_visible_to`: never a co-grader's grade the grader may not see, and never the
    original grade of a candidate whose complaint they grade."""
    snapshot = load_snapshot(session, test_id)
    if snapshot is None:
        return {}
    grader = grader_email
    grades: dict[str, GradeEntry] = {}
    for committee in snapshot.committees_of(grader):
        blind = blind_candidates(snapshot, grader, committee)
        if snapshot.is_shared(committee):
            grades.update(_seen(snapshot.committee_entries(committee), blind))
        else:
            grades.update(_seen(snapshot.own_entries(grader, committee), blind))
    return grades
