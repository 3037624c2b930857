"""The complaint grade against the original one (§ 11-11): two or more letters apart, the
institution assesses the case again before the grade is final; otherwise it is final at
once. Only a consultant of the test makes a held grade final. Both grades are the
consultants' to see, never the complaint graders'."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session, col, select

from bot.exams import audit
from bot.exams.people import Roles
from models.tables import AgreedGrade, Candidate, Complaint, ComplaintStatus
from models.types import utcnow

LETTERS = ("A", "B", "C", "D", "E", "F")


def two_or_more_apart(original: str | None, new: str) -> bool:
    """Letter grades two or more steps apart; pass/fail grades never are. Without an
    original grade in the store there is nothing to compare, so the case is assessed."""
    if original is None:
        return True
    if original not in LETTERS or new not in LETTERS:
        return False
    return abs(LETTERS.index(original) - LETTERS.index(new)) >= 2


@dataclass(frozen=True)
class Settled:
    """What grading one complaint committee's candidates decided."""

    held: tuple[int, ...]  # complaint ids to be assessed again
    final: tuple[int, ...]
    all_final: bool  # every complaint of the test is final now


def settle(
    session: Session, test_id: str, committee: str, new_grades: Mapping[str, str], actor: str
) -> Settled:
    """The complaint committee's grades are final: each open complaint of the committee
    becomes `held` or `final`, audited with the old and the new grade."""
    now = utcnow()
    originals = original_grades(session, test_id, list(new_grades))
    held, final = [], []
    for complaint in _open_complaints(session, test_id, committee):
        new = new_grades.get(complaint.candidate_id)
        if new is None:
            continue
        old = originals.get(complaint.candidate_id)
        if two_or_more_apart(old, new):
            complaint.status, complaint.held_at = ComplaintStatus.held, now
            held.append(complaint)
        else:
            _make_final(complaint, new, actor)
            final.append(complaint)
        action = f"complaint_{complaint.status}"  # complaint_held, complaint_final
        subject = f"committee {committee}, candidate {complaint.candidate_id}"
        audit.record(session, actor, action, test_id=test_id, subject=subject, old=old, new=new)
        session.add(complaint)
    session.flush()
    return Settled(
        held=tuple(c.id for c in held if c.id is not None),
        final=tuple(c.id for c in final if c.id is not None),
        all_final=bool(final) and every_complaint_final(session, test_id),
    )


def _open_complaints(session: Session, test_id: str, committee: str) -> list[Complaint]:
    return list(
        session.exec(
            select(Complaint).where(
                Complaint.test_id == test_id,
                Complaint.complaint_committee == committee,
                Complaint.status == ComplaintStatus.open,
            )
        )
    )


def _make_final(complaint: Complaint, grade: str, by: str) -> None:
    complaint.status = ComplaintStatus.final
    complaint.final_grade, complaint.final_at, complaint.confirmed_by = grade, utcnow(), by


def original_grades(session: Session, test_id: str, candidates: list[str]) -> dict[str, str]:
    """Candidate → the grade their original committee agreed (the ordinary round's)."""
    rows = session.exec(
        select(col(AgreedGrade.candidate_id), col(AgreedGrade.value))
        .join(
            Candidate,
            (col(Candidate.test_id) == col(AgreedGrade.test_id))
            & (col(Candidate.candidate_id) == col(AgreedGrade.candidate_id))
            & (col(Candidate.committee) == col(AgreedGrade.committee)),
        )
        .where(AgreedGrade.test_id == test_id, col(AgreedGrade.candidate_id).in_(candidates))
    )
    return dict(rows.all())


def complaint_grade(session: Session, complaint: Complaint) -> str | None:
    """The grade the complaint committee agreed for the complaint's candidate."""
    return session.exec(
        select(col(AgreedGrade.value)).where(
            AgreedGrade.test_id == complaint.test_id,
            AgreedGrade.committee == complaint.complaint_committee,
            AgreedGrade.candidate_id == complaint.candidate_id,
        )
    ).first()


def every_complaint_final(session: Session, test_id: str) -> bool:
    statuses = session.exec(select(col(Complaint.status)).where(Complaint.test_id == test_id)).all()
    return bool(statuses) and all(s == ComplaintStatus.final for s in statuses)


def reopen_held(session: Session, test_id: str, committee: str) -> None:
    """The complaint committee was reopened: its held grades are to be graded again (a
    final complaint grade stays final)."""
    for complaint in session.exec(
        select(Complaint).where(
            Complaint.test_id == test_id,
            Complaint.complaint_committee == committee,
            Complaint.status == ComplaintStatus.held,
        )
    ):
        complaint.status, complaint.held_at = ComplaintStatus.open, None
        session.add(complaint)


class ConfirmRefusal(StrEnum):
    unknown = "unknown"  # no such complaint
    not_consultant = "not_consultant"
    already_final = "already_final"
    not_held = "not_held"  # still being graded, or reopened


@dataclass(frozen=True)
class Confirmed:
    complaint_id: int
    test_id: str
    refusal: ConfirmRefusal | None = None
    all_final: bool = False


def confirm_held_grade(session: Session, complaint_id: int, actor: Roles) -> Confirmed:
    """A consultant of the test assessed the case again: the held complaint grade becomes
    final, audited with the old and the new grade. Anyone else, or a complaint that is not
    held, changes nothing."""
    complaint = session.get(Complaint, complaint_id, with_for_update=True)
    if complaint is None:
        return Confirmed(complaint_id, "", ConfirmRefusal.unknown)
    test_id = complaint.test_id
    if not actor.may_administer(test_id):
        return Confirmed(complaint_id, test_id, ConfirmRefusal.not_consultant)
    if complaint.status == ComplaintStatus.final:
        return Confirmed(complaint_id, test_id, ConfirmRefusal.already_final)
    grade = complaint_grade(session, complaint)
    if complaint.status != ComplaintStatus.held or grade is None:
        return Confirmed(complaint_id, test_id, ConfirmRefusal.not_held)
    old = original_grades(session, test_id, [complaint.candidate_id]).get(complaint.candidate_id)
    _make_final(complaint, grade, actor.email or "")
    session.add(complaint)
    audit.record(
        session,
        actor.email or "",
        "complaint_confirmed",
        test_id=test_id,
        subject=f"committee {complaint.complaint_committee}, candidate {complaint.candidate_id}",
        old=old,
        new=grade,
    )
    session.flush()
    return Confirmed(complaint_id, test_id, all_final=every_complaint_final(session, test_id))


def final_complaint_grades(session: Session, test_id: str) -> dict[str, str]:
    """Candidate → final complaint grade, for the complaints that are final."""
    rows = session.exec(
        select(col(Complaint.candidate_id), col(Complaint.final_grade)).where(
            Complaint.test_id == test_id, Complaint.status == ComplaintStatus.final
        )
    ).all()
    return {candidate: grade for candidate, grade in rows if grade is not None}
